//! Any error answer of the Table API becomes an [`ApiError`] without a panic.

use proptest::prelude::*;

use super::*;
use crate::props::{hostile_text, json_object_with, json_value};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn api_error_bodies_never_panic(
        status in 400u16..600,
        body in prop_oneof![
            json_object_with(&["error", "status"]).prop_map(|v| v.to_string()),
            json_value().prop_map(|v| serde_json::json!({"error": v}).to_string()),
            hostile_text(),
        ],
        retry_after in proptest::option::of(hostile_text()),
    ) {
        let mut response = HttpResponse::new(body.into_bytes());
        *response.status_mut() = StatusCode::from_u16(status).unwrap_or_default();
        if let Some(value) = retry_after.and_then(|v| oauth2::http::HeaderValue::from_str(&v).ok()) {
            response.headers_mut().insert("retry-after", value);
        }
        let error = check(response);
        prop_assert!(error.is_err());
        if let Err(ApiError::Server { status: s, .. }) = error {
            prop_assert_eq!(s, status);
        }
    }
}
