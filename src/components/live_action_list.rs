//! The tenant's own improvement actions, live from Microsoft 365: its Secure Score, then
//! each action with its points, status and share menu, filtered by the page's search and
//! category, in Microsoft's rank order.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::app::catalog::Category;
use crate::app::live_actions::{tickets_of, to_shareable, LiveList};
use crate::app::route::{action_sort_value, status_value, ActionsFilter, Route};
use crate::app::share::ShareDraft;
use crate::hooks::{use_connection, use_nav, use_texts, LiveState};
use crate::i18n::{fill, Texts};
use crate::microsoft::score::{self, points, ActionFilter, ActionSort};
use crate::microsoft::{ActionStatus, GraphError, LiveAction, SessionError};

use super::choice_field::ChoiceField;

/// The position of `status` in `ActionStatus::ALL`, for its translated name.
fn status_index(status: ActionStatus) -> usize {
    ActionStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(0)
}
use crate::servicenow::correlation::ActionTickets;

use super::actions_page::category_index;
use super::dates::today_local;
use super::share_menu::{closed_share_button, closed_share_target, opens_menu, ShareMenu};

/// The share buttons' ids: this prefix and the row's number in the list shown.
const SHARE_ID: &str = "sc-share-";

#[derive(Properties, PartialEq)]
pub struct LiveActionListProps {
    pub state: LiveState,
    pub filter: ActionsFilter,
    pub on_copied: Callback<Option<bool>>,
    /// Loads the list from Microsoft Graph again (Retry, Refresh).
    pub on_retry: Callback<()>,
}

/// The actions the filter lets through, in its order.
fn shown<'a>(
    actions: &'a [LiveAction],
    filter: &ActionsFilter,
    tickets: Option<&ActionTickets>,
) -> Vec<&'a LiveAction> {
    let wanted = ActionFilter {
        category: None,
        status: filter.status,
        service: filter.service.clone(),
        search: filter.search.clone(),
        show_deprecated: filter.deprecated,
        // Until the tickets are found, "shared" cannot be told: nothing is left out for it.
        shared: filter.shared.filter(|_| tickets.is_some()),
    };
    let mut shown: Vec<&LiveAction> = actions
        .iter()
        .filter(|a| filter.category.is_none() || Category::parse(&a.category) == filter.category)
        .filter(|a| {
            let shared = tickets.is_some_and(|t| t.by_action.contains_key(&a.id));
            wanted.matches(a, shared)
        })
        .collect();
    score::sort(&mut shown, filter.sort);
    shown
}

#[derive(Properties, PartialEq)]
struct LiveToolbarProps {
    filter: ActionsFilter,
    services: Vec<String>,
}

