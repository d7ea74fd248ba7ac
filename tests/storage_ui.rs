//! Browser tests of where snowcard keeps things: tokens only in memory
//! (`token-storage="memory"`), and a page whose session storage the browser blocks or fills.
//! Headless Chromium; the blocked and full cases patch the real `sessionStorage` before
//! mounting and count what escapes into the page (uncaught errors, unhandled rejections).

#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use chrono::Utc;
use common::{new_root, signed_in, Mounted, CURRENT_USER};
use snowcard::app::services::FakeBrowser;
use snowcard::app::{AppOptions, Services, View};
use snowcard::components::app::{App, AppProps};
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::storage::{
    keys, MemoryStorage, SessionStorage, SetupDraft, StorageBackend, Store, TokenStorage,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://portal.example/security/";
/// The namespace these tests keep in the real session storage.
const NAMESPACE: &str = "snowcard-storage-test";
const NOTICE: &str = "This browser does not let snowcard use session storage here";
const MEMORY_ITEM: &str = "kept only in this page's memory, never in storage";

fn instance() -> FakeTransport {
    FakeTransport::new(|request| match request.uri().path() {
        "/api/now/ui/user/current_user" => json(200, CURRENT_USER),
        "/oauth_revoke_token.do" => json(200, ""),
        "/api/now/table/sys_user" => json(401, r#"{"error":{"message":"User Not Authenticated"}}"#),
        _ => json(200, r#"{"result":[]}"#),
    })
}

/// Mounts the app on `store`, opening `view`.
fn mount_on(store: Store<Rc<dyn StorageBackend>>, transport: FakeTransport, view: View) -> Mounted {
    let root = new_root();
    let browser = Rc::new(FakeBrowser::at(PAGE));
    let services = Services {
        tabs: Default::default(),
        transport: Rc::new(transport.clone()),
        store,
        browser: browser.clone(),
        clock: Rc::new(Utc::now),
    };
    let props = AppProps {
        services,
        options: AppOptions {
            view: Some(view),
            ..AppOptions::default()
        },
        address: snowcard::app::route::Address::Memory,
        events: None,
        share: None,
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    Mounted {
        root,
        browser,
        storage: MemoryStorage::default(),
        transport,
    }
}

/// Runs `script` in the page.
fn run(script: &str) -> JsValue {
    js_sys::Function::new_no_args(script)
        .call0(&JsValue::NULL)
        .expect("the script ran")
}

/// Counts, from now on, the errors and rejections nothing caught.
fn count_escapes() {
    run("window.__snowcardEscapes = [];\
         window.addEventListener('error', e => window.__snowcardEscapes.push('error: ' + e.message));\
         window.addEventListener('unhandledrejection', e => window.__snowcardEscapes.push('rejection: ' + e.reason));");
}

fn escapes() -> String {
    run("return (window.__snowcardEscapes || []).join('\\n');")
        .as_string()
        .unwrap_or_default()
}

/// `sessionStorage` as a sandboxed iframe has it: reading the property throws.
fn block_session_storage() {
    run("window.__snowcardSessionStorage = Object.getOwnPropertyDescriptor(window, 'sessionStorage');\
         Object.defineProperty(window, 'sessionStorage', { configurable: true, get() {\
           throw new DOMException('The operation is insecure.', 'SecurityError'); } });");
}

/// Every write to a Web Storage throws, as when the quota is used up.
fn fill_session_storage() {
    run("window.__snowcardSetItem = Storage.prototype.setItem;\
         Storage.prototype.setItem = function () {\
           throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };");
}

/// Undoes [`block_session_storage`] and [`fill_session_storage`], and forgets this file's keys.
fn restore_session_storage() {
    run("if (window.__snowcardSessionStorage) {\
           Object.defineProperty(window, 'sessionStorage', window.__snowcardSessionStorage);\
           window.__snowcardSessionStorage = null; }\
         if (window.__snowcardSetItem) {\
           Storage.prototype.setItem = window.__snowcardSetItem; window.__snowcardSetItem = null; }\
         for (const k of Object.keys(sessionStorage)) {\
           if (k.startsWith('snowcard-storage-test:')) sessionStorage.removeItem(k); }");
}

fn session_storage() -> Store<Rc<dyn StorageBackend>> {
    let backend: Rc<dyn StorageBackend> = Rc::new(SessionStorage);
    Store::new(backend, NAMESPACE)
}

fn occurrences(text: &str, of: &str) -> usize {
    text.matches(of).count()
}

#[wasm_bindgen_test]
async fn a_blocked_session_storage_runs_on_memory_with_one_notice_and_nothing_escapes() {
    restore_session_storage();
    count_escapes();
    block_session_storage();
    let app = mount_on(session_storage(), instance(), View::Home);
    app.wait_for_text(NOTICE).await;
    app.wait_for_text("Do you use ServiceNow?").await;
    assert_eq!(occurrences(&app.text(), NOTICE), 1, "one notice");
    assert!(app.text().contains("reloading the page signs you out"));
    let notice = app
        .root
        .query_selector(".sc-storage-notice")
        .ok()
        .flatten()
        .expect("the notice");
    assert_eq!(
        notice.get_attribute("role").as_deref(),
        Some("status"),
        "polite"
    );

    // The setup page works from memory: what is typed stays, and it tells where tokens are.
    app.click("Connect to ServiceNow").await;
    app.fill("Instance", "acme").await;
    app.fill("Client ID", "cid").await;
    app.expand("What leaves this browser").await;
    assert!(app.text().contains(MEMORY_ITEM), "{}", app.text());
    // A redirect sign-in would lose its verifier with the page: refused, with what to do.
    app.click("Authorize").await;
    app.wait_for_text("The browser refused to store the connection")
        .await;
    assert!(app.text().contains("Allow site data for this page"));
    assert_eq!(app.browser.redirected_to(), None);
    assert_eq!(
        app.input("Instance").value(),
        "acme",
        "nothing typed is lost"
    );
    assert_eq!(app.input("Client ID").value(), "cid");
    assert_eq!(occurrences(&app.text(), NOTICE), 1, "still one notice");

    app.click("Dismiss").await;
    app.wait_for("the notice to go", |a| !a.text().contains(NOTICE))
        .await;
    restore_session_storage();
    assert_eq!(escapes(), "", "nothing escaped into the page");
}

#[wasm_bindgen_test]
async fn a_full_session_storage_moves_to_memory_on_the_first_refused_write_keeping_everything() {
    restore_session_storage();
    count_escapes();
    let store = session_storage();
    let typed = SetupDraft {
        instance: "acme".into(),
        client_id: String::new(),
        token_url: String::new(),
    };
    store.save(keys::SETUP_DRAFT, &typed).expect("saved");
    fill_session_storage();
    let app = mount_on(store, instance(), View::Setup);
    app.wait_for_text("ServiceNow setup").await;
    assert!(
        !app.text().contains(NOTICE),
        "nothing is probed: storage that reads is used until a write fails"
    );
    assert_eq!(app.input("Instance").value(), "acme", "read from storage");
    app.fill("Client ID", "cid").await;
    app.wait_for_text(NOTICE).await;
    assert_eq!(app.input("Instance").value(), "acme");
    assert_eq!(
        app.input("Client ID").value(),
        "cid",
        "the refused write is kept"
    );
    restore_session_storage();
    assert_eq!(escapes(), "", "nothing escaped into the page");
}

#[wasm_bindgen_test]
async fn in_memory_mode_no_token_is_in_storage_and_re_authorizing_revokes_before_leaving() {
    let storage = signed_in(PAGE);
    assert!(storage.get("snowcard:session").is_some());
    let backend: Rc<dyn StorageBackend> = Rc::new(storage.clone());
    let store = Store::new(backend, "snowcard").with_token_storage(TokenStorage::Memory);
    assert_eq!(
        storage.get("snowcard:session"),
        None,
        "switching to memory takes the tokens out of storage"
    );
    let transport = instance();
    let app = mount_on(store, transport.clone(), View::Manage);
    app.wait_for_text("Integration User").await;
    assert!(!app.text().contains(NOTICE), "memory mode is no failure");

    app.click("Re-authorize").await;
    app.wait_for("the sign-in page", |a| a.browser.redirected_to().is_some())
        .await;
    let sent: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
    for token in ["RT", "AT"] {
        assert!(
            sent.iter()
                .any(|u| u.ends_with(&format!("/oauth_revoke_token.do?token={token}"))),
            "{token} revoked before the page left: {sent:?}"
        );
    }
    assert!(
        storage.get("snowcard:pending").is_some(),
        "the sign-in goes on"
    );
    assert_eq!(storage.get("snowcard:previous-tokens"), None);
    assert_eq!(storage.get("snowcard:session"), None);
}

#[wasm_bindgen_test]
async fn the_setup_page_says_where_tokens_are_kept_in_each_mode() {
    for (mode, expected) in [
        (TokenStorage::Session, "kept in this tab's session storage"),
        (TokenStorage::Memory, MEMORY_ITEM),
    ] {
        let backend: Rc<dyn StorageBackend> = Rc::new(MemoryStorage::default());
        let store = Store::new(backend, "snowcard").with_token_storage(mode);
        let app = mount_on(store, instance(), View::Setup);
        app.wait_for_text("ServiceNow setup").await;
        app.expand("What leaves this browser").await;
        let text = app.text();
        assert!(text.contains(expected), "{mode:?}: {text}");
        app.root.remove();
    }
}

#[wasm_bindgen_test]
async fn the_token_storage_attribute_takes_the_session_out_of_storage_and_back() {
    use snowcard::app::embed::storage_namespace;
    use snowcard::web::embed;
    let namespace = storage_namespace("acme", "cid");
    let storage = MemoryStorage::default();
    let raw = signed_in(PAGE).get("snowcard:session").expect("a session");
    let session_key = format!("{namespace}:session");
    storage.set(&session_key, &raw).expect("stored");
    // The page's memory, shared by every component as the browser's services share it.
    let page_memory = MemoryStorage::default();
    let transport = instance();
    {
        let (storage, page_memory, transport) =
            (storage.clone(), page_memory.clone(), transport.clone());
        embed::set_services_factory(Some(Rc::new(move |namespace: &str| {
            let backend: Rc<dyn StorageBackend> = Rc::new(storage.clone());
            Services {
                tabs: Default::default(),
                transport: Rc::new(transport.clone()),
                store: Store::new(backend, namespace).with_memory(page_memory.clone()),
                browser: Rc::new(FakeBrowser::at(PAGE)),
                clock: Rc::new(Utc::now),
            }
        })));
    }
    embed::register().expect("registered");
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let host = document.create_element("snowcard-app").expect("created");
    for (name, value) in [
        ("instance", "acme"),
        ("client-id", "cid"),
        ("token-storage", "memory"),
    ] {
        host.set_attribute(name, value).expect("set");
    }
    document
        .body()
        .expect("a body")
        .append_child(&host)
        .expect("appended");
    let inside = |host: &web_sys::Element| Mounted {
        root: host
            .shadow_root()
            .and_then(|s| s.query_selector(".sc-host").ok().flatten())
            .expect("snowcard's root"),
        browser: Rc::new(FakeBrowser::at(PAGE)),
        storage: storage.clone(),
        transport: transport.clone(),
    };
    inside(&host).wait_for_text("Integration User").await;
    assert_eq!(storage.get(&session_key), None, "not in session storage");
    assert!(
        page_memory.get(&session_key).is_some(),
        "in the page's memory"
    );

    host.set_attribute("token-storage", "session").expect("set");
    inside(&host).wait_for_text("Integration User").await;
    assert!(
        storage.get(&session_key).is_some(),
        "back in session storage: the session goes on"
    );
    assert_eq!(page_memory.get(&session_key), None);
    host.remove();
    embed::set_services_factory(None);
}

#[wasm_bindgen_test]
async fn a_microsoft_sign_in_that_could_not_come_back_is_refused_with_what_to_do() {
    restore_session_storage();
    count_escapes();
    // Signed in to ServiceNow in session storage, which then refuses every write.
    let raw = signed_in(PAGE).get("snowcard:session").expect("a session");
    let store = session_storage();
    let stored: snowcard::storage::StoredSession = serde_json::from_str::<serde_json::Value>(&raw)
        .ok()
        .and_then(|v| serde_json::from_value(v["data"].clone()).ok())
        .expect("the session");
    store.save(keys::SESSION, &stored).expect("saved");
    fill_session_storage();
    let transport = FakeTransport::new(|request| {
        let path = request.uri().path().to_owned();
        if path.contains("current_user") {
            json(200, CURRENT_USER)
        } else if path.ends_with(".json") {
            json(
                200,
                r#"{"value": [{"id": "AdminMFAV2", "title": "Require MFA", "controlCategory": "Identity"}]}"#,
            )
        } else {
            json(200, r#"{"result": []}"#)
        }
    });
    let app = mount_on(store, transport, View::Actions);
    app.wait_for_text("Connect to Microsoft 365").await;
    app.click("Sign in").await;
    app.fill("Tenant", "4f8c2b1a-7d3e-4a6b-9c5d-2e1f0a9b8c7d")
        .await;
    app.fill(
        "Application (client) ID",
        "0c6f3e2d-8b1a-4c5d-9e7f-3a2b1c0d9e8f",
    )
    .await;
    app.wait_for_text(NOTICE).await;
    app.click("Sign in").await;
    app.wait_for_text("The browser refused to store the connection")
        .await;
    assert!(app.text().contains("Allow site data for this page"));
    assert_eq!(
        app.browser.redirected_to(),
        None,
        "the verifier would be lost"
    );
    assert_eq!(
        app.input("Tenant").value(),
        "4f8c2b1a-7d3e-4a6b-9c5d-2e1f0a9b8c7d",
        "nothing typed is lost"
    );
    restore_session_storage();
    assert_eq!(escapes(), "", "nothing escaped into the page");
}
