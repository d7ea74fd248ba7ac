//! Who signed in: the claims of the ID token the token endpoint returns with `openid`.
//!
//! The signature is NOT verified: that needs the tenant's signing keys (JWKS) fetched from
//! the authority's discovery document, which this app does not do. The token comes straight
//! from the token endpoint over TLS in answer to this tab's own PKCE-bound request, and is
//! used only to show who is connected, never to authorize anything ("The app can cache the
//! values and display them, but it shouldn't rely on them for any authorization or security
//! boundaries", identity-platform/v2-oauth2-auth-code-flow.md, "Refresh the access token").
//! What can be checked without keys is checked (identity-platform/id-token-claims-reference.md):
//! `nonce` is this sign-in's, `aud` is the client ID, `tid` is the tenant asked for when it
//! was given as a directory ID, and `iss` is `{authority}/{tid}/v2.0`.

use serde::{Deserialize, Serialize};

use super::error::IdTokenError;
use super::settings::{Tenant, TenantSettings};

/// The signed-in person, for "Connected to Microsoft 365 as {name} ({tenant domain})".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// `name`, or the user name when the token has none.
    pub name: String,
    /// `preferred_username`, e.g. `adele@contoso.onmicrosoft.com`.
    pub username: String,
    /// `tid`: the directory ID.
    pub tenant_id: String,
    /// The domain of `preferred_username`, or else the directory ID.
    pub tenant_domain: String,
}

#[derive(Deserialize)]
struct Claims {
    #[serde(default)]
    aud: Audience,
    #[serde(default)]
    iss: String,
    #[serde(default)]
    tid: String,
    #[serde(default)]
    nonce: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    preferred_username: Option<String>,
}

/// JWT's `aud` is a string or an array of strings (RFC 7519 section 4.1.3).
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
    #[default]
    None,
}

impl Audience {
    fn contains(&self, client_id: &str) -> bool {
        match self {
            Audience::One(aud) => aud == client_id,
            Audience::Many(auds) => auds.iter().any(|a| a == client_id),
            Audience::None => false,
        }
    }

    fn shown(&self) -> String {
        match self {
            Audience::One(aud) => aud.clone(),
            Audience::Many(auds) => auds.join(" "),
            Audience::None => String::new(),
        }
    }
}

/// Reads and checks the ID token of a sign-in started with `nonce`.
pub fn read(
    id_token: &str,
    settings: &TenantSettings,
    nonce: &str,
) -> Result<Account, IdTokenError> {
    let payload = id_token.split('.').nth(1).ok_or(IdTokenError::Malformed)?;
    let bytes = base64url_decode(payload).ok_or(IdTokenError::Malformed)?;
    let claims: Claims = serde_json::from_slice(&bytes).map_err(|_| IdTokenError::Malformed)?;
    if claims.nonce.as_deref() != Some(nonce) {
        return Err(IdTokenError::NonceMismatch);
    }
    if !claims.aud.contains(settings.client_id.as_str()) {
        return Err(IdTokenError::AudienceMismatch(claims.aud.shown()));
    }
    let tid = claims.tid.to_ascii_lowercase();
    if let Tenant::Id(expected) = &settings.tenant {
        if tid != *expected {
            return Err(IdTokenError::TenantMismatch(claims.tid));
        }
    }
    let issuer = settings.authority.join(&format!("/{tid}/v2.0"));
    if tid.is_empty() || !claims.iss.eq_ignore_ascii_case(&issuer) {
        return Err(IdTokenError::IssuerMismatch(claims.iss));
    }
    let username = claims.preferred_username.unwrap_or_default();
    let tenant_domain = username
        .rsplit_once('@')
        .map(|(_, domain)| domain.to_ascii_lowercase())
        .filter(|domain| !domain.is_empty())
        .unwrap_or_else(|| tid.clone());
    Ok(Account {
        name: claims
            .name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| username.clone()),
        username,
        tenant_id: tid,
        tenant_domain,
    })
}

/// Base64url without padding (RFC 7515 section 2), as JWT segments are written.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in text.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    // A lone sixth bit group cannot end a byte string.
    (text.len() % 4 != 1).then_some(out)
}

#[cfg(test)]
#[path = "id_token_tests.rs"]
pub(crate) mod tests;
