//! Browser tests of the live list from Microsoft 365: its sort, its filters (status, service,
//! shared, deprecated) and the share menu of a row, by keyboard. Headless Chromium, fake
//! instance and Graph.

#![cfg(target_arch = "wasm32")]

mod common;

use common::{connected_to_both, mount, Mounted, CURRENT_USER};
use snowcard::servicenow::fake::{json, FakeTransport};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://sec.example/snowcard/";

/// Four current actions and one deprecated: ranks, points, services and states differ.
const PROFILES: &str = r#"{"value": [
  {"id": "MfaAdmins", "title": "Require MFA for admins", "controlCategory": "Identity",
   "service": "AzureAD", "maxScore": 10.0, "rank": 1, "controlStateUpdates": []},
  {"id": "AuditLog", "title": "Turn on audit log search", "controlCategory": "Apps",
   "service": "Exchange", "maxScore": 5.0, "rank": 3, "controlStateUpdates": []},
  {"id": "BlockLegacy", "title": "Block legacy authentication", "controlCategory": "Identity",
   "service": "AzureAD", "maxScore": 8.0, "rank": 2,
   "controlStateUpdates": [{"state": "Ignored", "comment": "Old printers", "updatedDateTime": "2026-10-01T08:00:00Z"}]},
  {"id": "DlpPolicies", "title": "Apply data loss prevention policies", "controlCategory": "Data",
   "service": "MIP", "maxScore": 9.0, "rank": 4, "controlStateUpdates": []},
  {"id": "OldThing", "title": "An old deprecated action", "controlCategory": "Apps",
   "service": "Exchange", "maxScore": 1.0, "rank": 5, "deprecated": true, "controlStateUpdates": []}
]}"#;

/// The instance (with one ticket, shared from "Turn on audit log search") and Graph.
fn services() -> FakeTransport {
    FakeTransport::new(|req| {
        let path = req.uri().path().to_owned();
        let query = req.uri().query().unwrap_or_default().to_owned();
        if path.ends_with("secureScoreControlProfiles") {
            json(200, PROFILES)
        } else if path.ends_with("secureScores") {
            json(
                200,
                r#"{"value": [{"currentScore": 12.0, "maxScore": 33.0, "controlScores": [
                    {"controlName": "MfaAdmins", "score": 10.0}, {"controlName": "AuditLog", "score": 0.0}]}]}"#,
            )
        } else if path.contains("current_user") {
            json(200, CURRENT_USER)
        } else if path.ends_with("/change_request") && query.contains("correlation_idIN") {
            json(
                200,
                r#"{"result": [{"sys_id": {"value": "c1", "display_value": "c1"},
                    "number": {"value": "CHG0040001", "display_value": "CHG0040001"},
                    "state": {"value": "-5", "display_value": "New"},
                    "active": {"value": "true", "display_value": "true"},
                    "correlation_id": {"value": "snowcard:AuditLog", "display_value": "snowcard:AuditLog"}}]}"#,
            )
        } else {
            json(200, r#"{"result": []}"#)
        }
    })
}

/// The titles listed, top to bottom.
fn titles(app: &Mounted) -> Vec<String> {
    let found = app
        .root
        .query_selector_all(".sc-action-title")
        .expect("a query");
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|n| n.text_content())
        .collect()
}

async fn live_list() -> Mounted {
    let app = mount(PAGE, services(), connected_to_both(PAGE, false));
    app.click("Improvement actions").await;
    app.wait_for_text("Live from Microsoft 365.").await;
    app.wait_for_text("CHG0040001").await;
    app
}

