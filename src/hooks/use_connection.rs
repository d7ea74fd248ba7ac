//! The connection as a context: its state, and intents (`authorize`, `reconnect`,
//! `remove_connection`, `show`) that run the flow's side effects outside of any `view`.

use std::cell::RefCell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::app::describe::{self, Described};
use crate::app::host_events::{self, Announcement, HostEventsHandle, Presence};
use crate::app::setup::{self, SetupCheck};
use crate::app::share::{ShareDraft, ShareDrafts};
use crate::app::state::Connected;
use crate::app::state_names::StateNames;
use crate::app::{flow, language, removal};
use crate::app::{Action, AppOptions, AppState, ConnectError, Connection, Services, Step, View};
use crate::i18n::{Locale, Texts};
use crate::servicenow::AssignmentGroup;
use crate::servicenow::{ApiError, OAuthSettings, ServiceNowClient};
use crate::storage::{keys, SetupDraft, StorageError, StoredSession};

/// What components get from [`use_connection`].
#[derive(Clone)]
pub struct ConnectionHandle {
    /// A snapshot: Yew 0.23's reducer handle reads live state, so comparing two handles would
    /// never see a change and consumers would never re-render.
    snapshot: Rc<AppState>,
    /// The state the app mounted with, to tell a person's action from the first load.
    initial: Rc<AppState>,
    state: UseReducerDispatcher<AppState>,
    pub services: Services,
    pub options: AppOptions,
    pub texts: &'static Texts,
    /// Switches the language (from the menu) and remembers it for the tab.
    choose_locale: Callback<Locale>,
    /// The last outcome said to screen reader users (see [`ConnectionHandle::announce`]).
    pub announcement: AttrValue,
    set_announcement: UseStateSetter<AttrValue>,
    client: Rc<RefCell<Option<ServiceNowClient>>>,
    /// Where the embedding page hears about the connection and new tickets.
    pub events: Option<HostEventsHandle>,
}

impl PartialEq for ConnectionHandle {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot == other.snapshot
            && self.services == other.services
            && self.options == other.options
            && self.events == other.events
            && self.texts.locale == other.texts.locale
            && self.announcement == other.announcement
    }
}

impl ConnectionHandle {
    pub fn state(&self) -> &AppState {
        &self.snapshot
    }

    /// True once anything has happened since the app loaded (focus may then move).
    pub fn has_changed_since_load(&self) -> bool {
        self.snapshot != self.initial
    }

