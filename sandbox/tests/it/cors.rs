//! CORS: only the configured origin gets headers, per endpoint, and nothing else does.

use axum::body::Body;
use axum::http::header::{ACCESS_CONTROL_REQUEST_METHOD, AUTHORIZATION, ORIGIN};
use axum::http::{Method, StatusCode};

use crate::common::{instance, Instance, Reply, APP};

async fn from(
    sn: &Instance,
    method: Method,
    uri: &str,
    origin: &str,
    token: Option<&str>,
) -> Reply {
    let mut request = Instance::request(method.clone(), uri).header(ORIGIN, origin);
    if method == Method::OPTIONS {
        request = request.header(ACCESS_CONTROL_REQUEST_METHOD, "POST");
    }
    if let Some(token) = token {
        request = request.header(AUTHORIZATION, format!("Bearer {token}"));
    }
    sn.send(request.body(Body::empty()).expect("request")).await
}

fn cors_headers(reply: &Reply) -> Vec<String> {
    let names = reply.headers.keys().map(|k| k.as_str().to_owned());
    names.filter(|k| k.starts_with("access-control-")).collect()
}

#[tokio::test]
async fn the_configured_origin_can_read_api_responses() {
    let sn = instance();
    let token = sn.token().await;
    let reply = from(
        &sn,
        Method::GET,
        "/api/now/table/incident?sysparm_limit=1",
        APP,
        Some(&token),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("access-control-allow-origin"), Some(APP));
    assert_eq!(
        reply.header("access-control-expose-headers"),
        Some("X-Total-Count, Link, Retry-After")
    );
    assert_eq!(reply.header("vary"), Some("Origin"));
    // The 401 an expired token gets must be readable too, or the app cannot refresh.
    let denied = from(
        &sn,
        Method::GET,
        "/api/now/table/incident",
        APP,
        Some("expired"),
    )
    .await;
    assert_eq!(denied.status, StatusCode::UNAUTHORIZED);
    assert_eq!(denied.header("access-control-allow-origin"), Some(APP));
}

#[tokio::test]
async fn another_origin_gets_no_cors_headers_at_all() {
    let sn = instance();
    let token = sn.token().await;
    for origin in ["http://127.0.0.1:9999", "http://localhost:8700", "null"] {
        let reply = from(
            &sn,
            Method::GET,
            "/api/now/table/incident",
            origin,
            Some(&token),
        )
        .await;
        assert!(
            cors_headers(&reply).is_empty(),
            "{origin}: {:?}",
            reply.headers
        );
        let preflight = from(
            &sn,
            Method::OPTIONS,
            "/api/now/table/incident",
            origin,
            None,
        )
        .await;
        assert!(
            cors_headers(&preflight).is_empty(),
            "{origin}: {:?}",
            preflight.headers
        );
    }
}

#[tokio::test]
async fn preflight_from_the_configured_origin_lists_methods_and_headers() {
    let sn = instance();
    let reply = from(&sn, Method::OPTIONS, "/api/now/table/incident", APP, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("access-control-allow-origin"), Some(APP));
    assert_eq!(
        reply.header("access-control-allow-methods"),
        Some("GET, POST, PATCH")
    );
    assert_eq!(
        reply.header("access-control-allow-headers"),
        Some("Authorization, Content-Type, Accept")
    );
    assert!(reply.header("access-control-max-age").is_some());
}

#[tokio::test]
async fn the_token_endpoint_follows_the_oauth_cors_property() {
    let sn = instance();
    sn.control.set_oauth_cors_origin(None);
    let blocked = from(&sn, Method::POST, "/oauth_token.do", APP, None).await;
    assert!(
        cors_headers(&blocked).is_empty(),
        "pre-Australia instances block the browser"
    );
    sn.control.set_oauth_cors_origin(Some(APP.to_owned()));
    let open = from(&sn, Method::POST, "/oauth_token.do", APP, None).await;
    assert_eq!(open.header("access-control-allow-origin"), Some(APP));
    // The API rule is separate: removing it closes /api/* but not the token endpoint.
    sn.control.set_api_cors_origin(None);
    let api = from(&sn, Method::GET, "/api/now/table/incident", APP, None).await;
    assert!(cors_headers(&api).is_empty());
    assert_eq!(
        from(&sn, Method::POST, "/oauth_token.do", APP, None)
            .await
            .header("access-control-allow-origin"),
        Some(APP)
    );
}

#[tokio::test]
async fn browser_pages_and_revoke_have_no_cors() {
    let sn = instance();
    for uri in ["/oauth_auth.do", "/oauth_revoke_token.do?token=x", "/"] {
        let reply = from(&sn, Method::GET, uri, APP, None).await;
        assert!(cors_headers(&reply).is_empty(), "{uri}");
    }
}
