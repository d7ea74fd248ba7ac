//! The home page once connected: the connection, then the change and incident cards, which
//! refresh on their own while the page is visible, then Microsoft 365's connection (connect
//! here or on the improvement actions page; once connected, who is signed in).

use yew::prelude::*;

use crate::app::state::Connected;
use crate::hooks::{use_preferences, use_texts, use_visible_interval};
use crate::servicenow::{TicketKind, Whose};

use super::connected_card::ConnectedCard;
use super::microsoft_card::MicrosoftCard;
use super::ticket_card::TicketCard;

/// How often the cards refresh while the page is visible.
pub const REFRESH_MS: u32 = 30_000;

#[derive(Properties, PartialEq)]
pub struct HomePageProps {
    pub connected: Connected,
}

#[component]
pub fn HomePage(props: &HomePageProps) -> Html {
    let preferences = use_preferences();
    let texts = &use_texts().tickets;
    let everyone = {
        let preferences = preferences.clone();
        use_state(move || preferences.show_every_ticket())
    };
    let beat = use_state(|| 0u32);
    {
        let beat = beat.clone();
        use_visible_interval(
            REFRESH_MS,
            Callback::from(move |()| beat.set(beat.wrapping_add(1))),
        );
    }
    let whose = if *everyone {
        Whose::Everyone
    } else {
        Whose::Snowcard
    };
    let toggle = {
        let everyone = everyone.clone();
        Callback::from(move |_: Event| {
            let next = !*everyone;
            // Only a preference: a refused write just forgets it on reload.
            preferences.set_show_every_ticket(next);
            everyone.set(next);
        })
    };
    html! {
        <>
            <ConnectedCard connected={props.connected.clone()} />
            <div class="sc-switch">
                <input id="sc-show-every" type="checkbox" role="switch" checked={*everyone}
                    onchange={toggle} aria-describedby="sc-show-every-hint" />
                <label for="sc-show-every">{ texts.whose_label }</label>
                <p id="sc-show-every-hint" class="sc-hint">{ texts.whose_hint }</p>
            </div>
            <div class="sc-cards">
                <TicketCard kind={TicketKind::ChangeRequest} {whose} beat={*beat} />
                <TicketCard kind={TicketKind::Incident} {whose} beat={*beat} />
            </div>
            <MicrosoftCard />
        </>
    }
}
