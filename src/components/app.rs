//! The root: the connection provider around the page that fits the state.

use yew::prelude::*;

use crate::app::embed::ShareRequest;
use crate::app::host_events::HostEventsHandle;
use crate::app::share::ShareDraft;
use crate::app::state::Connected;
use crate::app::{AppOptions, Connection, Services, View};
use crate::hooks::{use_connection, ConnectionProvider};

use super::actions_page::ActionsPage;
use super::busy_card::BusyCard;
use super::connection_card::ConnectionCard;
use super::error_panel::ErrorPanel;
use super::home_page::HomePage;
use super::language_menu::LanguageMenu;
use super::live_region::LiveRegion;
use super::manage_page::ManagePage;
use super::session_notice::SessionNotice;
use super::setup_page::SetupPage;
use super::share_form::ShareForm;
use super::status_page::StatusPage;
use super::tickets_page::TicketsPage;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub services: Services,
    pub options: AppOptions,
    /// The embedding page's listener for connected, disconnected and ticket created.
    #[prop_or_default]
    pub events: Option<HostEventsHandle>,
    /// The improvement action the embedding page last asked to share.
    #[prop_or_default]
    pub share: Option<ShareRequest>,
}

/// snowcard, ready to mount.
#[component]
pub fn App(props: &AppProps) -> Html {
    html! {
        <ConnectionProvider services={props.services.clone()} options={props.options.clone()}
            events={props.events.clone()}>
            <Shell share={props.share.clone()} />
        </ConnectionProvider>
    }
}

#[derive(Properties, PartialEq)]
struct ShellProps {
    share: Option<ShareRequest>,
}

#[component]
fn Shell(props: &ShellProps) -> Html {
    let connection = use_connection();
    {
        // Each new request from the embedding page opens the form on its action.
        let connection = connection.clone();
        use_effect_with(props.share.clone(), move |request| {
            if let Some(request) = request {
                let draft = ShareDraft::from_action(
                    &request.action,
                    &connection.default_requester(),
                    super::dates::today_local(),
                );
                connection.open_share(draft);
            }
        });
    }
    let root = use_node_ref();
    {
        // On a page of its own (not in a portal's shadow root), the page speaks the app's
        // language too, so its title and header are read in it.
        let root = root.clone();
        use_effect_with(connection.texts_locale(), move |tag| {
            let document = root
                .cast::<web_sys::Node>()
                .map(|node| node.get_root_node())
                .and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Document>(node).ok());
            if let Some(html) = document.and_then(|d| d.document_element()) {
                let _ = html.set_attribute("lang", tag);
            }
        });
    }
    let state = connection.state();
    let page = match (state.view, &state.connection) {
        (View::Setup, _) => html! { <SetupPage /> },
        (_, Connection::Busy(step)) => html! { <BusyCard step={*step} /> },
        // Troubleshooting works signed in, signed out and after a failure alike.
        (View::Status, _) => html! { <StatusPage /> },
        // Signed out or failed mid-way: drafts and settings wait in storage for the reconnect.
        (_, Connection::Disconnected) => html! { <ConnectionCard /> },
        (_, Connection::Failed(error)) => html! { <ErrorPanel error={error.clone()} /> },
        (view, Connection::Connected(connected)) => connected_page(view, connected),
    };
    html! {
        <div class="snowcard" lang={connection.texts_locale()} ref={root}>
            <LiveRegion />
            <LanguageMenu />
            <SessionNotice />
            { page }
        </div>
    }
}

/// The page for `view` once connected.
fn connected_page(view: View, connected: &Connected) -> Html {
    match view {
        View::Home | View::Setup => html! { <HomePage connected={connected.clone()} /> },
        View::Actions => html! { <ActionsPage /> },
        // The form keeps the draft it opened with, so the sent card it ends on outlives the
        // draft (closed once sent) across any re-render, such as a language switch.
        View::Share => html! { <ShareForm /> },
        View::Tickets(scope) => html! { <TicketsPage {scope} /> },
        View::Manage => html! { <ManagePage connected={connected.clone()} /> },
        // Shown by `Shell` before any connection state is looked at.
        View::Status => html! { <StatusPage /> },
    }
}