/// Order, status, service, shared and deprecated: each a move of the address.
#[component]
fn LiveToolbar(props: &LiveToolbarProps) -> Html {
    let nav = use_nav();
    let ms = &use_texts().microsoft;
    let filter = props.filter.clone();
    let change = |apply: fn(&mut ActionsFilter, String)| {
        let (nav, filter) = (nav.clone(), filter.clone());
        Callback::from(move |value: String| {
            let mut next = filter.clone();
            apply(&mut next, value);
            nav.push(&Route::Actions(next));
        })
    };
    type Options = Vec<(AttrValue, AttrValue)>;
    let sorts: Options = ActionSort::ALL
        .into_iter()
        .zip(ms.sorts)
        .map(|(s, label)| (action_sort_value(s).into(), label.into()))
        .collect();
    let statuses: Options = std::iter::once(("".into(), ms.any_status.into()))
        .chain(
            ActionStatus::ALL
                .into_iter()
                .zip(ms.statuses)
                .map(|(s, label)| (status_value(s).into(), label.into())),
        )
        .collect();
    let services: Options = std::iter::once(("".into(), ms.any_service.into()))
        .chain(
            props
                .services
                .iter()
                .map(|s| (s.clone().into(), s.clone().into())),
        )
        .collect();
    let shared: Options = ["", "yes", "no"]
        .into_iter()
        .zip(ms.shared_choices)
        .map(|(v, label)| (v.into(), label.into()))
        .collect();
    let on_deprecated = {
        let (nav, filter) = (nav.clone(), filter.clone());
        Callback::from(move |e: Event| {
            let shown = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            nav.push(&Route::Actions(ActionsFilter {
                deprecated: shown,
                ..filter.clone()
            }));
        })
    };
    let shared_value = match filter.shared {
        None => "",
        Some(true) => "yes",
        Some(false) => "no",
    };
    html! {
        <div class="sc-toolbar">
            <ChoiceField id="sc-live-sort" label={ms.sort_label} options={sorts}
                selected={action_sort_value(filter.sort)}
                onchange={change(|f, v| f.sort = ActionSort::ALL.into_iter().find(|s| action_sort_value(*s) == v).unwrap_or_default())} />
            <ChoiceField id="sc-live-status" label={ms.status_label} options={statuses}
                selected={filter.status.map(status_value).unwrap_or_default()}
                onchange={change(|f, v| f.status = ActionStatus::ALL.into_iter().find(|s| status_value(*s) == v))} />
            <ChoiceField id="sc-live-service" label={ms.service_label} options={services}
                selected={filter.service.clone().unwrap_or_default()}
                onchange={change(|f, v| f.service = Some(v).filter(|v| !v.is_empty()))} />
            <ChoiceField id="sc-live-shared" label={ms.shared_label} options={shared}
                selected={shared_value}
                onchange={change(|f, v| f.shared = match v.as_str() { "yes" => Some(true), "no" => Some(false), _ => None })} />
            <div class="sc-switch">
                <input id="sc-live-deprecated" type="checkbox" checked={filter.deprecated} onchange={on_deprecated} />
                <label for="sc-live-deprecated">{ ms.deprecated_label }</label>
            </div>
        </div>
    }
}

/// The ServiceNow tickets of every action listed, found in one lookup per page of
/// correlation ids per table once the list is there.
#[hook]
fn use_tickets_of(state: &LiveState) -> Option<Rc<ActionTickets>> {
    let connection = use_connection();
    let found = use_state(|| None::<Rc<ActionTickets>>);
    let list = match state {
        LiveState::Loaded(list) => Some(list.clone()),
        _ => None,
    };
    {
        let set = found.setter();
        use_effect_with(list, move |list| {
            let (Some(list), Some(client)) = (list.clone(), connection.client()) else {
                return;
            };
            spawn_local(async move {
                // Without them the list still shows; a failed lookup costs only the tickets.
                if let Ok(tickets) = tickets_of(&client, &list.actions).await {
                    set.set(Some(Rc::new(tickets)));
                }
            });
        });
    }
    (*found).clone()
}

/// The list while it is not there: loading, waiting out Graph's throttle, or what went
/// wrong with what to do and Retry.
fn not_loaded(
    texts_all: &'static crate::i18n::Texts,
    state: &LiveState,
    on_retry: &Callback<()>,
) -> Html {
    let ms = &texts_all.microsoft;
    let text = match state {
        LiveState::Off | LiveState::Loading | LiveState::Loaded(_) => {
            return html! { <p class="sc-progress" aria-busy="true"><span class="sc-spinner" aria-hidden="true"></span>{ ms.loading_actions }</p> };
        }
        LiveState::Waiting { asked, left } => {
            // The reason is announced once; the countdown beside it is not read out each second.
            return html! {
                <div class="sc-progress" aria-busy="true">
                    <p role="status">{ fill(ms.waiting, &[("seconds", &texts_all.seconds(*asked))]) }</p>
                    <p aria-hidden="true"><span class="sc-spinner"></span>
                        { fill(ms.waiting_countdown, &[("seconds", &texts_all.seconds(*left))]) }</p>
                </div>
            };
        }
        LiveState::Failed(error) => graph_refusal(texts_all, error, ms.error_forbidden),
    };
    let retry = on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="sc-error sc-error-inline">
            <p class="sc-field-error" role="alert">{ text }</p>
            <button type="button" class="sc-button" onclick={retry}>{ texts_all.tickets.retry }</button>
        </div>
    }
}

/// The row whose share menu was opened, on which list and filter.
#[derive(Clone)]
struct OpenMenu {
    list: Rc<LiveList>,
    filter: ActionsFilter,
    id: String,
}

