//! Browser tests of the router: each view's address is written where the component keeps
//! it (the fragment of its own page, one parameter of a host's query or fragment, or
//! nowhere), the address is followed when it changes under the app, a wrong one lands on
//! home with a note, and one announcement re-renders only what reads it. Headless
//! Chromium, fake instance, fake page address.

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{Duration, Utc};
use common::{mount_at, signed_in, CURRENT_USER};
use snowcard::app::route::Address;
use snowcard::app::services::FakeBrowser;
use snowcard::app::state::Connected;
use snowcard::app::{AppOptions, Browser, Services};
use snowcard::components::app::Contexts;
use snowcard::components::home_page::HomePage;
use snowcard::components::live_region::LiveRegion;
use snowcard::hooks::{render_probe, use_announcer, Announcer};
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::servicenow::{InstanceUrl, UserInfo};
use snowcard::storage::{StorageBackend, Store};
use url::Url;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// An instance with no tickets, and the list of improvement actions beside the page.
fn instance() -> FakeTransport {
    FakeTransport::new(|req| {
        let path = req.uri().path().to_owned();
        if path.ends_with("/api/now/ui/user/current_user") || path.contains("current_user") {
            json(200, CURRENT_USER)
        } else if path.ends_with(".json") {
            json(
                200,
                r#"{"value": [{"id": "AdminMFAV2", "title": "Require MFA for administrative roles", "controlCategory": "Identity"}]}"#,
            )
        } else {
            json(200, r#"{"result": []}"#)
        }
    })
}

/// Tells the page its address changed under the app, as Back and Forward do.
fn pop_to(browser: &FakeBrowser, url: &str) {
    browser.replace_url(&Url::parse(url).expect("a URL"));
    let event = web_sys::Event::new("popstate").expect("an event");
    web_sys::window()
        .expect("a window")
        .dispatch_event(&event)
        .expect("dispatched");
}

const PAGE: &str = "https://sec.example/snowcard/";

#[wasm_bindgen_test]
async fn on_its_own_page_each_view_is_in_the_fragment_and_back_and_forward_follow_it() {
    let app = mount_at(PAGE, instance(), signed_in(PAGE), Address::Fragment);
    app.wait_for_text("Change management").await;
    assert!(app.browser.pushed().is_empty(), "loading adds no entry");
    app.click("View all tickets").await;
    app.wait_for_text("All tickets").await;
    let pushed: Vec<String> = app.browser.pushed().iter().map(|u| u.to_string()).collect();
    assert_eq!(pushed, [format!("{PAGE}#/tickets?table=change_request")]);
    assert_eq!(
        web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.title())
            .as_deref(),
        Some("All tickets · snowcard")
    );

    // Back: the page's address is home's again, and so is the view; no entry is added.
    pop_to(&app.browser, PAGE);
    app.wait_for_text("Change management").await;
    assert_eq!(app.browser.pushed().len(), 1);
    // Forward, to an address with a filter: the view reads it.
    pop_to(
        &app.browser,
        &format!("{PAGE}#/tickets?table=incident&priority=2&page=1"),
    );
    app.wait_for_text("All tickets").await;
    app.wait_for("the priority filter from the address", |a| {
        a.root
            .query_selector("#sc-filter-priority")
            .ok()
            .flatten()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(e).ok())
            .is_some_and(|s| s.value() == "2")
    })
    .await;
    assert_eq!(app.browser.pushed().len(), 1);
}

#[wasm_bindgen_test]
async fn a_wrong_address_lands_on_home_with_a_note_and_is_replaced() {
    for wrong in [
        "#/nowhere",
        "#/tickets?page=0",
        "#manage",
        "#/actions?category=printers",
    ] {
        let page = format!("{PAGE}{wrong}");
        let app = mount_at(&page, instance(), signed_in(PAGE), Address::Fragment);
        app.wait_for_text("That address does not lead to a snowcard page")
            .await;
        app.wait_for_text("Change management").await;
        assert_eq!(app.browser.current_url().as_str(), PAGE, "{wrong}");
        assert!(app.browser.pushed().is_empty(), "{wrong}");
        // The note goes with the next move.
        app.click("View all tickets").await;
        app.wait_for_text("All tickets").await;
        assert!(!app.text().contains("does not lead"));
    }
}

