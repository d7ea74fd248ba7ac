//! The status checks themselves, each one harmless question to the instance, and the run
//! that asks them in the page's order, skipping what an earlier answer makes pointless.

use std::rc::Rc;

use oauth2::{http, RefreshToken};
use serde::Deserialize;

use super::flow;
use super::services::Services;
use super::status::{Check, Outcome, Passed, Problem, Skip};
use super::status_roles::{can_create, roles};
use super::trust::Trust;
use crate::servicenow::{
    ApiError, Clock, InstanceUrl, OAuthError, OAuthSettings, ServiceNowClient, TicketKind,
    Transport, TransportError, UserInfo,
};
use crate::storage::{keys, SetupDraft};

/// A refresh token no instance issued: the token endpoint must turn it down, which is
/// all the check needs to see. The session's own tokens are never sent.
const PROBE_REFRESH_TOKEN: &str = "snowcard-status-check-not-a-real-token";

/// What the checks run against.
#[derive(Clone)]
pub struct Target {
    pub transport: Rc<dyn Transport>,
    pub clock: Clock,
    /// The instance and client: the session's, else the setup page's.
    pub settings: Option<OAuthSettings>,
    /// The connected session, when there is one.
    pub client: Option<ServiceNowClient>,
}

impl Target {
    /// The connected `client`; else the session saved in this tab; else what the setup page
    /// holds (checks that need a token then say so).
    /// The draft is read with the page's policy (`trust`), as the setup page reads it.
    pub fn find(
        services: &Services,
        client: Option<ServiceNowClient>,
        redirect_uri: &str,
        trust: &Trust,
    ) -> Self {
        // A session whose instance the page refuses gets no client (see
        // `flow::restore_allowed`): no check sends its tokens.
        let allowed = |c: &ServiceNowClient| {
            flow::check_allowed(trust, &services.browser.current_url(), c.settings()).is_ok()
        };
        let client =
            client
                .filter(allowed)
                .or_else(|| match flow::restore_allowed(services, trust) {
                    Ok(Some(session)) => Some(flow::client_for(services, &session)),
                    _ => None,
                });
        let settings = match &client {
            Some(client) => Some(client.settings().clone()),
            None => draft_settings(services, redirect_uri, trust),
        };
        Self {
            transport: services.transport.clone(),
            clock: services.clock.clone(),
            settings,
            client,
        }
    }
}

fn draft_settings(services: &Services, redirect_uri: &str, trust: &Trust) -> Option<OAuthSettings> {
    let draft = services
        .store
        .load::<SetupDraft>(keys::SETUP_DRAFT)
        .ok()
        .flatten()?;
    let page = services.browser.current_url();
    super::setup::validate(&draft, &page, redirect_uri, trust).ok()
}

/// Runs every check in [`Check::ALL`] order, telling `report` each outcome as it comes.
pub async fn run(target: &Target, report: &dyn Fn(Check, Outcome)) {
    let Some(settings) = &target.settings else {
        for check in Check::ALL {
            report(check, Outcome::NotChecked(Skip::NoInstance));
        }
        return;
    };
    let instance = instance_reachable(&*target.transport, &settings.instance).await;
    let instance_down = matches!(instance, Outcome::Failed(_));
    report(Check::InstanceReachable, instance.clone());

    let mut skip = match &target.client {
        None => Some(Skip::ConnectFirst),
        Some(_) if instance_down => Some(Skip::InstanceDown),
        Some(_) => None,
    };
    let mut user = None;
    let token = match (&target.client, &skip) {
        (Some(client), None) => match token_valid(client).await {
            Ok(found) => {
                user = Some(found.clone());
                Outcome::Passed(Passed::SignedIn(found))
            }
            Err(Problem::SessionEnded) => {
                skip = Some(Skip::TokenRefused);
                Outcome::Failed(Problem::SessionEnded)
            }
            Err(problem) => Outcome::Failed(problem),
        },
        (_, reason) => Outcome::NotChecked(reason.clone().unwrap_or(Skip::ConnectFirst)),
    };
    report(Check::TokenValid, token);

    let mut blocked = 0;
    for kind in [TicketKind::Incident, TicketKind::ChangeRequest] {
        let outcome = match (&target.client, &skip) {
            (Some(client), None) => table_readable(client, kind).await,
            (_, reason) => Outcome::NotChecked(reason.clone().unwrap_or(Skip::ConnectFirst)),
        };
        if matches!(outcome, Outcome::Failed(Problem::ApiBlocked { .. })) {
            blocked += 1;
        }
        report(Check::TableReadable(kind), outcome);
    }

    let endpoint = token_endpoint(&*target.transport, settings, &target.clock).await;
    let policy = page_policy(settings, &[&instance, &endpoint]);
    report(Check::TokenEndpoint, endpoint);
    report(Check::PagePolicy, policy);

    if blocked == 2 {
        skip = Some(Skip::ApiClosed);
    }
    let roles = match (&target.client, &skip) {
        (Some(client), None) => Ok(roles(client).await),
        (_, reason) => Err(reason.clone().unwrap_or(Skip::ConnectFirst)),
    };
    for kind in [TicketKind::Incident, TicketKind::ChangeRequest] {
        let outcome = match &roles {
            Ok(found) => can_create(kind, found, user.as_ref()),
            Err(reason) => Outcome::NotChecked(reason.clone()),
        };
        report(Check::CanCreate(kind), outcome);
    }
}

