//! Native tests of the OAuth flow against scripted token responses.

use chrono::TimeZone;
use futures::executor::block_on;

use super::*;
use crate::servicenow::fake::{form_value, json, FakeTransport};

fn settings() -> OAuthSettings {
    OAuthSettings {
        instance: InstanceUrl::parse("acme").expect("valid instance"),
        client_id: ClientId::new("9d4c3b2a1f0e4d5c8b7a6f5e4d3c2b1a".into()),
        redirect_uri: RedirectUrl::new("https://portal.example/snowcard/".into()).expect("valid"),
        token_url: None,
    }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
        .single()
        .expect("valid time")
}

#[test]
fn pkce_s256_matches_rfc_7636_appendix_b() {
    let verifier = PkceCodeVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
    let challenge = PkceCodeChallenge::from_code_verifier_sha256(&verifier);
    assert_eq!(
        challenge.as_str(),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
    assert_eq!(challenge.method().as_str(), "S256");
}

#[test]
fn authorize_url_carries_everything_servicenow_requires() {
    let (url, pending) = begin(settings(), chrono::Utc::now()).expect("begin");
    let url = Url::parse(&url).expect("absolute url");
    assert_eq!(
        url.as_str().split('?').next(),
        Some("https://acme.service-now.com/oauth_auth.do")
    );
    let param = |k: &str| {
        url.query_pairs()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.into_owned())
    };
    assert_eq!(param("response_type").as_deref(), Some("code"));
    assert_eq!(
        param("client_id").as_deref(),
        Some("9d4c3b2a1f0e4d5c8b7a6f5e4d3c2b1a")
    );
    assert_eq!(
        param("redirect_uri").as_deref(),
        Some("https://portal.example/snowcard/")
    );
    assert_eq!(param("code_challenge_method").as_deref(), Some("S256"));
    assert_eq!(
        param("state").as_deref(),
        Some(pending.state.secret().as_str())
    );
    let expected = PkceCodeChallenge::from_code_verifier_sha256(&pending.verifier);
    assert_eq!(param("code_challenge").as_deref(), Some(expected.as_str()));
    assert!(param("client_secret").is_none());
}

#[test]
fn each_flow_gets_a_fresh_state_and_verifier() {
    let (_, a) = begin(settings(), chrono::Utc::now()).expect("begin");
    let (_, b) = begin(settings(), chrono::Utc::now()).expect("begin");
    assert_ne!(a.state.secret(), b.state.secret());
    assert_ne!(a.verifier.secret(), b.verifier.secret());
    assert!(a.verifier.secret().len() >= 43);
}

fn callback(query: &str) -> Callback {
    let url = Url::parse(&format!("https://portal.example/snowcard/?{query}")).expect("url");
    Callback::from_url(&url).expect("a callback")
}

#[test]
fn callback_checks_state_exactly_before_anything_else() {
    let (_, pending) = begin(settings(), chrono::Utc::now()).expect("begin");
    let state = pending.state.secret().clone();
    let ok = callback(&format!("code=abc&state={state}")).verify(Some(&pending));
    assert_eq!(ok.map(|c| c.secret().clone()).ok(), Some("abc".to_owned()));
    let wrong = callback(&format!("code=abc&state={state}x")).verify(Some(&pending));
    assert_eq!(wrong.err(), Some(OAuthError::StateMismatch));
    assert_eq!(
        callback("code=abc").verify(Some(&pending)).err(),
        Some(OAuthError::StateMissing)
    );
    assert_eq!(
        callback("code=abc&state=s").verify(None).err(),
        Some(OAuthError::NoPendingAuthorization)
    );
    let denied = callback(&format!("error=access_denied&state={state}")).verify(Some(&pending));
    assert_eq!(denied.err(), Some(OAuthError::AccessDenied));
    let other = callback(&format!(
        "error=server_error&error_description=boom&state={state}"
    ));
    assert!(matches!(
        other.verify(Some(&pending)),
        Err(OAuthError::AuthorizationRefused { .. })
    ));
}

#[test]
fn a_url_without_a_response_is_not_a_callback() {
    let url = Url::parse("https://portal.example/?tab=security#cards").expect("url");
    assert_eq!(Callback::from_url(&url), None);
}

