//! CORS on the Microsoft side: Graph answers the origins it is set up for (the app's by
//! default) and exposes `Retry-After` so a browser app can honour a 429
//! (concepts/throttling.md); the token endpoint answers a browser's origin, and its own rule
//! (`token.rs`) refuses redirect URIs that are not registered as "spa" with
//! `AADSTS9002326`. The authorize endpoint is a page the browser navigates to, with no CORS.

use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN, VARY,
};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::state::MsState;

const GRAPH_METHODS: &str = "GET, PATCH";
const GRAPH_HEADERS: &str = "Authorization, Content-Type, Accept, Prefer, client-request-id";
const GRAPH_EXPOSE: &str = "Retry-After, request-id, client-request-id";
const TOKEN_HEADERS: &str = "Content-Type, Accept";

/// Middleware over the Microsoft routes.
pub async fn apply(State(ms): State<MsState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let graph = path.starts_with("/v1.0/");
    let token = path.ends_with("/oauth2/v2.0/token");
    if !graph && !token {
        return next.run(request).await;
    }
    let preflight = request.method() == Method::OPTIONS
        && request
            .headers()
            .contains_key(ACCESS_CONTROL_REQUEST_METHOD);
    let origin = request
        .headers()
        .get(ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(crate::state::normalize_origin);
    let allowed = origin.filter(|origin| {
        token
            || ms.with(|d| {
                let list = &d.switches.graph_cors_origins;
                list.iter().any(|o| o == "*" || o == origin)
            })
    });
    let mut response = if preflight {
        ms.with(|d| d.requests.preflights = d.requests.preflights.saturating_add(1));
        let mut response = StatusCode::NO_CONTENT.into_response();
        if allowed.is_some() {
            let (methods, headers) = if graph {
                (GRAPH_METHODS, GRAPH_HEADERS)
            } else {
                ("POST", TOKEN_HEADERS)
            };
            let h = response.headers_mut();
            h.insert(
                ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(methods),
            );
            h.insert(
                ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(headers),
            );
        }
        response
    } else {
        let mut response = next.run(request).await;
        if graph && allowed.is_some() {
            let expose = HeaderValue::from_static(GRAPH_EXPOSE);
            response
                .headers_mut()
                .insert(ACCESS_CONTROL_EXPOSE_HEADERS, expose);
        }
        response
    };
    let headers = response.headers_mut();
    headers.append(VARY, HeaderValue::from_static("Origin"));
    if let Some(value) = allowed.and_then(|o| HeaderValue::from_str(&o).ok()) {
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, value);
    }
    response
}
