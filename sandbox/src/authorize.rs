//! The browser side of OAuth: `/oauth_auth.do` (login or consent, then Allow/Deny),
//! `/login.do` and `/logout.do`, with a `JSESSIONID` session cookie.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::auth_request::{self, redirect_to, AuthRequest, Rejection};
use crate::ids;
use crate::pages::{self, Consent};
use crate::state::{AppState, Session};
use crate::tokens::AuthCode;

const COOKIE_NAME: &str = "JSESSIONID";

/// `GET /oauth_auth.do`: the login page, or the consent page for a signed-in user.
pub async fn authorize(
    State(app): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let raw = raw.unwrap_or_default();
    let iss = issuer(&app, &headers).map(|(_, iss)| iss);
    match auth_request::validate(&app, &raw, iss.as_deref()) {
        Err(rejection) => reject(rejection),
        Ok(request) => match session(&app, &headers) {
            Some(session) => consent_page(&app, &request, &session),
            None => pages::login(&raw, "", None),
        },
    }
}

/// `POST /oauth_auth.do`: the person's Allow or Deny.
pub async fn decide(State(app): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let form = Form::parse(&body);
    let raw = form.get("auth_request");
    let iss = issuer(&app, &headers).map(|(_, iss)| iss);
    let request = match auth_request::validate(&app, raw, iss.as_deref()) {
        Ok(request) => request,
        Err(rejection) => return reject(rejection),
    };
    let Some(session) = session(&app, &headers) else {
        return pages::login(raw, "", None);
    };
    if form.get("sysparm_ck") != session.ck {
        return pages::error(
            StatusCode::FORBIDDEN,
            "Invalid security token. Reload the page and try again.",
        );
    }
    let location = match form.get("action") {
        "allow" => {
            let code = AuthCode {
                client_id: request.client.client_id.clone(),
                redirect_uri: request.client.redirect_uri.clone(),
                challenge: request.challenge.clone(),
                scope: request.scope.clone(),
                user_name: session.user_name.clone(),
                expires_at: std::time::Instant::now(),
                used: false,
            };
            let ttl = app.lifetimes().code;
            let code = app.with(|d| d.tokens.issue_code(code, ttl));
            let mut pairs = vec![("code", code), ("state", request.state.clone())];
            pairs.extend(issuer(&app, &headers));
            redirect_to(&request.client.redirect_uri, &borrowed(&pairs))
        }
        _ => {
            let mut pairs = vec![
                ("error", "access_denied".to_owned()),
                ("state", request.state.clone()),
            ];
            pairs.extend(issuer(&app, &headers));
            redirect_to(&request.client.redirect_uri, &borrowed(&pairs))
        }
    };
    redirect(&location, None)
}

/// RFC 9207's `iss` for an authorization response: the instance's origin as the browser
/// addressed it, unless switched off (or, for tests, replaced by a wrong one).
fn issuer(app: &AppState, headers: &HeaderMap) -> Option<(&'static str, String)> {
    let (send, wrong) = app.with(|d| (d.oauth.send_iss, d.oauth.wrong_iss.clone()));
    send.then(|| {
        (
            "iss",
            wrong.unwrap_or_else(|| crate::auth::base_url_of(headers, app)),
        )
    })
}

fn borrowed<'a>(pairs: &'a [(&'a str, String)]) -> Vec<(&'a str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// `GET /login.do`: the login page on its own.
pub async fn login_page() -> Response {
    pages::login("", "", None)
}

/// `POST /login.do`: checks the credentials and resumes the authorization request.
pub async fn login(State(app): State<AppState>, body: Bytes) -> Response {
    let form = Form::parse(&body);
    let (name, password, raw) = (
        form.get("user_name"),
        form.get("user_password"),
        form.get("auth_request"),
    );
    let Some(user) = app.user(name).filter(|u| u.password == password) else {
        return pages::login(raw, name, Some("User name or password invalid."));
    };
    let id = ids::new_secret();
    let session = Session {
        user_name: user.user_name.clone(),
        ck: ids::new_secret(),
    };
    app.with(|d| d.sessions.insert(id.clone(), session));
    let target = if raw.is_empty() {
        "/".to_owned()
    } else {
        format!("/oauth_auth.do?{raw}")
    };
    redirect(
        &target,
        Some(format!(
            "{COOKIE_NAME}={id}; Path=/; HttpOnly; SameSite=Lax"
        )),
    )
}

/// `GET /logout.do?sysparm_goto_url=/…`: ends the session ("Not you?").
pub async fn logout(
    State(app): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    if let Some(id) = cookie(&headers) {
        app.with(|d| d.sessions.remove(&id));
    }
    let form = Form::parse(raw.unwrap_or_default().as_bytes());
    let goto = form.get("sysparm_goto_url");
    // Only same-instance paths: never an open redirect.
    let target = if goto.starts_with('/') && !goto.starts_with("//") {
        goto
    } else {
        "/"
    };
    redirect(
        target,
        Some(format!(
            "{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
        )),
    )
}

fn consent_page(app: &AppState, request: &AuthRequest, session: &Session) -> Response {
    let display_name = app
        .user(&session.user_name)
        .map(|u| u.display_name())
        .unwrap_or_default();
    pages::consent(&Consent {
        client_name: &request.client.name,
        display_name: &display_name,
        scope: &request.scope,
        auth_request: &request.raw,
        ck: &session.ck,
    })
}

fn reject(rejection: Rejection) -> Response {
    match rejection {
        Rejection::Page(message) => pages::error(StatusCode::BAD_REQUEST, &message),
        Rejection::Redirect(location) => redirect(&location, None),
    }
}

fn redirect(location: &str, cookie: Option<String>) -> Response {
    let Ok(location) = HeaderValue::from_str(location) else {
        return pages::error(StatusCode::BAD_REQUEST, "The request could not be read.");
    };
    let mut response = (StatusCode::FOUND, [(LOCATION, location)]).into_response();
    if let Some(value) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response
}

fn cookie(headers: &HeaderMap) -> Option<String> {
    let all = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok());
    all.flat_map(|v| v.split(';')).find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == COOKIE_NAME && !value.is_empty()).then(|| value.to_owned())
    })
}

fn session(app: &AppState, headers: &HeaderMap) -> Option<Session> {
    let id = cookie(headers)?;
    app.with(|d| d.sessions.get(&id).cloned())
}

/// A decoded form body (or query string); missing fields read as empty.
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