#[test]
fn cleaning_the_address_keeps_the_host_pages_query_and_hash() {
    let url =
        Url::parse("https://portal.example/p?tab=sec&code=abc&state=xyz&x=1#cards").expect("url");
    assert_eq!(
        without_callback_params(&url).as_str(),
        "https://portal.example/p?tab=sec&x=1#cards"
    );
    let url = Url::parse("https://portal.example/p?code=abc&state=xyz").expect("url");
    assert_eq!(
        without_callback_params(&url).as_str(),
        "https://portal.example/p"
    );
}

#[test]
fn cleaning_keeps_the_host_query_exactly_as_written_and_its_hash() {
    // Spaces as %20, a repeated key, a key without value, an encoded `code` lookalike.
    let url = Url::parse(
        "https://portal.example/p?q=a%20b&tag=x&tag=y&flag&state=s1&co%64e=c1&codes=keep#/route?state=h",
    )
    .expect("url");
    assert_eq!(
        without_callback_params(&url).as_str(),
        "https://portal.example/p?q=a%20b&tag=x&tag=y&flag&codes=keep#/route?state=h"
    );
    let url =
        Url::parse("https://portal.example/p?error=access_denied&error_description=No&state=s#top")
            .expect("url");
    assert_eq!(
        without_callback_params(&url).as_str(),
        "https://portal.example/p#top"
    );
}

const TOKENS: &str = r#"{"access_token":"AT1","refresh_token":"RT1","scope":"useraccount","token_type":"Bearer","expires_in":1799}"#;

#[test]
fn code_exchange_posts_the_verifier_and_no_secret() {
    let transport = FakeTransport::new(|_| json(200, TOKENS));
    let (_, pending) = begin(settings(), chrono::Utc::now()).expect("begin");
    let verifier = pending.verifier.secret().clone();
    let tokens = block_on(exchange_code(
        &transport,
        pending,
        AuthorizationCode::new("c0de".into()),
        now(),
    ))
    .expect("tokens");
    assert_eq!(tokens.access_token.secret(), "AT1");
    assert_eq!(
        tokens.refresh_token.as_ref().map(|t| t.secret().as_str()),
        Some("RT1")
    );
    assert_eq!(tokens.expires_at, now() + Duration::seconds(1799));
    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].url, "https://acme.service-now.com/oauth_token.do");
    assert_eq!(
        form_value(&sent[0].body, "grant_type").as_deref(),
        Some("authorization_code")
    );
    assert_eq!(form_value(&sent[0].body, "code").as_deref(), Some("c0de"));
    assert_eq!(form_value(&sent[0].body, "code_verifier"), Some(verifier));
    assert_eq!(
        form_value(&sent[0].body, "client_id").as_deref(),
        Some("9d4c3b2a1f0e4d5c8b7a6f5e4d3c2b1a")
    );
    assert_eq!(
        form_value(&sent[0].body, "redirect_uri").as_deref(),
        Some("https://portal.example/snowcard/")
    );
    assert_eq!(form_value(&sent[0].body, "client_secret"), None);
    assert_eq!(sent[0].authorization, None);
}

#[test]
fn token_errors_become_distinct_failures() {
    let cases = [
        (
            json(
                401,
                r#"{"error":"invalid_grant","error_description":"code reused"}"#,
            ),
            OAuthError::InvalidGrant("code reused".into()),
        ),
        (
            json(
                401,
                r#"{"error":"invalid_client","error_description":"unknown"}"#,
            ),
            OAuthError::InvalidClient("unknown".into()),
        ),
        (
            Err(TransportError::Blocked { url: "u".into() }),
            OAuthError::Transport(TransportError::Blocked { url: "u".into() }),
        ),
        (
            Err(TransportError::Offline),
            OAuthError::Transport(TransportError::Offline),
        ),
    ];
    for (answer, expected) in cases {
        let transport = FakeTransport::new(move |_| answer.clone());
        let (_, pending) = begin(settings(), chrono::Utc::now()).expect("begin");
        let result = block_on(exchange_code(
            &transport,
            pending,
            AuthorizationCode::new("c".into()),
            now(),
        ));
        assert_eq!(result.err(), Some(expected));
    }
    let html = FakeTransport::new(|_| json(404, "<html>Not found</html>"));
    let (_, pending) = begin(settings(), chrono::Utc::now()).expect("begin");
    let result = block_on(exchange_code(
        &html,
        pending,
        AuthorizationCode::new("c".into()),
        now(),
    ));
    assert!(matches!(result, Err(OAuthError::UnexpectedResponse(_))));
}

