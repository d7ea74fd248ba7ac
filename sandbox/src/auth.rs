//! Authentication of REST API calls: an OAuth Bearer access token (or HTTP Basic, for
//! manual `curl` demos). Anything else is ServiceNow's 401 "User Not Authenticated".

use axum::extract::FromRequestParts;
use axum::http::header::{AUTHORIZATION, HOST};
use axum::http::request::Parts;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::config::SandboxUser;
use crate::errors::ApiError;
use crate::ids;
use crate::state::AppState;

/// The user a REST API request runs as, and the instance URL it was addressed to.
#[derive(Debug, Clone)]
pub struct ApiUser {
    pub user: SandboxUser,
    pub sys_id: String,
    pub base_url: String,
}

impl ApiUser {
    /// Whether the user may write tickets (itil, change_manager or admin).
    pub fn is_fulfiller(&self) -> bool {
        self.user.has_any_role(&["itil", "change_manager"])
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        let user_name = header
            .and_then(|h| authenticate(state, h))
            .ok_or_else(ApiError::unauthenticated)?;
        let user = state
            .user(&user_name)
            .cloned()
            .ok_or_else(ApiError::unauthenticated)?;
        Ok(ApiUser {
            sys_id: ids::stable_sys_id(&user.user_name),
            user,
            base_url: base_url(parts, state),
        })
    }
}

fn authenticate(state: &AppState, header: &str) -> Option<String> {
    let (scheme, credentials) = header.split_once(' ')?;
    let credentials = credentials.trim();
    if scheme.eq_ignore_ascii_case("bearer") {
        return state.with(|d| d.tokens.user_of(credentials).map(str::to_owned));
    }
    if scheme.eq_ignore_ascii_case("basic") {
        let decoded = String::from_utf8(STANDARD.decode(credentials).ok()?).ok()?;
        let (name, password) = decoded.split_once(':')?;
        let user = state.user(name).filter(|u| u.password == password)?;
        return Some(user.user_name.clone());
    }
    None
}

/// The instance URL as the client addressed it (for `Link`, `Location` and
/// reference links), falling back to the bound address.
pub fn base_url(parts: &Parts, state: &AppState) -> String {
    base_url_of(&parts.headers, state)
}

/// [`base_url`] from a request's headers.
pub fn base_url_of(headers: &axum::http::HeaderMap, state: &AppState) -> String {
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    let valid = host.filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()));
    match valid {
        Some(host) if !host.contains('/') => format!("http://{host}"),
        _ => state.base_url(),
    }
}
