//! The home page once connected: the connection, then the change and incident cards, which
//! refresh on their own while the page is visible.

use yew::prelude::*;

use crate::app::state::Connected;
use crate::hooks::{use_connection, use_visible_interval};
use crate::servicenow::{TicketKind, Whose};
use crate::storage::keys;

use super::connected_card::ConnectedCard;
use super::ticket_card::TicketCard;

/// How often the cards refresh while the page is visible.
pub const REFRESH_MS: u32 = 30_000;

#[derive(Properties, PartialEq)]
pub struct HomePageProps {
    pub connected: Connected,
}

#[component]
pub fn HomePage(props: &HomePageProps) -> Html {
    let connection = use_connection();
    let texts = &connection.texts.tickets;
    let everyone = use_state(|| {
        matches!(
            connection
                .services
                .store
                .load_or_clear::<bool>(keys::SHOW_EVERY_TICKET),
            Ok(Some(true))
        )
    });
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
        let (everyone, connection) = (everyone.clone(), connection.clone());
        Callback::from(move |_: Event| {
            let next = !*everyone;
            // Only a preference: a refused write just forgets it on reload.
            let _ = connection
                .services
                .store
                .save(keys::SHOW_EVERY_TICKET, &next);
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
        </>
    }
}
