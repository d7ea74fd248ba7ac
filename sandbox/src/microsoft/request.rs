//! The authorization request of `/{tenant}/oauth2/v2.0/authorize`, checked in the order
//! the platform must: the tenant, the application and the redirect URI are shown on an
//! error page (a redirect to an unregistered address would be an open redirect; RFC 6749
//! section 4.1.2.1), everything else goes back to the redirect URI as `error` and
//! `error_description` (v2-oauth2-auth-code-flow.md, "Error response").

use super::errors::{Aadsts, Trace};
use super::state::MsState;

/// A valid authorization request.
#[derive(Debug, Clone)]
pub struct AuthorizeRequest {
    pub tenant: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub scope: String,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub challenge: String,
    /// `query` (the default for a code) or `fragment`.
    pub fragment: bool,
    pub prompt: Option<String>,
    pub login_hint: Option<String>,
    /// The original query string, carried through the sign-in and consent forms.
    pub raw: String,
}

/// Why the request cannot go on.
#[derive(Debug, Clone)]
pub enum Refusal {
    /// Shown on the platform's own error page.
    Page(Aadsts),
    /// Sent back to the (registered) redirect URI.
    Redirect(String),
}

/// Validates a raw query string for the tenant named in the path.
pub fn validate(ms: &MsState, tenant: &str, raw: &str) -> Result<AuthorizeRequest, Refusal> {
    let params: Vec<(String, String)> = serde_urlencoded::from_str(raw).map_err(|_| {
        Refusal::Page(Aadsts::new(
            "invalid_request",
            90004,
            "The request isn't properly formatted.",
        ))
    })?;
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    if !ms.accepts_tenant(tenant) {
        // reference-error-codes.md: AADSTS90002 InvalidTenantName.
        return Err(Refusal::Page(Aadsts::new(
            "invalid_request",
            90002,
            format!("Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."),
        )));
    }
    let app = &ms.config().app;
    let client_id = get("client_id").unwrap_or_default();
    if client_id != app.client_id {
        // reference-error-codes.md: AADSTS700016 UnauthorizedClient_DoesNotMatchRequest.
        return Err(Refusal::Page(Aadsts::new(
            "unauthorized_client",
            700016,
            format!("Application with identifier '{client_id}' was not found in the directory '{}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.", ms.config().tenant_name),
        )));
    }
    let redirect_uri = get("redirect_uri").unwrap_or_default().to_owned();
    let registered = app.spa_redirect_uris.contains(&redirect_uri)
        || app.web_redirect_uris.contains(&redirect_uri);
    if !registered {
        // reference-error-codes.md: AADSTS50011 InvalidReplyTo; the message as the sign-in
        // page words it.
        return Err(Refusal::Page(Aadsts::new(
            "invalid_request",
            50011,
            format!("The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{client_id}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this."),
        )));
    }
    let state = get("state").map(str::to_owned);
    let fragment = get("response_mode") == Some("fragment");
    let fail = |error: Aadsts| {
        Refusal::Redirect(error_redirect(
            &redirect_uri,
            fragment,
            &error,
            state.as_deref(),
        ))
    };
    if get("response_type") != Some("code") {
        return Err(fail(Aadsts::new(
            "unsupported_response_type",
            70005,
            "The provided value for the input parameter 'response_type' is not allowed for this client. Expected value is 'code'.",
        )));
    }
    if let Some(mode) = get("response_mode").filter(|m| *m != "query" && *m != "fragment") {
        return Err(fail(Aadsts::new(
            "invalid_request",
            70007,
            format!("The application returned an unsupported value '{mode}' of response_mode when requesting a code."),
        )));
    }
    let Some(scope) = get("scope") else {
        return Err(fail(Aadsts::new(
            "invalid_request",
            900144,
            "The request body must contain the following parameter: 'scope'.",
        )));
    };
    // PKCE is "required by the Microsoft identity platform for single page apps using the
    // authorization code flow" (v2-oauth2-auth-code-flow.md, `code_challenge`); the sandbox
    // accepts S256 only.
    let challenge = get("code_challenge").filter(|c| crate::pkce::is_valid_challenge(c));
    let (Some(challenge), Some("S256")) = (challenge, get("code_challenge_method")) else {
        return Err(fail(Aadsts::new(
            "invalid_request",
            9002325,
            "Proof Key for Code Exchange is required for cross-origin authorization code redemption. The sandbox accepts code_challenge_method=S256 only.",
        )));
    };
    Ok(AuthorizeRequest {
        tenant: tenant.to_owned(),
        client_id: client_id.to_owned(),
        redirect_uri: redirect_uri.clone(),
        scope: scope.to_owned(),
        state: state.clone(),
        nonce: get("nonce").map(str::to_owned),
        challenge: challenge.to_owned(),
        fragment,
        prompt: get("prompt").map(str::to_owned),
        login_hint: get("login_hint").map(str::to_owned),
        raw: raw.to_owned(),
    })
}

/// The redirect URI with an error answer: `error`, `error_description` and `state`.
pub fn error_redirect(uri: &str, fragment: bool, error: &Aadsts, state: Option<&str>) -> String {
    let description = error.description(&Trace::new());
    let mut pairs = vec![("error", error.error), ("error_description", &description)];
    if let Some(state) = state {
        pairs.push(("state", state));
    }
    answer(uri, fragment, &pairs)
}

/// The redirect URI with answer parameters in its query (keeping a query it has) or, for
/// `response_mode=fragment`, in its fragment.
pub fn answer(uri: &str, fragment: bool, pairs: &[(&str, &str)]) -> String {
    let encoded = serde_urlencoded::to_string(pairs).unwrap_or_default();
    let base = uri.split('#').next().unwrap_or(uri);
    if fragment {
        return format!("{base}#{encoded}");
    }
    let joiner = if base.contains('?') { "&" } else { "?" };
    format!("{base}{joiner}{encoded}")
}

#[cfg(test)]
mod tests {
    use super::answer;

    #[test]
    fn answers_go_in_the_query_or_the_fragment() {
        let pairs = [("code", "a b"), ("state", "s&t")];
        assert_eq!(
            answer("http://app/", false, &pairs),
            "http://app/?code=a+b&state=s%26t"
        );
        assert_eq!(
            answer("http://app/?x=1", false, &pairs),
            "http://app/?x=1&code=a+b&state=s%26t"
        );
        assert_eq!(
            answer("http://app/", true, &pairs),
            "http://app/#code=a+b&state=s%26t"
        );
    }
}
