//! A ticket's due date in the person's own format, marked in words when it has passed.

use chrono::{DateTime, Utc};
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::servicenow::TicketRow;

use super::dates::local_date;

#[derive(Properties, PartialEq)]
pub struct DueDateProps {
    pub ticket: TicketRow,
    pub now: DateTime<Utc>,
}

#[component]
pub fn DueDate(props: &DueDateProps) -> Html {
    let all = use_texts();
    let texts = &all.tickets;
    match props.ticket.due {
        None => html! { <span class="sc-muted">{ texts.no_due_date }</span> },
        Some(due) => html! {
            <>
                <time datetime={due.to_rfc3339()}>{ local_date(due, all.locale) }</time>
                if props.ticket.is_overdue(props.now) {
                    {" "}<span class="sc-overdue">{ texts.overdue }</span>
                }
            </>
        },
    }
}
