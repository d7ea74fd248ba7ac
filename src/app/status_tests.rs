//! Native tests of the status checks against a scripted instance.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{Duration, TimeZone, Utc};
use futures::executor::block_on;
use oauth2::{AccessToken, ClientId, RedirectUrl, RefreshToken};

use super::*;
use crate::app::status_checks::{table_readable, token_endpoint};
use crate::app::status_roles::{self, can_create};
use crate::servicenow::fake::{form_value, json, FakeTransport};
use crate::servicenow::{
    ApiError, Clock, HttpRequest, HttpResponse, InstanceUrl, OAuthSettings, ServiceNowClient,
    TokenSet, TransportError,
};

const USER: &str = r#"{"result":{"user_sys_id":"u1","user_name":"int.user","user_display_name":"Integration User"}}"#;
const ROWS: &str = r#"{"result":[{"sys_id":"a"}]}"#;
const ROLES: &str = r#"{"result":[{"role.name":"itil"},{"role.name":"change_manager"}]}"#;
const BAD_GRANT: &str = r#"{"error":"invalid_grant","error_description":"Invalid refresh token"}"#;

type Answer = Result<HttpResponse, TransportError>;

/// A healthy instance; `change` may answer a request differently.
fn instance(change: impl Fn(&HttpRequest) -> Option<Answer> + 'static) -> FakeTransport {
    FakeTransport::new(move |req| {
        if let Some(answer) = change(req) {
            return answer;
        }
        let path = req.uri().path();
        match path {
            "/" => json(200, "<html></html>"),
            "/oauth_token.do" => json(401, BAD_GRANT),
            "/api/now/ui/user/current_user" => json(200, USER),
            "/api/now/table/sys_user_has_role" => json(200, ROLES),
            _ if path.starts_with("/api/now/table/") => json(200, ROWS),
            _ if path.starts_with("/api/now/stats/") => {
                json(200, r#"{"result":{"stats":{"count":"3"}}}"#)
            }
            _ => json(404, "{}"),
        }
    })
}

fn blocked(req: &HttpRequest) -> Answer {
    Err(TransportError::Blocked {
        url: req.uri().to_string(),
    })
}

fn clock() -> Clock {
    Rc::new(|| {
        Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
            .single()
            .unwrap_or_default()
    })
}

fn settings() -> OAuthSettings {
    OAuthSettings {
        instance: InstanceUrl::parse("acme").expect("valid"),
        client_id: ClientId::new("cid".into()),
        redirect_uri: RedirectUrl::new("https://portal.example/".into()).expect("valid"),
        token_url: None,
    }
}

fn client(transport: &FakeTransport) -> ServiceNowClient {
    let tokens = TokenSet {
        access_token: AccessToken::new("AT".into()),
        refresh_token: Some(RefreshToken::new("RT".into())),
        expires_at: clock()() + Duration::seconds(1799),
        lifetime_secs: 1799,
    };
    ServiceNowClient::new(
        Rc::new(transport.clone()),
        settings(),
        tokens,
        clock(),
        |_| {},
    )
}

/// Runs every check; the outcomes in page order.
fn run_all(transport: &FakeTransport, connected: bool) -> Vec<(Check, Outcome)> {
    let target = Target {
        transport: Rc::new(transport.clone()),
        clock: clock(),
        settings: Some(settings()),
        client: connected.then(|| client(transport)),
    };
    let seen = RefCell::new(Vec::new());
    block_on(run(&target, &|check, outcome| {
        seen.borrow_mut().push((check, outcome))
    }));
    seen.into_inner()
}

fn outcome_of(lines: &[(Check, Outcome)], check: Check) -> Outcome {
    lines
        .iter()
        .find(|(c, _)| *c == check)
        .map(|(_, o)| o.clone())
        .unwrap_or_else(|| panic!("{check:?} was not reported: {lines:?}"))
}

fn user() -> Option<UserInfo> {
    Some(UserInfo {
        sys_id: "u1".into(),
        user_name: "int.user".into(),
        display_name: "Integration User".into(),
    })
}

#[test]
fn a_healthy_instance_passes_every_check_in_page_order() {
    let lines = run_all(&instance(|_| None), true);
    let order: Vec<Check> = lines.iter().map(|(c, _)| *c).collect();
    assert_eq!(order, Check::ALL);
    for (check, outcome) in &lines {
        assert!(
            matches!(outcome, Outcome::Passed(_)),
            "{check:?}: {outcome:?}"
        );
    }
    assert_eq!(
        outcome_of(&lines, Check::TokenValid),
        Outcome::Passed(Passed::SignedIn(user().expect("a user")))
    );
}

#[test]
fn a_blocked_table_api_fails_its_lines_while_the_instance_answers() {
    let transport = instance(|req| req.uri().path().starts_with("/api/").then(|| blocked(req)));
    let lines = run_all(&transport, true);
    assert!(matches!(
        outcome_of(&lines, Check::InstanceReachable),
        Outcome::Passed(Passed::Answered { .. })
    ));
    for kind in [TicketKind::Incident, TicketKind::ChangeRequest] {
        let outcome = outcome_of(&lines, Check::TableReadable(kind));
        assert!(
            matches!(&outcome, Outcome::Failed(Problem::ApiBlocked { url }) if url.contains(kind.table())),
            "{outcome:?}"
        );
        assert_eq!(
            outcome_of(&lines, Check::CanCreate(kind)),
            Outcome::NotChecked(Skip::ApiClosed)
        );
    }
    assert!(matches!(
        outcome_of(&lines, Check::TokenEndpoint),
        Outcome::Passed(_)
    ));
}

#[test]
fn an_aggregate_api_closed_by_cors_fails_the_table_lines_the_cards_need() {
    let transport = instance(|req| {
        req.uri()
            .path()
            .starts_with("/api/now/stats/")
            .then(|| blocked(req))
    });
    let lines = run_all(&transport, true);
    for kind in [TicketKind::Incident, TicketKind::ChangeRequest] {
        let outcome = outcome_of(&lines, Check::TableReadable(kind));
        assert!(
            matches!(&outcome, Outcome::Failed(Problem::ApiBlocked { url }) if url.contains("/api/now/stats/")),
            "{kind:?}: {outcome:?}"
        );
    }
}

#[test]
fn a_current_user_api_hidden_by_cors_still_finds_the_user_through_the_table_api() {
    let transport = instance(|req| {
        let path = req.uri().path();
        if path == "/api/now/table/sys_user" {
            return Some(json(
                200,
                r#"{"result":[{"sys_id":"u1","user_name":"int.user","name":"Integration User"}]}"#,
            ));
        }
        (path == "/api/now/ui/user/current_user").then(|| blocked(req))
    });
    let lines = run_all(&transport, true);
    assert_eq!(
        outcome_of(&lines, Check::TokenValid),
        Outcome::Passed(Passed::SignedIn(user().expect("a user")))
    );
}

#[test]
fn a_forbidden_table_read_is_an_acl_problem_with_the_instance_words() {
    let body = r#"{"error":{"message":"Operation Failed","detail":"ACL Exception Read Failed due to security constraints"},"status":"failure"}"#;
    let transport = instance(move |req| {
        (req.uri().path() == "/api/now/table/change_request").then(|| json(403, body))
    });
    let lines = run_all(&transport, true);
    assert_eq!(
        outcome_of(&lines, Check::TableReadable(TicketKind::ChangeRequest)),
        Outcome::Failed(Problem::Forbidden {
            detail: "ACL Exception Read Failed due to security constraints".into()
        })
    );
    assert_eq!(
        outcome_of(&lines, Check::TableReadable(TicketKind::Incident)),
        Outcome::Passed(Passed::Readable)
    );
}

#[test]
fn an_unreachable_instance_fails_and_skips_what_needs_it() {
    let transport = instance(|req| {
        (req.uri().host() == Some("acme.service-now.com")).then(|| {
            Err(TransportError::Unreachable {
                url: req.uri().to_string(),
            })
        })
    });
    let lines = run_all(&transport, true);
    assert!(matches!(
        outcome_of(&lines, Check::InstanceReachable),
        Outcome::Failed(Problem::Unreachable { .. })
    ));
    assert_eq!(
        outcome_of(&lines, Check::TokenValid),
        Outcome::NotChecked(Skip::InstanceDown)
    );
    assert!(matches!(
        outcome_of(&lines, Check::TokenEndpoint),
        Outcome::Failed(Problem::TokenUnreachable { .. })
    ));
    let asked: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
    assert!(!asked.iter().any(|u| u.contains("/api/")), "{asked:?}");
}

#[test]
fn the_token_endpoint_counts_as_reachable_on_any_oauth_error_and_never_sees_the_session() {
    let transport = instance(|_| None);
    let outcome = block_on(token_endpoint(&transport, &settings(), &clock()));
    assert_eq!(
        outcome,
        Outcome::Passed(Passed::TokenEndpointAnswered {
            url: "https://acme.service-now.com/oauth_token.do".into(),
            code: Some("invalid_grant".into()),
        })
    );
    let sent = transport.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        form_value(&sent[0].body, "grant_type").as_deref(),
        Some("refresh_token")
    );
    assert_ne!(
        form_value(&sent[0].body, "refresh_token").as_deref(),
        Some("RT")
    );
    assert_eq!(sent[0].authorization, None);

    let servicenow_style = instance(|req| {
        (req.uri().path() == "/oauth_token.do").then(|| {
            json(
                401,
                r#"{"error":"server_error","error_description":"access_denied"}"#,
            )
        })
    });
    assert!(matches!(
        block_on(token_endpoint(&servicenow_style, &settings(), &clock())),
        Outcome::Passed(Passed::TokenEndpointAnswered { code: Some(c), .. }) if c == "server_error"
    ));
}

