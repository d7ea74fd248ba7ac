//! A hibernating developer instance: every request redirected to the wake-up page, with no
//! CORS headers and nothing handled, until it is woken.

use axum::body::Body;
use axum::http::header::{ACCESS_CONTROL_REQUEST_METHOD, ORIGIN, REFERER};
use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::common::{instance, Instance, APP};

const WAKE: &str = "http://127.0.0.1:9/wake";

async fn from_app(sn: &Instance, method: Method, uri: &str) -> crate::common::Reply {
    let mut request = Instance::request(method.clone(), uri).header(ORIGIN, APP);
    if method == Method::OPTIONS {
        request = request.header(ACCESS_CONTROL_REQUEST_METHOD, "GET");
    }
    sn.send(request.body(Body::empty()).expect("request")).await
}

#[tokio::test]
async fn a_hibernating_instance_redirects_api_preflight_and_token_calls_until_woken() {
    let sn = instance();
    let token = sn.token().await;
    sn.control.reset_requests();
    sn.control.set_hibernating(Some(WAKE.into()));
    let calls = [
        (Method::GET, "/api/now/table/incident?sysparm_limit=1"),
        (Method::OPTIONS, "/api/now/table/incident"),
        (Method::POST, "/oauth_token.do"),
        (Method::GET, "/oauth_auth.do"),
    ];
    for (method, uri) in calls.clone() {
        let reply = from_app(&sn, method.clone(), uri).await;
        assert_eq!(reply.status, StatusCode::FOUND, "{method} {uri}");
        assert_eq!(reply.location(), WAKE, "{method} {uri}");
        let cors: Vec<_> = reply
            .headers
            .keys()
            .filter(|k| k.as_str().starts_with("access-control-"))
            .collect();
        assert!(cors.is_empty(), "{method} {uri}: {cors:?}");
        assert!(reply.body.contains("Your instance is currently offline"));
    }
    let counts = sn.control.requests();
    assert_eq!(counts.redirected, 4);
    assert_eq!(
        (counts.api, counts.preflights, counts.token),
        (0, 0, 0),
        "nothing reached the instance itself"
    );
    // The sandbox's own controls still answer.
    let controls = sn.get("/sandbox/requests", None).await;
    assert_eq!(controls.status, StatusCode::OK);
    assert_eq!(controls.json()["redirected"], 4);

    sn.control.set_hibernating(None);
    let awake = sn
        .get("/api/now/table/incident?sysparm_limit=1", Some(&token))
        .await;
    assert_eq!(
        awake.status,
        StatusCode::OK,
        "the same token works once awake"
    );
    assert_eq!(sn.control.requests().redirected, 4);
}

#[tokio::test]
async fn api_and_token_requests_with_a_referer_are_counted_whether_asleep_or_awake() {
    let sn = instance();
    sn.control.reset_requests();
    let with_referer = |uri: &str| {
        Instance::request(Method::GET, uri)
            .header(REFERER, "http://127.0.0.1:8700/?code=secret")
            .body(Body::empty())
            .expect("request")
    };
    sn.send(with_referer("/api/now/table/incident")).await;
    sn.get("/api/now/table/incident", None).await;
    assert_eq!(sn.control.requests().referer, 1);
    sn.control.set_hibernating(Some(WAKE.into()));
    sn.send(with_referer("/oauth_token.do")).await;
    assert_eq!(sn.control.requests().referer, 2);
    // The control API is not the instance, and the instance's own pages name themselves.
    sn.send(with_referer("/sandbox/requests")).await;
    sn.control.set_hibernating(None);
    sn.send(with_referer("/login.do")).await;
    assert_eq!(sn.control.requests().referer, 2);
}

#[tokio::test]
async fn the_hibernation_switch_over_http_takes_a_url_or_null() {
    let sn = instance();
    let put = |body: serde_json::Value| {
        Instance::request(Method::PUT, "/sandbox/hibernation")
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .expect("request")
    };
    let on = sn.send(put(json!({ "wake_url": WAKE }))).await;
    assert_eq!(on.status, StatusCode::OK);
    assert_eq!(on.json()["wake_url"], WAKE);
    assert_eq!(sn.control.hibernating().as_deref(), Some(WAKE));
    let bad = sn
        .send(put(json!({ "wake_url": "javascript:alert(1)" })))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("wake_url must be an http(s) URL or null"));
    assert_eq!(sn.control.hibernating().as_deref(), Some(WAKE), "unchanged");
    let off = sn.send(put(json!({ "wake_url": null }))).await;
    assert_eq!(off.status, StatusCode::OK);
    assert_eq!(sn.control.hibernating(), None);
    let awake = sn.get("/api/now/table/incident", None).await;
    assert_ne!(awake.status, StatusCode::FOUND);
}

#[tokio::test]
async fn a_moved_instance_sends_api_and_token_calls_to_its_new_address_with_cors_headers() {
    let sn = instance();
    sn.control.reset_requests();
    sn.control.set_moved(Some("http://127.0.0.1:9/".into()));
    let api = from_app(&sn, Method::GET, "/api/now/table/incident?sysparm_limit=1").await;
    assert_eq!(api.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        api.location(),
        "http://127.0.0.1:9/api/now/table/incident?sysparm_limit=1"
    );
    assert_eq!(api.header("access-control-allow-origin"), Some(APP));
    let token = from_app(&sn, Method::POST, "/oauth_token.do").await;
    assert_eq!(token.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(token.location(), "http://127.0.0.1:9/oauth_token.do");
    // The preflight is still the CORS rule's; the login page is not moved.
    let preflight = from_app(&sn, Method::OPTIONS, "/api/now/table/incident").await;
    assert_eq!(preflight.status, StatusCode::OK);
    assert_eq!(sn.get("/login.do", None).await.status, StatusCode::OK);
    assert_eq!(sn.control.requests().redirected, 2);
    sn.control.set_moved(None);
    let back = from_app(&sn, Method::GET, "/api/now/table/incident").await;
    assert_ne!(back.status, StatusCode::TEMPORARY_REDIRECT);
}