#[test]
fn refresh_keeps_the_refresh_token_when_none_comes_back_and_uses_a_proxy_url() {
    let transport = FakeTransport::new(|_| {
        json(
            200,
            r#"{"access_token":"AT2","token_type":"Bearer","expires_in":1799}"#,
        )
    });
    let mut proxied = settings();
    proxied.token_url = Some(TokenUrl::new("https://portal.example/sn-token".into()).expect("url"));
    let tokens = block_on(refresh(
        &transport,
        &proxied,
        &RefreshToken::new("RT1".into()),
        now(),
    ))
    .expect("tokens");
    assert_eq!(tokens.access_token.secret(), "AT2");
    assert_eq!(
        tokens.refresh_token.map(|t| t.secret().clone()).as_deref(),
        Some("RT1")
    );
    let sent = transport.requests();
    assert_eq!(sent[0].url, "https://portal.example/sn-token");
    assert_eq!(
        form_value(&sent[0].body, "grant_type").as_deref(),
        Some("refresh_token")
    );
    assert_eq!(
        form_value(&sent[0].body, "refresh_token").as_deref(),
        Some("RT1")
    );
}

#[test]
fn refresh_is_scheduled_ahead_of_expiry() {
    let long = TokenSet {
        access_token: AccessToken::new("a".into()),
        refresh_token: None,
        expires_at: now(),
        lifetime_secs: 1799,
    };
    assert_eq!(long.refresh_at(), now() - Duration::seconds(60));
    let short = TokenSet {
        lifetime_secs: 8,
        ..long.clone()
    };
    assert_eq!(short.refresh_at(), now() - Duration::seconds(4));
    assert!(long.is_expired(now() - Duration::seconds(5)));
    assert!(!long.is_expired(now() - Duration::seconds(60)));
}

#[test]
fn secrets_never_show_in_debug_output() {
    let (_, pending) = begin(settings(), chrono::Utc::now()).expect("begin");
    let shown = format!("{pending:?}");
    assert!(!shown.contains(pending.verifier.secret().as_str()));
    assert!(!shown.contains(pending.state.secret().as_str()));
}

#[test]
fn authorize_asks_for_the_useraccount_scope() {
    let (url, _) = begin(settings(), chrono::Utc::now()).expect("begin");
    let url = Url::parse(&url).expect("absolute url");
    let scopes: Vec<String> = url
        .query_pairs()
        .filter(|(k, _)| k == "scope")
        .map(|(_, v)| v.into_owned())
        .collect();
    assert_eq!(scopes, ["useraccount"]);
}

/// A pending request for instance "acme" and the callback URL that answers it.
fn answered(extra: &str) -> (PendingAuthorization, Callback) {
    let (_, pending) = begin(settings(), chrono::Utc::now()).expect("begin");
    let state = pending.state.secret().clone();
    let url = format!("https://portal.example/snowcard/?code=c0de&state={state}{extra}");
    let callback = Callback::from_url(&Url::parse(&url).expect("url")).expect("a callback");
    (pending, callback)
}

