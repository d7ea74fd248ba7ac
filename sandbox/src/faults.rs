//! Injected failures for resilience tests: rate limiting (429), server errors (500),
//! an unavailable node (503), a 503 that arrives after the record was committed, and a
//! connection closed without any answer, before or after the record was committed.
//!
//! Why a dropped connection is realistic: the request and its answer cross the instance's
//! load balancers, which cut a request off on their own clock whatever the node is still
//! doing (five minutes, answered with a 500 page: "UI Transactions … the 5-minute server
//! disconnect", platform-administration/platform-performance/c_DefaultQuotaRules.md), so a
//! transaction can commit on the node after the client was told something else; a
//! connection closed with nothing sent back at all (a node restarting, a proxy or VPN
//! dropping it) is not described by ServiceNow [inferred]. The client then sees a network
//! error, not a status, and cannot tell whether the record exists.
//!
//! The sandbox speaks HTTP/1.1 with keep-alive: a browser that finds a reused connection
//! closed before any answer may send the request again on a fresh one (Chromium does, even a
//! POST), and that resend is answered normally, as a real instance would answer it.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
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
    /// The connection is closed before the request is processed, with no answer at all.
    Dropped,
    /// The next create (POST) is committed, then its connection is closed with no answer.
    DroppedAfterCommit,
}

impl Fault {
    /// Whether the fault strikes a create after its record was committed (rather than any
    /// API request before it is processed).
    pub fn after_commit(self) -> bool {
        matches!(
            self,
            Fault::UnavailableAfterCommit | Fault::DroppedAfterCommit
        )
    }
}

/// Where in a request's handling a fault may strike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The request has arrived and nothing is processed yet; `create` for a `POST` to a table.
    Arrived { create: bool },
    /// A create's record has just been committed.
    Committed,
}

/// Injected faults still to be served: the fault, how many more times, and whether only
/// creates get it (after-commit faults always wait for a create).
#[derive(Debug, Default)]
pub struct Pending(Option<(Fault, u32, bool)>);

impl Pending {
    /// Replaces what is pending with `count` times `fault`, for any API request (or, with
    /// `creates_only`, for the next creates).
    pub fn set(&mut self, fault: Fault, count: u32, creates_only: bool) {
        self.0 = (count > 0).then_some((fault, count, creates_only));
    }

    /// What is still pending: the fault and how many more requests get it.
    pub fn peek(&self) -> Option<(Fault, u32)> {
        self.0.map(|(fault, count, _)| (fault, count))
    }

    /// Takes one fault for a request at this stage: after-commit faults are only taken once
    /// a create is committed, the others when a request arrives (a create, if so asked).
    pub fn take(&mut self, stage: Stage) -> Option<Fault> {
        let (fault, count, creates_only) = self.0.as_mut()?;
        let strikes = match stage {
            Stage::Committed => fault.after_commit(),
            Stage::Arrived { create } => !fault.after_commit() && (create || !*creates_only),
        };
        if !strikes {
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
    // A create is a POST to a table, `/api/now/table/{table}` (`nest` hides the `/api`).
    let path = request.uri().path();
    let create = request.method() == Method::POST
        && path
            .strip_prefix("/api")
            .unwrap_or(path)
            .strip_prefix("/now/table/")
            .is_some_and(|table| !table.is_empty() && !table.contains('/'));
    match state.with(|data| data.faults.take(Stage::Arrived { create })) {
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
        Fault::Dropped | Fault::DroppedAfterCommit => dropped(),
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

/// A response whose body fails before its first byte: hyper then closes the connection
/// without writing the status line or any header (the head waits in its buffer for the
/// body), so the client reads nothing but the end of the connection. The socket test
/// `a_dropped_connection_sends_not_a_single_byte` holds hyper to that.
fn dropped() -> Response {
    let failure = std::io::Error::new(
        std::io::ErrorKind::ConnectionAborted,
        "injected fault: the connection is dropped",
    );
    let body = futures_util::stream::once(std::future::ready(Err::<Bytes, _>(failure)));
    Body::from_stream(body).into_response()
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
