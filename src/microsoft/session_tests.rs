//! Renewal in a session: ahead of expiry, once on a 401, shared, rotated tokens kept.

use std::cell::{Cell, RefCell};

use chrono::{DateTime, Duration, TimeZone, Utc};
use futures::executor::block_on;
use futures::future::join;
use oauth2::{AccessToken, RefreshToken};

use super::*;
use crate::microsoft::settings::{validate, TenantDraft};
use crate::servicenow::fake::{form_value, json, FakeTransport};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
        .single()
        .expect("valid time")
}

fn settings() -> TenantSettings {
    validate(
        &TenantDraft {
            tenant: "contoso.onmicrosoft.com".into(),
            client_id: "00001111-aaaa-2222-bbbb-3333cccc4444".into(),
            ..TenantDraft::default()
        },
        "https://portal.example/",
    )
    .expect("valid")
}

/// A session whose token "AT0" ends in `expires_in` seconds; stored token sets are recorded.
fn session_of(
    transport: &FakeTransport,
    expires_in: i64,
) -> (MicrosoftSession, Rc<RefCell<Vec<String>>>) {
    let stored = Rc::new(RefCell::new(Vec::new()));
    let log = stored.clone();
    let tokens = TokenSet {
        access_token: AccessToken::new("AT0".into()),
        refresh_token: Some(RefreshToken::new("RT0".into())),
        expires_at: now() + Duration::seconds(expires_in),
        lifetime_secs: 3599,
    };
    let session = MicrosoftSession::new(
        Rc::new(transport.clone()),
        settings(),
        tokens,
        Rc::new(now),
        move |t: &TokenSet| {
            let refresh = t.refresh_token.as_ref().map(|r| r.secret().clone());
            log.borrow_mut().push(refresh.unwrap_or_default());
        },
    );
    (session, stored)
}

/// The token endpoint hands out AT{n}/RT{n}; Graph accepts only `accepted`.
fn service(accepted: &'static str) -> FakeTransport {
    let issued = Rc::new(Cell::new(0));
    FakeTransport::new(move |request| {
        let url = request.uri().to_string();
        if url.ends_with("/oauth2/v2.0/token") {
            issued.set(issued.get() + 1);
            let n = issued.get();
            return json(
                200,
                &format!(
                    r#"{{"access_token":"AT{n}","refresh_token":"RT{n}","token_type":"Bearer","expires_in":3599}}"#
                ),
            );
        }
        let bearer = request
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if bearer == format!("Bearer {accepted}") {
            json(200, r#"{"value":[]}"#)
        } else {
            json(
                401,
                r#"{"error":{"code":"InvalidAuthenticationToken","message":"expired"}}"#,
            )
        }
    })
}

#[test]
fn a_token_about_to_expire_is_renewed_first_and_the_rotated_one_kept() {
    let transport = service("AT1");
    let (session, stored) = session_of(&transport, 5);
    let score = block_on(session.call(|graph| async move { graph.latest_score().await }));
    assert_eq!(score, Ok(None));
    assert_eq!(*stored.borrow(), ["RT1"]);
    let sent = transport.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(
        form_value(&sent[0].body, "refresh_token").as_deref(),
        Some("RT0")
    );
    assert_eq!(sent[1].authorization.as_deref(), Some("Bearer AT1"));
}

#[test]
fn a_401_renews_once_and_retries_once() {
    let transport = service("AT1");
    let (session, _) = session_of(&transport, 3000);
    let score = block_on(session.call(|graph| async move { graph.latest_score().await }));
    assert_eq!(score, Ok(None));
    assert_eq!(transport.requests().len(), 3);
    let refused = service("never");
    let (session, _) = session_of(&refused, 3000);
    let result = block_on(session.call(|graph| async move { graph.latest_score().await }));
    assert_eq!(result, Err(SessionError::Graph(GraphError::Unauthorized)));
    assert_eq!(refused.requests().len(), 3);
}

#[test]
fn concurrent_calls_share_one_renewal() {
    let transport = service("AT1");
    let (session, stored) = session_of(&transport, 5);
    let (a, b) = block_on(join(
        session.call(|graph| async move { graph.latest_score().await }),
        session.call(|graph| async move { graph.latest_score().await }),
    ));
    assert_eq!((a, b), (Ok(None), Ok(None)));
    let renewals = transport
        .requests()
        .iter()
        .filter(|r| r.url.ends_with("/token"))
        .count();
    assert_eq!(renewals, 1);
    assert_eq!(stored.borrow().len(), 1);
}

#[test]
fn a_refused_renewal_ends_the_session() {
    let transport = FakeTransport::new(|_| {
        json(
            400,
            r#"{"error":"invalid_grant","error_description":"AADSTS700084: The refresh token was issued to a single page app (SPA)","error_codes":[700084]}"#,
        )
    });
    let (session, stored) = session_of(&transport, 5);
    let result = block_on(session.call(|graph| async move { graph.latest_score().await }));
    match result {
        Err(SessionError::SignIn(error)) => assert!(error.ends_session()),
        other => panic!("expected the session to end, got {other:?}"),
    }
    assert!(stored.borrow().is_empty());
    assert_eq!(session.tokens().access_token.secret(), "AT0");
}

#[test]
fn two_tabs_due_at_once_share_one_renewal_and_both_keep_the_rotated_token() {
    use crate::tabs::{fake::FakeOrigin, MICROSOFT};
    let transport = service("AT1");
    let origin = FakeOrigin::new();
    let (one, stored_one) = session_of(&transport, 5);
    let (two, stored_two) = session_of(&transport, 5);
    one.coordinate(origin.tab().tokens("snowcard", MICROSOFT));
    two.coordinate(origin.tab().tokens("snowcard", MICROSOFT));
    let (a, b) = block_on(join(
        one.call(|graph| async move { graph.latest_score().await }),
        two.call(|graph| async move { graph.latest_score().await }),
    ));
    assert_eq!((a, b), (Ok(None), Ok(None)));
    let renewals: Vec<_> = transport
        .requests()
        .into_iter()
        .filter(|r| r.url.ends_with("/token"))
        .collect();
    assert_eq!(renewals.len(), 1, "RT0 was presented once");
    assert_eq!(*stored_one.borrow(), ["RT1"]);
    assert_eq!(*stored_two.borrow(), ["RT1"], "handed over and saved");
    assert_eq!(
        two.tokens()
            .refresh_token
            .map(|r| r.secret().clone())
            .as_deref(),
        Some("RT1")
    );
}
