//! The ID token: a JWT whose claims follow identity-platform/id-token-claims-reference.md
//! (`aud` the client ID, `iss` `{authority}/{tid}/v2.0`, `tid`, `oid`, `sub`, `name`,
//! `preferred_username`, `nonce` when the request had one, `ver` "2.0", `iat`/`nbf`/`exp`).
//! It is unsigned (`"alg":"none"` and an empty signature, the header of the documented
//! example token in v2-oauth2-auth-code-flow.md): the sandbox publishes no signing keys,
//! and a public client reads the claims it needs without verifying them.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::json;

use super::config::MicrosoftUser;

/// The claims that vary per token.
pub struct Claims<'a> {
    pub authority: &'a str,
    pub tenant_id: &'a str,
    pub client_id: &'a str,
    pub user: &'a MicrosoftUser,
    pub nonce: Option<&'a str>,
    pub lifetime_secs: u64,
}

/// The encoded token: `header.payload.` (an empty signature).
pub fn encode(c: &Claims<'_>) -> String {
    let now = chrono::Utc::now().timestamp();
    let exp = now + i64::try_from(c.lifetime_secs).unwrap_or(3600);
    let mut payload = json!({
        "aud": c.client_id,
        "iss": format!("{}/{}/v2.0", c.authority.trim_end_matches('/'), c.tenant_id),
        "iat": now,
        "nbf": now,
        "exp": exp,
        "name": c.user.display_name,
        "oid": c.user.object_id,
        "preferred_username": c.user.upn,
        // `sub` is pairwise: unique to the user and the application.
        "sub": crate::ids::stable_sys_id(&format!("{}|{}", c.user.object_id, c.client_id)),
        "tid": c.tenant_id,
        "ver": "2.0",
    });
    if let Some(nonce) = c.nonce {
        payload["nonce"] = nonce.into();
    }
    let header = json!({ "typ": "JWT", "alg": "none" });
    format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_decode_back() {
        let user = MicrosoftUser::member("a@contoso.onmicrosoft.com", "A B", "oid-1", &[]);
        let token = encode(&Claims {
            authority: "http://login.test/",
            tenant_id: "tid-1",
            client_id: "client-1",
            user: &user,
            nonce: Some("n-1"),
            lifetime_secs: 3600,
        });
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[2], "");
        let payload = URL_SAFE_NO_PAD.decode(parts[1]).unwrap();
        let claims: serde_json::Value = serde_json::from_slice(&payload).unwrap();
        assert_eq!(claims["iss"], "http://login.test/tid-1/v2.0");
        assert_eq!(claims["aud"], "client-1");
        assert_eq!(claims["nonce"], "n-1");
        assert_eq!(claims["preferred_username"], "a@contoso.onmicrosoft.com");
    }
}
