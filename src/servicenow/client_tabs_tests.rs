//! Two tabs holding a copy of one session, against an instance that rotates refresh tokens
//! and revokes the grant when a replaced one comes back (RFC 9700 section 4.14.2).

use std::cell::{Cell, RefCell};

use chrono::{Duration, TimeZone};
use futures::executor::block_on;
use futures::future::join;
use oauth2::{AccessToken, ClientId, RedirectUrl, RefreshToken};

use super::*;
use crate::servicenow::fake::{form_value, json, FakeTransport};
use crate::servicenow::InstanceUrl;
use crate::tabs::fake::FakeOrigin;
use crate::tabs::{TabSync, SERVICENOW};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
        .single()
        .unwrap_or_default()
}

/// The strict instance: refresh token `R{n}` gives `A{n+1}`/`R{n+1}`; only the newest access
/// token is accepted; a replaced refresh token revokes everything.
#[derive(Default)]
struct Strict {
    generation: Cell<u32>,
    revoked: Cell<bool>,
    reuse: Cell<u32>,
}

fn strict_instance(server: Rc<Strict>) -> FakeTransport {
    FakeTransport::new(move |req| {
        let n = server.generation.get();
        if req.uri().path() == "/oauth_token.do" {
            let body = String::from_utf8_lossy(req.body()).into_owned();
            let presented = form_value(&body, "refresh_token").unwrap_or_default();
            let refused = json(
                401,
                r#"{"error":"invalid_grant","error_description":"revoked"}"#,
            );
            if server.revoked.get() {
                return refused;
            }
            if presented != format!("R{n}") {
                server.revoked.set(true);
                server.reuse.set(server.reuse.get() + 1);
                return refused;
            }
            server.generation.set(n + 1);
            let next = n + 1;
            return json(
                200,
                &format!(
                    r#"{{"access_token":"A{next}","refresh_token":"R{next}","token_type":"Bearer","expires_in":1799}}"#
                ),
            );
        }
        let bearer = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok());
        if !server.revoked.get() && bearer == Some(&format!("Bearer A{n}")) {
            json(200, r#"{"result":[]}"#)
        } else {
            json(
                401,
                r#"{"error":{"message":"User Not Authenticated"},"status":"failure"}"#,
            )
        }
    })
}

/// A tab's client: its copy of the session (access token `A0`, refresh token `R0`, ending in
/// `expires_in` seconds) and the token sets it saved to its own store.
fn tab(
    transport: &FakeTransport,
    sync: &TabSync,
    expires_in: i64,
) -> (ServiceNowClient, Rc<RefCell<Vec<String>>>) {
    let settings = OAuthSettings {
        instance: InstanceUrl::parse("acme").unwrap_or_else(|e| panic!("{e}")),
        client_id: ClientId::new("cid".into()),
        redirect_uri: RedirectUrl::new("https://portal.example/".into())
            .unwrap_or_else(|e| panic!("{e}")),
        token_url: None,
    };
    let tokens = TokenSet {
        access_token: AccessToken::new("A0".into()),
        refresh_token: Some(RefreshToken::new("R0".into())),
        expires_at: now() + Duration::seconds(expires_in),
        lifetime_secs: 1799,
    };
    let saved = Rc::new(RefCell::new(Vec::new()));
    let log = saved.clone();
    let client = ServiceNowClient::new(
        Rc::new(transport.clone()),
        settings,
        tokens,
        Rc::new(now),
        move |t: &TokenSet| log.borrow_mut().push(t.access_token.secret().clone()),
    );
    client.coordinate(sync.tokens("snowcard", SERVICENOW));
    (client, saved)
}

fn refreshes(transport: &FakeTransport) -> usize {
    let sent = transport.requests();
    sent.iter()
        .filter(|r| r.url.ends_with("/oauth_token.do"))
        .count()
}

