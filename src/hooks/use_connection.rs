//! The connection as a context: its state, and intents (`authorize`, `reconnect`,
//! `remove_connection`, `open_share`) that run the flow's side effects outside of any `view`.
//! Texts, announcements, the route and preferences are contexts of their own.

use std::cell::RefCell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::use_environment::{use_environment, Environment};
use super::use_route::{use_nav, use_route_state, Nav};
use crate::app::host_events::{self, Announcement, HostEventsHandle, Presence};
use crate::app::preferences::Preferences;
use crate::app::route::Route;
use crate::app::setup::{self, SetupCheck};
use crate::app::share::ShareDraft;
use crate::app::state::Connected;
use crate::app::trust::Trust;
use crate::app::{flow, removal};
use crate::app::{Action, AppState, Connection, Services, Step};
use crate::servicenow::{ApiError, OAuthSettings, ServiceNowClient};
use crate::storage::{keys, SetupDraft, StoredSession};

/// What components get from [`use_connection`].
#[derive(Clone)]
pub struct ConnectionHandle {
    /// A snapshot: Yew 0.23's reducer handle reads live state, so comparing two handles would
    /// never see a change and consumers would never re-render.
    snapshot: Rc<AppState>,
    /// The state the app mounted with, to tell a person's action from the first load.
    initial: Rc<AppState>,
    state: UseReducerDispatcher<AppState>,
    environment: Environment,
    nav: Nav,
    /// The route shown, for the intents that remember it; not part of the handle's identity,
    /// so a move re-renders only what reads the route.
    route: Rc<RefCell<Route>>,
    /// Whether the page's address named the route the app loaded on.
    route_named: bool,
    client: Rc<RefCell<Option<ServiceNowClient>>>,
}

impl PartialEq for ConnectionHandle {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot == other.snapshot
            && self.environment == other.environment
            && self.nav == other.nav
    }
}

impl ConnectionHandle {
    pub fn state(&self) -> &AppState {
        &self.snapshot
    }

    /// True once anything has happened to the connection since the app loaded.
    pub fn has_changed_since_load(&self) -> bool {
        self.snapshot != self.initial
    }

    fn services(&self) -> &Services {
        &self.environment.services
    }

    fn preferences(&self) -> Preferences {
        self.environment.preferences()
    }

    /// Goes to the setup page; from a page that needs a connection (an address opened in a
    /// new tab), that page is where signing in leads.
    pub fn open_setup(&self) {
        let here = self.route.borrow().clone();
        let preferences = self.preferences();
        if here.needs_connection() {
            preferences.remember_destination(&here);
        } else if here != Route::Setup {
            preferences.forget_destination();
        }
        // A failure shown there belongs to the last attempt: the page starts afresh.
        self.state
            .dispatch(Action::Navigated(crate::app::View::Setup));
        self.nav.push(&Route::Setup);
    }

    /// Validates the setup form; when it is valid, checks the instance and leaves to sign in.
    pub fn authorize(&self, draft: &SetupDraft) -> Result<(), SetupCheck> {
        let page = self.services().browser.current_url();
        let settings = setup::validate(
            draft,
            &page,
            &self.environment.redirect_uri(),
            &self.environment.options.trust,
        )?;
        self.run_authorization(settings);
        Ok(())
    }

    /// Runs the flow again with the settings of this session ("Sign in again",
    /// "Re-authorize"): drafts and settings stay in storage, the open page is remembered, and
    /// the tokens it replaces are kept aside to be revoked once the new session is saved.
    pub fn reconnect(&self) {
        let client = self.client.borrow().clone();
        let current = match client {
            Some(client) => Some((client.settings().clone(), client.tokens())),
            None => match flow::restore(self.services()) {
                Ok(session) => session.map(|s| (s.settings, s.tokens)),
                Err(error) => {
                    self.state.dispatch(Action::Failed(error.into()));
                    return;
                }
            },
        };
        let Some((settings, tokens)) = current else {
            self.open_setup();
            return;
        };
        let page = self.services().browser.current_url();
        if let Err(error) = flow::check_allowed(&self.environment.options.trust, &page, &settings) {
            self.state.dispatch(Action::Failed(error));
            return;
        }
        // Tokens that are dead already (expired, nothing to renew them with) need no revoking.
        let now = (self.services().clock)();
        if tokens.refresh_token.is_some() || now < tokens.expires_at {
            flow::keep_previous(self.services(), settings.instance.clone(), tokens);
        }
        self.run_authorization(settings);
    }

