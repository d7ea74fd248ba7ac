//! "View all tickets": one table or both, sorted, filtered by state and priority, searched
//! by number and name. ServiceNow does the sorting, filtering and searching; the page shows
//! one page at a time, so 10,000 tickets cost what 25 do.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::state_names::{states_to_name, TABLES};

use super::dates::number;
use crate::app::{TicketsScope, View};
use crate::hooks::{
    use_connection, use_focus_on_arrival, use_instance_states, use_ticket_list, PageAt,
};
use crate::i18n::fill;
use crate::servicenow::{Priority, Sort, SortField, TicketKind, TicketQuery, Whose};
use crate::storage::keys;

use super::card_error::CardError;
use super::choice_field::ChoiceField;
use super::ticket_table::TicketTable;

#[derive(Properties, PartialEq)]
pub struct TicketsPageProps {
    pub scope: TicketsScope,
}

fn scope_value(scope: TicketsScope) -> &'static str {
    match scope {
        TicketsScope::All => "all",
        TicketsScope::Only(TicketKind::ChangeRequest) => "change_request",
        TicketsScope::Only(TicketKind::Incident) => "incident",
    }
}

fn sort_value(sort: Sort) -> String {
    format!(
        "{}-{}",
        sort.field.column(),
        if sort.descending { "desc" } else { "asc" }
    )
}

fn parse_sort(value: &str) -> Sort {
    let (column, direction) = value.split_once('-').unwrap_or((value, "desc"));
    let field = SortField::ALL
        .into_iter()
        .find(|f| f.column() == column)
        .unwrap_or_default();
    Sort {
        field,
        descending: direction != "asc",
    }
}

