//! Injected failures for resilience tests: rate limiting (429), server errors (500),
//! an unavailable node (503), and a 503 that arrives after the record was committed.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::errors::ApiError;
use crate::ids;
use crate::state::AppState;

/// The hourly limit reported in `X-RateLimit-Limit`.
const RATE_LIMIT: u32 = 100;

/// A failure the next API requests get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// 429 with `Retry-After` and the `X-RateLimit-*` headers.
    TooManyRequests { retry_after_secs: u32 },
    /// 500 with a ServiceNow error body.
    InternalError,
    /// 503 from the load balancer (an HTML page, not JSON).
    Unavailable,
    /// The next create (POST) is committed, then answered with 503.
    UnavailableAfterCommit,
}

/// Injected faults still to be served.
#[derive(Debug, Default)]
pub struct Pending(Option<(Fault, u32)>);

impl Pending {
    /// Replaces what is pending with `count` times `fault`.
    pub fn set(&mut self, fault: Fault, count: u32) {
        self.0 = (count > 0).then_some((fault, count));
    }

    /// Takes one fault for this kind of request: after-commit faults are only taken
    /// by creates, the others by any API request.
    pub fn take(&mut self, committed_create: bool) -> Option<Fault> {
        let (fault, count) = self.0.as_mut()?;
        if (*fault == Fault::UnavailableAfterCommit) != committed_create {
            return None;
        }
        let taken = *fault;
        *count -= 1;
        if *count == 0 {
            self.0 = None;
        }
        Some(taken)
    }
}

/// Middleware on `/api/*`: answers with a pending fault instead of the API.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match state.with(|data| data.faults.take(false)) {
        Some(fault) => response(fault, request.uri().path()),
        None => next.run(request).await,
    }
}

/// The response an instance (or the load balancer in front of it) gives for a fault.
pub fn response(fault: Fault, path: &str) -> Response {
    match fault {
        Fault::TooManyRequests { retry_after_secs } => rate_limited(retry_after_secs, path),
        Fault::InternalError => ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal Server Error",
            "An unexpected error occurred while processing the request",
        )
        .into_response(),
        Fault::Unavailable | Fault::UnavailableAfterCommit => {
            let page = "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>\
                <body><h1>Service Unavailable</h1><p>The instance is temporarily unable to \
                service your request. Please try again later.</p></body></html>";
            let mut response = (StatusCode::SERVICE_UNAVAILABLE, page).into_response();
            let html = HeaderValue::from_static("text/html;charset=UTF-8");
            response.headers_mut().insert(header::CONTENT_TYPE, html);
            response
        }
    }
}

fn rate_limited(retry_after_secs: u32, path: &str) -> Response {
    let api = if path.contains("/stats/") {
        "Aggregate API"
    } else if path.contains("/table/") {
        "Table API"
    } else {
        "REST API"
    };
    let detail = format!("Rate limit of {RATE_LIMIT} requests per hour for {api} exceeded");
    let mut response = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "Rate limit exceeded",
        &detail,
    )
    .into_response();
    let reset = chrono::Utc::now().timestamp() + i64::from(retry_after_secs);
    let values = [
        ("retry-after", retry_after_secs.to_string()),
        ("x-ratelimit-limit", RATE_LIMIT.to_string()),
        ("x-ratelimit-reset", reset.to_string()),
        (
            "x-ratelimit-rule",
            ids::stable_sys_id("sandbox rate limit rule"),
        ),
    ];
    for (name, value) in values {
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

/// A failure the token endpoint (`/oauth_token.do`) answers with, for the client's retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenFault {
    /// `503` from the load balancer: an HTML page, not JSON.
    Unavailable,
    /// `503 {"error":"temporarily_unavailable"}` (RFC 6749 section 5.2's extension
    /// registry; the authorization endpoint's code, used by some token endpoints too).
    TemporarilyUnavailable,
}

/// Token endpoint faults still to be served.
#[derive(Debug, Default)]
pub struct TokenFaults(Option<(TokenFault, u32)>);

impl TokenFaults {
    /// Replaces what is pending with `count` times `fault`.
    pub fn set(&mut self, fault: TokenFault, count: u32) {
        self.0 = (count > 0).then_some((fault, count));
    }

    /// Takes one pending fault.
    pub fn take(&mut self) -> Option<TokenFault> {
        let (fault, count) = self.0.as_mut()?;
        let taken = *fault;
        *count -= 1;
        if *count == 0 {
            self.0 = None;
        }
        Some(taken)
    }
}

/// The answer of a token endpoint fault.
pub fn token_response(fault: TokenFault) -> Response {
    match fault {
        TokenFault::Unavailable => response(Fault::Unavailable, "/oauth_token.do"),
        TokenFault::TemporarilyUnavailable => {
            let body = serde_json::json!({
                "error": "temporarily_unavailable",
                "error_description": "The service is temporarily unavailable",
            });
            crate::oauth_error::token_json(StatusCode::SERVICE_UNAVAILABLE, body.to_string())
        }
    }
}
