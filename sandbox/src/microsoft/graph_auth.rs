//! Who a Graph request runs as: the bearer access token, its delegated scopes and the
//! user's directory roles, and Graph's error body
//! (`{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`,
//! concepts/errors.md, "Error resource type").

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::config::MicrosoftUser;
use super::errors::{guid, json_response};
use super::state::MsState;

/// A Graph error answer. The 401 messages ("Access token is empty.", "Lifetime validation
/// failed, the token is expired.") are the ones Graph is seen to send [not in the reference].
#[derive(Debug, Clone)]
pub struct GraphError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Seconds for `Retry-After` (429).
    pub retry_after: Option<u32>,
    pub client_request_id: Option<String>,
}

impl GraphError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> GraphError {
        GraphError {
            status,
            code,
            message: message.into(),
            retry_after: None,
            client_request_id: None,
        }
    }

    /// Echoes the caller's `client-request-id` in the error, as Graph does.
    pub fn for_request(mut self, headers: &HeaderMap) -> GraphError {
        self.client_request_id = client_request_id(headers);
        self
    }
}

/// The `client-request-id` a caller sent, if any.
pub fn client_request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("client-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

impl IntoResponse for GraphError {
    fn into_response(self) -> Response {
        let request_id = guid();
        let client = self.client_request_id.unwrap_or_else(|| request_id.clone());
        let date = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string();
        let body = json!({
            "error": {
                "code": self.code,
                "message": self.message,
                "innerError": {
                    "date": date,
                    "request-id": request_id,
                    "client-request-id": client,
                }
            }
        });
        let mut response = json_response(self.status, body.to_string());
        let headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(&request_id) {
            headers.insert("request-id", value);
        }
        if let Some(secs) = self.retry_after {
            headers.insert("retry-after", HeaderValue::from(secs));
        }
        response
    }
}

/// The caller of a Graph request.
#[derive(Debug, Clone)]
pub struct GraphCaller {
    pub user: MicrosoftUser,
    /// Delegated permission names, without the resource prefix.
    pub scopes: Vec<String>,
}

impl GraphCaller {
    /// Whether the token carries one of these delegated permissions.
    pub fn has_scope(&self, any: &[&str]) -> bool {
        self.scopes.iter().any(|s| any.contains(&s.as_str()))
    }
}

impl FromRequestParts<crate::state::AppState> for GraphCaller {
    type Rejection = GraphError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &crate::state::AppState,
    ) -> Result<Self, GraphError> {
        let ms = state.microsoft();
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        let unauthorized = |message: &str| {
            GraphError::new(
                StatusCode::UNAUTHORIZED,
                "InvalidAuthenticationToken",
                message,
            )
            .for_request(&parts.headers)
        };
        let token = header
            .and_then(|h| h.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|t| !t.is_empty());
        let Some(token) = token else {
            return Err(unauthorized("Access token is empty."));
        };
        let grant = ms.with(|d| d.access.get(token).cloned());
        let Some(grant) = grant.filter(|g| !g.revoked) else {
            return Err(unauthorized(
                "Access token validation failure. Invalid audience.",
            ));
        };
        if std::time::Instant::now() >= grant.expires_at {
            return Err(unauthorized(
                "Lifetime validation failed, the token is expired.",
            ));
        }
        let Some(user) = ms.user(&grant.upn) else {
            return Err(unauthorized("Access token validation failure."));
        };
        Ok(GraphCaller {
            user,
            scopes: graph_scopes(&grant.scope),
        })
    }
}

/// The Graph permissions among requested scopes: `{graph}/Name` (any Graph root, the
/// sandbox's own included) or a bare `Name`, which means Graph (scopes-oidc.md).
fn graph_scopes(scope: &str) -> Vec<String> {
    scope
        .split_whitespace()
        .filter(|s| !["openid", "profile", "email", "offline_access"].contains(s))
        .map(|s| s.rsplit('/').next().unwrap_or(s).to_owned())
        .collect()
}

/// Refuses a caller without the role or the delegated permission.
pub fn require(
    ms: &MsState,
    caller: &GraphCaller,
    headers: &HeaderMap,
    scopes: &[&str],
    roles: &[&str],
) -> Result<(), GraphError> {
    let _ = ms;
    if !caller.has_scope(scopes) {
        let message = format!(
            "Missing scope permissions on the request. API requires one of '{}'.",
            scopes.join(", ")
        );
        return Err(
            GraphError::new(StatusCode::FORBIDDEN, "Forbidden", message).for_request(headers)
        );
    }
    if !caller.user.has_any_role(roles) {
        let message = format!(
            "Insufficient privileges to complete the operation. The signed-in user needs one of \
             the roles {}.",
            roles.join(", ")
        );
        return Err(
            GraphError::new(StatusCode::FORBIDDEN, "Forbidden", message).for_request(headers)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::graph_scopes;

    #[test]
    fn graph_scopes_drop_the_resource_and_openid_scopes() {
        let scopes = graph_scopes(
            "https://graph.microsoft.com/SecurityEvents.Read.All offline_access openid profile http://127.0.0.1:8701/SecurityEvents.ReadWrite.All",
        );
        assert_eq!(
            scopes,
            ["SecurityEvents.Read.All", "SecurityEvents.ReadWrite.All"]
        );
    }
}
