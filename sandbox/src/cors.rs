//! CORS as a configured instance applies it: `/api/*` follows the REST CORS rule,
//! `/oauth_token.do` follows `glide.oauth.cors.allowed.origin`; every other path, and
//! every other origin, gets no CORS headers at all, so the browser blocks the call.
//!
//! The REST CORS rule names an origin and has a "Max age" that defaults to 0, so every
//! call with an `Authorization` header is preflighted (shared/servicenow.md, "Table API
//! needs a CORS rule"). The OAuth property holds "a single hostname" or `*`
//! (platform-security/instance-security-hardening-settings/
//! sc-allow-cors-origins-for-oauth-endpoints.md); how the instance compares a hostname
//! with the browser's `Origin` is not documented: here the `Origin`'s host must equal it,
//! whatever the scheme and port [inferred]. Every request passing through is counted, so
//! tests can weigh a page load in requests and preflights.

use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN,
    VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

const ALLOW_METHODS: &str = "GET, POST, PATCH";
const ALLOW_HEADERS: &str = "Authorization, Content-Type, Accept";
const EXPOSE_HEADERS: &str = "X-Total-Count, Link, Retry-After";

/// Middleware over the whole instance.
pub async fn apply(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(ACCESS_CONTROL_REQUEST_METHOD);
    let api = path.starts_with("/api/");
    state.with(|d| d.requests.count(api, path == "/oauth_token.do", preflight));
    let (rule, by_host) = if api {
        (state.with(|d| d.api_cors_origin.clone()), false)
    } else if path == "/oauth_token.do" {
        (state.with(|d| d.oauth_cors_origin.clone()), true)
    } else {
        return next.run(request).await;
    };
    let origin = request.headers().get(ORIGIN).and_then(|o| o.to_str().ok());
    let allowed = match (rule.as_deref(), origin) {
        (Some("*"), Some(_)) => Some(HeaderValue::from_static("*")),
        (Some(rule), Some(origin)) if admits(rule, origin, by_host) => {
            HeaderValue::from_str(origin).ok()
        }
        _ => None,
    };
    let max_age = state.with(|d| d.cors_max_age_secs);
    let mut response = if preflight {
        // Answered here, before authentication, as the browser sends no token.
        let mut response = StatusCode::OK.into_response();
        if allowed.is_some() {
            let headers = response.headers_mut();
            headers.insert(
                ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOW_METHODS),
            );
            headers.insert(
                ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOW_HEADERS),
            );
            headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from(max_age));
        }
        response
    } else {
        let mut response = next.run(request).await;
        if allowed.is_some() {
            let expose = HeaderValue::from_static(EXPOSE_HEADERS);
            response
                .headers_mut()
                .insert(ACCESS_CONTROL_EXPOSE_HEADERS, expose);
        }
        response
    };
    finish(response.headers_mut(), allowed);
    response
}

/// Whether a rule admits `origin`: the REST CORS rule's domain is an origin; the OAuth
/// property is a host name (or, written as an origin, compared as one).
fn admits(rule: &str, origin: &str, by_host: bool) -> bool {
    if rule.is_empty() {
        return false;
    }
    if by_host && !rule.contains("://") {
        return crate::config::host_of(origin).eq_ignore_ascii_case(rule);
    }
    rule == origin
}

fn finish(headers: &mut HeaderMap, allowed: Option<HeaderValue>) {
    headers.append(VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = allowed {
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
}
