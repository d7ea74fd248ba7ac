//! The errors of the Microsoft 365 layer: signing in (the identity platform) and calling
//! Microsoft Graph. Each variant is a situation a person can act on; nothing is compared by
//! its text.
//!
//! The identity platform answers a failed token request with JSON `error`,
//! `error_description` and `error_codes` (identity-platform/v2-oauth2-auth-code-flow.md,
//! "Error response"), and a failed authorization with `error` and `error_description` on the
//! redirect URI; the description starts with the `AADSTS` code. The codes are listed in
//! identity-platform/reference-error-codes.md.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::settings::TenantSettings;
use crate::servicenow::TransportError;

/// AADSTS65001 DelegationDoesNotExist: nobody consented to the app's permissions.
pub const CONSENT_MISSING: u32 = 65001;
/// AADSTS50011 InvalidReplyTo: the redirect URI is not registered for the app.
pub const REDIRECT_URI_MISMATCH: u32 = 50011;
/// AADSTS9002326: "Cross-origin token redemption is permitted only for the 'Single-Page
/// Application' client-type" (the v2-oauth2-auth-code-flow.md note on `invalid_request`).
pub const NOT_SPA: u32 = 9002326;
/// AADSTS50020 UserUnauthorized: the account is not in the tenant (and not a guest there).
pub const USER_NOT_IN_TENANT: u32 = 50020;
/// AADSTS90072 PassThroughUserMfaError: the external account does not exist on the tenant.
pub const EXTERNAL_USER_NOT_IN_TENANT: u32 = 90072;
/// AADSTS50034 UserAccountNotFound: the account must be added to the directory.
pub const ACCOUNT_NOT_FOUND: u32 = 50034;
/// AADSTS700084: an SPA's refresh token has a fixed 24-hour lifetime and has expired.
pub const SPA_REFRESH_EXPIRED: u32 = 700084;
/// AADSTS65004 UserDeclinedConsent.
pub const CONSENT_DECLINED: u32 = 65004;

/// Why signing in to Microsoft 365 (or renewing the session) failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SignInError {
    /// AADSTS65001: an administrator must grant consent ([`admin_consent_url`]).
    #[error("the application's permissions have not been consented to (AADSTS65001)")]
    ConsentRequired { description: String },
    /// AADSTS50011: register this page's address as a redirect URI of type SPA.
    #[error("the redirect URI is not registered for the application (AADSTS50011)")]
    RedirectUriMismatch { description: String },
    /// AADSTS9002326: the redirect URI is registered, but as "Web", not "SPA".
    #[error("the redirect URI is not registered as a single-page application (AADSTS9002326)")]
    NotSpa,
    /// AADSTS50020, AADSTS90072, AADSTS50034: the account is not in this tenant.
    #[error("the account is not a member or guest of the tenant (AADSTS{code})")]
    UserNotInTenant { code: u32 },
    /// The person cancelled or declined on Microsoft's page.
    #[error("sign-in was cancelled or consent declined")]
    AccessDenied,
    /// The refresh token (or code) was refused, e.g. the SPA's 24-hour limit (AADSTS700084):
    /// only signing in again helps.
    #[error("the sign-in has ended: {description}")]
    SignInAgain { description: String },
    /// Any other refusal, with its codes for the person who reads logs.
    #[error("Microsoft refused the sign-in: {error} {codes:?}: {description}")]
    Refused {
        error: String,
        codes: Vec<u32>,
        description: String,
    },
    #[error("the sign-in answer carries no state parameter")]
    StateMissing,
    #[error("the sign-in answer's state does not match the request made from this tab")]
    StateMismatch,
    #[error("the sign-in answer carries neither a code nor an error")]
    CodeMissing,
    #[error("a sign-in answer arrived but no Microsoft 365 sign-in was started from this tab")]
    NoPendingSignIn,
    /// The sign-in was started more than 10 minutes before its answer came back.
    #[error("the sign-in was started more than 10 minutes ago")]
    Expired,
    /// The ID token is missing, malformed, or names another tenant, app or request.
    #[error("the ID token was not accepted: {0}")]
    IdToken(#[from] IdTokenError),
    /// `temporarily_unavailable` or a 5xx: worth trying again.
    #[error("the sign-in service is unavailable ({status}): {detail}")]
    Unavailable { status: u16, detail: String },
    #[error("the token endpoint's answer was not a token response: {0}")]
    UnexpectedResponse(String),
    #[error(transparent)]
    Transport(#[from] TransportError),
}

impl SignInError {
    /// True when the session cannot be renewed: say "sign in to Microsoft 365 again".
    pub fn ends_session(&self) -> bool {
        matches!(
            self,
            SignInError::SignInAgain { .. }
                | SignInError::ConsentRequired { .. }
                | SignInError::UserNotInTenant { .. }
                | SignInError::Refused { .. }
        )
    }

    /// True when the same request is worth sending once more.
    pub fn is_retryable(&self) -> bool {
        matches!(self, SignInError::Unavailable { .. })
    }
}

/// Why the ID token was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdTokenError {
    #[error("the token response carries no ID token")]
    Missing,
    #[error("the ID token is not a readable JWT")]
    Malformed,
    #[error("the ID token's nonce is not this sign-in's")]
    NonceMismatch,
    #[error("the ID token is for another application ({0})")]
    AudienceMismatch(String),
    #[error("the ID token is for another tenant ({0})")]
    TenantMismatch(String),
    #[error("the ID token's issuer {0} is not the authority's")]
    IssuerMismatch(String),
}