/// What a refusal of a Graph call means and what to do; `forbidden` says which role the
/// call needs (reading the list, or noting a ticket).
pub fn graph_refusal(all: &Texts, error: &SessionError, forbidden: &str) -> String {
    let ms = &all.microsoft;
    match error {
        SessionError::Graph(GraphError::Forbidden { .. }) => forbidden.to_owned(),
        SessionError::Graph(GraphError::RateLimited { retry_after_secs }) => fill(
            ms.error_rate_limited,
            &[("seconds", &all.seconds(*retry_after_secs))],
        ),
        SessionError::SignIn(e) if e.ends_session() => ms.error_sign_in_again.to_owned(),
        other => fill(ms.error_other, &[("detail", &other.to_string())]),
    }
}

/// A row's two lines, each one string (one text node rather than one per piece: a list of
/// 500 rows makes thousands fewer nodes), reading as the pieces did: "{category} · {service}
/// · Max score: {achieved} / {max}", then "Status: {status} · Rank: {rank} · User impact:
/// {impact} · Implementation cost: {cost}", each part only when known.
fn row_lines(action: &LiveAction, texts: &crate::i18n::Texts) -> (String, String) {
    let (share, ms, colon) = (&texts.share, &texts.microsoft, texts.colon);
    let mut place = String::with_capacity(96);
    match Category::parse(&action.category) {
        Some(c) => place.push_str(share.categories[category_index(c)]),
        None => place.push_str(&action.category),
    }
    if !action.service.is_empty() {
        place.extend([" · ", action.service.as_str()]);
    }
    let achieved = action.score.map(points);
    place.extend([" · ", share.max_score, colon]);
    place.extend([
        achieved.as_deref().unwrap_or("–"),
        " / ",
        &points(action.max_score),
    ]);
    let mut facts = String::with_capacity(128);
    facts.extend([
        ms.status_label,
        colon,
        ms.statuses[status_index(action.status)],
    ]);
    if let Some(rank) = action.rank {
        facts.extend([" · ", ms.rank_term, colon, &rank.to_string()]);
    }
    for (term, value) in [
        (ms.impact_term, action.user_impact.as_str()),
        (ms.cost_term, action.implementation_cost.as_str()),
    ] {
        if !value.is_empty() {
            facts.extend([" · ", term, colon, value]);
        }
    }
    (place, facts)
}