#[test]
fn a_token_endpoint_closed_by_cors_or_answering_html_fails() {
    let closed = instance(|req| (req.uri().path() == "/oauth_token.do").then(|| blocked(req)));
    assert_eq!(
        block_on(token_endpoint(&closed, &settings(), &clock())),
        Outcome::Failed(Problem::TokenBlocked {
            url: "https://acme.service-now.com/oauth_token.do".into()
        })
    );
    let html = instance(|req| {
        (req.uri().path() == "/oauth_token.do").then(|| json(404, "<html>Not Found</html>"))
    });
    assert!(matches!(
        block_on(token_endpoint(&html, &settings(), &clock())),
        Outcome::Failed(Problem::NotTokenEndpoint { .. })
    ));
}

#[test]
fn a_cross_scope_refusal_is_named_as_such() {
    let body = r#"{"error":{"message":"Operation Failed","detail":"Read operation against 'oauth_entity' from scope 'x_mioms_m365ticket' has been refused due to the table's cross-scope access policy"},"status":"failure"}"#;
    let transport = instance(move |req| {
        (req.uri().path() == "/api/now/table/incident").then(|| json(403, body))
    });
    let outcome = block_on(table_readable(&client(&transport), TicketKind::Incident));
    assert!(
        matches!(&outcome, Outcome::Failed(Problem::CrossScope { detail }) if detail.contains("oauth_entity")),
        "{outcome:?}"
    );
}

