//! Browser tests of "Manage ServiceNow configuration": what the page shows, state names saved,
//! reset and imported, and removing the connection. Headless Chromium, fake instance.

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use common::{mount, signed_in, store_of, Mounted};
use snowcard::app::share::{ShareDraft, ShareDrafts};
use snowcard::app::state_names::StateNames;
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::servicenow::{HttpResponse, TicketKind, TransportError};
use snowcard::storage::{keys, MemoryStorage, StorageBackend};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://portal.example/security/";
const USER: &str = r#"{"result":{"user_sys_id":"u1","user_name":"int.user","user_display_name":"Integration User"}}"#;
const CHANGE_STATES: &str = r#"{"result":[
    {"stats":{"count":"2"},"groupby_fields":[{"field":"state","value":"-4","display_value":"Assess"}]},
    {"stats":{"count":"1"},"groupby_fields":[{"field":"state","value":"21","display_value":"Awaiting vendor"}]}]}"#;

/// A fake instance that revokes what `/oauth_revoke_token.do` names (its answer hidden from the
/// page, as without CORS) and refuses revoked tokens with 401.
fn instance() -> (FakeTransport, Rc<RefCell<BTreeSet<String>>>) {
    let revoked = Rc::new(RefCell::new(BTreeSet::new()));
    let seen = revoked.clone();
    let transport = FakeTransport::new(move |req| {
        let url = req.uri().to_string();
        let path = req.uri().path();
        if path == "/oauth_revoke_token.do" {
            let query = req.uri().query().unwrap_or("");
            if let Some((_, token)) =
                url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "token")
            {
                seen.borrow_mut().insert(token.into_owned());
            }
            return Err(TransportError::Blocked { url });
        }
        let bearer = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_owned);
        if let Some(token) = bearer {
            if seen.borrow().contains(&token) {
                return json(401, r#"{"error":{"message":"User Not Authenticated"}}"#);
            }
        }
        api_answer(path)
    });
    (transport, revoked)
}

/// What the instance's APIs answer a live token.
fn api_answer(path: &str) -> Result<HttpResponse, TransportError> {
    match path {
        "/api/now/stats/change_request" => json(200, CHANGE_STATES),
        "/api/now/stats/incident" => json(200, r#"{"result":[]}"#),
        "/api/now/table/sys_user" => json(200, r#"{"result":[{"sys_id":"u1"}]}"#),
        _ => json(200, USER),
    }
}

async fn open_manage(storage: MemoryStorage) -> (Mounted, Rc<RefCell<BTreeSet<String>>>) {
    let (transport, revoked) = instance();
    let app = mount(PAGE, transport, storage);
    app.click("Manage ServiceNow configuration").await;
    app.wait_for_text("ServiceNow configuration").await;
    (app, revoked)
}

fn saved_names(storage: &MemoryStorage) -> StateNames {
    store_of(storage)
        .load::<StateNames>(keys::STATE_NAMES)
        .expect("readable")
        .unwrap_or_default()
}

fn active_text() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|e| e.inner_text().trim().to_owned())
        .unwrap_or_default()
}

fn open_dialog(app: &Mounted) -> Option<web_sys::Element> {
    app.root.query_selector("dialog[open]").ok().flatten()
}

/// Chooses `text` as the file of the field labelled `label`, as a person picking a file.
async fn choose_file(app: &Mounted, label: &str, text: &str) {
    let input = app.input(label);
    let parts = js_sys::Array::of1(&text.into());
    let file =
        web_sys::File::new_with_str_sequence(&parts, "snowcard-settings.json").expect("a file");
    let transfer = web_sys::DataTransfer::new().expect("a data transfer");
    transfer.items().add_with_file(&file).expect("added");
    input.set_files(transfer.files().as_ref());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).expect("an event");
    input.dispatch_event(&event).expect("dispatched");
}

