//! The improvement actions: search, filter by category, share one, or create a ticket
//! without one. The search and the category are the address's, so Back and a reload keep
//! them.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::catalog::{self, Category, ImprovementAction};
use crate::app::route::{ActionsFilter, Route};
use crate::app::share::ShareDraft;
use crate::app::ConnectError;
use crate::hooks::{
    use_catalog, use_connection, use_describer, use_focus_on_arrival, use_live_list, use_nav,
    use_services, use_texts, CatalogFailure, CatalogState, LiveState,
};
use crate::i18n::fill;

use super::catalog_import::{catalog_error_text, CatalogImport};
use super::dates::today_local;
use super::live_action_list::LiveActionList;
use super::microsoft_card::MicrosoftCard;
use super::share_menu::ShareMenu;

#[derive(Properties, PartialEq)]
pub struct ActionsPageProps {
    pub filter: ActionsFilter,
}

#[component]
pub fn ActionsPage(props: &ActionsPageProps) -> Html {
    let heading = use_focus_on_arrival();
    let catalog = use_catalog();
    let (live, on_retry) = use_live_list();
    let texts_all = use_texts();
    let texts = &texts_all.share;
    // Whether the last "Copy link" worked; cleared first, so copying again is told again.
    let copied = use_state(|| None::<bool>);
    let on_copied = {
        let copied = copied.clone();
        Callback::from(move |done: Option<bool>| copied.set(done))
    };
    html! {
        <section class="sc-card sc-actions-page" aria-labelledby="sc-actions-title">
            <h2 id="sc-actions-title" class="sc-card-title" tabindex="-1" ref={heading}>{ texts.actions_title }</h2>
            <p>{ texts.actions_intro }</p>
            <MicrosoftCard />
            <ActionsToolbar filter={props.filter.clone()} />
            <p class="sc-hint" role="status">{ match *copied {
                Some(true) => texts.link_copied,
                Some(false) => texts.link_copy_failed,
                None => "",
            } }</p>
            if live == LiveState::Off {
                <p class="sc-muted">{ match &catalog.state {
                    CatalogState::Loaded { imported: true, .. } => texts_all.microsoft.imported_note,
                    _ => texts_all.microsoft.sample_note,
                } }</p>
                <ActionList state={catalog.state.clone()} filter={props.filter.clone()} {on_copied} />
                <CatalogImport catalog={catalog.clone()} />
            } else {
                <LiveActionList state={live.clone()} filter={props.filter.clone()} {on_copied} {on_retry} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ActionsToolbarProps {
    filter: ActionsFilter,
}

/// Search, category, "Create a ticket" and "Back".
#[component]
fn ActionsToolbar(props: &ActionsToolbarProps) -> Html {
    let connection = use_connection();
    let (nav, services) = (use_nav(), use_services());
    let texts = &use_texts().share;
    let filter = props.filter.clone();
    let onsearch = {
        let (nav, filter) = (nav.clone(), filter.clone());
        // Each keystroke replaces the address: Back leaves the search, not one letter.
        Callback::from(move |e: InputEvent| {
            let search = e.target_unchecked_into::<HtmlInputElement>().value();
            nav.replace(&Route::Actions(ActionsFilter {
                search,
                ..filter.clone()
            }));
        })
    };
    let oncategory = {
        let (nav, filter) = (nav.clone(), filter.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            nav.push(&Route::Actions(ActionsFilter {
                category: Category::parse(&value),
                ..filter.clone()
            }));
        })
    };
    let create = Callback::from(move |_| {
        let nonce = format!("{}", (services.clock)().timestamp_millis());
        connection.open_share(ShareDraft::blank(
            &connection.default_requester(),
            &nonce,
            today_local(),
        ));
    });
    let back = Callback::from(move |_| nav.push(&Route::Home));
    html! {
        <div class="sc-toolbar">
            <div class="sc-field">
                <label for="sc-search">{ texts.search_label }</label>
                <input id="sc-search" type="search" value={filter.search.clone()} oninput={onsearch} maxlength="100" />
            </div>
            <div class="sc-field">
                <label for="sc-category">{ texts.category_label }</label>
                <select id="sc-category" onchange={oncategory}>
                    <option value="" selected={filter.category.is_none()}>{ texts.all_categories }</option>
                    { for Category::ALL.iter().map(|c| html! {
                        <option value={format!("{c:?}")} selected={filter.category == Some(*c)}>{ texts.categories[category_index(*c)] }</option>
                    }) }
                </select>
            </div>
            <div class="sc-toolbar-actions">
                <button type="button" class="sc-button sc-primary" onclick={create}>{ texts.create_ticket }</button>
                <button type="button" class="sc-button" onclick={back}>{ texts.back_home }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ActionListProps {
    state: CatalogState,
    filter: ActionsFilter,
    /// How the last "Copy link" went (`None` while it runs).
    on_copied: Callback<Option<bool>>,
}

/// The actions that match, each with its share menu; or why there are none.
#[component]
fn ActionList(props: &ActionListProps) -> Html {
    let connection = use_connection();
    let describer = use_describer();
    let texts_all = use_texts();
    let texts = &texts_all.share;
    let share = |action: ImprovementAction| {
        let connection = connection.clone();
        Callback::from(move |_| {
            let draft =
                ShareDraft::from_action(&action, &connection.default_requester(), today_local());
            connection.open_share(draft);
        })
    };
    let copy_link = |url: String| super::share_menu::copy_link(&props.on_copied, url);
    match &props.state {
        CatalogState::Loading => {
            html! { <p class="sc-progress" aria-busy="true"><span class="sc-spinner" aria-hidden="true"></span>{ texts.loading_catalog }</p> }
        }
        CatalogState::Failed(failure) => {
            let detail = match failure {
                CatalogFailure::BadAddress(url) => url.clone(),
                CatalogFailure::Status(status, url) => format!("HTTP {status} · {url}"),
                CatalogFailure::Unreachable(error) => {
                    let error =
                        ConnectError::Api(crate::servicenow::ApiError::Transport(error.clone()));
                    describer.describe(&error).title
                }
                CatalogFailure::Unreadable(error) => catalog_error_text(texts, error),
            };
            html! { <p class="sc-field-error" role="alert">{ fill(texts.catalog_failed, &[("detail", &detail)]) }</p> }
        }
        CatalogState::Loaded { actions, .. } => {
            let shown = catalog::filter(actions, &props.filter.search, props.filter.category);
            let count = fill(
                texts.showing,
                &[
                    ("shown", &shown.len().to_string()),
                    ("total", &actions.len().to_string()),
                ],
            );
            html! {
                <>
                    <p class="sc-muted" role="status">{ count }</p>
                    if shown.is_empty() { <p>{ texts.no_match }</p> }
                    <ul class="sc-actions-list">
                        { for shown.into_iter().enumerate().map(|(i, action)| html! {
                            <li class="sc-action-row" key={action.id.clone()}>
                                <div class="sc-action-main">
                                    <h3 class="sc-action-title">{ action.title.clone() }</h3>
                                    <p class="sc-muted">
                                        { texts.categories[category_index(action.category)] }
                                        if !action.service.is_empty() { {" · "}{ action.service.clone() } }
                                        if let Some(score) = action.max_score { {" · "}{ texts.max_score }{ texts_all.colon }{ super::dates::decimal(score, texts_all.locale) } }
                                    </p>
                                </div>
                                <ShareMenu id={format!("sc-share-{i}")} on_servicenow={share(action.clone())}
                                    on_copy_link={copy_link(action.action_url.clone())} />
                            </li>
                        }) }
                    </ul>
                </>
            }
        }
    }
}

/// The position of `category` in `Category::ALL`, for its translated name.
pub fn category_index(category: Category) -> usize {
    Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0)
}
