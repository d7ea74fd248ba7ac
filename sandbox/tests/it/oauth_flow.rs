//! The authorization code flow as a person goes through it, and what the tokens do.

use axum::http::StatusCode;
use snowcard_sandbox::{GrantCounts, DEMO_CLIENT_ID};

use crate::common::{demo_query, hidden, instance, param, REDIRECT, VERIFIER};

#[tokio::test]
async fn login_then_consent_then_tokens_in_servicenow_shape() {
    let sn = instance();
    let state = "st&te=1 ü/?";
    let query = demo_query(state);
    let login = sn.get(&format!("/oauth_auth.do?{query}"), None).await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(
        login
            .body
            .contains("<label for=\"user_name\">User name</label>"),
        "{}",
        login.body
    );
    assert!(login
        .body
        .contains("<label for=\"user_password\">Password</label>"));
    assert!(login.body.contains(">Log in</button>"));

    let cookie = sn.login("beth.anglin", "sandbox-demo", &query).await;
    assert!(cookie.starts_with("JSESSIONID="));
    let consent = sn
        .get_with_cookie(&format!("/oauth_auth.do?{query}"), &cookie)
        .await;
    assert!(consent
        .body
        .contains("snowcard is requesting access to your ServiceNow account"));
    assert!(consent
        .body
        .contains("Signed in as <strong>Beth Anglin</strong>"));
    assert!(consent.body.contains(">Not you?</a>"));
    let ck = hidden(&consent.body, "sysparm_ck");
    let form = [
        ("auth_request", query.as_str()),
        ("sysparm_ck", ck.as_str()),
        ("action", "allow"),
    ];
    let allowed = sn.post_form("/oauth_auth.do", &form, Some(&cookie)).await;
    assert_eq!(allowed.status, StatusCode::FOUND);
    let location = allowed.location();
    assert!(
        location.starts_with("http://127.0.0.1:8700/?code="),
        "{location}"
    );
    assert_eq!(param(location, "state").as_deref(), Some(state));

    let code = param(location, "code").expect("code");
    let reply = sn.redeem(&code, VERIFIER).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/json;charset=UTF-8")
    );
    let json = reply.json();
    assert_eq!(json["token_type"], "Bearer");
    assert_eq!(json["scope"], "useraccount");
    assert_eq!(json["expires_in"], 1799);
    let access = json["access_token"].as_str().expect("access token");
    assert!(
        json.get("refresh_token").is_none(),
        "a public client gets no refresh token by default: {json}"
    );
    assert!(sn.control.access_token_valid(access));
    let grants = GrantCounts {
        authorization_code: 1,
        refresh_token: 0,
        revoked: 0,
    };
    assert_eq!(sn.control.grants(), grants);

    let me = sn
        .get("/api/now/ui/user/current_user", Some(access))
        .await
        .json();
    assert_eq!(me["result"]["user_name"], "beth.anglin");
    assert_eq!(me["result"]["user_display_name"], "Beth Anglin");
}

#[tokio::test]
async fn deny_redirects_with_access_denied_and_the_state() {
    let sn = instance();
    let query = demo_query("s1");
    let cookie = sn.login("admin", "sandbox-admin", &query).await;
    let consent = sn
        .get_with_cookie(&format!("/oauth_auth.do?{query}"), &cookie)
        .await;
    let ck = hidden(&consent.body, "sysparm_ck");
    let form = [
        ("auth_request", query.as_str()),
        ("sysparm_ck", ck.as_str()),
        ("action", "deny"),
    ];
    let reply = sn.post_form("/oauth_auth.do", &form, Some(&cookie)).await;
    assert_eq!(
        reply.location(),
        format!("{REDIRECT}?error=access_denied&state=s1&iss=http%3A%2F%2Finstance.test")
    );
}