    fn run_authorization(&self, settings: OAuthSettings) {
        let state = self.state.clone();
        let trust = self.environment.options.trust.clone();
        // Refused before the instance is even probed: nothing is sent to it.
        let page = self.services().browser.current_url();
        if let Err(error) = flow::check_allowed(&trust, &page, &settings) {
            state.dispatch(Action::Failed(error));
            return;
        }
        let services = self.services().clone();
        // The page to come back to: this one, unless this is the setup page, which keeps
        // where the person was headed before it.
        let here = self.route.borrow().clone();
        let preferences = self.preferences();
        match here {
            Route::Setup => {}
            Route::Home => preferences.forget_destination(),
            other => preferences.remember_destination(&other),
        }
        state.dispatch(Action::Busy(Step::CheckingInstance));
        spawn_local(async move {
            if let Err(error) = flow::probe_instance(&services, &settings).await {
                state.dispatch(Action::Failed(error));
                return;
            }
            state.dispatch(Action::Busy(Step::Redirecting));
            // Tokens only in memory are lost with the page: revoked before it leaves.
            if let Err(error) = flow::check_sign_in_survives(&services, keys::PENDING) {
                state.dispatch(Action::Failed(error.into()));
                return;
            }
            flow::revoke_before_leaving(&services, &trust).await;
            if let Err(error) = flow::start_authorization(&services, &trust, settings) {
                state.dispatch(Action::Failed(error));
            }
        });
    }

    /// Removes the connection: drops the client (so no renewal can start), clears every
    /// snowcard key from storage, revokes the tokens at the instance, and lands on home
    /// with how it went. Dispatching `Busy` first stops the renewal timer.
    pub fn remove_connection(&self) {
        let client = self.client.borrow_mut().take();
        // Storage is cleared all the same; a session the page refuses is not revoked, which
        // would send its tokens to that instance.
        let stored = flow::restore_allowed(self.services(), &self.environment.options.trust)
            .ok()
            .flatten();
        let session = match client {
            Some(client) => Some((client.settings().instance.clone(), client.tokens())),
            None => stored.map(|s| (s.settings.instance, s.tokens)),
        };
        let (state, services, nav) = (
            self.state.clone(),
            self.services().clone(),
            self.nav.clone(),
        );
        state.dispatch(Action::Busy(Step::Removing));
        spawn_local(async move {
            let outcome = removal::remove(&services, session).await;
            state.dispatch(Action::Removed(outcome));
            nav.replace(&Route::Home);
        });
    }

    /// Where and as whom the app is connected: the client's settings, else the saved ones.
    pub fn settings(&self) -> Option<OAuthSettings> {
        if let Some(client) = self.client.borrow().as_ref() {
            return Some(client.settings().clone());
        }
        flow::restore(self.services())
            .ok()
            .flatten()
            .map(|s| s.settings)
    }

    /// The connected client, while connected.
    pub fn client(&self) -> Option<ServiceNowClient> {
        self.client.borrow().clone()
    }

    /// Who "Requested by" names by default: the portal's id, else the connected user.
    pub fn default_requester(&self) -> String {
        if let Some(id) = self
            .environment
            .options
            .requested_by
            .clone()
            .filter(|id| !id.trim().is_empty())
        {
            return id;
        }
        match &self.state().connection {
            Connection::Connected(Connected {
                user: Some(user), ..
            }) => user.user_name.clone(),
            _ => String::new(),
        }
    }

    /// Opens the share form on `draft` (or on the earlier draft for the same action).
    pub fn open_share(&self, draft: ShareDraft) {
        let action = draft.action_id.clone();
        self.preferences().open_draft(draft);
        self.nav.push(&Route::Share { action });
    }

    /// Leaves the share form for `route`; `discard` forgets the draft.
    pub fn close_share(&self, discard: bool, route: Route) {
        self.preferences().close_draft(discard);
        self.nav.push(&route);
    }

