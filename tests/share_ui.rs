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
    open_share_form_on(instance(), storage).await
}

async fn open_share_form_on(transport: FakeTransport, storage: MemoryStorage) -> common::Mounted {
    let app = mount(PAGE, transport, storage);
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

#[wasm_bindgen_test]
async fn a_send_whose_answer_never_arrives_says_so_and_to_send_again_not_to_fix_cors() {
    // The create's connection closes without an answer: the fetch fails and the probe after
    // it finds the instance answering, so the transport tells it as `Blocked`. Every read
    // (the duplicate check, the lookup after the failure) is answered: nothing was created.
    let transport = FakeTransport::new(|req| {
        let path = req.uri().path();
        if path.ends_with(".json") {
            return json(200, CATALOG);
        }
        if req.method() == "POST" {
            return Err(snowcard::servicenow::TransportError::Blocked {
                url: req.uri().to_string(),
            });
        }
        if path.contains("/api/now/table/") {
            return json(200, r#"{"result":[]}"#);
        }
        json(200, common::CURRENT_USER)
    });
    let app = open_share_form_on(transport.clone(), signed_in()).await;
    app.fill("Requested by", "sec.admin@contoso.com").await;
    app.click("Send to ServiceNow").await;
    app.wait_for_text("No answer from ServiceNow reached this page")
        .await;
    let text = app.text();
    assert!(
        text.contains("Send it again: snowcard first looks for a ticket this draft already created, so none is made twice."),
        "{text}"
    );
    assert!(
        !text.contains("does not let this page use its REST API"),
        "not told as a missing CORS rule: {text}"
    );
    assert_eq!(
        app.input("Requested by").value(),
        "sec.admin@contoso.com",
        "the draft is kept"
    );
    let lookups = transport
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.url.contains("correlation_id"))
        .count();
    assert_eq!(
        lookups, 2,
        "looked before the create and again after the lost answer"
    );
}

#[wasm_bindgen_test]
async fn a_create_the_browser_sent_twice_names_the_other_ticket_to_cancel() {
    // The first create's connection closed after the commit and the browser sent it again:
    // the page sees one 201 (CHG0030002), the instance holds CHG0030001 as well, both
    // created by the signed-in user (`int.user`, as `common::CURRENT_USER` says).
    let lookups = std::rc::Rc::new(std::cell::Cell::new(0));
    let seen = lookups.clone();
    let transport = FakeTransport::new(move |req| {
        let path = req.uri().path();
        if path.ends_with(".json") {
            return json(200, CATALOG);
        }
        if req.method() == "POST" {
            return json(
                201,
                r#"{"result":{"sys_id":"id2","number":"CHG0030002","active":"true"}}"#,
            );
        }
        let lookup = req
            .uri()
            .query()
            .unwrap_or_default()
            .contains("correlation_id");
        if path.ends_with("/change_request") && lookup {
            seen.set(seen.get() + 1);
            if seen.get() == 1 {
                return json(200, r#"{"result":[]}"#);
            }
            let row = |id: &str, number: &str| {
                format!(
                    r#"{{"sys_id":{{"value":"{id}"}},"number":{{"display_value":"{number}"}},"state":{{"display_value":"New"}},"active":{{"value":"true"}},"sys_created_by":{{"value":"int.user","display_value":"int.user"}}}}"#
                )
            };
            let rows = [row("id2", "CHG0030002"), row("id1", "CHG0030001")].join(",");
            return json(200, &format!(r#"{{"result":[{rows}]}}"#));
        }
        if path.contains("/api/now/table/") {
            return json(200, r#"{"result":[]}"#);
        }
        json(200, common::CURRENT_USER)
    });
    let app = open_share_form_on(transport, signed_in()).await;
    app.click("Send to ServiceNow").await;
    app.wait_for_text("ServiceNow created CHG0030002.").await;
    app.wait_for_text(
        "The connection dropped and the browser sent the request again, so ServiceNow also holds CHG0030001 for this draft. Cancel the extra ticket in ServiceNow.",
    )
    .await;
    assert_eq!(
        lookups.get(),
        2,
        "looked once before the create, once after"
    );
}
