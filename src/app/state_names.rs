//! Ticket state names: what a state value is called on the cards and lists.
//!
//! A name comes from, in order: the person's customisation, the instance's display value,
//! ServiceNow's default name for the value, and finally the raw value itself, so a state the
//! app has never heard of still shows instead of vanishing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::servicenow::TicketKind;

/// ServiceNow's default incident states, in workflow order.
pub const INCIDENT_STATES: &[(&str, &str)] = &[
    ("1", "New"),
    ("2", "In Progress"),
    ("3", "On Hold"),
    ("6", "Resolved"),
    ("7", "Closed"),
    ("8", "Canceled"),
];

/// ServiceNow's default change request states, in workflow order.
pub const CHANGE_STATES: &[(&str, &str)] = &[
    ("-5", "New"),
    ("-4", "Assess"),
    ("-3", "Authorize"),
    ("-2", "Scheduled"),
    ("-1", "Implement"),
    ("0", "Review"),
    ("3", "Closed"),
    ("4", "Canceled"),
];

/// The default states of a table, in workflow order.
pub fn default_states(kind: TicketKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        TicketKind::Incident => INCIDENT_STATES,
        TicketKind::ChangeRequest => CHANGE_STATES,
    }
}

/// ServiceNow's default name for a state value, if it is one of the defaults.
pub fn default_name(kind: TicketKind, value: &str) -> Option<&'static str> {
    default_states(kind)
        .iter()
        .find(|(v, _)| *v == value.trim())
        .map(|(_, name)| *name)
}

/// The person's own names for state values, per table. Empty names are never kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateNames {
    #[serde(default)]
    pub change_request: BTreeMap<String, String>,
    #[serde(default)]
    pub incident: BTreeMap<String, String>,
}

impl StateNames {
    fn table(&self, kind: TicketKind) -> &BTreeMap<String, String> {
        match kind {
            TicketKind::ChangeRequest => &self.change_request,
            TicketKind::Incident => &self.incident,
        }
    }

    fn table_mut(&mut self, kind: TicketKind) -> &mut BTreeMap<String, String> {
        match kind {
            TicketKind::ChangeRequest => &mut self.change_request,
            TicketKind::Incident => &mut self.incident,
        }
    }

    /// The customised name of `value`, if the person gave one.
    pub fn custom(&self, kind: TicketKind, value: &str) -> Option<&str> {
        self.table(kind).get(value.trim()).map(String::as_str)
    }

    /// Sets (or, with a blank name, removes) the customised name of `value`.
    pub fn set(&mut self, kind: TicketKind, value: &str, name: &str) {
        let name = name.trim();
        let table = self.table_mut(kind);
        if name.is_empty() {
            table.remove(value.trim());
        } else {
            table.insert(value.trim().to_owned(), name.to_owned());
        }
    }

    /// True when nothing is customised.
    pub fn is_empty(&self) -> bool {
        self.change_request.is_empty() && self.incident.is_empty()
    }

    /// What to call `value`: customised, else the instance's `display`, else ServiceNow's
    /// default, else the raw value (or "(empty)" for no value at all).
    pub fn name(&self, kind: TicketKind, value: &str, display: &str) -> String {
        if let Some(custom) = self.custom(kind, value) {
            return custom.to_owned();
        }
        let display = display.trim();
        if !display.is_empty() {
            return display.to_owned();
        }
        if let Some(default) = default_name(kind, value) {
            return default.to_owned();
        }
        match value.trim() {
            "" => "(empty)".to_owned(),
            raw => raw.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_custom_name_wins_over_the_instance_and_the_default() {
        let mut names = StateNames::default();
        names.set(TicketKind::ChangeRequest, "-4", "  Triage ");
        assert_eq!(
            names.name(TicketKind::ChangeRequest, "-4", "Assess"),
            "Triage"
        );
        // Tables are separate: incident state -4 does not exist and is not renamed.
        assert_eq!(names.name(TicketKind::Incident, "-4", ""), "-4");
    }

    #[test]
    fn unknown_values_show_by_display_value_then_raw_value() {
        let names = StateNames::default();
        assert_eq!(
            names.name(TicketKind::Incident, "42", "Awaiting vendor"),
            "Awaiting vendor"
        );
        assert_eq!(names.name(TicketKind::Incident, "42", ""), "42");
        assert_eq!(names.name(TicketKind::Incident, "", ""), "(empty)");
    }

    #[test]
    fn known_values_without_a_display_value_use_servicenow_defaults() {
        let names = StateNames::default();
        assert_eq!(names.name(TicketKind::Incident, "6", ""), "Resolved");
        assert_eq!(names.name(TicketKind::ChangeRequest, "0", " "), "Review");
        assert_eq!(
            names.name(TicketKind::ChangeRequest, "-5", "Nieuw"),
            "Nieuw"
        );
    }

    #[test]
    fn a_blank_name_removes_the_customisation() {
        let mut names = StateNames::default();
        names.set(TicketKind::Incident, "1", "Fresh");
        assert!(!names.is_empty());
        names.set(TicketKind::Incident, "1", "   ");
        assert!(names.is_empty());
        assert_eq!(names.name(TicketKind::Incident, "1", "New"), "New");
    }
}
