//! The share form's data: a draft made from an improvement action (or blank, for a user
//! recommendation), its rules, and the ticket it becomes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::catalog::{Category, ImprovementAction};
use crate::servicenow::ticket::truncate;
use crate::servicenow::tickets::correlation_id;
use crate::servicenow::{AssignmentGroup, NewTicket, Priority, TicketKind};

/// Where the recommendation comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Source {
    #[default]
    Microsoft,
    User,
}

/// What the person is about to send, kept in session storage as they type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareDraft {
    /// The improvement action shared, or `None` for a user recommendation.
    pub action_id: Option<String>,
    /// Fixed when the draft is made, so retries and reloads look up the same tickets.
    pub correlation_id: String,
    pub kind: TicketKind,
    pub name: String,
    pub description: String,
    pub priority: Priority,
    /// `YYYY-MM-DD`, as a date input gives it.
    pub due_date: String,
    pub source: Source,
    pub category: Category,
    pub requested_by: String,
    /// The action's `remediationImpact` and `actionUrl`: facts added below the description
    /// when sending (not in the editable text, which is the person's, in their language).
    #[serde(default)]
    pub impact: String,
    #[serde(default)]
    pub action_url: String,
    /// The group the ticket is assigned to (`assignment_group`), if one was chosen.
    #[serde(default)]
    pub assignment_group: Option<AssignmentGroup>,
    /// Note the ticket on the improvement action in Microsoft 365 once it exists (offered
    /// only while connected to Microsoft 365 with the write permission).
    #[serde(default)]
    pub note_in_microsoft: bool,
    /// Made from the tenant's own list, live from Microsoft 365 (not the sample or an
    /// imported file): only then can the ticket be noted on the action there.
    #[serde(default)]
    pub from_tenant: bool,
}

impl ShareDraft {
    /// A draft generated from a catalog action.
    pub fn from_action(action: &ImprovementAction, requested_by: &str, today: NaiveDate) -> Self {
        let kind = TicketKind::ChangeRequest;
        Self {
            action_id: Some(action.id.clone()),
            correlation_id: correlation_id(&action.id),
            kind,
            name: truncate(&action.title, kind.name_limit()),
            description: action.remediation.trim().to_owned(),
            priority: if action.max_score.unwrap_or(0.0) >= 9.0 {
                Priority::High
            } else {
                Priority::Moderate
            },
            due_date: (today + chrono::Days::new(30))
                .format("%Y-%m-%d")
                .to_string(),
            source: Source::Microsoft,
            category: action.category,
            requested_by: requested_by.to_owned(),
            impact: action.remediation_impact.trim().to_owned(),
            action_url: action.action_url.trim().to_owned(),
            assignment_group: None,
            note_in_microsoft: false,
            from_tenant: false,
        }
    }

    /// A blank draft for a user recommendation; `nonce` makes its correlation id unique.
    pub fn blank(requested_by: &str, nonce: &str, today: NaiveDate) -> Self {
        Self {
            action_id: None,
            correlation_id: correlation_id(&format!("user-{nonce}")),
            kind: TicketKind::ChangeRequest,
            name: String::new(),
            description: String::new(),
            priority: Priority::Moderate,
            due_date: (today + chrono::Days::new(30))
                .format("%Y-%m-%d")
                .to_string(),
            source: Source::User,
            category: Category::Identity,
            requested_by: requested_by.to_owned(),
            impact: String::new(),
            action_url: String::new(),
            assignment_group: None,
            note_in_microsoft: false,
            from_tenant: false,
        }
    }
}

/// Every draft of this tab, by correlation id, and the one the form shows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ShareDrafts {
    pub current: Option<String>,
    pub drafts: std::collections::BTreeMap<String, ShareDraft>,
}

impl ShareDrafts {
    /// The open draft, if the form is open.
    pub fn open_draft(&self) -> Option<&ShareDraft> {
        self.drafts.get(self.current.as_ref()?)
    }

    /// Opens the form on `draft`, unless a draft for the same action exists: that one (with
    /// whatever the person typed) is opened instead.
    pub fn open(&mut self, draft: ShareDraft) {
        let key = draft.correlation_id.clone();
        let from_tenant = draft.from_tenant;
        let kept = self.drafts.entry(key.clone()).or_insert(draft);
        // The same action, now opened from the tenant's list, may be noted there.
        kept.from_tenant |= from_tenant;
        self.current = Some(key);
    }