#[wasm_bindgen_test]
async fn a_share_address_of_an_unknown_action_leads_to_the_list_with_a_note() {
    let page = format!("{PAGE}#/share?action=NoSuchAction");
    let app = mount_at(&page, instance(), signed_in(PAGE), Address::Fragment);
    app.wait_for_text("The improvement action in that address is not in the list")
        .await;
    app.wait_for_text("Require MFA for administrative roles")
        .await;
    assert_eq!(
        app.browser.current_url().as_str(),
        format!("{PAGE}#/actions")
    );
    // A known one opens its form, with a new draft.
    pop_to(&app.browser, &format!("{PAGE}#/share?action=AdminMFAV2"));
    app.wait_for_text("Share to ServiceNow").await;
    assert_eq!(
        app.input("Task name").value(),
        "Require MFA for administrative roles"
    );
}

#[wasm_bindgen_test]
async fn embedded_without_routing_the_hosts_address_never_changes() {
    let host = "https://portal.example/security?tab=1#overview";
    let app = mount_at(host, instance(), signed_in(host), Address::Memory);
    app.wait_for_text("Change management").await;
    app.click("View all tickets").await;
    app.wait_for_text("All tickets").await;
    app.click("Back").await;
    app.click("Manage ServiceNow configuration").await;
    app.wait_for_text("Customize ticket state names").await;
    assert!(app.browser.pushed().is_empty());
    assert_eq!(app.browser.current_url().as_str(), host);
}

#[wasm_bindgen_test]
async fn embedded_with_query_routing_only_its_parameter_changes() {
    let host = "https://portal.example/security?tab=secure%20score&x=1#overview";
    let address = Address::QueryParam("sc".into());
    let app = mount_at(host, instance(), signed_in(host), address);
    app.wait_for_text("Change management").await;
    app.click("View all tickets").await;
    app.wait_for_text("All tickets").await;
    let there = "https://portal.example/security?tab=secure%20score&x=1&sc=tickets%3Ftable%3Dchange_request#overview";
    assert_eq!(app.browser.current_url().as_str(), there);
    assert_eq!(app.browser.pushed().len(), 1);
    // Back to the host's own address: home, and the parameter is gone.
    pop_to(&app.browser, host);
    app.wait_for_text("Change management").await;
    assert_eq!(app.browser.current_url().as_str(), host);
    assert_eq!(app.browser.pushed().len(), 1);
}

#[wasm_bindgen_test]
async fn embedded_with_hash_routing_the_hosts_fragment_stays() {
    let host = "https://portal.example/#/dashboard";
    let address = Address::HashParam("sc2".into());
    let app = mount_at(host, instance(), signed_in(host), address);
    app.wait_for_text("Change management").await;
    app.click("Manage ServiceNow configuration").await;
    app.wait_for_text("Customize ticket state names").await;
    assert_eq!(
        app.browser.current_url().as_str(),
        "https://portal.example/#/dashboard&sc2=manage"
    );
    // Another component's parameter in the same fragment is not this one's; its own is.
    pop_to(
        &app.browser,
        "https://portal.example/#/dashboard&sc=status&sc2=manage",
    );
    yew::scheduler::flush().await;
    assert!(app.text().contains("Customize ticket state names"));
    pop_to(
        &app.browser,
        "https://portal.example/#/dashboard&sc=manage&sc2=tickets",
    );
    app.wait_for_text("All tickets").await;
    assert_eq!(
        app.browser.pushed().len(),
        1,
        "following the address adds no entry"
    );
}

thread_local! {
    static ANNOUNCER: RefCell<Option<Announcer>> = const { RefCell::new(None) };
}

