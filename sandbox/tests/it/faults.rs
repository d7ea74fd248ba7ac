//! Injected faults, through `Control` and through the `/sandbox/…` HTTP controls.

use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, ORIGIN};
use axum::http::{Method, StatusCode};
use serde_json::json;
use snowcard_sandbox::Fault;

use crate::common::{instance, Instance, APP};

#[tokio::test]
async fn too_many_requests_carries_retry_after_and_rate_limit_headers() {
    let sn = instance();
    let token = sn.token().await;
    sn.control.inject(
        Fault::TooManyRequests {
            retry_after_secs: 7,
        },
        2,
    );
    for _ in 0..2 {
        let request = Instance::request(Method::GET, "/api/now/table/incident")
            .header(ORIGIN, APP)
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .expect("request");
        let reply = sn.send(request).await;
        assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(reply.header("retry-after"), Some("7"));
        assert!(reply.header("x-ratelimit-limit").is_some());
        assert!(reply
            .header("x-ratelimit-reset")
            .and_then(|r| r.parse::<i64>().ok())
            .is_some());
        assert!(reply
            .header("x-ratelimit-rule")
            .is_some_and(|r| r.len() == 32));
        assert_eq!(reply.json()["error"]["message"], "Rate limit exceeded");
        assert_eq!(
            reply.header("access-control-allow-origin"),
            Some(APP),
            "the app can read the 429"
        );
    }
    assert_eq!(
        sn.get("/api/now/table/incident", Some(&token)).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn server_errors_and_an_unavailable_node() {
    let sn = instance();
    let token = sn.token().await;
    sn.control.inject(Fault::InternalError, 1);
    let reply = sn.get("/api/now/table/incident", Some(&token)).await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(reply.json()["status"], "failure");
    sn.control.inject(Fault::Unavailable, 1);
    let reply = sn
        .get("/api/now/stats/incident?sysparm_count=true", Some(&token))
        .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(reply
        .header("content-type")
        .is_some_and(|c| c.starts_with("text/html")));
}

#[tokio::test]
async fn unavailable_after_commit_creates_exactly_one_record() {
    let sn = instance();
    let token = sn.token().await;
    let before = sn.control.records("incident").len();
    sn.control.inject(Fault::UnavailableAfterCommit, 1);
    assert_eq!(
        sn.get("/api/now/table/incident", Some(&token)).await.status,
        StatusCode::OK,
        "reads pass"
    );
    let body = json!({"short_description": "Block legacy authentication", "correlation_id": "snowcard:abc"});
    let reply = sn
        .send_json(Method::POST, "/api/now/table/incident", &token, &body)
        .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    let records = sn.control.records("incident");
    assert_eq!(records.len(), before + 1);
    assert_eq!(
        records
            .iter()
            .filter(|r| r["correlation_id"] == "snowcard:abc")
            .count(),
        1
    );
    assert_eq!(sn.control.created_requests("incident"), 1);
    let found = sn
        .get(
            "/api/now/table/incident?sysparm_query=correlation_id=snowcard:abc",
            Some(&token),
        )
        .await;
    assert_eq!(
        found.header("x-total-count"),
        Some("1"),
        "a retry can find the committed record"
    );
}

#[tokio::test]
async fn the_http_controls_drive_the_same_state() {
    let sn = instance();
    let token = sn.token().await;
    let post = |uri: &str, body: serde_json::Value| {
        Instance::request(Method::POST, uri)
            .header(CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request")
    };
    let reply = sn
        .send(post(
            "/sandbox/faults",
            json!({"fault": "429", "count": 1, "retry_after": 3}),
        ))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let limited = sn.get("/api/now/table/incident", Some(&token)).await;
    assert_eq!(
        (limited.status, limited.header("retry-after")),
        (StatusCode::TOO_MANY_REQUESTS, Some("3"))
    );
    assert_eq!(
        sn.send(post("/sandbox/faults", json!({"fault": "418"})))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    sn.send(post("/sandbox/expire-tokens", json!({}))).await;
    assert!(!sn.control.access_token_valid(&token));
    let cors = Instance::request(Method::PUT, "/sandbox/cors")
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"api":null}"#))
        .expect("request");
    assert_eq!(
        sn.send(cors).await.json(),
        json!({"api": null, "oauth": "127.0.0.1", "max_age": 0})
    );
    let records = sn.get("/sandbox/records/change_request", None).await.json();
    assert_eq!(
        records["result"].as_array().map(Vec::len),
        Some(sn.control.records("change_request").len())
    );
}