#[test]
fn two_tabs_due_at_once_refresh_once_and_both_keep_working() {
    let server = Rc::new(Strict::default());
    let transport = strict_instance(server.clone());
    let origin = FakeOrigin::new();
    let (one, saved_one) = tab(&transport, &origin.tab(), 5);
    let (two, saved_two) = tab(&transport, &origin.tab(), 5);
    let (a, b) = block_on(join(
        one.send(Method::GET, "/api/now/table/incident", None),
        two.send(Method::GET, "/api/now/table/incident", None),
    ));
    assert!(a.is_ok() && b.is_ok(), "{a:?} {b:?}");
    assert_eq!(refreshes(&transport), 1);
    assert_eq!(
        server.reuse.get(),
        0,
        "no refresh token was presented twice"
    );
    assert_eq!(one.tokens().access_token.secret(), "A1");
    assert_eq!(two.tokens().access_token.secret(), "A1");
    assert_eq!(*saved_one.borrow(), ["A1"]);
    assert_eq!(
        *saved_two.borrow(),
        ["A1"],
        "the other tab saved the set it was handed"
    );
}

#[test]
fn without_coordination_the_second_tab_spends_a_replaced_token_and_both_are_signed_out() {
    // What the coordination prevents, on the same instance: each tab on its own.
    let server = Rc::new(Strict::default());
    let transport = strict_instance(server.clone());
    let (one, _) = tab(&transport, &TabSync::default(), 5);
    let (two, _) = tab(&transport, &TabSync::default(), 5);
    let (a, b) = block_on(join(
        one.send(Method::GET, "/api/now/table/incident", None),
        two.send(Method::GET, "/api/now/table/incident", None),
    ));
    assert_eq!(server.reuse.get(), 1);
    assert!(a.is_err() || b.is_err());
    let again = block_on(one.send(Method::GET, "/api/now/table/incident", None));
    assert!(again.is_err(), "the grant is gone for both");
}

#[test]
fn a_tab_that_heard_of_a_refresh_uses_the_new_set_without_refreshing() {
    let server = Rc::new(Strict::default());
    let transport = strict_instance(server.clone());
    let origin = FakeOrigin::new();
    let (one, _) = tab(&transport, &origin.tab(), 1000);
    let (two, saved_two) = tab(&transport, &origin.tab(), 1000);
    let adopted = Rc::new(RefCell::new(Vec::new()));
    let log = adopted.clone();
    two.on_tokens_adopted(move |t| log.borrow_mut().push(t.access_token.secret().clone()));
    assert!(block_on(one.refresh()).is_ok());
    assert_eq!(*adopted.borrow(), ["A1"]);
    assert_eq!(*saved_two.borrow(), ["A1"]);
    // The second tab's timer comes later: the lock is free, and its set is not due.
    let later = block_on(two.send(Method::GET, "/api/now/table/incident", None));
    assert!(later.is_ok(), "{later:?}");
    assert_eq!(refreshes(&transport), 1);
    // And a refresh it is asked for goes on from the newest refresh token.
    assert!(block_on(two.refresh()).is_ok());
    assert_eq!(server.reuse.get(), 0);
    assert_eq!(one.tokens().access_token.secret(), "A2");
}

#[test]
fn a_set_of_another_session_is_not_taken() {
    let server = Rc::new(Strict::default());
    let transport = strict_instance(server);
    let origin = FakeOrigin::new();
    let (one, _) = tab(&transport, &origin.tab(), 1000);
    let (two, saved_two) = tab(&transport, &origin.tab(), 1000);
    // The second tab signed in again meanwhile: a session of its own.
    let own = TokenSet {
        access_token: AccessToken::new("B0".into()),
        refresh_token: Some(RefreshToken::new("S0".into())),
        expires_at: now() + Duration::seconds(1000),
        lifetime_secs: 1799,
    };
    *two.inner.tokens.borrow_mut() = own;
    assert!(block_on(one.refresh()).is_ok());
    assert_eq!(two.tokens().access_token.secret(), "B0");
    assert!(saved_two.borrow().is_empty());
}

#[test]
fn without_web_locks_a_tab_still_takes_the_sets_it_hears() {
    let server = Rc::new(Strict::default());
    let transport = strict_instance(server.clone());
    let origin = FakeOrigin::new();
    let (one, _) = tab(&transport, &origin.tab_without_locks(), 5);
    let (two, _) = tab(&transport, &origin.tab_without_locks(), 5);
    assert!(block_on(one.send(Method::GET, "/api/now/table/incident", None)).is_ok());
    assert!(block_on(two.send(Method::GET, "/api/now/table/incident", None)).is_ok());
    assert_eq!(refreshes(&transport), 1);
    assert_eq!(server.reuse.get(), 0);
}
