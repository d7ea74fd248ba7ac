//! `POST /oauth_token.do` (authorization code with PKCE, refresh token) and
//! `/oauth_revoke_token.do`, for public clients: no client secret is involved.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::json;

use crate::oauth_error::{token_json, OAuthError};
use crate::state::AppState;
use crate::tokens::{Issued, Rotation};

/// `POST /oauth_token.do`.
pub async fn token(State(app): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(fault) = app.with(|d| d.oauth.token_faults.take()) {
        return crate::faults::token_response(fault);
    }
    let (refresh_tokens, rfc6749) = app.with(|d| {
        let oauth = &d.oauth;
        (oauth.refresh_tokens, oauth.rfc6749_errors || oauth.strict)
    });
    match grant(&app, &headers, &body, refresh_tokens) {
        Ok(issued) => {
            let expires_in = app.lifetimes().access.as_secs().saturating_sub(1);
            let mut body = json!({
                "access_token": issued.access_token,
                "scope": issued.scope,
                "token_type": "Bearer",
                "expires_in": expires_in,
            });
            // The authorization-workflow documentation returns "an access token (and a
            // refresh token, if it's a private client)": a public client gets none unless
            // the instance is switched to issue one.
            if refresh_tokens {
                body["refresh_token"] = issued.refresh_token.into();
            }
            token_json(StatusCode::OK, body.to_string())
        }
        Err(error) => error.response(rfc6749),
    }
}

fn grant(
    app: &AppState,
    headers: &HeaderMap,
    body: &[u8],
    refresh_tokens: bool,
) -> Result<Issued, OAuthError> {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type
        .to_ascii_lowercase()
        .starts_with("application/x-www-form-urlencoded")
    {
        return Err(OAuthError::InvalidRequest(
            "Content-Type must be application/x-www-form-urlencoded",
        ));
    }
    let params: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|_| OAuthError::InvalidRequest("The request body could not be decoded"))?;
    for (i, (name, _)) in params.iter().enumerate() {
        if params[..i].iter().any(|(earlier, _)| earlier == name) {
            return Err(OAuthError::InvalidRequest(
                "A request parameter is repeated",
            ));
        }
    }
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let grant_type =
        get("grant_type").ok_or(OAuthError::InvalidRequest("grant_type is required"))?;
    if grant_type != "authorization_code" && grant_type != "refresh_token" {
        return Err(OAuthError::UnsupportedGrantType(
            "Only authorization_code and refresh_token are supported",
        ));
    }
    let basic = basic_client_id(headers);
    let client_id = get("client_id")
        .or(basic.as_deref())
        .filter(|id| app.client(id).is_some());
    let client_id = client_id.ok_or(OAuthError::InvalidClient("Unknown or missing client_id"))?;
    let life = app.lifetimes();
    if grant_type == "authorization_code" {
        let code = get("code").ok_or(OAuthError::InvalidRequest("code is required"))?;
        let redirect_uri =
            get("redirect_uri").ok_or(OAuthError::InvalidRequest("redirect_uri is required"))?;
        let verifier =
            get("code_verifier").ok_or(OAuthError::InvalidRequest("code_verifier is required"))?;
        app.with(|d| {
            let issued = d
                .tokens
                .redeem(code, client_id, redirect_uri, verifier, life)?;
            d.grants.authorization_code += 1;
            Ok(issued)
        })
    } else {
        let refresh =
            get("refresh_token").ok_or(OAuthError::InvalidRequest("refresh_token is required"))?;
        if !refresh_tokens {
            // Renewal is documented for private clients only.
            return Err(OAuthError::InvalidGrant(
                "Refresh tokens are not issued to public clients",
            ));
        }
        app.with(|d| {
            let rotation = if d.oauth.strict {
                Rotation::Strict
            } else {
                Rotation::Keep
            };
            let issued = d.tokens.refresh(refresh, client_id, life, rotation)?;
            d.grants.refresh_token += 1;
            Ok(issued)
        })
    }
}

/// A client id sent as HTTP Basic credentials (`client_secret_basic` with an empty
/// secret), which some OAuth libraries do even for public clients.
fn basic_client_id(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, _secret) = decoded.split_once(':')?;
    Some(id.to_owned())
}

/// `/oauth_revoke_token.do?token=…` (or `token` in a form body): always 200.
pub async fn revoke(State(app): State<AppState>, RawQuery(raw): RawQuery, body: Bytes) -> Response {
    let from_query: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let from_body: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let token = from_query
        .into_iter()
        .chain(from_body)
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v);
    if let Some(token) = token {
        app.with(|d| {
            if d.tokens.revoke(&token) {
                d.grants.revoked += 1;
            }
        });
    }
    StatusCode::OK.into_response()
}
