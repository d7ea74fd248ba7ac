//! Polite live regions that tell screen reader users where the connection stands and what
//! an action achieved.

use yew::prelude::*;

use crate::app::{Connection, Step};
use crate::hooks::{use_announcement, use_connection, use_describer, use_texts};
use crate::i18n::{fill, Texts};

/// The sentence announced for the current state; also used for visible status lines.
pub fn status_text(texts: &'static Texts, connection: &Connection) -> String {
    match connection {
        Connection::Disconnected => String::new(),
        Connection::Busy(step) => step_text(texts, *step).to_owned(),
        Connection::Connected(c) => match &c.user {
            Some(user) => fill(
                texts.connected_as,
                &[
                    ("instance", &c.instance.host_label()),
                    ("user", &user.display_name),
                ],
            ),
            None => texts.loading_user.to_owned(),
        },
        Connection::Failed(_) => String::new(),
    }
}

pub fn step_text(texts: &'static Texts, step: Step) -> &'static str {
    match step {
        Step::CheckingInstance => texts.checking_instance,
        Step::Redirecting => texts.redirecting,
        Step::Completing => texts.completing,
        Step::Removing => texts.manage.removing,
    }
}

#[component]
pub fn LiveRegion() -> Html {
    let connection = use_connection();
    let describer = use_describer();
    let texts_all = use_texts();
    let state = connection.state();
    let text = match (&state.connection, &state.removed) {
        (Connection::Disconnected, Some(removal)) => {
            super::removal_notice::removal_summary(&texts_all.manage, removal)
        }
        // A failure is told by its title; the panel below says what to do.
        (Connection::Failed(error), _) => describer.describe(error).title,
        (other, _) => status_text(texts_all, other),
    };
    html! {
        <>
            <p class="sc-visually-hidden" role="status" aria-live="polite">{ text }</p>
            <AnnouncementRegion />
        </>
    }
}

/// The outcomes announced (a ticket created): the only thing an announcement re-renders.
#[component]
fn AnnouncementRegion() -> Html {
    let announcement = use_announcement();
    html! {
        <p class="sc-visually-hidden" role="status" aria-live="polite">{ announcement }</p>
    }
}
