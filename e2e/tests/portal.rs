//! End to end: the demo portal (`www/portal/`) embeds snowcard twice, as the
//! `<snowcard-app>` element and with `mount()`, under its own strict Content Security
//! Policy, with its own query, hash, buttons and stylesheet.

use serde_json::{json, Value};
use snowcard_e2e::portal::{ELEMENT, PANEL};
use snowcard_e2e::{World, PORTAL_ELEMENT_CLIENT_ID, PORTAL_MOUNTED_CLIENT_ID, USER};

/// The portal's own query and hash, which must survive the OAuth round trip.
const PORTAL_STATE: &str = "?tab=security#overview";
/// The first of the portal's own two improvement actions (`www/portal/portal.js`).
const PASSWORDS: &str = "Set the password expiration policy so that passwords never expire";
const DISCONNECTED: &str = "Do you use ServiceNow?";

fn connected_text(world: &World) -> String {
    format!(
        "Connected to {} as Snowcard Integration",
        world.instance_label()
    )
}

/// Connects the snowcard in `host` through the sandbox's sign-in (unless the browser is
/// already `signed_in` on the instance) and consent pages.
async fn connect(world: &World, host: &str, signed_in: bool) {
    world.wait_for_component_text(host, DISCONNECTED).await;
    world.click_in(host, "Connect to ServiceNow").await;
    world.click_in(host, "Authorize").await;
    if !signed_in {
        world.fill("User name", USER.0).await;
        world.fill("Password", USER.1).await;
        world.click("Log in").await;
    }
    world.click("Allow").await;
    world
        .wait_for_component_text(host, &connected_text(world))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_connects_and_comes_back_to_the_portal_with_its_query_and_hash() {
    let world = World::start_portal().await;
    world.open_portal(PORTAL_STATE).await;
    world.wait_for_component_text(PANEL, DISCONNECTED).await;
    world.click_in(PANEL, "Connect to ServiceNow").await;
    assert_eq!(
        world.value_in(PANEL, "Instance").await,
        world.sandbox.url(),
        "mount()'s instance option prefills the setup page"
    );
    assert_eq!(
        world.value_in(PANEL, "Client ID").await,
        PORTAL_MOUNTED_CLIENT_ID
    );
    world.click_in(PANEL, "Authorize").await;
    world.fill("User name", USER.0).await;
    world.fill("Password", USER.1).await;
    world.click("Log in").await;
    // The sandbox's answer carries RFC 9207's iss (its default), which must not cost the
    // portal its address.
    world.click("Allow").await;

    world
        .wait_for_component_text(PANEL, &connected_text(&world))
        .await;
    assert_eq!(
        world.url().await,
        world.portal_url(PORTAL_STATE),
        "back on the portal, code, state and iss gone, the portal's own query and hash kept"
    );
    world.wait_for_log("Service desk panel: connected").await;
    assert_eq!(world.sandbox.control().grants().authorization_code, 1);
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portals_own_button_shares_an_action_and_the_portal_hears_of_the_ticket() {
    let world = World::start_portal().await;
    world.open_portal(PORTAL_STATE).await;
    connect(&world, PANEL, false).await;

    world.portal_send(PASSWORDS).await;
    world
        .wait_for_component_text(PANEL, "Share to ServiceNow")
        .await;
    assert_eq!(world.value_in(PANEL, "Task name").await, PASSWORDS);
    world.click_in(PANEL, "Send to ServiceNow").await;
    world.wait_for_component_text(PANEL, "Ticket created").await;

    let changes = world.created_records("change_request");
    assert_eq!(changes.len(), 1, "exactly one change request");
    let field = |name: &str| {
        changes[0]
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    assert_eq!(field("correlation_id"), "snowcard:PWAgePolicyNew");
    assert_eq!(
        field("short_description"),
        format!("Security and configuration change: {PASSWORDS}")
    );
    assert!(
        field("description").contains("Requested by: portal.user@contoso.com"),
        "the portal's requestedBy: {}",
        field("description")
    );
    let number = field("number");
    world
        .wait_for_log(&format!(
            "Ticket {number} created (change_request) from Service desk panel"
        ))
        .await;
    let link = world
        .run_script(
            "const a = document.querySelector('#portal-log a'); return [a.dataset.sysId, a.href];",
            vec![],
        )
        .await;
    assert_eq!(link[0], json!(field("sys_id")), "the event's sysId");
    let href = link[1].as_str().unwrap_or_default();
    assert!(
        href.starts_with(&world.sandbox.url()) && href.contains(field("sys_id")),
        "the event's link opens the record on the instance: {href}"
    );
    assert!(
        !world
            .portal_log()
            .await
            .iter()
            .any(|line| line.contains("ServiceNow widget")),
        "the other component reported nothing"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_components_side_by_side_stay_independent() {
    let world = World::start_portal().await;
    world.open_portal(PORTAL_STATE).await;
    world.wait_for_component_text(ELEMENT, DISCONNECTED).await;
    let before = world.session_keys().await;
    connect(&world, PANEL, false).await;
    world.wait_for_component_text(ELEMENT, DISCONNECTED).await;
    assert!(
        !world.component_text(ELEMENT).await.contains("Connected to"),
        "the element did not pick up the panel's session"
    );
    let panel_keys: Vec<String> = world
        .session_keys()
        .await
        .into_iter()
        .filter(|key| !before.contains(key))
        .collect();
    assert!(!panel_keys.is_empty(), "the panel keeps its session");
    assert!(
        panel_keys
            .iter()
            .all(|key| key.contains(PORTAL_MOUNTED_CLIENT_ID)),
        "the panel's keys are namespaced by its client id: {panel_keys:?}"
    );

    connect(&world, ELEMENT, true).await;
    world
        .wait_for_component_text(PANEL, &connected_text(&world))
        .await;
    let element_keys: Vec<String> = world
        .session_keys()
        .await
        .into_iter()
        .filter(|key| !before.contains(key) && !panel_keys.contains(key))
        .collect();
    assert!(
        !element_keys.is_empty(),
        "the element keeps its session under keys of its own; panel {panel_keys:?}"
    );
    assert!(
        element_keys
            .iter()
            .all(|key| key.contains(PORTAL_ELEMENT_CLIENT_ID)),
        "the element's keys are namespaced by its client id: {element_keys:?}"
    );
    assert_eq!(
        world.sandbox.control().grants().authorization_code,
        2,
        "each component signed in on its own"
    );
    assert_eq!(world.url().await, world.portal_url(PORTAL_STATE));
    let log = world.portal_log().await;
    for name in ["Service desk panel", "ServiceNow widget"] {
        let connected = format!("{name}: connected");
        assert_eq!(
            log.iter().filter(|line| **line == connected).count(),
            1,
            "{connected:?} once in {log:?}"
        );
    }
    world.stop().await;
}

/// How the portal's own first button is styled: proof of whether the hostile sheet applies.
const PORTAL_BUTTON: &str =
    "return getComputedStyle(document.querySelector('#portal-actions button')).textTransform;";

/// The layout of both components' home and setup pages (buttons, fields, labels) on the
/// portal at `suffix`, once its stylesheets are in (`hostile`: the hostile one too).
async fn setup_layout(world: &World, suffix: &str, hostile: bool) -> Vec<String> {
    world.open_portal(suffix).await;
    if hostile {
        world
            .wait_until_script(
                "the hostile stylesheet",
                "return document.documentElement.dataset.hostile === 'loaded';",
            )
            .await;
    }
    let expected = if hostile { "uppercase" } else { "none" };
    assert_eq!(
        world.run_script(PORTAL_BUTTON, vec![]).await,
        json!(expected),
        "the portal's own buttons show whether the hostile sheet applies"
    );
    // The same container both times: how wide the portal makes it is the portal's business
    // (its columns react to its own, restyled, content); what snowcard does inside is ours.
    let same_width = "for (const host of document.querySelectorAll(arguments[0])) {
        host.style.width = '560px'; } return true;";
    world
        .run_script(same_width, vec![json!(format!("{PANEL}, {ELEMENT}"))])
        .await;
    let mut lines = Vec::new();
    for host in [PANEL, ELEMENT] {
        world.wait_for_component_text(host, DISCONNECTED).await;
        lines.extend(world.component_layout(host).await);
        world.click_in(host, "Connect to ServiceNow").await;
        world.field_in(host, "Client ID").await;
        lines.extend(world.component_layout(host).await);
    }
    lines
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portals_hostile_stylesheet_does_not_change_snowcards_layout() {
    let world = World::start_portal().await;
    let plain = setup_layout(&world, PORTAL_STATE, false).await;
    assert!(
        plain.iter().any(|l| l.starts_with("button"))
            && plain.iter().any(|l| l.starts_with("input")),
        "buttons and inputs were measured: {plain:?}"
    );
    let hostile = setup_layout(&world, "?tab=security&hostile=1#overview", true).await;
    assert_eq!(plain.len(), hostile.len(), "{plain:#?}\n{hostile:#?}");
    for (plain, hostile) in plain.iter().zip(&hostile) {
        assert_eq!(
            plain, hostile,
            "the hostile portal stylesheet reached snowcard"
        );
    }
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_and_the_app_run_under_their_policy_without_a_violation() {
    let world = World::start_portal().await;
    world.open_portal(PORTAL_STATE).await;
    world.wait_for_component_text(ELEMENT, DISCONNECTED).await;
    connect(&world, PANEL, false).await;
    world.portal_send(PASSWORDS).await;
    world
        .wait_for_component_text(PANEL, "Share to ServiceNow")
        .await;
    world.click_in(PANEL, "Send to ServiceNow").await;
    world.wait_for_component_text(PANEL, "Ticket created").await;
    world.open_app().await;
    world.wait_for_text(DISCONNECTED).await;

    // Proof that violations would be reported: one inline style attribute, which the
    // policy forbids. Reports are sent asynchronously, so wait for this one.
    world
        .run_script(
            "document.body.setAttribute('style', 'outline: 1px solid red'); return true;",
            vec![],
        )
        .await;
    let host = &world.app;
    world
        .wait_until("the browser's report of the planted inline style", || {
            host.csp_reports().iter().any(|r| r.contains("style-src"))
        })
        .await;
    let reports = host.csp_reports();
    assert_eq!(
        reports.len(),
        1,
        "only the planted inline style was blocked: {reports:#?}"
    );
    let report: Value = serde_json::from_str(&reports[0]).expect("a JSON report");
    assert_eq!(
        report["csp-report"]["document-uri"],
        json!(world.app_url()),
        "{report}"
    );
    // The planted one, checked above.
    world.stop_with_violations().await;
}

/// Whether the snowcard in `host` offers its own language menu.
async fn has_language_menu(world: &World, host: &str) -> bool {
    world
        .run_script(
            "return !!document.querySelector(arguments[0]).shadowRoot.querySelector('#sc-language');",
            vec![json!(host)],
        )
        .await
        == Value::Bool(true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_portal_chooses_each_components_language_and_axe_finds_nothing_inside() {
    let world = World::start_portal().await;
    world.open_portal("").await;
    world.wait_for_component_text(ELEMENT, DISCONNECTED).await;
    // No `lang` yet: the person may choose, in each component.
    assert!(has_language_menu(&world, ELEMENT).await);

    for (lang, connect) in [
        ("ja", "ServiceNow に接続"),
        ("zh-Hant-TW", "連線至 ServiceNow"),
        ("sv-SE", "Anslut till ServiceNow"),
        ("nl", "Verbinding maken met ServiceNow"),
    ] {
        world
            .run_script(
                "document.querySelector(arguments[0]).setAttribute('lang', arguments[1]);",
                vec![json!(ELEMENT), json!(lang)],
            )
            .await;
        world.wait_for_component_text(ELEMENT, connect).await;
        assert!(
            !world.component_text(ELEMENT).await.contains(DISCONNECTED),
            "{lang}: no English card title left"
        );
        assert!(
            !has_language_menu(&world, ELEMENT).await,
            "{lang}: the portal chose, so there is no menu"
        );
        // The other component keeps its own language.
        world.wait_for_component_text(PANEL, DISCONNECTED).await;
        let violations = world.axe_violations().await;
        assert!(violations.is_empty(), "{lang}: {violations:#?}");
    }
    world
        .run_script(
            "document.querySelector(arguments[0]).removeAttribute('lang');",
            vec![json!(ELEMENT)],
        )
        .await;
    world.wait_for_component_text(ELEMENT, DISCONNECTED).await;
    assert!(has_language_menu(&world, ELEMENT).await);
    world.stop().await;
}
