//! A page of tickets as a table: number (a link into ServiceNow), type when both tables are
//! listed, name, state, priority, due date (overdue marked) and when it was created.

use yew::prelude::*;

use crate::hooks::{use_preferences, use_services, use_texts};
use crate::servicenow::{TicketKind, TicketRow};

use super::dates::local_date;
use super::due_date::DueDate;
use super::recent_tickets::priority_text;
use super::ticket_link::TicketLink;

#[derive(Properties, PartialEq)]
pub struct TicketTableProps {
    pub rows: Vec<TicketRow>,
    /// Adds the "Type" column.
    pub both_tables: bool,
    pub caption: AttrValue,
}

#[component]
pub fn TicketTable(props: &TicketTableProps) -> Html {
    let preferences = use_preferences();
    let services = use_services();
    let texts_all = use_texts();
    let texts = &texts_all.tickets;
    let names = preferences.state_names();
    let now = (services.clock)();
    let rows = props.rows.iter().map(|ticket| {
        let kind = match ticket.kind {
            TicketKind::ChangeRequest => texts.change_request,
            TicketKind::Incident => texts.incident,
        };
        html! {
            <tr key={format!("{}:{}", ticket.kind.table(), ticket.sys_id)}>
                <th scope="row"><TicketLink ticket={ticket.clone()} /></th>
                if props.both_tables { <td>{ kind }</td> }
                <td class="sc-ticket-name">{ &ticket.name }</td>
                <td>{ names.name(ticket.kind, &ticket.state.value, &ticket.state.display, texts) }</td>
                <td>{ priority_text(ticket, &texts_all.share.priorities) }</td>
                <td><DueDate ticket={ticket.clone()} {now} /></td>
                <td>{ ticket.created.map(|at| local_date(at, texts_all.locale)).unwrap_or_default() }</td>
            </tr>
        }
    });
    html! {
        <div class="sc-table-wrap">
            <table class="sc-table">
                <caption class="sc-visually-hidden">{ props.caption.clone() }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ texts.number }</th>
                        if props.both_tables { <th scope="col">{ texts.kind_column }</th> }
                        <th scope="col">{ texts.name }</th>
                        <th scope="col">{ texts.state }</th>
                        <th scope="col">{ texts.priority }</th>
                        <th scope="col">{ texts.due }</th>
                        <th scope="col">{ texts.created }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