    /// Keeps the open draft's latest edits.
    pub fn update(&mut self, draft: ShareDraft) {
        self.current = Some(draft.correlation_id.clone());
        self.drafts.insert(draft.correlation_id.clone(), draft);
    }

    /// Closes the form; `discard` also forgets the draft (sent or cancelled).
    pub fn close(&mut self, discard: bool) {
        if let Some(key) = self.current.take() {
            if discard {
                self.drafts.remove(&key);
            }
        }
    }
}

/// A field's problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareProblem {
    NameMissing,
    NameTooLong { limit: usize },
    DescriptionMissing,
    DueDateMissing,
    DueDateInvalid,
    DueDatePast,
    RequesterMissing,
}

/// Each field's verdict; empty means the draft can be sent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShareCheck {
    pub name: Option<ShareProblem>,
    pub description: Option<ShareProblem>,
    pub due_date: Option<ShareProblem>,
    pub requested_by: Option<ShareProblem>,
}

impl ShareCheck {
    pub fn is_ok(&self) -> bool {
        self.first().is_none()
    }

    /// The first problem, in the form's order: the reason the send button gives.
    pub fn first(&self) -> Option<ShareProblem> {
        self.name
            .or(self.description)
            .or(self.due_date)
            .or(self.requested_by)
    }
}

/// Checks the draft against `today`; `end_of_day` turns a chosen date into the UTC instant at
/// the end of that day in the person's time zone.
pub fn validate(
    draft: &ShareDraft,
    today: NaiveDate,
    end_of_day: &dyn Fn(NaiveDate) -> DateTime<Utc>,
) -> Result<NewTicket, ShareCheck> {
    let limit = draft.kind.name_limit();
    let name = draft.name.trim();
    let mut check = ShareCheck {
        name: if name.is_empty() {
            Some(ShareProblem::NameMissing)
        } else if name.chars().count() > limit {
            Some(ShareProblem::NameTooLong { limit })
        } else {
            None
        },
        description: draft
            .description
            .trim()
            .is_empty()
            .then_some(ShareProblem::DescriptionMissing),
        due_date: None,
        requested_by: draft
            .requested_by
            .trim()
            .is_empty()
            .then_some(ShareProblem::RequesterMissing),
    };
    let due = match NaiveDate::parse_from_str(draft.due_date.trim(), "%Y-%m-%d") {
        _ if draft.due_date.trim().is_empty() => Err(ShareProblem::DueDateMissing),
        Ok(date) if date < today => Err(ShareProblem::DueDatePast),
        Ok(date) => Ok(end_of_day(date)),
        Err(_) => Err(ShareProblem::DueDateInvalid),
    };
    check.due_date = due.err();
    match (check.is_ok(), due) {
        (true, Ok(due)) => Ok(NewTicket {
            kind: draft.kind,
            name: name.to_owned(),
            description: full_description(draft),
            priority: draft.priority.for_kind(draft.kind),
            due: Some(due),
            correlation_id: draft.correlation_id.clone(),
            assignment_group: draft.assignment_group.as_ref().map(|g| g.sys_id.clone()),
            change_model: None,
        }),
        _ => Err(check),
    }
}

/// The description as sent: what the person wrote, then the facts ServiceNow has no field for.
/// The facts are labelled in English whatever language the person uses, so the IT team reads
/// every ticket's footer the same way (and can search it).
fn full_description(draft: &ShareDraft) -> String {
    let source = match draft.source {
        Source::Microsoft => "Microsoft recommendation",
        Source::User => "User recommendation",
    };
    let mut facts = String::new();
    for (label, value) in [
        ("Impact", draft.impact.as_str()),
        ("Action", draft.action_url.as_str()),
        (
            "Improvement action",
            draft.action_id.as_deref().unwrap_or_default(),
        ),
    ] {
        if !value.is_empty() {
            facts.push_str(&format!("\n{label}: {value}"));
        }
    }
    format!(
        "{}\n\n---\nRecommendation source: {source}\nRecommendation category: {:?}\nRequested by: {}{facts}\nShared from Microsoft Secure Score with snowcard.",
        draft.description.trim(),
        draft.category,
        draft.requested_by.trim()
    )
}

#[cfg(test)]
#[path = "share_tests.rs"]
mod tests;
