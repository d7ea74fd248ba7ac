//! The browser side of the identity platform: `GET /{tenant}/oauth2/v2.0/authorize`
//! (sign-in page, or straight on for a signed-in person), the sign-in form's `POST`, and
//! the consent prompt's `POST /{tenant}/oauth2/v2.0/consent`, with a session cookie.
//! Protocol: identity-platform/v2-oauth2-auth-code-flow.md ("Request an authorization
//! code": the user signs in, consents if needed, and the answer goes to `redirect_uri` by
//! `response_mode`).

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::errors::Aadsts;
use super::pages::{self, Consent, SignIn};
use super::request::{self, AuthorizeRequest, Refusal};
use super::state::{Code, MsState};

const COOKIE_NAME: &str = "ESTSAUTH";

/// `GET /{tenant}/oauth2/v2.0/authorize`.
pub async fn authorize(
    State(ms): State<MsState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let raw = raw.unwrap_or_default();
    let request = match request::validate(&ms, &tenant, &raw) {
        Ok(request) => request,
        Err(refusal) => return refuse(refusal),
    };
    let prompt = request.prompt.as_deref();
    let session = session(&ms, &headers);
    match (session, prompt) {
        (Some(upn), Some("consent")) => consent_page(&ms, &request, &upn),
        (Some(upn), None | Some("none")) => proceed(&ms, &request, &upn),
        // prompt=none "ensures that the user isn't presented with any interactive prompt";
        // with nobody signed in the answer is login_required (v2-oauth2-auth-code-flow.md).
        (None, Some("none")) => redirect(
            &request::error_redirect(
                &request.redirect_uri,
                request.fragment,
                &Aadsts::new(
                    "login_required",
                    50058,
                    "A silent sign-in request was sent but no user is signed in.",
                ),
                request.state.as_deref(),
            ),
            None,
        ),
        _ => sign_in_page(&request, None),
    }
}

/// `POST /{tenant}/oauth2/v2.0/authorize`: the sign-in form.
pub async fn sign_in(
    State(ms): State<MsState>,
    Path(tenant): Path<String>,
    body: Bytes,
) -> Response {
    let form = Form::parse(&body);
    let request = match request::validate(&ms, &tenant, form.get("request")) {
        Ok(request) => request,
        Err(refusal) => return refuse(refusal),
    };
    let login = form.get("login").trim();
    let Some(user) = ms.user(login) else {
        // reference-error-codes.md: AADSTS50034 UserAccountNotFound.
        let error = "This username may be incorrect. Make sure you typed it correctly. \
                     Otherwise, contact your admin. (AADSTS50034)";
        return sign_in_page(&request, Some((login, error)));
    };
    if user.password != form.get("passwd") {
        // reference-error-codes.md: AADSTS50126 InvalidUserNameOrPassword.
        let error = "Your account or password is incorrect. If you don't remember your \
                     password, reset it now. (AADSTS50126)";
        return sign_in_page(&request, Some((login, error)));
    }
    let id = crate::ids::new_secret();
    ms.with(|d| d.sessions.insert(id.clone(), user.upn.clone()));
    let cookie = format!("{COOKIE_NAME}={id}; Path=/; HttpOnly; SameSite=Lax");
    let mut response = match request.prompt.as_deref() {
        Some("consent") => consent_page(&ms, &request, &user.upn),
        _ => proceed(&ms, &request, &user.upn),
    };
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response
}

/// `POST /{tenant}/oauth2/v2.0/consent`: Accept or Cancel.
pub async fn decide(
    State(ms): State<MsState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = Form::parse(&body);
    let request = match request::validate(&ms, &tenant, form.get("request")) {
        Ok(request) => request,
        Err(refusal) => return refuse(refusal),
    };
    let Some(upn) = session(&ms, &headers) else {
        return sign_in_page(&request, None);
    };
    if form.get("decision") != "accept" {
        // reference-error-codes.md: AADSTS65004 UserDeclinedConsent.
        let error = Aadsts::new(
            "access_denied",
            65004,
            "User declined to consent to access the app.",
        );
        return refuse_to_app(&request, &error);
    }
    ms.with(|d| {
        let granted = d
            .consents
            .entry((upn.clone(), request.client_id.clone()))
            .or_default();
        granted.extend(request.scope.split_whitespace().map(str::to_owned));
    });
    proceed(&ms, &request, &upn)
}