#[wasm_bindgen_test]
async fn the_live_list_sorts_and_filters_as_the_person_chooses() {
    let app = live_list().await;
    assert!(
        app.text().contains("Secure Score: 12 of 33 points"),
        "{}",
        app.text()
    );
    assert!(app.text().contains("4 of 4 improvement actions"));
    assert_eq!(
        titles(&app),
        [
            "Require MFA for admins",
            "Block legacy authentication",
            "Turn on audit log search",
            "Apply data loss prevention policies"
        ],
        "Microsoft's rank first; the deprecated action hidden"
    );

    app.choose("Sort by", "title").await;
    assert_eq!(
        titles(&app),
        [
            "Apply data loss prevention policies",
            "Block legacy authentication",
            "Require MFA for admins",
            "Turn on audit log search"
        ]
    );
    app.choose("Sort by", "gain").await;
    assert_eq!(
        titles(&app)[0],
        "Apply data loss prevention policies",
        "9 points still to gain come first"
    );

    app.choose("Sort by", "rank").await;
    app.choose("Status", "risk_accepted").await;
    assert_eq!(titles(&app), ["Block legacy authentication"]);
    assert!(app.text().contains("Status: Risk accepted"));
    app.choose("Status", "").await;

    app.choose("Service", "Exchange").await;
    assert_eq!(titles(&app), ["Turn on audit log search"]);
    app.input("Show deprecated actions").click();
    yew::scheduler::flush().await;
    app.wait_for_text("An old deprecated action").await;
    assert_eq!(titles(&app).len(), 2);
    app.input("Show deprecated actions").click();
    yew::scheduler::flush().await;
    app.choose("Service", "").await;

    app.choose("Shared to ServiceNow", "yes").await;
    assert_eq!(titles(&app), ["Turn on audit log search"]);
    assert!(app.text().contains("CHG0040001") && app.text().contains("(New)"));
    app.choose("Shared to ServiceNow", "no").await;
    assert_eq!(titles(&app).len(), 3);
    assert!(!app.text().contains("CHG0040001"));
}

/// Sends `key` as a keydown to `target`.
fn press(target: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("an event");
    target.dispatch_event(&event).expect("dispatched");
}

fn focused() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
}

fn share_button(app: &Mounted, row: u32) -> web_sys::HtmlElement {
    app.root
        .query_selector_all("button[aria-haspopup='menu']")
        .expect("a query")
        .item(row)
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("the row's share button")
}

fn menu_open(app: &Mounted) -> bool {
    app.root
        .query_selector("[role='menu']")
        .ok()
        .flatten()
        .is_some()
}

#[wasm_bindgen_test]
async fn a_rows_share_menu_opens_from_the_keyboard_with_focus_on_its_first_item() {
    let app = live_list().await;
    let buttons = app
        .root
        .query_selector_all("button[aria-haspopup='menu']")
        .expect("a query");
    assert_eq!(buttons.length(), 4, "one share button per row");
    let second = share_button(&app, 1);
    let id = second.id();
    second.focus().expect("focusable");
    press(&second, "ArrowDown");
    app.wait_for("the menu open", menu_open).await;
    let item = focused().expect("something focused");
    assert_eq!(
        item.text_content().unwrap_or_default().trim(),
        "ServiceNow",
        "focus on the first item"
    );
    let expanded = app
        .root
        .query_selector_all("button[aria-expanded='true']")
        .expect("a query");
    assert_eq!(expanded.length(), 1, "only this row's menu is open");

    // Escape closes it and gives focus back to the row's button.
    press(&item, "Escape");
    app.wait_for("the menu closed", |a| !menu_open(a)).await;
    assert_eq!(
        focused().map(|e| e.id()),
        Some(id.clone()),
        "focus back on the button"
    );

    // The row leaves the list and comes back: its menu stays closed, focus stays put.
    app.choose("Service", "Exchange").await;
    app.choose("Service", "").await;
    yew::scheduler::flush().await;
    assert!(!menu_open(&app), "a closed menu never reopens by itself");

    // Opened again and chosen: the form is for that row's action.
    share_button(&app, 1).click();
    app.wait_for("the menu open", menu_open).await;
    app.click("ServiceNow").await;
    app.wait_for_text("Share to ServiceNow").await;
    assert_eq!(
        app.input("Task name").value(),
        "Block legacy authentication"
    );
}
