//! How each failure is told to a person: what happened, and the next step.

use crate::i18n::{fill, ErrorText, Texts};
use crate::servicenow::{ApiError, OAuthError, TransportError};
use crate::storage::StorageError;

use super::state::ConnectError;

/// What a person can do about a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextAction {
    /// Back to the setup page, fields kept, to authorize again.
    Setup,
    /// Run the OAuth flow again with the saved settings.
    Reconnect,
    /// The session ended (it could not be renewed, or was refused): sign in again with the
    /// same settings, keeping drafts and the page.
    SignInAgain,
    /// Nothing to press: the app retries by itself or the person acts elsewhere.
    Wait,
}

/// A failure, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    pub title: String,
    pub detail: String,
    pub next: String,
    pub action: NextAction,
}

/// Facts the messages name.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// This page's origin, as a CORS rule must name it.
    pub origin: String,
    pub redirect_uri: String,
}

impl Context {
    /// This page's host name, as `glide.oauth.cors.allowed.origin` must name it.
    pub fn host(&self) -> String {
        host_of(&self.origin)
    }
}

/// The host name of an origin (`https://portal.example:8443` → `portal.example`): ServiceNow
/// documents the value of `glide.oauth.cors.allowed.origin` as "a single hostname" or `*`
/// (platform-security/instance-security-hardening-settings/
/// sc-allow-cors-origins-for-oauth-endpoints.md). Anything unparsable is shown as it is.
pub fn host_of(origin: &str) -> String {
    url::Url::parse(origin)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned))
        .unwrap_or_else(|| origin.to_owned())
}

pub fn describe(error: &ConnectError, texts: &'static Texts, context: &Context) -> Described {
    let e = &texts.errors;
    let (text, action, detail, url): (&ErrorText, NextAction, String, String) = match error {
        ConnectError::OAuth(oauth) => return describe_oauth(oauth, texts, context, false),
        ConnectError::Api(api) => match api {
            ApiError::SessionEnded => (
                &e.session_ended,
                NextAction::SignInAgain,
                String::new(),
                String::new(),
            ),
            ApiError::Forbidden { detail } => (
                &e.forbidden,
                NextAction::Wait,
                detail.clone(),
                String::new(),
            ),
            ApiError::RateLimited { retry_after_secs } => (
                &e.rate_limited,
                NextAction::Wait,
                texts.seconds(*retry_after_secs),
                String::new(),
            ),
            ApiError::Transport(TransportError::Blocked { url }) => (
                &e.api_blocked,
                NextAction::Setup,
                String::new(),
                url.clone(),
            ),
            ApiError::Transport(transport) => return describe_transport(transport, texts, context),
            ApiError::NotFound { detail } | ApiError::UnexpectedResponse(detail) => (
                &e.unexpected,
                NextAction::Setup,
                detail.clone(),
                String::new(),
            ),
            ApiError::Server { status, message } => {
                let mut d = render(&e.server, NextAction::Wait, message, "", context);
                d.title = fill(&d.title, &[("status", &status.to_string())]);
                return d;
            }
            ApiError::Refresh(oauth) => return describe_oauth(oauth, texts, context, true),
        },
        ConnectError::Storage(StorageError::Corrupt { .. }) => (
            &e.storage_corrupt,
            NextAction::Setup,
            String::new(),
            String::new(),
        ),
        ConnectError::NotAllowed(refused) => (
            &e.instance_not_allowed,
            NextAction::Setup,
            refused.allowed.clone(),
            refused.instance.clone(),
        ),
        ConnectError::TokenUrlNotAllowed { origin } => (
            &e.token_url_not_allowed,
            NextAction::Setup,
            String::new(),
            origin.clone(),
        ),
        ConnectError::Storage(StorageError::Unavailable { .. }) => (
            &e.storage_unavailable,
            NextAction::Setup,
            String::new(),
            String::new(),
        ),
    };
    render(text, action, &detail, &url, context)
}

/// The wait of a rate limit too long to spend in the page (over a minute), in seconds:
/// such a failure is told with a clock time ([`rate_limited_until`]) rather than a countdown.
pub fn long_wait(error: &ConnectError) -> Option<u32> {
    match error {
        ConnectError::Api(ApiError::RateLimited { retry_after_secs })
            if !super::share_flow::waits_in_page(*retry_after_secs) =>
        {
            Some(*retry_after_secs)
        }
        _ => None,
    }
}

