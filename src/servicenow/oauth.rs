//! OAuth 2.0 authorization code with PKCE (S256) against a ServiceNow instance, as a public
//! client: no client secret exists anywhere.
//!
//! The `oauth2` crate builds the authorize URL, the PKCE pair, the random `state`, and the
//! token requests; this module adds what ServiceNow needs around it: where the endpoints are,
//! what the callback may carry, and how a token response becomes a [`TokenSet`].

use std::cell::Cell;

use chrono::{DateTime, Duration, Utc};
use oauth2::basic::{BasicClient, BasicErrorResponseType, BasicTokenResponse};
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, CsrfToken, PkceCodeChallenge, PkceCodeVerifier,
    RedirectUrl, RequestTokenError, Scope, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use url::Url;

pub use oauth2::{AccessToken, RefreshToken};

use super::error::{OAuthError, TransportError};
use super::http::{HttpRequest, HttpResponse, LocalFuture, Transport};
use super::instance::InstanceUrl;

/// ServiceNow's default access token lifetime, used when a response omits `expires_in`.
const DEFAULT_LIFETIME_SECS: i64 = 1800;

/// The shortest and longest access token lifetime believed, whatever `expires_in` says: a
/// second (so a renewal is never scheduled in a loop), and a day (so neither a huge value
/// nor the calendar's end can overflow a date; with `panic = "abort"` one panic would stop
/// every component on the page).
pub const LIFETIME_BOUNDS_SECS: (i64, i64) = (1, 86_400);

/// The lifetime to use for a token whose response said `expires_in` (`None`: it said
/// nothing, and `default` applies), clamped to [`LIFETIME_BOUNDS_SECS`].
pub fn clamped_lifetime(expires_in: Option<std::time::Duration>, default: i64) -> i64 {
    let secs = expires_in.map_or(default, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    secs.clamp(LIFETIME_BOUNDS_SECS.0, LIFETIME_BOUNDS_SECS.1)
}

/// The query parameters an authorization response may add to the redirect URI (RFC 6749
/// section 4.1.2, and RFC 9207's `iss`).
const CALLBACK_PARAMS: [&str; 6] = [
    "code",
    "state",
    "error",
    "error_description",
    "error_uri",
    "iss",
];

/// The scope snowcard asks for: `useraccount`, ServiceNow's default scope (the
/// authorization-workflow documentation lists `scope` as required on authorize).
pub const SCOPE: &str = "useraccount";

/// Where and as whom the app connects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthSettings {
    pub instance: InstanceUrl,
    pub client_id: ClientId,
    /// Must equal, to the character, the redirect URL registered on the instance.
    pub redirect_uri: RedirectUrl,
    /// A same-origin proxy for the token endpoint, for instances older than the Australia
    /// release (no `glide.oauth.cors.allowed.origin`). `None` uses the instance's own.
    #[serde(default)]
    pub token_url: Option<TokenUrl>,
}

impl OAuthSettings {
    /// The token endpoint the browser calls.
    pub fn token_endpoint(&self) -> String {
        match &self.token_url {
            Some(url) => url.as_str().to_owned(),
            None => self.instance.token_url(),
        }
    }
}

/// What must survive the redirect to the instance and back, and nothing longer.
#[derive(Debug, Serialize, Deserialize)]
pub struct PendingAuthorization {
    pub settings: OAuthSettings,
    pub state: CsrfToken,
    pub verifier: PkceCodeVerifier,
    /// When the sign-in started; a record without one counts as expired.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
}

/// How long a sign-in may take from leaving for the instance to coming back.
pub const PENDING_LIFETIME_SECS: i64 = 600;

/// Whether a sign-in started at `created_at` is older than [`PENDING_LIFETIME_SECS`] at
/// `now` (one without a start time is). Shared with the Microsoft 365 sign-in.
pub fn pending_expired(created_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    created_at.is_none_or(|started| now - started > Duration::seconds(PENDING_LIFETIME_SECS))
}

/// The tokens of a connected session. Secrets are redacted in `Debug`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TokenSet {
    pub access_token: AccessToken,
    pub refresh_token: Option<RefreshToken>,
    pub expires_at: DateTime<Utc>,
    /// The lifetime the instance granted, to decide how early to refresh.
    pub lifetime_secs: i64,
}

