//! AADSTS parsing against the answers the identity platform documents.

use super::*;
use crate::microsoft::settings::{validate, TenantDraft};

fn sts(body: &str) -> SignInError {
    serde_json::from_str::<StsError>(body)
        .expect("an STS error body")
        .classify()
}

#[test]
fn the_token_endpoints_error_codes_name_the_situation() {
    // The body shape of v2-oauth2-auth-code-flow.md, "Error response".
    assert!(matches!(
        sts(
            r#"{"error":"invalid_grant","error_description":"AADSTS65001: The user or administrator has not consented to use the application with ID 'x'.\r\nTrace ID: t","error_codes":[65001],"timestamp":"2016-01-09 02:02:12Z","trace_id":"t","correlation_id":"c"}"#
        ),
        SignInError::ConsentRequired { .. }
    ));
    assert_eq!(
        sts(
            r#"{"error":"invalid_request","error_description":"AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.","error_codes":[9002326]}"#
        ),
        SignInError::NotSpa
    );
    assert!(matches!(
        sts(
            r#"{"error":"invalid_request","error_description":"AADSTS50011: The redirect URI 'https://p/' specified in the request does not match","error_codes":[50011]}"#
        ),
        SignInError::RedirectUriMismatch { .. }
    ));
    assert_eq!(
        sts(
            r#"{"error":"invalid_request","error_description":"AADSTS50020: User account 'a@b' from identity provider 'live.com' does not exist in tenant 'Contoso'","error_codes":[50020]}"#
        ),
        SignInError::UserNotInTenant { code: 50020 }
    );
    assert_eq!(
        sts(
            r#"{"error":"invalid_grant","error_description":"AADSTS90072: User account 'a@b' from identity provider 'x' does not exist in tenant","error_codes":[90072]}"#
        ),
        SignInError::UserNotInTenant { code: 90072 }
    );
}

#[test]
fn an_expired_spa_refresh_token_means_signing_in_again() {
    // reference-error-codes.md AADSTS700084: an SPA's refresh token has a fixed lifetime.
    let error = sts(
        r#"{"error":"invalid_grant","error_description":"AADSTS700084: The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00","error_codes":[700084]}"#,
    );
    assert!(matches!(error, SignInError::SignInAgain { .. }));
    assert!(error.ends_session());
    let busy = sts(r#"{"error":"temporarily_unavailable","error_description":"busy"}"#);
    assert!(busy.is_retryable());
    assert!(!busy.ends_session());
}

#[test]
fn the_authorize_callbacks_description_carries_the_code() {
    // An authorization error response carries only `error` and `error_description`.
    let callback = StsError {
        error: "invalid_client".into(),
        error_description: Some("AADSTS65001: The user or administrator has not consented".into()),
        error_codes: Vec::new(),
    };
    assert_eq!(callback.codes(), [65001]);
    assert!(matches!(
        callback.classify(),
        SignInError::ConsentRequired { .. }
    ));
    let cancelled = StsError {
        error: "access_denied".into(),
        error_description: Some("the user canceled the authentication".into()),
        error_codes: Vec::new(),
    };
    assert_eq!(cancelled.classify(), SignInError::AccessDenied);
    assert_eq!(aadsts_code("AADSTS50011: The reply URL"), Some(50011));
    assert_eq!(aadsts_code("no code here"), None);
}

#[test]
fn an_unknown_code_is_kept_for_the_logs() {
    assert_eq!(
        sts(
            r#"{"error":"invalid_scope","error_description":"AADSTS70011: The provided value for the input parameter 'scope' is not valid.","error_codes":[70011]}"#
        ),
        SignInError::Refused {
            error: "invalid_scope".into(),
            codes: vec![70011],
            description:
                "AADSTS70011: The provided value for the input parameter 'scope' is not valid."
                    .into(),
        }
    );
}

#[test]
fn the_admin_consent_url_names_tenant_client_and_redirect() {
    let settings = validate(
        &TenantDraft {
            tenant: "contoso.onmicrosoft.com".into(),
            client_id: "00001111-aaaa-2222-bbbb-3333cccc4444".into(),
            ..TenantDraft::default()
        },
        "https://portal.example/snowcard/",
    )
    .expect("valid");
    assert_eq!(
        admin_consent_url(&settings),
        "https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=00001111-aaaa-2222-bbbb-3333cccc4444&redirect_uri=https%3A%2F%2Fportal.example%2Fsnowcard%2F"
    );
}