#[wasm_bindgen_test]
async fn the_page_shows_the_instance_the_client_id_the_user_and_the_expiry() {
    let (app, _) = open_manage(signed_in(PAGE)).await;
    let text = app.text();
    for expected in [
        "https://acme.service-now.com",
        "cid",
        "Integration User (int.user)",
        "Session expires",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // The defaults always show; the instance adds the states it actually uses.
    assert_eq!(app.input("Assess").placeholder(), "Assess");
    assert_eq!(app.input("On Hold").placeholder(), "On Hold");
    app.wait_for("the instance's own state", |a| {
        a.find_input("Awaiting vendor").is_some()
    })
    .await;
    assert!(app
        .description_of("Awaiting vendor")
        .contains("State value 21"));
    app.click("Back").await;
    app.wait_for_text("Improvement actions").await;
    assert!(app.find_input("Assess").is_none());
}

#[wasm_bindgen_test]
async fn customised_names_are_saved_and_reset_brings_back_the_servicenow_names() {
    let storage = signed_in(PAGE);
    let (app, _) = open_manage(storage.clone()).await;
    app.fill("Assess", "  Triage ").await;
    app.fill("On Hold", "Waiting on someone").await;
    app.click("Save state names").await;
    app.wait_for_text("State names saved.").await;
    let status = app
        .root
        .query_selector(".sc-names-status")
        .ok()
        .flatten()
        .expect("a status");
    assert_eq!(status.get_attribute("role").as_deref(), Some("status"));
    let names = saved_names(&storage);
    assert_eq!(
        names.custom(TicketKind::ChangeRequest, "-4"),
        Some("Triage")
    );
    assert_eq!(
        names.custom(TicketKind::Incident, "3"),
        Some("Waiting on someone")
    );
    assert_eq!(names.custom(TicketKind::Incident, "1"), None);

    app.fill("Assess", &"x".repeat(81)).await;
    assert!(app
        .description_of("Assess")
        .contains("Shorten this name to 80 characters."));
    app.click("Save state names").await;
    app.wait_for_text("Shorten the names marked below, then save.")
        .await;
    assert_eq!(
        saved_names(&storage).custom(TicketKind::ChangeRequest, "-4"),
        Some("Triage")
    );

    app.click("Reset to ServiceNow names").await;
    app.wait_for_text("State names reset to the ServiceNow names.")
        .await;
    assert_eq!(app.input("Assess").value(), "");
    assert_eq!(app.input("On Hold").value(), "");
    assert!(saved_names(&storage).is_empty());
}

#[wasm_bindgen_test]
async fn a_bad_settings_file_is_named_and_the_names_stay() {
    let storage = signed_in(PAGE);
    let mut names = StateNames::default();
    names.set(TicketKind::ChangeRequest, "-4", "Triage");
    store_of(&storage)
        .save(keys::STATE_NAMES, &names)
        .expect("saved");
    let (app, _) = open_manage(storage.clone()).await;
    assert_eq!(app.input("Assess").value(), "Triage");

    let bad = r#"{"format":"snowcard-settings","version":2,"stateNames":{}}"#;
    choose_file(&app, "Import settings", bad).await;
    let message =
        "The file has version 2; this snowcard reads version 1. The current names are unchanged.";
    app.wait_for_text(message).await;
    assert!(app.description_of("Import settings").contains(message));
    assert_eq!(
        app.input("Import settings")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(app.input("Assess").value(), "Triage");
    assert_eq!(saved_names(&storage), names);

    let good = r#"{"format":"snowcard-settings","version":1,"stateNames":{"incident":{"2":"Working on it","30":"With vendor"}}}"#;
    choose_file(&app, "Import settings", good).await;
    app.wait_for_text("Settings imported: 2 state names.").await;
    assert_eq!(app.input("In Progress").value(), "Working on it");
    assert_eq!(app.input("Assess").value(), "");
    let names = saved_names(&storage);
    assert_eq!(
        names.custom(TicketKind::Incident, "2"),
        Some("Working on it")
    );
    assert_eq!(
        names.custom(TicketKind::Incident, "30"),
        Some("With vendor")
    );
    // A state only the file knows gets a field too, which stays while it is emptied.
    assert_eq!(app.input("30").value(), "With vendor");
    app.fill("30", "").await;
    assert!(app.find_input("30").is_some());
}

#[wasm_bindgen_test]
async fn remove_connection_asks_first_then_revokes_and_forgets_everything() {
    let storage = signed_in(PAGE);
    storage.set("portal:theme", "dark").expect("saved");
    let (app, revoked) = open_manage(storage.clone()).await;

    app.click("Remove connection").await;
    app.wait_for("the dialog", |a| open_dialog(a).is_some())
        .await;
    let dialog = open_dialog(&app).expect("a dialog");
    assert!(
        dialog.matches(":modal").unwrap_or(false),
        "shown as a modal dialog"
    );
    assert!(app.text().contains("Remove the connection?"));
    assert_eq!(active_text(), "Cancel");
    // Escape closes it, changes nothing, and gives focus back to the button.
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("a key");
    dialog.dispatch_event(&escape).expect("dispatched");
    app.wait_for("the dialog to close", |a| open_dialog(a).is_none())
        .await;
    assert_eq!(active_text(), "Remove connection");
    assert!(revoked.borrow().is_empty());

    app.click("Remove connection").await;
    app.click("Remove").await;
    app.wait_for_text("Do you use ServiceNow?").await;
    app.wait_for_text("Connection removed. The instance revoked snowcard's tokens.")
        .await;
    assert_eq!(
        *revoked.borrow(),
        BTreeSet::from(["AT".to_owned(), "RT".to_owned()])
    );
    assert_eq!(storage.keys(), ["portal:theme"], "no snowcard key is left");
    assert_eq!(active_text(), "Do you use ServiceNow?");
}

#[wasm_bindgen_test]
async fn an_instance_that_cannot_be_reached_still_loses_the_connection_and_says_what_to_do() {
    let storage = signed_in(PAGE);
    let down = FakeTransport::new(move |req| {
        let url = req.uri().to_string();
        if req.uri().path() == "/oauth_revoke_token.do" {
            return Err(TransportError::Unreachable { url });
        }
        api_answer(req.uri().path())
    });
    let app = mount(PAGE, down, storage.clone());
    app.click("Manage ServiceNow configuration").await;
    app.click("Remove connection").await;
    app.click("Remove").await;
    app.wait_for_text("Connection removed, but the tokens could not be revoked")
        .await;
    let text = app.text();
    assert!(text.contains("The instance did not answer"), "{text}");
    assert!(text.contains("System OAuth > Manage Tokens"), "{text}");
    assert!(text.contains("Do you use ServiceNow?"));
    assert!(storage.keys().is_empty());
}

#[wasm_bindgen_test]
async fn re_authorize_signs_in_again_and_keeps_names_and_drafts() {
    let storage = signed_in(PAGE);
    let mut names = StateNames::default();
    names.set(TicketKind::Incident, "6", "Fixed");
    store_of(&storage)
        .save(keys::STATE_NAMES, &names)
        .expect("saved");
    let mut drafts = ShareDrafts::default();
    drafts.open(ShareDraft::blank(
        "int.user",
        "1",
        chrono::Utc::now().date_naive(),
    ));
    drafts.close(false);
    store_of(&storage)
        .save(keys::SHARE_DRAFTS, &drafts)
        .expect("saved");
    let drafts_before = storage.get("snowcard:share-drafts");
    let (app, revoked) = open_manage(storage.clone()).await;
    app.click("Re-authorize").await;
    app.wait_for("the sign-in page", |a| a.browser.redirected_to().is_some())
        .await;
    let to = app.browser.redirected_to().unwrap_or_default();
    assert!(
        to.starts_with("https://acme.service-now.com/oauth_auth.do?"),
        "{to}"
    );
    assert_eq!(saved_names(&storage), names);
    assert_eq!(storage.get("snowcard:share-drafts"), drafts_before);
    assert!(drafts_before.is_some_and(|d| d.contains("int.user")));
    assert!(
        revoked.borrow().is_empty(),
        "re-authorizing revokes nothing"
    );
}

/// Issue 14: a stored session's instance is checked against the page's allowed instances as
/// the page loads, not only at Authorize on the setup page (before "pinfix", at
/// "Re-authorize": the session was used until then).
#[wasm_bindgen_test]
async fn a_session_at_an_instance_the_page_no_longer_allows_is_refused_before_anything_is_sent() {
    let (transport, revoked) = instance();
    let mut options = snowcard::app::embed::EmbedOptions::default();
    options.apply(
        serde_json::from_value(serde_json::json!({ "allowedInstances": ["globex", "initech"] }))
            .expect("a patch"),
    );
    let app = common::mount_as(
        PAGE,
        Rc::new(transport.clone()),
        transport.clone(),
        signed_in(PAGE),
        options.app_options().expect("valid"),
        &[],
    );
    // The stored session is refused as the page loads: no Re-authorize to reach, nothing
    // sent with its tokens, and the way on is the setup page.
    app.wait_for_text("This page does not connect to acme.service-now.com")
        .await;
    assert!(
        app.text()
            .contains("The page only allows globex.service-now.com, initech.service-now.com."),
        "{}",
        app.text()
    );
    assert!(
        app.text()
            .contains("Open the setup page and enter one of the allowed instances."),
        "{}",
        app.text()
    );
    yew::scheduler::flush().await;
    assert_eq!(app.browser.redirected_to(), None, "never left for acme");
    assert!(revoked.borrow().is_empty());
    assert!(
        transport
            .requests()
            .iter()
            .all(|r| r.authorization.is_none()),
        "no request carries the session's token: {:?}",
        transport.requests()
    );
}

/// Issue 14: a stored session's token URL is checked as the page loads by the rule a typed
/// one meets on the setup page (this page's origin, the instance's, or set by the page's
/// code): one on another origin is refused before anything leaves, and nothing is lost.
#[wasm_bindgen_test]
async fn a_stored_token_url_on_an_untrusted_origin_is_refused_as_the_page_loads_and_nothing_is_lost(
) {
    let (transport, revoked) = instance();
    let storage = signed_in(PAGE);
    let store = store_of(&storage);
    let mut session: snowcard::storage::StoredSession = store
        .load(keys::SESSION)
        .expect("readable")
        .expect("signed in");
    session.settings.token_url = Some(
        oauth2::TokenUrl::new("https://collector.example/oauth_token.do".into()).expect("a URL"),
    );
    store.save(keys::SESSION, &session).expect("saved");
    let mut drafts = ShareDrafts::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
    let mut draft = ShareDraft::blank("int.user", "1", today);
    draft.name = "Typed before re-authorizing".into();
    drafts.open(draft);
    drafts.current = None;
    store.save(keys::SHARE_DRAFTS, &drafts).expect("saved");
    let (session_before, drafts_before) = (
        storage.get("snowcard:session"),
        storage.get("snowcard:share-drafts"),
    );
    let app = mount(PAGE, transport.clone(), storage.clone());
    // Refused as the page loads (a stored session the page's policy refuses is never used),
    // so there is no Re-authorize to reach, and nothing carries its tokens.
    app.wait_for_text("This page does not send sign-ins to https://collector.example")
        .await;
    yew::scheduler::flush().await;
    assert!(
        transport
            .requests()
            .iter()
            .all(|r| r.authorization.is_none()),
        "no request carries the session's token: {:?}",
        transport.requests()
    );
    assert!(
        app.text()
            .contains("change the token URL to a path such as /servicenow/oauth_token.do"),
        "{}",
        app.text()
    );
    assert_eq!(app.browser.redirected_to(), None, "never left to sign in");
    let requests = transport.requests();
    assert!(
        requests.iter().all(|r| !r.url.contains("collector.example")
            && r.url.trim_end_matches('/') != "https://acme.service-now.com"),
        "nothing sent, not even the instance probe: {:?}",
        requests.iter().map(|r| &r.url).collect::<Vec<_>>()
    );
    assert!(storage.get("snowcard:pending").is_none());
    assert!(storage.get("snowcard:previous-tokens").is_none());
    assert_eq!(storage.get("snowcard:session"), session_before);
    assert_eq!(storage.get("snowcard:share-drafts"), drafts_before);
    assert!(revoked.borrow().is_empty());
}

/// Makes `<a download>` clicks record what they would save instead of saving it.
fn capture_downloads() {
    let script = "const original = HTMLAnchorElement.prototype.click;\
        window.__snowcardDownload = null;\
        HTMLAnchorElement.prototype.click = function () {\
            if (this.download) { window.__snowcardDownload = {name: this.download, href: this.href}; return; }\
            return original.call(this);\
        };\
        window.__snowcardRestoreClick = () => { HTMLAnchorElement.prototype.click = original; };";
    js_sys::Function::new_no_args(script)
        .call0(&wasm_bindgen::JsValue::NULL)
        .expect("patched");
}

fn captured(field: &str) -> String {
    let window = web_sys::window().expect("a window");
    js_sys::Reflect::get(&window, &"__snowcardDownload".into())
        .and_then(|d| js_sys::Reflect::get(&d, &field.into()))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn export_downloads_the_saved_names_as_a_settings_file_that_imports_back() {
    let storage = signed_in(PAGE);
    let mut names = StateNames::default();
    names.set(TicketKind::ChangeRequest, "-4", "Triage");
    names.set(TicketKind::Incident, "8", "Dropped");
    store_of(&storage)
        .save(keys::STATE_NAMES, &names)
        .expect("saved");
    let (app, _) = open_manage(storage).await;
    capture_downloads();
    app.click("Export settings").await;
    app.wait_for_text("Settings exported as snowcard-settings.json.")
        .await;
    let _ = js_sys::eval("window.__snowcardRestoreClick()");
    assert_eq!(captured("name"), "snowcard-settings.json");
    let href = captured("href");
    assert!(href.starts_with("blob:"), "{href}");
    let response = gloo_net::http::Request::get(&href)
        .send()
        .await
        .expect("the blob reads");
    let text = response.text().await.expect("text");
    assert!(text.contains("\"format\": \"snowcard-settings\""), "{text}");
    assert_eq!(snowcard::app::settings_file::import(&text), Ok(names));
}
