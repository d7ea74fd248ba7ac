//! A card's most recent tickets: number (a link into ServiceNow), name, state, priority and
//! due date, overdue ones marked.

use yew::prelude::*;

use crate::hooks::{use_preferences, use_services, use_texts};
use crate::servicenow::TicketRow;

use super::due_date::DueDate;
use super::ticket_link::TicketLink;

#[derive(Properties, PartialEq)]
pub struct RecentTicketsProps {
    pub tickets: Vec<TicketRow>,
    pub label: AttrValue,
}

#[component]
pub fn RecentTickets(props: &RecentTicketsProps) -> Html {
    let preferences = use_preferences();
    let services = use_services();
    let texts_all = use_texts();
    let names = preferences.state_names();
    let now = (services.clock)();
    let texts = &texts_all.tickets;
    let items = props.tickets.iter().map(|ticket| {
        let state = names.name(ticket.kind, &ticket.state.value, &ticket.state.display, texts);
        html! {
            <li class="sc-recent-item" key={ticket.sys_id.clone()}>
                <p class="sc-recent-title">
                    <TicketLink ticket={ticket.clone()} />
                    {" "}<span class="sc-recent-name">{ &ticket.name }</span>
                </p>
                <p class="sc-recent-facts">
                    <span><span class="sc-visually-hidden">{ texts.state }{": "}</span>{ state }</span>
                    <span><span class="sc-visually-hidden">{ texts.priority }{": "}</span>{ priority_text(ticket, &texts_all.share.priorities) }</span>
                    <span><span class="sc-visually-hidden">{ texts.due }{": "}</span>
                        <DueDate ticket={ticket.clone()} {now} /></span>
                </p>
            </li>
        }
    });
    html! {
        <ul class="sc-recent" aria-label={props.label.clone()}>{ for items }</ul>
    }
}

/// The instance's name for the priority ("2 - High"), else its number.
/// The instance's name for the ticket's priority (in the ServiceNow user's language), else
/// ServiceNow's default name in `priorities` (the locale's, "1 - Critical" first), else the
/// raw value.
pub fn priority_text(ticket: &TicketRow, priorities: &[&'static str; 5]) -> String {
    let shown = ticket.priority.display.trim();
    if !shown.is_empty() {
        return shown.to_owned();
    }
    let value = ticket.priority.value.trim();
    value
        .parse::<usize>()
        .ok()
        .and_then(|n| priorities.get(n.checked_sub(1)?))
        .map_or_else(|| value.to_owned(), |name| (*name).to_owned())
}