/// Whether a failed send is told as an answer that never reached the page: a closed
/// connection and a missing CORS rule look alike from a page (see `share_flow`), but while
/// sending, the session's own requests have been read moments before.
pub fn answer_lost(error: &ConnectError) -> bool {
    matches!(
        error,
        ConnectError::Api(ApiError::Transport(
            TransportError::Blocked { .. } | TransportError::Unreachable { .. }
        ))
    )
}

/// A send whose answer never reached the page, and what to do about it.
pub fn lost_answer(texts: &'static Texts) -> Described {
    Described {
        title: texts.share.answer_lost_title.to_owned(),
        detail: texts.share.answer_lost_detail.to_owned(),
        next: texts.share.answer_lost_next.to_owned(),
        action: NextAction::Wait,
    }
}

/// A long rate limit, told with when to try again (`time`: a clock time, already written
/// the way the person's language writes times).
pub fn rate_limited_until(texts: &'static Texts, time: &str) -> Described {
    Described {
        title: fill(texts.share.rate_limited_until, &[("time", time)]),
        detail: String::new(),
        next: texts.share.rate_limited_until_next.to_owned(),
        action: NextAction::Wait,
    }
}

/// Whether the connection status page can help: the instance, its CORS settings, an ACL or
/// IP address access control may be behind the failure.
pub fn worth_checking(error: &ConnectError) -> bool {
    matches!(
        error,
        ConnectError::OAuth(OAuthError::Transport(_))
            | ConnectError::OAuth(OAuthError::InvalidClient(_))
            | ConnectError::Api(ApiError::Transport(_))
            | ConnectError::Api(ApiError::Forbidden { .. })
            | ConnectError::Api(ApiError::Refresh(OAuthError::Transport(_)))
    )
}

fn describe_oauth(
    error: &OAuthError,
    texts: &'static Texts,
    context: &Context,
    refreshing: bool,
) -> Described {
    let e = &texts.errors;
    let setup_or_reconnect = if refreshing {
        NextAction::Reconnect
    } else {
        NextAction::Setup
    };
    let (text, detail) = match error {
        OAuthError::AccessDenied => (&e.access_denied, String::new()),
        OAuthError::StateMismatch => (&e.state_mismatch, String::new()),
        OAuthError::StateMissing => (&e.state_missing, String::new()),
        OAuthError::NoPendingAuthorization => (&e.no_pending, String::new()),
        OAuthError::PendingExpired => (&e.pending_expired, String::new()),
        OAuthError::CodeMissing => (&e.code_missing, String::new()),
        OAuthError::AuthorizationRefused { code, description } => {
            (&e.authorization_refused, join_detail(code, description))
        }
        OAuthError::InvalidGrant(detail) => (&e.invalid_grant, detail.clone()),
        OAuthError::InvalidClient(detail) => (&e.invalid_client, detail.clone()),
        OAuthError::TokenEndpoint { code, description } => {
            (&e.token_endpoint, join_detail(code, description))
        }
        OAuthError::UnexpectedResponse(detail) => (&e.unexpected, detail.clone()),
        OAuthError::IssuerMismatch { expected, issuer } => {
            return render(
                &e.issuer_mismatch,
                NextAction::Setup,
                issuer,
                expected,
                context,
            )
        }
        OAuthError::NoRefreshToken => {
            return render(&e.session_ended, NextAction::SignInAgain, "", "", context)
        }
        OAuthError::Unavailable { detail, .. } => (&e.token_unavailable, detail.clone()),
        OAuthError::Transport(TransportError::Blocked { url }) => {
            return render(&e.token_blocked, setup_or_reconnect, "", url, context)
        }
        OAuthError::Transport(transport) => return describe_transport(transport, texts, context),
    };
    render(text, setup_or_reconnect, &detail, "", context)
}

fn describe_transport(
    error: &TransportError,
    texts: &'static Texts,
    context: &Context,
) -> Described {
    let e = &texts.errors;
    match error {
        TransportError::Offline => render(&e.offline, NextAction::Setup, "", "", context),
        TransportError::Unreachable { url } | TransportError::Blocked { url } => {
            render(&e.unreachable, NextAction::Setup, "", url, context)
        }
        TransportError::Redirected { url } => {
            render(&e.redirected, NextAction::Setup, "", url, context)
        }
        TransportError::PagePolicy { origin, directive } => {
            let values = [
                ("blocked", origin.as_str()),
                ("directive", directive.as_str()),
            ];
            Described {
                title: fill(e.page_policy.title, &values),
                detail: fill(e.page_policy.detail, &values),
                next: fill(e.page_policy.next, &values),
                action: NextAction::Setup,
            }
        }
    }
}