impl TokenSet {
    /// True when the access token is expired or about to be (within 10 seconds).
    /// The dates come from storage too, so no value of them can overflow here.
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now.checked_add_signed(Duration::seconds(10))
            .is_none_or(|soon| soon >= self.expires_at)
    }

    /// When to refresh ahead of expiry: a minute early, or halfway for short lifetimes.
    pub fn refresh_at(&self) -> DateTime<Utc> {
        let margin = (self.lifetime_secs / 2).clamp(1, 60);
        self.expires_at
            .checked_sub_signed(Duration::seconds(margin))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// The tokens a response granted at `now`, its `expires_in` clamped
    /// ([`clamped_lifetime`]); both OAuth clients build their [`TokenSet`] here.
    pub fn granted(
        access_token: AccessToken,
        refresh_token: Option<RefreshToken>,
        expires_in: Option<std::time::Duration>,
        default_lifetime_secs: i64,
        now: DateTime<Utc>,
    ) -> Self {
        let lifetime_secs = clamped_lifetime(expires_in, default_lifetime_secs);
        Self {
            access_token,
            refresh_token,
            expires_at: now
                .checked_add_signed(Duration::seconds(lifetime_secs))
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
            lifetime_secs,
        }
    }

    fn from_response(
        response: &BasicTokenResponse,
        now: DateTime<Utc>,
        previous_refresh: Option<RefreshToken>,
    ) -> Self {
        Self::granted(
            response.access_token().clone(),
            response.refresh_token().cloned().or(previous_refresh),
            response.expires_in(),
            DEFAULT_LIFETIME_SECS,
            now,
        )
    }
}

/// Starts the flow: the URL to send the browser to, and what to keep until it comes back.
pub fn begin(
    settings: OAuthSettings,
    now: DateTime<Utc>,
) -> Result<(String, PendingAuthorization), OAuthError> {
    let auth_url = AuthUrl::new(settings.instance.authorize_url())
        .map_err(|e| OAuthError::UnexpectedResponse(e.to_string()))?;
    let client = BasicClient::new(settings.client_id.clone())
        .set_auth_uri(auth_url)
        .set_redirect_uri(settings.redirect_uri.clone());
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state) = client
        .authorize_url(CsrfToken::new_random)
        .add_scope(Scope::new(SCOPE.to_owned()))
        .set_pkce_challenge(challenge)
        .url();
    Ok((
        url.into(),
        PendingAuthorization {
            settings,
            state,
            verifier,
            created_at: Some(now),
        },
    ))
}

/// The OAuth parameters found on the page's URL after the instance redirected back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    /// RFC 9207's issuer identifier, when the instance sends one.
    pub iss: Option<String>,
}

impl Callback {
    /// `Some` when the URL carries an authorization response at all.
    pub fn from_url(url: &Url) -> Option<Self> {
        let mut callback = Callback::default();
        for (key, value) in url.query_pairs() {
            let slot = match key.as_ref() {
                "code" => &mut callback.code,
                "state" => &mut callback.state,
                "error" => &mut callback.error,
                "error_description" => &mut callback.error_description,
                "iss" => &mut callback.iss,
                _ => continue,
            };
            *slot = Some(value.into_owned());
        }
        (callback.code.is_some() || callback.error.is_some()).then_some(callback)
    }

    /// Checks the response against the request this tab made; yields the code to exchange.
    pub fn verify(
        self,
        pending: Option<&PendingAuthorization>,
    ) -> Result<AuthorizationCode, OAuthError> {
        let pending = pending.ok_or(OAuthError::NoPendingAuthorization)?;
        let state = self.state.ok_or(OAuthError::StateMissing)?;
        if state != *pending.state.secret() {
            return Err(OAuthError::StateMismatch);
        }
        check_issuer(self.iss.as_deref(), &pending.settings.instance)?;
        match (self.error, self.code) {
            (Some(error), _) if error == "access_denied" => Err(OAuthError::AccessDenied),
            (Some(code), _) => Err(OAuthError::AuthorizationRefused {
                code,
                description: self.error_description.unwrap_or_default(),
            }),
            (None, Some(code)) if !code.is_empty() => Ok(AuthorizationCode::new(code)),
            (None, _) => Err(OAuthError::CodeMissing),
        }
    }
}

/// RFC 9207: an `iss` in the authorization response must be the instance's origin (compared
/// as a string; a trailing slash is forgiven). Without one there is nothing to compare.
pub fn check_issuer(iss: Option<&str>, instance: &InstanceUrl) -> Result<(), OAuthError> {
    match iss {
        Some(iss) if iss.trim_end_matches('/') != instance.as_str() => {
            Err(OAuthError::IssuerMismatch {
                expected: instance.as_str().to_owned(),
                issuer: iss.to_owned(),
            })
        }
        _ => Ok(()),
    }
}

/// The page URL without the authorization response, keeping the host page's own query
/// parameters as they were written (order and encoding) and its hash.
pub fn without_callback_params(url: &Url) -> Url {
    let mut clean = url.clone();
    let kept: Vec<&str> = url
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|part| !part.is_empty())
        .filter(|part| {
            let name = part.split('=').next().unwrap_or_default();
            let name: String = url::form_urlencoded::parse(name.as_bytes())
                .map(|(k, _)| k.into_owned())
                .collect();
            !CALLBACK_PARAMS.contains(&name.as_str())
        })
        .collect();
    if kept.is_empty() {
        clean.set_query(None);
    } else {
        clean.set_query(Some(&kept.join("&")));
    }
    clean
}

