//! Browser tests of embedding: `<snowcard-app>` renders into its shadow root, follows its
//! attributes, tells the host what happens (connected, ticket created, disconnected), and
//! leaves no timer or listener behind when removed; `mount`/`share`/`update`/`unmount` from
//! Rust; two components on one page keep separate storage. Headless Chromium, fake instance.

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::Utc;
use common::Mounted;
use serde_json::json as value;
use snowcard::app::embed::storage_namespace;
use snowcard::app::services::FakeBrowser;
use snowcard::app::Browser;
use snowcard::app::Services;
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::servicenow::{oauth, InstanceUrl, OAuthSettings};
use snowcard::storage::{keys, MemoryStorage, StorageBackend, Store};
use snowcard::web::embed;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CustomEvent, Element};

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://portal.example/security/";

// Counts the page's live timers and `visibilitychange` listeners by wrapping the browser's
// own functions (once), and can fire every live interval at once.
#[wasm_bindgen(inline_js = r#"
const live = { intervals: new Map(), timeouts: new Map(), visibility: new Set() };
export function track() {
  if (globalThis.__scTracked) return;
  globalThis.__scTracked = true;
  const [si, ci, st, ct] = [setInterval, clearInterval, setTimeout, clearTimeout];
  globalThis.setInterval = (f, ms, ...a) => { const id = si(f, ms, ...a); live.intervals.set(id, { f, ms }); return id; };
  globalThis.clearInterval = (id) => { live.intervals.delete(id); ci(id); };
  globalThis.setTimeout = (f, ms, ...a) => {
    const id = st((...b) => { live.timeouts.delete(id); return typeof f === 'function' ? f(...b) : undefined; }, ms, ...a);
    live.timeouts.set(id, ms || 0); return id;
  };
  globalThis.clearTimeout = (id) => { live.timeouts.delete(id); ct(id); };
  const [add, remove] = [document.addEventListener, document.removeEventListener];
  document.addEventListener = function (type, f, o) { if (type === 'visibilitychange') live.visibility.add(f); return add.call(this, type, f, o); };
  document.removeEventListener = function (type, f, o) { if (type === 'visibilitychange') live.visibility.delete(f); return remove.call(this, type, f, o); };
}
// Live intervals, and timeouts of a second or more (the test's own 10 ms waits do not count).
export function longTimers() {
  return live.intervals.size + [...live.timeouts.values()].filter((ms) => ms >= 1000).length;
}
export function visibilityListeners() { return live.visibility.size; }
export function computed(el, property) { return getComputedStyle(el).getPropertyValue(property).trim(); }
export function cssUrl(text) { return URL.createObjectURL(new Blob([text], { type: 'text/css' })); }
export function fireIntervals() { for (const { f } of live.intervals.values()) f(); return live.intervals.size; }
"#)]
extern "C" {
    fn track();
    #[wasm_bindgen(js_name = longTimers)]
    fn long_timers() -> u32;
    #[wasm_bindgen(js_name = visibilityListeners)]
    fn visibility_listeners() -> u32;
    #[wasm_bindgen(js_name = fireIntervals)]
    fn fire_intervals() -> u32;
    fn computed(element: &Element, property: &str) -> String;
    #[wasm_bindgen(js_name = cssUrl)]
    fn css_url(text: &str) -> String;
}

