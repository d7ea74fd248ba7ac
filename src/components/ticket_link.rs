//! A ticket's number as a link that opens the record in ServiceNow, in a new tab.

use yew::prelude::*;

use crate::hooks::{use_connection, use_texts};
use crate::servicenow::TicketRow;

#[derive(Properties, PartialEq)]
pub struct TicketLinkProps {
    pub ticket: TicketRow,
}

#[component]
pub fn TicketLink(props: &TicketLinkProps) -> Html {
    let connection = use_connection();
    let texts_all = use_texts();
    let texts = &texts_all.tickets;
    // Signed out mid-render there is no instance to link to: the number alone.
    let Some(client) = connection.client() else {
        return html! { <span class="sc-ticket-number">{ &props.ticket.number }</span> };
    };
    let href = client
        .settings()
        .instance
        .record_url(props.ticket.kind.table(), &props.ticket.sys_id);
    html! {
        <a class="sc-ticket-number" {href} target="_blank" rel="noopener noreferrer">
            { &props.ticket.number }
            <span class="sc-visually-hidden">{" "}{ texts.opens_in_servicenow }</span>
        </a>
    }
}
