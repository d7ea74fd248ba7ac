//! Browser tests of a session without refresh token (what ServiceNow documents for public
//! clients): when it ends, the warning before, "Sign in again", and the end itself.
//! Headless Chromium, fake instance.

#![cfg(target_arch = "wasm32")]

mod common;

use chrono::{Duration, Utc};
use common::{mount, signed_in, store_of, CURRENT_USER};
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::storage::{keys, MemoryStorage, StorageBackend, StoredSession};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://portal.example/security/";

/// The signed-in session of [`signed_in`], without refresh token, ending in `ends_in`
/// seconds of a `lifetime`-second session.
fn unrenewable(ends_in: i64, lifetime: i64) -> MemoryStorage {
    let memory = signed_in(PAGE);
    let store = store_of(&memory);
    let mut session: StoredSession = store
        .load(keys::SESSION)
        .expect("readable")
        .expect("a session");
    session.tokens.refresh_token = None;
    session.tokens.expires_at = Utc::now() + Duration::seconds(ends_in);
    session.tokens.lifetime_secs = lifetime;
    store.save(keys::SESSION, &session).expect("saved");
    memory
}

fn instance() -> FakeTransport {
    FakeTransport::new(|req| match req.uri().path() {
        "/api/now/ui/user/current_user" => json(200, CURRENT_USER),
        _ => json(200, r#"{"result":[]}"#),
    })
}

#[wasm_bindgen_test]
async fn the_card_says_when_the_session_ends_and_no_warning_shows_yet() {
    let app = mount(PAGE, instance(), unrenewable(1500, 1799));
    app.wait_for_text("Session ends at").await;
    let text = app.text();
    assert!(!text.contains("renews the session by itself"), "{text}");
    assert!(!text.contains("Your ServiceNow session ends at"), "{text}");
    assert!(app.find_button("Sign in again").is_none());
}

#[wasm_bindgen_test]
async fn shortly_before_the_end_sign_in_again_keeps_the_page_and_sets_the_old_tokens_aside() {
    // 30 s left of 200: inside the warning (the last third of the lifetime, 66 s).
    let storage = unrenewable(30, 200);
    let app = mount(PAGE, instance(), storage.clone());
    app.wait_for_text("Your ServiceNow session ends at").await;
    assert!(app
        .text()
        .contains("your drafts, this page and your settings are kept"));
    app.click("View all tickets").await;
    app.wait_for_text("Your ServiceNow session ends at").await;
    app.click("Sign in again").await;
    app.wait_for("the sign-in page", |a| a.browser.redirected_to().is_some())
        .await;
    let to = app.browser.redirected_to().unwrap_or_default();
    assert!(
        to.starts_with("https://acme.service-now.com/oauth_auth.do?")
            && to.contains("scope=useraccount"),
        "{to}"
    );
    assert!(
        storage
            .get("snowcard:return-view")
            .is_some_and(|v| v.contains("/tickets")),
        "the open page is remembered (as its address)"
    );
    assert!(
        storage
            .get("snowcard:previous-tokens")
            .is_some_and(|v| v.contains("\"AT\"")),
        "the old tokens wait to be revoked"
    );
}

#[wasm_bindgen_test]
async fn an_ended_session_says_so_with_sign_in_again_and_is_forgotten() {
    let storage = unrenewable(-5, 1799);
    let app = mount(PAGE, instance(), storage.clone());
    app.wait_for_text("Your ServiceNow session has ended").await;
    assert!(app.find_button("Sign in again").is_some());
    assert_eq!(storage.get("snowcard:session"), None);
}
