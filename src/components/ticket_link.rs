//! A ticket's number as a link that opens the record in ServiceNow, in a new tab.

use yew::prelude::*;

use crate::hooks::use_connection;
use crate::servicenow::TicketRow;

#[derive(Properties, PartialEq)]
pub struct TicketLinkProps {
    pub ticket: TicketRow,
}

#[component]
pub fn TicketLink(props: &TicketLinkProps) -> Html {
    let connection = use_connection();
    let texts = &connection.texts.tickets;
    let href = match connection.client() {
        Some(client) => client
            .settings()
            .instance
            .record_url(props.ticket.kind.table(), &props.ticket.sys_id),
        None => String::new(),
    };
    html! {
        <a class="sc-ticket-number" {href} target="_blank" rel="noopener noreferrer">
            { &props.ticket.number }
            <span class="sc-visually-hidden">{" "}{ texts.opens_in_servicenow }</span>
        </a>
    }
}
