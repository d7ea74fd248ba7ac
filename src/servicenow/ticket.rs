//! Tickets as the Table API takes and gives them: the body of a new change request or
//! incident, and the few fields snowcard reads back.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::priority::Priority;

/// `short_description` holds at most this many characters.
pub const SHORT_DESCRIPTION_MAX: usize = 160;
/// `correlation_id` holds at most this many characters.
pub const CORRELATION_ID_MAX: usize = 100;
/// What snowcard writes into `correlation_display`, to find its own tickets.
pub const CORRELATION_DISPLAY: &str = "snowcard";
/// Prefixed to a change request's short description: says what kind of change it is.
pub const CHANGE_PREFIX: &str = "Security and configuration change: ";

/// The two kinds of ticket snowcard creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum TicketKind {
    #[default]
    ChangeRequest,
    Incident,
}

impl TicketKind {
    pub fn table(self) -> &'static str {
        match self {
            TicketKind::ChangeRequest => "change_request",
            TicketKind::Incident => "incident",
        }
    }

    /// How many characters of the task name fit, after any prefix.
    pub fn name_limit(self) -> usize {
        match self {
            TicketKind::ChangeRequest => SHORT_DESCRIPTION_MAX - CHANGE_PREFIX.chars().count(),
            TicketKind::Incident => SHORT_DESCRIPTION_MAX,
        }
    }
}

/// A ticket ready to be created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTicket {
    pub kind: TicketKind,
    pub name: String,
    /// The full description, already naming source, category and requester.
    pub description: String,
    pub priority: Priority,
    pub due: Option<DateTime<Utc>>,
    pub correlation_id: String,
    /// The `sys_id` of the `sys_user_group` to assign the ticket to, if one was chosen.
    pub assignment_group: Option<String>,
    /// A change request's model (`chg_model` sys_id), on instances that have change models.
    pub change_model: Option<String>,
}

impl NewTicket {
    /// The JSON body for `POST /api/now/table/{table}`. An incident carries the impact and
    /// urgency that yield its priority, never `priority` (ServiceNow computes it); a change
    /// request carries `priority` itself (1 – 4) and the same consistent pair, `type=normal`
    /// and, where the instance has change models, the Normal model (`chg_model`).
    pub fn body(&self) -> Value {
        let priority = self.priority.for_kind(self.kind);
        let (impact, urgency) = priority.impact_urgency();
        let short = match self.kind {
            TicketKind::ChangeRequest => format!("{CHANGE_PREFIX}{}", self.name.trim()),
            TicketKind::Incident => self.name.trim().to_owned(),
        };
        let mut body = json!({
            "short_description": truncate(&short, SHORT_DESCRIPTION_MAX),
            "description": self.description,
            "impact": impact.to_string(),
            "urgency": urgency.to_string(),
            "correlation_id": truncate(&self.correlation_id, CORRELATION_ID_MAX),
            "correlation_display": CORRELATION_DISPLAY,
        });
        if let Some(due) = self.due {
            body["due_date"] = json!(servicenow_datetime(due));
        }
        if let Some(group) = self.assignment_group.as_deref().filter(|g| !g.is_empty()) {
            body["assignment_group"] = json!(group);
        }
        if self.kind == TicketKind::ChangeRequest {
            body["priority"] = json!(priority.number().to_string());
            body["type"] = json!("normal");
            if let Some(model) = self.change_model.as_deref().filter(|m| !m.is_empty()) {
                body["chg_model"] = json!(model);
            }
        }
        body
    }
}

/// ServiceNow's UTC date-time format, `YYYY-MM-DD HH:MM:SS`.
pub fn servicenow_datetime(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// At most `max` characters (not bytes), cut on a character boundary.
pub fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// A created ticket, from the 201 answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedTicket {
    pub kind: TicketKind,
    pub sys_id: String,
    pub number: String,
}

/// An existing ticket found by correlation id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundTicket {
    pub kind: TicketKind,
    pub sys_id: String,
    pub number: String,
    /// The state's display value, e.g. "Assess" or a customised name.
    pub state: String,
    /// Still open (ServiceNow's `active`).
    pub active: bool,
    /// The `user_name` of whoever created it (`sys_created_by`), where the look-up asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
}

#[cfg(test)]
#[path = "ticket_tests.rs"]
mod tests;
