//! `GET /api/now/ui/user/current_user`: who the access token belongs to.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use crate::auth::ApiUser;
use crate::errors::json_response;

/// The token's user, as the instance UI's user API describes it.
pub async fn current_user(user: ApiUser) -> Response {
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
