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
//!
//! The correlation id is the same for everyone on the instance for one improvement action,
//! so "made by this send" means both: not there at the duplicate check, and created by the
//! signed-in user (`sys_created_by`). A colleague's ticket for the same action that lands
//! between the check and the look-up is theirs: never named as one to cancel, never taken
//! for this send's after a lost answer.

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
/// `user_name` is the signed-in user's, when the page knows it (else it is asked for, and
/// only if a look-up finds tickets it must tell apart).
pub async fn share(
    client: &ServiceNowClient,
    ticket: &NewTicket,
    anyway: bool,
    user_name: Option<&str>,
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
            let others = made_by_this_send(client, user_name, after, &known, &created.sys_id).await;
            Ok(outcome(created, others))
        }
        Err(error) if may_have_been_created(&error) => {
            let after = patiently(ShareStep::Verifying, find, on_step, sleep).await?;
            // Newest first, as the look-up sorts: with a resent create, the later one.
            let mut made = made_by_this_send(client, user_name, after, &known, "").await;
            if made.is_empty() {
                // Nothing of this user's appeared (or who they are could not be learnt): the
                // failure stands, and a second send meets the duplicate check first.
                return Err(error);
            }
            let found = made.remove(0);
            let created = CreatedTicket {
                kind: found.kind,
                sys_id: found.sys_id,
                number: found.number,
            };
            Ok(outcome(created, made))
        }
        Err(error) => Err(error),
    }
}

/// The tickets of `after` this send made, but `except`: those not there at the duplicate
/// check (`known`) and created by the signed-in user.
///
/// Not being in `known` already says "created after the check", by the instance's own
/// account and whatever its clock says, so `sys_created_on` is not compared: with its
/// one-second grain and a clock that can differ from the browser's, a margin would only let
/// an older ticket in or keep a new one out. Who created it is what tells a colleague's
/// ticket from this send's. The user is asked for only when there is something to tell apart;
/// if that fails, nothing is counted as this send's.
async fn made_by_this_send(
    client: &ServiceNowClient,
    user_name: Option<&str>,
    after: Vec<FoundTicket>,
    known: &BTreeSet<String>,
    except: &str,
) -> Vec<FoundTicket> {
    let new: Vec<FoundTicket> = after
        .into_iter()
        .filter(|t| !known.contains(&t.sys_id) && t.sys_id != except)
        .collect();
    if new.is_empty() {
        return new;
    }
    let me = match user_name.filter(|name| !name.trim().is_empty()) {
        Some(name) => name.to_owned(),
        None => match client.current_user().await {
            Ok(user) => user.user_name,
            Err(_) => return Vec::new(),
        },
    };
    if me.trim().is_empty() {
        return Vec::new();
    }
    new.into_iter()
        .filter(|t| t.created_by.as_deref() == Some(me.as_str()))
        .collect()
}

/// `created`, with the other tickets this same send made.
fn outcome(created: CreatedTicket, others: Vec<FoundTicket>) -> ShareOutcome {
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
        // `Redirected` comes from that same probe, not from the create: a gateway that sends
        // unauthenticated requests to a login page makes a connection dropped after the
        // commit look like it. The look-up costs nothing when no ticket was made.
        ApiError::Transport(
            TransportError::Unreachable { .. }
            | TransportError::Offline
            | TransportError::Blocked { .. }
            | TransportError::Redirected { .. },
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
