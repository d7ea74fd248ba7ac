//! Native tests of the connection flow with a fake page, fake instance and memory storage.

use std::rc::Rc;

use chrono::{TimeZone, Utc};
use futures::executor::block_on;
use oauth2::{ClientId, RedirectUrl};

use super::*;
use crate::app::services::FakeBrowser;
use crate::app::Browser;
use crate::servicenow::fake::{json, FakeTransport};
use crate::servicenow::InstanceUrl;
use crate::storage::{MemoryStorage, StorageBackend, Store};

fn services(transport: FakeTransport, page: &str) -> (Services, Rc<FakeBrowser>, MemoryStorage) {
    let memory = MemoryStorage::default();
    let browser = Rc::new(FakeBrowser::at(page));
    let backend: Rc<dyn StorageBackend> = Rc::new(memory.clone());
    let services = Services {
        tabs: Default::default(),
        transport: Rc::new(transport),
        store: Store::new(backend, "snowcard"),
        browser: browser.clone(),
        clock: Rc::new(|| {
            Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
                .single()
                .unwrap_or_default()
        }),
    };
    (services, browser, memory)
}

fn settings() -> OAuthSettings {
    OAuthSettings {
        instance: InstanceUrl::parse("http://127.0.0.1:8701").expect("valid"),
        client_id: ClientId::new("cid".into()),
        redirect_uri: RedirectUrl::new("http://127.0.0.1:8700/".into()).expect("valid"),
        token_url: None,
    }
}

const TOKENS: &str =
    r#"{"access_token":"AT","refresh_token":"RT","token_type":"Bearer","expires_in":1799}"#;

/// Runs the flow up to the redirect; returns the `state` sent to the instance.
fn authorize(services: &Services, browser: &FakeBrowser) -> String {
    start_authorization(services, &Trust::default(), settings()).expect("started");
    let url = url::Url::parse(&browser.redirected_to().expect("redirected")).expect("url");
    url.query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .expect("state")
}

#[test]
fn a_full_round_trip_stores_the_session_and_forgets_the_verifier() {
    let (services, browser, memory) = services(
        FakeTransport::new(|_| json(200, TOKENS)),
        "http://127.0.0.1:8700/",
    );
    let state = authorize(&services, &browser);
    assert!(
        memory.get("snowcard:pending").is_some(),
        "verifier kept for the callback"
    );
    let page = FakeBrowser::at(&format!("http://127.0.0.1:8700/?code=C&state={state}#top"));
    let services = Services {
        browser: Rc::new(page),
        ..services
    };
    let callback = take_callback(&services).expect("a callback");
    assert_eq!(
        services.browser.current_url().as_str(),
        "http://127.0.0.1:8700/#top",
        "code and state gone"
    );
    let session = block_on(complete(&services, callback)).expect("connected");
    assert_eq!(session.tokens.access_token.secret(), "AT");
    assert!(
        memory.get("snowcard:pending").is_none(),
        "verifier dropped after use"
    );
    assert!(restore(&services).expect("readable").is_some());
}

#[test]
fn a_wrong_state_is_rejected_without_calling_the_token_endpoint() {
    let transport = FakeTransport::new(|_| json(200, TOKENS));
    let (services, browser, memory) = services(transport.clone(), "http://127.0.0.1:8700/");
    authorize(&services, &browser);
    let callback = oauth::Callback {
        code: Some("C".into()),
        state: Some("forged".into()),
        ..Default::default()
    };
    let result = block_on(complete(&services, callback));
    assert_eq!(
        result.err(),
        Some(ConnectError::OAuth(OAuthError::StateMismatch))
    );
    assert!(transport.requests().is_empty());
    // Issue 14: a forged answer never deletes the sign-in in flight (it was removed before).
    assert!(
        memory.get("snowcard:pending").is_some(),
        "the sign-in in flight stays for its own answer"
    );
    assert!(memory.get("snowcard:session").is_none());
}

#[test]
fn a_probe_tells_a_missing_cors_rule_from_a_missing_instance() {
    let blocked = FakeTransport::new(|_| Err(TransportError::Blocked { url: "u".into() }));
    let (services_ok, _, _) = services(blocked, "http://127.0.0.1:8700/");
    assert_eq!(block_on(probe_instance(&services_ok, &settings())), Ok(()));
    let gone = FakeTransport::new(|_| Err(TransportError::Unreachable { url: "u".into() }));
    let (services_gone, _, _) = services(gone, "http://127.0.0.1:8700/");
    assert!(matches!(
        block_on(probe_instance(&services_gone, &settings())),
        Err(ConnectError::OAuth(OAuthError::Transport(_)))
    ));
}

#[test]
fn a_corrupt_session_is_reported_and_cleared() {
    let (services, _, memory) = services(
        FakeTransport::new(|_| json(200, TOKENS)),
        "http://127.0.0.1:8700/",
    );
    memory
        .set("snowcard:session", "{\"v\":1,\"data\":42}")
        .expect("set");
    assert!(restore(&services).is_err());
    assert!(matches!(restore(&services), Ok(None)));
}

#[test]
fn renewed_tokens_and_the_user_are_saved_for_the_next_reload() {
    let transport = FakeTransport::new(|req| match req.uri().path() {
        "/oauth_token.do" => json(
            200,
            r#"{"access_token":"AT2","refresh_token":"RT","token_type":"Bearer","expires_in":1799}"#,
        ),
        _ => json(
            200,
            r#"{"result":{"user_sys_id":"u1","user_name":"int","user_display_name":"Integration User"}}"#,
        ),
    });
    let (services, browser, _) = services(transport, "http://127.0.0.1:8700/");
    let state = authorize(&services, &browser);
    let callback = oauth::Callback {
        code: Some("C".into()),
        state: Some(state),
        ..Default::default()
    };
    let session = block_on(complete(&services, callback)).expect("connected");
    let client = client_for(&services, &session);
    block_on(client.refresh()).expect("refreshed");
    let user = block_on(client.current_user()).expect("user");
    remember_user(&services, &user);
    let saved = restore(&services).expect("readable").expect("present");
    assert_eq!(saved.tokens.access_token.secret(), "AT2");
    assert_eq!(
        saved.user.map(|u| u.display_name).as_deref(),
        Some("Integration User")
    );
}