/// What the instance itself said in an OAuth failure (its error code and description, or the
/// raw answer), or where it failed: no words of snowcard's own, so it reads the same in every
/// language beside a translated sentence.
pub fn oauth_detail(error: &OAuthError) -> String {
    match error {
        OAuthError::AuthorizationRefused { code, description }
        | OAuthError::TokenEndpoint { code, description } => join_detail(code, description),
        OAuthError::InvalidGrant(detail)
        | OAuthError::InvalidClient(detail)
        | OAuthError::UnexpectedResponse(detail) => detail.clone(),
        OAuthError::IssuerMismatch { issuer, .. } => issuer.clone(),
        OAuthError::Unavailable { status, detail } => format!("{status}: {detail}"),
        OAuthError::Transport(
            TransportError::Blocked { url }
            | TransportError::Unreachable { url }
            | TransportError::Redirected { url },
        ) => url.clone(),
        OAuthError::Transport(TransportError::PagePolicy { origin, .. }) => origin.clone(),
        OAuthError::AccessDenied => "access_denied".to_owned(),
        OAuthError::StateMissing
        | OAuthError::StateMismatch
        | OAuthError::CodeMissing
        | OAuthError::NoPendingAuthorization
        | OAuthError::PendingExpired
        | OAuthError::NoRefreshToken
        | OAuthError::Transport(TransportError::Offline) => String::new(),
    }
}

fn join_detail(code: &str, description: &str) -> String {
    if description.is_empty() {
        code.to_owned()
    } else {
        format!("{code}: {description}")
    }
}

