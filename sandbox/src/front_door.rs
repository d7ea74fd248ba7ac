//! What meets a request before the instance's own handlers: the record of `Referer`
//! headers on the API and token endpoints, and a hibernating personal developer instance (PDI).
//!
//! A PDI "hibernates" when unused and wakes only through the Developer Site: "Your PDI wakes
//! from hibernation automatically when you sign in to the Developer site" and, while signed
//! in, with "Refresh Instance" then "Wake Instance" (application-development/
//! accessing_your_pdi.md); meanwhile the instance address shows the "Your instance is
//! currently offline" page and "should be available within five minutes" of waking
//! (application-development/getting_instance_assistance.md). How that page is reached is not
//! documented: here every request to the instance, the API and `/oauth_token.do` included,
//! is answered `302 Found` to a wake-up page on another origin, with no CORS headers, as the
//! node that would add them is asleep [inferred]. Those requests never reach the instance,
//! so they are counted as `redirected`, not as API, preflight or token requests.
//!
//! The sandbox's own control routes (`/sandbox/…`) are not part of the stand-in and pass.

use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, LOCATION, REFERER};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// Middleware over the ServiceNow side of the server.
pub async fn apply(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/sandbox/") {
        return next.run(request).await;
    }
    // What clients fetch; the instance's own login and consent pages are left out, as a
    // browser names them in the Referer of their own forms.
    let path = request.uri().path();
    let fetched =
        path.starts_with("/api/") || path == "/oauth_token.do" || path == "/oauth_revoke_token.do";
    let referer = fetched && request.headers().contains_key(REFERER);
    let wake = state.with(|d| {
        if referer {
            d.requests.referer = d.requests.referer.saturating_add(1);
        }
        let wake = d.hibernating.clone();
        if wake.is_some() {
            d.requests.redirected = d.requests.redirected.saturating_add(1);
        }
        wake
    });
    match wake {
        Some(wake) => offline(&wake),
        None => next.run(request).await,
    }
}

/// `302 Found` to the wake-up page, with a short page for clients that show bodies.
fn offline(wake: &str) -> Response {
    let page = "<!DOCTYPE html><html><head><title>Instance offline</title></head><body>\
        <h1>Your instance is currently offline</h1><p>It is hibernating: wake it from the \
        Developer Site.</p></body></html>";
    let mut response = (StatusCode::FOUND, page).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html;charset=UTF-8"),
    );
    if let Ok(location) = HeaderValue::from_str(wake) {
        headers.insert(LOCATION, location);
    }
    response
}

/// Middleware inside the CORS layer: an instance whose address is moving answers its API and
/// token endpoint `307 Temporary Redirect` to the same path and query on the new address
/// (method and body kept). Its node is awake, so the CORS rule still applies to the answer
/// (and still answers preflights itself) [inferred: no ServiceNow document describes a
/// moved instance's answers]. Not `301`: browsers cache a permanent redirect, so the switch
/// could not be turned off for a running browser.
pub async fn moved(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let fetched = path.starts_with("/api/") || path == "/oauth_token.do";
    let target = state.with(|d| {
        let to = d.moved_to.clone().filter(|_| fetched)?;
        d.requests.redirected = d.requests.redirected.saturating_add(1);
        Some(to)
    });
    let Some(to) = target else {
        return next.run(request).await;
    };
    let rest = request.uri().path_and_query().map_or(path, |p| p.as_str());
    let location = format!("{}{rest}", to.trim_end_matches('/'));
    let mut response = StatusCode::TEMPORARY_REDIRECT.into_response();
    if let Ok(location) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, location);
    }
    response
}
