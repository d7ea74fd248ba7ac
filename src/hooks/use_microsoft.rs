//! The Microsoft 365 connection as a context of its own: ServiceNow and Microsoft 365
//! connect and disconnect independently. Its state, the session handle for Graph calls, and
//! the intents `sign_in`, `disconnect` and `end_session`. The live list is kept beside it
//! for the session ([`super::use_live_list::LiveListProvider`]).

use std::cell::RefCell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::use_environment;
use super::use_live_list::LiveListProvider;
use crate::app::microsoft_flow::{self, MicrosoftConnectError, StoredMicrosoftSession};
use crate::microsoft::settings::validate_trusting;
use crate::microsoft::{Account, MicrosoftSession, SignInError, TenantCheck, TenantDraft};
use crate::storage::keys;

/// Where the Microsoft 365 connection stands.
#[derive(Debug, Clone, PartialEq)]
pub enum MicrosoftState {
    Disconnected,
    /// Leaving for the sign-in, or finishing it.
    Busy,
    Connected {
        account: Account,
        can_write: bool,
    },
    Failed(MicrosoftConnectError),
    /// The session could not be renewed (the SPA refresh token's 24 hours are over, or it
    /// was revoked): its tokens are gone; signing in again brings it back.
    Ended(SignInError),
    /// A sign-in left this tab and the page is back with no answer: Microsoft stopped on its
    /// own page, most likely because the redirect URL is not registered (AADSTS50011).
    Unanswered,
}

/// What components get from [`use_microsoft`].
#[derive(Clone)]
pub struct MicrosoftHandle {
    pub state: MicrosoftState,
    set: UseStateSetter<MicrosoftState>,
    environment: super::Environment,
    session: Rc<RefCell<Option<MicrosoftSession>>>,
}

impl PartialEq for MicrosoftHandle {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && self.environment == other.environment
    }
}

impl MicrosoftHandle {
    /// Checks the form; when it is valid, leaves for Microsoft's sign-in.
    pub fn sign_in(&self, draft: &TenantDraft) -> Result<(), TenantCheck> {
        let settings = validate_trusting(
            draft,
            &self.environment.redirect_uri(),
            &self.environment.options.trust,
        )?;
        self.set.set(MicrosoftState::Busy);
        let (services, set) = (self.environment.services.clone(), self.set.clone());
        let leave = move || {
            if let Err(error) = microsoft_flow::start(&services, settings) {
                set.set(MicrosoftState::Failed(error));
            }
        };
        let store = &self.environment.services.store;
        if store.tokens_end_with_the_page() && store.survives_navigation(keys::MS_PENDING) {
            // ServiceNow's tokens, only in memory, are lost with the page: revoked first.
            let services = self.environment.services.clone();
            let trust = self.environment.options.trust.clone();
            spawn_local(async move {
                crate::app::flow::revoke_before_leaving(&services, &trust).await;
                leave();
            });
        } else {
            leave();
        }
        Ok(())
    }

    /// Forgets the Microsoft 365 session; ServiceNow's stays.
    pub fn disconnect(&self) {
        self.session.borrow_mut().take();
        microsoft_flow::disconnect(&self.environment.services);
        self.set.set(MicrosoftState::Disconnected);
    }

    /// The session can no longer be renewed: forgets its tokens and shows the connect form
    /// with "Sign in to Microsoft 365 again". ServiceNow's connection, every share draft and
    /// what was typed in the form stay.
    pub fn end_session(&self, error: SignInError) {
        self.session.borrow_mut().take();
        microsoft_flow::disconnect(&self.environment.services);
        self.set.set(MicrosoftState::Ended(error));
    }

    /// The session for Graph calls, while connected.
    pub fn session(&self) -> Option<MicrosoftSession> {
        self.session.borrow().clone()
    }
}

fn connected(stored: &StoredMicrosoftSession) -> MicrosoftState {
    MicrosoftState::Connected {
        account: stored.account.clone(),
        can_write: stored.can_write,
    }
}

#[derive(Properties, PartialEq)]
pub struct MicrosoftProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Owns the Microsoft 365 connection for everything below it: on mount it finishes a sign-in
/// whose answer is on the address, or takes the saved session into use.
#[component]
pub fn MicrosoftProvider(props: &MicrosoftProviderProps) -> Html {
    let environment = use_environment();
    let session = {
        let services = environment.services.clone();
        use_mut_ref(move || {
            // A sign-in abandoned over ten minutes ago goes before anything reads it.
            microsoft_flow::forget_abandoned_sign_in(&services);
            microsoft_flow::restore(&services)
                .map(|stored| microsoft_flow::session_for(&services, &stored))
        })
    };
    let state = {
        let services = environment.services.clone();
        use_state(move || {
            if microsoft_flow::callback_for_microsoft(&services).is_some() {
                MicrosoftState::Busy
            } else {
                match microsoft_flow::restore(&services) {
                    Some(stored) => connected(&stored),
                    None if microsoft_flow::unanswered(&services) => MicrosoftState::Unanswered,
                    None => MicrosoftState::Disconnected,
                }
            }
        })
    };
    {
        let (services, set, session) = (
            environment.services.clone(),
            state.setter(),
            session.clone(),
        );
        use_effect_with((), move |_| {
            if let Some(callback) = microsoft_flow::callback_for_microsoft(&services) {
                spawn_local(async move {
                    match microsoft_flow::complete(&services, callback).await {
                        Ok(stored) => {
                            *session.borrow_mut() =
                                Some(microsoft_flow::session_for(&services, &stored));
                            set.set(connected(&stored));
                        }
                        Err(error) => set.set(MicrosoftState::Failed(error)),
                    }
                });
            }
        });
    }
    {
        let (services, set, session) = (
            environment.services.clone(),
            state.setter(),
            session.clone(),
        );
        use_effect_with((), move |_| {
            let listener = back_from_sign_in(services, set, session);
            move || drop(listener)
        });
    }
    let handle = MicrosoftHandle {
        state: (*state).clone(),
        set: state.setter(),
        environment,
        session,
    };
    html! {
        <ContextProvider<MicrosoftHandle> context={handle}>
            <LiveListProvider>{ props.children.clone() }</LiveListProvider>
        </ContextProvider<MicrosoftHandle>>
    }
}

/// Listens for the page coming back from the browser's back-forward cache while "Signing
/// in…": after Back from Microsoft's own error page the page is as it was left, so the
/// form would stay busy. With no answer on the address, the sign-in is told unanswered.
fn back_from_sign_in(
    services: crate::app::Services,
    set: UseStateSetter<MicrosoftState>,
    session: Rc<RefCell<Option<MicrosoftSession>>>,
) -> Option<gloo_events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo_events::EventListener::new(
        &window,
        "pageshow",
        move |event| {
            let restored = js_sys::Reflect::get(event, &"persisted".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if restored && session.borrow().is_none() && microsoft_flow::unanswered(&services) {
                set.set(MicrosoftState::Unanswered);
            }
        },
    ))
}

#[hook]
pub fn use_microsoft() -> MicrosoftHandle {
    super::render_probe::note();
    match use_context::<MicrosoftHandle>() {
        Some(handle) => handle,
        None => panic!("use_microsoft must be called under <MicrosoftProvider>"),
    }
}
