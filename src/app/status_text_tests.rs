//! Native tests of the status lines' words.

use super::*;
use crate::i18n::Locale;

fn context() -> Context {
    Context {
        origin: "https://portal.example".into(),
        redirect_uri: "https://portal.example/security/".into(),
    }
}

fn told(check: Check, outcome: Outcome) -> Line {
    line(check, &outcome, Locale::En.texts(), &context())
}

#[test]
fn a_blocked_table_api_names_the_cors_rule_and_this_origin() {
    let l = told(
        Check::TableReadable(TicketKind::Incident),
        Outcome::Failed(Problem::ApiBlocked {
            url: "https://acme/api/now/table/incident".into(),
        }),
    );
    assert_eq!((l.verdict, l.word), (Verdict::Failed, "Failed"));
    assert_eq!(l.name, "Table API readable: incidents");
    assert!(
        l.detail.contains("https://acme/api/now/table/incident"),
        "{l:?}"
    );
    let fix = l.fix.unwrap_or_default();
    assert!(
        fix.contains("REST API \"Table API\" with domain https://portal.example"),
        "{fix}"
    );
}

#[test]
fn a_blocked_token_endpoint_names_the_property_and_the_proxy() {
    let l = told(
        Check::TokenEndpoint,
        Outcome::Failed(Problem::TokenBlocked {
            url: "https://acme/oauth_token.do".into(),
        }),
    );
    let fix = l.fix.unwrap_or_default();
    assert!(
        fix.contains("glide.oauth.cors.allowed.origin to portal.example (this page's host name;")
    );
    assert!(fix.contains("same-origin proxy"));
}

#[test]
fn a_missing_role_names_the_user_and_the_not_you_way_out() {
    let user = Some(UserInfo {
        sys_id: "u".into(),
        user_name: "jane.doe".into(),
        display_name: "Jane Doe".into(),
    });
    let l = told(
        Check::CanCreate(TicketKind::ChangeRequest),
        Outcome::Failed(Problem::RoleMissing {
            user,
            role: "change_manager",
        }),
    );
    assert_eq!(l.detail, "Jane Doe does not have the change_manager role.");
    let fix = l.fix.unwrap_or_default();
    assert!(
        fix.contains("gives jane.doe the change_manager role"),
        "{fix}"
    );
    assert!(fix.contains("\"Not you?\""), "{fix}");
}

#[test]
fn unknown_roles_are_not_a_pass_and_say_why() {
    let l = told(
        Check::CanCreate(TicketKind::Incident),
        Outcome::NotChecked(Skip::RolesHidden {
            user: None,
            detail: None,
        }),
    );
    assert_eq!((l.verdict, l.word), (Verdict::NotChecked, "Not checked"));
    assert!(l.detail.starts_with("Could not be checked"), "{l:?}");
    assert!(l.detail.ends_with("hides them)."), "{l:?}");
    let waiting = told(Check::TokenValid, Outcome::NotChecked(Skip::ConnectFirst));
    assert_eq!(waiting.detail, "Not checked: connect first.");
}

#[test]
fn every_problem_has_a_fix_without_unfilled_placeholders() {
    let problems = [
        Problem::Unreachable { url: "u".into() },
        Problem::Offline,
        Problem::ApiBlocked { url: "u".into() },
        Problem::TokenBlocked { url: "u".into() },
        Problem::TokenUnreachable { url: "u".into() },
        Problem::NotTokenEndpoint {
            url: "u".into(),
            detail: "d".into(),
        },
        Problem::Forbidden { detail: "d".into() },
        Problem::CrossScope { detail: "d".into() },
        Problem::SessionEnded,
        Problem::RateLimited { seconds: 9 },
        Problem::Server {
            status: 500,
            detail: "d".into(),
        },
        Problem::Unexpected { detail: "d".into() },
        Problem::RoleMissing {
            user: None,
            role: "itil",
        },
    ];
    for problem in problems {
        let l = told(Check::TokenValid, Outcome::Failed(problem.clone()));
        let all = format!("{} {}", l.detail, l.fix.unwrap_or_default());
        assert!(
            !all.contains('{') && !all.trim().is_empty(),
            "{problem:?}: {all}"
        );
    }
}

#[test]
fn a_page_policy_refusal_names_the_policy_the_directive_and_the_origin() {
    let l = told(
        Check::PagePolicy,
        Outcome::Failed(Problem::PagePolicy {
            origin: "https://acme.service-now.com".into(),
            directive: "connect-src".into(),
        }),
    );
    assert_eq!((l.verdict, l.word), (Verdict::Failed, "Failed"));
    assert!(l.name.contains("Content-Security-Policy"), "{l:?}");
    assert!(
        l.detail.contains("https://acme.service-now.com") && l.detail.contains("connect-src"),
        "{l:?}"
    );
    let fix = l.fix.unwrap_or_default();
    assert!(
        fix.contains("adds https://acme.service-now.com to connect-src"),
        "{fix}"
    );
    let passed = told(
        Check::PagePolicy,
        Outcome::Passed(Passed::PolicyAllows {
            origins: vec![
                "https://acme.service-now.com".into(),
                "https://proxy.example".into(),
            ],
        }),
    );
    assert_eq!(
        passed.detail,
        "The browser lets this page call https://acme.service-now.com, https://proxy.example."
    );
}
