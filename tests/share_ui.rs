//! Browser tests of the improvement action list and the share form: validation states,
//! draft restore, catalog search and import. Headless Chromium, fake instance.

#![cfg(target_arch = "wasm32")]

mod common;

use common::mount;
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::storage::MemoryStorage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://portal.example/security/";
const CATALOG: &str = include_str!("../www/catalog/secure-score-actions.json");
const MFA: &str = "Require multifactor authentication for administrative roles";

fn signed_in() -> MemoryStorage {
    common::signed_in(PAGE)
}

fn instance() -> FakeTransport {
    FakeTransport::new(|req| {
        if req.uri().path().ends_with(".json") {
            return json(200, CATALOG);
        }
        json(200, common::CURRENT_USER)
    })
}

async fn open_share_form(storage: MemoryStorage) -> common::Mounted {
    let app = mount(PAGE, instance(), storage);
    app.click("Improvement actions").await;
    app.wait_for_text(MFA).await;
    let share = app
        .root
        .query_selector("button[aria-haspopup='menu']")
        .ok()
        .flatten()
        .expect("a Share button");
    share
        .dyn_ref::<web_sys::HtmlElement>()
        .expect("a button")
        .click();
    app.click("ServiceNow").await;
    app.wait_for_text("Share to ServiceNow").await;
    app
}

fn send_button_disabled(app: &common::Mounted) -> bool {
    app.find_button("Send to ServiceNow")
        .and_then(|b| b.get_attribute("disabled"))
        .is_some()
}

#[wasm_bindgen_test]
async fn the_form_is_generated_from_the_action_and_ready_to_send() {
    let app = open_share_form(signed_in()).await;
    assert_eq!(app.input("Task name").value(), MFA);
    assert_eq!(app.input("Requested by").value(), "int.user");
    assert!(app
        .text()
        .contains(&format!("{} of 125 characters", MFA.chars().count())));
    assert!(!send_button_disabled(&app));
}

#[wasm_bindgen_test]
async fn the_send_button_says_why_it_cannot_send_yet() {
    let app = open_share_form(signed_in()).await;
    app.fill("Task name", "").await;
    app.wait_for_text("Not ready to send: Enter a task name.")
        .await;
    assert!(send_button_disabled(&app));
    assert!(app
        .description_of("Task name")
        .contains("Enter a task name."));
    app.fill("Task name", "Turn on MFA").await;
    app.fill("Due date", "2020-01-01").await;
    app.wait_for_text("Not ready to send: Choose a due date from today on.")
        .await;
    app.fill_text_area("Task description", "   ").await;
    app.wait_for_text("Not ready to send: Enter a task description.")
        .await;
    app.fill_text_area("Task description", "Steps").await;
    app.fill("Due date", "2099-12-31").await;
    app.wait_for("the button to enable", |a| !send_button_disabled(a))
        .await;
    app.choose("Ticket type", "Incident").await;
    app.wait_for_text("of 160 characters").await;
}

#[wasm_bindgen_test]
async fn the_draft_comes_back_after_a_reload() {
    let storage = signed_in();
    let app = open_share_form(storage.clone()).await;
    app.fill("Task name", "Edited before the reload").await;
    app.choose("Priority", "1").await;
    let again = mount(PAGE, instance(), storage);
    again.wait_for_text("Share to ServiceNow").await;
    assert_eq!(again.input("Task name").value(), "Edited before the reload");
    assert!(again.text().contains("From the improvement action"));
}

#[wasm_bindgen_test]
async fn the_list_searches_filters_and_keeps_itself_when_an_import_is_bad() {
    let app = mount(PAGE, instance(), signed_in());
    app.click("Improvement actions").await;
    app.wait_for_text("29 of 29 improvement actions").await;
    app.fill("Search", "legacy").await;
    app.wait_for_text("1 of 29 improvement actions").await;
    app.fill("Search", "").await;
    app.choose("Category", "Device").await;
    app.wait_for("the device actions", |a| {
        a.text().contains("Turn on tamper protection") && !a.text().contains(MFA)
    })
    .await;
    app.expand("Load your own export").await;
    app.fill_text_area("Or paste the JSON", "{\"value\": [{\"id\": \"x\"}]}")
        .await;
    app.click("Load").await;
    app.wait_for_text("Entry 1 has no \"title\". The current list is unchanged.")
        .await;
    assert!(app.text().contains("of 29 improvement actions"));
}

#[wasm_bindgen_test]
async fn a_ticket_without_an_action_is_a_user_recommendation() {
    let app = mount(PAGE, instance(), signed_in());
    app.click("Create a ticket").await;
    app.wait_for_text("A user recommendation, not from the Secure Score list.")
        .await;
    let source = app
        .root
        .query_selector("#sc-source")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok());
    assert_eq!(source.map(|s| s.value()).as_deref(), Some("User"));
    assert!(app.text().contains("Not ready to send: Enter a task name."));
}

#[wasm_bindgen_test]
async fn imported_text_is_shown_as_text_never_as_markup() {
    let app = mount(PAGE, instance(), signed_in());
    app.click("Improvement actions").await;
    app.expand("Load your own export").await;
    let hostile = r#"{"value": [{"id": "x<b>", "title": "<img src=x onerror=alert(1)><script>alert(2)</script>Hi", "controlCategory": "Data"}]}"#;
    app.fill_text_area("Or paste the JSON", hostile).await;
    app.click("Load").await;
    app.wait_for_text("Improvement actions loaded: 1.").await;
    app.wait_for_text("<img src=x onerror=alert(1)><script>alert(2)</script>Hi")
        .await;
    assert!(app
        .root
        .query_selector(".sc-actions-list img, .sc-actions-list script")
        .ok()
        .flatten()
        .is_none());
}

#[wasm_bindgen_test]
async fn the_list_says_whether_it_is_the_sample_or_an_imported_file() {
    let app = mount(PAGE, instance(), signed_in());
    app.click("Improvement actions").await;
    app.wait_for_text("Sample data.").await;
    app.expand("Load your own export").await;
    let export =
        r#"{"value": [{"id": "Mine", "title": "Our own action", "controlCategory": "Data"}]}"#;
    app.fill_text_area("Or paste the JSON", export).await;
    app.click("Load").await;
    app.wait_for_text("Imported data, from the file you loaded.")
        .await;
    assert!(!app.text().contains("Sample data."), "{}", app.text());
}
