//! `POST /{tenant}/oauth2/v2.0/token`: authorization code with PKCE and refresh token
//! grants for the registered public client (v2-oauth2-auth-code-flow.md, "Redeem a code
//! for an access token" and "Refresh the access token").
//!
//! Browsers: the token endpoint answers cross-origin requests only for redirect URIs
//! registered as "spa"; a "web" redirect redeemed from a browser gets `AADSTS9002326`, and
//! a "spa" redirect redeemed without an `Origin` header gets `AADSTS9002327`
//! (v2-oauth2-auth-code-flow.md, "Redirect URIs for single-page apps").
//! Refresh tokens rotate: "Refresh tokens replace themselves with a fresh token upon every
//! use", and SPA ones "expire after 24 hours", later ones carrying over that expiry
//! (refresh-tokens.md).

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_TYPE, ORIGIN};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::json;

use super::errors::{json_response, Aadsts};
use super::id_token::{self, Claims};
use super::state::{Grant, MsState};
use crate::state::AppState;

/// `POST /{tenant}/oauth2/v2.0/token`.
pub async fn token(
    State(app): State<AppState>,
    State(ms): State<MsState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    ms.with(|d| d.requests.token = d.requests.token.saturating_add(1));
    let origin = headers.get(ORIGIN).and_then(|o| o.to_str().ok());
    let authority = crate::auth::base_url_of(&headers, &app);
    match grant(&ms, &tenant, &headers, &body, origin) {
        Ok(issued) => issue(&ms, &authority, issued),
        Err((status, error)) => error.token_response(status),
    }
}

type Refused = (StatusCode, Aadsts);

fn bad(error: &'static str, code: u32, message: impl Into<String>) -> Refused {
    (StatusCode::BAD_REQUEST, Aadsts::new(error, code, message))
}

/// What a successful grant hands out.
struct Issued {
    grant: Grant,
    /// The refresh token's fixed expiry (carried over on refresh).
    refresh_expires_at: Instant,
    nonce: Option<String>,
}

fn grant(
    ms: &MsState,
    tenant: &str,
    headers: &HeaderMap,
    body: &[u8],
    origin: Option<&str>,
) -> Result<Issued, Refused> {
    if !ms.accepts_tenant(tenant) {
        return Err(bad(
            "invalid_request",
            90002,
            format!("Tenant '{tenant}' not found."),
        ));
    }
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type
        .to_ascii_lowercase()
        .starts_with("application/x-www-form-urlencoded")
    {
        return Err(bad(
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'grant_type'.",
        ));
    }
    let params: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    let required = |name: &'static str| {
        get(name).ok_or_else(|| {
            bad(
                "invalid_request",
                900144,
                format!("The request body must contain the following parameter: '{name}'."),
            )
        })
    };
    let grant_type = required("grant_type")?;
    let client_id = required("client_id")?;
    let config = ms.config();
    if client_id != config.app.client_id {
        return Err(bad(
            "unauthorized_client",
            700016,
            format!(
                "Application with identifier '{client_id}' was not found in the directory '{}'.",
                config.tenant_name
            ),
        ));
    }
    if get("client_secret").is_some() || get("client_assertion").is_some() {
        // reference-error-codes.md: AADSTS700025 InvalidClientPublicClientWithCredential.
        return Err(bad(
            "invalid_client",
            700025,
            "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
        ));
    }
    match grant_type {
        "authorization_code" => {
            let code = required("code")?;
            let redirect_uri = required("redirect_uri")?;
            check_redirect_type(ms, redirect_uri, origin)?;
            let verifier = required("code_verifier")?;
            redeem(ms, code, redirect_uri, verifier)
        }
        "refresh_token" => {
            let refresh = required("refresh_token")?;
            if origin.is_none() {
                return Err(spa_without_origin());
            }
            refresh_grant(ms, refresh)
        }
        _ => Err(bad(
            "unsupported_grant_type",
            70003,
            "The app requested an unsupported grant type.",
        )),
    }
}

/// The platform-type rule of a redirect URI at the token endpoint.
fn check_redirect_type(
    ms: &MsState,
    redirect_uri: &str,
    origin: Option<&str>,
) -> Result<(), Refused> {
    let app = &ms.config().app;
    let web_switch = ms.with(|d| d.switches.redirect_type_web);
    let spa = app.spa_redirect_uris.iter().any(|u| u == redirect_uri) && !web_switch;
    match (spa, origin) {
        (true, Some(_)) => Ok(()),
        (true, None) => Err(spa_without_origin()),
        (false, Some(origin)) => Err(bad(
            "invalid_request",
            9002326,
            format!("Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '{origin}'."),
        )),
        // A "web" redirect is a confidential client's: without a secret it is refused
        // (reference-error-codes.md: AADSTS7000218).
        (false, None) => Err((
            StatusCode::UNAUTHORIZED,
            Aadsts::new(
                "invalid_client",
                7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
            ),
        )),
    }
}

