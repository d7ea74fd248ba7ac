//! The tenant's own improvement actions, live from Microsoft 365: its Secure Score, then
//! each action with its points, status and share menu, filtered by the page's search and
//! category, in Microsoft's rank order.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::app::catalog::Category;
use crate::app::live_actions::{tickets_of, to_shareable};
use crate::app::route::ActionsFilter;
use crate::app::share::ShareDraft;
use crate::hooks::{use_connection, use_texts, LiveState};
use crate::i18n::fill;
use crate::microsoft::score::{self, points, ActionSort};
use crate::microsoft::{GraphError, LiveAction, SessionError};
use crate::servicenow::correlation::ActionTickets;

use super::actions_page::category_index;
use super::dates::today_local;
use super::share_menu::ShareMenu;

#[derive(Properties, PartialEq)]
pub struct LiveActionListProps {
    pub state: LiveState,
    pub filter: ActionsFilter,
    pub on_copied: Callback<Option<bool>>,
    /// Loads the list again.
    pub on_retry: Callback<()>,
}

fn shown<'a>(actions: &'a [LiveAction], filter: &ActionsFilter) -> Vec<&'a LiveAction> {
    let needle = filter.search.trim().to_lowercase();
    let mut shown: Vec<&LiveAction> = actions
        .iter()
        .filter(|a| !a.deprecated)
        .filter(|a| filter.category.is_none() || Category::parse(&a.category) == filter.category)
        .filter(|a| {
            needle.is_empty()
                || a.title.to_lowercase().contains(&needle)
                || a.id.to_lowercase().contains(&needle)
        })
        .collect();
    let mut ranked: Vec<LiveAction> = shown.iter().map(|a| (*a).clone()).collect();
    score::sort(&mut ranked, ActionSort::Rank);
    let order: Vec<&str> = ranked.iter().map(|a| a.id.as_str()).collect();
    shown.sort_by_key(|a| order.iter().position(|id| *id == a.id));
    shown
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

#[component]
pub fn LiveActionList(props: &LiveActionListProps) -> Html {
    let connection = use_connection();
    let tickets = use_tickets_of(&props.state);
    let texts_all = use_texts();
    let (texts, ms) = (&texts_all.share, &texts_all.microsoft);
    let list = match &props.state {
        LiveState::Off | LiveState::Loading => {
            return html! { <p class="sc-progress" aria-busy="true"><span class="sc-spinner" aria-hidden="true"></span>{ ms.loading_actions }</p> };
        }
        LiveState::Failed(error) => {
            let text = match error {
                SessionError::Graph(GraphError::Forbidden { .. }) => ms.error_forbidden.to_owned(),
                SessionError::Graph(GraphError::RateLimited { retry_after_secs }) => fill(
                    ms.error_rate_limited,
                    &[("seconds", &retry_after_secs.to_string())],
                ),
                SessionError::SignIn(e) if e.ends_session() => ms.error_sign_in_again.to_owned(),
                other => fill(ms.error_other, &[("detail", &other.to_string())]),
            };
            let retry = props.on_retry.reform(|_: MouseEvent| ());
            return html! {
                <div class="sc-error sc-error-inline">
                    <p class="sc-field-error" role="alert">{ text }</p>
                    <button type="button" class="sc-button" onclick={retry}>{ texts_all.tickets.retry }</button>
                </div>
            };
        }
        LiveState::Loaded(list) => list.clone(),
    };
    let share = |action: &LiveAction| {
        let (connection, action) = (connection.clone(), to_shareable(action));
        Callback::from(move |_| {
            let draft =
                ShareDraft::from_action(&action, &connection.default_requester(), today_local());
            connection.open_share(draft);
        })
    };
    let copy_link = |url: String| {
        let on_copied = props.on_copied.clone();
        Callback::from(move |_| {
            let (on_copied, url) = (on_copied.clone(), url.clone());
            on_copied.emit(None);
            yew::platform::spawn_local(async move {
                on_copied.emit(Some(super::redirect_box::copy(&url).await))
            });
        })
    };
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
    let live: Vec<&LiveAction> = list.actions.iter().filter(|a| !a.deprecated).collect();
    let shown = shown(&list.actions, &props.filter);
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
            <p class="sc-muted">{ ms.live_note }</p>
            <p class="sc-muted" role="status">{ count }</p>
            if shown.is_empty() { <p>{ texts.no_match }</p> }
            <ul class="sc-actions-list">
                { for shown.into_iter().enumerate().map(|(i, action)| {
                    let category = Category::parse(&action.category)
                        .map(|c| texts.categories[category_index(c)].to_owned())
                        .unwrap_or_else(|| action.category.clone());
                    let achieved = action.score.map(points).unwrap_or_else(|| "–".into());
                    html! {
                        <li class="sc-action-row" key={action.id.clone()}>
                            <div class="sc-action-main">
                                <h3 class="sc-action-title">{ action.title.clone() }</h3>
                                <p class="sc-muted">
                                    { category }
                                    if !action.service.is_empty() { {" · "}{ action.service.clone() } }
                                    {" · "}{ texts.max_score }{ texts_all.colon }{ format!("{achieved} / {}", points(action.max_score)) }
                                </p>
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
                            <ShareMenu id={format!("sc-share-{i}")} on_servicenow={share(action)}
                                on_copy_link={copy_link(action.action_url.clone())} />
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}
