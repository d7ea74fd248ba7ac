//! Browser tests of the write-back opt-in in the share form: "Note the ticket on the
//! improvement action in Microsoft 365" is offered only while Microsoft 365 is connected with
//! the write permission, starts off, and is kept in the draft. Headless Chromium, fake
//! instance and Graph.

#![cfg(target_arch = "wasm32")]

mod common;

use common::{connected_to_both, mount, CURRENT_USER};
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::storage::{MemoryStorage, StorageBackend};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://sec.example/snowcard/";
const NOTE: &str = "Note the ticket on the improvement action in Microsoft 365";
const TITLE: &str = "Require MFA for administrative roles";

/// The instance, and Graph with one improvement action and no score yet.
fn services() -> FakeTransport {
    FakeTransport::new(|req| {
        let path = req.uri().path().to_owned();
        if path.ends_with("secureScoreControlProfiles") {
            json(
                200,
                &format!(
                    r#"{{"value": [{{"id": "AdminMFAV2", "title": "{TITLE}", "controlCategory": "Identity",
                        "service": "AzureAD", "maxScore": 10.0, "rank": 1, "controlStateUpdates": []}}]}}"#
                ),
            )
        } else if path.ends_with("secureScores") {
            json(200, r#"{"value": []}"#)
        } else if path.contains("current_user") {
            json(200, CURRENT_USER)
        } else {
            json(200, r#"{"result": []}"#)
        }
    })
}

async fn open_share_form(storage: MemoryStorage) -> common::Mounted {
    let app = mount(PAGE, services(), storage);
    app.click("Improvement actions").await;
    app.wait_for_text(TITLE).await;
    app.root
        .query_selector("button[aria-haspopup='menu']")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("a Share button")
        .click();
    app.click("ServiceNow").await;
    app.wait_for_text("Share to ServiceNow").await;
    app
}

#[wasm_bindgen_test]
async fn the_note_is_offered_with_the_write_permission_off_at_first_and_kept_in_the_draft() {
    let storage = connected_to_both(PAGE, true);
    let app = open_share_form(storage.clone()).await;
    let note = app.input(NOTE);
    assert!(
        !note.checked(),
        "writing to the tenant is opted into, not assumed"
    );
    assert!(app
        .description_of(NOTE)
        .contains("The action's status stays as it is."));
    note.click();
    yew::scheduler::flush().await;
    let drafts = storage.get("snowcard:share-drafts").unwrap_or_default();
    assert!(
        drafts.contains(r#""note_in_microsoft":true"#),
        "the choice is kept with the draft: {drafts}"
    );
}

#[wasm_bindgen_test]
async fn without_the_write_permission_the_note_is_not_offered() {
    let app = open_share_form(connected_to_both(PAGE, false)).await;
    assert!(app.find_input(NOTE).is_none(), "{}", app.text());
    assert!(app.find_button("Send to ServiceNow").is_some());
}
