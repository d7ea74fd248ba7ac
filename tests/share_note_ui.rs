//! Browser tests of the write-back opt-in in the share form: "Note the ticket on the
//! improvement action in Microsoft 365" is offered only while Microsoft 365 is connected with
//! the write permission, starts off, and is kept in the draft. Headless Chromium, fake
//! instance and Graph.

#![cfg(target_arch = "wasm32")]

mod common;

use common::{connected_to_both, mount, CURRENT_USER};
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::storage::{MemoryStorage, StorageBackend};
use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://sec.example/snowcard/";
const NOTE: &str = "Note the ticket on the improvement action in Microsoft 365";
const TITLE: &str = "Require MFA for administrative roles";

/// The profile Graph answers with, listed and on its own.
fn profile() -> String {
    format!(
        r#"{{"id": "AdminMFAV2", "title": "{TITLE}", "controlCategory": "Identity",
            "service": "AzureAD", "maxScore": 10.0, "rank": 1, "controlStateUpdates": [],
            "remediation": "Require MFA for every administrative role.",
            "vendorInformation": {{"provider": "SecureScore", "vendor": "Microsoft"}}}}"#
    )
}

/// The instance (which creates CHG0040001) and Graph with one improvement action and no
/// score yet, whose PATCHes are answered in turn by `patches` (204 once they run out).
fn services_answering(patches: &'static [u16]) -> FakeTransport {
    let sent = Rc::new(Cell::new(0usize));
    FakeTransport::new(move |req| {
        let path = req.uri().path().to_owned();
        match (req.method().as_str(), path.as_str()) {
            ("PATCH", _) => {
                let n = sent.get();
                sent.set(n + 1);
                let status = patches.get(n).copied().unwrap_or(204);
                json(
                    status,
                    if status == 403 {
                        r#"{"error": {"code": "Forbidden", "message": "Insufficient privileges"}}"#
                    } else {
                        ""
                    },
                )
            }
            (_, p) if p.ends_with("secureScoreControlProfiles") => {
                json(200, &format!(r#"{{"value": [{}]}}"#, profile()))
            }
            (_, p) if p.ends_with("secureScoreControlProfiles/AdminMFAV2") => json(200, &profile()),
            (_, p) if p.ends_with("secureScores") => json(200, r#"{"value": []}"#),
            ("POST", "/api/now/table/change_request") => json(
                201,
                r#"{"result": {"sys_id": "c0ffee", "number": "CHG0040001"}}"#,
            ),
            (_, p) if p.contains("current_user") => json(200, CURRENT_USER),
            _ => json(200, r#"{"result": []}"#),
        }
    })
}

fn services() -> FakeTransport {
    services_answering(&[])
}

async fn open_share_form(storage: MemoryStorage) -> common::Mounted {
    open_share_form_with(storage, services()).await
}

async fn open_share_form_with(storage: MemoryStorage, transport: FakeTransport) -> common::Mounted {
    let app = mount(PAGE, transport, storage);
    app.click("Improvement actions").await;
    app.wait_for_text(TITLE).await;
    app.share_from_row(0).await;
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

#[wasm_bindgen_test]
async fn a_refused_note_keeps_the_ticket_and_only_the_note_is_tried_again() {
    let transport = services_answering(&[403]);
    let app = open_share_form_with(connected_to_both(PAGE, true), transport.clone()).await;
    app.input(NOTE).click();
    yew::scheduler::flush().await;
    app.click("Send to ServiceNow").await;
    app.wait_for_text("CHG0040001 was created, but it could not be noted on the improvement action in Microsoft 365.")
        .await;
    assert!(app
        .text()
        .contains("Your account may not change improvement actions."));
    assert!(app.text().contains("the ticket is never created twice"));

    let retry = app.find_button("Note it again").expect("Note it again");
    retry.focus().expect("focusable");
    retry.click();
    app.wait_for_text("CHG0040001 is noted on the improvement action in Microsoft 365.")
        .await;
    assert!(app.find_button("Note it again").is_none());
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.get_attribute("role"));
    assert_eq!(
        focused.as_deref(),
        Some("status"),
        "focus moves to what happened"
    );

    let sent = transport.requests();
    let count = |method: &str, ends: &str| {
        sent.iter()
            .filter(|r| {
                r.method == method && r.url.split('?').next().unwrap_or_default().ends_with(ends)
            })
            .count()
    };
    assert_eq!(count("POST", "/change_request"), 1, "one ticket");
    assert_eq!(
        count("PATCH", "/AdminMFAV2"),
        2,
        "the refused note, then the written one"
    );
    let written: serde_json::Value = serde_json::from_str(
        &sent
            .iter()
            .rev()
            .find(|r| r.method == "PATCH")
            .expect("a PATCH")
            .body,
    )
    .expect("JSON");
    let comment = written["comment"].as_str().unwrap_or_default();
    assert!(
        comment.starts_with("ServiceNow CHG0040001: https://acme.service-now.com/")
            && comment.contains("c0ffee"),
        "the number and the ticket's link: {comment}"
    );
    assert_eq!(written["assignedTo"], "adele.vance@contoso.onmicrosoft.com");
    assert_eq!(written["state"], "Default");
}

#[wasm_bindgen_test]
async fn the_sample_lists_actions_are_not_noted_in_the_tenant() {
    // Microsoft 365 connected with the write permission, but the draft was made from the
    // bundled sample before connecting: its action may not exist in the tenant.
    let storage = connected_to_both(PAGE, true);
    let preferences = snowcard::app::preferences::Preferences::new(common::store_of(&storage));
    let sample = snowcard::app::catalog::ImprovementAction {
        id: "AdminMFAV2".into(),
        title: TITLE.into(),
        category: snowcard::app::catalog::Category::default(),
        remediation: "Turn it on.".into(),
        remediation_impact: String::new(),
        action_url: String::new(),
        service: "AzureAD".into(),
        max_score: Some(10.0),
        rank: Some(1),
    };
    preferences.open_draft(snowcard::app::share::ShareDraft::from_action(
        &sample,
        "int.user",
        chrono::Utc::now().date_naive(),
    ));
    let app = mount(PAGE, services(), storage);
    app.wait_for_text("Share to ServiceNow").await;
    assert!(app.find_input(NOTE).is_none(), "{}", app.text());
    // Cancel leads to the tenant's own list: shared from there, the action may be noted.
    app.click("Cancel").await;
    app.wait_for_text("Live from Microsoft 365.").await;
    app.share_from_row(0).await;
    assert!(app.find_input(NOTE).is_some());
}