/// The identity platform's error body (token endpoint).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StsError {
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
    #[serde(default)]
    pub error_codes: Vec<u32>,
}

impl std::fmt::Display for StsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.error)?;
        if let Some(description) = &self.error_description {
            write!(f, ": {description}")?;
        }
        Ok(())
    }
}

impl oauth2::ErrorResponse for StsError {}

impl StsError {
    /// The STS codes: `error_codes`, or else the `AADSTS{n}` the description starts with (an
    /// authorization response carries only `error` and `error_description`).
    pub fn codes(&self) -> Vec<u32> {
        if !self.error_codes.is_empty() {
            return self.error_codes.clone();
        }
        self.error_description
            .as_deref()
            .and_then(aadsts_code)
            .into_iter()
            .collect()
    }

    /// The situation this answer describes.
    pub fn classify(&self) -> SignInError {
        let codes = self.codes();
        let description = self.error_description.clone().unwrap_or_default();
        let has = |code: u32| codes.contains(&code);
        if has(CONSENT_MISSING) {
            SignInError::ConsentRequired { description }
        } else if has(REDIRECT_URI_MISMATCH) {
            SignInError::RedirectUriMismatch { description }
        } else if has(NOT_SPA) {
            SignInError::NotSpa
        } else if let Some(&code) = codes.iter().find(|c| {
            [
                USER_NOT_IN_TENANT,
                EXTERNAL_USER_NOT_IN_TENANT,
                ACCOUNT_NOT_FOUND,
            ]
            .contains(c)
        }) {
            SignInError::UserNotInTenant { code }
        } else if self.error == "access_denied" || has(CONSENT_DECLINED) {
            SignInError::AccessDenied
        } else if self.error == "temporarily_unavailable" {
            SignInError::Unavailable {
                status: 0,
                detail: description,
            }
        } else if self.error == "invalid_grant" || has(SPA_REFRESH_EXPIRED) {
            SignInError::SignInAgain { description }
        } else {
            SignInError::Refused {
                error: self.error.clone(),
                codes,
                description,
            }
        }
    }
}

/// The number in a leading `AADSTS{n}` (e.g. `AADSTS65001: The user or administrator…`).
pub fn aadsts_code(description: &str) -> Option<u32> {
    let rest = description.trim_start().strip_prefix("AADSTS")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Where an administrator grants tenant-wide consent to the app's registered permissions:
/// `{authority}/{tenant}/adminconsent?client_id=…&redirect_uri=…` (identity/enterprise-apps/
/// grant-admin-consent.md, "Construct the URL for granting tenant-wide admin consent"; the
/// redirect URI must be one registered for the app). Microsoft answers on the redirect URI
/// with `admin_consent=True&tenant=…`, or with `error` and `error_description`.
pub fn admin_consent_url(settings: &TenantSettings) -> String {
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", settings.client_id.as_str())
        .append_pair("redirect_uri", settings.redirect_uri.as_str())
        .finish();
    settings
        .authority
        .join(&format!("/{}/adminconsent?{query}", settings.tenant))
}

/// Why a call to Microsoft Graph failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GraphError {
    /// 401: the access token expired or was revoked; renew it or sign in again.
    #[error("Microsoft Graph no longer accepts the session")]
    Unauthorized,
    /// 403: the signed-in user lacks a role that can read (Security Reader, Global Reader…)
    /// or write (Security Administrator) Secure Score, or the scope was not granted.
    #[error("forbidden by Microsoft Graph: {code}: {message}")]
    Forbidden { code: String, message: String },
    /// 429: throttled; try again after `Retry-After` seconds (graph concepts/throttling.md).
    #[error("Microsoft Graph is throttling; retry after {retry_after_secs} s")]
    RateLimited { retry_after_secs: u32 },
    #[error("not found: {message}")]
    NotFound { message: String },
    #[error("Microsoft Graph answered {status}: {code}: {message}")]
    Server {
        status: u16,
        code: String,
        message: String,
    },
    /// An `@odata.nextLink` on another origin than Graph's: the token is never sent there.
    #[error("a next page link points away from Microsoft Graph: {url}")]
    ForeignNextLink { url: String },
    /// More pages than any tenant has, or a link that repeats: a loop.
    #[error("stopped after {pages} pages: the next page links do not end")]
    EndlessPaging { pages: usize },
    #[error("unexpected response: {0}")]
    UnexpectedResponse(String),
    #[error(transparent)]
    Transport(#[from] TransportError),
}

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;
