//! The Microsoft identity platform stand-in: sign-in and consent, the code and token
//! exchange, rotating refresh tokens, and the AADSTS errors a person can act on.

use axum::http::header::COOKIE;
use axum::http::StatusCode;
use snowcard_sandbox::microsoft::{MS_CLIENT_ID, TENANT_DOMAIN, TENANT_ID};

use crate::common::{instance, param, APP, REDIRECT};
use crate::ms_common::{authorize_path, claims, hidden_value, query, ADELE, LEE, READ_SCOPE};

#[tokio::test]
async fn sign_in_consent_and_tokens_as_the_documentation_shows_them() {
    let ms = instance();
    let q = query(REDIRECT, READ_SCOPE, "st&te ü");
    let page = ms.get(&authorize_path(TENANT_DOMAIN, &q), None).await;
    assert_eq!(page.status, StatusCode::OK);
    for label in [
        "<h1>Sign in</h1>",
        "<label for=\"login\">Email, phone, or Skype</label>",
        "<label for=\"passwd\">Password</label>",
        ">Sign in</button>",
    ] {
        assert!(page.body.contains(label), "{label} missing: {}", page.body);
    }
    let (consent, _) = ms.ms_sign_in(TENANT_DOMAIN, ADELE, &q).await;
    for text in [
        "Permissions requested",
        "<strong>snowcard</strong>",
        "Read your organization&#39;s security events",
        "Maintain access to data you have given it access to",
        ">Accept</button>",
        ">Cancel</button>",
    ] {
        assert!(
            consent.body.contains(text),
            "{text} missing: {}",
            consent.body
        );
    }
    let location = ms.ms_approve(ADELE, &q).await;
    assert!(
        location.starts_with(&format!("{REDIRECT}?code=")),
        "{location}"
    );
    assert_eq!(param(&location, "state").as_deref(), Some("st&te ü"));

    let code = param(&location, "code").expect("code");
    let reply = ms.ms_redeem(&code, REDIRECT, Some(APP)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.header("access-control-allow-origin"), Some(APP));
    let json = reply.json();
    assert_eq!(json["token_type"], "Bearer");
    assert_eq!(json["expires_in"], 3599);
    assert_eq!(
        json["scope"],
        "https://graph.microsoft.com/SecurityEvents.Read.All openid profile"
    );
    assert!(json["refresh_token"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    let id = claims(json["id_token"].as_str().expect("id_token"));
    assert_eq!(id["iss"], format!("http://instance.test/{TENANT_ID}/v2.0"));
    assert_eq!(id["tid"], TENANT_ID);
    assert_eq!(id["aud"], MS_CLIENT_ID);
    assert_eq!(id["nonce"], "nonce-1");
    assert_eq!(id["name"], "Adele Vance");
    assert_eq!(id["preferred_username"], ADELE);
    assert_eq!(id["oid"], "6e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b");
    assert_eq!(ms.control.microsoft().grants().authorization_code, 1);
}

#[tokio::test]
async fn the_tenant_is_its_id_its_domain_or_organizations() {
    let ms = instance();
    let q = query(REDIRECT, READ_SCOPE, "s");
    for tenant in [TENANT_ID, TENANT_DOMAIN, "organizations"] {
        let page = ms.get(&authorize_path(tenant, &q), None).await;
        assert_eq!(page.status, StatusCode::OK, "{tenant}: {}", page.body);
        assert!(page
            .body
            .contains(&format!("action=\"/{tenant}/oauth2/v2.0/authorize\"")));
    }
    let unknown = ms
        .get(&authorize_path("fabrikam.onmicrosoft.com", &q), None)
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(unknown
        .body
        .contains("AADSTS90002: Tenant &#39;fabrikam.onmicrosoft.com&#39; not found"));
}

#[tokio::test]
async fn a_second_sign_in_in_the_same_browser_goes_straight_back() {
    let ms = instance();
    let q = query(REDIRECT, READ_SCOPE, "one");
    let (consent, cookie) = ms.ms_sign_in(TENANT_DOMAIN, ADELE, &q).await;
    let request = hidden_value(&consent.body, "request");
    let accept = [("request", request.as_str()), ("decision", "accept")];
    let uri = format!("/{TENANT_DOMAIN}/oauth2/v2.0/consent");
    let cookie_header = [(COOKIE.as_str(), cookie.as_str())];
    ms.form(&uri, &accept, &cookie_header).await;
    let again = query(REDIRECT, READ_SCOPE, "two");
    let reply = ms
        .get_with_cookie(&authorize_path(TENANT_DOMAIN, &again), &cookie)
        .await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
    assert_eq!(param(reply.location(), "state").as_deref(), Some("two"));
    assert!(param(reply.location(), "code").is_some());
}

#[tokio::test]
async fn an_unregistered_redirect_uri_is_aadsts50011_on_the_page_never_a_redirect() {
    let ms = instance();
    let q = query("http://127.0.0.1:9999/", READ_SCOPE, "s");
    let reply = ms.get(&authorize_path(TENANT_DOMAIN, &q), None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.header("location").is_none());
    assert!(reply.body.contains(
        "AADSTS50011: The redirect URI &#39;http://127.0.0.1:9999/&#39; specified in the request does not match"
    ), "{}", reply.body);
}

#[tokio::test]
async fn missing_consent_comes_back_as_aadsts65001_with_the_state() {
    let ms = instance();
    ms.control.microsoft().set_consent_missing(true);
    let (reply, _) = ms
        .ms_sign_in(TENANT_DOMAIN, ADELE, &query(REDIRECT, READ_SCOPE, "s1"))
        .await;
    assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
    let location = reply.location();
    assert!(location.starts_with(REDIRECT));
    assert_eq!(
        param(location, "error").as_deref(),
        Some("consent_required")
    );
    assert_eq!(param(location, "state").as_deref(), Some("s1"));
    let description = param(location, "error_description").expect("description");
    assert!(description.starts_with(&format!(
        "AADSTS65001: The user or administrator has not consented to use the application with ID '{MS_CLIENT_ID}'"
    )), "{description}");
}

#[tokio::test]
async fn cancel_on_the_consent_page_is_access_denied() {
    let ms = instance();
    let (consent, cookie) = ms
        .ms_sign_in(TENANT_DOMAIN, ADELE, &query(REDIRECT, READ_SCOPE, "s"))
        .await;
    let request = hidden_value(&consent.body, "request");
    let form = [("request", request.as_str()), ("decision", "cancel")];
    let uri = format!("/{TENANT_DOMAIN}/oauth2/v2.0/consent");
    let reply = ms
        .form(&uri, &form, &[(COOKIE.as_str(), cookie.as_str())])
        .await;
    assert_eq!(
        param(reply.location(), "error").as_deref(),
        Some("access_denied")
    );
    let description = param(reply.location(), "error_description").unwrap_or_default();
    assert!(description.starts_with("AADSTS65004: User declined to consent"));
}

#[tokio::test]
async fn a_user_from_another_tenant_gets_aadsts50020_and_so_does_anyone_under_the_switch() {
    let ms = instance();
    let (reply, _) = ms
        .ms_sign_in(TENANT_DOMAIN, LEE, &query(REDIRECT, READ_SCOPE, "s"))
        .await;
    let description = param(reply.location(), "error_description").unwrap_or_default();
    assert!(
        description.starts_with(&format!(
            "AADSTS50020: User account '{LEE}' from identity provider"
        )),
        "{description}"
    );
    assert!(description.contains("does not exist in tenant 'Contoso'"));

    ms.control.microsoft().set_user_not_in_tenant(true);
    let (reply, _) = ms
        .ms_sign_in(TENANT_DOMAIN, ADELE, &query(REDIRECT, READ_SCOPE, "s"))
        .await;
    let description = param(reply.location(), "error_description").unwrap_or_default();
    assert!(description.starts_with("AADSTS50020:"), "{description}");
}

#[tokio::test]
async fn a_wrong_password_stays_on_the_sign_in_page() {
    let ms = instance();
    let q = query(REDIRECT, READ_SCOPE, "s");
    let page = ms.get(&authorize_path(TENANT_DOMAIN, &q), None).await;
    let request = hidden_value(&page.body, "request");
    let form = [
        ("login", ADELE),
        ("passwd", "nope"),
        ("request", request.as_str()),
    ];
    let reply = ms
        .form(
            &format!("/{TENANT_DOMAIN}/oauth2/v2.0/authorize"),
            &form,
            &[],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply
        .body
        .contains("Your account or password is incorrect."));
    assert!(reply.body.contains(&format!("value=\"{ADELE}\"")));
    assert!(reply.header("set-cookie").is_none());
}

#[tokio::test]
async fn pkce_s256_is_required_and_checked() {
    let ms = instance();
    let plain = query(REDIRECT, READ_SCOPE, "s")
        .replace("code_challenge_method=S256", "code_challenge_method=plain");
    let reply = ms.get(&authorize_path(TENANT_DOMAIN, &plain), None).await;
    assert_eq!(
        param(reply.location(), "error").as_deref(),
        Some("invalid_request")
    );
    assert!(param(reply.location(), "error_description")
        .unwrap_or_default()
        .starts_with("AADSTS9002325:"));

    let location = ms
        .ms_approve(ADELE, &query(REDIRECT, READ_SCOPE, "s"))
        .await;
    let code = param(&location, "code").expect("code");
    let form = [
        ("client_id", MS_CLIENT_ID),
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        (
            "code_verifier",
            "a-different-verifier-that-is-long-enough-to-be-valid-1234",
        ),
    ];
    let uri = format!("/{TENANT_DOMAIN}/oauth2/v2.0/token");
    let wrong = ms.form(&uri, &form, &[("origin", APP)]).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(wrong.json()["error"], "invalid_grant");
    assert_eq!(wrong.json()["error_codes"][0], 50148);
    let replay = ms.ms_redeem(&code, REDIRECT, Some(APP)).await;
    assert_eq!(
        replay.json()["error_codes"][0],
        54005,
        "a code is single use"
    );
}

#[tokio::test]
async fn a_web_redirect_redeemed_from_the_browser_is_aadsts9002326() {
    let ms = instance();
    ms.control.microsoft().set_redirect_type_web(true);
    let location = ms
        .ms_approve(ADELE, &query(REDIRECT, READ_SCOPE, "s"))
        .await;
    let code = param(&location, "code").expect("code");
    let reply = ms.ms_redeem(&code, REDIRECT, Some(APP)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    // The browser app can read the refusal, so it can say what to change.
    assert_eq!(reply.header("access-control-allow-origin"), Some(APP));
    let json = reply.json();
    assert_eq!(json["error"], "invalid_request");
    assert_eq!(json["error_codes"][0], 9002326);
    let description = json["error_description"].as_str().unwrap_or_default();
    assert!(description.starts_with(
        "AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type."
    ), "{description}");
}

#[tokio::test]
async fn a_spa_redirect_redeemed_without_an_origin_is_aadsts9002327() {
    let ms = instance();
    let location = ms
        .ms_approve(ADELE, &query(REDIRECT, READ_SCOPE, "s"))
        .await;
    let code = param(&location, "code").expect("code");
    let reply = ms.ms_redeem(&code, REDIRECT, None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["error_codes"][0], 9002327);
}

#[tokio::test]
async fn refresh_tokens_rotate_and_the_used_one_stops_working() {
    let ms = instance();
    let first = ms.ms_tokens(ADELE, READ_SCOPE).await;
    let old = first["refresh_token"]
        .as_str()
        .expect("refresh token")
        .to_owned();
    let renewed = ms.ms_refresh(&old).await;
    assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.body);
    let renewed = renewed.json();
    let new = renewed["refresh_token"]
        .as_str()
        .expect("a new refresh token")
        .to_owned();
    assert_ne!(new, old);
    assert_ne!(renewed["access_token"], first["access_token"]);
    assert!(ms
        .control
        .microsoft()
        .access_token_valid(renewed["access_token"].as_str().unwrap_or_default()));

    let reused = ms.ms_refresh(&old).await;
    assert_eq!(reused.status, StatusCode::BAD_REQUEST);
    assert_eq!(reused.json()["error"], "invalid_grant");
    let newest = ms.ms_refresh(&new).await;
    assert_eq!(
        newest.status,
        StatusCode::OK,
        "the newest one works: {}",
        newest.body
    );
    assert_eq!(ms.control.microsoft().grants().refresh_token, 2);
}

#[tokio::test]
async fn with_microsofts_own_behaviour_an_old_refresh_token_keeps_working() {
    let ms = instance();
    ms.control.microsoft().set_revoke_used_refresh_tokens(false);
    let first = ms.ms_tokens(ADELE, READ_SCOPE).await;
    let old = first["refresh_token"].as_str().expect("refresh token");
    assert_eq!(ms.ms_refresh(old).await.status, StatusCode::OK);
    assert_eq!(ms.ms_refresh(old).await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_expired_spa_refresh_token_is_aadsts700084() {
    let ms = instance();
    let first = ms.ms_tokens(ADELE, READ_SCOPE).await;
    ms.control.microsoft().expire_refresh_tokens();
    let reply = ms
        .ms_refresh(first["refresh_token"].as_str().expect("refresh token"))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let json = reply.json();
    assert_eq!(json["error"], "invalid_grant");
    assert_eq!(json["error_codes"][0], 700084);
}
