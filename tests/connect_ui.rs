//! Browser tests of connecting: the connection card, the setup page's validation, the step
//! to the instance's sign-in page, and the callback's state check. Headless Chromium, fake
//! instance, memory storage.

#![cfg(target_arch = "wasm32")]

mod common;

use common::mount;
use snowcard::app::Browser;
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::servicenow::TransportError;
use snowcard::storage::{MemoryStorage, StorageBackend};
use url::Url;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://portal.example/security/";

fn instance_up() -> FakeTransport {
    FakeTransport::new(|_| json(200, "{}"))
}

/// Fills the setup page for instance "acme" and authorizes, as a person would; returns the
/// `state` the app sent to the instance's sign-in page.
async fn start_signing_in(storage: MemoryStorage) -> String {
    let app = mount(PAGE, instance_up(), storage);
    app.click("Connect to ServiceNow").await;
    app.fill("Instance", "acme").await;
    app.fill("Client ID", "cid").await;
    app.click("Authorize").await;
    app.wait_for("the redirect", |a| a.browser.redirected_to().is_some())
        .await;
    let sent = Url::parse(&app.browser.redirected_to().unwrap_or_default()).expect("url");
    let state = sent.query_pairs().find(|(k, _)| k == "state");
    state.map(|(_, v)| v.into_owned()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_connection_card_leads_to_the_setup_page() {
    let app = mount(PAGE, instance_up(), MemoryStorage::default());
    app.wait_for_text("Do you use ServiceNow?").await;
    app.click("Connect to ServiceNow").await;
    app.wait_for_text("ServiceNow setup").await;
    assert!(
        app.text().contains("https://portal.example/security/"),
        "the redirect URI to register is shown"
    );
    app.expand("What an administrator sets up on the instance first")
        .await;
    assert!(
        app.text()
            .contains("glide.oauth.cors.allowed.origin to portal.example (this page's host name;"),
        "the checklist names the CORS property and this page's host name"
    );
    assert!(
        app.text().contains("domain https://portal.example,"),
        "the CORS rules name this page's origin"
    );
    app.expand("What leaves this browser").await;
    assert!(app.text().contains("snowcard never sees a password"));
    app.click("Back").await;
    app.wait_for_text("Do you use ServiceNow?").await;
}

#[wasm_bindgen_test]
async fn the_setup_page_explains_each_bad_field_beside_it() {
    let app = mount(PAGE, instance_up(), MemoryStorage::default());
    app.click("Connect to ServiceNow").await;
    app.click("Authorize").await;
    app.wait_for_text("Correct the fields marked below").await;
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|e| e.id());
    assert_eq!(
        focused.as_deref(),
        Some("sc-instance"),
        "focus lands on the first bad field"
    );
    assert!(
        app.description_of("Instance")
            .contains("Enter the instance"),
        "{}",
        app.description_of("Instance")
    );
    assert!(app
        .description_of("Client ID")
        .contains("Enter the client ID"));
    assert_eq!(
        app.input("Instance")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );

    app.fill("Instance", "http://acme.service-now.com").await;
    assert!(
        !app.description_of("Instance")
            .contains("Enter the instance"),
        "a field's message goes while it is corrected"
    );
    app.click("Authorize").await;
    app.wait_for("the http message", |a| {
        a.description_of("Instance")
            .contains("plain http is allowed only")
    })
    .await;
    app.fill("Instance", "acme").await;
    app.fill("Client ID", "9d4c3b2a1f0e4d5c8b7a6f5e4d3c2b1a")
        .await;
    app.wait_for("the fields to turn valid", |a| {
        a.input("Instance").get_attribute("aria-invalid").is_none()
    })
    .await;
    assert!(!app.text().contains("Correct the fields marked below"));
    assert!(
        app.browser.redirected_to().is_none(),
        "nothing happens until Authorize"
    );
}

#[wasm_bindgen_test]
async fn authorize_checks_the_instance_and_sends_the_browser_to_sign_in_with_pkce() {
    let app = mount(PAGE, instance_up(), MemoryStorage::default());
    app.click("Connect to ServiceNow").await;
    app.fill("Instance", "acme").await;
    app.fill("Client ID", "9d4c3b2a1f0e4d5c8b7a6f5e4d3c2b1a")
        .await;
    app.click("Authorize").await;
    app.wait_for("the redirect", |a| a.browser.redirected_to().is_some())
        .await;
    let url = Url::parse(&app.browser.redirected_to().unwrap_or_default()).expect("a URL");
    assert_eq!(
        url.origin().ascii_serialization(),
        "https://acme.service-now.com"
    );
    assert_eq!(url.path(), "/oauth_auth.do");
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(
        query.get("code_challenge_method").map(String::as_str),
        Some("S256")
    );
    assert_eq!(query.get("redirect_uri").map(String::as_str), Some(PAGE));
    assert!(query.get("state").is_some_and(|s| s.len() >= 16));
    assert!(
        app.storage.get("snowcard:pending").is_some(),
        "the verifier waits in session storage"
    );
    assert_eq!(
        app.transport.requests()[0].url,
        "https://acme.service-now.com/"
    );
}

#[wasm_bindgen_test]
async fn an_unreachable_instance_is_reported_and_the_form_is_kept() {
    let gone = FakeTransport::new(|_| {
        Err(TransportError::Unreachable {
            url: "https://acmme.service-now.com/".into(),
        })
    });
    let app = mount(PAGE, gone, MemoryStorage::default());
    app.click("Connect to ServiceNow").await;
    app.fill("Instance", "acmme").await;
    app.fill("Client ID", "cid").await;
    app.click("Authorize").await;
    app.wait_for_text("The instance could not be reached").await;
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|e| e.id());
    assert_eq!(
        focused.as_deref(),
        Some("sc-error-title"),
        "focus moves to the error, beside the form"
    );
    assert!(app.text().contains("Check the instance name"));
    assert_eq!(
        app.input("Instance").value(),
        "acmme",
        "what was typed stays"
    );
    assert!(app.browser.redirected_to().is_none());
}

