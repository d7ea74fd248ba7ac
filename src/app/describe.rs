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

pub fn describe(error: &ConnectError, texts: &'static Texts, context: &Context) -> Described {
    let e = &texts.errors;
    let (text, action, detail, url): (&ErrorText, NextAction, String, String) = match error {
        ConnectError::OAuth(oauth) => return describe_oauth(oauth, texts, context, false),
        ConnectError::Api(api) => match api {
            ApiError::SessionEnded => (
                &e.session_ended,
                NextAction::Reconnect,
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
        ConnectError::Storage(StorageError::Unavailable { .. }) => (
            &e.storage_unavailable,
            NextAction::Setup,
            String::new(),
            String::new(),
        ),
    };
    render(text, action, &detail, &url, context)
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
        OAuthError::Transport(
            TransportError::Blocked { url } | TransportError::Unreachable { url },
        ) => url.clone(),
        OAuthError::Transport(TransportError::PagePolicy { origin, .. }) => origin.clone(),
        OAuthError::AccessDenied => "access_denied".to_owned(),
        OAuthError::StateMissing
        | OAuthError::StateMismatch
        | OAuthError::CodeMissing
        | OAuthError::NoPendingAuthorization
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
    let values = [
        ("detail", detail),
        ("seconds", detail),
        ("url", url),
        ("origin", context.origin.as_str()),
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
        assert!(
            d.next
                .contains("glide.oauth.cors.allowed.origin to https://portal.example"),
            "{d:?}"
        );
        assert_eq!(d.action, NextAction::Setup);
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
            ApiError::Transport(TransportError::PagePolicy {
                origin: "https://acme.service-now.com".into(),
                directive: "connect-src".into(),
            })
            .into(),
        ];
        let titles: std::collections::BTreeSet<_> =
            failures.into_iter().map(|f| told(f).title).collect();
        assert_eq!(titles.len(), 10);
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
    fn an_ended_session_offers_reconnect_and_a_rate_limit_names_the_wait() {
        assert_eq!(
            told(ApiError::SessionEnded.into()).action,
            NextAction::Reconnect
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
