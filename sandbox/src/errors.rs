//! ServiceNow REST API error responses:
//! `{"error":{"message":"…","detail":"…"},"status":"failure"}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// A REST API failure with ServiceNow's message and detail strings.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub detail: Option<String>,
}

impl ApiError {
    /// An error with a detail text.
    pub fn new(status: StatusCode, message: &str, detail: &str) -> ApiError {
        ApiError {
            status,
            message: message.to_owned(),
            detail: Some(detail.to_owned()),
        }
    }

    /// 401 for a missing, unknown, expired or revoked token.
    pub fn unauthenticated() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "User Not Authenticated",
            "Required to provide Auth information",
        )
    }

    /// 404 for a record that does not exist or may not be read.
    pub fn no_record() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "No Record found",
            "Record doesn't exist or ACL restricts the record retrieval",
        )
    }

    /// 403 for a write the user's roles do not allow (`Insert` or `Update`).
    pub fn acl(operation: &str) -> ApiError {
        let detail = format!("ACL Exception {operation} Failed due to security constraints");
        ApiError::new(StatusCode::FORBIDDEN, "Operation Failed", &detail)
    }

    /// 403 for a create a data policy refuses, with ServiceNow's detail text (a newline and
    /// a space after the colon, labels comma separated), as public integrations report it.
    pub fn data_policy(labels: &[String]) -> ApiError {
        let detail = format!(
            "Data Policy Exception: \n The following fields are mandatory: {}",
            labels.join(", ")
        );
        ApiError::new(StatusCode::FORBIDDEN, "Operation Failed", &detail)
    }

    /// 400 for a table the instance does not have.
    pub fn invalid_table(table: &str) -> ApiError {
        let message = format!("Invalid table {table}");
        ApiError::new(
            StatusCode::BAD_REQUEST,
            &message,
            &format!("Table {table} does not exist"),
        )
    }

    /// 400 for a path no REST API serves.
    pub fn no_resource() -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: "Requested URI does not represent any resource".to_owned(),
            detail: None,
        }
    }

    /// 400 for a body that is not a JSON object.
    pub fn bad_payload() -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "Exception while reading request",
            "The payload is not valid JSON.",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let detail = self.detail.map(Value::String).unwrap_or(Value::Null);
        let body =
            json!({ "error": { "message": self.message, "detail": detail }, "status": "failure" });
        json_response(self.status, &body)
    }
}

/// A REST API JSON response with ServiceNow's content type.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    response
}