/// One fake instance for every component: tickets, the current user, creating a ticket.
fn instance() -> FakeTransport {
    FakeTransport::new(|req| {
        let path = req.uri().path().to_owned();
        let query = req.uri().query().unwrap_or_default().to_owned();
        match (req.method().as_str(), path.as_str()) {
            ("POST", "/oauth_token.do") => json(
                200,
                r#"{"access_token":"AT","refresh_token":"RT","token_type":"Bearer","expires_in":1799}"#,
            ),
            ("POST", "/api/now/table/change_request") => json(
                201,
                r#"{"result":{"sys_id":"c0ffee","number":"CHG0040001"}}"#,
            ),
            ("GET", p) if p.starts_with("/api/now/stats/") => json(200, r#"{"result":[]}"#),
            ("GET", p) if p.starts_with("/api/now/table/") && query.contains("correlation") => {
                json(200, r#"{"result":[]}"#)
            }
            ("GET", p) if p.starts_with("/api/now/table/") => json(200, r#"{"result":[]}"#),
            _ => json(200, common::CURRENT_USER),
        }
    })
}

/// Components mounted from now on use `memory`, `transport` and a page at [`PAGE`].
fn serve(memory: &MemoryStorage, transport: &FakeTransport) {
    serve_at(memory, transport, Rc::new(FakeBrowser::at(PAGE)));
}

/// Like [`serve`], on `browser`'s page.
fn serve_at(memory: &MemoryStorage, transport: &FakeTransport, browser: Rc<FakeBrowser>) {
    let (memory, transport) = (memory.clone(), transport.clone());
    embed::set_services_factory(Some(Rc::new(move |namespace: &str| {
        let backend: Rc<dyn StorageBackend> = Rc::new(memory.clone());
        Services {
            tabs: Default::default(),
            transport: Rc::new(transport.clone()),
            store: Store::new(backend, namespace),
            browser: browser.clone(),
            clock: Rc::new(Utc::now),
        }
    })));
}

/// Storage signed in (as [`common::signed_in`] does) under `namespace`.
fn signed_in_as(namespace: &str) -> MemoryStorage {
    let standalone = common::signed_in(PAGE);
    let raw = standalone.get("snowcard:session").expect("a session");
    let memory = MemoryStorage::default();
    memory
        .set(&format!("{namespace}:session"), &raw)
        .expect("stored");
    memory
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A `<snowcard-app>` with `attributes`, on the page.
fn element(attributes: &[(&str, &str)]) -> Element {
    embed::register().expect("registered");
    let element = document().create_element("snowcard-app").expect("created");
    for (name, value) in attributes {
        element.set_attribute(name, value).expect("set");
    }
    document()
        .body()
        .expect("a body")
        .append_child(&element)
        .expect("appended");
    element
}

/// The app inside `host`'s shadow root, as the common helpers drive it.
fn inside(host: &Element, memory: &MemoryStorage, transport: &FakeTransport) -> Mounted {
    let root = host
        .shadow_root()
        .and_then(|s| s.query_selector(".sc-host").ok().flatten())
        .expect("snowcard's root in the shadow root");
    Mounted {
        root,
        browser: Rc::new(FakeBrowser::at(PAGE)),
        storage: memory.clone(),
        transport: transport.clone(),
    }
}

/// Records the `detail` of each `name` event reaching `target`, as JSON.
fn record(target: &web_sys::EventTarget, name: &str) -> Rc<RefCell<Vec<serde_json::Value>>> {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let detail = event
            .dyn_ref::<CustomEvent>()
            .map(|e| e.detail())
            .and_then(|d| serde_wasm_bindgen::from_value(d).ok())
            .unwrap_or(serde_json::Value::Null);
        let flags = value!({"bubbles": event.bubbles(), "composed": event.composed()});
        sink.borrow_mut()
            .push(value!({"detail": detail, "flags": flags}));
    });
    target
        .add_event_listener_with_callback(name, listener.as_ref().unchecked_ref())
        .expect("listening");
    listener.forget();
    seen
}

fn mfa() -> JsValue {
    let profile = value!({
        "id": "AdminMFAV2", "title": "Require MFA for administrative roles",
        "controlCategory": "Identity", "service": "AzureAD", "maxScore": 10,
        "remediation": "Turn on MFA for every admin role."
    });
    js(&profile)
}

/// `value` as a plain JavaScript object, as a host page writes it.
fn js(value: &serde_json::Value) -> JsValue {
    use serde::Serialize;
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("a JS object")
}

#[wasm_bindgen_test]
async fn the_element_renders_in_its_shadow_root_follows_attributes_and_tells_the_host() {
    let namespace = storage_namespace("acme", "cid");
    let (memory, transport) = (signed_in_as(&namespace), instance());
    serve(&memory, &transport);
    // Listening on the document: the events bubble out of the element.
    let connected = record(&document().into(), "snowcard-connected");
    let created = record(&document().into(), "snowcard-ticket-created");
    let host = element(&[
        ("instance", "acme"),
        ("client-id", "cid"),
        ("requested-by", "jdoe"),
        ("lang", "xx"),
    ]);
    let app = inside(&host, &memory, &transport);
    app.wait_for_text("Change management").await;
    let lang = app
        .root
        .query_selector(".snowcard")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"));
    assert_eq!(
        lang.as_deref(),
        Some("en"),
        "an unknown language falls back to English"
    );
    assert!(
        !document()
            .body()
            .and_then(|b| b.text_content())
            .unwrap_or_default()
            .contains("Change management"),
        "the app is in the shadow root, not the light DOM"
    );
    app.wait_for("snowcard-connected", |_| !connected.borrow().is_empty())
        .await;
    assert_eq!(
        connected.borrow()[0],
        value!({"detail": {"instance": "https://acme.service-now.com",
                           "user": {"sysId": "u1", "userName": "int.user", "displayName": "Integration User"}},
                "flags": {"bubbles": true, "composed": true}})
    );

    host.set_attribute("view", "tickets").expect("set");
    app.wait_for_text("All tickets").await;

    let share = js_sys::Reflect::get(&host, &"share".into())
        .expect("a share method")
        .dyn_into::<js_sys::Function>()
        .expect("a function");
    share.call1(&host, &mfa()).expect("shared");
    app.wait_for_text("Share to ServiceNow").await;
    assert_eq!(
        app.input("Task name").value(),
        "Require MFA for administrative roles"
    );
    assert_eq!(app.input("Requested by").value(), "jdoe");
    app.click("Send to ServiceNow").await;
    app.wait_for("snowcard-ticket-created", |_| !created.borrow().is_empty())
        .await;
    assert_eq!(
        created.borrow()[0]["detail"],
        value!({"number": "CHG0040001", "sysId": "c0ffee", "table": "change_request",
                "link": "https://acme.service-now.com/nav_to.do?uri=change_request.do%3Fsys_id%3Dc0ffee"})
    );
    let bad = share.call1(&host, &JsValue::from_str("AdminMFAV2"));
    let message = bad
        .expect_err("a string is no improvement action")
        .dyn_into::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default();
    assert!(
        message.contains("not a secureScoreControlProfile object"),
        "{message}"
    );
    host.remove();
}

#[wasm_bindgen_test]
async fn removing_the_element_stops_every_timer_and_listener_and_empties_it() {
    track();
    let (timers, listeners) = (long_timers(), visibility_listeners());
    let namespace = storage_namespace("acme", "cid");
    let (memory, transport) = (signed_in_as(&namespace), instance());
    serve(&memory, &transport);
    let host = element(&[("instance", "acme"), ("client-id", "cid")]);
    let app = inside(&host, &memory, &transport);
    app.wait_for_text("Incident management").await;
    // Running: the cards' interval, the renewal timer and the visibility listener.
    app.wait_for("the timers to start", |_| long_timers() >= timers + 2)
        .await;
    assert_eq!(visibility_listeners(), listeners + 1);
    // Firing the interval reloads the cards: the probe below can tell.
    let before = transport.requests().len();
    assert!(fire_intervals() > 0);
    app.wait_for("a refresh", |m| m.transport.requests().len() > before)
        .await;

    let disconnected = record(&host.clone().into(), "snowcard-disconnected");
    host.remove();
    app.wait_for("everything to stop", |_| {
        long_timers() == timers && visibility_listeners() == listeners
    })
    .await;
    let shadow = host.shadow_root().expect("still has its shadow root");
    assert_eq!(shadow.child_nodes().length(), 0, "{}", shadow.inner_html());
    let after = transport.requests().len();
    assert_eq!(fire_intervals(), 0);
    yew::scheduler::flush().await;
    assert_eq!(
        transport.requests().len(),
        after,
        "no request after removal"
    );
    assert!(
        disconnected.borrow().is_empty(),
        "removal is not a disconnection"
    );
}

#[wasm_bindgen_test]
async fn removing_the_connection_tells_the_host_and_clears_only_that_components_keys() {
    let namespace = storage_namespace("acme", "cid");
    let (memory, transport) = (signed_in_as(&namespace), instance());
    memory
        .set("snowcard:share-drafts", r#"{"v":1,"data":"standalone"}"#)
        .expect("set");
    serve(&memory, &transport);
    let host = element(&[
        ("instance", "acme"),
        ("client-id", "cid"),
        ("view", "manage"),
    ]);
    let disconnected = record(&host.clone().into(), "snowcard-disconnected");
    let app = inside(&host, &memory, &transport);
    app.click("Remove connection").await;
    app.click("Remove").await;
    app.wait_for("snowcard-disconnected", |_| {
        !disconnected.borrow().is_empty()
    })
    .await;
    assert_eq!(memory.keys(), ["snowcard:share-drafts"]);
    host.remove();
}

#[wasm_bindgen_test]
async fn two_components_on_one_page_keep_their_own_sessions_and_drafts() {
    let memory = signed_in_as(&storage_namespace("acme", "cid"));
    let transport = instance();
    serve(&memory, &transport);
    let acme = element(&[("instance", "acme"), ("client-id", "cid")]);
    let globex = element(&[("instance", "globex"), ("client-id", "cid-2")]);
    let (a, g) = (
        inside(&acme, &memory, &transport),
        inside(&globex, &memory, &transport),
    );
    a.wait_for_text("Change management").await;
    g.wait_for_text("Connect to ServiceNow").await;
    for host in [&acme, &globex] {
        let share = js_sys::Reflect::get(host, &"share".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .expect("a share method");
        share.call1(host, &mfa()).expect("shared");
    }
    a.wait_for_text("Share to ServiceNow").await;
    a.wait_for("both drafts saved", |m| m.storage.keys().len() == 3)
        .await;
    assert_eq!(
        memory.keys(),
        [
            "snowcard:acme.service-now.com:cid:session",
            "snowcard:acme.service-now.com:cid:share-drafts",
            "snowcard:globex.service-now.com:cid-2:share-drafts",
        ]
    );
    // A new instance on the element is another connection: it starts over, signed out.
    acme.set_attribute("instance", "initech").expect("set");
    let a = inside(&acme, &memory, &transport);
    a.wait_for_text("Connect to ServiceNow").await;
    acme.remove();
    globex.remove();
}

#[wasm_bindgen_test]
async fn mount_share_update_and_unmount_from_rust() {
    let (memory, transport) = (common::signed_in(PAGE), instance());
    serve(&memory, &transport);
    let host = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("appended");
    let created = record(&host.clone().into(), "snowcard-ticket-created");
    let handle = embed::mount(host.clone(), JsValue::UNDEFINED).expect("mounted");
    let app = inside(&host, &memory, &transport);
    app.wait_for_text("Change management").await;
    assert!(
        embed::mount(host.clone(), JsValue::UNDEFINED).is_err(),
        "one snowcard per element"
    );
    let link = host
        .shadow_root()
        .and_then(|s| s.query_selector("link[rel=stylesheet]").ok().flatten())
        .and_then(|l| l.get_attribute("href"))
        .unwrap_or_default();
    assert!(link.ends_with("/www/snowcard.css"), "{link}");

    let options = js(&value!({"view": "actions"}));
    handle.update(options).expect("updated");
    app.wait_for("the actions page", |m| m.find_input("Search").is_some())
        .await;
    let bad = js(&value!({"view": "dashboard"}));
    assert!(handle.update(bad).is_err());
    let missing = js(&value!({"id": "x", "controlCategory": "Data"}));
    let error = handle.share(missing).expect_err("no title");
    let message = error
        .dyn_into::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default();
    assert_eq!(message, "snowcard: the improvement action has no \"title\"");

    handle.share(mfa()).expect("shared");
    app.wait_for_text("Share to ServiceNow").await;
    app.click("Send to ServiceNow").await;
    app.wait_for("the ticket", |_| !created.borrow().is_empty())
        .await;
    handle.unmount();
    handle.unmount();
    let shadow = host.shadow_root().expect("a shadow root");
    app.wait_for("the root to empty", |_| shadow.child_nodes().length() == 0)
        .await;
    assert!(handle.share(mfa()).is_err(), "unmounted");
    // The element can hold a snowcard again.
    let again = embed::mount(host.clone(), JsValue::UNDEFINED).expect("mounted again");
    inside(&host, &memory, &transport)
        .wait_for_text("Change management")
        .await;
    again.unmount();
    host.remove();
}

/// Whether the fake instance saw a request at acme, or one carrying a token.
fn reached_acme(transport: &FakeTransport) -> bool {
    transport
        .requests()
        .iter()
        .any(|r| r.url.contains("acme.service-now.com") || r.authorization.is_some())
}

#[wasm_bindgen_test]
async fn a_stored_session_at_an_instance_the_page_does_not_allow_is_refused_until_allowed() {
    // A session for acme from before the page pinned globex.
    let (memory, transport) = (common::signed_in(PAGE), instance());
    let saved = memory.get("snowcard:session");
    serve(&memory, &transport);
    let host = document().create_element("div").expect("a div");
    document()
        .body()
        .expect("body")
        .append_child(&host)
        .expect("appended");
    let connected = record(&host.clone().into(), "snowcard-connected");
    let options = js(&value!({"allowedInstances": "globex"}));
    let handle = embed::mount(host.clone(), options).expect("mounted");
    let app = inside(&host, &memory, &transport);
    app.wait_for_text("This page does not connect to acme.service-now.com")
        .await;
    app.wait_for_text("The page only allows globex.service-now.com.")
        .await;
    app.wait_for_text("Open the setup page and enter one of the allowed instances.")
        .await;
    yew::scheduler::flush().await;
    assert!(
        !reached_acme(&transport),
        "nothing sent to acme: {:?}",
        transport.requests()
    );
    assert!(connected.borrow().is_empty(), "not connected");
    assert_eq!(memory.get("snowcard:session"), saved, "the session is kept");

    // The page allows acme again: the same session is taken up.
    let options = js(&value!({"allowedInstances": "acme"}));
    handle.update(options).expect("updated");
    let app = inside(&host, &memory, &transport);
    app.wait_for("snowcard-connected", |_| !connected.borrow().is_empty())
        .await;
    app.wait_for_text("Change management").await;
    assert!(
        !app.text().contains("does not connect to"),
        "{}",
        app.text()
    );
    assert!(
        reached_acme(&transport),
        "the session's requests go to acme"
    );

    // Narrowed at run time: the session in use stops being used at once.
    let options = js(&value!({"allowedInstances": ["globex"]}));
    handle.update(options).expect("updated");
    let app = inside(&host, &memory, &transport);
    app.wait_for_text("This page does not connect to acme.service-now.com")
        .await;
    let before = transport.requests().len();
    yew::scheduler::flush().await;
    assert_eq!(
        transport.requests().len(),
        before,
        "no request after the refusal: {:?}",
        &transport.requests()[before..]
    );
    handle.unmount();
    host.remove();
}

#[wasm_bindgen_test]
async fn the_sign_in_answer_goes_to_the_component_that_asked_and_the_host_address_stays() {
    // globex left to sign in; its pending request waits in the tab's storage.
    let memory = MemoryStorage::default();
    let settings = OAuthSettings {
        instance: InstanceUrl::parse("globex").expect("valid"),
        client_id: oauth2::ClientId::new("cid-2".into()),
        redirect_uri: oauth2::RedirectUrl::new(PAGE.into()).expect("valid"),
        token_url: None,
    };
    // Started just now: a pending sign-in carries its start time (older than 10 minutes, or
    // without one, it is refused).
    let (_, pending) = oauth::begin(settings, Utc::now()).expect("begun");
    let state = pending.state.secret().clone();
    Store::new(memory.clone(), storage_namespace("globex", "cid-2"))
        .save(keys::PENDING, &pending)
        .expect("saved");
    let back = format!("{PAGE}?tab=score&code=c0de&state={state}#cards");
    let browser = Rc::new(FakeBrowser::at(&back));
    let transport = instance();
    serve_at(&memory, &transport, browser.clone());

    let acme = element(&[("instance", "acme"), ("client-id", "cid")]);
    let a = inside(&acme, &memory, &transport);
    a.wait_for_text("Connect to ServiceNow").await;
    assert_eq!(browser.current_url().as_str(), back, "not acme's to clean");
    let globex = element(&[("instance", "globex"), ("client-id", "cid-2")]);
    let g = inside(&globex, &memory, &transport);
    g.wait_for_text("Change management").await;
    assert_eq!(
        browser.current_url().as_str(),
        format!("{PAGE}?tab=score#cards")
    );
    let token_requests = transport
        .requests()
        .iter()
        .filter(|r| r.url.ends_with("/oauth_token.do"))
        .count();
    assert_eq!(token_requests, 1);
    assert!(a.text().contains("Connect to ServiceNow"), "{}", a.text());
    assert!(
        a.root.query_selector(".sc-error").ok().flatten().is_none(),
        "acme reports nothing: {}",
        a.text()
    );
    acme.remove();
    globex.remove();
}

#[wasm_bindgen_test]
async fn page_styles_stay_out_snowcards_stay_in_and_custom_properties_pass_on_the_element() {
    let (memory, transport) = (MemoryStorage::default(), instance());
    serve(&memory, &transport);
    let style = document().create_element("style").expect("a style");
    style.set_text_content(Some(
        ".sc-card { border-top: 7px solid; } .sc-button { letter-spacing: 9px; } \
         .sc-embed-check { letter-spacing: 3px; } snowcard-app { --sc-accent: rgb(1, 2, 3); }",
    ));
    let body = document().body().expect("a body");
    body.append_child(&style).expect("appended");
    let outer = document().create_element("div").expect("a div");
    outer.set_class_name("sc-embed-check");
    body.append_child(&outer).expect("appended");
    let own = document().create_element("p").expect("a p");
    own.set_class_name("sc-card");
    outer.append_child(&own).expect("appended");
    // snowcard's real stylesheet, served to the shadow root from memory.
    let sheet = css_url(include_str!("../www/snowcard.css"));
    let host = document().create_element("snowcard-app").expect("created");
    embed::register().expect("registered");
    host.set_attribute("stylesheet", &sheet).expect("set");
    outer.append_child(&host).expect("appended");
    let app = inside(&host, &memory, &transport);
    app.wait_for_text("Connect to ServiceNow").await;
    let card = app
        .root
        .query_selector(".sc-card")
        .ok()
        .flatten()
        .expect("a card");
    let button = app
        .find_button("Connect to ServiceNow")
        .expect("the button");
    app.wait_for("snowcard's stylesheet", |_| {
        computed(&card, "border-top-width") == "1px"
    })
    .await;
    assert_eq!(
        computed(&button, "background-color"),
        "rgb(1, 2, 3)",
        "--sc-accent on the element"
    );
    assert_eq!(
        computed(&button, "letter-spacing"),
        "normal",
        "the page's .sc-button stays out"
    );
    assert_eq!(
        computed(&card, "letter-spacing"),
        "normal",
        "inherited page styles stop at the host"
    );
    // snowcard's rules do not reach the page's own .sc-card.
    assert_eq!(computed(&own, "border-top-width"), "7px");
    assert_eq!(computed(&own, "background-color"), "rgba(0, 0, 0, 0)");
    outer.remove();
    style.remove();
}
