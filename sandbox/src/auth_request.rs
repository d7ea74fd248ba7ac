//! The authorization request of `/oauth_auth.do`: validation in ServiceNow's order
//! (client, redirect URI and state fail on an error page; the rest is reported to the
//! client by redirect), and building redirects back to the registered URL.

use crate::config::OAuthClient;
use crate::pkce;
use crate::state::AppState;

/// A valid authorization request.
#[derive(Debug, Clone)]
pub struct AuthRequest {
    pub client: OAuthClient,
    pub state: String,
    pub challenge: String,
    pub scope: String,
    /// The original query string, carried through the login and consent forms.
    pub raw: String,
}

/// Why a request cannot go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// Shown to the person: the client or redirect URI cannot be trusted.
    Page(String),
    /// Sent to the client's redirect URI (the full `Location`).
    Redirect(String),
}

const SINGLE: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_uri",
    "state",
    "scope",
    "code_challenge",
    "code_challenge_method",
];

/// Validates a raw `oauth_auth.do` query string; errors sent to the client carry `iss`
/// (RFC 9207) when given.
pub fn validate(app: &AppState, raw: &str, iss: Option<&str>) -> Result<AuthRequest, Rejection> {
    let params: Vec<(String, String)> = serde_urlencoded::from_str(raw)
        .map_err(|_| Rejection::Page("The authorization request could not be read.".into()))?;
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if let Some(name) = SINGLE
        .iter()
        .find(|n| params.iter().filter(|(k, _)| k == *n).count() > 1)
    {
        return Err(Rejection::Page(format!(
            "Invalid request: the parameter {name} is repeated."
        )));
    }
    let client = get("client_id")
        .and_then(|id| app.client(id))
        .cloned()
        .ok_or_else(|| {
            Rejection::Page(
                "Invalid client_id: no OAuth application with this client id is registered.".into(),
            )
        })?;
    if get("redirect_uri") != Some(client.redirect_uri.as_str()) {
        return Err(Rejection::Page(
            "Invalid redirect_uri: it does not match the redirect URL registered for this OAuth application.".into(),
        ));
    }
    let state = get("state")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Rejection::Page("Missing State parameter in request".into()))?;
    let fail = |error: &str, description: &str| {
        let mut pairs = vec![
            ("error", error),
            ("error_description", description),
            ("state", state),
        ];
        pairs.extend(iss.map(|iss| ("iss", iss)));
        Rejection::Redirect(redirect_to(&client.redirect_uri, &pairs))
    };
    if get("response_type") != Some("code") {
        return Err(fail(
            "unsupported_response_type",
            "response_type must be code",
        ));
    }
    if get("code_challenge_method") != Some("S256") {
        return Err(fail(
            "invalid_request",
            "PKCE is required: code_challenge_method must be S256",
        ));
    }
    let challenge = get("code_challenge").filter(|c| pkce::is_valid_challenge(c));
    let Some(challenge) = challenge else {
        return Err(fail(
            "invalid_request",
            "code_challenge is missing or malformed",
        ));
    };
    Ok(AuthRequest {
        state: state.to_owned(),
        challenge: challenge.to_owned(),
        scope: get("scope").unwrap_or("useraccount").to_owned(),
        raw: raw.to_owned(),
        client,
    })
}

/// The registered redirect URL with parameters added, keeping any query it already has
/// (and any fragment after them).
pub fn redirect_to(uri: &str, pairs: &[(&str, &str)]) -> String {
    let (base, fragment) = match uri.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (uri, None),
    };
    let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
    let joiner = match base.find('?') {
        None => "?",
        Some(_) if base.ends_with('?') || base.ends_with('&') => "",
        Some(_) => "&",
    };
    let mut out = format!("{base}{joiner}{query}");
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::redirect_to;

    #[test]
    fn redirects_keep_the_registered_query() {
        let pairs = [("code", "a b"), ("state", "x&y=z")];
        assert_eq!(
            redirect_to("http://app/", &pairs),
            "http://app/?code=a+b&state=x%26y%3Dz"
        );
        assert_eq!(
            redirect_to("http://app/cb?tenant=1", &pairs),
            "http://app/cb?tenant=1&code=a+b&state=x%26y%3Dz"
        );
    }
}
