//! Where the OAuth endpoints are strict: bad authorization requests, and token
//! requests with the wrong verifier, a reused or expired code, or the wrong details.

use std::time::Duration;

use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, StatusCode};
use snowcard_sandbox::DEMO_CLIENT_ID;

use crate::common::{auth_query, instance, instance_with, param, Instance, REDIRECT, VERIFIER};

async fn error_page(sn: &Instance, query: &str) -> String {
    let reply = sn.get(&format!("/oauth_auth.do?{query}"), None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(
        reply.header("location").is_none(),
        "an error page never redirects"
    );
    reply.body
}

#[tokio::test]
async fn missing_state_is_an_error_page() {
    let sn = instance();
    let body = error_page(
        &sn,
        &auth_query(DEMO_CLIENT_ID, REDIRECT, None, Some("S256")),
    )
    .await;
    assert!(
        body.contains("Missing State parameter in request"),
        "{body}"
    );
}

#[tokio::test]
async fn unknown_client_is_an_error_page() {
    let sn = instance();
    let body = error_page(
        &sn,
        &auth_query(
            "0123456789abcdef0123456789abcdef",
            REDIRECT,
            Some("s"),
            Some("S256"),
        ),
    )
    .await;
    assert!(body.contains("client_id"), "{body}");
}

#[tokio::test]
async fn a_redirect_uri_that_differs_at_all_is_an_error_page() {
    let sn = instance();
    for uri in [
        "http://127.0.0.1:8700",
        "http://localhost:8700/",
        "http://127.0.0.1:8700/?x=1",
        "https://evil.example/",
    ] {
        let body = error_page(
            &sn,
            &auth_query(DEMO_CLIENT_ID, uri, Some("s"), Some("S256")),
        )
        .await;
        assert!(body.contains("redirect_uri"), "{uri}: {body}");
    }
}

#[tokio::test]
async fn plain_or_missing_challenge_method_is_redirected_as_invalid_request() {
    let sn = instance();
    for method in [Some("plain"), None] {
        let query = auth_query(DEMO_CLIENT_ID, REDIRECT, Some("s 1"), method);
        let reply = sn.get(&format!("/oauth_auth.do?{query}"), None).await;
        assert_eq!(reply.status, StatusCode::FOUND);
        let location = reply.location();
        assert!(location.starts_with(REDIRECT), "{location}");
        assert_eq!(param(location, "error").as_deref(), Some("invalid_request"));
        assert!(param(location, "error_description").is_some());
        assert_eq!(param(location, "state").as_deref(), Some("s 1"));
        assert_eq!(
            param(location, "iss").as_deref(),
            Some("http://instance.test"),
            "RFC 9207: error answers name their issuer too"
        );
    }
}

#[tokio::test]
async fn wrong_verifier_is_invalid_grant() {
    let sn = instance();
    let code = sn.code_for("admin", "sandbox-admin").await;
    let other = "A".repeat(43);
    let reply = sn.redeem(&code, &other).await;
    assert_refused(&reply);
    assert_eq!(sn.control.grants().authorization_code, 0);
}

#[tokio::test]
async fn a_reused_code_fails_and_revokes_the_tokens_it_gave() {
    let sn = instance();
    sn.control.set_refresh_tokens(true);
    let code = sn.code_for("admin", "sandbox-admin").await;
    let first = sn.redeem(&code, VERIFIER).await.json();
    let access = first["access_token"]
        .as_str()
        .expect("first redemption works")
        .to_owned();
    let again = sn.redeem(&code, VERIFIER).await;
    assert_refused(&again);
    assert!(!sn.control.access_token_valid(&access));
    let refresh = first["refresh_token"].as_str().expect("refresh token");
    assert_refused(&sn.refresh(refresh).await);
}

#[tokio::test]
async fn an_expired_code_fails() {
    let sn = instance_with(|c| c.code_ttl = Duration::ZERO);
    let code = sn.code_for("admin", "sandbox-admin").await;
    let reply = sn.redeem(&code, VERIFIER).await;
    assert_refused(&reply);
}

/// A refused grant as ServiceNow answers it (the sandbox's default).
fn assert_refused(reply: &crate::common::Reply) {
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.body);
    assert_eq!(
        reply.json(),
        serde_json::json!({"error": "server_error", "error_description": "access_denied"})
    );
}

#[tokio::test]
async fn refused_grants_can_be_answered_rfc_6749_style() {
    let sn = instance_with(|c| c.rfc6749_token_errors = true);
    let code = sn.code_for("admin", "sandbox-admin").await;
    let reply = sn.redeem(&code, &"A".repeat(43)).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn token_requests_must_name_the_same_redirect_uri_and_a_known_client() {
    let sn = instance();
    let code = sn.code_for("admin", "sandbox-admin").await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", "http://127.0.0.1:8700/other"),
        ("client_id", DEMO_CLIENT_ID),
        ("code_verifier", VERIFIER),
    ];
    assert_refused(&sn.post_form("/oauth_token.do", &form, None).await);
    let unknown = [
        ("grant_type", "refresh_token"),
        ("refresh_token", "x"),
        ("client_id", "nope"),
    ];
    let reply = sn.post_form("/oauth_token.do", &unknown, None).await;
    assert_eq!(
        (reply.status, reply.json()["error"].clone()),
        (StatusCode::UNAUTHORIZED, "invalid_client".into())
    );
    let password = [("grant_type", "password"), ("client_id", DEMO_CLIENT_ID)];
    let reply = sn.post_form("/oauth_token.do", &password, None).await;
    assert_eq!(
        (reply.status, reply.json()["error"].clone()),
        (StatusCode::BAD_REQUEST, "unsupported_grant_type".into())
    );
    let missing = [
        ("grant_type", "authorization_code"),
        ("client_id", DEMO_CLIENT_ID),
    ];
    let reply = sn.post_form("/oauth_token.do", &missing, None).await;
    assert_eq!(
        (reply.status, reply.json()["error"].clone()),
        (StatusCode::BAD_REQUEST, "invalid_request".into())
    );
}

#[tokio::test]
async fn the_token_endpoint_only_takes_form_bodies() {
    let sn = instance();
    let code = sn.code_for("admin", "sandbox-admin").await;
    let body = serde_json::json!({
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
        "client_id": DEMO_CLIENT_ID, "code_verifier": VERIFIER,
    });
    let request = Instance::request(Method::POST, "/oauth_token.do")
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("request");
    let reply = sn.send(request).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["error"], "invalid_request");
}