fn spa_without_origin() -> Refused {
    bad(
        "invalid_request",
        9002327,
        "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    )
}

fn redeem(ms: &MsState, code: &str, redirect_uri: &str, verifier: &str) -> Result<Issued, Refused> {
    let invalid = |n: u32, m: &str| bad("invalid_grant", n, m.to_owned());
    let config = ms.config();
    ms.with(|d| {
        let Some(entry) = d.codes.get_mut(code) else {
            return Err(invalid(70000, "The provided value for the 'code' parameter is not valid."));
        };
        if entry.used {
            // reference-error-codes.md: AADSTS54005.
            return Err(invalid(54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."));
        }
        entry.used = true;
        if Instant::now() >= entry.expires_at {
            return Err(invalid(70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource."));
        }
        if entry.redirect_uri != redirect_uri {
            return Err(invalid(70000, "The provided value for the 'redirect_uri' is not valid. The value must exactly match the redirect URI used to obtain the authorization code."));
        }
        if !crate::pkce::verify(verifier, &entry.challenge) {
            return Err(invalid(50148, "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE."));
        }
        d.grants.authorization_code += 1;
        Ok(Issued {
            grant: Grant {
                upn: entry.upn.clone(),
                client_id: entry.client_id.clone(),
                scope: entry.scope.clone(),
                nonce: None,
                expires_at: Instant::now() + config.access_token_ttl,
                revoked: false,
            },
            refresh_expires_at: Instant::now() + config.spa_refresh_token_ttl,
            nonce: entry.nonce.clone(),
        })
    })
}

fn refresh_grant(ms: &MsState, refresh: &str) -> Result<Issued, Refused> {
    let config = ms.config();
    ms.with(|d| {
        let revoke_used = d.switches.revoke_used_refresh_tokens;
        let Some(old) = d.refresh.get_mut(refresh) else {
            return Err(bad("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid. The refresh token is not valid."));
        };
        if old.revoked {
            return Err(bad("invalid_grant", 70000, "The provided grant is invalid or malformed: this refresh token was already used to get a new one (the sandbox revokes used refresh tokens)."));
        }
        if Instant::now() >= old.expires_at {
            // reference-error-codes.md: AADSTS700084.
            return Err(bad("invalid_grant", 700084, "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which can't be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page."));
        }
        if revoke_used {
            old.revoked = true;
        }
        let refresh_expires_at = old.expires_at;
        let grant = Grant {
            expires_at: Instant::now() + config.access_token_ttl,
            revoked: false,
            ..old.clone()
        };
        d.grants.refresh_token += 1;
        Ok(Issued {
            grant,
            refresh_expires_at,
            nonce: None,
        })
    })
}

/// The token response: access token, ID token (with `openid`), refresh token (with
/// `offline_access`), `expires_in`, `scope`.
fn issue(ms: &MsState, authority: &str, issued: Issued) -> Response {
    let config = ms.config();
    let Some(user) = ms.user(&issued.grant.upn) else {
        return bad(
            "invalid_grant",
            50034,
            "The user account does not exist in the directory.",
        )
        .1
        .token_response(StatusCode::BAD_REQUEST);
    };
    let scopes: Vec<&str> = issued.grant.scope.split_whitespace().collect();
    let access_token = crate::ids::new_secret();
    let expires_in = config.access_token_ttl.as_secs().saturating_sub(1);
    let granted: Vec<&str> = scopes
        .iter()
        .copied()
        .filter(|s| *s != "offline_access")
        .collect();
    let mut body = json!({
        "token_type": "Bearer",
        "scope": granted.join(" "),
        "expires_in": expires_in,
        "ext_expires_in": expires_in,
        "access_token": access_token,
    });
    ms.with(|d| {
        d.access.insert(access_token.clone(), issued.grant.clone());
        if scopes.contains(&"offline_access") {
            let refresh = crate::ids::new_secret();
            let grant = Grant {
                expires_at: issued.refresh_expires_at,
                ..issued.grant.clone()
            };
            d.refresh.insert(refresh.clone(), grant);
            body["refresh_token"] = refresh.into();
        }
    });
    if scopes.contains(&"openid") {
        body["id_token"] = id_token::encode(&Claims {
            authority,
            tenant_id: &config.tenant_id,
            client_id: &config.app.client_id,
            user: &user,
            nonce: issued.nonce.as_deref(),
            lifetime_secs: 3600,
        })
        .into();
    }
    json_response(StatusCode::OK, body.to_string())
}