    /// The language tag of the texts in use.
    pub fn texts_locale(&self) -> &'static str {
        self.texts.locale.tag()
    }

    /// The language in use.
    pub fn locale(&self) -> Locale {
        self.texts.locale
    }

    /// Whether the person may choose the language: not when the embedding page set `lang`.
    pub fn language_is_choosable(&self) -> bool {
        self.options.locale.is_none()
    }

    /// Tells screen reader users `text` through the app's one polite live region, which is
    /// there from the start (a region that appears already filled is often not read).
    pub fn announce(&self, text: impl Into<AttrValue>) {
        self.set_announcement.set(text.into());
    }

    /// Speaks `locale` from now on, in place: pages re-render, drafts and focus stay.
    pub fn choose_locale(&self, locale: Locale) {
        self.choose_locale.emit(locale);
    }

    pub fn show(&self, view: View) {
        self.state.dispatch(Action::Show(view));
    }

    /// The redirect URI to register: configured, or this page without query and hash.
    pub fn redirect_uri(&self) -> String {
        self.options.redirect_uri.clone().unwrap_or_else(|| {
            crate::app::services::default_redirect_uri(&self.services.browser.current_url())
        })
    }

    /// This page's origin, as the instance's CORS settings must name it.
    pub fn origin(&self) -> String {
        crate::app::services::origin_of(&self.services.browser.current_url())
    }

    /// A failure in words, with this page's facts filled in.
    pub fn describe(&self, error: &ConnectError) -> Described {
        let context = describe::Context {
            origin: self.origin(),
            redirect_uri: self.redirect_uri(),
        };
        describe::describe(error, self.texts, &context)
    }

    /// Validates the setup form; when it is valid, checks the instance and leaves to sign in.
    pub fn authorize(&self, draft: &SetupDraft) -> Result<(), SetupCheck> {
        let page = self.services.browser.current_url();
        let settings = setup::validate(draft, &page, &self.redirect_uri())?;
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
            None => match flow::restore(&self.services) {
                Ok(session) => session.map(|s| (s.settings, s.tokens)),
                Err(error) => {
                    self.state.dispatch(Action::Failed(error.into()));
                    return;
                }
            },
        };
        let Some((settings, tokens)) = current else {
            self.show(View::Setup);
            return;
        };
        // Tokens that are dead already (expired, nothing to renew them with) need no revoking.
        let now = (self.services.clock)();
        if tokens.refresh_token.is_some() || now < tokens.expires_at {
            flow::keep_previous(&self.services, settings.instance.clone(), tokens);
        }
        self.run_authorization(settings);
    }

    fn run_authorization(&self, settings: OAuthSettings) {
        let state = self.state.clone();
        let services = self.services.clone();
        flow::remember_view(&services, self.snapshot.view);
        state.dispatch(Action::Busy(Step::CheckingInstance));
        spawn_local(async move {
            if let Err(error) = flow::probe_instance(&services, &settings).await {
                state.dispatch(Action::Failed(error));
                return;
            }
            state.dispatch(Action::Busy(Step::Redirecting));
            if let Err(error) = flow::start_authorization(&services, settings) {
                state.dispatch(Action::Failed(error));
            }
        });
    }

    /// Removes the connection: drops the client (so no renewal can start), clears every
    /// snowcard key from storage, revokes the tokens at the instance, and lands on the
    /// connection card with how it went. Dispatching `Busy` first stops the renewal timer.
    pub fn remove_connection(&self) {
        let client = self.client.borrow_mut().take();
        let stored = flow::restore(&self.services).ok().flatten();
        let session = match client {
            Some(client) => Some((client.settings().instance.clone(), client.tokens())),
            None => stored.map(|s| (s.settings.instance, s.tokens)),
        };
        let (state, services) = (self.state.clone(), self.services.clone());
        state.dispatch(Action::Busy(Step::Removing));
        spawn_local(async move {
            let outcome = removal::remove(&services, session).await;
            state.dispatch(Action::Removed(outcome));
        });
    }

    /// Where and as whom the app is connected: the client's settings, else the saved ones.
    pub fn settings(&self) -> Option<OAuthSettings> {
        if let Some(client) = self.client.borrow().as_ref() {
            return Some(client.settings().clone());
        }
        flow::restore(&self.services)
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

    /// This tab's share drafts (an unreadable value counts as none).
    pub fn share_drafts(&self) -> ShareDrafts {
        self.services
            .store
            .load_or_clear(keys::SHARE_DRAFTS)
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Saves the drafts; a refused write costs only the reload safety net.
    pub fn save_share_drafts(&self, drafts: &ShareDrafts) {
        let _ = self.services.store.save(keys::SHARE_DRAFTS, drafts);
    }

    /// The assignment group last chosen in this tab, if any (an unreadable value counts as none).
    pub fn remembered_group(&self) -> Option<AssignmentGroup> {
        self.services
            .store
            .load_or_clear(keys::ASSIGNMENT_GROUP)
            .ok()
            .flatten()
    }

    /// Remembers the chosen group for the tab (`None` forgets it).
    pub fn remember_group(&self, group: Option<&AssignmentGroup>) {
        match group {
            Some(group) => {
                let _ = self.services.store.save(keys::ASSIGNMENT_GROUP, group);
            }
            None => self.services.store.remove(keys::ASSIGNMENT_GROUP),
        }
    }

    /// The person's ticket state names (an unreadable value counts as none).
    pub fn state_names(&self) -> StateNames {
        self.services
            .store
            .load_or_clear(keys::STATE_NAMES)
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Saves the state names; `Err` when the browser refused to store them.
    pub fn save_state_names(&self, names: &StateNames) -> Result<(), StorageError> {
        self.services.store.save(keys::STATE_NAMES, names)
    }

    /// Opens the share form on `draft` (or on the earlier draft for the same action).
    pub fn open_share(&self, draft: ShareDraft) {
        let mut drafts = self.share_drafts();
        drafts.open(draft);
        self.save_share_drafts(&drafts);
        self.show(View::Share);
    }

    /// Leaves the share form for `view`; `discard` forgets the draft.
    pub fn close_share(&self, discard: bool, view: View) {
        let mut drafts = self.share_drafts();
        drafts.close(discard);
        self.save_share_drafts(&drafts);
        self.show(view);
    }

    /// Takes the connected session into use and, unless a restored session already knows,
    /// asks the instance who it belongs to. `restored` sessions keep the client made when
    /// the provider mounted, so the pages that rendered with it (and their requests in
    /// flight) go on with the same one.
    fn adopt(&self, session: StoredSession, restored: bool) {
        let existing = self.client.borrow().clone().filter(|_| restored);
        let client = existing.unwrap_or_else(|| flow::client_for(&self.services, &session));
        *self.client.borrow_mut() = Some(client.clone());
        self.state.dispatch(Action::Connected(Connected {
            instance: session.settings.instance.clone(),
            user: session.user.clone(),
            expires_at: session.tokens.expires_at,
            renewable: session.tokens.refresh_token.is_some(),
        }));
        // Back from signing in again: the page that was open comes back, and with a draft
        // open the form comes back as it was.
        let returned = (!restored)
            .then(|| flow::take_return_view(&self.services))
            .flatten();
        if let Some(view) = returned {
            self.show(view);
        } else if self.share_drafts().open_draft().is_some() {
            self.show(View::Share);
        }
        // Who the token belongs to is kept for the session: a reload asks only after a
        // sign-in, so a connected home page costs the cards' requests alone.
        if restored && session.user.is_some() {
            return;
        }
        let (state, services) = (self.state.clone(), self.services.clone());
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
        flow::forget_session(&self.services);
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

/// The state before any effect: a pending callback, a restored session, or nothing; on the
/// page the embedding page asked for, unless a share draft was open.
fn initial_state(services: &Services, view: Option<View>) -> AppState {
    let connection = if flow::callback_for_this(services).is_some() {
        Connection::Busy(Step::Completing)
    } else {
        match flow::restore(services) {
            Ok(Some(session)) => Connection::Connected(Connected {
                instance: session.settings.instance,
                user: session.user,
                expires_at: session.tokens.expires_at,
                renewable: session.tokens.refresh_token.is_some(),
            }),
            Ok(None) => Connection::Disconnected,
            Err(error) => Connection::Failed(error.into()),
        }
    };
    let draft_open = services
        .store
        .load::<ShareDrafts>(keys::SHARE_DRAFTS)
        .ok()
        .flatten()
        .is_some_and(|d| d.open_draft().is_some());
    let view = if draft_open && matches!(connection, Connection::Connected(_)) {
        View::Share
    } else {
        view.unwrap_or(View::Home)
    };
    AppState {
        view,
        connection,
        removed: None,
    }
}

#[derive(Properties, PartialEq)]
pub struct ConnectionProviderProps {
    pub services: Services,
    pub options: AppOptions,
    /// The embedding page's listener, if any.
    #[prop_or_default]
    pub events: Option<HostEventsHandle>,
    #[prop_or_default]
    pub children: Html,
}

/// Owns the connection for everything below it.
#[component]
pub fn ConnectionProvider(props: &ConnectionProviderProps) -> Html {
    let services = props.services.clone();
    let initial = {
        let view = props.options.view;
        use_memo((), move |_| initial_state(&services, view))
    };
    let state = {
        let initial = initial.clone();
        use_reducer(move || (*initial).clone())
    };
    // A restored session has its client from the first render on: pages below make their
    // first requests in effects that run before this provider's own.
    let client = {
        let services = props.services.clone();
        let restored = matches!(initial.connection, Connection::Connected(_));
        use_mut_ref(move || {
            restored
                .then(|| flow::restore(&services).ok().flatten())
                .flatten()
                .map(|session| flow::client_for(&services, &session))
        })
    };
    // What the person speaks when the embedding page does not say: their menu choice, else
    // the browser's languages. The embedding page's `lang` (which may change) wins.
    let chosen = {
        let services = props.services.clone();
        use_state(move || {
            let remembered = language::remembered(&services.store);
            language::choose(None, remembered, &services.browser.languages())
        })
    };
    let locale = props.options.locale.unwrap_or(*chosen);
    let choose_locale = {
        let (chosen, services) = (chosen.clone(), props.services.clone());
        Callback::from(move |locale: Locale| {
            language::remember(&services.store, locale);
            chosen.set(locale);
        })
    };
    let announcement = use_state(AttrValue::default);
    {
        // An announcement belongs to the page and language it was made in.
        let announcement = announcement.clone();
        use_effect_with((state.view, locale), move |_| {
            announcement.set(AttrValue::default())
        });
    }
    let handle = ConnectionHandle {
        snapshot: Rc::new((*state).clone()),
        initial,
        state: state.dispatcher(),
        services: props.services.clone(),
        options: props.options.clone(),
        texts: locale.texts(),
        choose_locale,
        announcement: (*announcement).clone(),
        set_announcement: announcement.setter(),
        client,
        events: props.events.clone(),
    };

    {
        let handle = handle.clone();
        use_effect_with((), move |_| start(handle));
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

    {
        // The embedding page chose another page: show it (the first value is the initial view).
        let (dispatcher, first) = (state.dispatcher(), use_mut_ref(|| true));
        use_effect_with(props.options.view, move |view| {
            if !first.replace(false) {
                if let Some(view) = *view {
                    dispatcher.dispatch(Action::Show(view));
                }
            }
        });
    }
    use_announcements(&state.connection, props.events.clone());

    html! {
        <ContextProvider<ConnectionHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<ConnectionHandle>>
    }
}

/// On mount: finish a callback, or resume a restored session.
fn start(handle: ConnectionHandle) {
    if let Some(callback) = flow::take_callback(&handle.services) {
        let handle = handle.clone();
        spawn_local(async move {
            match flow::complete(&handle.services, callback).await {
                Ok(session) => {
                    handle.adopt(session.clone(), false);
                    // The new session is saved: now the one it replaced can go.
                    let _ = flow::revoke_previous(&handle.services, &session).await;
                }
                Err(error) => {
                    flow::abandon_sign_in(&handle.services);
                    handle.state.dispatch(Action::Failed(error))
                }
            }
        });
    } else if let Ok(Some(session)) = flow::restore(&handle.services) {
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
    let wait = (at - (handle.services.clock)())
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
    match use_context::<ConnectionHandle>() {
        Some(handle) => handle,
        None => panic!("use_connection must be called under <ConnectionProvider>"),
    }
}
