//! The Microsoft sign-in, consent and error pages: plain server-rendered HTML, every text
//! escaped, no script. The labels follow Microsoft's sign-in page ("Email, phone, or
//! Skype", "Password", "Sign in") and consent prompt ("Permissions requested", "Accept",
//! "Cancel"), as its screenshots show them (identity-platform/application-consent-
//! experience.md describes the prompt's parts) [labels inferred from Microsoft's pages].

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use super::errors::{Aadsts, Trace};
use crate::pages::escape;

fn layout(status: StatusCode, title: &str, body: &str) -> Response {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>\
         body{{font-family:'Segoe UI',system-ui,sans-serif;background:#f2f2f2;margin:0;color:#1b1b1b}}\
         main{{max-width:27rem;margin:4rem auto;background:#fff;padding:2.75rem;\
         box-shadow:0 2px 6px #0003}}h1{{font-size:1.5rem;font-weight:600}}\
         label{{display:block;margin-top:1rem}}\
         input[type=email],input[type=password]{{width:100%;padding:.4rem 0;border:0;\
         border-bottom:1px solid #666;box-sizing:border-box;margin-top:.25rem;font-size:1rem}}\
         button{{margin-top:1.5rem;padding:.45rem 2rem;margin-right:.5rem;border:0;\
         background:#0067b8;color:#fff}}button.secondary{{background:#ccc;color:#000}}\
         .error{{color:#e81123}}.muted{{color:#555}}code{{word-break:break-all}}\
         </style></head><body><main><p class=\"muted\">Microsoft</p>{body}</main></body></html>",
        title = escape(title),
    );
    let mut response = (status, Html(page)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// What the sign-in page posts back to.
pub struct SignIn<'a> {
    pub action: &'a str,
    pub request: &'a str,
    pub login: &'a str,
    pub error: Option<&'a str>,
}

/// The sign-in page: user name and password in one form.
pub fn sign_in(s: &SignIn<'_>) -> Response {
    let error = s
        .error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)))
        .unwrap_or_default();
    let body = format!(
        "<h1>Sign in</h1>{error}<form method=\"post\" action=\"{action}\">\
         <input type=\"hidden\" name=\"request\" value=\"{request}\">\
         <label for=\"login\">Email, phone, or Skype</label>\
         <input id=\"login\" name=\"login\" type=\"email\" autocomplete=\"username\" value=\"{login}\">\
         <label for=\"passwd\">Password</label>\
         <input id=\"passwd\" name=\"passwd\" type=\"password\" autocomplete=\"current-password\">\
         <button type=\"submit\">Sign in</button></form>",
        action = escape(s.action),
        request = escape(s.request),
        login = escape(s.login),
    );
    layout(StatusCode::OK, "Sign in to your account", &body)
}

/// What the consent page shows and carries.
pub struct Consent<'a> {
    pub action: &'a str,
    pub request: &'a str,
    pub app_name: &'a str,
    pub user: &'a str,
    pub scopes: &'a [String],
}

/// The consent prompt: the permissions the app asks for, Accept or Cancel.
pub fn consent(c: &Consent<'_>) -> Response {
    let items: String = c
        .scopes
        .iter()
        .map(|s| format!("<li>{}</li>", escape(&describe(s))))
        .collect();
    let body = format!(
        "<p>{user}</p><h1>Permissions requested</h1><p><strong>{app}</strong></p>\
         <p class=\"muted\">This application is not published by Microsoft.</p>\
         <p>This app would like to:</p><ul>{items}</ul>\
         <form method=\"post\" action=\"{action}\">\
         <input type=\"hidden\" name=\"request\" value=\"{request}\">\
         <button type=\"submit\" name=\"decision\" value=\"accept\">Accept</button>\
         <button type=\"submit\" name=\"decision\" value=\"cancel\" class=\"secondary\">Cancel</button>\
         </form>",
        user = escape(c.user),
        app = escape(c.app_name),
        action = escape(c.action),
        request = escape(c.request),
    );
    layout(StatusCode::OK, "Permissions requested", &body)
}

/// The consent display text of a scope (Graph's permissions reference, "Delegated").
fn describe(scope: &str) -> String {
    let name = scope.rsplit('/').next().unwrap_or(scope);
    match name {
        "SecurityEvents.Read.All" => "Read your organization's security events".to_owned(),
        "SecurityEvents.ReadWrite.All" => {
            "Read and update your organization's security events".to_owned()
        }
        "offline_access" => "Maintain access to data you have given it access to".to_owned(),
        "openid" => "Sign you in".to_owned(),
        "profile" => "View your basic profile".to_owned(),
        "email" => "View your email address".to_owned(),
        other => other.to_owned(),
    }
}

/// The platform's error page for a request it cannot send back to the app.
pub fn error(error: &Aadsts) -> Response {
    let body = format!(
        "<h1>Sorry, but we're having trouble signing you in.</h1>\
         <p class=\"error\" role=\"alert\"><code>{}</code></p>",
        escape(&error.description(&Trace::new()))
    );
    layout(StatusCode::BAD_REQUEST, "Sign in to your account", &body)
}