#[test]
fn an_iss_must_be_the_instances_origin() {
    let (pending, callback) = answered("&iss=https%3A%2F%2Facme.service-now.com");
    assert_eq!(
        callback.iss.as_deref(),
        Some("https://acme.service-now.com")
    );
    assert_eq!(
        callback.verify(Some(&pending)).map(|c| c.secret().clone()),
        Ok("c0de".to_owned())
    );
    let (pending, callback) = answered("&iss=https%3A%2F%2Facme.service-now.com%2F");
    assert!(callback.verify(Some(&pending)).is_ok(), "a trailing slash");
    let (pending, callback) = answered("");
    assert!(
        callback.verify(Some(&pending)).is_ok(),
        "no iss, nothing to compare"
    );
    // Present but empty, or the instance's host without its scheme: not the instance.
    for iss in [
        "&iss=",
        "&iss=acme.service-now.com",
        "&iss=http%3A%2F%2Facme.service-now.com",
    ] {
        let (pending, callback) = answered(iss);
        assert!(
            matches!(
                callback.verify(Some(&pending)),
                Err(OAuthError::IssuerMismatch { .. })
            ),
            "{iss}"
        );
    }
    let (pending, callback) = answered("&iss=https%3A%2F%2Fevil.example");
    assert_eq!(
        callback.verify(Some(&pending)).err(),
        Some(OAuthError::IssuerMismatch {
            expected: "https://acme.service-now.com".into(),
            issuer: "https://evil.example".into(),
        })
    );
    // An error answer from another issuer is not believed either.
    let (pending, _) = answered("");
    let state = pending.state.secret().clone();
    let url = format!(
        "https://portal.example/snowcard/?error=access_denied&state={state}&iss=https%3A%2F%2Facme.service-now.com.evil.example"
    );
    let callback = Callback::from_url(&Url::parse(&url).expect("url")).expect("a callback");
    assert!(matches!(
        callback.verify(Some(&pending)),
        Err(OAuthError::IssuerMismatch { .. })
    ));
}

#[test]
fn iss_leaves_the_address_with_code_and_state() {
    let url = Url::parse(
        "https://portal.example/sec?tab=score&code=c&state=s&iss=https%3A%2F%2Facme.service-now.com#cards",
    )
    .expect("url");
    assert_eq!(
        without_callback_params(&url).as_str(),
        "https://portal.example/sec?tab=score#cards"
    );
}

fn exchange_with(
    answers: Vec<Result<HttpResponse, TransportError>>,
) -> (Result<TokenSet, OAuthError>, usize) {
    let answers = std::cell::RefCell::new(answers.into_iter());
    let transport = FakeTransport::new(move |_| {
        answers
            .borrow_mut()
            .next()
            .unwrap_or_else(|| json(500, "no more answers"))
    });
    let (_, pending) = begin(settings(), chrono::Utc::now()).expect("begin");
    let result = block_on(exchange_code(
        &transport,
        pending,
        AuthorizationCode::new("c".into()),
        now(),
    ));
    (result, transport.requests().len())
}

fn html(status: u16) -> Result<HttpResponse, TransportError> {
    let mut response = HttpResponse::new(b"<html><h1>Service Unavailable</h1></html>".to_vec());
    *response.status_mut() = oauth2::http::StatusCode::from_u16(status).expect("status");
    Ok(response)
}

