//! Strict mode: refresh tokens rotate on every refresh, and a replaced one presented again
//! revokes its whole grant (RFC 9700 section 4.14.2), answered as RFC 6749's `invalid_grant`.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::common::{instance, instance_with};

fn field(reply: &crate::common::Reply, name: &str) -> String {
    reply.json()[name]
        .as_str()
        .unwrap_or_else(|| panic!("no {name}: {}", reply.body))
        .to_owned()
}

#[tokio::test]
async fn each_refresh_rotates_the_refresh_token_and_the_newest_keeps_working() {
    let sn = instance_with(|c| c.strict = true);
    let (_, first) = sn.tokens("snowcard.integration", "sandbox-demo").await;
    let reply = sn.refresh(&first).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let second = field(&reply, "refresh_token");
    assert_ne!(second, first, "strict mode hands out a new refresh token");
    let access = field(&reply, "access_token");
    let reply = sn.refresh(&second).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let third = field(&reply, "refresh_token");
    assert!(third != second && third != first);
    assert!(
        sn.control.access_token_valid(&access),
        "earlier access tokens live on"
    );
    assert_eq!(sn.control.grants().refresh_token, 2);
    assert_eq!(sn.control.reuse_revocations(), 0);
}

#[tokio::test]
async fn a_replaced_refresh_token_presented_again_revokes_the_whole_grant() {
    let sn = instance_with(|c| c.strict = true);
    let (first_access, first) = sn.tokens("snowcard.integration", "sandbox-demo").await;
    // One tab refreshes; another, holding a copy of the same session, refreshes after it.
    let rotated = sn.refresh(&first).await;
    let (access, newest) = (
        field(&rotated, "access_token"),
        field(&rotated, "refresh_token"),
    );
    let reused = sn.refresh(&first).await;
    assert_eq!(reused.status, StatusCode::UNAUTHORIZED, "{}", reused.body);
    assert_eq!(reused.json()["error"], "invalid_grant");
    assert_eq!(sn.control.reuse_revocations(), 1);
    // Every token of the grant is gone: the newest refresh token and every access token.
    assert!(!sn.control.access_token_valid(&access));
    assert!(!sn.control.access_token_valid(&first_access));
    let api = sn.get("/api/now/table/incident", Some(&access)).await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    let after = sn.refresh(&newest).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED, "{}", after.body);
    assert_eq!(after.json()["error"], "invalid_grant");
    assert_eq!(sn.control.reuse_revocations(), 1, "one grant, revoked once");
}

#[tokio::test]
async fn reuse_revokes_only_its_own_grant() {
    let sn = instance_with(|c| c.strict = true);
    let (_, mine) = sn.tokens("snowcard.integration", "sandbox-demo").await;
    let (other_access, other) = sn.tokens("beth.anglin", "sandbox-demo").await;
    sn.refresh(&mine).await;
    sn.refresh(&mine).await;
    assert_eq!(sn.control.reuse_revocations(), 1);
    assert!(sn.control.access_token_valid(&other_access));
    assert_eq!(sn.refresh(&other).await.status, StatusCode::OK);
}

#[tokio::test]
async fn without_strict_mode_the_refresh_token_is_kept_and_may_be_used_again() {
    let sn = instance();
    let (_, refresh) = sn.tokens("snowcard.integration", "sandbox-demo").await;
    for _ in 0..2 {
        let reply = sn.refresh(&refresh).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        assert_eq!(field(&reply, "refresh_token"), refresh);
    }
    assert_eq!(sn.control.reuse_revocations(), 0);
}

#[tokio::test]
async fn strict_mode_is_a_control_switch_over_http() {
    let sn = instance();
    let (_, first) = sn.tokens("snowcard.integration", "sandbox-demo").await;
    let request = crate::common::Instance::request(Method::PUT, "/sandbox/oauth")
        .header("content-type", "application/json")
        .body(json!({ "strict": true }).to_string().into())
        .unwrap_or_else(|e| panic!("{e}"));
    let now = sn.send(request).await;
    assert_eq!(now.status, StatusCode::OK, "{}", now.body);
    assert_eq!(now.json()["strict"], true);
    assert_eq!(now.json()["reuse_revocations"], 0);
    let second = field(&sn.refresh(&first).await, "refresh_token");
    assert_ne!(second, first);
    assert_eq!(sn.refresh(&first).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(sn.control.reuse_revocations(), 1);
}
