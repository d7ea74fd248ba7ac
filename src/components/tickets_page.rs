//! "View all tickets": one table or both, sorted, filtered by state and priority, searched
//! by number and name. ServiceNow does the sorting, filtering and searching; the page shows
//! one page at a time, so 10,000 tickets cost what 25 do. What is listed, and which page, is
//! the address's: Back, Forward and a reload come back to it.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::route::{Route, TicketsFilter};
use crate::app::TicketsScope;
use crate::hooks::{
    use_focus_on_arrival, use_nav, use_preferences, use_texts, use_ticket_list, PageAt,
};
use crate::i18n::fill;
use crate::servicenow::{Priority, TicketQuery, Whose};

use super::card_error::CardError;
use super::dates::number;
use super::ticket_filters::TicketFilters;
use super::ticket_pager::TicketPager;
use super::ticket_table::TicketTable;

#[derive(Properties, PartialEq)]
pub struct TicketsPageProps {
    pub filter: TicketsFilter,
}

/// The query the filter asks ServiceNow for.
pub fn query_of(filter: &TicketsFilter, every_ticket: bool) -> TicketQuery {
    TicketQuery {
        whose: if every_ticket {
            Whose::Everyone
        } else {
            Whose::Snowcard
        },
        states: filter.state.clone().into_iter().collect(),
        priorities: filter.priority.into_iter().collect::<Vec<Priority>>(),
        search: filter.search.clone(),
        sort: filter.sort,
    }
}

#[component]
pub fn TicketsPage(props: &TicketsPageProps) -> Html {
    let texts_all = use_texts();
    let texts = &texts_all.tickets;
    let (nav, preferences) = (use_nav(), use_preferences());
    let heading = use_focus_on_arrival();
    let every = use_memo((), move |_| preferences.show_every_ticket());
    let filter = props.filter.clone();
    let query = query_of(&filter, *every);
    // The pager's target, found by its `Link` or cursor, for the page it moves the address to.
    let pending: Rc<RefCell<Option<(TicketsFilter, PageAt)>>> = use_mut_ref(|| None);
    // Where the listed page is, for the filter it was found for. When the address moves (the
    // pager, a filter, Back or Forward), the new place is found before anything is asked for.
    let shown: Rc<RefCell<Option<(TicketsFilter, PageAt)>>> = use_mut_ref(|| None);
    let at = {
        let mut shown = shown.borrow_mut();
        match shown.as_ref() {
            Some((for_filter, at)) if *for_filter == filter => at.clone(),
            _ => {
                let at = match pending.borrow_mut().take() {
                    Some((for_filter, target)) if for_filter == filter => target,
                    _ => PageAt::numbered(filter.scope, &query, filter.page),
                };
                *shown = Some((filter.clone(), at.clone()));
                at
            }
        }
    };
    let retry = use_state(|| 0u32);
    let list = use_ticket_list(filter.scope, query, at, *retry);

    let on_filter = {
        let nav = nav.clone();
        // Any change of what is listed starts again at its first page.
        Callback::from(move |next: TicketsFilter| {
            nav.push(&Route::Tickets(TicketsFilter { page: 1, ..next }))
        })
    };
    // A page the pager moves to: the list reads it from its link, the address names its number.
    let on_page = {
        let (nav, filter, pending, loading) =
            (nav.clone(), filter.clone(), pending.clone(), list.loading);
        Callback::from(move |(page, target): (u32, PageAt)| {
            if loading {
                return;
            }
            let next = TicketsFilter {
                page,
                ..filter.clone()
            };
            *pending.borrow_mut() = Some((next.clone(), target));
            nav.push(&Route::Tickets(next));
        })
    };
    let back = Callback::from(move |_| nav.push(&Route::Home));
    let on_retry = {
        let retry = retry.clone();
        Callback::from(move |()| retry.set(retry.wrapping_add(1)))
    };

    let listed = list.listed.clone();
    let range = listed.as_ref().map(|l| {
        let to = l.offset + l.rows.len() as u64;
        let locale = texts_all.locale;
        let total = l
            .total
            .map(|t| number(t, locale))
            .unwrap_or_else(|| "?".into());
        if l.rows.is_empty() {
            texts.none_match.to_owned()
        } else {
            fill(
                texts.range,
                &[
                    ("from", &number(l.offset + 1, locale)),
                    ("to", &number(to, locale)),
                    ("total", &total),
                ],
            )
        }
    });
    let caption = format!(
        "{}: {}",
        texts.list_title,
        range.clone().unwrap_or_default()
    );
    html! {
        <section class="sc-card sc-tickets" aria-labelledby="sc-tickets-title">
            <h2 id="sc-tickets-title" class="sc-card-title" tabindex="-1" ref={heading}>{ texts.list_title }</h2>
            <TicketFilters filter={filter.clone()} {on_filter} />
            <p class="sc-range">
                <span role="status">{ range.clone().unwrap_or_default() }</span>
                if list.loading { <span class="sc-muted">{" "}{ texts.refreshing }</span> }
            </p>
            if let Some(error) = list.error.clone() { <CardError {error} on_retry={on_retry} /> }
            <div aria-busy={list.loading.to_string()}>
                if let Some(l) = listed.as_ref().filter(|l| !l.rows.is_empty()) {
                    <TicketTable rows={l.rows.clone()} both_tables={filter.scope == TicketsScope::All} {caption} />
                }
            </div>
            <TicketPager page={filter.page} listed={listed.clone()} {on_page} />
            <div class="sc-actions">
                <button type="button" class="sc-button" onclick={back}>{ texts.back_home }</button>
            </div>
        </section>
    }
}
