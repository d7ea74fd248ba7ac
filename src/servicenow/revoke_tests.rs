//! Native tests of revocation: what is sent, what counts as sent, and what proves it.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use chrono::{Duration, TimeZone};
use futures::executor::block_on;
use oauth2::{AccessToken, RefreshToken};

use super::*;
use crate::servicenow::fake::{json, FakeTransport};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .expect("valid time")
}

fn instance() -> InstanceUrl {
    InstanceUrl::parse("http://127.0.0.1:8701").expect("valid")
}

fn tokens(refresh: Option<&str>) -> TokenSet {
    TokenSet {
        access_token: AccessToken::new("AT+/=".into()),
        refresh_token: refresh.map(|r| RefreshToken::new(r.into())),
        expires_at: now() + Duration::seconds(1200),
        lifetime_secs: 1799,
    }
}

/// An instance like a real one seen from the browser: the revoke endpoint's answer is hidden
/// (no CORS), yet it revokes; the API refuses revoked tokens with 401. `revokes` false plays an
/// instance that ignores the revocation.
fn browser_view_of_instance(revokes: bool) -> (FakeTransport, Rc<RefCell<BTreeSet<String>>>) {
    let revoked = Rc::new(RefCell::new(BTreeSet::new()));
    let seen = revoked.clone();
    let transport = FakeTransport::new(move |req| {
        let url = req.uri().to_string();
        if req.uri().path() == "/oauth_revoke_token.do" {
            let token = url::form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
                .find(|(k, _)| k == "token")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
            if revokes {
                seen.borrow_mut().insert(token);
            }
            return Err(TransportError::Blocked { url });
        }
        let bearer = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        match bearer.strip_prefix("Bearer ") {
            Some(token) if !seen.borrow().contains(token) => json(200, r#"{"result":[]}"#),
            _ => json(401, r#"{"error":{"message":"User Not Authenticated"}}"#),
        }
    });
    (transport, revoked)
}

#[test]
fn the_revoke_request_is_a_simple_get_with_the_token_encoded() {
    let request = revoke_request(&instance(), "a b&c=d+/").expect("a request");
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri().to_string(),
        "http://127.0.0.1:8701/oauth_revoke_token.do?token=a+b%26c%3Dd%2B%2F"
    );
    // No header at all: anything custom would make the browser send a preflight, which an
    // instance without CORS on this endpoint refuses, and then nothing would be revoked.
    assert!(request.headers().is_empty());
    assert!(request.body().is_empty());
}

#[test]
fn both_tokens_are_revoked_refresh_first_and_a_401_confirms_it() {
    let (transport, revoked) = browser_view_of_instance(true);
    let result = block_on(revoke_tokens(
        &transport,
        &instance(),
        &tokens(Some("RT")),
        now(),
    ));
    assert_eq!(result, Ok(()));
    assert_eq!(
        *revoked.borrow(),
        BTreeSet::from(["RT".to_owned(), "AT+/=".to_owned()])
    );
    let seen = transport.requests();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(seen[0].url.ends_with("/oauth_revoke_token.do?token=RT"));
    assert!(seen[1]
        .url
        .ends_with("/oauth_revoke_token.do?token=AT%2B%2F%3D"));
    assert!(seen[..2].iter().all(|r| r.authorization.is_none()));
    // The check uses the old token itself, never a refreshed one.
    assert!(seen[2].url.contains("/api/now/table/sys_user"));
    assert_eq!(seen[2].authorization.as_deref(), Some("Bearer AT+/="));
    assert!(seen.iter().all(|r| !r.url.contains("oauth_token.do")));
}

#[test]
fn without_a_refresh_token_only_the_access_token_is_revoked() {
    let (transport, revoked) = browser_view_of_instance(true);
    let result = block_on(revoke_tokens(&transport, &instance(), &tokens(None), now()));
    assert_eq!(result, Ok(()));
    assert_eq!(*revoked.borrow(), BTreeSet::from(["AT+/=".to_owned()]));
    assert_eq!(transport.requests().len(), 2);
}

#[test]
fn a_token_still_accepted_is_not_confirmed() {
    let (transport, _) = browser_view_of_instance(false);
    let result = block_on(revoke_tokens(
        &transport,
        &instance(),
        &tokens(Some("RT")),
        now(),
    ));
    assert_eq!(result, Err(NotConfirmed::StillAccepted));
}

#[test]
fn no_answer_is_not_confirmed_but_both_revocations_are_still_tried() {
    let transport = FakeTransport::new(|_| Err(TransportError::Offline));
    let result = block_on(revoke_tokens(
        &transport,
        &instance(),
        &tokens(Some("RT")),
        now(),
    ));
    assert_eq!(result, Err(NotConfirmed::NoAnswer(TransportError::Offline)));
    let urls: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
    assert_eq!(urls.len(), 2, "{urls:?}");
    assert!(urls.iter().all(|u| u.contains("/oauth_revoke_token.do")));
}

#[test]
fn a_check_that_gets_no_clear_answer_proves_nothing() {
    let down = FakeTransport::new(|req| {
        if req.uri().path() == "/oauth_revoke_token.do" {
            return json(200, "");
        }
        json(503, r#"{"error":{"message":"Service Unavailable"}}"#)
    });
    let result = block_on(revoke_tokens(
        &down,
        &instance(),
        &tokens(Some("RT")),
        now(),
    ));
    assert_eq!(result, Err(NotConfirmed::Inconclusive { status: 503 }));

    let unreachable_check = FakeTransport::new(|req| {
        let url = req.uri().to_string();
        if req.uri().path() == "/oauth_revoke_token.do" {
            return Err(TransportError::Blocked { url });
        }
        Err(TransportError::Unreachable { url })
    });
    let result = block_on(revoke_tokens(
        &unreachable_check,
        &instance(),
        &tokens(Some("RT")),
        now(),
    ));
    assert!(matches!(
        result,
        Err(NotConfirmed::NoAnswer(TransportError::Unreachable { .. }))
    ));
}

#[test]
fn an_access_token_that_expired_by_itself_cannot_prove_anything() {
    let (transport, revoked) = browser_view_of_instance(true);
    let later = now() + Duration::seconds(1201);
    let result = block_on(revoke_tokens(
        &transport,
        &instance(),
        &tokens(Some("RT")),
        later,
    ));
    assert_eq!(result, Err(NotConfirmed::AlreadyExpired));
    // It was still revoked: only the proof is missing.
    assert!(revoked.borrow().contains("RT"));
    assert_eq!(transport.requests().len(), 2);
}