#[component]
pub fn TicketsPage(props: &TicketsPageProps) -> Html {
    let connection = use_connection();
    let texts = &connection.texts.tickets;
    let heading = use_focus_on_arrival();
    let scope = use_state(|| props.scope);
    let query = use_state(|| TicketQuery {
        whose: match connection
            .services
            .store
            .load_or_clear::<bool>(keys::SHOW_EVERY_TICKET)
        {
            Ok(Some(true)) => Whose::Everyone,
            _ => Whose::Snowcard,
        },
        ..Default::default()
    });
    let search = use_state(|| query.search.clone());
    let at = use_state(|| PageAt::first(*scope, &query));
    let retry = use_state(|| 0u32);
    let list = use_ticket_list(*scope, (*query).clone(), at.clone(), *retry);
    let instance_states = use_instance_states();

    // Any change of what is listed starts again at its first page.
    let apply = {
        let (scope, query, at) = (scope.clone(), query.clone(), at.clone());
        Callback::from(move |(next_scope, next): (TicketsScope, TicketQuery)| {
            at.set(PageAt::first(next_scope, &next));
            scope.set(next_scope);
            query.set(next);
        })
    };
    let on_scope = {
        let (apply, query) = (apply.clone(), query.clone());
        Callback::from(move |value: String| {
            let next_scope = match value.as_str() {
                "change_request" => TicketsScope::Only(TicketKind::ChangeRequest),
                "incident" => TicketsScope::Only(TicketKind::Incident),
                _ => TicketsScope::All,
            };
            // State values differ between tables: a state filter does not carry over.
            let next = TicketQuery {
                states: Vec::new(),
                ..(*query).clone()
            };
            apply.emit((next_scope, next));
        })
    };
    // A change to the query, from a drop-down's new value.
    let edit = |change: fn(&mut TicketQuery, String)| {
        let (apply, query, scope) = (apply.clone(), query.clone(), scope.clone());
        Callback::from(move |value: String| {
            let mut next = (*query).clone();
            change(&mut next, value);
            apply.emit((*scope, next));
        })
    };
    let on_sort = edit(|q, value| q.sort = parse_sort(&value));
    let on_state =
        edit(|q, value| q.states = Some(value).filter(|v| !v.is_empty()).into_iter().collect());
    let on_priority = edit(|q, value| {
        q.priorities = value
            .parse()
            .ok()
            .and_then(Priority::from_number)
            .into_iter()
            .collect();
    });
    let on_search_input = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            search.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_search = {
        let (apply, query, scope, search) =
            (apply.clone(), query.clone(), scope.clone(), search.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            apply.emit((
                *scope,
                TicketQuery {
                    search: (*search).clone(),
                    ..(*query).clone()
                },
            ));
        })
    };
    let clear = {
        let (apply, query, scope, search) =
            (apply.clone(), query.clone(), scope.clone(), search.clone());
        Callback::from(move |_| {
            search.set(String::new());
            let next = TicketQuery {
                whose: query.whose,
                ..Default::default()
            };
            apply.emit((*scope, next));
        })
    };
    // A button stays enabled while its page loads, so keyboard focus stays on it; a click
    // meanwhile is ignored.
    let go = |target: Option<PageAt>| {
        let (at, loading) = (at.clone(), list.loading);
        let disabled = target.is_none();
        let onclick = Callback::from(move |_| {
            if let Some(target) = target.clone().filter(|_| !loading) {
                at.set(target);
            }
        });
        (disabled, onclick)
    };
    let listed = list.listed.clone();
    let (first_disabled, first) = go(listed.as_ref().and_then(|l| l.first.clone()));
    let (prev_disabled, prev) = go(listed.as_ref().and_then(|l| l.prev.clone()));
    let (next_disabled, next) = go(listed.as_ref().and_then(|l| l.next.clone()));
    let back = {
        let connection = connection.clone();
        Callback::from(move |_| connection.show(View::Home))
    };
    let on_retry = {
        let retry = retry.clone();
        Callback::from(move |()| retry.set(retry.wrapping_add(1)))
    };

    let scopes = vec![
        ("all".into(), texts.all_tables.into()),
        ("change_request".into(), texts.change_requests.into()),
        ("incident".into(), texts.incidents.into()),
    ];
    let sorts: Vec<(AttrValue, AttrValue)> = SortField::ALL
        .into_iter()
        .zip(texts.sorts)
        .flat_map(|(field, (desc, asc))| {
            [
                (
                    sort_value(Sort {
                        field,
                        descending: true,
                    })
                    .into(),
                    desc.into(),
                ),
                (
                    sort_value(Sort {
                        field,
                        descending: false,
                    })
                    .into(),
                    asc.into(),
                ),
            ]
        })
        .collect();
    let state_filter = match *scope {
        TicketsScope::Only(kind) => {
            let names = connection.state_names();
            let index = TABLES.iter().position(|k| *k == kind).unwrap_or(0);
            let options = std::iter::once(("".into(), texts.any_state.into()))
                .chain(
                    states_to_name(kind, instance_states.of(index), &names, texts)
                        .into_iter()
                        .map(|state| {
                            let shown =
                                names.name(kind, &state.value, &state.servicenow_name, texts);
                            (state.value.into(), shown.into())
                        }),
                )
                .collect::<Vec<(AttrValue, AttrValue)>>();
            let selected: AttrValue = query.states.first().cloned().unwrap_or_default().into();
            html! { <ChoiceField id="sc-filter-state" label={texts.state_filter} {options} {selected} onchange={on_state} /> }
        }
        TicketsScope::All => html! {
            <div class="sc-field"><p class="sc-label">{ texts.state_filter }</p>
                <p class="sc-hint">{ texts.state_filter_hint }</p></div>
        },
    };
    let priorities = std::iter::once(("".into(), texts.any_priority.into()))
        .chain(
            Priority::ALL
                .into_iter()
                .zip(connection.texts.share.priorities)
                .map(|(p, label)| (p.number().to_string().into(), label.into())),
        )
        .collect::<Vec<(AttrValue, AttrValue)>>();
    let selected_priority: AttrValue = query
        .priorities
        .first()
        .map(|p| p.number().to_string())
        .unwrap_or_default()
        .into();

    let range = listed.as_ref().map(|l| {
        let to = l.offset + l.rows.len() as u64;
        let locale = connection.texts.locale;
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
            <div class="sc-toolbar">
                <ChoiceField id="sc-filter-table" label={texts.table_label} options={scopes}
                    selected={scope_value(*scope)} onchange={on_scope} />
                <ChoiceField id="sc-sort" label={texts.sort_label} options={sorts}
                    selected={sort_value(query.sort)} onchange={on_sort} />
                { state_filter }
                <ChoiceField id="sc-filter-priority" label={texts.priority_filter} options={priorities}
                    selected={selected_priority} onchange={on_priority} />
            </div>
            <form class="sc-toolbar" role="search" onsubmit={on_search}>
                <div class="sc-field">
                    <label for="sc-ticket-search">{ texts.search_label }</label>
                    <input id="sc-ticket-search" type="search" value={(*search).clone()}
                        oninput={on_search_input} aria-describedby="sc-ticket-search-hint" maxlength="100" />
                    <p id="sc-ticket-search-hint" class="sc-hint">{ texts.search_hint }</p>
                </div>
                <div class="sc-toolbar-actions">
                    <button type="submit" class="sc-button sc-primary">{ texts.search_button }</button>
                    <button type="button" class="sc-button" onclick={clear}>{ texts.clear_filters }</button>
                </div>
            </form>
            <p class="sc-range">
                <span role="status">{ range.clone().unwrap_or_default() }</span>
                if list.loading { <span class="sc-muted">{" "}{ texts.refreshing }</span> }
            </p>
            if let Some(error) = list.error.clone() { <CardError {error} on_retry={on_retry} /> }
            <div aria-busy={list.loading.to_string()}>
                if let Some(l) = listed.as_ref().filter(|l| !l.rows.is_empty()) {
                    <TicketTable rows={l.rows.clone()} both_tables={*scope == TicketsScope::All} {caption} />
                }
            </div>
            <nav class="sc-actions sc-pager" aria-label={texts.list_title}>
                <button type="button" class="sc-button" disabled={first_disabled} onclick={first}>{ texts.first_page }</button>
                <button type="button" class="sc-button" disabled={prev_disabled} onclick={prev}>{ texts.previous_page }</button>
                <button type="button" class="sc-button" disabled={next_disabled} onclick={next}>{ texts.next_page }</button>
            </nav>
            <div class="sc-actions">
                <button type="button" class="sc-button" onclick={back}>{ texts.back_home }</button>
            </div>
        </section>
    }
}