/// Something answers at the instance: a readable answer, or one CORS hides, both count.
pub async fn instance_reachable(transport: &dyn Transport, instance: &InstanceUrl) -> Outcome {
    let request = match http::Request::get(instance.join("/")).body(Vec::new()) {
        Ok(request) => request,
        Err(e) => {
            return Outcome::Failed(Problem::Unexpected {
                detail: e.to_string(),
            })
        }
    };
    // An instance's `/` redirects to its login page: a redirect is an answer too.
    match transport.send(request).await {
        Ok(_) | Err(TransportError::Blocked { .. } | TransportError::Redirected { .. }) => {
            Outcome::Passed(Passed::Answered {
                instance: instance.host_label(),
            })
        }
        Err(other) => Outcome::Failed(transport_problem(other)),
    }
}

/// Who the token belongs to (the client falls back to `sys_user` when CORS hides the UI
/// user API).
pub async fn token_valid(client: &ServiceNowClient) -> Result<UserInfo, Problem> {
    client.current_user().await.map_err(api_problem)
}

#[derive(Deserialize)]
struct Rows {
    #[allow(dead_code)] // Only its shape is checked.
    result: Vec<serde_json::Value>,
}

/// One `sys_id` from the table, and its count from the Aggregate API (the cards use both,
/// and each API has its own CORS rule): this page may read the table both ways.
pub async fn table_readable(client: &ServiceNowClient, kind: TicketKind) -> Outcome {
    let table = kind.table();
    let rows = format!("/api/now/table/{table}?sysparm_limit=1&sysparm_fields=sys_id");
    let count = format!("/api/now/stats/{table}?sysparm_count=true");
    let read = async {
        client.get_json::<Rows>(&rows).await?;
        client.get_json::<serde_json::Value>(&count).await
    };
    match read.await {
        Ok(_) => Outcome::Passed(Passed::Readable),
        Err(error) => Outcome::Failed(api_problem(error)),
    }
}

/// Posts a refresh grant with a made-up token to the token URL. Any OAuth answer proves the
/// browser may read it; the session's tokens are neither sent nor changed.
pub async fn token_endpoint(
    transport: &dyn Transport,
    settings: &OAuthSettings,
    clock: &Clock,
) -> Outcome {
    let url = settings.token_endpoint();
    let probe = RefreshToken::new(PROBE_REFRESH_TOKEN.to_owned());
    let answered = |code: Option<&str>| {
        Outcome::Passed(Passed::TokenEndpointAnswered {
            url: url.clone(),
            code: code.map(str::to_owned),
        })
    };
    match crate::servicenow::oauth::refresh(transport, settings, &probe, clock()).await {
        Ok(_) => answered(None),
        Err(OAuthError::InvalidGrant(d) | OAuthError::InvalidClient(d)) if cross_scope(&d) => {
            Outcome::Failed(Problem::CrossScope { detail: d })
        }
        Err(OAuthError::TokenEndpoint { description, .. }) if cross_scope(&description) => {
            Outcome::Failed(Problem::CrossScope {
                detail: description,
            })
        }
        Err(OAuthError::InvalidGrant(_)) => answered(Some("invalid_grant")),
        Err(OAuthError::InvalidClient(_)) => answered(Some("invalid_client")),
        Err(OAuthError::TokenEndpoint { code, .. }) => answered(Some(&code)),
        Err(OAuthError::Transport(TransportError::Blocked { url })) => {
            Outcome::Failed(Problem::TokenBlocked { url })
        }
        Err(OAuthError::Transport(TransportError::Unreachable { url })) => {
            Outcome::Failed(Problem::TokenUnreachable { url })
        }
        Err(OAuthError::Transport(TransportError::Offline)) => Outcome::Failed(Problem::Offline),
        Err(OAuthError::Transport(refused @ TransportError::PagePolicy { .. })) => {
            Outcome::Failed(transport_problem(refused))
        }
        Err(other) => Outcome::Failed(Problem::NotTokenEndpoint {
            url: url.clone(),
            detail: super::describe::oauth_detail(&other),
        }),
    }
}

