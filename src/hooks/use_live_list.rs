//! The tenant's live improvement actions, loaded once per Microsoft 365 session and kept
//! beside the connection (see [`crate::app::live_actions::LiveCache`]): the actions page
//! shows them at once on every visit, "Refresh" asks Graph again, and disconnecting or the
//! session's end forgets them. A session that can no longer be renewed is ended here, so
//! the Microsoft 365 card asks to sign in again.

use std::cell::Cell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::{use_microsoft, MicrosoftHandle, MicrosoftState};
use crate::app::live_actions::{self, CacheEvent, LiveCache};
use crate::microsoft::SessionError;
use crate::servicenow::http::LocalFuture;

pub use crate::app::live_actions::LiveState;

/// The kept list and what may be done to it, as [`LiveListProvider`] shares it.
#[derive(Clone)]
pub struct LiveListHandle {
    cache: UseReducerHandle<LiveCache>,
    microsoft: MicrosoftHandle,
    next_id: Rc<Cell<u64>>,
}

impl PartialEq for LiveListHandle {
    fn eq(&self, other: &Self) -> bool {
        self.cache == other.cache && self.microsoft == other.microsoft
    }
}

impl LiveListHandle {
    fn connected(&self) -> bool {
        matches!(self.microsoft.state, MicrosoftState::Connected { .. })
    }

    /// Where the list stands; "loading" while connected and not asked for yet.
    pub fn state(&self) -> LiveState {
        if self.connected() && self.cache.needs_load() {
            LiveState::Loading
        } else if self.connected() {
            self.cache.state.clone()
        } else {
            LiveState::Off
        }
    }

    /// Loads the list from Graph, once, unless it is loaded or loading already.
    pub fn ensure(&self) {
        if self.cache.needs_load() {
            self.reload();
        }
    }

    /// Loads the list from Graph again, whatever is kept.
    pub fn reload(&self) {
        let Some(session) = self.microsoft.session().filter(|_| self.connected()) else {
            return;
        };
        let id = self.next_id.get().wrapping_add(1);
        self.next_id.set(id);
        let (dispatch, microsoft) = (self.cache.dispatcher(), self.microsoft.clone());
        dispatch.dispatch(CacheEvent::Start(id));
        spawn_local(async move {
            let on_step = {
                let dispatch = dispatch.clone();
                move |step| dispatch.dispatch(CacheEvent::Step(id, step))
            };
            let result = live_actions::load_patiently(&session, &on_step, &wait).await;
            if let Err(SessionError::SignIn(error)) = &result {
                if error.ends_session() {
                    microsoft.end_session(error.clone());
                    dispatch.dispatch(CacheEvent::Drop);
                    return;
                }
            }
            dispatch.dispatch(CacheEvent::Done(id, result.map(Rc::new)));
        });
    }
}

/// Waits `seconds` on the browser's timer.
fn wait(seconds: u32) -> LocalFuture<'static, ()> {
    Box::pin(gloo_timers::future::TimeoutFuture::new(
        seconds.saturating_mul(1000),
    ))
}

#[derive(Properties, PartialEq)]
pub struct LiveListProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Keeps the live list for everything below it, for as long as the Microsoft 365 session
/// lasts (it sits inside [`super::MicrosoftProvider`]).
#[component]
pub fn LiveListProvider(props: &LiveListProviderProps) -> Html {
    let microsoft = use_microsoft();
    let cache = use_reducer_eq(LiveCache::default);
    let next_id = use_memo((), |_| Cell::new(0u64));
    let connected = matches!(microsoft.state, MicrosoftState::Connected { .. });
    {
        let dispatch = cache.dispatcher();
        use_effect_with(connected, move |connected| {
            if !connected {
                dispatch.dispatch(CacheEvent::Drop);
            }
        });
    }
    let handle = LiveListHandle {
        cache,
        microsoft,
        next_id,
    };
    html! {
        <ContextProvider<LiveListHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<LiveListHandle>>
    }
}

/// The live list (loaded on first use in the session), and a way to load it again: after a
/// refusal such as Graph's 429, or to see changes made in Microsoft 365 since.
#[hook]
pub fn use_live_list() -> (LiveState, Callback<()>) {
    let handle = match use_context::<LiveListHandle>() {
        Some(handle) => handle,
        None => panic!("use_live_list must be called under <MicrosoftProvider>"),
    };
    {
        let handle = handle.clone();
        let connected = handle.connected();
        use_effect_with(connected, move |connected| {
            if *connected {
                handle.ensure();
            }
        });
    }
    let state = handle.state();
    let reload = Callback::from(move |()| handle.reload());
    (state, reload)
}
