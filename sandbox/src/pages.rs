//! The instance's HTML pages: the home page, the login page, the OAuth consent page and
//! error pages. Plain server-rendered HTML, every text escaped, no script.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn layout(status: StatusCode, title: &str, body: &str) -> Response {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>\
         body{{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;color:#1d2a36}}\
         main{{max-width:26rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;\
         box-shadow:0 1px 4px #0002}}h1{{font-size:1.3rem}}label{{display:block;margin-top:1rem}}\
         input{{width:100%;padding:.5rem;box-sizing:border-box;margin-top:.25rem}}\
         button{{margin-top:1.25rem;padding:.5rem 1.25rem;margin-right:.5rem}}\
         .error{{color:#b00020}}.muted{{color:#5b6770}}\
         </style></head><body><main>{body}</main></body></html>",
        title = escape(title),
    );
    let mut response = (status, Html(page)).into_response();
    let headers = response.headers_mut();
    // Login and consent must not be cached or framed (clickjacking the Allow button).
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// `GET /`: proof that the instance is up.
pub fn home() -> Response {
    layout(
        StatusCode::OK,
        "ServiceNow sandbox instance",
        "<h1>ServiceNow sandbox instance</h1><p class=\"muted\">A local stand-in for a \
         ServiceNow instance, for development and tests.</p>",
    )
}

/// The login page; `auth_request` is the authorization request to resume afterwards.
pub fn login(auth_request: &str, user_name: &str, error: Option<&str>) -> Response {
    let error = error.map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)));
    let body = format!(
        "<h1>Log in to ServiceNow</h1>{error}<form method=\"post\" action=\"/login.do\">\
         <input type=\"hidden\" name=\"auth_request\" value=\"{auth}\">\
         <label for=\"user_name\">User name</label>\
         <input id=\"user_name\" name=\"user_name\" autocomplete=\"username\" value=\"{user}\">\
         <label for=\"user_password\">Password</label>\
         <input id=\"user_password\" name=\"user_password\" type=\"password\" \
         autocomplete=\"current-password\">\
         <button type=\"submit\">Log in</button></form>",
        error = error.unwrap_or_default(),
        auth = escape(auth_request),
        user = escape(user_name),
    );
    layout(StatusCode::OK, "Log in | ServiceNow", &body)
}

/// What the consent page shows and carries.
pub struct Consent<'a> {
    pub client_name: &'a str,
    pub display_name: &'a str,
    pub scope: &'a str,
    pub auth_request: &'a str,
    pub ck: &'a str,
}

/// The consent page: Allow or Deny, with "Not you?" to switch accounts.
pub fn consent(c: &Consent<'_>) -> Response {
    let again = format!("/oauth_auth.do?{}", c.auth_request);
    let logout = format!(
        "/logout.do?{}",
        serde_urlencoded::to_string([("sysparm_goto_url", again)]).unwrap_or_default()
    );
    let body = format!(
        "<h1>{client} is requesting access to your ServiceNow account</h1>\
         <p>Signed in as <strong>{user}</strong> <a href=\"{logout}\">Not you?</a></p>\
         <p class=\"muted\">Requested scope: {scope}</p>\
         <form method=\"post\" action=\"/oauth_auth.do\">\
         <input type=\"hidden\" name=\"auth_request\" value=\"{auth}\">\
         <input type=\"hidden\" name=\"sysparm_ck\" value=\"{ck}\">\
         <button type=\"submit\" name=\"action\" value=\"allow\">Allow</button>\
         <button type=\"submit\" name=\"action\" value=\"deny\">Deny</button></form>",
        client = escape(c.client_name),
        user = escape(c.display_name),
        logout = escape(&logout),
        scope = escape(c.scope),
        auth = escape(c.auth_request),
        ck = escape(c.ck),
    );
    layout(StatusCode::OK, "Allow access | ServiceNow", &body)
}

/// An OAuth error page (no redirect: the client could not be trusted).
pub fn error(status: StatusCode, message: &str) -> Response {
    let body = format!(
        "<h1>OAuth error</h1><p class=\"error\" role=\"alert\">{}</p>",
        escape(message)
    );
    layout(status, "OAuth error | ServiceNow", &body)
}
