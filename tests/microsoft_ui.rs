//! Browser tests of "Connect to Microsoft 365": each field's problem said beside it, what was
//! typed kept, and a valid form leaving for the identity platform's authorize endpoint.
//! Headless Chromium, fake services.

#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use common::{mount_with, signed_in, Mount, CURRENT_USER};
use snowcard::app::route::Address;
use snowcard::app::{AppOptions, View};
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::storage::StorageBackend;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://sec.example/snowcard/";
const TENANT: &str = "4f8c2b1a-7d3e-4a6b-9c5d-2e1f0a9b8c7d";
const CLIENT: &str = "0c6f3e2d-8b1a-4c5d-9e7f-3a2b1c0d9e8f";

fn instance() -> FakeTransport {
    FakeTransport::new(|req| {
        let path = req.uri().path().to_owned();
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
    })
}

#[wasm_bindgen_test]
async fn the_connect_form_says_what_to_fix_keeps_what_was_typed_and_leaves_to_sign_in() {
    let transport = instance();
    let request = Mount {
        options: AppOptions {
            view: Some(View::Actions),
            ..AppOptions::default()
        },
        languages: &[],
        address: Address::Memory,
    };
    let storage = signed_in(PAGE);
    let app = mount_with(
        PAGE,
        Rc::new(transport.clone()),
        transport,
        storage.clone(),
        request,
    );
    app.wait_for_text("Connect to Microsoft 365").await;
    app.wait_for_text("Sample data.").await;

    app.click("Sign in").await;
    app.wait_for_text("Enter a directory (tenant) ID").await;
    assert!(app.text().contains("Enter the Application (client) ID"));
    assert_eq!(app.browser.redirected_to(), None);

    app.fill("Tenant", "common").await;
    app.fill("Application (client) ID", "not-a-guid").await;
    app.click("Sign in").await;
    yew::scheduler::flush().await;
    assert!(
        app.text().contains("Enter a directory (tenant) ID"),
        "personal accounts have no Secure Score"
    );
    assert!(app.text().contains("a GUID such as"));
    assert!(
        storage
            .get("snowcard:ms-draft")
            .is_some_and(|d| d.contains("not-a-guid")),
        "kept for the tab"
    );

    app.fill("Tenant", TENANT).await;
    app.fill("Application (client) ID", CLIENT).await;
    app.click("Sign in").await;
    app.wait_for("the authorize endpoint", |a| {
        a.browser.redirected_to().is_some()
    })
    .await;
    let to = app.browser.redirected_to().unwrap_or_default();
    assert!(
        to.starts_with(&format!(
            "https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/authorize?"
        )),
        "{to}"
    );
    assert!(to.contains("code_challenge_method=S256"), "{to}");
    assert!(to.contains("SecurityEvents.Read.All"), "{to}");
    assert!(storage.get("snowcard:ms-pending").is_some());
    assert!(
        storage.get("snowcard:pending").is_none(),
        "ServiceNow's sign-in is not touched"
    );
}