/// Whether the page's Content-Security-Policy let the instance and token URL checks'
/// requests go: failed as the first of them the policy refused; not known when offline.
pub fn page_policy(settings: &OAuthSettings, asked: &[&Outcome]) -> Outcome {
    let refused = asked.iter().find_map(|outcome| match outcome {
        Outcome::Failed(problem @ Problem::PagePolicy { .. }) => Some(problem.clone()),
        _ => None,
    });
    if let Some(problem) = refused {
        return Outcome::Failed(problem);
    }
    if asked
        .iter()
        .any(|outcome| matches!(outcome, Outcome::Failed(Problem::Offline)))
    {
        return Outcome::NotChecked(Skip::CouldNotAsk(Problem::Offline));
    }
    let mut origins = vec![settings.instance.as_str().to_owned()];
    let token = url::Url::parse(&settings.token_endpoint())
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_default();
    if !token.is_empty() && !origins.contains(&token) {
        origins.push(token);
    }
    Outcome::Passed(Passed::PolicyAllows { origins })
}

/// ServiceNow's words when a scoped application may not read a table.
fn cross_scope(text: &str) -> bool {
    text.contains("cross-scope access policy")
}

fn transport_problem(error: TransportError) -> Problem {
    match error {
        TransportError::Blocked { url } => Problem::ApiBlocked { url },
        TransportError::Unreachable { url } => Problem::Unreachable { url },
        TransportError::Offline => Problem::Offline,
        TransportError::PagePolicy { origin, directive } => {
            Problem::PagePolicy { origin, directive }
        }
        redirected @ TransportError::Redirected { .. } => Problem::Unexpected {
            detail: redirected.to_string(),
        },
    }
}

/// A REST API failure as a check's problem.
pub fn api_problem(error: ApiError) -> Problem {
    match error {
        ApiError::SessionEnded => Problem::SessionEnded,
        ApiError::Forbidden { detail } if cross_scope(&detail) => Problem::CrossScope { detail },
        ApiError::Forbidden { detail } => Problem::Forbidden { detail },
        ApiError::Server { message, .. } if cross_scope(&message) => {
            Problem::CrossScope { detail: message }
        }
        ApiError::Server { status, message } => Problem::Server {
            status,
            detail: message,
        },
        ApiError::RateLimited { retry_after_secs } => Problem::RateLimited {
            seconds: retry_after_secs,
        },
        ApiError::NotFound { detail } | ApiError::UnexpectedResponse(detail) => {
            Problem::Unexpected { detail }
        }
        ApiError::Transport(transport) => transport_problem(transport),
        ApiError::Refresh(OAuthError::Transport(TransportError::Blocked { url })) => {
            Problem::TokenBlocked { url }
        }
        ApiError::Refresh(OAuthError::Transport(TransportError::Unreachable { url })) => {
            Problem::TokenUnreachable { url }
        }
        ApiError::Refresh(OAuthError::Transport(TransportError::Offline)) => Problem::Offline,
        ApiError::Refresh(OAuthError::Transport(refused @ TransportError::PagePolicy { .. })) => {
            transport_problem(refused)
        }
        ApiError::Refresh(other) => Problem::Unexpected {
            detail: super::describe::oauth_detail(&other),
        },
    }
}
