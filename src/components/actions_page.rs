//! The improvement actions: search, filter by category, share one, or create a ticket
//! without one.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::catalog::{self, Category, ImprovementAction};
use crate::app::share::ShareDraft;
use crate::app::ConnectError;
use crate::app::View;
use crate::hooks::{
    use_catalog, use_connection, use_focus_on_arrival, CatalogFailure, CatalogState,
};
use crate::i18n::fill;

use super::catalog_import::{catalog_error_text, CatalogImport};
use super::dates::today_local;
use super::share_menu::ShareMenu;

#[component]
pub fn ActionsPage() -> Html {
    let connection = use_connection();
    let heading = use_focus_on_arrival();
    let catalog = use_catalog();
    let texts = &connection.texts.share;
    let search = use_state(String::new);
    let category = use_state(|| None::<Category>);
    // Whether the last "Copy link" worked; cleared first, so copying again is told again.
    let copied = use_state(|| None::<bool>);

    let onsearch = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            search.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let oncategory = {
        let category = category.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            category.set(Category::parse(&value));
        })
    };
    let share = {
        let connection = connection.clone();
        move |action: ImprovementAction| {
            let connection = connection.clone();
            Callback::from(move |_| {
                let draft = ShareDraft::from_action(
                    &action,
                    &connection.default_requester(),
                    today_local(),
                );
                connection.open_share(draft);
            })
        }
    };
    let copy_link = {
        let copied = copied.clone();
        move |url: String| {
            let copied = copied.clone();
            Callback::from(move |_| {
                let (copied, url) = (copied.clone(), url.clone());
                copied.set(None);
                yew::platform::spawn_local(async move {
                    copied.set(Some(super::redirect_box::copy(&url).await))
                });
            })
        }
    };
    let create = {
        let connection = connection.clone();
        Callback::from(move |_| {
            let nonce = format!("{}", (connection.services.clock)().timestamp_millis());
            connection.open_share(ShareDraft::blank(
                &connection.default_requester(),
                &nonce,
                today_local(),
            ));
        })
    };
    let back = {
        let connection = connection.clone();
        Callback::from(move |_| connection.show(View::Home))
    };

    let list = match &catalog.state {
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
                    connection.describe(&error).title
                }
                CatalogFailure::Unreadable(error) => catalog_error_text(texts, error),
            };
            html! { <p class="sc-field-error" role="alert">{ fill(texts.catalog_failed, &[("detail", &detail)]) }</p> }
        }
        CatalogState::Loaded { actions, .. } => {
            let shown = catalog::filter(actions, &search, *category);
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
                                        if let Some(score) = action.max_score { {" · "}{ texts.max_score }{ connection.texts.colon }{ super::dates::decimal(score, connection.texts.locale) } }
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
    };

    html! {
        <section class="sc-card sc-actions-page" aria-labelledby="sc-actions-title">
            <h2 id="sc-actions-title" class="sc-card-title" tabindex="-1" ref={heading}>{ texts.actions_title }</h2>
            <p>{ texts.actions_intro }</p>
            <div class="sc-toolbar">
                <div class="sc-field">
                    <label for="sc-search">{ texts.search_label }</label>
                    <input id="sc-search" type="search" value={(*search).clone()} oninput={onsearch} />
                </div>
                <div class="sc-field">
                    <label for="sc-category">{ texts.category_label }</label>
                    <select id="sc-category" onchange={oncategory}>
                        <option value="" selected={category.is_none()}>{ texts.all_categories }</option>
                        { for Category::ALL.iter().map(|c| html! {
                            <option value={format!("{c:?}")} selected={*category == Some(*c)}>{ texts.categories[category_index(*c)] }</option>
                        }) }
                    </select>
                </div>
                <div class="sc-toolbar-actions">
                    <button type="button" class="sc-button sc-primary" onclick={create}>{ texts.create_ticket }</button>
                    <button type="button" class="sc-button" onclick={back}>{ texts.back_home }</button>
                </div>
            </div>
            <p class="sc-hint" role="status">{ match *copied {
                Some(true) => texts.link_copied,
                Some(false) => texts.link_copy_failed,
                None => "",
            } }</p>
            { list }
            <CatalogImport catalog={catalog.clone()} />
        </section>
    }
}

/// The position of `category` in `Category::ALL`, for its translated name.
pub fn category_index(category: Category) -> usize {
    Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0)
}
