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

#[tokio::test]
async fn preflights_are_not_cached_by_default_as_a_new_cors_rule_has_max_age_0() {
    let sn = instance();
    let reply = from(&sn, Method::OPTIONS, "/api/now/table/incident", APP, None).await;
    assert_eq!(reply.header("access-control-max-age"), Some("0"));
    sn.control.set_cors_max_age(600);
    let reply = from(&sn, Method::OPTIONS, "/api/now/table/incident", APP, None).await;
    assert_eq!(reply.header("access-control-max-age"), Some("600"));
}

#[tokio::test]
async fn the_oauth_property_holds_a_host_name_as_documented() {
    let sn = instance();
    // The demo instance sets it as an administrator would: the app's host name.
    let open = from(&sn, Method::POST, "/oauth_token.do", APP, None).await;
    assert_eq!(open.header("access-control-allow-origin"), Some(APP));
    sn.control
        .set_oauth_cors_origin(Some("portal.example.com".to_owned()));
    let portal = "https://portal.example.com";
    let reply = from(&sn, Method::POST, "/oauth_token.do", portal, None).await;
    assert_eq!(reply.header("access-control-allow-origin"), Some(portal));
    let other = from(
        &sn,
        Method::POST,
        "/oauth_token.do",
        "https://evil.example",
        None,
    )
    .await;
    assert!(cors_headers(&other).is_empty());
    // A suffix is not the host.
    let suffix = "https://notportal.example.com";
    let reply = from(&sn, Method::POST, "/oauth_token.do", suffix, None).await;
    assert!(cors_headers(&reply).is_empty());
    // The default, an empty string, admits nobody; `*` admits everyone.
    sn.control.set_oauth_cors_origin(Some(String::new()));
    let reply = from(&sn, Method::POST, "/oauth_token.do", portal, None).await;
    assert!(cors_headers(&reply).is_empty());
    sn.control.set_oauth_cors_origin(Some("*".to_owned()));
    let reply = from(&sn, Method::POST, "/oauth_token.do", suffix, None).await;
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn the_api_rule_still_names_a_whole_origin() {
    let sn = instance();
    let other_port = "http://127.0.0.1:9999";
    let reply = from(
        &sn,
        Method::GET,
        "/api/now/table/incident",
        other_port,
        None,
    )
    .await;
    assert!(cors_headers(&reply).is_empty());
}

#[tokio::test]
async fn requests_and_preflights_are_counted_apart() {
    let sn = instance();
    let token = sn.token().await;
    sn.control.reset_requests();
    from(&sn, Method::OPTIONS, "/api/now/table/incident", APP, None).await;
    from(
        &sn,
        Method::GET,
        "/api/now/table/incident",
        APP,
        Some(&token),
    )
    .await;
    from(
        &sn,
        Method::GET,
        "/api/now/stats/incident",
        APP,
        Some(&token),
    )
    .await;
    from(&sn, Method::OPTIONS, "/oauth_token.do", APP, None).await;
    from(&sn, Method::POST, "/oauth_token.do", APP, None).await;
    from(&sn, Method::GET, "/", APP, None).await;
    let counts = sn.control.requests();
    assert_eq!(
        (counts.api, counts.preflights, counts.token),
        (2, 2, 1),
        "{counts:?}"
    );
    sn.control.reset_requests();
    assert_eq!(sn.control.requests(), Default::default());
}