#[wasm_bindgen_test]
async fn what_was_typed_survives_a_reload() {
    let storage = MemoryStorage::default();
    let first = mount(PAGE, instance_up(), storage.clone());
    first.click("Connect to ServiceNow").await;
    first.fill("Instance", "acme-dev").await;
    first.fill("Client ID", "abc").await;
    let again = mount(PAGE, instance_up(), storage);
    again.click("Connect to ServiceNow").await;
    assert_eq!(again.input("Instance").value(), "acme-dev");
    assert_eq!(again.input("Client ID").value(), "abc");
}

#[wasm_bindgen_test]
async fn the_callback_rejects_a_state_this_tab_did_not_send() {
    let storage = MemoryStorage::default();
    start_signing_in(storage.clone()).await;

    let token_endpoint = instance_up();
    let back = mount(
        &format!("{PAGE}?code=stolen&state=forged"),
        token_endpoint.clone(),
        storage.clone(),
    );
    back.wait_for_text("This sign-in response was not requested by this page")
        .await;
    assert!(
        token_endpoint.requests().is_empty(),
        "the code was never exchanged"
    );
    assert_eq!(
        back.browser.current_url().as_str(),
        PAGE,
        "code and state left the address bar"
    );
    assert!(storage.get("snowcard:session").is_none());
    back.click("Try again").await;
    back.wait_for_text("ServiceNow setup").await;
}

#[wasm_bindgen_test]
async fn a_denied_consent_says_so_and_offers_to_try_again() {
    let storage = MemoryStorage::default();
    let state = start_signing_in(storage.clone()).await;
    let back = mount(
        &format!("{PAGE}?error=access_denied&state={state}"),
        instance_up(),
        storage,
    );
    back.wait_for_text("Access was denied").await;
    assert!(back.text().contains("choose Try again, then Allow"));
}