#[test]
fn servicenows_refusal_and_the_rfcs_both_end_the_session() {
    let servicenow = json(
        401,
        r#"{"error":"server_error","error_description":"access_denied"}"#,
    );
    let (result, sent) = exchange_with(vec![servicenow]);
    let error = result.expect_err("refused");
    assert_eq!(
        error,
        OAuthError::TokenEndpoint {
            code: "server_error".into(),
            description: "access_denied".into()
        }
    );
    assert!(error.ends_session() && !error.is_retryable());
    assert_eq!(sent, 1, "a refusal is not retried");
    let rfc = json(400, r#"{"error":"invalid_grant"}"#);
    let (result, _) = exchange_with(vec![rfc]);
    assert!(result.expect_err("refused").ends_session());
    assert!(OAuthError::NoRefreshToken.ends_session());
}

#[test]
fn a_5xx_page_or_temporarily_unavailable_is_retried_once_and_never_ends_the_session() {
    let tokens = || json(200, TOKENS);
    let (result, sent) = exchange_with(vec![html(503), tokens()]);
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(sent, 2);
    let busy = || {
        json(
            503,
            r#"{"error":"temporarily_unavailable","error_description":"busy"}"#,
        )
    };
    let (result, sent) = exchange_with(vec![busy(), tokens()]);
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(sent, 2);
    // Twice down: one retry only, and the failure says the endpoint is unavailable.
    let (result, sent) = exchange_with(vec![html(502), html(502), tokens()]);
    let error = result.expect_err("down twice");
    assert!(
        matches!(&error, OAuthError::Unavailable { status: 502, detail } if detail.contains("Service Unavailable")),
        "{error:?}"
    );
    assert!(!error.ends_session());
    assert_eq!(sent, 2);
    // A JSON server_error with a 5xx status is the server's trouble, not a refusal.
    let (result, _) = exchange_with(vec![
        json(500, r#"{"error":"server_error"}"#),
        json(500, r#"{"error":"server_error"}"#),
    ]);
    assert!(matches!(
        result,
        Err(OAuthError::Unavailable { status: 500, .. })
    ));
    // An empty 503 too.
    let (result, _) = exchange_with(vec![
        html(503).map(|mut r| {
            r.body_mut().clear();
            r
        }),
        tokens(),
    ]);
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn refresh_is_retried_once_when_the_endpoint_is_down() {
    let answers = std::cell::RefCell::new(vec![html(503), json(200, TOKENS)].into_iter());
    let transport = FakeTransport::new(move |_| {
        answers
            .borrow_mut()
            .next()
            .unwrap_or_else(|| json(500, "none"))
    });
    let tokens = block_on(refresh(
        &transport,
        &settings(),
        &RefreshToken::new("RT".into()),
        now(),
    ))
    .expect("tokens on the second try");
    assert_eq!(tokens.access_token.secret(), "AT1");
    assert_eq!(transport.requests().len(), 2);
}

#[test]
fn expires_in_is_believed_between_a_second_and_a_day() {
    let day = LIFETIME_BOUNDS_SECS.1;
    for (expires_in, lifetime) in [
        ("1799", 1799),
        ("0", 1),
        ("86401", day),
        ("9223372036854775807", day),
        ("18446744073709551615", day),
    ] {
        let body =
            format!(r#"{{"access_token":"A","token_type":"Bearer","expires_in":{expires_in}}}"#);
        let (result, _) = exchange_with(vec![json(200, &body)]);
        let tokens = result.expect("tokens");
        assert_eq!(tokens.lifetime_secs, lifetime, "expires_in {expires_in}");
        assert_eq!(tokens.expires_at, now() + Duration::seconds(lifetime));
        assert!(tokens.refresh_at() < tokens.expires_at);
    }
    // A negative or fractional `expires_in` is not the number RFC 6749 5.1 asks for: the
    // answer is refused as unexpected, and nothing panics.
    for expires_in in ["-5", "-9223372036854775808", "1e400"] {
        let body =
            format!(r#"{{"access_token":"A","token_type":"Bearer","expires_in":{expires_in}}}"#);
        let (result, _) = exchange_with(vec![json(200, &body)]);
        assert!(
            matches!(result, Err(OAuthError::UnexpectedResponse(_))),
            "expires_in {expires_in}: {result:?}"
        );
    }
    assert_eq!(clamped_lifetime(None, 1800), 1800);
    assert_eq!(clamped_lifetime(None, -1), 1);
    assert_eq!(clamped_lifetime(Some(std::time::Duration::MAX), 1800), day);
    assert_eq!(clamped_lifetime(Some(std::time::Duration::ZERO), 1800), 1);
}

#[test]
fn token_dates_at_the_calendars_ends_cannot_overflow() {
    let tokens = |expires_at, lifetime_secs| TokenSet {
        access_token: AccessToken::new("a".into()),
        refresh_token: None,
        expires_at,
        lifetime_secs,
    };
    let (min, max) = (DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
    for lifetime in [i64::MIN, -5, 0, 1, i64::MAX] {
        assert_eq!(tokens(min, lifetime).refresh_at(), min);
        assert!(tokens(min, lifetime).is_expired(now()));
        assert!(tokens(max, lifetime).is_expired(max));
        assert!(!tokens(max, lifetime).is_expired(now()));
        assert!(tokens(max, lifetime).refresh_at() < max);
    }
    let granted = TokenSet::granted(
        AccessToken::new("a".into()),
        None,
        Some(std::time::Duration::MAX),
        1800,
        max,
    );
    assert_eq!(granted.expires_at, max);
    assert_eq!(granted.lifetime_secs, LIFETIME_BOUNDS_SECS.1);
    let granted = TokenSet::granted(AccessToken::new("a".into()), None, None, 1800, min);
    assert_eq!(granted.expires_at, min + Duration::seconds(1800));
    assert_eq!(
        crate::app::session_end::phase_of(min, i64::MAX, now()),
        crate::app::session_end::Phase::Ended
    );
    assert_eq!(
        crate::app::session_end::phase_of(min, i64::MIN, min),
        crate::app::session_end::Phase::Ended
    );
}
