//! Ticket state names: what a state value is called on the cards and lists.
//!
//! A name comes from, in order: the person's customisation, the instance's display value,
//! ServiceNow's default name for the value, and finally the raw value itself, so a state the
//! app has never heard of still shows instead of vanishing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::TicketsTexts;
use crate::servicenow::{Shown, TicketKind};

/// ServiceNow's default incident state values, in workflow order. Their names are in each
/// locale's [`TicketsTexts::incident_states`], in the same order.
pub const INCIDENT_STATES: [&str; 6] = ["1", "2", "3", "6", "7", "8"];

/// ServiceNow's default change request state values, in workflow order; named by
/// [`TicketsTexts::change_states`].
pub const CHANGE_STATES: [&str; 8] = ["-5", "-4", "-3", "-2", "-1", "0", "3", "4"];

/// The tables whose states can be named, in the order the UI lists them.
pub const TABLES: [TicketKind; 2] = [TicketKind::ChangeRequest, TicketKind::Incident];

/// The longest name a state may be given, in characters.
pub const NAME_MAX: usize = 80;

pub use crate::servicenow::ticket_query::is_state_value;

/// A state a person can name: its value and what ServiceNow calls it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedState {
    pub value: String,
    pub servicenow_name: String,
}

/// The states of `kind` to offer for naming: ServiceNow's defaults (always, in workflow
/// order, under the instance's name for them when it has one), then the other values the
/// instance uses, then values only the person's names mention (from an imported file).
pub fn states_to_name(
    kind: TicketKind,
    instance: &[Shown],
    names: &StateNames,
    texts: &'static TicketsTexts,
) -> Vec<NamedState> {
    let shown_by_instance = |value: &str| {
        instance
            .iter()
            .find(|s| s.value == value && !s.display.is_empty())
            .map(|s| s.display.clone())
    };
    let mut states: Vec<NamedState> = default_states(kind, texts)
        .map(|(value, name)| NamedState {
            value: value.to_owned(),
            servicenow_name: shown_by_instance(value).unwrap_or_else(|| name.to_owned()),
        })
        .collect();
    let extra = instance
        .iter()
        .map(|s| s.value.trim().to_owned())
        .filter(|value| is_state_value(value))
        .chain(names.table(kind).keys().cloned());
    for value in extra {
        if states.iter().any(|s| s.value == value) {
            continue;
        }
        let servicenow_name = shown_by_instance(&value).unwrap_or_else(|| value.clone());
        states.push(NamedState {
            value,
            servicenow_name,
        });
    }
    states
}

/// The default states of a table, in workflow order: value and ServiceNow's name for it in
/// the locale of `texts`.
pub fn default_states(
    kind: TicketKind,
    texts: &'static TicketsTexts,
) -> impl Iterator<Item = (&'static str, &'static str)> {
    let (values, names): (&[&'static str], &[&'static str]) = match kind {
        TicketKind::Incident => (&INCIDENT_STATES, &texts.incident_states),
        TicketKind::ChangeRequest => (&CHANGE_STATES, &texts.change_states),
    };
    values.iter().copied().zip(names.iter().copied())
}