#[wasm_bindgen_test]
async fn a_completed_callback_shows_who_is_connected() {
    let storage = MemoryStorage::default();
    let state = start_signing_in(storage.clone()).await;
    let instance = FakeTransport::new(|req| match req.uri().path() {
        "/oauth_token.do" => json(
            200,
            r#"{"access_token":"AT","refresh_token":"RT","token_type":"Bearer","expires_in":1799}"#,
        ),
        _ => json(
            200,
            r#"{"result":{"user_sys_id":"u1","user_name":"int","user_display_name":"Integration User"}}"#,
        ),
    });
    let back = mount(
        &format!("{PAGE}?code=C0DE&state={state}"),
        instance,
        storage.clone(),
    );
    back.wait_for_text("Connected to acme.service-now.com as Integration User")
        .await;
    assert!(storage.get("snowcard:pending").is_none());
    let reloaded = mount(
        PAGE,
        FakeTransport::new(|_| {
            json(
                200,
                r#"{"result":{"user_sys_id":"u1","user_name":"int","user_display_name":"Integration User"}}"#,
            )
        }),
        storage,
    );
    reloaded
        .wait_for_text("Connected to acme.service-now.com as Integration User")
        .await;
}

#[wasm_bindgen_test]
async fn corrupt_saved_data_is_reported_and_cleared() {
    let storage = MemoryStorage::default();
    storage
        .set("snowcard:session", "{\"v\":1,\"data\":\"garbage\"}")
        .expect("set");
    let app = mount(PAGE, instance_up(), storage.clone());
    app.wait_for_text("Saved connection data could not be read")
        .await;
    assert!(storage.get("snowcard:session").is_none());
    app.click("Try again").await;
    app.wait_for_text("ServiceNow setup").await;
}

/// The page's policy: `allowedInstances` and a code-set `tokenUrl`, as `mount()` passes them.
fn pinned_options(token_url: Option<&str>) -> snowcard::app::AppOptions {
    let mut options = snowcard::app::embed::EmbedOptions::default();
    options.apply(
        serde_json::from_value(serde_json::json!({
            "allowedInstances": "acme",
            "tokenUrl": token_url,
        }))
        .expect("a patch"),
    );
    options.app_options().expect("valid options")
}

#[wasm_bindgen_test]
async fn a_pinned_page_names_the_host_before_authorize_and_refuses_another_instance() {
    let transport = instance_up();
    let app = common::mount_as(
        PAGE,
        std::rc::Rc::new(transport.clone()),
        transport.clone(),
        MemoryStorage::default(),
        pinned_options(None),
        &[],
    );
    app.click("Connect to ServiceNow").await;
    app.fill("Instance", "globex").await;
    app.fill("Client ID", "cid").await;
    app.wait_for_text("You will sign in at globex.service-now.com.")
        .await;
    app.click("Authorize").await;
    app.wait_for_text(
        "This page only connects to acme.service-now.com. Enter one of those instances.",
    )
    .await;
    assert_eq!(app.browser.redirected_to(), None, "never left for globex");
    assert!(
        transport.requests().is_empty(),
        "nothing was sent to globex"
    );
    assert_eq!(
        app.input("Instance").value(),
        "globex",
        "what was typed stays"
    );

    // A token URL typed on another origin is refused with the reason.
    app.fill("Instance", "acme").await;
    app.expand("Advanced").await;
    app.fill("Token URL", "https://proxy.example/oauth_token.do")
        .await;
    app.wait_for_text("You will sign in at acme.service-now.com.")
        .await;
    app.click("Authorize").await;
    app.wait_for_text("The token URL receives your sign-in, so it must be on this page's origin or the instance's.")
        .await;
    assert_eq!(app.browser.redirected_to(), None);
    assert_eq!(
        app.input("Token URL").value(),
        "https://proxy.example/oauth_token.do"
    );
}

#[wasm_bindgen_test]
async fn a_token_url_the_page_code_set_fills_the_field_and_is_accepted() {
    let transport = instance_up();
    let app = common::mount_as(
        PAGE,
        std::rc::Rc::new(transport.clone()),
        transport,
        MemoryStorage::default(),
        pinned_options(Some("https://proxy.example/oauth_token.do")),
        &[],
    );
    app.click("Connect to ServiceNow").await;
    app.fill("Instance", "acme").await;
    app.fill("Client ID", "cid").await;
    assert_eq!(
        app.input("Token URL").value(),
        "https://proxy.example/oauth_token.do"
    );
    app.click("Authorize").await;
    app.wait_for("the redirect", |a| a.browser.redirected_to().is_some())
        .await;
    let to = app.browser.redirected_to().unwrap_or_default();
    assert!(
        to.starts_with("https://acme.service-now.com/oauth_auth.do?"),
        "{to}"
    );
}