/// Hands the test the announcer, as a component that announces would use it.
#[component]
fn Probe() -> Html {
    let announcer = use_announcer();
    ANNOUNCER.with(|a| *a.borrow_mut() = Some(announcer));
    html! {}
}

#[derive(Properties, PartialEq)]
struct HomeProps {
    services: Services,
    connected: Connected,
}

#[component]
fn Home(props: &HomeProps) -> Html {
    html! {
        <Contexts services={props.services.clone()} options={AppOptions::default()}>
            <LiveRegion />
            <HomePage connected={props.connected.clone()} />
            <Probe />
        </Contexts>
    }
}

/// Waits until no render reads a context any more (the page has settled).
async fn settled() -> u32 {
    let mut last = u32::MAX;
    let mut same = 0;
    let deadline = js_sys::Date::now() + 5_000.0;
    while same < 5 && js_sys::Date::now() < deadline {
        yew::scheduler::flush().await;
        gloo_timers::future::TimeoutFuture::new(10).await;
        let now = render_probe::reads();
        same = if now == last { same + 1 } else { 0 };
        last = now;
    }
    last
}

#[wasm_bindgen_test]
async fn an_announcement_re_renders_only_the_live_region() {
    let root = common::new_root();
    let memory = signed_in(PAGE);
    let backend: Rc<dyn StorageBackend> = Rc::new(memory);
    let services = Services {
        tabs: Default::default(),
        transport: Rc::new(instance()),
        store: Store::new(backend, "snowcard"),
        browser: Rc::new(FakeBrowser::at(PAGE)),
        clock: Rc::new(Utc::now),
    };
    let connected = Connected {
        instance: InstanceUrl::parse("acme").expect("valid"),
        user: Some(UserInfo {
            sys_id: "u1".into(),
            user_name: "int.user".into(),
            display_name: "Integration User".into(),
        }),
        expires_at: Utc::now() + Duration::seconds(1799),
        renewable: true,
    };
    render_probe::reset();
    yew::Renderer::<Home>::with_root_and_props(
        root.clone(),
        HomeProps {
            services,
            connected,
        },
    )
    .render();
    let loading = settled().await;
    render_probe::reset();
    let announcer = ANNOUNCER
        .with(|a| a.borrow().clone())
        .expect("the probe rendered");
    announcer.announce("Ticket CHG0030001 created.");
    let reads = settled().await;
    let said = root
        .query_selector_all("[aria-live=polite]")
        .ok()
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.get(i))
                .filter_map(|n| n.text_content())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    assert!(
        said.iter().any(|t| t == "Ticket CHG0030001 created."),
        "the live region says it: {said:?}"
    );
    console_log!(
        "bench: the connected home page read contexts {loading} times while loading; \
         one announcement, {reads} times"
    );
    // The announcer's own provider (which holds the text, and reads the route and the
    // language to forget it on a move) and the live region: nothing of the page below.
    assert!(reads <= 3, "one announcement read contexts {reads} times");
}

#[wasm_bindgen_test]
async fn removing_the_connection_lands_on_home_with_how_it_went() {
    // The instance answers revocation with 200: the tokens are revoked.
    let page = format!("{PAGE}#/manage");
    let app = mount_at(&page, instance(), signed_in(PAGE), Address::Fragment);
    app.wait_for_text("Customize ticket state names").await;
    app.click("Remove connection").await;
    app.click("Remove").await;
    app.wait_for_text("Do you use ServiceNow?").await;
    assert_eq!(
        app.browser.current_url().as_str(),
        PAGE,
        "on home's address"
    );
    assert!(!app.storage.keys().iter().any(|k| k.ends_with(":session")));
    // Leaving home forgets the notice; coming back to it does not bring it back.
    let text = app.text();
    assert!(text.contains("Connection removed"), "{text}");
    app.click("Connect to ServiceNow").await;
    app.wait_for_text("ServiceNow setup").await;
    pop_to(&app.browser, PAGE);
    app.wait_for_text("Do you use ServiceNow?").await;
    assert!(!app.text().contains("Connection removed"));
}
