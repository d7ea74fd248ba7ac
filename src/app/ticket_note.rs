//! Noting a ServiceNow ticket on its improvement action in Microsoft 365, once the ticket
//! exists: one `controlStateUpdates` entry, "ServiceNow {number}: {link}", assigned to the
//! person who shared it, the action's state left as it is.
//!
//! The profile is read first, so the entry keeps the state the action has *now* (not the one
//! the list showed when it loaded) and carries the profile's own `vendorInformation`, which
//! the PATCH requires (securescorecontrolprofile-update.md). A note already there is not
//! written again: trying again after a lost answer never adds a second entry.

use crate::microsoft::graph::ControlUpdate;
use crate::microsoft::{MicrosoftSession, SessionError};

/// What to note, and on which action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketNote {
    /// The control profile's `id` (the improvement action's).
    pub action_id: String,
    pub number: String,
    /// The ticket's address on the instance.
    pub link: String,
    /// Who shared it: the Microsoft 365 account's user name (`assignedTo` names a person of the
    /// tenant; the draft's "Requested by" is a ServiceNow user).
    pub requester: String,
}

impl TicketNote {
    /// The comment the note adds, for a person to add by hand when snowcard cannot.
    pub fn comment(&self) -> String {
        ControlUpdate::ticket_comment(&self.number, &self.link)
    }
}

/// How writing the note ended, short of an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noted {
    Written,
    /// The action already carried this note (an earlier try's answer was lost).
    AlreadyThere,
}

/// Reads the action's profile and adds the note unless it is already there.
pub async fn write(session: &MicrosoftSession, note: &TicketNote) -> Result<Noted, SessionError> {
    let id = note.action_id.as_str();
    let profile = session
        .call(|graph| async move { graph.control_profile(id).await })
        .await?;
    let update = ControlUpdate::ticket_note(&profile, &note.number, &note.link, &note.requester);
    if profile
        .control_state_updates
        .iter()
        .any(|entry| entry.comment == update.comment)
    {
        return Ok(Noted::AlreadyThere);
    }
    let update = &update;
    session
        .call(|graph| async move { graph.update_control(id, update).await })
        .await?;
    Ok(Noted::Written)
}

#[cfg(test)]
#[path = "ticket_note_tests.rs"]
mod tests;