/// Exchanges the authorization code (with the PKCE verifier) for tokens.
pub async fn exchange_code(
    transport: &dyn Transport,
    pending: PendingAuthorization,
    code: AuthorizationCode,
    now: DateTime<Utc>,
) -> Result<TokenSet, OAuthError> {
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
    Ok(TokenSet::from_response(&response, now, None))
}

/// Trades the refresh token for a new access token.
pub async fn refresh(
    transport: &dyn Transport,
    settings: &OAuthSettings,
    refresh_token: &RefreshToken,
    now: DateTime<Utc>,
) -> Result<TokenSet, OAuthError> {
    let client = token_client(settings)?;
    let attempt = || async {
        let status = Cell::new(None);
        let http = recording(transport, &status);
        client
            .exchange_refresh_token(refresh_token)
            .request_async(&http)
            .await
            .map_err(|e| token_error(e, status.get()))
    };
    let response = once_more(attempt).await?;
    Ok(TokenSet::from_response(
        &response,
        now,
        Some(refresh_token.clone()),
    ))
}

/// Runs a token request, and once more when the first answer says the endpoint is down for
/// a moment (`temporarily_unavailable`, a 5xx).
pub async fn once_more<T, F, Fut>(attempt: F) -> Result<T, OAuthError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, OAuthError>>,
{
    match attempt().await {
        Err(error) if error.is_retryable() => attempt().await,
        other => other,
    }
}

/// The transport as the `oauth2` crate calls it, noting the answer's status (the crate keeps
/// only the body of a failure, and a 5xx page must not be read as a refusal). Also the
/// Microsoft 365 sign-in's adapter (`crate::microsoft::oauth`).
pub(crate) fn recording<'a>(
    transport: &'a dyn Transport,
    status: &'a Cell<Option<u16>>,
) -> impl Fn(HttpRequest) -> LocalFuture<'a, Result<HttpResponse, TransportError>> + 'a {
    move |request: HttpRequest| {
        let sent = transport.send(request);
        let future: LocalFuture<'a, _> = Box::pin(async move {
            let response = sent.await?;
            status.set(Some(response.status().as_u16()));
            Ok(response)
        });
        future
    }
}

fn token_client(
    settings: &OAuthSettings,
) -> Result<
    BasicClient<
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointSet,
    >,
    OAuthError,
> {
    let token_url = TokenUrl::new(settings.token_endpoint())
        .map_err(|e| OAuthError::UnexpectedResponse(e.to_string()))?;
    Ok(BasicClient::new(settings.client_id.clone())
        .set_token_uri(token_url)
        .set_redirect_uri(settings.redirect_uri.clone()))
}

type TokenRequestError =
    RequestTokenError<TransportError, oauth2::StandardErrorResponse<BasicErrorResponseType>>;

/// Classifies a failed token request; `status` is the HTTP status of the answer, if one came.
fn token_error(error: TokenRequestError, status: Option<u16>) -> OAuthError {
    let server_trouble = status.is_some_and(|s| (500..600).contains(&s));
    match error {
        RequestTokenError::ServerResponse(response) => {
            let description = response.error_description().cloned().unwrap_or_default();
            let code = response.error().as_ref().to_owned();
            if server_trouble || code == "temporarily_unavailable" {
                return OAuthError::Unavailable {
                    status: status.unwrap_or_default(),
                    detail: if description.is_empty() {
                        code
                    } else {
                        format!("{code}: {description}")
                    },
                };
            }
            match response.error() {
                BasicErrorResponseType::InvalidGrant => OAuthError::InvalidGrant(description),
                BasicErrorResponseType::InvalidClient
                | BasicErrorResponseType::UnauthorizedClient => {
                    OAuthError::InvalidClient(description)
                }
                other => OAuthError::TokenEndpoint {
                    code: other.as_ref().to_owned(),
                    description,
                },
            }
        }
        RequestTokenError::Request(transport) => OAuthError::Transport(transport),
        RequestTokenError::Parse(_, body) => {
            let text: String = String::from_utf8_lossy(&body).chars().take(200).collect();
            match status {
                Some(status) if server_trouble => OAuthError::Unavailable {
                    status,
                    detail: text,
                },
                _ => OAuthError::UnexpectedResponse(text),
            }
        }
        RequestTokenError::Other(message) => match status {
            Some(status) if server_trouble => OAuthError::Unavailable {
                status,
                detail: message,
            },
            _ => OAuthError::UnexpectedResponse(message),
        },
    }
}

#[cfg(test)]
#[path = "oauth_tests.rs"]
mod tests;
