//! The errors of the ServiceNow layer, one enum per concern.
//!
//! Each variant maps to a message with a next step in the UI (`crate::i18n`); nothing here is
//! compared by its text.

use thiserror::Error;

/// A request that got no readable HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransportError {
    /// The server answered, but the browser would not let the app read it: a missing CORS rule.
    #[error("the browser blocked the response from {url} (no CORS rule for this origin)")]
    Blocked { url: String },
    /// Nothing answered at that address: a wrong host name, a server that is down.
    #[error("no answer from {url}")]
    Unreachable { url: String },
    /// The browser reports that it has no network at all.
    #[error("the browser is offline")]
    Offline,
    /// The page's own Content-Security-Policy forbade the request, so it never left the
    /// browser: `directive` (e.g. `connect-src`) does not allow `origin`.
    #[error("this page's Content-Security-Policy ({directive}) does not allow {origin}")]
    PagePolicy { origin: String, directive: String },
    /// `url` answered with a redirect. API and token requests never follow one (`fetch`
    /// with `redirect: "error"`), so no code or token is carried to wherever it points.
    #[error("{url} answered with a redirect, which is not followed")]
    Redirected { url: String },
}

/// Why connecting (the OAuth authorization code flow) failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OAuthError {
    #[error("the user denied access on the consent page")]
    AccessDenied,
    #[error("the instance refused the authorization request: {code}: {description}")]
    AuthorizationRefused { code: String, description: String },
    #[error("the callback carries no state parameter")]
    StateMissing,
    #[error("the callback's state does not match the request made from this tab")]
    StateMismatch,
    #[error("the callback carries neither a code nor an error")]
    CodeMissing,
    #[error("a sign-in response arrived but no sign-in was started from this tab")]
    NoPendingAuthorization,
    /// The sign-in was started more than 10 minutes before its answer came back.
    #[error("the sign-in was started more than 10 minutes ago")]
    PendingExpired,
    #[error("the instance rejected the grant: {0}")]
    InvalidGrant(String),
    #[error("the instance does not know this client: {0}")]
    InvalidClient(String),
    #[error("the token endpoint answered with an error: {code}: {description}")]
    TokenEndpoint { code: String, description: String },
    #[error("the token endpoint's answer was not a token response: {0}")]
    UnexpectedResponse(String),
    /// RFC 9207: the authorization response names another issuer than the instance asked.
    #[error("the sign-in answer came from {issuer}, not from {expected}")]
    IssuerMismatch { expected: String, issuer: String },
    /// The instance issued no refresh token (public clients get none, as documented): the
    /// session lasts as long as its access token.
    #[error("no refresh token was issued")]
    NoRefreshToken,
    /// The token endpoint is down for a moment (`temporarily_unavailable` or a 5xx, which may
    /// be a load balancer's HTML page): worth one more try, never a sign the session ended.
    #[error("the token endpoint is unavailable ({status}): {detail}")]
    Unavailable { status: u16, detail: String },
    #[error(transparent)]
    Transport(#[from] TransportError),
}

impl OAuthError {
    /// True when the token endpoint turned the refresh token down, whatever code it used:
    /// only signing in again helps. (Instances are reported to answer an unusable refresh
    /// token with `invalid_grant`, or with 401 `server_error` / `access_denied`.) A 5xx or
    /// `temporarily_unavailable` ([`OAuthError::Unavailable`]) and an unreadable answer do not
    /// end it.
    pub fn ends_session(&self) -> bool {
        matches!(
            self,
            OAuthError::InvalidGrant(_)
                | OAuthError::InvalidClient(_)
                | OAuthError::TokenEndpoint { .. }
                | OAuthError::NoRefreshToken
        )
    }

    /// True when the same token request is worth sending once more.
    pub fn is_retryable(&self) -> bool {
        matches!(self, OAuthError::Unavailable { .. })
    }
}

/// Why a call to the instance's REST APIs failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    /// The token is no longer accepted and could not be refreshed: the user must reconnect.
    #[error("the ServiceNow session has ended")]
    SessionEnded,
    /// The integration user lacks a role or an ACL denies the operation.
    #[error("forbidden: {detail}")]
    Forbidden { detail: String },
    #[error("not found: {detail}")]
    NotFound { detail: String },
    /// The instance's rate limit was reached; retry after the given number of seconds.
    #[error("rate limited; retry after {retry_after_secs} s")]
    RateLimited { retry_after_secs: u32 },
    #[error("the instance answered {status}: {message}")]
    Server { status: u16, message: String },
    #[error("unexpected response: {0}")]
    UnexpectedResponse(String),
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// Refreshing the token failed for a reason other than an ended session.
    #[error(transparent)]
    Refresh(#[from] OAuthError),
}
