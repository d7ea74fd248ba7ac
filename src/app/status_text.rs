//! A status check's line in words: its name, its verdict, what was found, and the fix.

use crate::i18n::{fill, StatusFix, StatusTexts, Texts};
use crate::servicenow::{TicketKind, UserInfo};

use super::describe::Context;
use super::status::{Check, Outcome, Passed, Problem, Skip};

/// A line's verdict, shown as an icon and a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Checking,
    Passed,
    Failed,
    NotChecked,
}

/// One line of the status page, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub name: &'static str,
    pub verdict: Verdict,
    /// The verdict's word ("Passed", "Failed", …).
    pub word: &'static str,
    pub detail: String,
    /// What to do about a failure (or about a check that could not tell).
    pub fix: Option<String>,
    /// A hint beside a pass.
    pub note: Option<String>,
}

/// The words for `check`'s `outcome`, with this page's origin and redirect URL filled in.
pub fn line(check: Check, outcome: &Outcome, texts: &Texts, context: &Context) -> Line {
    let t = &texts.status;
    let (verdict, word) = match outcome {
        Outcome::Running => (Verdict::Checking, t.checking),
        Outcome::Passed(_) => (Verdict::Passed, t.passed),
        Outcome::Failed(_) => (Verdict::Failed, t.failed),
        Outcome::NotChecked(_) => (Verdict::NotChecked, t.not_checked),
    };
    let (detail, fix, note) = match outcome {
        Outcome::Running => (String::new(), None, None),
        Outcome::Passed(passed) => {
            let (detail, note) = passed_text(passed, check, t);
            (detail, None, note)
        }
        Outcome::Failed(problem) => {
            let (detail, fix) = problem_text(problem, texts, context);
            (detail, Some(fix), None)
        }
        Outcome::NotChecked(skip) => {
            let (detail, fix) = skip_text(skip, texts, context);
            (detail, fix, None)
        }
    };
    Line {
        name: name(check, t),
        verdict,
        word,
        detail,
        fix,
        note,
    }
}

fn name(check: Check, t: &StatusTexts) -> &'static str {
    match check {
        Check::InstanceReachable => t.instance_name,
        Check::TokenValid => t.token_name,
        Check::TableReadable(TicketKind::Incident) => t.table_incident_name,
        Check::TableReadable(TicketKind::ChangeRequest) => t.table_change_name,
        Check::TokenEndpoint => t.token_endpoint_name,
        Check::PagePolicy => t.page_policy_name,
        Check::CanCreate(TicketKind::Incident) => t.create_incident_name,
        Check::CanCreate(TicketKind::ChangeRequest) => t.create_change_name,
    }
}

fn who(user: &Option<UserInfo>, t: &StatusTexts) -> (String, String) {
    match user {
        Some(u) => (u.display_name.clone(), u.user_name.clone()),
        None => (t.unknown_user.to_owned(), t.unknown_user.to_owned()),
    }
}

/// A pass's detail; the token line also carries the single sign-on hint as its note.
fn passed_text(passed: &Passed, check: Check, t: &StatusTexts) -> (String, Option<String>) {
    let text = match passed {
        Passed::Answered { instance } => fill(t.instance_ok, &[("instance", instance)]),
        Passed::SignedIn(user) => {
            let values = [
                ("user", user.display_name.as_str()),
                ("user_name", &user.user_name),
            ];
            return (fill(t.token_ok, &values), Some(t.not_you.to_owned()));
        }
        Passed::Readable => {
            let table = match check {
                Check::TableReadable(kind) => kind.table(),
                _ => "",
            };
            fill(t.table_ok, &[("table", table)])
        }
        Passed::TokenEndpointAnswered { url, code } => {
            let code = code.as_deref().unwrap_or("JSON");
            fill(t.token_endpoint_ok, &[("url", url), ("code", code)])
        }
        Passed::PolicyAllows { origins } => {
            fill(t.page_policy_ok, &[("origins", &origins.join(", "))])
        }
        Passed::HasRole {
            user,
            role,
            via_admin,
        } => {
            let template = if *via_admin {
                t.role_via_admin
            } else {
                t.role_ok
            };
            let (user, _) = who(user, t);
            fill(template, &[("user", &user), ("role", role)])
        }
    };
    (text, None)
}

fn problem_text(problem: &Problem, texts: &Texts, context: &Context) -> (String, String) {
    let t = &texts.status;
    let (fix, detail, url, extra): (&StatusFix, &str, &str, Vec<(&str, String)>) = match problem {
        Problem::Unreachable { url } => (&t.unreachable, "", url, vec![]),
        Problem::Offline => (&t.offline, "", "", vec![]),
        Problem::ApiBlocked { url } => (&t.api_blocked, "", url, vec![]),
        Problem::TokenBlocked { url } => (&t.token_blocked, "", url, vec![]),
        Problem::TokenUnreachable { url } => (&t.token_unreachable, "", url, vec![]),
        Problem::NotTokenEndpoint { url, detail } => (&t.not_token_endpoint, detail, url, vec![]),
        Problem::PagePolicy { origin, directive } => (
            &t.page_policy,
            "",
            "",
            vec![
                ("blocked", origin.clone()),
                ("directive", directive.clone()),
            ],
        ),
        Problem::Forbidden { detail } => (&t.forbidden, detail, "", vec![]),
        Problem::CrossScope { detail } => (&t.cross_scope, detail, "", vec![]),
        Problem::SessionEnded => (&t.session_ended, "", "", vec![]),
        Problem::RateLimited { seconds } => (
            &t.rate_limited,
            "",
            "",
            vec![("seconds", texts.seconds(*seconds))],
        ),
        Problem::Server { status, detail } => {
            (&t.server, detail, "", vec![("status", status.to_string())])
        }
        Problem::Unexpected { detail } => (&t.unexpected, detail, "", vec![]),
        Problem::RoleMissing { user, role } => {
            let (user, user_name) = who(user, t);
            let extra = vec![
                ("user", user),
                ("user_name", user_name),
                ("role", (*role).to_owned()),
            ];
            (&t.role_missing, "", "", extra)
        }
    };
    let host = context.host();
    let mut values: Vec<(&str, &str)> = vec![
        ("detail", detail),
        ("url", url),
        ("origin", &context.origin),
        ("host", &host),
        ("redirect", &context.redirect_uri),
    ];
    values.extend(extra.iter().map(|(k, v)| (*k, v.as_str())));
    (fill(fix.detail, &values), fill(fix.fix, &values))
}

fn skip_text(skip: &Skip, texts: &Texts, context: &Context) -> (String, Option<String>) {
    let t = &texts.status;
    let plain = |text: &str| (text.to_owned(), None);
    match skip {
        Skip::ConnectFirst => plain(t.connect_first),
        Skip::NoInstance => plain(t.no_instance),
        Skip::InstanceDown => plain(t.instance_down),
        Skip::TokenRefused => plain(t.token_refused),
        Skip::ApiClosed => plain(t.api_closed),
        Skip::RolesHidden { user, detail } => {
            let (user, _) = who(user, t);
            let detail = detail.as_deref().unwrap_or("");
            let values = [("user", user.as_str()), ("detail", detail)];
            let text = fill(t.roles_hidden.detail, &values).trim_end().to_owned();
            (text, Some(fill(t.roles_hidden.fix, &values)))
        }
        Skip::CouldNotAsk(problem) => {
            let (detail, fix) = problem_text(problem, texts, context);
            let text = fill(t.could_not_ask, &[("detail", &detail)]);
            (text, Some(fix))
        }
    }
}

#[cfg(test)]
#[path = "status_text_tests.rs"]
mod tests;
