//! The share form's address: `/share?action=ID` opens the form on that improvement action's
//! draft (the one kept in this tab, else a new one from the list), `/share` on the open
//! draft of a ticket without action (else a new blank one). An action the list does not
//! have leads to the list, with a note.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::catalog_source::CatalogState;
use crate::app::route::Route;
use crate::app::share::ShareDraft;
use crate::hooks::{
    use_catalog, use_connection, use_nav, use_preferences, use_services, use_texts, RouteNote,
};

use super::dates::today_local;
use super::share_form::ShareForm;

#[derive(Properties, PartialEq)]
pub struct SharePageProps {
    pub action: Option<String>,
}

#[derive(Properties, PartialEq)]
struct DraftMakerProps {
    action: Option<String>,
    /// The draft is open: show its form.
    on_ready: Callback<()>,
}

#[component]
pub fn SharePage(props: &SharePageProps) -> Html {
    let preferences = use_preferences();
    let made = use_state(|| 0u32);
    // The action whose form this page has shown: once shown, it stays (its sent card
    // outlives the draft, which sending forgets).
    let shown: Rc<RefCell<Option<Option<String>>>> = use_mut_ref(|| None);
    let open = shown.borrow().as_ref() == Some(&props.action)
        || preferences.reopen_draft(props.action.as_deref());
    if open {
        *shown.borrow_mut() = Some(props.action.clone());
        let key = props.action.clone().unwrap_or_default();
        return html! { <ShareForm {key} /> };
    }
    let on_ready = Callback::from(move |()| made.set(made.wrapping_add(1)));
    html! { <DraftMaker action={props.action.clone()} {on_ready} /> }
}

/// Makes the draft an address asks for, then the page shows its form.
#[component]
fn DraftMaker(props: &DraftMakerProps) -> Html {
    let connection = use_connection();
    let (nav, services, texts) = (use_nav(), use_services(), use_texts());
    let preferences = use_preferences();
    let catalog = use_catalog();
    {
        let action = props.action.clone();
        let (state, on_ready) = (catalog.state.clone(), props.on_ready.clone());
        use_effect_with((action, state), move |(action, state)| {
            let requester = connection.default_requester();
            let open = |draft| {
                preferences.open_draft(draft);
                on_ready.emit(());
            };
            match (action, state) {
                (None, _) => {
                    let nonce = (services.clock)().timestamp_millis().to_string();
                    open(ShareDraft::blank(&requester, &nonce, today_local()));
                }
                (Some(_), CatalogState::Loading) => {}
                (Some(id), CatalogState::Loaded { actions, .. }) => {
                    match actions.iter().find(|a| a.id == *id) {
                        Some(found) => {
                            open(ShareDraft::from_action(found, &requester, today_local()))
                        }
                        None => nav.refuse(&Route::actions(), RouteNote::UnknownAction),
                    }
                }
                // The list says why it could not be read.
                (Some(_), CatalogState::Failed(_)) => nav.replace(&Route::actions()),
            }
        });
    }
    html! {
        <p class="sc-progress" aria-busy="true">
            <span class="sc-spinner" aria-hidden="true"></span>{ texts.share.loading_catalog }
        </p>
    }
}
