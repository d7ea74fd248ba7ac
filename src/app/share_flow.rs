//! Sending a ticket so that one click makes at most one ticket: look for an open ticket with
//! the same correlation id first, wait out short rate limits (a long one is reported with
//! when to try again), and after a lost response look again before saying anything failed.
//! A change request goes with the instance's Normal change model where it has one.

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
        Ok(created) => Ok(ShareOutcome::Created(created)),
        Err(error) if may_have_been_created(&error) => {
            let after = patiently(ShareStep::Verifying, find, on_step, sleep).await?;
            match after.into_iter().find(|t| !known.contains(&t.sys_id)) {
                Some(found) => Ok(ShareOutcome::Created(CreatedTicket {
                    kind: found.kind,
                    sys_id: found.sys_id,
                    number: found.number,
                })),
                None => Err(error),
            }
        }
        Err(error) => Err(error),
    }
}

/// Errors after which the instance may still have created the record.
fn may_have_been_created(error: &ApiError) -> bool {
    match error {
        ApiError::Server { status, .. } => *status >= 500,
        ApiError::Transport(TransportError::Unreachable { .. } | TransportError::Offline) => true,
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
