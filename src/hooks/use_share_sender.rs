//! Sending the open share draft: one send at a time, its steps, and how it ended.

use std::cell::Cell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::{use_connection, use_environment, ConnectionHandle, Environment};
use crate::app::share_flow::{self, ShareOutcome, ShareStep};
use crate::servicenow::http::LocalFuture;
use crate::servicenow::{ApiError, CreatedTicket, FoundTicket, NewTicket};

/// Where sending stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ShareStatus {
    #[default]
    Idle,
    Working(ShareStep),
    AlreadyOpen(Vec<FoundTicket>),
    Sent(CreatedTicket),
    Failed(ApiError),
}

#[derive(Clone)]
pub struct ShareSender {
    pub status: ShareStatus,
    set: UseStateSetter<ShareStatus>,
    connection: ConnectionHandle,
    environment: Environment,
    /// Set from the click until the answer: a second click sends nothing.
    in_flight: Rc<Cell<bool>>,
}

impl PartialEq for ShareSender {
    fn eq(&self, other: &Self) -> bool {
        self.status == other.status
    }
}

impl ShareSender {
    pub fn send(&self, ticket: NewTicket, anyway: bool) {
        if self.in_flight.replace(true) {
            return;
        }
        let Some(client) = self.connection.client() else {
            self.in_flight.set(false);
            self.set.set(ShareStatus::Failed(ApiError::SessionEnded));
            return;
        };
        let (set, environment, in_flight) = (
            self.set.clone(),
            self.environment.clone(),
            self.in_flight.clone(),
        );
        spawn_local(async move {
            let on_step = |step| set.set(ShareStatus::Working(step));
            let result = share_flow::share(&client, &ticket, anyway, &on_step, &wait).await;
            in_flight.set(false);
            set.set(match result {
                Ok(ShareOutcome::Created(created)) => {
                    environment.preferences().close_draft(true);
                    if let Some(events) = &environment.events {
                        let link = client
                            .settings()
                            .instance
                            .record_url(created.kind.table(), &created.sys_id);
                        events.0.ticket_created(&created, &link);
                    }
                    ShareStatus::Sent(created)
                }
                Ok(ShareOutcome::AlreadyOpen(found)) => ShareStatus::AlreadyOpen(found),
                Err(error) => ShareStatus::Failed(error),
            });
        });
    }
}

/// Waits `seconds` on the browser's timer.
fn wait(seconds: u32) -> LocalFuture<'static, ()> {
    Box::pin(gloo_timers::future::TimeoutFuture::new(
        seconds.saturating_mul(1000),
    ))
}

#[hook]
pub fn use_share_sender() -> ShareSender {
    let connection = use_connection();
    let status = use_state(ShareStatus::default);
    let in_flight = use_memo((), |_| Cell::new(false));
    ShareSender {
        status: (*status).clone(),
        set: status.setter(),
        connection,
        environment: use_environment(),
        in_flight,
    }
}
