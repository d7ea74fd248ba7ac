//! Signing in to Microsoft 365: OAuth 2.0 authorization code with PKCE (S256) and OpenID
//! Connect against the identity platform's v2.0 endpoints, as a single-page application (a
//! public client: no secret exists anywhere).
//!
//! The `oauth2` crate builds the authorize URL, the PKCE pair, `state`, and the token
//! requests, as for ServiceNow; this module adds what Microsoft documents around them
//! (identity-platform/v2-oauth2-auth-code-flow.md): the `{authority}/{tenant}/oauth2/v2.0/`
//! endpoints, `response_mode=query`, the `nonce`, the Graph scopes, the `error_codes` of a
//! refusal, the ID token, and refresh tokens that rotate.

use std::cell::Cell;

use chrono::{DateTime, Utc};
use oauth2::basic::{
    BasicRevocationErrorResponse, BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AuthUrl, AuthorizationCode, CsrfToken, EndpointNotSet, EndpointSet, ExtraTokenFields,
    PkceCodeChallenge, PkceCodeVerifier, RefreshToken, RequestTokenError, Scope,
    StandardRevocableToken, StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};

use super::error::{SignInError, StsError};
use super::id_token::{self, Account};
use super::settings::TenantSettings;
use crate::servicenow::oauth::{recording, Callback};
use crate::servicenow::{TokenSet, Transport, TransportError};

/// Used when a token response omits `expires_in` (Microsoft sends about an hour: 3599).
const DEFAULT_LIFETIME_SECS: i64 = 3599;

/// The delegated permission that reads Secure Score (security-list-securescores.md).
pub const READ_PERMISSION: &str = "SecurityEvents.Read.All";
/// The delegated permission that updates control profiles (securescorecontrolprofile-update.md).
pub const WRITE_PERMISSION: &str = "SecurityEvents.ReadWrite.All";
/// A refresh token (`offline_access`) and an ID token with the person's name (`openid`,
/// `profile`; id-token-claims-reference.md: `name` and `preferred_username` need `profile`).
pub const OIDC_SCOPES: [&str; 3] = ["offline_access", "openid", "profile"];

/// The scopes to ask for: `{graph}/SecurityEvents.Read.All offline_access openid profile`,
/// and `{graph}/SecurityEvents.ReadWrite.All` when the person opted in to writing.
pub fn scopes(settings: &TenantSettings) -> Vec<String> {
    let mut scopes = vec![format!("{}/{READ_PERMISSION}", settings.graph)];
    if settings.write {
        scopes.push(format!("{}/{WRITE_PERMISSION}", settings.graph));
    }
    scopes.extend(OIDC_SCOPES.iter().map(|s| (*s).to_owned()));
    scopes
}

/// What must survive the redirect to Microsoft and back, and nothing longer. Secrets are
/// redacted in `Debug`; the verifier is not `Clone`.
#[derive(Debug, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub settings: TenantSettings,
    pub state: CsrfToken,
    /// The OpenID Connect `nonce` the ID token must carry back (a random value like `state`).
    pub nonce: CsrfToken,
    pub verifier: PkceCodeVerifier,
    /// When the sign-in started; a record without one counts as expired (see
    /// `crate::servicenow::oauth::pending_expired`).
    #[serde(default)]
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl PendingSignIn {
    /// True when `callback` answers this sign-in (its `state`), not another service's: the
    /// ServiceNow and Microsoft 365 sign-ins may share one redirect URI.
    pub fn is_answered_by(&self, callback: &Callback) -> bool {
        callback.state.as_deref() == Some(self.state.secret().as_str())
    }
}

/// A completed sign-in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub tokens: TokenSet,
    pub account: Account,
    /// The token's `scope` includes the write permission: offer noting tickets.
    pub can_write: bool,
}

/// The ID token rides along the standard token response.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IdTokenField {
    #[serde(default)]
    pub id_token: Option<String>,
}

impl ExtraTokenFields for IdTokenField {}

type MsTokenResponse = StandardTokenResponse<IdTokenField, BasicTokenType>;

type MsClient<HasAuthUrl, HasTokenUrl> = oauth2::Client<
    StsError,
    MsTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    HasAuthUrl,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    HasTokenUrl,
>;

fn client(settings: &TenantSettings) -> MsClient<EndpointNotSet, EndpointNotSet> {
    oauth2::Client::new(settings.client_id.clone()).set_redirect_uri(settings.redirect_uri.clone())
}

fn token_client(
    settings: &TenantSettings,
) -> Result<MsClient<EndpointNotSet, EndpointSet>, SignInError> {
    let url = TokenUrl::new(settings.endpoint("token"))
        .map_err(|e| SignInError::UnexpectedResponse(e.to_string()))?;
    Ok(client(settings).set_token_uri(url))
}

