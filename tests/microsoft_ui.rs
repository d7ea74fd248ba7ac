//! Browser tests of "Connect to Microsoft 365": each field's problem said beside it, what was
//! typed kept, and a valid form leaving for the identity platform's authorize endpoint; the
//! live list kept between visits, and a session that cannot be renewed sending the card
//! back to the form. Headless Chromium, fake services.

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::{mount_with, signed_in, store_of, Mount, CURRENT_USER};
use snowcard::app::microsoft_flow::StoredMicrosoftSession;
use snowcard::app::route::Address;
use snowcard::app::share::{ShareDraft, ShareDrafts};
use snowcard::app::{AppOptions, View};
use snowcard::microsoft::settings::validate;
use snowcard::microsoft::{Account, TenantDraft};
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::servicenow::TokenSet;
use snowcard::storage::keys;
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

/// ServiceNow and Graph; once `ended`, Graph refuses the token (401) and the token
/// endpoint the refresh (`invalid_grant`, AADSTS700084: the SPA's 24 hours are over).
fn tenant(ended: Rc<Cell<bool>>) -> FakeTransport {
    FakeTransport::new(move |req| {
        let url = req.uri().to_string();
        if url.contains("/oauth2/v2.0/token") {
            return json(
                400,
                r#"{"error":"invalid_grant","error_description":"AADSTS700084: The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended.","error_codes":[700084]}"#,
            );
        }
        if url.contains("/v1.0/security/") && ended.get() {
            return json(
                401,
                r#"{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}"#,
            );
        }
        if url.contains("secureScoreControlProfiles") {
            return json(
                200,
                r#"{"value": [{"id": "AdminMFAV2", "title": "Require MFA for administrative roles", "controlCategory": "Identity", "service": "AzureAD", "maxScore": 10, "rank": 1, "deprecated": false, "controlStateUpdates": []}]}"#,
            );
        }
        if url.contains("secureScores") {
            return json(
                200,
                r#"{"value": [{"currentScore": 10, "maxScore": 40, "controlScores": [{"controlName": "AdminMFAV2", "score": 10}]}]}"#,
            );
        }
        if url.contains("current_user") {
            json(200, CURRENT_USER)
        } else {
            json(200, r#"{"result": []}"#)
        }
    })
}

/// Storage signed in to ServiceNow and to Microsoft 365 (as from this form).
fn signed_in_to_both() -> snowcard::storage::MemoryStorage {
    let storage = signed_in(PAGE);
    let draft = TenantDraft {
        tenant: "contoso.onmicrosoft.com".into(),
        client_id: CLIENT.into(),
        ..TenantDraft::default()
    };
    let settings = validate(&draft, PAGE).expect("valid");
    let session = StoredMicrosoftSession {
        settings,
        tokens: TokenSet {
            access_token: oauth2::AccessToken::new("MSAT".into()),
            refresh_token: Some(oauth2::RefreshToken::new("MSRT".into())),
            expires_at: chrono::Utc::now() + chrono::Duration::seconds(3599),
            lifetime_secs: 3599,
        },
        account: Account {
            name: "Adele Vance".into(),
            username: "adele.vance@contoso.onmicrosoft.com".into(),
            tenant_id: TENANT.into(),
            tenant_domain: "contoso.onmicrosoft.com".into(),
        },
        can_write: false,
    };
    let store = store_of(&storage);
    store.save(keys::MS_SESSION, &session).expect("saved");
    store.save(keys::MS_DRAFT, &draft).expect("saved");
    let mut drafts = ShareDrafts::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
    let mut draft = ShareDraft::blank("int.user", "1", today);
    draft.name = "Written before the session ended".into();
    drafts.open(draft);
    drafts.current = None; // kept, not open: the page stays the actions
    store.save(keys::SHARE_DRAFTS, &drafts).expect("saved");
    storage
}

fn graph_requests(transport: &FakeTransport) -> usize {
    transport
        .requests()
        .iter()
        .filter(|r| r.url.contains("/v1.0/security/"))
        .count()
}

#[wasm_bindgen_test]
async fn the_live_list_is_kept_between_visits_and_an_ended_session_goes_back_to_the_form() {
    let ended = Rc::new(Cell::new(false));
    let transport = tenant(ended.clone());
    let request = Mount {
        options: AppOptions {
            view: Some(View::Actions),
            ..AppOptions::default()
        },
        languages: &[],
        address: Address::Memory,
    };
    let storage = signed_in_to_both();
    let drafts = storage.get("snowcard:share-drafts");
    let app = mount_with(
        PAGE,
        Rc::new(transport.clone()),
        transport.clone(),
        storage.clone(),
        request,
    );
    app.wait_for_text("Live from Microsoft 365.").await;
    app.wait_for_text("Require MFA for administrative roles")
        .await;
    assert_eq!(graph_requests(&transport), 2, "one page and the score");

    app.click("Back").await;
    app.wait_for_text("Improvement actions").await;
    app.click("Improvement actions").await;
    app.wait_for_text("Require MFA for administrative roles")
        .await;
    assert_eq!(graph_requests(&transport), 2, "shown from the kept list");

    ended.set(true);
    app.click("Refresh from Microsoft 365").await;
    app.wait_for_text("Your Microsoft 365 session has ended. Sign in to Microsoft 365 again")
        .await;
    assert!(app.text().contains("Connect to Microsoft 365"));
    assert!(app.text().contains("Sample data."));
    assert!(!app.text().contains("Connected to Microsoft 365 as"));
    assert_eq!(app.input("Tenant").value(), "contoso.onmicrosoft.com");
    assert_eq!(app.input("Application (client) ID").value(), CLIENT);
    assert!(
        storage.get("snowcard:ms-session").is_none(),
        "tokens dropped"
    );
    assert!(
        storage.get("snowcard:session").is_some(),
        "ServiceNow stays"
    );
    assert_eq!(storage.get("snowcard:share-drafts"), drafts, "drafts kept");
}

#[wasm_bindgen_test]
async fn an_authority_on_an_unknown_cloud_is_refused_beside_it_with_everything_typed_kept() {
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
        transport.clone(),
        storage.clone(),
        request,
    );
    app.wait_for_text("Connect to Microsoft 365").await;
    app.fill("Tenant", TENANT).await;
    app.fill("Application (client) ID", CLIENT).await;
    app.expand("Advanced").await;
    // https, well formed, but no Microsoft cloud: it would receive the code and the tokens.
    app.fill(
        "Sign-in authority",
        "https://login.microsoftonline.evil.example",
    )
    .await;
    let sent_before = transport.requests().len();
    app.click("Sign in").await;
    app.wait_for_text("Enter the address of a Microsoft cloud")
        .await;
    let beside = app.description_of("Sign-in authority");
    assert!(
        beside.contains("login.microsoftonline.us")
            && beside.contains("Another address can only be set by the page's code"),
        "the refusal is told beside the field: {beside}"
    );
    assert!(
        !app.description_of("Tenant").contains("Enter a directory"),
        "the tenant is fine"
    );
    assert_eq!(app.browser.redirected_to(), None, "nothing left the page");
    assert_eq!(transport.requests().len(), sent_before, "nothing was sent");
    assert!(transport
        .requests()
        .iter()
        .all(|r| !r.url.contains("evil.example")));
    assert!(storage.get("snowcard:ms-pending").is_none());
    assert_eq!(app.input("Tenant").value(), TENANT);
    assert_eq!(app.input("Application (client) ID").value(), CLIENT);
    assert_eq!(
        app.input("Sign-in authority").value(),
        "https://login.microsoftonline.evil.example"
    );
    assert!(
        storage
            .get("snowcard:ms-draft")
            .is_some_and(|d| d.contains("login.microsoftonline.evil.example")),
        "kept for the tab"
    );
}
