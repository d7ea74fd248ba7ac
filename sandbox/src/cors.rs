//! CORS as a configured instance applies it: `/api/*` follows the REST CORS rule,
//! `/oauth_token.do` follows `glide.oauth.cors.allowed.origin`; every other path, and
//! every other origin, gets no CORS headers at all, so the browser blocks the call.

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
const MAX_AGE: &str = "600";

/// Middleware over the whole instance.
pub async fn apply(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let rule = if path.starts_with("/api/") {
        Some(state.with(|d| d.api_cors_origin.clone()))
    } else if path == "/oauth_token.do" {
        Some(state.with(|d| d.oauth_cors_origin.clone()))
    } else {
        None
    };
    let Some(rule) = rule else {
        return next.run(request).await;
    };
    let origin = request.headers().get(ORIGIN).and_then(|o| o.to_str().ok());
    let allowed = match (rule.as_deref(), origin) {
        (Some("*"), Some(_)) => Some(HeaderValue::from_static("*")),
        (Some(rule), Some(origin)) if rule == origin => HeaderValue::from_str(origin).ok(),
        _ => None,
    };
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(ACCESS_CONTROL_REQUEST_METHOD);
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
            headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static(MAX_AGE));
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

fn finish(headers: &mut HeaderMap, allowed: Option<HeaderValue>) {
    headers.append(VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = allowed {
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
}