/// Starts the flow: the URL to send the browser to, and what to keep until it comes back.
pub fn begin(
    settings: TenantSettings,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(String, PendingSignIn), SignInError> {
    let auth_url = AuthUrl::new(settings.endpoint("authorize"))
        .map_err(|e| SignInError::UnexpectedResponse(e.to_string()))?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let nonce = CsrfToken::new_random();
    let (url, state) = client(&settings)
        .set_auth_uri(auth_url)
        .authorize_url(CsrfToken::new_random)
        .add_scopes(scopes(&settings).into_iter().map(Scope::new))
        .set_pkce_challenge(challenge)
        .add_extra_param("response_mode", "query")
        .add_extra_param("nonce", nonce.secret().as_str())
        .url();
    let pending = PendingSignIn {
        settings,
        state,
        nonce,
        verifier,
        created_at: Some(now),
    };
    Ok((url.into(), pending))
}

/// Checks the answer on the redirect URI against this tab's request; yields the code. An
/// error answer is classified by the AADSTS code its description starts with.
pub fn verify(
    callback: &Callback,
    pending: Option<&PendingSignIn>,
) -> Result<AuthorizationCode, SignInError> {
    let pending = pending.ok_or(SignInError::NoPendingSignIn)?;
    let state = callback.state.as_deref().ok_or(SignInError::StateMissing)?;
    if state != pending.state.secret() {
        return Err(SignInError::StateMismatch);
    }
    match (&callback.error, &callback.code) {
        (Some(error), _) => Err(StsError {
            error: error.clone(),
            error_description: callback.error_description.clone(),
            error_codes: Vec::new(),
        }
        .classify()),
        (None, Some(code)) if !code.is_empty() => Ok(AuthorizationCode::new(code.clone())),
        (None, _) => Err(SignInError::CodeMissing),
    }
}

/// Exchanges the code (with the PKCE verifier) for tokens and reads the ID token.
pub async fn exchange_code(
    transport: &dyn Transport,
    pending: PendingSignIn,
    code: AuthorizationCode,
    now: DateTime<Utc>,
) -> Result<SignedIn, SignInError> {
    let client = token_client(&pending.settings)?;
    let attempt = || async {
        let status = Cell::new(None);
        let http = recording(transport, &status);
        let verifier = PkceCodeVerifier::new(pending.verifier.secret().clone());
        client
            .exchange_code(code.clone())
            .set_pkce_verifier(verifier)
            .request_async(&http)
            .await
            .map_err(|e| token_error(e, status.get()))
    };
    let response = once_more(attempt).await?;
    let id_token = response
        .extra_fields()
        .id_token
        .as_deref()
        .ok_or(super::error::IdTokenError::Missing)?;
    let account = id_token::read(id_token, &pending.settings, pending.nonce.secret())?;
    Ok(SignedIn {
        can_write: grants_write(&response),
        tokens: token_set(&response, now, None),
        account,
    })
}

/// Trades the refresh token for new tokens. SPA refresh tokens rotate: the answer's refresh
/// token replaces the old one (v2-oauth2-auth-code-flow.md, "Refresh the access token":
/// "Replace the old refresh token with this newly acquired refresh token"); the old one is
/// kept only when no new one comes back.
pub async fn refresh(
    transport: &dyn Transport,
    settings: &TenantSettings,
    refresh_token: &RefreshToken,
    now: DateTime<Utc>,
) -> Result<TokenSet, SignInError> {
    let client = token_client(settings)?;
    let attempt = || async {
        let status = Cell::new(None);
        let http = recording(transport, &status);
        client
            .exchange_refresh_token(refresh_token)
            .add_scopes(scopes(settings).into_iter().map(Scope::new))
            .request_async(&http)
            .await
            .map_err(|e| token_error(e, status.get()))
    };
    let response = once_more(attempt).await?;
    Ok(token_set(&response, now, Some(refresh_token.clone())))
}

fn token_set(
    response: &MsTokenResponse,
    now: DateTime<Utc>,
    previous: Option<RefreshToken>,
) -> TokenSet {
    TokenSet::granted(
        response.access_token().clone(),
        response.refresh_token().cloned().or(previous),
        response.expires_in(),
        DEFAULT_LIFETIME_SECS,
        now,
    )
}

/// The answer's `scope` names the write permission (full or short form).
fn grants_write(response: &MsTokenResponse) -> bool {
    let write = WRITE_PERMISSION.to_ascii_lowercase();
    response.scopes().is_some_and(|scopes| {
        scopes.iter().any(|s| {
            let s = s.as_str().to_ascii_lowercase();
            s == write || s.ends_with(&format!("/{write}"))
        })
    })
}

/// Runs a token request, and once more when the first answer says the service is busy.
async fn once_more<T, F, Fut>(attempt: F) -> Result<T, SignInError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, SignInError>>,
{
    match attempt().await {
        Err(error) if error.is_retryable() => attempt().await,
        other => other,
    }
}

type TokenRequestError = RequestTokenError<TransportError, StsError>;

/// Classifies a failed token request; `status` is the HTTP status of the answer, if any.
fn token_error(error: TokenRequestError, status: Option<u16>) -> SignInError {
    let server_trouble = status.filter(|s| (500..600).contains(s));
    let text = |body: &[u8]| String::from_utf8_lossy(body).chars().take(200).collect();
    match (error, server_trouble) {
        (RequestTokenError::Request(transport), _) => SignInError::Transport(transport),
        (RequestTokenError::ServerResponse(sts), Some(status)) => SignInError::Unavailable {
            status,
            detail: sts.to_string(),
        },
        (RequestTokenError::ServerResponse(sts), None) => match sts.classify() {
            SignInError::Unavailable { detail, .. } => SignInError::Unavailable {
                status: status.unwrap_or_default(),
                detail,
            },
            other => other,
        },
        (RequestTokenError::Parse(_, body), Some(status)) => SignInError::Unavailable {
            status,
            detail: text(&body),
        },
        (RequestTokenError::Parse(_, body), None) => SignInError::UnexpectedResponse(text(&body)),
        (RequestTokenError::Other(detail), Some(status)) => {
            SignInError::Unavailable { status, detail }
        }
        (RequestTokenError::Other(detail), None) => SignInError::UnexpectedResponse(detail),
    }
}

#[cfg(test)]
#[path = "oauth_tests.rs"]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "oauth_props.rs"]
mod props;