/// Two components on one host page, sharing the tab's storage and address bar.
fn two_components(page: &str) -> (Services, Services, Rc<FakeBrowser>) {
    let memory = MemoryStorage::default();
    let browser = Rc::new(FakeBrowser::at(page));
    let component = |namespace: &str| {
        let backend: Rc<dyn StorageBackend> = Rc::new(memory.clone());
        Services {
            tabs: Default::default(),
            transport: Rc::new(FakeTransport::new(|_| json(200, TOKENS))),
            store: Store::new(backend, namespace),
            browser: browser.clone(),
            clock: Rc::new(Utc::now),
        }
    };
    (
        component("snowcard:acme.service-now.com:cid"),
        component("snowcard:globex.service-now.com:cid"),
        browser,
    )
}

#[test]
fn only_the_component_that_asked_takes_the_callback_and_the_host_query_and_hash_stay() {
    let (acme, globex, browser) = two_components("https://portal.example/sec?tab=score#cards");
    let state = authorize(&globex, &browser);
    let back = format!("https://portal.example/sec?tab=score&code=c0de&state={state}#cards");
    browser.replace_url(&url::Url::parse(&back).expect("url"));
    // acme mounts first: not its answer, so it neither takes it nor touches the address.
    assert_eq!(take_callback(&acme), None);
    assert_eq!(browser.current_url().as_str(), back);
    let callback = take_callback(&globex).expect("globex's answer");
    assert_eq!(callback.code.as_deref(), Some("c0de"));
    assert_eq!(
        browser.current_url().as_str(),
        "https://portal.example/sec?tab=score#cards"
    );
    let session = block_on(complete(&globex, callback)).expect("connected");
    assert_eq!(session.settings, settings());
    assert!(restore(&acme).expect("readable").is_none());
}

#[test]
fn an_answer_nobody_asked_for_is_reported_by_the_first_component_to_see_it() {
    let (acme, globex, browser) = two_components("https://portal.example/sec?code=old&state=gone");
    let _ = authorize(&globex, &browser);
    browser.replace_url(
        &url::Url::parse("https://portal.example/sec?code=old&state=gone").expect("url"),
    );
    let callback = take_callback(&acme).expect("unclaimed, so acme reports it");
    assert_eq!(browser.current_url().as_str(), "https://portal.example/sec");
    assert!(matches!(
        block_on(complete(&acme, callback)),
        Err(ConnectError::OAuth(OAuthError::NoPendingAuthorization))
    ));
    // globex's own request in flight is untouched and sees nothing left to take.
    assert_eq!(take_callback(&globex), None);
    assert!(globex
        .store
        .load::<PendingAuthorization>(crate::storage::keys::PENDING)
        .expect("readable")
        .is_some());
}