/// After sign-in: membership, consent, then the code.
fn proceed(ms: &MsState, request: &AuthorizeRequest, upn: &str) -> Response {
    let config = ms.config();
    let Some(user) = ms.user(upn) else {
        return sign_in_page(request, None);
    };
    let (switches, consented) = ms.with(|d| {
        // Consent is per permission: a scope not granted before brings the prompt back
        // (permissions-consent-overview.md).
        let granted = d
            .consents
            .get(&(user.upn.clone(), request.client_id.clone()));
        let consented =
            granted.is_some_and(|g| request.scope.split_whitespace().all(|s| g.contains(s)));
        (d.switches.clone(), consented)
    });
    if switches.user_not_in_tenant || user.home_tenant != config.tenant_id {
        // reference-error-codes.md: AADSTS50020 UserUnauthorized (the error code is
        // `access_denied` here [inferred]).
        let error = Aadsts::new(
            "access_denied",
            50020,
            format!(
                "User account '{}' from identity provider 'https://sts.windows.net/{}/' does not exist in tenant '{}' and cannot access the application '{}'({}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Microsoft Entra user account.",
                user.upn, user.home_tenant, config.tenant_name, config.app.client_id, config.app.name
            ),
        );
        return refuse_to_app(request, &error);
    }
    if switches.consent_missing {
        // reference-error-codes.md: AADSTS65001 DelegationDoesNotExist; `consent_required`
        // is OpenID Connect Core 1.0 section 3.1.2.6's code for it.
        let error = Aadsts::new(
            "consent_required",
            65001,
            format!(
                "The user or administrator has not consented to use the application with ID '{}' named '{}'. Send an interactive authorization request for this user and resource.",
                config.app.client_id, config.app.name
            ),
        );
        return refuse_to_app(request, &error);
    }
    if !(switches.admin_consented || consented) {
        if request.prompt.as_deref() == Some("none") {
            let error = Aadsts::new(
                "consent_required",
                65001,
                "The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.",
            );
            return refuse_to_app(request, &error);
        }
        return consent_page(ms, request, &user.upn);
    }
    let code = crate::ids::new_secret();
    let entry = Code {
        client_id: request.client_id.clone(),
        redirect_uri: request.redirect_uri.clone(),
        challenge: request.challenge.clone(),
        scope: request.scope.clone(),
        nonce: request.nonce.clone(),
        upn: user.upn.clone(),
        expires_at: Instant::now() + config.code_ttl,
        used: false,
    };
    ms.with(|d| d.codes.insert(code.clone(), entry));
    let mut pairs = vec![("code", code.as_str())];
    if let Some(state) = request.state.as_deref() {
        pairs.push(("state", state));
    }
    redirect(
        &request::answer(&request.redirect_uri, request.fragment, &pairs),
        None,
    )
}

fn consent_page(ms: &MsState, request: &AuthorizeRequest, upn: &str) -> Response {
    let scopes: Vec<String> = request
        .scope
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let action = format!("/{}/oauth2/v2.0/consent", request.tenant);
    pages::consent(&Consent {
        action: &action,
        request: &request.raw,
        app_name: &ms.config().app.name,
        user: upn,
        scopes: &scopes,
    })
}

fn sign_in_page(request: &AuthorizeRequest, error: Option<(&str, &str)>) -> Response {
    let action = format!("/{}/oauth2/v2.0/authorize", request.tenant);
    let login = error
        .map(|(login, _)| login)
        .or(request.login_hint.as_deref())
        .unwrap_or_default();
    pages::sign_in(&SignIn {
        action: &action,
        request: &request.raw,
        login,
        error: error.map(|(_, e)| e),
    })
}

fn refuse_to_app(request: &AuthorizeRequest, error: &Aadsts) -> Response {
    let location = request::error_redirect(
        &request.redirect_uri,
        request.fragment,
        error,
        request.state.as_deref(),
    );
    redirect(&location, None)
}

fn refuse(refusal: Refusal) -> Response {
    match refusal {
        Refusal::Page(error) => pages::error(&error),
        Refusal::Redirect(location) => redirect(&location, None),
    }
}

fn redirect(location: &str, cookie: Option<String>) -> Response {
    let Ok(location) = HeaderValue::from_str(location) else {
        let error = Aadsts::new(
            "invalid_request",
            90004,
            "The request isn't properly formatted.",
        );
        return pages::error(&error);
    };
    let mut response = (StatusCode::FOUND, [(LOCATION, location)]).into_response();
    if let Some(value) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response
}

fn session(ms: &MsState, headers: &HeaderMap) -> Option<String> {
    let all = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok());
    let id = all.flat_map(|v| v.split(';')).find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == COOKIE_NAME && !value.is_empty()).then(|| value.to_owned())
    })?;
    ms.with(|d| d.sessions.get(&id).cloned())
}

/// A decoded form body; missing fields read as empty.
struct Form(Vec<(String, String)>);

impl Form {
    fn parse(body: &[u8]) -> Form {
        Form(serde_urlencoded::from_bytes(body).unwrap_or_default())
    }

    fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}
