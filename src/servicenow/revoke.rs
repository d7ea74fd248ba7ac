//! Revoking a session's tokens at the instance, and checking that it took.
//!
//! ServiceNow revokes a token at `{instance}/oauth_revoke_token.do?token=…`, with no
//! authentication. That endpoint has no CORS headers, but a plain `GET` without custom
//! headers is a CORS "simple request": the browser sends it and the instance acts on it; only
//! the answer is hidden ([`TransportError::Blocked`]), so a blocked answer counts as sent.
//! Proof comes from the API: the old access token must then be refused with a 401. That
//! check goes straight to the transport, never through the client, which would refresh.

use chrono::{DateTime, Utc};
use oauth2::http::{self, header, StatusCode};
use thiserror::Error;

use super::error::TransportError;
use super::http::{HttpRequest, Transport};
use super::instance::InstanceUrl;
use super::oauth::TokenSet;
use super::user::SYS_USER_FALLBACK_PATH;

/// Why the revocation could not be confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NotConfirmed {
    /// A request got no answer at all (offline, instance down, wrong address).
    #[error(transparent)]
    NoAnswer(#[from] TransportError),
    /// The instance still accepts the access token.
    #[error("the instance still accepts the access token")]
    StillAccepted,
    /// The check answered neither 401 nor success, so it proves nothing.
    #[error("the check answered {status}")]
    Inconclusive { status: u16 },
    /// The access token had expired before revocation, so a 401 proves nothing about it.
    #[error("the access token had already expired")]
    AlreadyExpired,
}

/// The revocation request for one token: a plain `GET` with no headers at all, so the
/// browser sends it without a preflight.
pub fn revoke_request(instance: &InstanceUrl, token: &str) -> Result<HttpRequest, TransportError> {
    let encoded: String = url::form_urlencoded::byte_serialize(token.as_bytes()).collect();
    let url = format!("{}?token={encoded}", instance.revoke_url());
    http::Request::get(&url)
        .body(Vec::new())
        .map_err(|_| TransportError::Unreachable { url })
}

/// Sends one revocation; a readable answer of any status, or one the browser hides, was sent.
async fn send_revocation(
    transport: &dyn Transport,
    instance: &InstanceUrl,
    token: &str,
) -> Result<(), TransportError> {
    match transport.send(revoke_request(instance, token)?).await {
        // A redirect (to the login page) is an answer as well: the request was received.
        Ok(_) | Err(TransportError::Blocked { .. } | TransportError::Redirected { .. }) => Ok(()),
        Err(other) => Err(other),
    }
}

/// The request that proves revocation: the Table API (which every snowcard instance opens to
/// the browser with a CORS rule) called with the old access token.
fn check_request(instance: &InstanceUrl, tokens: &TokenSet) -> Result<HttpRequest, TransportError> {
    let url = instance.join(SYS_USER_FALLBACK_PATH);
    let bearer = format!("Bearer {}", tokens.access_token.secret());
    http::Request::get(&url)
        .header(header::ACCEPT, "application/json")
        .header(header::AUTHORIZATION, bearer)
        .body(Vec::new())
        .map_err(|_| TransportError::Unreachable { url })
}

/// Revokes the refresh token (so no new access token can be minted), then the access token,
/// then checks that the access token is refused. `now` tells whether a 401 still means
/// anything: an access token that had expired on its own is refused either way.
pub async fn revoke_tokens(
    transport: &dyn Transport,
    instance: &InstanceUrl,
    tokens: &TokenSet,
    now: DateTime<Utc>,
) -> Result<(), NotConfirmed> {
    let expired_before = now >= tokens.expires_at;
    let refresh = match &tokens.refresh_token {
        Some(token) => send_revocation(transport, instance, token.secret()).await,
        None => Ok(()),
    };
    let access = send_revocation(transport, instance, tokens.access_token.secret()).await;
    // Both were tried even if the first got no answer; either failing leaves doubt.
    refresh?;
    access?;
    if expired_before {
        return Err(NotConfirmed::AlreadyExpired);
    }
    let answer = transport.send(check_request(instance, tokens)?).await?;
    match answer.status() {
        StatusCode::UNAUTHORIZED => Ok(()),
        status if status.is_success() => Err(NotConfirmed::StillAccepted),
        status => Err(NotConfirmed::Inconclusive {
            status: status.as_u16(),
        }),
    }
}

#[cfg(test)]
#[path = "revoke_tests.rs"]
mod tests;