    /// Takes the connected session into use and, unless a restored session already knows,
    /// asks the instance who it belongs to. `restored` sessions keep the client made when
    /// the provider mounted, so the pages that rendered with it (and their requests in
    /// flight) go on with the same one.
    fn adopt(&self, session: StoredSession, restored: bool) {
        let existing = self.client.borrow().clone().filter(|_| restored);
        let client = existing.unwrap_or_else(|| flow::client_for(self.services(), &session));
        *self.client.borrow_mut() = Some(client.clone());
        // A set another tab's refresh brought: the renewal timer starts again from it.
        let renewed = self.state.clone();
        client.on_tokens_adopted(move |tokens| {
            renewed.dispatch(Action::TokensRenewed(tokens.expires_at))
        });
        self.state.dispatch(Action::Connected(Connected {
            instance: session.settings.instance.clone(),
            user: session.user.clone(),
            expires_at: session.tokens.expires_at,
            renewable: session.tokens.refresh_token.is_some(),
        }));
        // Back from signing in: the page the person was on, or headed for, comes back; with a
        // draft open the form comes back as it was. A reload stays where its address is.
        let preferences = self.preferences();
        let here = self.route.borrow().clone();
        let open_draft = || {
            preferences
                .share_drafts()
                .open_draft()
                .map(|d| Route::Share {
                    action: d.action_id.clone(),
                })
        };
        if !restored {
            let next = crate::app::route::after_connecting(
                self.route_named,
                &here,
                preferences.take_destination(),
                open_draft(),
            );
            if let Some(next) = next {
                self.nav.replace(&next);
            }
        }
        // Who the token belongs to is kept for the session: a reload asks only after a
        // sign-in, so a connected home page costs the cards' requests alone.
        if restored && session.user.is_some() {
            return;
        }
        let (state, services) = (self.state.clone(), self.services().clone());
        spawn_local(async move {
            match client.current_user().await {
                Ok(user) => {
                    flow::remember_user(&services, &user);
                    state.dispatch(Action::TokensRenewed(client.tokens().expires_at));
                    state.dispatch(Action::UserLoaded(user));
                }
                Err(error) => state.dispatch(Action::Failed(error.into())),
            }
        });
    }

    /// A session without refresh token has reached its end: forget it (drafts and settings
    /// stay) and say so, with "Sign in again".
    fn end_session(&self) {
        flow::forget_session(self.services());
        self.state
            .dispatch(Action::Failed(ApiError::SessionEnded.into()));
    }

    /// Renews the tokens ahead of expiry; an ended session asks the person to reconnect.
    fn renew(&self) {
        let Some(client) = self.client.borrow().clone() else {
            return;
        };
        let state = self.state.clone();
        spawn_local(async move {
            match client.refresh().await {
                Ok(tokens) => state.dispatch(Action::TokensRenewed(tokens.expires_at)),
                Err(error) if error.ends_session() => {
                    state.dispatch(Action::Failed(ApiError::SessionEnded.into()))
                }
                // Offline or unreachable: the next request retries the refresh itself.
                Err(_) => {}
            }
        });
    }
}

/// Tells the embedding page when the connection (instance and user) comes or goes.
#[hook]
fn use_announcements(connection: &Connection, events: Option<HostEventsHandle>) {
    let shown: Rc<RefCell<Presence>> = use_mut_ref(|| None);
    let presence = host_events::presence_of(connection);
    use_effect_with(presence, move |presence| {
        let Some(next) = presence.clone() else {
            return;
        };
        let said = host_events::announcement(&shown.borrow(), &next);
        *shown.borrow_mut() = next;
        match (said, events) {
            (Some(Announcement::Connected(instance, user)), Some(events)) => {
                events.0.connected(&instance, &user)
            }
            (Some(Announcement::Disconnected), Some(events)) => events.0.disconnected(),
            _ => {}
        }
    });
}

/// The connection before any effect: a pending callback, a restored session, or nothing. A
/// stored session whose instance the page refuses is shown refused, and left as it is
/// (see [`flow::restore_allowed`]).
fn initial_state(services: &Services, trust: &Trust) -> AppState {
    // A sign-in abandoned over ten minutes ago goes before anything reads it.
    flow::forget_abandoned_sign_in(services);
    let connection = if flow::callback_for_this(services).is_some() {
        Connection::Busy(Step::Completing)
    } else {
        match flow::restore_allowed(services, trust) {
            Ok(Some(session)) => Connection::Connected(Connected {
                instance: session.settings.instance,
                user: session.user,
                expires_at: session.tokens.expires_at,
                renewable: session.tokens.refresh_token.is_some(),
            }),
            Ok(None) => Connection::Disconnected,
            Err(error) => Connection::Failed(error),
        }
    };
    AppState {
        connection,
        removed: None,
    }
}