#[component]
pub fn LiveActionList(props: &LiveActionListProps) -> Html {
    let connection = use_connection();
    let tickets = use_tickets_of(&props.state);
    // The one row whose share menu was opened: by action id, and only for the list and the
    // filter it was opened on, so a row that leaves and comes back (a search typed, a
    // filter, a refresh) shows its plain button again instead of reopening its menu.
    let open_menu = use_state(|| None::<OpenMenu>);
    {
        // Forgotten as soon as the list or the filter changes (the check below covers the
        // render before this runs), so going back to the same filter does not reopen it.
        let loaded = match &props.state {
            LiveState::Loaded(list) => Rc::as_ptr(list) as usize,
            _ => 0,
        };
        let open_menu = open_menu.clone();
        use_effect_with((props.filter.clone(), loaded), move |_| {
            if open_menu.is_some() {
                open_menu.set(None);
            }
        });
    }
    let texts_all = use_texts();
    let (texts, ms) = (&texts_all.share, &texts_all.microsoft);
    let list = match &props.state {
        LiveState::Loaded(list) => list.clone(),
        other => return not_loaded(texts_all, other, &props.on_retry),
    };
    let share = |action: &LiveAction| {
        let (connection, action) = (connection.clone(), to_shareable(action));
        Callback::from(move |_| {
            let mut draft =
                ShareDraft::from_action(&action, &connection.default_requester(), today_local());
            // The tenant's own action: the share form may offer noting the ticket on it.
            draft.from_tenant = true;
            connection.open_share(draft);
        })
    };
    let copy_link = |url: String| super::share_menu::copy_link(&props.on_copied, url);
    let open_id = open_menu
        .as_ref()
        .filter(|open| Rc::ptr_eq(&open.list, &list) && open.filter == props.filter)
        .map(|open| open.id.as_str());
    let score_line = list.total.as_ref().map(|total| {
        let percent = total
            .percent()
            .map(|p| format!("{}%", points(p)))
            .unwrap_or_default();
        fill(
            ms.score_line,
            &[
                ("current", &points(total.current)),
                ("max", &points(total.max)),
                ("percent", &percent),
            ],
        )
    });
    let live: Vec<&LiveAction> = list
        .actions
        .iter()
        .filter(|a| props.filter.deprecated || !a.deprecated)
        .collect();
    let shown = shown(&list.actions, &props.filter, tickets.as_deref());
    let services = score::services(&list.actions);
    // The closed share buttons' one handler: the row is the button's number in this list.
    let (onclick, onkeydown) = {
        let ids: Rc<Vec<String>> = Rc::new(shown.iter().map(|a| a.id.clone()).collect());
        let (open_menu, list, filter) = (open_menu.clone(), list.clone(), props.filter.clone());
        let open_row = move |event: &Event| {
            let row = closed_share_target(event)
                .and_then(|button| button.id().strip_prefix(SHARE_ID)?.parse::<usize>().ok());
            let id = row.and_then(|row| ids.get(row)).cloned();
            id.map(|id| {
                open_menu.set(Some(OpenMenu {
                    list: list.clone(),
                    filter: filter.clone(),
                    id,
                }))
            })
            .is_some()
        };
        let open_on_key = open_row.clone();
        (
            Callback::from(move |event: MouseEvent| {
                open_row(&event);
            }),
            Callback::from(move |event: KeyboardEvent| {
                if opens_menu(&event) && open_on_key(&event) {
                    event.prevent_default();
                }
            }),
        )
    };
    let count = fill(
        texts.showing,
        &[
            ("shown", &shown.len().to_string()),
            ("total", &live.len().to_string()),
        ],
    );
    html! {
        <>
            if let Some(line) = score_line { <p class="sc-card-total">{ line }</p> }
            <LiveToolbar filter={props.filter.clone()} {services} />
            <p class="sc-muted">{ ms.live_note }{" "}
                <button type="button" class="sc-button" onclick={props.on_retry.reform(|_: MouseEvent| ())}>
                    { ms.refresh_button }</button></p>
            <p class="sc-muted" role="status">{ count }</p>
            if shown.is_empty() { <p>{ texts.no_match }</p> }
            <ul class="sc-actions-list" {onclick} {onkeydown}>
                { for shown.into_iter().enumerate().map(|(i, action)| {
                    let (place, facts) = row_lines(action, texts_all);
                    html! {
                        <li class="sc-action-row" key={action.id.clone()}>
                            <div class="sc-action-main">
                                <h3 class="sc-action-title">{ action.title.clone() }</h3>
                                <p class="sc-muted">{ place }</p>
                                <p class="sc-muted">{ facts }</p>
                                if let Some(found) = tickets.as_ref().and_then(|t| t.by_action.get(&action.id)) {
                                    <p class="sc-action-tickets">
                                        { texts_all.tickets.table_label }{ texts_all.colon }
                                        { for found.iter().enumerate().map(|(n, ticket)| {
                                            let href = connection.client().map(|c| {
                                                c.settings().instance.record_url(ticket.kind.table(), &ticket.sys_id)
                                            });
                                            html! {
                                                <>
                                                    if n > 0 { {", "} }
                                                    <a class="sc-ticket-number" {href} target="_blank" rel="noopener noreferrer">
                                                        { ticket.number.clone() }
                                                        <span class="sc-visually-hidden">{" "}{ texts_all.tickets.opens_in_servicenow }</span>
                                                    </a>
                                                    {" ("}{ ticket.state.clone() }{")"}
                                                </>
                                            }
                                        }) }
                                    </p>
                                }
                            </div>
                            if open_id == Some(action.id.as_str()) {
                                <ShareMenu id={format!("{SHARE_ID}{i}")} on_servicenow={share(action)}
                                    on_copy_link={copy_link(action.action_url.clone())} open_at_start=true />
                            } else {
                                { closed_share_button(format!("{SHARE_ID}{i}").into(), texts.share_button) }
                            }
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}