#[test]
fn an_ended_session_fails_the_token_line_and_skips_the_api_lines() {
    let transport = instance(|req| {
        let path = req.uri().path();
        if path == "/oauth_token.do"
            && form_value(&String::from_utf8_lossy(req.body()), "refresh_token").as_deref()
                == Some("RT")
        {
            return Some(json(401, BAD_GRANT));
        }
        path.starts_with("/api/")
            .then(|| json(401, r#"{"error":{"message":"User Not Authenticated"}}"#))
    });
    let lines = run_all(&transport, true);
    assert_eq!(
        outcome_of(&lines, Check::TokenValid),
        Outcome::Failed(Problem::SessionEnded)
    );
    for check in [
        Check::TableReadable(TicketKind::Incident),
        Check::CanCreate(TicketKind::ChangeRequest),
    ] {
        assert_eq!(
            outcome_of(&lines, check),
            Outcome::NotChecked(Skip::TokenRefused)
        );
    }
}

#[test]
fn without_a_session_only_the_token_free_checks_run() {
    let lines = run_all(&instance(|_| None), false);
    assert!(matches!(
        outcome_of(&lines, Check::InstanceReachable),
        Outcome::Passed(_)
    ));
    assert!(matches!(
        outcome_of(&lines, Check::TokenEndpoint),
        Outcome::Passed(_)
    ));
    for check in [
        Check::TokenValid,
        Check::TableReadable(TicketKind::Incident),
        Check::CanCreate(TicketKind::Incident),
    ] {
        assert_eq!(
            outcome_of(&lines, check),
            Outcome::NotChecked(Skip::ConnectFirst)
        );
    }
}

#[test]
fn roles_pass_fail_or_stay_unknown() {
    let roles = |names: &[&str]| Ok(names.iter().map(|n| (*n).to_owned()).collect());
    let user = user();
    assert_eq!(
        can_create(
            TicketKind::ChangeRequest,
            &roles(&["snc_internal"]),
            user.as_ref()
        ),
        Outcome::Failed(Problem::RoleMissing {
            user: user.clone(),
            role: "itil"
        })
    );
    for held in ["itil", "change_manager"] {
        assert_eq!(
            can_create(TicketKind::ChangeRequest, &roles(&[held]), user.as_ref()),
            Outcome::Passed(Passed::HasRole {
                user: user.clone(),
                role: held,
                via_admin: false
            }),
            "{held} creates change requests"
        );
    }
    assert!(matches!(
        can_create(
            TicketKind::Incident,
            &roles(&["change_manager"]),
            user.as_ref()
        ),
        Outcome::Failed(_)
    ));
    assert_eq!(
        can_create(
            TicketKind::Incident,
            &roles(&["snc_internal", "itil"]),
            user.as_ref()
        ),
        Outcome::Passed(Passed::HasRole {
            user: user.clone(),
            role: "itil",
            via_admin: false
        })
    );
    assert!(matches!(
        can_create(TicketKind::ChangeRequest, &roles(&["admin"]), user.as_ref()),
        Outcome::Passed(Passed::HasRole {
            via_admin: true,
            ..
        })
    ));
    assert_eq!(
        can_create(TicketKind::Incident, &roles(&[]), user.as_ref()),
        Outcome::NotChecked(Skip::RolesHidden {
            user: user.clone(),
            detail: None
        })
    );
    let hidden = Err(ApiError::Forbidden {
        detail: "ACL Exception Read Failed due to security constraints".into(),
    });
    assert!(matches!(
        can_create(TicketKind::Incident, &hidden, user.as_ref()),
        Outcome::NotChecked(Skip::RolesHidden {
            detail: Some(_),
            ..
        })
    ));
}

#[test]
fn the_roles_question_asks_for_the_sessions_own_active_grants() {
    let transport = instance(|_| None);
    let found = block_on(status_roles::roles(&client(&transport)));
    assert_eq!(
        found,
        Ok(vec!["itil".to_owned(), "change_manager".to_owned()])
    );
    let asked = transport
        .requests()
        .pop()
        .map(|r| r.url)
        .unwrap_or_default();
    assert!(
        asked.contains("sys_user_has_role?sysparm_query=user%3Djavascript%3Ags.getUserID()%5Estate%3Dactive&sysparm_fields=role.name"),
        "{asked}"
    );
}

#[test]
fn a_new_run_resets_the_board_and_ignores_late_answers_of_the_old_one() {
    let board = Board::default()
        .reduce(BoardAction::Start(1))
        .reduce(BoardAction::Report(
            1,
            Check::TokenValid,
            Outcome::Failed(Problem::SessionEnded),
        ))
        .reduce(BoardAction::Start(2))
        .reduce(BoardAction::Report(
            1,
            Check::InstanceReachable,
            Outcome::Failed(Problem::Offline),
        ));
    assert!(board.running());
    assert_eq!(board.tally(), (0, 0, 0));
    let done = Check::ALL.iter().fold(board, |b, c| {
        b.reduce(BoardAction::Report(
            2,
            *c,
            Outcome::NotChecked(Skip::NoInstance),
        ))
    });
    assert!(!done.running());
    assert_eq!(done.tally(), (0, 0, 8));
}

fn refused(req: &HttpRequest) -> Answer {
    let url = url::Url::parse(&req.uri().to_string()).expect("a URL");
    Err(TransportError::PagePolicy {
        origin: url.origin().ascii_serialization(),
        directive: "connect-src".into(),
    })
}

#[test]
fn a_page_policy_without_the_instance_fails_its_line_with_the_origin() {
    let lines = run_all(&instance(|req| Some(refused(req))), false);
    let problem = Problem::PagePolicy {
        origin: "https://acme.service-now.com".into(),
        directive: "connect-src".into(),
    };
    assert_eq!(
        outcome_of(&lines, Check::PagePolicy),
        Outcome::Failed(problem.clone())
    );
    assert_eq!(
        outcome_of(&lines, Check::InstanceReachable),
        Outcome::Failed(problem.clone())
    );
    assert_eq!(
        outcome_of(&lines, Check::TokenEndpoint),
        Outcome::Failed(problem)
    );
}

#[test]
fn a_page_policy_without_only_the_token_proxy_names_the_proxy() {
    let transport =
        instance(|req| (req.uri().host() == Some("proxy.example")).then(|| refused(req)));
    let mut with_proxy = settings();
    with_proxy.token_url =
        Some(oauth2::TokenUrl::new("https://proxy.example/oauth_token.do".into()).expect("URL"));
    let target = Target {
        transport: Rc::new(transport),
        clock: clock(),
        settings: Some(with_proxy.clone()),
        client: None,
    };
    let seen = RefCell::new(Vec::new());
    block_on(run(&target, &|check, outcome| {
        seen.borrow_mut().push((check, outcome))
    }));
    let lines = seen.into_inner();
    assert!(matches!(
        outcome_of(&lines, Check::InstanceReachable),
        Outcome::Passed(_)
    ));
    assert_eq!(
        outcome_of(&lines, Check::PagePolicy),
        Outcome::Failed(Problem::PagePolicy {
            origin: "https://proxy.example".into(),
            directive: "connect-src".into(),
        })
    );
}

#[test]
fn an_allowed_instance_and_proxy_pass_the_policy_line_naming_both() {
    let mut with_proxy = settings();
    with_proxy.token_url =
        Some(oauth2::TokenUrl::new("https://proxy.example/oauth_token.do".into()).expect("URL"));
    let answered = Outcome::Passed(Passed::Readable);
    assert_eq!(
        crate::app::status_checks::page_policy(&with_proxy, &[&answered, &answered]),
        Outcome::Passed(Passed::PolicyAllows {
            origins: vec![
                "https://acme.service-now.com".into(),
                "https://proxy.example".into()
            ],
        })
    );
    let offline = Outcome::Failed(Problem::Offline);
    assert_eq!(
        crate::app::status_checks::page_policy(&settings(), &[&offline, &offline]),
        Outcome::NotChecked(Skip::CouldNotAsk(Problem::Offline))
    );
}

/// The status page reads the setup draft with the page's policy, as the setup page does: a
/// proxy on another origin that the page's code trusts is the draft's token URL there too.
#[test]
fn the_draft_is_read_with_the_page_policy() {
    use crate::app::services::FakeBrowser;
    use crate::app::status_checks::Target;
    use crate::app::trust::Trust;
    use crate::storage::{keys, MemoryStorage, SetupDraft, StorageBackend, Store};

    let backend: Rc<dyn StorageBackend> = Rc::new(MemoryStorage::default());
    let services = crate::app::Services {
        tabs: Default::default(),
        transport: Rc::new(instance(|_| None)),
        store: Store::new(backend, "snowcard"),
        browser: Rc::new(FakeBrowser::at("https://portal.example/")),
        clock: clock(),
    };
    let draft = SetupDraft {
        instance: "acme".into(),
        client_id: "cid".into(),
        token_url: "https://proxy.example/oauth_token.do".into(),
    };
    services
        .store
        .save(keys::SETUP_DRAFT, &draft)
        .expect("saved");
    let redirect = "https://portal.example/";
    let untrusted = Target::find(&services, None, redirect, &Trust::default());
    assert_eq!(untrusted.settings, None, "typed, another origin is refused");
    let trust = Trust {
        token_url: url::Url::parse("https://proxy.example/oauth_token.do").ok(),
        ..Trust::default()
    };
    let trusted = Target::find(&services, None, redirect, &trust);
    assert_eq!(
        trusted.settings.map(|s| s.token_endpoint()).as_deref(),
        Some("https://proxy.example/oauth_token.do")
    );
    let pinned = Trust {
        allowed_instances: crate::app::trust::parse_allowed_instances("globex").expect("valid"),
        ..trust
    };
    assert_eq!(
        Target::find(&services, None, redirect, &pinned).settings,
        None,
        "an instance the page does not allow is not checked either"
    );
}

/// A session saved (or connected) at an instance the page no longer allows is not checked
/// with: no client, and no request carries its tokens.
#[test]
fn a_session_at_an_instance_the_page_refuses_is_not_checked_with() {
    use crate::app::services::FakeBrowser;
    use crate::app::status_checks::{run, Target};
    use crate::app::trust::{parse_allowed_instances, Trust};
    use crate::storage::{keys, MemoryStorage, StorageBackend, Store, StoredSession};

    let transport = instance(|_| None);
    let backend: Rc<dyn StorageBackend> = Rc::new(MemoryStorage::default());
    let services = crate::app::Services {
        tabs: Default::default(),
        transport: Rc::new(transport.clone()),
        store: Store::new(backend, "snowcard"),
        browser: Rc::new(FakeBrowser::at("https://portal.example/")),
        clock: clock(),
    };
    let connected = client(&transport);
    let session = StoredSession {
        settings: settings(),
        tokens: connected.tokens(),
        user: None,
    };
    services.store.save(keys::SESSION, &session).expect("saved");
    let redirect = "https://portal.example/";
    let pinned = Trust {
        allowed_instances: parse_allowed_instances("globex").expect("valid"),
        ..Trust::default()
    };

    for given in [None, Some(connected.clone())] {
        let target = Target::find(&services, given, redirect, &pinned);
        assert!(target.client.is_none(), "no client for acme");
        assert_eq!(target.settings, None, "acme is not checked either");
        let seen = RefCell::new(Vec::new());
        block_on(run(&target, &|check, outcome| {
            seen.borrow_mut().push((check, outcome))
        }));
        assert!(seen
            .borrow()
            .iter()
            .all(|(_, o)| *o == Outcome::NotChecked(Skip::NoInstance)));
        assert!(
            transport.requests().is_empty(),
            "nothing sent: {:?}",
            transport.requests()
        );
    }

    // Allowed again, the same stored session is checked with its tokens.
    let allowed = Trust {
        allowed_instances: parse_allowed_instances("globex acme").expect("valid"),
        ..Trust::default()
    };
    let target = Target::find(&services, None, redirect, &allowed);
    assert!(target.client.is_some(), "the stored session is used");
}
