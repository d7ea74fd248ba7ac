//! Sending the open share draft: one send at a time, its steps, and how it ended; then,
//! when asked, noting the ticket on its improvement action in Microsoft 365 (a failure there
//! never undoes or repeats the ticket: only the note is tried again).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::{use_connection, use_environment, use_microsoft, ConnectionHandle, Environment};
use super::{MicrosoftHandle, MicrosoftState};
use crate::app::share_flow::{self, ShareOutcome, ShareStep};
use crate::app::state::{Connected, Connection};
use crate::app::ticket_note::{self, TicketNote};
use crate::microsoft::SessionError;
use crate::servicenow::http::LocalFuture;
use crate::servicenow::{ApiError, CreatedTicket, FoundTicket, NewTicket};

/// Where sending stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ShareStatus {
    #[default]
    Idle,
    Working(ShareStep),
    AlreadyOpen(Vec<FoundTicket>),
    /// The ticket, and any other this same send made (the browser resent the create).
    Sent(CreatedTicket, Vec<FoundTicket>),
    Failed(ApiError),
}

/// Where noting the created ticket in Microsoft 365 stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum NoteStatus {
    /// Not asked for.
    #[default]
    Off,
    Writing,
    Written,
    Failed(SessionError),
    /// Microsoft 365 is no longer connected in this tab.
    NotConnected,
}

#[derive(Clone)]
pub struct ShareSender {
    pub status: ShareStatus,
    pub note: NoteStatus,
    set: UseStateSetter<ShareStatus>,
    set_note: UseStateSetter<NoteStatus>,
    connection: ConnectionHandle,
    microsoft: MicrosoftHandle,
    environment: Environment,
    /// Set from the click until the answer: a second click sends nothing.
    in_flight: Rc<Cell<bool>>,
    /// The note of the ticket just created, for trying it again.
    last_note: Rc<RefCell<Option<TicketNote>>>,
    /// Set while a note is being written: a second "Note it again" writes nothing.
    noting: Rc<Cell<bool>>,
}

impl PartialEq for ShareSender {
    fn eq(&self, other: &Self) -> bool {
        self.status == other.status && self.note == other.note
    }
}

impl ShareSender {
    /// Whether the share form offers noting the ticket in Microsoft 365: connected with the
    /// write permission granted.
    pub fn can_note(&self) -> bool {
        matches!(
            self.microsoft.state,
            MicrosoftState::Connected {
                can_write: true,
                ..
            }
        )
    }

    /// Sends `ticket` (unless an open one exists and not `anyway`); once it is created, notes
    /// it on the improvement action `note_on` in Microsoft 365.
    pub fn send(&self, ticket: NewTicket, anyway: bool, note_on: Option<String>) {
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
        let sender = self.clone();
        let user_name = match &self.connection.state().connection {
            Connection::Connected(Connected {
                user: Some(user), ..
            }) => Some(user.user_name.clone()),
            _ => None,
        };
        spawn_local(async move {
            let on_step = |step| set.set(ShareStatus::Working(step));
            let me = user_name.as_deref();
            let result = share_flow::share(&client, &ticket, anyway, me, &on_step, &wait).await;
            in_flight.set(false);
            let result = result.map(|outcome| match outcome {
                ShareOutcome::Created(created) => Ok((created, Vec::new())),
                ShareOutcome::CreatedMore { created, others } => Ok((created, others)),
                ShareOutcome::AlreadyOpen(found) => Err(found),
            });
            set.set(match result {
                Ok(Ok((created, others))) => {
                    environment.preferences().close_draft(true);
                    let link = client
                        .settings()
                        .instance
                        .record_url(created.kind.table(), &created.sys_id);
                    if let Some(events) = &environment.events {
                        events.0.ticket_created(&created, &link);
                    }
                    if let Some(action_id) = note_on {
                        *sender.last_note.borrow_mut() = Some(TicketNote {
                            action_id,
                            number: created.number.clone(),
                            link,
                            requester: String::new(),
                        });
                        sender.retry_note();
                    }
                    ShareStatus::Sent(created, others)
                }
                Ok(Err(found)) => ShareStatus::AlreadyOpen(found),
                Err(error) => ShareStatus::Failed(error),
            });
        });
    }
}

impl ShareSender {
    /// The comment of the ticket just created's note, when one was asked for.
    pub fn note_comment(&self) -> Option<String> {
        self.last_note.borrow().as_ref().map(TicketNote::comment)
    }

    /// Writes the note of the ticket just created (again): the ticket itself is never sent
    /// again from here.
    pub fn retry_note(&self) {
        let Some(mut note) = self.last_note.borrow().clone() else {
            return;
        };
        let set = self.set_note.clone();
        // The state (and account) is this handle's render's; the session is the live one, and
        // a session ended since is told by the call itself.
        let (session, account) = match (&self.microsoft.state, self.microsoft.session()) {
            (MicrosoftState::Connected { account, .. }, Some(session)) => (session, account),
            _ => {
                set.set(NoteStatus::NotConnected);
                return;
            }
        };
        if self.noting.replace(true) {
            return;
        }
        note.requester = account.username.clone();
        set.set(NoteStatus::Writing);
        let (microsoft, noting) = (self.microsoft.clone(), self.noting.clone());
        spawn_local(async move {
            set.set(match ticket_note::write(&session, &note).await {
                Ok(_) => NoteStatus::Written,
                Err(error) => {
                    // A session that cannot be renewed: the card goes back to its sign-in
                    // form, as the list's does; the outcome here says what happened.
                    if let SessionError::SignIn(ended) = &error {
                        if ended.ends_session() {
                            microsoft.end_session(ended.clone());
                        }
                    }
                    NoteStatus::Failed(error)
                }
            });
            noting.set(false);
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
    let microsoft = use_microsoft();
    let status = use_state(ShareStatus::default);
    let note = use_state(NoteStatus::default);
    let in_flight = use_memo((), |_| Cell::new(false));
    let last_note = use_memo((), |_| RefCell::new(None));
    let noting = use_memo((), |_| Cell::new(false));
    ShareSender {
        status: (*status).clone(),
        note: (*note).clone(),
        set: status.setter(),
        set_note: note.setter(),
        connection,
        microsoft,
        environment: use_environment(),
        in_flight,
        last_note,
        noting,
    }
}
