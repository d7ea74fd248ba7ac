//! Browser tests of the tabs' coordination layer (`snowcard::web::tabs`): a set posted on
//! a namespace's `BroadcastChannel` reaches the other sessions of that namespace (two
//! channels of one page stand in for two tabs: the channel reaches every other context and
//! object of the origin), and the Web Lock is held until its guard drops. Headless Chromium;
//! `127.0.0.1` is a secure context, so `navigator.locks` exists.

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{Duration, Utc};
use futures::channel::oneshot;
use js_sys::{Array, Promise, Reflect};
use snowcard::servicenow::oauth::{AccessToken, RefreshToken};
use snowcard::servicenow::TokenSet;
use snowcard::tabs::SERVICENOW;
use snowcard::web::tabs::browser_tab_sync;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn set(access: &str, refresh: &str) -> TokenSet {
    TokenSet {
        access_token: AccessToken::new(access.into()),
        refresh_token: Some(RefreshToken::new(refresh.into())),
        expires_at: Utc::now() + Duration::seconds(1800),
        lifetime_secs: 1800,
    }
}

#[wasm_bindgen_test]
async fn a_set_announced_by_one_session_reaches_the_other_of_its_namespace() {
    let tabs = browser_tab_sync();
    let (one, two) = (
        tabs.tokens("snowcard:tabs-web-a", SERVICENOW),
        tabs.tokens("snowcard:tabs-web-a", SERVICENOW),
    );
    let (sender, heard) = oneshot::channel();
    let sender = RefCell::new(Some(sender));
    two.listen(move |rotated| {
        if let Some(sender) = sender.borrow_mut().take() {
            let _ = sender.send(rotated);
        }
    });
    let echoed = Rc::new(RefCell::new(0));
    let count = echoed.clone();
    one.listen(move |_| *count.borrow_mut() += 1);
    one.announce(&RefreshToken::new("r1".into()), &set("a2", "r2"));
    let rotated = heard
        .await
        .unwrap_or_else(|_| panic!("the other session heard nothing"));
    assert_eq!(rotated.replaced.secret(), "r1");
    assert_eq!(rotated.tokens.access_token.secret(), "a2");
    assert_eq!(
        *echoed.borrow(),
        0,
        "a channel does not hear its own message"
    );
}

/// `navigator.locks.query()`: the names of the locks waiting to be granted.
async fn pending_locks() -> Vec<String> {
    let navigator = web_sys::window().map(|w| w.navigator());
    let locks = navigator
        .and_then(|n| Reflect::get(&n, &"locks".into()).ok())
        .unwrap_or_else(|| panic!("navigator.locks in a secure context"));
    let query = Reflect::get(&locks, &"query".into())
        .ok()
        .and_then(|q| q.dyn_into::<js_sys::Function>().ok())
        .unwrap_or_else(|| panic!("navigator.locks.query"));
    let promise = query
        .call0(&locks)
        .ok()
        .and_then(|p| p.dyn_into::<Promise>().ok())
        .unwrap_or_else(|| panic!("a promise"));
    let state = JsFuture::from(promise).await.unwrap_or(JsValue::NULL);
    let pending = Reflect::get(&state, &"pending".into()).unwrap_or(JsValue::NULL);
    Array::from(&pending)
        .iter()
        .filter_map(|lock| Reflect::get(&lock, &"name".into()).ok()?.as_string())
        .collect()
}

#[wasm_bindgen_test]
async fn the_refresh_lock_is_held_until_its_guard_drops() {
    let tabs = browser_tab_sync();
    let one = tabs.tokens("snowcard:tabs-web-b", SERVICENOW);
    let two = tabs.tokens("snowcard:tabs-web-b", SERVICENOW);
    let held = one.lock().await;
    let got_it = Rc::new(RefCell::new(false));
    let (sender, granted) = oneshot::channel();
    let flag = got_it.clone();
    spawn_local(async move {
        let _second = two.lock().await;
        *flag.borrow_mut() = true;
        let _ = sender.send(());
    });
    let name = "snowcard:tabs-web-b:servicenow:refresh".to_owned();
    while !pending_locks().await.contains(&name) {}
    assert!(
        !*got_it.borrow(),
        "the second waits while the first holds it"
    );
    drop(held);
    granted
        .await
        .unwrap_or_else(|_| panic!("the second never got the lock"));
    assert!(*got_it.borrow());
}