#[tokio::test]
async fn bad_credentials_show_the_login_page_again_keeping_the_user_name() {
    let sn = instance();
    let query = demo_query("s1");
    let form = [
        ("user_name", "beth.anglin"),
        ("user_password", "wrong"),
        ("auth_request", query.as_str()),
    ];
    let reply = sn.post_form("/login.do", &form, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("User name or password invalid."));
    assert!(reply.body.contains("value=\"beth.anglin\""));
    assert!(reply.header("set-cookie").is_none());
}

#[tokio::test]
async fn not_you_logs_out_and_returns_to_the_login_page_with_the_same_request() {
    let sn = instance();
    let query = demo_query("s1");
    let cookie = sn.login("admin", "sandbox-admin", &query).await;
    let consent = sn
        .get_with_cookie(&format!("/oauth_auth.do?{query}"), &cookie)
        .await;
    let href = consent
        .body
        .split("<a href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("link");
    let href = href.replace("&amp;", "&");
    let logout = sn.get_with_cookie(&href, &cookie).await;
    assert_eq!(logout.status, StatusCode::FOUND);
    assert_eq!(logout.location(), format!("/oauth_auth.do?{query}"));
    let page = sn.get_with_cookie(logout.location(), &cookie).await;
    assert!(
        page.body.contains(">Log in</button>"),
        "still signed in: {}",
        page.body
    );
}

#[tokio::test]
async fn consent_without_the_form_key_is_refused() {
    let sn = instance();
    let query = demo_query("s1");
    let cookie = sn.login("admin", "sandbox-admin", &query).await;
    let form = [
        ("auth_request", query.as_str()),
        ("sysparm_ck", "forged"),
        ("action", "allow"),
    ];
    let reply = sn.post_form("/oauth_auth.do", &form, Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.header("location").is_none());
}

#[tokio::test]
async fn refresh_grant_works_after_access_tokens_expire() {
    let sn = instance();
    let (access, refresh) = sn.tokens("snowcard.integration", "sandbox-demo").await;
    sn.control.expire_access_tokens();
    assert_eq!(
        sn.get("/api/now/table/incident", Some(&access))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let reply = sn.refresh(&refresh).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let json = reply.json();
    assert_eq!(
        json["refresh_token"],
        refresh.as_str(),
        "ServiceNow returns the same refresh token"
    );
    let fresh = json["access_token"].as_str().expect("access token");
    assert_ne!(fresh, access);
    assert_eq!(
        sn.get("/api/now/table/incident", Some(fresh)).await.status,
        StatusCode::OK
    );
    assert_eq!(sn.control.grants().refresh_token, 1);
}

#[tokio::test]
async fn revoking_tokens_makes_them_fail() {
    let sn = instance();
    let (access, refresh) = sn.tokens("snowcard.integration", "sandbox-demo").await;
    let reply = sn
        .get(&format!("/oauth_revoke_token.do?token={access}"), None)
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        sn.get("/api/now/table/incident", Some(&access))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // Revoking the refresh token takes its access tokens with it.
    let second = sn.refresh(&refresh).await.json()["access_token"]
        .as_str()
        .map(str::to_owned)
        .expect("token");
    let form = [("token", refresh.as_str())];
    assert_eq!(
        sn.post_form("/oauth_revoke_token.do", &form, None)
            .await
            .status,
        StatusCode::OK
    );
    assert!(!sn.control.access_token_valid(&second));
    let refused = sn.refresh(&refresh).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.json()["error"], "server_error");
    assert_eq!(sn.control.grants().revoked, 2);
    let unknown = sn.get("/oauth_revoke_token.do?token=nonsense", None).await;
    assert_eq!(unknown.status, StatusCode::OK, "revoke answers 200 always");
}

#[tokio::test]
async fn a_registered_redirect_with_a_query_keeps_it() {
    let registered = "http://127.0.0.1:8700/callback?tenant=contoso";
    let sn = crate::common::instance_with(|c| c.clients[0].redirect_uri = registered.to_owned());
    let query = crate::common::auth_query(DEMO_CLIENT_ID, registered, Some("s"), Some("S256"));
    let location = sn.approve("admin", "sandbox-admin", &query).await;
    assert!(
        location.starts_with(&format!("{registered}&code=")),
        "{location}"
    );
}

#[tokio::test]
async fn the_answer_carries_iss_unless_switched_off_or_replaced() {
    let sn = instance();
    let location = sn.approve("admin", "sandbox-admin", &demo_query("a")).await;
    assert_eq!(
        param(&location, "iss").as_deref(),
        Some("http://instance.test")
    );
    sn.control
        .set_wrong_iss(Some("https://evil.example".into()));
    let location = sn.approve("admin", "sandbox-admin", &demo_query("b")).await;
    assert_eq!(
        param(&location, "iss").as_deref(),
        Some("https://evil.example")
    );
    sn.control.set_send_iss(false);
    let location = sn.approve("admin", "sandbox-admin", &demo_query("c")).await;
    assert_eq!(param(&location, "iss"), None);
    assert!(param(&location, "code").is_some());
}

#[tokio::test]
async fn the_granted_scope_is_the_requested_useraccount() {
    let sn = instance();
    let query = format!("{}&scope=useraccount", demo_query("s"));
    let location = sn.approve("admin", "sandbox-admin", &query).await;
    let code = param(&location, "code").expect("code");
    let json = sn.redeem(&code, VERIFIER).await.json();
    assert_eq!(json["scope"], "useraccount");
}

#[tokio::test]
async fn refresh_tokens_are_only_issued_when_switched_on() {
    let sn = crate::common::instance_with(|c| c.public_refresh_tokens = true);
    let code = sn.code_for("admin", "sandbox-admin").await;
    let json = sn.redeem(&code, VERIFIER).await.json();
    let refresh = json["refresh_token"]
        .as_str()
        .expect("refresh token")
        .to_owned();
    assert!(refresh.len() >= 32);
    assert_eq!(sn.refresh(&refresh).await.status, StatusCode::OK);
    // Switched back to the documented default, the same refresh token is refused.
    sn.control.set_refresh_tokens(false);
    let refused = sn.refresh(&refresh).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.json()["error_description"], "access_denied");
    assert_eq!(sn.control.grants().refresh_token, 1);
}

