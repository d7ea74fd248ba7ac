//! Sending a ticket so that one click makes at most one ticket: look for an open ticket with
//! the same correlation id first, wait out short rate limits (a long one is reported with
//! when to try again), and after a lost response look again before saying anything failed.
//! A change request goes with the instance's Normal change model where it has one.
//!
//! One duplicate no page can prevent: when a kept-alive connection closes after the instance
//! committed the create but before any answer, Chromium sends the request again by itself on
//! a fresh connection (it resends whenever a reused connection fails before the response
//! headers, whatever the method), and the page only sees the second 201. So after a create
//! the correlation id is looked up once more, and any other ticket this send made is named
//! to the person (the soak, `e2e/tests/soak.rs`, found it).

use std::collections::BTreeSet;

use crate::servicenow::http::LocalFuture;
use crate::servicenow::{
    ApiError, CreatedTicket, FoundTicket, NewTicket, ServiceNowClient, TicketKind, TransportError,
};

/// How many times a rate limit is waited out before giving up.
const RATE_LIMIT_TRIES: u32 = 3;

/// The longest `Retry-After` waited out in the page, in seconds. ServiceNow's rate limits
/// count per user per hour, so a wait can be an hour: longer ones are told as a clock time.
pub const LONGEST_IN_PAGE_WAIT: u32 = 60;

/// Whether a rate limit of `retry_after_secs` is waited out in the page (with a countdown)
/// rather than reported with when to try again.
pub fn waits_in_page(retry_after_secs: u32) -> bool {
    retry_after_secs <= LONGEST_IN_PAGE_WAIT
}

/// What the flow is doing, for the person to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareStep {
    CheckingDuplicates,
    Sending,
    /// Waiting out a 429 for this many seconds.
    RateLimited {
        seconds: u32,
    },
    /// The answer was lost; looking for the ticket it may have created.
    Verifying,
}

/// How sending ended, short of an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareOutcome {
    Created(CreatedTicket),
    /// Created, and this same send made more tickets with the correlation id (the browser
    /// resent the create): the others, to be named so the person can cancel them.
    CreatedMore {
        created: CreatedTicket,
        others: Vec<FoundTicket>,
    },
    /// Open tickets with the same correlation id exist; nothing was created.
    AlreadyOpen(Vec<FoundTicket>),
}

/// Waits the given number of seconds (a browser timer, or nothing in tests).
pub type Sleep<'a> = &'a dyn Fn(u32) -> LocalFuture<'static, ()>;

/// Sends `ticket` unless an open ticket with its correlation id exists (and `anyway` is false).
pub async fn share(
    client: &ServiceNowClient,
    ticket: &NewTicket,
    anyway: bool,
    on_step: &dyn Fn(ShareStep),
    sleep: Sleep<'_>,
) -> Result<ShareOutcome, ApiError> {
    let find = || client.find_by_correlation(ticket.kind, &ticket.correlation_id);
    let before = patiently(ShareStep::CheckingDuplicates, find, on_step, sleep).await?;
    let open: Vec<FoundTicket> = before.iter().filter(|t| t.active).cloned().collect();
    if !open.is_empty() && !anyway {
        return Ok(ShareOutcome::AlreadyOpen(open));
    }
    let known: BTreeSet<String> = before.into_iter().map(|t| t.sys_id).collect();
    let create = || async {
        let mut ticket = ticket.clone();
        if ticket.kind == TicketKind::ChangeRequest {
            ticket.change_model = client.normal_change_model().await?;
        }
        client.create_ticket(&ticket).await
    };
    match patiently(ShareStep::Sending, create, on_step, sleep).await {
        Ok(created) => {
            // Looked up once more for a create the browser resent; a failed lookup leaves the
            // ticket created as the instance said.
            let after = find().await.unwrap_or_default();
            Ok(made_by_this_send(created, after, &known))
        }
        Err(error) if may_have_been_created(&error) => {
            let after = patiently(ShareStep::Verifying, find, on_step, sleep).await?;
            let mut new = after.iter().filter(|t| !known.contains(&t.sys_id));
            match new.next() {
                Some(found) => {
                    let created = CreatedTicket {
                        kind: found.kind,
                        sys_id: found.sys_id.clone(),
                        number: found.number.clone(),
                    };
                    Ok(made_by_this_send(created, after, &known))
                }
                None => Err(error),
            }
        }
        Err(error) => Err(error),
    }
}

/// `created`, with every other ticket that appeared since the duplicate check (`known`).
fn made_by_this_send(
    created: CreatedTicket,
    after: Vec<FoundTicket>,
    known: &BTreeSet<String>,
) -> ShareOutcome {
    let others: Vec<FoundTicket> = after
        .into_iter()
        .filter(|t| !known.contains(&t.sys_id) && t.sys_id != created.sys_id)
        .collect();
    if others.is_empty() {
        ShareOutcome::Created(created)
    } else {
        ShareOutcome::CreatedMore { created, others }
    }
}

/// Errors after which the instance may still have created the record.
fn may_have_been_created(error: &ApiError) -> bool {
    match error {
        ApiError::Server { status, .. } => *status >= 500,
        // A connection closed without an answer is told as `Blocked`: the probe that follows a
        // failed fetch finds the instance answering, as it does when a CORS rule is missing.
        ApiError::Transport(
            TransportError::Unreachable { .. }
            | TransportError::Offline
            | TransportError::Blocked { .. },
        ) => true,
        ApiError::UnexpectedResponse(_) => true,
        _ => false,
    }
}

/// Announces `step` and runs `call`, waiting out up to three rate limits as the instance asks.
async fn patiently<T, F, Fut>(
    step: ShareStep,
    call: F,
    on_step: &dyn Fn(ShareStep),
    sleep: Sleep<'_>,
) -> Result<T, ApiError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, ApiError>>,
{
    let mut tries = 0;
    loop {
        on_step(step);
        match call().await {
            Err(ApiError::RateLimited { retry_after_secs })
                if tries < RATE_LIMIT_TRIES && waits_in_page(retry_after_secs) =>
            {
                tries += 1;
                on_step(ShareStep::RateLimited {
                    seconds: retry_after_secs,
                });
                sleep(retry_after_secs).await;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
#[path = "share_flow_tests.rs"]
mod tests;
