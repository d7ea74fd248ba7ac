//! Microsoft identity platform error answers: `AADSTS` descriptions in the format the
//! platform writes them (code, message, then trace ID, correlation ID and timestamp on
//! their own lines), for the redirect URI, the token endpoint's JSON and error pages.
//! Format: identity-platform/v2-oauth2-auth-code-flow.md, "Error response" (token
//! endpoint: `error`, `error_description`, `error_codes`, `timestamp`, `trace_id`,
//! `correlation_id`); messages: identity-platform/reference-error-codes.md.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// One AADSTS error: the OAuth `error`, the AADSTS number and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aadsts {
    pub error: &'static str,
    pub code: u32,
    pub message: String,
}

impl Aadsts {
    pub fn new(error: &'static str, code: u32, message: impl Into<String>) -> Aadsts {
        Aadsts {
            error,
            code,
            message: message.into(),
        }
    }

    /// `AADSTS{code}: {message}` followed by the diagnostics lines the platform appends.
    pub fn description(&self, trace: &Trace) -> String {
        format!(
            "AADSTS{}: {}\r\nTrace ID: {}\r\nCorrelation ID: {}\r\nTimestamp: {}",
            self.code, self.message, trace.trace_id, trace.correlation_id, trace.timestamp
        )
    }

    /// The token endpoint's JSON error body with this status.
    pub fn token_response(&self, status: StatusCode) -> Response {
        let trace = Trace::new();
        let body = json!({
            "error": self.error,
            "error_description": self.description(&trace),
            "error_codes": [self.code],
            "timestamp": trace.timestamp,
            "trace_id": trace.trace_id,
            "correlation_id": trace.correlation_id,
        });
        json_response(status, body.to_string())
    }
}

/// The diagnostics identifiers of one answer.
#[derive(Debug, Clone)]
pub struct Trace {
    pub trace_id: String,
    pub correlation_id: String,
    /// `YYYY-MM-DD HH:MM:SSZ`, as in the documented example.
    pub timestamp: String,
}

impl Trace {
    pub fn new() -> Trace {
        Trace {
            trace_id: guid(),
            correlation_id: guid(),
            timestamp: chrono::Utc::now().format("%Y-%m-%d %H:%M:%SZ").to_string(),
        }
    }
}

/// A random GUID in its usual 8-4-4-4-12 form.
pub fn guid() -> String {
    let hex = crate::ids::hex(&rand::random::<[u8; 16]>());
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A JSON answer that is never cached.
pub fn json_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_lead_with_the_aadsts_code() {
        let error = Aadsts::new("invalid_request", 50011, "The redirect URI does not match.");
        let text = error.description(&Trace::new());
        assert!(text.starts_with("AADSTS50011: The redirect URI does not match.\r\nTrace ID: "));
        assert!(text.contains("\r\nCorrelation ID: ") && text.contains("\r\nTimestamp: "));
        assert_eq!(guid().len(), 36);
    }
}