#[derive(Properties, PartialEq)]
pub struct ConnectionProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Owns the connection for everything below it (under the environment and the route).
#[component]
pub fn ConnectionProvider(props: &ConnectionProviderProps) -> Html {
    let environment = use_environment();
    let services = environment.services.clone();
    let trust = environment.options.trust.clone();
    let initial = {
        let (services, trust) = (services.clone(), trust.clone());
        use_memo((), move |_| initial_state(&services, &trust))
    };
    let state = {
        let initial = initial.clone();
        use_reducer(move || (*initial).clone())
    };
    // A restored session has its client from the first render on: pages below make their
    // first requests in effects that run before this provider's own.
    let client = {
        let services = services.clone();
        let restored = matches!(initial.connection, Connection::Connected(_));
        use_mut_ref(move || {
            restored
                .then(|| flow::restore_allowed(&services, &trust).ok().flatten())
                .flatten()
                .map(|session| flow::client_for(&services, &session))
        })
    };
    let routed = use_route_state();
    let route = use_mut_ref(|| routed.route.clone());
    *route.borrow_mut() = routed.route.clone();
    let handle = ConnectionHandle {
        snapshot: Rc::new((*state).clone()),
        initial,
        state: state.dispatcher(),
        environment: environment.clone(),
        nav: use_nav(),
        route,
        route_named: routed.named,
        client,
    };
    {
        let handle = handle.clone();
        use_effect_with((), move |_| start(handle));
    }
    {
        // Each move tells the state, which forgets what belonged to the page left (the view
        // the app loaded on is no move: a failure found at load stays).
        let (dispatcher, first) = (state.dispatcher(), use_mut_ref(|| true));
        use_effect_with(routed.route.view(), move |view| {
            if !first.replace(false) {
                dispatcher.dispatch(Action::Navigated(*view))
            }
        });
    }
    {
        let expires_at = match &state.connection {
            Connection::Connected(c) => Some(c.expires_at),
            _ => None,
        };
        let handle = handle.clone();
        use_effect_with(expires_at, move |_| {
            let timer = expires_at.and_then(|_| schedule_renewal(handle));
            move || drop(timer)
        });
    }
    use_announcements(&state.connection, environment.events.clone());

    html! {
        <ContextProvider<ConnectionHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<ConnectionHandle>>
    }
}

/// On mount: finish a callback, or resume a restored session.
fn start(handle: ConnectionHandle) {
    if let Some(callback) = flow::take_callback(&handle.environment.services) {
        let handle = handle.clone();
        spawn_local(async move {
            match flow::complete(&handle.environment.services, callback).await {
                Ok(session) => {
                    handle.adopt(session.clone(), false);
                    // The new session is saved: now the one it replaced can go.
                    let _ = flow::revoke_previous(&handle.environment.services, &session).await;
                }
                Err(error) => {
                    flow::abandon_sign_in(&handle.environment.services);
                    handle.state.dispatch(Action::Failed(error))
                }
            }
        });
    } else if let Ok(Some(session)) = flow::restore_allowed(
        &handle.environment.services,
        &handle.environment.options.trust,
    ) {
        handle.adopt(session, true);
    }
}

/// A timer that renews the tokens at their `refresh_at`, or, without a refresh token, ends
/// the session when its access token expires; dropping it cancels.
fn schedule_renewal(handle: ConnectionHandle) -> Option<gloo_timers::callback::Timeout> {
    let tokens = handle.client.borrow().as_ref()?.tokens();
    let renewable = tokens.refresh_token.is_some();
    let at = if renewable {
        tokens.refresh_at()
    } else {
        tokens.expires_at
    };
    let wait = (at - (handle.environment.services.clock)())
        .num_milliseconds()
        .clamp(0, i64::from(i32::MAX));
    let millis = u32::try_from(wait).unwrap_or(u32::MAX);
    Some(gloo_timers::callback::Timeout::new(millis, move || {
        if renewable {
            handle.renew()
        } else {
            handle.end_session()
        }
    }))
}

/// The connection, from any component under [`ConnectionProvider`].
#[hook]
pub fn use_connection() -> ConnectionHandle {
    super::render_probe::note();
    match use_context::<ConnectionHandle>() {
        Some(handle) => handle,
        None => panic!("use_connection must be called under <ConnectionProvider>"),
    }
}
