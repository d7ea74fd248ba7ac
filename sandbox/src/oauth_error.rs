//! OAuth error responses of `/oauth_token.do`: `{"error","error_description"}` with
//! 400 for malformed requests and 401 for bad grants or clients.
//!
//! A refused grant (a bad, expired, revoked or replayed code or refresh token) is answered
//! as instances answer it: `401 {"error":"server_error","error_description":"access_denied"}`
//! (reported by public integrations, e.g. demisto/content-docs#1301), where RFC 6749
//! section 5.2 says `invalid_grant`; the RFC's answer is a switch.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A token endpoint failure (RFC 6749 section 5.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OAuthError {
    InvalidRequest(&'static str),
    InvalidClient(&'static str),
    InvalidGrant(&'static str),
    UnsupportedGrantType(&'static str),
}

impl OAuthError {
    /// The `error` code.
    pub fn code(&self) -> &'static str {
        match self {
            OAuthError::InvalidRequest(_) => "invalid_request",
            OAuthError::InvalidClient(_) => "invalid_client",
            OAuthError::InvalidGrant(_) => "invalid_grant",
            OAuthError::UnsupportedGrantType(_) => "unsupported_grant_type",
        }
    }

    /// The HTTP status an instance answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            OAuthError::InvalidRequest(_) | OAuthError::UnsupportedGrantType(_) => {
                StatusCode::BAD_REQUEST
            }
            OAuthError::InvalidClient(_) | OAuthError::InvalidGrant(_) => StatusCode::UNAUTHORIZED,
        }
    }

    fn description(&self) -> &'static str {
        match self {
            OAuthError::InvalidRequest(d)
            | OAuthError::InvalidClient(d)
            | OAuthError::InvalidGrant(d)
            | OAuthError::UnsupportedGrantType(d) => d,
        }
    }
}

impl OAuthError {
    /// The answer: RFC 6749's codes when `rfc6749`, else ServiceNow's for refused grants.
    pub fn response(&self, rfc6749: bool) -> Response {
        let (code, description) = match self {
            OAuthError::InvalidGrant(_) if !rfc6749 => ("server_error", "access_denied"),
            _ => (self.code(), self.description()),
        };
        let body = json!({ "error": code, "error_description": description });
        token_json(self.status(), body.to_string())
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        self.response(true)
    }
}

/// A token endpoint JSON response, never cached.
pub fn token_json(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}
