//! The browser's `securitypolicyviolation` events, kept for the transport: one listener on
//! the document (the event reaches it from inside shadow roots too), installed with the
//! first request. See [`crate::app::page_policy`] for what is kept and why.

use std::cell::{Cell, RefCell};

use futures::channel::oneshot;
use futures::future::{select, Either};
use gloo_events::EventListener;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use web_sys::{SecurityPolicyViolationEvent, SecurityPolicyViolationEventDisposition};

use crate::app::page_policy::{Violation, Violations};
use crate::servicenow::TransportError;

/// How long a failed request waits for the browser's violation event. The browser queues
/// the event as it refuses the request, usually to arrive just after the failure; an
/// answer that never comes only costs a failure this much time.
const WAIT_MS: u32 = 500;

thread_local! {
    static SEEN: RefCell<Violations> = RefCell::new(Violations::default());
    static WAITING: RefCell<Vec<oneshot::Sender<()>>> = const { RefCell::new(Vec::new()) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

/// Listens (once per page) and returns the mark to take before a request.
pub fn mark() -> u64 {
    listen();
    SEEN.with(|seen| seen.borrow().mark())
}

/// The violation that blocked the request to `url` started at `since`, waiting up to
/// [`WAIT_MS`] for its event when it has not come yet.
pub async fn explain(url: &str, since: u64) -> Option<TransportError> {
    let mut deadline = TimeoutFuture::new(WAIT_MS);
    loop {
        if let Some(error) = SEEN.with(|seen| seen.borrow().explain(url, since)) {
            return Some(error);
        }
        let (tell, told) = oneshot::channel();
        WAITING.with(|waiting| {
            let mut waiting = waiting.borrow_mut();
            // Waits that timed out dropped their receivers: only live ones are kept.
            waiting.retain(|waiter| !waiter.is_canceled());
            waiting.push(tell);
        });
        match select(told, deadline).await {
            Either::Left((_, rest)) => deadline = rest,
            Either::Right(_) => return SEEN.with(|seen| seen.borrow().explain(url, since)),
        }
    }
}

fn listen() {
    if LISTENING.with(Cell::get) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let listener = EventListener::new(&document, "securitypolicyviolation", |event| {
        let Some(event) = event.dyn_ref::<SecurityPolicyViolationEvent>() else {
            return;
        };
        let enforced = event.disposition() == SecurityPolicyViolationEventDisposition::Enforce;
        let violation = Violation::from_event(
            &event.blocked_uri(),
            &event.effective_directive(),
            &event.violated_directive(),
            enforced,
        );
        if let Some(violation) = violation {
            SEEN.with(|seen| seen.borrow_mut().record(violation));
            for tell in WAITING.with(|waiting| std::mem::take(&mut *waiting.borrow_mut())) {
                let _ = tell.send(());
            }
        }
    });
    // It listens for as long as the page lives.
    listener.forget();
    LISTENING.with(|l| l.set(true));
}
