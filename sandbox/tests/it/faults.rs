//! Injected faults, through `Control` and through the `/sandbox/…` HTTP controls.

use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, ORIGIN};
use axum::http::{Method, StatusCode};
use serde_json::json;
use snowcard_sandbox::{Config, Fault, Sandbox};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tower::ServiceExt as _;

use crate::common::{instance, Instance, APP, REDIRECT};

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

/// Whether the router's answer to `request` breaks off before its body: hyper then closes
/// the connection without a byte (see `a_dropped_connection_sends_not_a_single_byte`).
async fn dropped(sn: &Instance, request: axum::http::Request<Body>) -> bool {
    let response = sn
        .router
        .clone()
        .oneshot(request)
        .await
        .expect("infallible");
    axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .is_err()
}

#[tokio::test]
async fn a_dropped_connection_sends_not_a_single_byte() {
    let sandbox = Sandbox::start(Config::demo(APP, REDIRECT))
        .await
        .expect("start");
    sandbox.control().inject(Fault::Dropped, 1);
    let authority = sandbox.url().trim_start_matches("http://").to_owned();
    let ask = || async {
        let mut stream = tokio::net::TcpStream::connect(&authority)
            .await
            .expect("connect");
        let request = format!(
            "GET /api/now/table/incident HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await.expect("write");
        let mut raw = Vec::new();
        // A reset instead of a clean close is a dropped connection too.
        let _ = stream.read_to_end(&mut raw).await;
        String::from_utf8_lossy(&raw).into_owned()
    };
    assert_eq!(ask().await, "", "closed without a status line or a header");
    let answered = ask().await;
    assert!(
        answered.starts_with("HTTP/1.1 401"),
        "the fault is spent: the next request is answered (no token: 401): {answered}"
    );
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_connection_dropped_before_processing_creates_nothing() {
    let sn = instance();
    let token = sn.token().await;
    let before = sn.control.records("incident").len();
    sn.control.inject(Fault::Dropped, 1);
    let body =
        json!({"short_description": "Turn on audit log search", "correlation_id": "snowcard:drop"});
    let create = || {
        Instance::request(Method::POST, "/api/now/table/incident")
            .header("authorization", format!("Bearer {token}"))
            .header(CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request")
    };
    assert!(dropped(&sn, create()).await, "no answer");
    assert_eq!(
        sn.control.records("incident").len(),
        before,
        "nothing stored"
    );
    assert_eq!(sn.control.created_requests("incident"), 0);
    let reply = sn.send(create()).await;
    assert_eq!(
        reply.status,
        StatusCode::CREATED,
        "the next create goes through"
    );
    assert_eq!(sn.control.records("incident").len(), before + 1);
}

#[tokio::test]
async fn a_connection_dropped_after_commit_keeps_the_record_for_a_retry_to_find() {
    let sn = instance();
    let token = sn.token().await;
    sn.control.inject(Fault::DroppedAfterCommit, 1);
    assert_eq!(
        sn.get("/api/now/table/incident", Some(&token)).await.status,
        StatusCode::OK,
        "reads are answered: the fault waits for a create"
    );
    let body =
        json!({"short_description": "Turn on audit log search", "correlation_id": "snowcard:lost"});
    let create = Instance::request(Method::POST, "/api/now/table/incident")
        .header("authorization", format!("Bearer {token}"))
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("request");
    assert!(dropped(&sn, create).await, "no answer");
    assert_eq!(sn.control.created_requests("incident"), 1, "committed");
    let found = sn
        .get(
            "/api/now/table/incident?sysparm_query=correlation_id=snowcard:lost",
            Some(&token),
        )
        .await;
    assert_eq!(found.header("x-total-count"), Some("1"));
}

#[tokio::test]
async fn the_http_control_drops_connections_too() {
    let sn = instance();
    let token = sn.token().await;
    for fault in ["drop", "drop-after-commit"] {
        let request = Instance::request(Method::POST, "/sandbox/faults")
            .header(CONTENT_TYPE, "application/json")
            .body(Body::from(json!({"fault": fault}).to_string()))
            .expect("request");
        let reply = sn.send(request).await;
        assert_eq!(reply.json(), json!({"fault": fault, "count": 1}));
    }
    // The later one replaced the first: reads pass, the next create is committed and dropped.
    assert_eq!(
        sn.get("/api/now/table/incident", Some(&token)).await.status,
        StatusCode::OK
    );
    let body = json!({"short_description": "Turn on audit log search"});
    let create = Instance::request(Method::POST, "/api/now/table/incident")
        .header("authorization", format!("Bearer {token}"))
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("request");
    assert!(dropped(&sn, create).await);
    assert_eq!(sn.control.created_requests("incident"), 1);

    let aim = |body: serde_json::Value| {
        Instance::request(Method::POST, "/sandbox/faults")
            .header(CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request")
    };
    let refused = sn.send(aim(json!({"fault": "500", "on": "read"}))).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    sn.send(aim(json!({"fault": "500", "on": "create"}))).await;
    assert_eq!(
        sn.get("/api/now/table/incident", Some(&token)).await.status,
        StatusCode::OK,
        "aimed at creates: reads pass"
    );
    assert_eq!(sn.control.pending_fault(), Some((Fault::InternalError, 1)));
}

#[tokio::test]
async fn a_fault_for_creates_lets_reads_pass_and_strikes_the_post_before_it_is_stored() {
    let sn = instance();
    let token = sn.token().await;
    sn.control.inject_on_creates(Fault::InternalError, 1);
    assert_eq!(
        sn.get("/api/now/table/change_request", Some(&token))
            .await
            .status,
        StatusCode::OK,
        "the duplicate check before a create passes"
    );
    assert_eq!(sn.control.pending_fault(), Some((Fault::InternalError, 1)));
    let body = json!({"short_description": "Turn on audit log search", "correlation_id": "snowcard:create"});
    let reply = sn
        .send_json(Method::POST, "/api/now/table/incident", &token, &body)
        .await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(sn.control.created_requests("incident"), 0, "nothing stored");
    assert_eq!(sn.control.pending_fault(), None, "served");
    let reply = sn
        .send_json(Method::POST, "/api/now/table/incident", &token, &body)
        .await;
    assert_eq!(reply.status, StatusCode::CREATED);

    sn.control.inject(Fault::Unavailable, 3);
    sn.control.clear_faults();
    assert_eq!(sn.control.pending_fault(), None);
    assert_eq!(
        sn.get("/api/now/table/incident", Some(&token)).await.status,
        StatusCode::OK,
        "a cleared fault is never served"
    );
}
