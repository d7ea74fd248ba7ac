//! The sign-in against scripted identity-platform answers, shaped as
//! identity-platform/v2-oauth2-auth-code-flow.md documents them.

use chrono::{Duration, TimeZone};
use futures::executor::block_on;
use url::Url;

use super::*;
use crate::microsoft::id_token::tests::{jwt, CLIENT, TID};
use crate::microsoft::settings::{validate, TenantDraft};
use crate::servicenow::fake::{form_value, json, FakeTransport};

fn settings(write: bool) -> TenantSettings {
    validate(
        &TenantDraft {
            tenant: TID.into(),
            client_id: CLIENT.into(),
            write,
            ..TenantDraft::default()
        },
        "https://portal.example/snowcard/",
    )
    .expect("valid")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
        .single()
        .expect("valid time")
}

fn param(url: &Url, key: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

#[test]
fn the_authorize_url_has_the_documented_shape() {
    let (url, pending) = begin(settings(false), chrono::Utc::now()).expect("begin");
    let url = Url::parse(&url).expect("absolute url");
    assert_eq!(
        url.as_str().split('?').next(),
        Some(format!("https://login.microsoftonline.com/{TID}/oauth2/v2.0/authorize").as_str())
    );
    assert_eq!(param(&url, "response_type").as_deref(), Some("code"));
    assert_eq!(param(&url, "response_mode").as_deref(), Some("query"));
    assert_eq!(param(&url, "client_id").as_deref(), Some(CLIENT));
    assert_eq!(
        param(&url, "redirect_uri").as_deref(),
        Some("https://portal.example/snowcard/")
    );
    assert_eq!(
        param(&url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&pending.verifier);
    assert_eq!(
        param(&url, "code_challenge").as_deref(),
        Some(challenge.as_str())
    );
    assert_eq!(param(&url, "state"), Some(pending.state.secret().clone()));
    assert_eq!(param(&url, "nonce"), Some(pending.nonce.secret().clone()));
    assert_ne!(pending.nonce.secret(), pending.state.secret());
    assert_eq!(param(&url, "client_secret"), None);
}

#[test]
fn the_scopes_read_secure_score_and_ask_for_refresh_and_id_tokens() {
    let (url, _) = begin(settings(false), chrono::Utc::now()).expect("begin");
    let url = Url::parse(&url).expect("url");
    assert_eq!(
        param(&url, "scope").as_deref(),
        Some("https://graph.microsoft.com/SecurityEvents.Read.All offline_access openid profile")
    );
    let (url, _) = begin(settings(true), chrono::Utc::now()).expect("begin");
    let url = Url::parse(&url).expect("url");
    assert_eq!(
        param(&url, "scope").as_deref(),
        Some("https://graph.microsoft.com/SecurityEvents.Read.All https://graph.microsoft.com/SecurityEvents.ReadWrite.All offline_access openid profile")
    );
}

#[test]
fn the_pending_sign_in_survives_storage_and_hides_its_secrets() {
    let (_, pending) = begin(settings(true), chrono::Utc::now()).expect("begin");
    let shown = format!("{pending:?}");
    assert!(!shown.contains(pending.verifier.secret().as_str()));
    assert!(!shown.contains(pending.nonce.secret().as_str()));
    let stored = serde_json::to_string(&pending).expect("serialize");
    let back: PendingSignIn = serde_json::from_str(&stored).expect("deserialize");
    assert_eq!(back.settings, pending.settings);
    assert_eq!(back.nonce.secret(), pending.nonce.secret());
    assert_eq!(back.verifier.secret(), pending.verifier.secret());
}

fn callback(query: &str) -> Callback {
    let url = Url::parse(&format!("https://portal.example/snowcard/?{query}")).expect("url");
    Callback::from_url(&url).expect("a callback")
}

#[test]
fn the_callback_checks_state_then_reads_code_or_aadsts_error() {
    let (_, pending) = begin(settings(false), chrono::Utc::now()).expect("begin");
    let state = pending.state.secret().clone();
    assert!(pending.is_answered_by(&callback(&format!("code=abc&state={state}"))));
    assert!(!pending.is_answered_by(&callback("code=abc&state=servicenow-state")));
    let ok = verify(
        &callback(&format!("code=abc&state={state}")),
        Some(&pending),
    );
    assert_eq!(ok.map(|c| c.secret().clone()), Ok("abc".to_owned()));
    assert_eq!(
        verify(
            &callback(&format!("code=abc&state={state}x")),
            Some(&pending)
        )
        .err(),
        Some(SignInError::StateMismatch)
    );
    assert_eq!(
        verify(&callback("code=abc"), Some(&pending)).err(),
        Some(SignInError::StateMissing)
    );
    assert_eq!(
        verify(&callback("code=abc&state=s"), None).err(),
        Some(SignInError::NoPendingSignIn)
    );
    let consent = callback(&format!(
        "error=consent_required&error_description=AADSTS65001%3A+The+user+or+administrator+has+not+consented&state={state}"
    ));
    assert!(matches!(
        verify(&consent, Some(&pending)),
        Err(SignInError::ConsentRequired { .. })
    ));
    let cancelled = callback(&format!(
        "error=access_denied&error_description=the+user+canceled+the+authentication&state={state}"
    ));
    assert_eq!(
        verify(&cancelled, Some(&pending)).err(),
        Some(SignInError::AccessDenied)
    );
}

fn token_body(id_token: &str, refresh: &str, scope: &str) -> String {
    serde_json::json!({
        "access_token": "AT1",
        "token_type": "Bearer",
        "expires_in": 3599,
        "scope": scope,
        "refresh_token": refresh,
        "id_token": id_token,
    })
    .to_string()
}

fn id_token_for(pending: &PendingSignIn) -> String {
    jwt(&serde_json::json!({
        "aud": CLIENT,
        "iss": format!("https://login.microsoftonline.com/{TID}/v2.0"),
        "tid": TID,
        "nonce": pending.nonce.secret(),
        "name": "Adele Vance",
        "preferred_username": "adelev@contoso.onmicrosoft.com",
    }))
}

#[test]
fn the_code_exchange_posts_the_verifier_to_the_token_endpoint_without_a_secret() {
    let (_, pending) = begin(settings(true), chrono::Utc::now()).expect("begin");
    let body = token_body(
        &id_token_for(&pending),
        "RT1",
        "https://graph.microsoft.com/SecurityEvents.Read.All https://graph.microsoft.com/SecurityEvents.ReadWrite.All",
    );
    let transport = FakeTransport::new(move |_| json(200, &body));
    let verifier = pending.verifier.secret().clone();
    let signed_in = block_on(exchange_code(
        &transport,
        pending,
        AuthorizationCode::new("c0de".into()),
        now(),
    ))
    .expect("signed in");
    assert_eq!(signed_in.tokens.access_token.secret(), "AT1");
    assert_eq!(signed_in.tokens.expires_at, now() + Duration::seconds(3599));
    assert_eq!(signed_in.account.name, "Adele Vance");
    assert_eq!(signed_in.account.tenant_domain, "contoso.onmicrosoft.com");
    assert!(signed_in.can_write);
    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(
        sent[0].url,
        format!("https://login.microsoftonline.com/{TID}/oauth2/v2.0/token")
    );
    let form = |k: &str| form_value(&sent[0].body, k);
    assert_eq!(form("grant_type").as_deref(), Some("authorization_code"));
    assert_eq!(form("code").as_deref(), Some("c0de"));
    assert_eq!(form("code_verifier"), Some(verifier));
    assert_eq!(form("client_id").as_deref(), Some(CLIENT));
    assert_eq!(
        form("redirect_uri").as_deref(),
        Some("https://portal.example/snowcard/")
    );
    assert_eq!(form("client_secret"), None);
    assert_eq!(sent[0].authorization, None);
}

#[test]
fn a_token_without_the_write_scope_offers_no_write_back() {
    let (_, pending) = begin(settings(true), chrono::Utc::now()).expect("begin");
    let body = token_body(
        &id_token_for(&pending),
        "RT1",
        "https://graph.microsoft.com/SecurityEvents.Read.All openid profile",
    );
    let transport = FakeTransport::new(move |_| json(200, &body));
    let signed_in = block_on(exchange_code(
        &transport,
        pending,
        AuthorizationCode::new("c".into()),
        now(),
    ))
    .expect("signed in");
    assert!(!signed_in.can_write);
}

#[test]
fn an_id_token_from_another_sign_in_is_refused() {
    let (_, earlier) = begin(settings(false), chrono::Utc::now()).expect("begin");
    let (_, pending) = begin(settings(false), chrono::Utc::now()).expect("begin");
    let body = token_body(&id_token_for(&earlier), "RT1", "");
    let transport = FakeTransport::new(move |_| json(200, &body));
    let result = block_on(exchange_code(
        &transport,
        pending,
        AuthorizationCode::new("c".into()),
        now(),
    ));
    assert!(matches!(
        result,
        Err(SignInError::IdToken(
            crate::microsoft::error::IdTokenError::NonceMismatch
        ))
    ));
}

#[test]
fn token_endpoint_refusals_are_classified_by_their_aadsts_codes() {
    let cases = [
        (
            r#"{"error":"invalid_request","error_description":"AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.","error_codes":[9002326]}"#,
            SignInError::NotSpa,
        ),
        (
            r#"{"error":"invalid_grant","error_description":"AADSTS50020: User account from identity provider does not exist in tenant","error_codes":[50020]}"#,
            SignInError::UserNotInTenant { code: 50020 },
        ),
    ];
    for (body, expected) in cases {
        let transport = FakeTransport::new(move |_| json(400, body));
        let (_, pending) = begin(settings(false), chrono::Utc::now()).expect("begin");
        let result = block_on(exchange_code(
            &transport,
            pending,
            AuthorizationCode::new("c".into()),
            now(),
        ));
        assert_eq!(result.err(), Some(expected));
    }
}

#[test]
fn a_busy_token_endpoint_is_asked_once_more() {
    let transport = FakeTransport::new(|_| json(503, "<html>Service Unavailable</html>"));
    let result = block_on(refresh(
        &transport,
        &settings(false),
        &RefreshToken::new("RT0".into()),
        now(),
    ));
    assert!(matches!(
        result,
        Err(SignInError::Unavailable { status: 503, .. })
    ));
    assert_eq!(transport.requests().len(), 2);
}

#[test]
fn refresh_keeps_the_newest_refresh_token() {
    // SPA refresh tokens rotate: each answer's refresh token replaces the one sent.
    let transport = FakeTransport::new(|_| {
        json(
            200,
            r#"{"access_token":"AT2","token_type":"Bearer","expires_in":3599,"refresh_token":"RT2"}"#,
        )
    });
    let tokens = block_on(refresh(
        &transport,
        &settings(true),
        &RefreshToken::new("RT1".into()),
        now(),
    ))
    .expect("tokens");
    assert_eq!(tokens.access_token.secret(), "AT2");
    assert_eq!(
        tokens.refresh_token.map(|t| t.secret().clone()).as_deref(),
        Some("RT2")
    );
    let sent = transport.requests();
    let form = |k: &str| form_value(&sent[0].body, k);
    assert_eq!(form("grant_type").as_deref(), Some("refresh_token"));
    assert_eq!(form("refresh_token").as_deref(), Some("RT1"));
    assert_eq!(form("client_id").as_deref(), Some(CLIENT));
    assert_eq!(
        form("scope").as_deref(),
        Some("https://graph.microsoft.com/SecurityEvents.Read.All https://graph.microsoft.com/SecurityEvents.ReadWrite.All offline_access openid profile")
    );
}

#[test]
fn a_refused_refresh_says_sign_in_again() {
    let transport = FakeTransport::new(|_| {
        json(
            400,
            r#"{"error":"invalid_grant","error_description":"AADSTS700084: The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime","error_codes":[700084]}"#,
        )
    });
    let result = block_on(refresh(
        &transport,
        &settings(false),
        &RefreshToken::new("RT1".into()),
        now(),
    ));
    let error = result.expect_err("refused");
    assert!(matches!(error, SignInError::SignInAgain { .. }));
    assert!(error.ends_session());
    assert_eq!(transport.requests().len(), 1);
}

#[test]
fn expires_in_is_clamped_to_a_day_and_never_panics() {
    let day = crate::servicenow::oauth::LIFETIME_BOUNDS_SECS.1;
    for (expires_in, lifetime) in [("3599", 3599), ("0", 1), ("18446744073709551615", day)] {
        let body = format!(
            r#"{{"access_token":"AT2","token_type":"Bearer","expires_in":{expires_in},"refresh_token":"RT2"}}"#
        );
        let transport = FakeTransport::new(move |_| json(200, &body));
        let tokens = block_on(refresh(
            &transport,
            &settings(false),
            &RefreshToken::new("RT1".into()),
            now(),
        ))
        .expect("tokens");
        assert_eq!(tokens.lifetime_secs, lifetime, "expires_in {expires_in}");
        assert_eq!(tokens.expires_at, now() + Duration::seconds(lifetime));
    }
    let transport = FakeTransport::new(|_| {
        json(
            200,
            r#"{"access_token":"AT2","token_type":"Bearer","expires_in":-60}"#,
        )
    });
    let result = block_on(refresh(
        &transport,
        &settings(false),
        &RefreshToken::new("RT1".into()),
        now(),
    ));
    assert!(
        matches!(result, Err(SignInError::UnexpectedResponse(_))),
        "{result:?}"
    );
}