/// ServiceNow's default name for a state value, if it is one of the defaults.
pub fn default_name(
    kind: TicketKind,
    value: &str,
    texts: &'static TicketsTexts,
) -> Option<&'static str> {
    default_states(kind, texts)
        .find(|(v, _)| *v == value.trim())
        .map(|(_, name)| name)
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
    /// The customised names of one table, by state value.
    pub fn table(&self, kind: TicketKind) -> &BTreeMap<String, String> {
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
    /// default, else the raw value (or the locale's word for "empty" for no value at all).
    pub fn name(
        &self,
        kind: TicketKind,
        value: &str,
        display: &str,
        texts: &'static TicketsTexts,
    ) -> String {
        if let Some(custom) = self.custom(kind, value) {
            return custom.to_owned();
        }
        let display = display.trim();
        if !display.is_empty() {
            return display.to_owned();
        }
        if let Some(default) = default_name(kind, value, texts) {
            return default.to_owned();
        }
        match value.trim() {
            "" => texts.empty_state.to_owned(),
            raw => raw.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TICKETS: &TicketsTexts = &crate::i18n::Locale::En.texts().tickets;

    #[test]
    fn a_custom_name_wins_over_the_instance_and_the_default() {
        let mut names = StateNames::default();
        names.set(TicketKind::ChangeRequest, "-4", "  Triage ");
        assert_eq!(
            names.name(TicketKind::ChangeRequest, "-4", "Assess", TICKETS),
            "Triage"
        );
        // Tables are separate: incident state -4 does not exist and is not renamed.
        assert_eq!(names.name(TicketKind::Incident, "-4", "", TICKETS), "-4");
    }

    #[test]
    fn unknown_values_show_by_display_value_then_raw_value() {
        let names = StateNames::default();
        assert_eq!(
            names.name(TicketKind::Incident, "42", "Awaiting vendor", TICKETS),
            "Awaiting vendor"
        );
        assert_eq!(names.name(TicketKind::Incident, "42", "", TICKETS), "42");
        assert_eq!(names.name(TicketKind::Incident, "", "", TICKETS), "(empty)");
    }

    #[test]
    fn known_values_without_a_display_value_use_servicenow_defaults() {
        let names = StateNames::default();
        assert_eq!(
            names.name(TicketKind::Incident, "6", "", TICKETS),
            "Resolved"
        );
        assert_eq!(
            names.name(TicketKind::ChangeRequest, "0", " ", TICKETS),
            "Review"
        );
        assert_eq!(
            names.name(TicketKind::ChangeRequest, "-5", "Nieuw", TICKETS),
            "Nieuw"
        );
    }

    #[test]
    fn state_values_are_integers() {
        for good in ["-5", "0", "21", "123456789"] {
            assert!(is_state_value(good), "{good}");
        }
        for bad in ["", "-", "1.5", " 1", "New", "1234567890", "--1", "+1"] {
            assert!(!is_state_value(bad), "{bad}");
        }
    }

    #[test]
    fn defaults_always_show_then_what_the_instance_and_the_names_add() {
        let instance = [
            Shown {
                value: "-5".into(),
                display: "Nieuw".into(),
            },
            Shown {
                value: "21".into(),
                display: "Awaiting vendor".into(),
            },
            Shown {
                value: "22".into(),
                display: String::new(),
            },
        ];
        let mut names = StateNames::default();
        names.set(TicketKind::ChangeRequest, "30", "Imported only");
        names.set(TicketKind::ChangeRequest, "-4", "Triage");
        let states = states_to_name(TicketKind::ChangeRequest, &instance, &names, TICKETS);
        let shown: Vec<(&str, &str)> = states
            .iter()
            .map(|s| (s.value.as_str(), s.servicenow_name.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("-5", "Nieuw"),
                ("-4", "Assess"),
                ("-3", "Authorize"),
                ("-2", "Scheduled"),
                ("-1", "Implement"),
                ("0", "Review"),
                ("3", "Closed"),
                ("4", "Canceled"),
                ("21", "Awaiting vendor"),
                ("22", "22"),
                ("30", "30"),
            ]
        );
        let incident = states_to_name(TicketKind::Incident, &[], &StateNames::default(), TICKETS);
        assert_eq!(incident.len(), INCIDENT_STATES.len());
    }

    #[test]
    fn a_blank_name_removes_the_customisation() {
        let mut names = StateNames::default();
        names.set(TicketKind::Incident, "1", "Fresh");
        assert!(!names.is_empty());
        names.set(TicketKind::Incident, "1", "   ");
        assert!(names.is_empty());
        assert_eq!(names.name(TicketKind::Incident, "1", "New", TICKETS), "New");
    }
}