#[test]
fn the_host_query_and_hash_come_back_though_the_instance_returns_to_the_bare_page() {
    let (services, browser, memory) = services(
        FakeTransport::new(|_| json(200, TOKENS)),
        "http://127.0.0.1:8700/?tab=security&code=old#overview",
    );
    let state = authorize(&services, &browser);
    assert_eq!(
        memory.get("snowcard:return-to").as_deref(),
        Some(r#"{"v":1,"data":"http://127.0.0.1:8700/?tab=security#overview"}"#),
        "where the sign-in started, without callback parameters"
    );
    // What an instance does: the registered redirect URL, plus code and state.
    let back = format!("http://127.0.0.1:8700/?code=C&state={state}");
    browser.replace_url(&url::Url::parse(&back).expect("url"));
    take_callback(&services).expect("a callback");
    assert_eq!(
        browser.current_url().as_str(),
        "http://127.0.0.1:8700/?tab=security#overview"
    );
    assert!(memory.get("snowcard:return-to").is_none(), "used once");
}

#[test]
fn a_start_on_another_page_does_not_move_the_callback_page() {
    let (services, browser, _) = services(
        FakeTransport::new(|_| json(200, TOKENS)),
        "http://127.0.0.1:8700/other/?tab=x",
    );
    let state = authorize(&services, &browser);
    let back = format!("http://127.0.0.1:8700/?code=C&state={state}#top");
    browser.replace_url(&url::Url::parse(&back).expect("url"));
    take_callback(&services).expect("a callback");
    assert_eq!(browser.current_url().as_str(), "http://127.0.0.1:8700/#top");
}

#[test]
fn an_answer_carrying_iss_or_unknown_parameters_still_restores_the_host_address() {
    let (services, browser, _) = services(
        FakeTransport::new(|_| json(200, TOKENS)),
        "http://127.0.0.1:8700/?tab=security#overview",
    );
    let state = authorize(&services, &browser);
    let back = format!(
        "http://127.0.0.1:8700/?code=C&state={state}&iss=http%3A%2F%2F127.0.0.1%3A8701&session_state=x"
    );
    browser.replace_url(&url::Url::parse(&back).expect("url"));
    let callback = take_callback(&services).expect("a callback");
    assert_eq!(callback.iss.as_deref(), Some("http://127.0.0.1:8701"));
    assert_eq!(
        browser.current_url().as_str(),
        "http://127.0.0.1:8700/?tab=security#overview"
    );
    let session = block_on(complete(&services, callback)).expect("the right issuer");
    assert_eq!(session.tokens.access_token.secret(), "AT");
}

#[test]
fn an_answer_from_another_issuer_exchanges_nothing() {
    let (services, browser, memory) = services(
        FakeTransport::new(|_| json(200, TOKENS)),
        "http://127.0.0.1:8700/",
    );
    let state = authorize(&services, &browser);
    let back =
        format!("http://127.0.0.1:8700/?code=C&state={state}&iss=https%3A%2F%2Fevil.example");
    browser.replace_url(&url::Url::parse(&back).expect("url"));
    let callback = take_callback(&services).expect("a callback");
    assert_eq!(browser.current_url().as_str(), "http://127.0.0.1:8700/");
    let result = block_on(complete(&services, callback));
    assert_eq!(
        result.err(),
        Some(ConnectError::OAuth(OAuthError::IssuerMismatch {
            expected: "http://127.0.0.1:8701".into(),
            issuer: "https://evil.example".into(),
        }))
    );
    assert!(memory.get("snowcard:session").is_none());
}

fn tokens(access: &str, refresh: Option<&str>) -> TokenSet {
    TokenSet {
        access_token: oauth2::AccessToken::new(access.into()),
        refresh_token: refresh.map(|r| oauth2::RefreshToken::new(r.into())),
        expires_at: Utc::now() + chrono::Duration::seconds(900),
        lifetime_secs: 1799,
    }
}

#[test]
fn re_authorizing_revokes_the_old_tokens_only_after_the_new_session_is_saved() {
    let memory_seen = Rc::new(std::cell::RefCell::new(Vec::<(String, bool)>::new()));
    let memory = MemoryStorage::default();
    let seen = memory_seen.clone();
    let watched = memory.clone();
    let transport = FakeTransport::new(move |req| {
        let path = req.uri().path().to_owned();
        let saved = watched.get("snowcard:session").is_some();
        seen.borrow_mut().push((req.uri().to_string(), saved));
        match path.as_str() {
            "/oauth_token.do" => json(
                200,
                r#"{"access_token":"NEW","token_type":"Bearer","expires_in":1799}"#,
            ),
            "/oauth_revoke_token.do" => json(200, ""),
            _ => json(401, r#"{"error":{"message":"User Not Authenticated"}}"#),
        }
    });
    let browser = Rc::new(FakeBrowser::at("http://127.0.0.1:8700/"));
    let backend: Rc<dyn StorageBackend> = Rc::new(memory.clone());
    let services = Services {
        tabs: Default::default(),
        transport: Rc::new(transport),
        store: Store::new(backend, "snowcard"),
        browser: browser.clone(),
        clock: Rc::new(Utc::now),
    };
    keep_previous(&services, settings().instance, tokens("OLD", Some("OLDRT")));
    let state = authorize(&services, &browser);
    browser.replace_url(
        &url::Url::parse(&format!("http://127.0.0.1:8700/?code=C&state={state}")).expect("url"),
    );
    let callback = take_callback(&services).expect("a callback");
    let session = block_on(complete(&services, callback)).expect("connected");
    assert_eq!(session.tokens.access_token.secret(), "NEW");
    assert_eq!(block_on(revoke_previous(&services, &session)), Some(true));
    let seen = memory_seen.borrow().clone();
    let urls: Vec<&str> = seen.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(urls.len(), 4, "{urls:?}");
    assert_eq!(urls[0], "http://127.0.0.1:8701/oauth_token.do");
    assert_eq!(
        urls[1..3],
        [
            "http://127.0.0.1:8701/oauth_revoke_token.do?token=OLDRT",
            "http://127.0.0.1:8701/oauth_revoke_token.do?token=OLD",
        ]
    );
    assert!(
        urls[3].contains("/api/now/table/sys_user"),
        "the check: {urls:?}"
    );
    assert!(
        seen[1..].iter().all(|(_, saved)| *saved),
        "revoked only once the new session was saved: {seen:?}"
    );
    assert!(
        !urls.iter().any(|u| u.contains("NEW")),
        "never the new token"
    );
    assert!(memory.get("snowcard:previous-tokens").is_none());
    // Nothing kept aside: nothing revoked.
    assert_eq!(block_on(revoke_previous(&services, &session)), None);
}

#[test]
fn a_failed_revocation_of_the_old_tokens_leaves_the_new_session_alone() {
    let (services, _, memory) = services(
        FakeTransport::new(|_| Err(crate::servicenow::TransportError::Offline)),
        "http://127.0.0.1:8700/",
    );
    let session = crate::storage::StoredSession {
        settings: settings(),
        tokens: tokens("NEW", Some("SAME")),
        user: None,
    };
    services
        .store
        .save(crate::storage::keys::SESSION, &session)
        .expect("saved");
    keep_previous(&services, settings().instance, tokens("OLD", Some("SAME")));
    assert_eq!(block_on(revoke_previous(&services, &session)), Some(false));
    assert!(memory.get("snowcard:session").is_some());
    assert!(memory.get("snowcard:previous-tokens").is_none());
    let transport = FakeTransport::new(|_| json(200, ""));
    let services = Services {
        tabs: Default::default(),
        transport: Rc::new(transport.clone()),
        ..services
    };
    keep_previous(&services, settings().instance, tokens("OLD", Some("SAME")));
    let _ = block_on(revoke_previous(&services, &session));
    let sent: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
    assert!(
        !sent.iter().any(|u| u.contains("SAME")),
        "a refresh token the new session shares is never revoked: {sent:?}"
    );
}

#[test]
fn a_refused_sign_in_leaves_no_tokens_aside_and_no_page_to_return_to() {
    let (services, _, memory) = services(
        FakeTransport::new(|_| json(200, TOKENS)),
        "http://127.0.0.1:8700/",
    );
    keep_previous(&services, settings().instance, tokens("OLD", Some("OLDRT")));
    let preferences = crate::app::preferences::Preferences::new(services.store.clone());
    preferences.remember_destination(&crate::app::route::Route::Manage);
    abandon_sign_in(&services);
    assert!(memory.get("snowcard:previous-tokens").is_none());
    assert_eq!(preferences.take_destination(), None);

    keep_previous(&services, settings().instance, tokens("OLD", Some("OLDRT")));
    forget_session(&services);
    assert!(
        memory.get("snowcard:previous-tokens").is_none(),
        "an ended session's tokens are not kept aside"
    );
}

#[test]
fn a_refused_refresh_forgets_the_stored_session_but_not_the_drafts() {
    let (services, _, memory) = services(
        FakeTransport::new(|_| {
            json(
                401,
                r#"{"error":"server_error","error_description":"access_denied"}"#,
            )
        }),
        "http://127.0.0.1:8700/",
    );
    let session = crate::storage::StoredSession {
        settings: settings(),
        tokens: tokens("AT", Some("RT")),
        user: None,
    };
    services
        .store
        .save(crate::storage::keys::SESSION, &session)
        .expect("saved");
    services
        .store
        .save(crate::storage::keys::SHARE_DRAFTS, &"drafts")
        .expect("saved");
    let client = client_for(&services, &session);
    let error = block_on(client.refresh()).expect_err("refused");
    assert!(error.ends_session());
    assert!(memory.get("snowcard:session").is_none());
    assert!(memory.get("snowcard:share-drafts").is_some());
}

#[test]
fn a_probe_the_page_policy_refused_stops_before_the_sign_in_page() {
    let refused = FakeTransport::new(|_| {
        Err(TransportError::PagePolicy {
            origin: "https://acme.service-now.com".into(),
            directive: "connect-src".into(),
        })
    });
    let (services, _, _) = services(refused, "http://127.0.0.1:8700/");
    assert_eq!(
        block_on(probe_instance(&services, &settings())),
        Err(ConnectError::OAuth(OAuthError::Transport(
            TransportError::PagePolicy {
                origin: "https://acme.service-now.com".into(),
                directive: "connect-src".into(),
            }
        )))
    );
}

/// A page whose clock the test moves.
fn services_at(
    transport: FakeTransport,
) -> (
    Services,
    Rc<FakeBrowser>,
    MemoryStorage,
    Rc<std::cell::Cell<chrono::DateTime<Utc>>>,
) {
    let (services, browser, memory) = services(transport, "http://127.0.0.1:8700/");
    let now = Rc::new(std::cell::Cell::new(
        Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
            .single()
            .unwrap_or_default(),
    ));
    let clock = now.clone();
    let services = Services {
        clock: Rc::new(move || clock.get()),
        ..services
    };
    (services, browser, memory, now)
}

fn answer_after(seconds: i64) -> (Result<StoredSession, ConnectError>, MemoryStorage, usize) {
    let transport = FakeTransport::new(|_| json(200, TOKENS));
    let (services, browser, memory, now) = services_at(transport.clone());
    let state = authorize(&services, &browser);
    now.set(now.get() + chrono::Duration::seconds(seconds));
    let callback = oauth::Callback {
        code: Some("C".into()),
        state: Some(state),
        ..Default::default()
    };
    let result = block_on(complete(&services, callback));
    (result, memory, transport.requests().len())
}

#[test]
fn a_sign_in_answered_within_ten_minutes_connects() {
    for seconds in [599, 600] {
        let (result, memory, requests) = answer_after(seconds);
        assert!(result.is_ok(), "{seconds} s: {result:?}");
        assert_eq!(requests, 1, "{seconds} s: the code was exchanged");
        assert!(memory.get("snowcard:pending").is_none());
    }
}

#[test]
fn a_sign_in_older_than_ten_minutes_is_refused_cleared_and_exchanges_nothing() {
    let (result, memory, requests) = answer_after(601);
    assert_eq!(
        result.err(),
        Some(ConnectError::OAuth(OAuthError::PendingExpired))
    );
    assert_eq!(requests, 0, "the code was not sent");
    assert!(memory.get("snowcard:pending").is_none(), "cleared");
    assert!(memory.get("snowcard:session").is_none());
    let told = crate::app::describe::describe(
        &OAuthError::PendingExpired.into(),
        crate::i18n::Locale::En.texts(),
        &crate::app::describe::Context::default(),
    );
    assert!(told.detail.contains("10 minutes"), "{told:?}");
    assert!(told.next.contains("Start again"), "{told:?}");
}

#[test]
fn a_pending_record_without_a_start_time_counts_as_expired() {
    let transport = FakeTransport::new(|_| json(200, TOKENS));
    let (services, browser, memory, _) = services_at(transport.clone());
    let state = authorize(&services, &browser);
    let mut record: serde_json::Value =
        serde_json::from_str(&memory.get("snowcard:pending").expect("kept")).expect("json");
    // As saved before sign-ins carried a start time.
    let removed = record["data"]
        .as_object_mut()
        .expect("the record")
        .remove("created_at");
    assert!(removed.is_some());
    memory
        .set("snowcard:pending", &record.to_string())
        .expect("written");
    let callback = oauth::Callback {
        code: Some("C".into()),
        state: Some(state),
        ..Default::default()
    };
    assert_eq!(
        block_on(complete(&services, callback)).err(),
        Some(ConnectError::OAuth(OAuthError::PendingExpired))
    );
    assert!(transport.requests().is_empty());
    assert!(memory.get("snowcard:pending").is_none());
}

#[test]
fn an_instance_the_page_does_not_allow_never_gets_the_browser() {
    let (services, browser, memory) = services(
        FakeTransport::new(|_| json(200, TOKENS)),
        "http://127.0.0.1:8700/",
    );
    let trust = Trust {
        allowed_instances: crate::app::trust::parse_allowed_instances("acme dev").expect("valid"),
        ..Trust::default()
    };
    let refused = start_authorization(&services, &trust, settings()).expect_err("refused");
    assert_eq!(
        refused,
        ConnectError::NotAllowed(crate::app::trust::NotAllowed {
            instance: "127.0.0.1:8701".into(),
            allowed: "acme.service-now.com, dev.service-now.com".into(),
        })
    );
    assert_eq!(browser.redirected_to(), None);
    assert!(memory.get("snowcard:pending").is_none());
    for locale in crate::i18n::Locale::ALL {
        let told = crate::app::describe::describe(
            &refused,
            locale.texts(),
            &crate::app::describe::Context::default(),
        );
        let all = format!("{} {} {}", told.title, told.detail, told.next);
        assert!(
            all.contains("127.0.0.1:8701")
                && all.contains("acme.service-now.com, dev.service-now.com"),
            "{}: {all}",
            locale.tag()
        );
    }
}

#[test]
fn an_instance_that_redirects_its_front_page_answered_and_a_redirected_call_says_what_to_check() {
    let url = "https://acme.service-now.com/oauth_token.do";
    let redirected =
        FakeTransport::new(move |_| Err(TransportError::Redirected { url: url.into() }));
    let (services, _, _) = services(redirected.clone(), "http://127.0.0.1:8700/");
    // An instance's `/` sends to its login page: it is there.
    assert_eq!(block_on(probe_instance(&services, &settings())), Ok(()));
    // The revocation endpoint redirecting (to the login page) received the revocation; the
    // check that the token is refused then sees a 401.
    let instance = FakeTransport::new(move |req| {
        if req.uri().path() == "/oauth_revoke_token.do" {
            Err(TransportError::Redirected { url: url.into() })
        } else {
            json(401, r#"{"error":{"message":"User Not Authenticated"}}"#)
        }
    });
    let now = Utc::now();
    let revoked = block_on(revoke::revoke_tokens(
        &instance,
        &settings().instance,
        &tokens("AT", Some("RT")),
        now,
    ));
    assert!(
        revoked.is_ok(),
        "the revocation reached the instance: {revoked:?}"
    );
    let error: ConnectError =
        OAuthError::Transport(TransportError::Redirected { url: url.into() }).into();
    for locale in crate::i18n::Locale::ALL {
        let told = crate::app::describe::describe(
            &error,
            locale.texts(),
            &crate::app::describe::Context::default(),
        );
        assert!(told.detail.contains(url), "{}: {told:?}", locale.tag());
    }
    let en = crate::app::describe::describe(
        &error,
        crate::i18n::Locale::En.texts(),
        &crate::app::describe::Context::default(),
    );
    assert!(
        en.next.contains("instance address") && en.next.contains("token URL"),
        "{en:?}"
    );
}

/// Services whose store keeps tokens in memory (`memory`) and the rest in `storage`.
fn memory_mode(transport: FakeTransport) -> (Services, Rc<FakeBrowser>, MemoryStorage) {
    let (services, browser, storage) = services(transport, "http://127.0.0.1:8700/");
    let store = services
        .store
        .clone()
        .with_token_storage(crate::storage::TokenStorage::Memory);
    (Services { store, ..services }, browser, storage)
}

#[test]
fn in_memory_mode_signing_in_again_revokes_the_tokens_before_the_page_leaves() {
    let transport = FakeTransport::new(|request| match request.uri().path() {
        "/oauth_revoke_token.do" => json(200, ""),
        _ => json(401, r#"{"error":{"message":"User Not Authenticated"}}"#),
    });
    let (services, browser, storage) = memory_mode(transport.clone());
    let session = crate::storage::StoredSession {
        settings: settings(),
        tokens: tokens("RENEWED", Some("RT2")),
        user: None,
    };
    services
        .store
        .save(crate::storage::keys::SESSION, &session)
        .expect("saved");
    // What "Sign in again" keeps aside (the client's tokens), and the stored session.
    keep_previous(
        &services,
        settings().instance,
        tokens("RENEWED", Some("RT2")),
    );
    assert!(storage.keys().is_empty(), "no token in session storage");

    assert_eq!(
        block_on(revoke_before_leaving(&services, &Trust::default())),
        [true]
    );
    let sent: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
    assert_eq!(
        sent[..2],
        [
            "http://127.0.0.1:8701/oauth_revoke_token.do?token=RT2",
            "http://127.0.0.1:8701/oauth_revoke_token.do?token=RENEWED",
        ],
        "each token once"
    );
    assert_eq!(sent.len(), 3, "and the check: {sent:?}");
    assert!(!has_session(&services), "the revoked session is forgotten");
    assert_eq!(
        services
            .store
            .load::<PreviousTokens>(crate::storage::keys::PREVIOUS_TOKENS)
            .map(|p| p.is_some()),
        Ok(false)
    );

    // The page then leaves, with the sign-in in flight in session storage.
    authorize(&services, &browser);
    assert!(storage.get("snowcard:pending").is_some());
}

#[test]
fn in_memory_mode_tokens_kept_aside_and_a_different_session_are_both_revoked() {
    let transport = FakeTransport::new(|_| json(200, ""));
    let (services, _, _) = memory_mode(transport.clone());
    let session = crate::storage::StoredSession {
        settings: settings(),
        tokens: tokens("CURRENT", None),
        user: None,
    };
    services
        .store
        .save(crate::storage::keys::SESSION, &session)
        .expect("saved");
    keep_previous(
        &services,
        settings().instance,
        tokens("OLDER", Some("OLDRT")),
    );
    let confirmed = block_on(revoke_before_leaving(&services, &Trust::default()));
    assert_eq!(confirmed.len(), 2, "two token sets");
    let sent: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
    for token in ["OLDRT", "OLDER", "CURRENT"] {
        assert!(
            sent.iter().any(|u| u.ends_with(&format!("token={token}"))),
            "{token}: {sent:?}"
        );
    }
}

#[test]
fn with_tokens_in_session_storage_nothing_is_revoked_before_leaving() {
    let transport = FakeTransport::new(|_| json(200, ""));
    let (services, _, memory) = services(transport.clone(), "http://127.0.0.1:8700/");
    keep_previous(&services, settings().instance, tokens("OLD", Some("OLDRT")));
    assert_eq!(
        block_on(revoke_before_leaving(&services, &Trust::default())),
        Vec::<bool>::new()
    );
    assert!(transport.requests().is_empty());
    assert!(
        memory.get("snowcard:previous-tokens").is_some(),
        "kept for after the new sign-in"
    );
}

#[test]
fn without_session_storage_the_sign_in_is_refused_before_the_page_leaves() {
    let (services, browser, _) = services(
        FakeTransport::new(|_| json(200, TOKENS)),
        "http://127.0.0.1:8700/",
    );
    let backend: Rc<dyn StorageBackend> = Rc::new(crate::storage::doubles::BlockedStorage);
    let services = Services {
        store: Store::new(backend, "snowcard"),
        ..services
    };
    assert!(!has_session(&services));
    assert!(services.store.fell_back());
    assert_eq!(
        start_authorization(&services, &crate::app::trust::Trust::default(), settings()),
        Err(ConnectError::Storage(StorageError::Unavailable {
            key: "pending".into()
        }))
    );
    assert_eq!(browser.redirected_to(), None, "the verifier would be lost");
}

/// A stored session's settings whose token URL is `token_url`.
fn settings_with_token_url(token_url: &str) -> OAuthSettings {
    OAuthSettings {
        token_url: Some(oauth2::TokenUrl::new(token_url.into()).expect("a URL")),
        ..settings()
    }
}

#[test]
fn a_stored_token_url_on_an_untrusted_origin_is_refused_before_leaving_and_nothing_is_lost() {
    let (services, browser, memory) = services(
        FakeTransport::new(|_| json(200, TOKENS)),
        "http://127.0.0.1:8700/",
    );
    let stored = StoredSession {
        settings: settings_with_token_url("https://collector.example/oauth_token.do"),
        tokens: tokens("AT", Some("RT")),
        user: None,
    };
    services.store.save(keys::SESSION, &stored).expect("saved");
    let typed = crate::storage::SetupDraft {
        instance: "http://127.0.0.1:8701".into(),
        client_id: "cid".into(),
        token_url: "https://collector.example/oauth_token.do".into(),
    };
    services
        .store
        .save(keys::SETUP_DRAFT, &typed)
        .expect("saved");
    let before = memory.get("snowcard:session");
    let page = browser.current_url();
    let refused = check_allowed(&Trust::default(), &page, &stored.settings).expect_err("refused");
    assert_eq!(
        refused,
        ConnectError::TokenUrlNotAllowed {
            origin: "https://collector.example".into()
        }
    );
    assert_eq!(
        start_authorization(&services, &Trust::default(), stored.settings.clone()),
        Err(refused.clone())
    );
    assert_eq!(browser.redirected_to(), None, "the browser never left");
    assert!(memory.get("snowcard:pending").is_none(), "no verifier made");
    assert_eq!(
        memory.get("snowcard:session"),
        before,
        "the session is kept"
    );
    assert!(
        memory
            .get("snowcard:setup-draft")
            .is_some_and(|d| d.contains("collector.example")),
        "what was typed is kept"
    );
    for locale in crate::i18n::Locale::ALL {
        let told = crate::app::describe::describe(
            &refused,
            locale.texts(),
            &crate::app::describe::Context::default(),
        );
        assert_eq!(told.action, crate::app::describe::NextAction::Setup);
        assert!(
            told.title.contains("https://collector.example")
                && told.next.contains("/servicenow/oauth_token.do"),
            "{}: {told:?}",
            locale.tag()
        );
    }
}

#[test]
fn a_stored_token_url_passes_on_the_page_the_instance_or_an_origin_the_code_set() {
    let page = url::Url::parse("http://127.0.0.1:8700/app/").expect("url");
    for allowed in [
        "http://127.0.0.1:8700/servicenow/oauth_token.do",
        "http://127.0.0.1:8701/oauth_token.do",
    ] {
        assert_eq!(
            check_allowed(&Trust::default(), &page, &settings_with_token_url(allowed)),
            Ok(()),
            "{allowed}"
        );
    }
    let proxy = "https://proxy.example/token";
    let trust = Trust {
        token_url: Some(url::Url::parse(proxy).expect("url")),
        ..Trust::default()
    };
    assert_eq!(
        check_allowed(&trust, &page, &settings_with_token_url(proxy)),
        Ok(())
    );
    assert!(
        check_allowed(&Trust::default(), &page, &settings_with_token_url(proxy)).is_err(),
        "once the page's code no longer sets it"
    );
    // Another port of the page's host is another origin.
    assert!(check_allowed(
        &Trust::default(),
        &page,
        &settings_with_token_url("http://127.0.0.1:8702/oauth_token.do")
    )
    .is_err());
}

/// A page at `address` whose clock is `seconds` past a sign-in started on it.
fn back_after(seconds: i64, address: &str) -> (Services, MemoryStorage) {
    let (services, browser, memory, now) = services_at(FakeTransport::new(|_| json(200, TOKENS)));
    authorize(&services, &browser);
    browser.replace_url(&url::Url::parse(address).expect("url"));
    now.set(now.get() + chrono::Duration::seconds(seconds));
    (services, memory)
}

#[test]
fn an_abandoned_sign_in_is_forgotten_on_load_after_ten_minutes_quietly() {
    let (services, memory) = back_after(599, "http://127.0.0.1:8700/");
    assert!(!forget_abandoned_sign_in(&services));
    assert!(
        memory.get("snowcard:pending").is_some(),
        "599 s: still in flight"
    );
    assert!(memory.get("snowcard:return-to").is_some());

    let (services, memory) = back_after(601, "http://127.0.0.1:8700/");
    assert!(forget_abandoned_sign_in(&services));
    assert!(memory.get("snowcard:pending").is_none(), "601 s: forgotten");
    assert!(memory.get("snowcard:return-to").is_none());
    assert_eq!(
        initial_connection(&services),
        None,
        "nothing to report: the person abandoned it"
    );

    // An answer on the address is left for `complete` to refuse (and say why).
    for address in [
        "http://127.0.0.1:8700/?code=C&state=S",
        "http://127.0.0.1:8700/?state=S",
        "http://127.0.0.1:8700/?error=access_denied",
    ] {
        let (services, memory) = back_after(601, address);
        assert!(!forget_abandoned_sign_in(&services), "{address}");
        assert!(memory.get("snowcard:pending").is_some(), "{address}");
    }
}

/// What the connection has to report on load, if anything (a callback or a restore error).
fn initial_connection(services: &Services) -> Option<String> {
    callback_for_this(services)
        .map(|c| format!("{c:?}"))
        .or_else(|| restore(services).err().map(|e| e.to_string()))
}

#[test]
fn a_pending_record_without_a_start_time_is_forgotten_on_load_and_other_components_keep_theirs() {
    let (acme, globex, browser) = two_components("https://portal.example/sec");
    authorize(&acme, &browser);
    authorize(&globex, &browser);
    browser.replace_url(&url::Url::parse("https://portal.example/sec").expect("url"));
    let pending = acme
        .store
        .load::<PendingAuthorization>(keys::PENDING)
        .expect("readable")
        .expect("kept");
    // As saved before sign-ins carried a start time.
    let mut record = serde_json::to_value(&pending).expect("json");
    record
        .as_object_mut()
        .expect("the record")
        .remove("created_at");
    acme.store.save(keys::PENDING, &record).expect("written");
    assert!(forget_abandoned_sign_in(&acme));
    assert!(acme
        .store
        .load::<PendingAuthorization>(keys::PENDING)
        .expect("readable")
        .is_none());
    assert!(!forget_abandoned_sign_in(&globex), "globex's is fresh");
    assert!(globex
        .store
        .load::<PendingAuthorization>(keys::PENDING)
        .expect("readable")
        .is_some());
}

#[test]
fn a_forged_answer_leaves_the_tokens_kept_aside_by_a_re_authorization_in_flight() {
    let transport = FakeTransport::new(|_| json(200, TOKENS));
    let (services, browser, memory) = services(transport.clone(), "http://127.0.0.1:8700/");
    keep_previous(&services, settings().instance, tokens("OLD", Some("OLDRT")));
    let state = authorize(&services, &browser);
    let preferences = crate::app::preferences::Preferences::new(services.store.clone());
    preferences.remember_destination(&crate::app::route::Route::Manage);
    let forged = oauth::Callback {
        code: Some("FORGED".into()),
        state: Some("not-the-one-sent".into()),
        ..Default::default()
    };
    assert_eq!(
        block_on(complete(&services, forged)).err(),
        Some(ConnectError::OAuth(OAuthError::StateMismatch))
    );
    abandon_sign_in(&services);
    assert!(
        memory.get("snowcard:previous-tokens").is_some(),
        "kept aside for revoking"
    );
    assert!(memory.get("snowcard:pending").is_some(), "still in flight");
    assert!(transport.requests().is_empty(), "nothing exchanged");

    // The real answer then comes back: the old tokens are revoked, not left to expire.
    let real = oauth::Callback {
        code: Some("C".into()),
        state: Some(state),
        ..Default::default()
    };
    let session = block_on(complete(&services, real)).expect("connected");
    assert!(block_on(revoke_previous(&services, &session)).is_some());
    let revoked: Vec<String> = transport
        .requests()
        .iter()
        .filter(|r| r.url.contains("oauth_revoke_token.do"))
        .map(|r| r.url.clone())
        .collect();
    assert!(
        revoked.iter().any(|url| url.contains("OLDRT")),
        "{revoked:?}"
    );
    assert_eq!(
        preferences.take_destination(),
        Some(crate::app::route::Route::Manage)
    );
}

/// A page that pins 127.0.0.1:8702 only: the sessions of these tests (at :8701) are refused.
fn pinned_elsewhere() -> Trust {
    Trust {
        allowed_instances: vec![InstanceUrl::parse("http://127.0.0.1:8702").expect("valid")],
        ..Trust::default()
    }
}

#[test]
fn a_stored_session_the_page_refuses_is_not_used_and_stays_stored() {
    let transport = FakeTransport::new(|_| json(200, TOKENS));
    let (services, _, memory) = services(transport.clone(), "http://127.0.0.1:8700/");
    let session = crate::storage::StoredSession {
        settings: settings(),
        tokens: tokens("AT", Some("RT")),
        user: None,
    };
    services
        .store
        .save(crate::storage::keys::SESSION, &session)
        .expect("saved");
    let saved = memory.get("snowcard:session");

    let refused = restore_allowed(&services, &pinned_elsewhere()).expect_err("refused");
    let ConnectError::NotAllowed(refusal) = refused else {
        panic!("not the page's refusal: {refused:?}");
    };
    assert_eq!(refusal.instance, "127.0.0.1:8701");
    assert_eq!(refusal.allowed, "127.0.0.1:8702");
    assert!(transport.requests().is_empty(), "nothing sent anywhere");
    assert_eq!(memory.get("snowcard:session"), saved, "left as it was");

    let allowed = Trust {
        allowed_instances: vec![
            settings().instance,
            pinned_elsewhere().allowed_instances[0].clone(),
        ],
        ..Trust::default()
    };
    for trust in [allowed, Trust::default()] {
        let restored = restore_allowed(&services, &trust).expect("allowed");
        assert_eq!(
            restored.map(|s| s.tokens.access_token.secret().clone()),
            Some("AT".to_owned())
        );
    }
    services.store.remove(crate::storage::keys::SESSION);
    assert_eq!(
        restore_allowed(&services, &pinned_elsewhere()).map(|s| s.is_some()),
        Ok(false),
        "no session: nothing to refuse"
    );
}

#[test]
fn in_memory_mode_tokens_of_a_refused_instance_are_forgotten_unsent_before_leaving() {
    let transport = FakeTransport::new(|_| json(200, ""));
    let (services, _, _) = memory_mode(transport.clone());
    let session = crate::storage::StoredSession {
        settings: settings(),
        tokens: tokens("CURRENT", Some("RT")),
        user: None,
    };
    services
        .store
        .save(crate::storage::keys::SESSION, &session)
        .expect("saved");
    keep_previous(
        &services,
        settings().instance,
        tokens("OLDER", Some("OLDRT")),
    );

    let confirmed = block_on(revoke_before_leaving(&services, &pinned_elsewhere()));
    assert_eq!(confirmed, Vec::<bool>::new(), "nothing revoked");
    assert!(
        transport.requests().is_empty(),
        "no token sent to the refused instance: {:?}",
        transport.requests()
    );
    assert!(
        !has_session(&services),
        "forgotten, as it ends with the page"
    );
}

#[test]
fn a_sign_in_whose_verifier_the_full_storage_refused_never_leaves_the_page() {
    let (services, browser, _) = services(
        FakeTransport::new(|_| json(200, TOKENS)),
        "http://127.0.0.1:8700/",
    );
    let backend: Rc<dyn StorageBackend> = Rc::new(crate::storage::doubles::FullStorage);
    let services = Services {
        store: Store::new(backend, "snowcard"),
        ..services
    };
    assert!(!has_session(&services));
    assert!(
        !services.store.fell_back(),
        "reads work: nothing noticed yet"
    );
    assert_eq!(
        start_authorization(&services, &crate::app::trust::Trust::default(), settings()),
        Err(ConnectError::Storage(StorageError::Unavailable {
            key: "pending".into()
        }))
    );
    assert!(services.store.fell_back(), "the refused write was noticed");
    assert_eq!(browser.redirected_to(), None, "the verifier would be lost");
}

#[test]
fn rotated_tokens_reach_the_other_tabs_in_session_mode_and_never_in_memory_mode() {
    use crate::tabs::fake::FakeOrigin;
    use crate::tabs::SERVICENOW;
    let origin = FakeOrigin::new();
    let heard = Rc::new(std::cell::Cell::new(0));
    let other_tab = origin.tab().tokens("snowcard", SERVICENOW);
    let into = heard.clone();
    other_tab.listen(move |_| into.set(into.get() + 1));
    let rotated = |services: &Services| {
        // As a client does once it coordinates: listening opens the channel.
        let sync = services.token_sync(SERVICENOW);
        sync.listen(|_| {});
        sync.announce(
            &crate::servicenow::oauth::RefreshToken::new("RT1".into()),
            &tokens("AT2", Some("RT2")),
        );
    };

    let (session_mode, _, _) = services(
        FakeTransport::new(|_| json(200, "")),
        "http://127.0.0.1:8700/",
    );
    let session_mode = Services {
        tabs: origin.tab(),
        ..session_mode
    };
    rotated(&session_mode);
    assert_eq!(
        heard.get(),
        1,
        "the copy in the other tab is handed the new set"
    );

    let (memory, _, _) = memory_mode(FakeTransport::new(|_| json(200, "")));
    let memory = Services {
        tabs: origin.tab(),
        ..memory
    };
    rotated(&memory);
    assert_eq!(
        heard.get(),
        1,
        "tokens kept in memory were posted to the origin"
    );
}

#[test]
fn in_memory_mode_revoking_before_leaving_waits_for_a_renewal_under_way() {
    use futures::executor::LocalPool;
    use futures::task::LocalSpawnExt;
    let origin = crate::tabs::fake::FakeOrigin::new();
    let transport = FakeTransport::new(|_| json(200, ""));
    let (services, _, _) = memory_mode(transport.clone());
    let services = Services {
        tabs: origin.tab(),
        ..services
    };
    let save = |access: &str, refresh: &str| {
        let session = crate::storage::StoredSession {
            settings: settings(),
            tokens: tokens(access, Some(refresh)),
            user: None,
        };
        services
            .store
            .save(crate::storage::keys::SESSION, &session)
            .expect("saved");
    };
    save("OLD", "OLDRT");
    // A renewal holds the refresh lock while it asks the instance for a new set.
    let renewal = block_on(services.token_sync(crate::tabs::SERVICENOW).lock());
    let mut pool = LocalPool::new();
    let leaving = services.clone();
    let spawned = pool.spawner().spawn_local(async move {
        revoke_before_leaving(&leaving, &crate::app::trust::Trust::default()).await;
    });
    assert!(spawned.is_ok());
    pool.run_until_stalled();
    assert!(transport.requests().is_empty(), "it waits for the renewal");
    // The renewal saves the set it brought, then lets go.
    save("NEW", "NEWRT");
    drop(renewal);
    pool.run_until_stalled();
    let sent: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
    for token in ["NEWRT", "NEW"] {
        assert!(
            sent.iter().any(|u| u.ends_with(&format!("token={token}"))),
            "{token}: {sent:?}"
        );
    }
    assert!(!has_session(&services), "forgotten after revoking");
}
