//! `GET /api/now/ui/user/current_user`: who the access token belongs to.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::auth::ApiUser;
use crate::errors::{json_response, ApiError};
use crate::state::AppState;

/// The token's user, as the instance UI's user API describes it; with a REST API access
/// policy that leaves the API out, a 403 (shared/servicenow.md: the API is not in the
/// official reference and "can answer 403 under API access policies"; the wording of the
/// detail is [inferred]).
pub async fn current_user(State(state): State<AppState>, user: ApiUser) -> Response {
    if state.with(|d| d.user_api_restricted) {
        let detail = "User is not authorized to access this API by a REST API access policy";
        return ApiError::new(StatusCode::FORBIDDEN, "Operation Failed", detail).into_response();
    }
    let u = &user.user;
    let initials: String = [&u.first_name, &u.last_name]
        .iter()
        .filter_map(|n| n.chars().next())
        .collect();
    let result = json!({
        "user_sys_id": user.sys_id,
        "user_name": u.user_name,
        "user_display_name": u.display_name(),
        "user_first_name": u.first_name,
        "user_last_name": u.last_name,
        "user_email": u.email,
        "user_initials": initials,
        "user_avatar": "",
        "user_time_zone": "UTC",
    });
    json_response(StatusCode::OK, &json!({ "result": result }))
}