#[tokio::test]
async fn an_expired_refresh_token_is_refused_in_servicenows_format_or_the_rfcs() {
    let sn = instance();
    let (_, refresh) = sn.tokens("snowcard.integration", "sandbox-demo").await;
    sn.control.expire_refresh_tokens();
    let reply = sn.refresh(&refresh).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        reply.json(),
        serde_json::json!({"error": "server_error", "error_description": "access_denied"})
    );
    sn.control.set_rfc6749_token_errors(true);
    let reply = sn.refresh(&refresh).await;
    assert_eq!(reply.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn the_token_endpoint_can_be_unavailable_once() {
    use snowcard_sandbox::TokenFault;
    let sn = instance();
    let code = sn.code_for("admin", "sandbox-admin").await;
    sn.control.fail_token_endpoint(TokenFault::Unavailable, 1);
    let reply = sn.redeem(&code, VERIFIER).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(reply.body.contains("Service Unavailable"), "{}", reply.body);
    sn.control
        .fail_token_endpoint(TokenFault::TemporarilyUnavailable, 1);
    let reply = sn.redeem(&code, VERIFIER).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.json()["error"], "temporarily_unavailable");
    // The code was never looked at, so it still works.
    assert_eq!(sn.redeem(&code, VERIFIER).await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_client_id_may_come_as_basic_credentials() {
    use axum::body::Body;
    use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
    use axum::http::Method;
    use base64::Engine as _;

    let sn = instance();
    let code = sn.code_for("admin", "sandbox-admin").await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
        ("code_verifier", VERIFIER),
    ];
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{DEMO_CLIENT_ID}:"));
    let request = crate::common::Instance::request(Method::POST, "/oauth_token.do")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(AUTHORIZATION, format!("Basic {basic}"))
        .body(Body::from(
            serde_urlencoded::to_string(form).unwrap_or_default(),
        ))
        .expect("request");
    let reply = sn.send(request).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
}
