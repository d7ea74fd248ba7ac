//! The browser's side of `crate::tabs`: Web Locks (`navigator.locks.request`) for the
//! refresh lock and `BroadcastChannel` for handing rotated tokens to the other tabs. Both
//! are same-origin by definition: a lock or a channel name is scoped to the origin, so
//! nothing posted here reaches another site. Either may be missing (an old browser, an
//! insecure context has no `navigator.locks`, a sandboxed frame may refuse both); then
//! that half is left out and each tab refreshes on its own.
//!
//! Web Locks are reached through `js_sys::Reflect`, not web-sys's bindings, which need
//! `web_sys_unstable_apis`.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use gloo_events::EventListener;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::servicenow::http::LocalFuture;
use crate::tabs::{LockGuard, TabChannel, TabChannels, TabLocks, TabSync};

/// What this browser offers, each half only where it exists.
pub fn browser_tab_sync() -> TabSync {
    let locks = WebLocks::available().map(|l| Rc::new(l) as Rc<dyn TabLocks>);
    let channels = broadcast_available().then(|| Rc::new(BroadcastChannels) as Rc<dyn TabChannels>);
    TabSync::new(locks, channels)
}

/// `navigator.locks`, when it has a `request` method.
struct WebLocks {
    manager: JsValue,
    request: Function,
}

impl WebLocks {
    fn available() -> Option<Self> {
        let navigator = web_sys::window()?.navigator();
        let manager = Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
        if manager.is_undefined() || manager.is_null() {
            return None;
        }
        let request = Reflect::get(&manager, &JsValue::from_str("request")).ok()?;
        let request = request.dyn_into::<Function>().ok()?;
        Some(Self { manager, request })
    }
}

type Grant = Rc<RefCell<Option<oneshot::Sender<Option<Function>>>>>;

fn send(grant: &Grant, release: Option<Function>) -> Result<(), Option<Function>> {
    match grant.borrow_mut().take() {
        Some(sender) => sender.send(release),
        None => Err(release),
    }
}

impl TabLocks for WebLocks {
    fn acquire(&self, name: &str) -> LocalFuture<'static, LockGuard> {
        let (sender, granted) = oneshot::channel();
        let grant: Grant = Rc::new(RefCell::new(Some(sender)));
        // Called once the lock is granted; it stays held until the promise returned settles,
        // which the guard's release does.
        let on_grant = {
            let grant = grant.clone();
            Closure::once_into_js(move |_lock: JsValue| -> JsValue {
                let mut release = None;
                let held = Promise::new(&mut |resolve, _reject| release = Some(resolve));
                // Nobody waits any more (the refresh was dropped): let the lock go at once.
                if let Err(Some(release)) = send(&grant, release) {
                    let _ = release.call0(&JsValue::UNDEFINED);
                }
                held.into()
            })
        };
        match self
            .request
            .call2(&self.manager, &JsValue::from_str(name), &on_grant)
        {
            // The request's promise settles after the release; rejected before the grant
            // (SecurityError, AbortError), the refresh goes on without the lock.
            Ok(settled) => {
                let grant = grant.clone();
                spawn_local(async move {
                    let settled = settled.dyn_into::<Promise>().map(JsFuture::from);
                    let refused = match settled {
                        Ok(future) => future.await.is_err(),
                        Err(_) => true,
                    };
                    if refused {
                        let _ = send(&grant, None);
                    }
                });
            }
            Err(_) => {
                let _ = send(&grant, None);
            }
        }
        Box::pin(async move {
            match granted.await {
                Ok(Some(release)) => LockGuard::new(move || {
                    let _ = release.call0(&JsValue::UNDEFINED);
                }),
                _ => LockGuard::unheld(),
            }
        })
    }
}

fn broadcast_available() -> bool {
    Reflect::get(&js_sys::global(), &JsValue::from_str("BroadcastChannel"))
        .is_ok_and(|constructor| constructor.is_function())
}

/// `new BroadcastChannel(name)` per open channel.
struct BroadcastChannels;

struct OpenChannel {
    channel: web_sys::BroadcastChannel,
    _listener: EventListener,
}

impl TabChannels for BroadcastChannels {
    fn open(&self, name: &str, on_message: Box<dyn Fn(&str)>) -> Option<Box<dyn TabChannel>> {
        let channel = web_sys::BroadcastChannel::new(name).ok()?;
        let listener = EventListener::new(&channel, "message", move |event| {
            let text = event
                .dyn_ref::<web_sys::MessageEvent>()
                .and_then(|message| message.data().as_string());
            if let Some(text) = text {
                on_message(&text);
            }
        });
        Some(Box::new(OpenChannel {
            channel,
            _listener: listener,
        }))
    }
}

impl TabChannel for OpenChannel {
    fn post(&self, message: &str) {
        // A closed or refused channel only costs the other tabs a refresh of their own.
        let _ = self.channel.post_message(&JsValue::from_str(message));
    }
}

impl Drop for OpenChannel {
    fn drop(&mut self) {
        self.channel.close();
    }
}