fn render(
    text: &ErrorText,
    action: NextAction,
    detail: &str,
    url: &str,
    context: &Context,
) -> Described {
    let host = context.host();
    let values = [
        ("detail", detail),
        ("seconds", detail),
        ("url", url),
        ("origin", context.origin.as_str()),
        ("host", host.as_str()),
        ("redirect", context.redirect_uri.as_str()),
    ];
    Described {
        title: fill(text.title, &values),
        detail: fill(text.detail, &values),
        next: fill(text.next, &values),
        action,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn told(error: ConnectError) -> Described {
        let context = Context {
            origin: "https://portal.example".into(),
            redirect_uri: "https://portal.example/".into(),
        };
        describe(&error, Locale::En.texts(), &context)
    }

    #[test]
    fn a_blocked_token_endpoint_names_the_cors_property_and_the_origin() {
        let d = told(
            OAuthError::Transport(TransportError::Blocked {
                url: "https://acme/oauth_token.do".into(),
            })
            .into(),
        );
        assert!(
            d.detail.contains("https://acme/oauth_token.do")
                && d.detail.contains("https://portal.example"),
            "{d:?}"
        );
        // The property holds a host name, as ServiceNow documents it.
        assert!(
            d.next.contains(
                "glide.oauth.cors.allowed.origin to portal.example (this page's host name;"
            ),
            "{d:?}"
        );
        assert!(d.next.contains("sys_properties"), "{d:?}");
        assert_eq!(d.action, NextAction::Setup);
    }

    #[test]
    fn the_host_name_of_an_origin_leaves_scheme_and_port_out() {
        assert_eq!(host_of("https://portal.example:8443"), "portal.example");
        assert_eq!(host_of("http://127.0.0.1:8700"), "127.0.0.1");
        assert_eq!(host_of("http://[::1]:8700"), "[::1]");
        assert_eq!(host_of("not an origin"), "not an origin");
    }

    #[test]
    fn each_connection_failure_has_a_distinct_title() {
        let failures: Vec<ConnectError> = vec![
            OAuthError::AccessDenied.into(),
            OAuthError::StateMismatch.into(),
            OAuthError::StateMissing.into(),
            OAuthError::InvalidGrant("x".into()).into(),
            OAuthError::Transport(TransportError::Blocked { url: "u".into() }).into(),
            OAuthError::Transport(TransportError::Unreachable { url: "u".into() }).into(),
            OAuthError::Transport(TransportError::Offline).into(),
            ApiError::Transport(TransportError::Blocked { url: "u".into() }).into(),
            ApiError::SessionEnded.into(),
            OAuthError::IssuerMismatch {
                expected: "https://acme.service-now.com".into(),
                issuer: "https://evil.example".into(),
            }
            .into(),
            OAuthError::Unavailable {
                status: 503,
                detail: "x".into(),
            }
            .into(),
            ApiError::Transport(TransportError::PagePolicy {
                origin: "https://acme.service-now.com".into(),
                directive: "connect-src".into(),
            })
            .into(),
        ];
        let titles: std::collections::BTreeSet<_> =
            failures.into_iter().map(|f| told(f).title).collect();
        assert_eq!(titles.len(), 12);
    }

    #[test]
    fn an_answer_from_another_issuer_names_both_servers() {
        let d = told(
            OAuthError::IssuerMismatch {
                expected: "https://acme.service-now.com".into(),
                issuer: "https://evil.example".into(),
            }
            .into(),
        );
        let all = format!("{} {} {}", d.title, d.detail, d.next);
        assert!(
            all.contains("https://acme.service-now.com") && all.contains("https://evil.example"),
            "{d:?}"
        );
        assert_eq!(d.action, NextAction::Setup);
    }

    #[test]
    fn setup_failures_offer_the_status_page_and_sign_in_mistakes_do_not() {
        let blocked = TransportError::Blocked { url: "u".into() };
        assert!(worth_checking(&ApiError::Transport(blocked.clone()).into()));
        assert!(worth_checking(&OAuthError::Transport(blocked).into()));
        assert!(worth_checking(
            &ApiError::Forbidden {
                detail: "ACL".into()
            }
            .into()
        ));
        assert!(worth_checking(
            &OAuthError::Transport(TransportError::Unreachable { url: "u".into() }).into()
        ));
        assert!(!worth_checking(&OAuthError::AccessDenied.into()));
        assert!(!worth_checking(&OAuthError::StateMismatch.into()));
        assert!(!worth_checking(&ApiError::SessionEnded.into()));
    }

    #[test]
    fn an_ended_session_offers_sign_in_again_and_a_rate_limit_names_the_wait() {
        assert_eq!(
            told(ApiError::SessionEnded.into()).action,
            NextAction::SignInAgain
        );
        assert!(told(
            ApiError::RateLimited {
                retry_after_secs: 30
            }
            .into()
        )
        .next
        .contains("30 seconds"));
        let server = told(
            ApiError::Server {
                status: 503,
                message: "Service Unavailable".into(),
            }
            .into(),
        );
        assert!(server.title.contains("503"), "{server:?}");
    }

    #[test]
    fn an_hour_long_rate_limit_is_told_as_a_clock_time_and_a_short_one_is_not() {
        let long = ConnectError::Api(ApiError::RateLimited {
            retry_after_secs: 3600,
        });
        assert_eq!(long_wait(&long), Some(3600));
        let short = ConnectError::Api(ApiError::RateLimited {
            retry_after_secs: 60,
        });
        assert_eq!(long_wait(&short), None);
        assert_eq!(long_wait(&ApiError::SessionEnded.into()), None);
        let told = rate_limited_until(Locale::En.texts(), "15:42");
        assert_eq!(
            told.title,
            "ServiceNow's rate limit was reached. Try again after 15:42."
        );
        assert!(told.next.contains("draft is kept"), "{told:?}");
    }

    #[test]
    fn a_request_the_page_policy_refused_names_the_policy_the_directive_and_what_to_add() {
        let refused = TransportError::PagePolicy {
            origin: "https://acme.service-now.com".into(),
            directive: "connect-src".into(),
        };
        for error in [
            ConnectError::OAuth(OAuthError::Transport(refused.clone())),
            ConnectError::Api(ApiError::Transport(refused.clone())),
            ConnectError::Api(ApiError::Refresh(OAuthError::Transport(refused.clone()))),
        ] {
            let d = told(error.clone());
            assert!(
                d.title.contains("Content-Security-Policy")
                    && d.title.contains("https://acme.service-now.com"),
                "{d:?}"
            );
            assert!(d.detail.contains("connect-src"), "{d:?}");
            assert!(
                !d.detail.contains("network"),
                "not a network problem: {d:?}"
            );
            assert!(
                d.next
                    .contains("adds https://acme.service-now.com to connect-src"),
                "{d:?}"
            );
            assert!(worth_checking(&error), "the status page has a line for it");
        }
    }
}
