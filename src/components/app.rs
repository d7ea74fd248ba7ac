//! The root: the contexts (environment, language, route, announcements, connection) around
//! the page the route and the connection call for.

use yew::prelude::*;

use crate::app::embed::ShareRequest;
use crate::app::host_events::HostEventsHandle;
use crate::app::route::{Address, Route};
use crate::app::share::ShareDraft;
use crate::app::state::Connected;
use crate::app::{AppOptions, Connection, Services, View};
use crate::hooks::MicrosoftProvider;
use crate::hooks::{
    use_connection, use_route_state, use_texts, AnnouncerProvider, ConnectionProvider, Environment,
    LocaleProvider, RouteNote, RouteProvider,
};
use crate::i18n::Texts;

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
use super::share_page::SharePage;
use super::status_page::StatusPage;
use super::storage_notice::StorageNotice;
use super::tickets_page::TicketsPage;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub services: Services,
    pub options: AppOptions,
    /// Where the view is kept in the page's address (nowhere by default).
    #[prop_or(Address::Memory)]
    pub address: Address,
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
    let titled = props.address == Address::Fragment;
    html! {
        <Contexts services={props.services.clone()} options={props.options.clone()}
            address={props.address.clone()} events={props.events.clone()}>
            <Shell share={props.share.clone()} {titled} />
        </Contexts>
    }
}

#[derive(Properties, PartialEq)]
pub struct ContextsProps {
    pub services: Services,
    pub options: AppOptions,
    #[prop_or(Address::Memory)]
    pub address: Address,
    #[prop_or_default]
    pub events: Option<HostEventsHandle>,
    #[prop_or_default]
    pub children: Html,
}

/// Every context the pages read, in the order they depend on each other: the environment,
/// the language, the route, announcements, the connection. `App` is these around the shell;
/// tests put a single component in them.
#[component]
pub fn Contexts(props: &ContextsProps) -> Html {
    let environment = Environment {
        services: props.services.clone(),
        options: props.options.clone(),
        events: props.events.clone(),
    };
    html! {
        <ContextProvider<Environment> context={environment}>
            <LocaleProvider services={props.services.clone()} host={props.options.locale}>
                <RouteProvider address={props.address.clone()} services={props.services.clone()}
                    start={props.options.view}>
                    <AnnouncerProvider>
                        <ConnectionProvider>
                            <MicrosoftProvider>
                                { props.children.clone() }
                            </MicrosoftProvider>
                        </ConnectionProvider>
                    </AnnouncerProvider>
                </RouteProvider>
            </LocaleProvider>
        </ContextProvider<Environment>>
    }
}

#[derive(Properties, PartialEq)]
struct ShellProps {
    share: Option<ShareRequest>,
    /// Whether the app owns the page, and so its title.
    titled: bool,
}

/// The name of the page for `route`, as the window's title gives it.
pub fn page_title(texts: &'static Texts, route: &Route) -> String {
    let view = match route.view() {
        View::Home => return "snowcard".to_owned(),
        View::Setup => texts.setup_title,
        View::Status => texts.status.title,
        View::Actions => texts.share.actions_title,
        View::Share => texts.share.form_title,
        View::Tickets(_) => texts.tickets.list_title,
        View::Manage => texts.manage.title,
    };
    format!("{view} · snowcard")
}

#[component]
fn Shell(props: &ShellProps) -> Html {
    let connection = use_connection();
    let texts = use_texts();
    let routed = use_route_state();
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
        // language too, so its title and header are read in it; and its title names the view.
        let root = root.clone();
        let title = props.titled.then(|| page_title(texts, &routed.route));
        use_effect_with((texts.locale.tag(), title), move |(tag, title)| {
            let document = root
                .cast::<web_sys::Node>()
                .map(|node| node.get_root_node())
                .and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Document>(node).ok());
            if let Some(document) = document {
                if let Some(html) = document.document_element() {
                    let _ = html.set_attribute("lang", tag);
                }
                if let Some(title) = title {
                    document.set_title(title);
                }
            }
        });
    }
    let state = connection.state();
    let route = routed.route.clone();
    let page = match (route.view(), &state.connection) {
        (View::Setup, _) => html! { <SetupPage /> },
        (_, Connection::Busy(step)) => html! { <BusyCard step={*step} /> },
        // Troubleshooting works signed in, signed out and after a failure alike.
        (View::Status, _) => html! { <StatusPage /> },
        // Signed out or failed mid-way: drafts and settings wait in storage for the reconnect.
        (_, Connection::Disconnected) => html! { <ConnectionCard /> },
        (_, Connection::Failed(error)) => html! { <ErrorPanel error={error.clone()} /> },
        (_, Connection::Connected(connected)) => connected_page(route, connected),
    };
    let note = routed.note.map(|note| match note {
        RouteNote::UnknownAddress => texts.address_unknown,
        RouteNote::UnknownAction => texts.action_unknown,
    });
    html! {
        <div class="snowcard" lang={texts.locale.tag()} ref={root}>
            <LiveRegion />
            <LanguageMenu />
            <SessionNotice />
            <StorageNotice />
            if let Some(note) = note { <p class="sc-notice" role="status">{ note }</p> }
            { page }
        </div>
    }
}

/// The page for `route` once connected.
fn connected_page(route: Route, connected: &Connected) -> Html {
    match route {
        Route::Home | Route::Setup => html! { <HomePage connected={connected.clone()} /> },
        Route::Actions(filter) => html! { <ActionsPage {filter} /> },
        Route::Share { action } => html! { <SharePage {action} /> },
        Route::Tickets(filter) => html! { <TicketsPage {filter} /> },
        Route::Manage => html! { <ManagePage connected={connected.clone()} /> },
        // Shown by `Shell` before any connection state is looked at.
        Route::Status => html! { <StatusPage /> },
    }
}
