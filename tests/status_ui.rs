//! Browser tests of the connection status page: every check listed with its verdict, a
//! CORS failure with its fix, and the way there from an error, connected or not.

#![cfg(target_arch = "wasm32")]

mod common;

use common::{mount, Mounted};
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::servicenow::{HttpRequest, HttpResponse, TransportError};
use snowcard::storage::MemoryStorage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://portal.example/security/";
const CHECKS: [&str; 8] = [
    "Instance reachable",
    "Token valid",
    "Table API readable: incidents",
    "Table API readable: change requests",
    "Token endpoint reachable from this browser",
    "This page's Content-Security-Policy allows the instance and the token URL",
    "Creating incidents allowed (itil role)",
    "Creating change requests allowed (itil or change_manager role)",
];
const CORS_FIX: &str =
    "adds a rule for the REST API \"Table API\" with domain https://portal.example,";

type Answer = Result<HttpResponse, TransportError>;

fn signed_in() -> MemoryStorage {
    common::signed_in(PAGE)
}

/// A healthy instance, except where `change` answers otherwise.
fn instance(change: impl Fn(&HttpRequest) -> Option<Answer> + 'static) -> FakeTransport {
    FakeTransport::new(move |req| {
        if let Some(answer) = change(req) {
            return answer;
        }
        match req.uri().path() {
            "/oauth_token.do" => json(
                401,
                r#"{"error":"invalid_grant","error_description":"Invalid refresh token"}"#,
            ),
            "/api/now/ui/user/current_user" => json(
                200,
                r#"{"result":{"user_sys_id":"u1","user_name":"int.user","user_display_name":"Integration User"}}"#,
            ),
            "/api/now/table/sys_user_has_role" => json(
                200,
                r#"{"result":[{"role.name":"itil"},{"role.name":"change_manager"}]}"#,
            ),
            "/api/now/table/incident" | "/api/now/table/change_request" => {
                json(200, r#"{"result":[{"sys_id":"a"}]}"#)
            }
            "/api/now/stats/incident" | "/api/now/stats/change_request" => {
                json(200, r#"{"result":{"stats":{"count":"1"}}}"#)
            }
            _ => json(200, "<html></html>"),
        }
    })
}

fn blocked(req: &HttpRequest) -> Answer {
    Err(TransportError::Blocked {
        url: req.uri().to_string(),
    })
}

/// The visible text of the status line named `name`.
fn line(app: &Mounted, name: &str) -> String {
    let items = app
        .root
        .query_selector_all("ul.sc-status-list > li")
        .expect("a query");
    (0..items.length())
        .filter_map(|i| items.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|li| {
            li.query_selector(".sc-status-name")
                .ok()
                .flatten()
                .and_then(|n| n.text_content())
                .is_some_and(|t| t == name)
        })
        .map(|li| li.inner_text())
        .unwrap_or_else(|| panic!("no line {name:?}; the page shows:\n{}", app.text()))
}

async fn wait_until_checked(app: &Mounted) {
    app.wait_for_text("Checks done:").await;
}

#[wasm_bindgen_test]
async fn a_healthy_instance_passes_every_check() {
    let app = mount(PAGE, instance(|_| None), signed_in());
    app.click("Connection status").await;
    app.wait_for_text("Checking…").await;
    wait_until_checked(&app).await;
    assert!(app
        .text()
        .contains("Checks done: 8 passed, 0 failed, 0 not checked."));
    for name in CHECKS {
        let text = line(&app, name);
        assert!(text.contains("Passed"), "{name}: {text}");
    }
    assert!(line(&app, "Token valid").contains("Integration User (int.user)"));
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|e| e.id());
    assert_eq!(focused.as_deref(), Some("sc-status-title"));
    app.click("Back").await;
    app.wait_for_text("Connected to acme.service-now.com").await;
}

#[wasm_bindgen_test]
async fn a_table_api_without_a_cors_rule_fails_with_the_fix() {
    let transport = instance(|req| {
        let path = req.uri().path();
        (path == "/api/now/table/incident" || path == "/api/now/table/change_request")
            .then(|| blocked(req))
    });
    let app = mount(PAGE, transport, signed_in());
    app.click("Connection status").await;
    wait_until_checked(&app).await;
    assert!(line(&app, "Instance reachable").contains("Passed"));
    for name in [
        "Table API readable: incidents",
        "Table API readable: change requests",
    ] {
        let text = line(&app, name);
        assert!(
            text.contains("Failed") && text.contains("To fix:") && text.contains(CORS_FIX),
            "{name}: {text}"
        );
    }
    let roles = line(&app, "Creating incidents allowed (itil role)");
    assert!(roles.contains("Not checked"), "{roles}");
}

#[wasm_bindgen_test]
async fn an_error_leads_to_the_status_page_and_check_again_reruns() {
    let transport = instance(|req| req.uri().path().starts_with("/api/").then(|| blocked(req)));
    let app = mount(PAGE, transport.clone(), signed_in());
    app.wait_for_text("The instance does not let this page use its REST API")
        .await;
    app.click("Check the connection").await;
    wait_until_checked(&app).await;
    assert!(line(&app, "Token valid").contains("Failed"));
    let asked = transport.requests().len();
    app.click("Check again").await;
    app.wait_for("a second run", |a| {
        a.transport.requests().len() > asked && a.text().contains("Checks done:")
    })
    .await;
    app.click("Back").await;
    app.wait_for_text("The instance does not let this page use its REST API")
        .await;
}

#[wasm_bindgen_test]
async fn without_a_session_the_page_checks_what_the_setup_page_holds() {
    let nothing_there = FakeTransport::new(|req| {
        Err(TransportError::Unreachable {
            url: req.uri().to_string(),
        })
    });
    let app = mount(PAGE, nothing_there, MemoryStorage::default());
    app.click("Connect to ServiceNow").await;
    app.fill("Instance", "acme").await;
    app.fill("Client ID", "cid").await;
    app.click("Authorize").await;
    app.wait_for_text("The instance could not be reached").await;
    app.click("Check the connection").await;
    wait_until_checked(&app).await;
    let instance = line(&app, "Instance reachable");
    assert!(
        instance.contains("Failed")
            && instance.contains("Nothing answered at https://acme.service-now.com/"),
        "{instance}"
    );
    assert!(line(&app, "Token valid").contains("Not checked: connect first."));
    assert!(line(&app, "Token endpoint reachable from this browser").contains("Failed"));
}
