//! Priority per ticket type. An incident's priority is computed by ServiceNow from impact
//! and urgency through the default Data Lookup matrix (the priority lookup rules are defined
//! for incidents: incident-management/def-prio-lookup-rules.md), so it is sent as the pair
//! that yields it. A change request's priority is a field of its own (1 – 4, no "5 -
//! Planning"), set directly as change forms do; the pair is sent beside it so the record
//! reads consistently.

use serde::{Deserialize, Serialize};

use super::ticket::TicketKind;

/// ServiceNow's five priorities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    Critical = 1,
    High = 2,
    Moderate = 3,
    Low = 4,
    Planning = 5,
}

impl Priority {
    pub const ALL: [Priority; 5] = [
        Priority::Critical,
        Priority::High,
        Priority::Moderate,
        Priority::Low,
        Priority::Planning,
    ];

    /// A change request's priorities.
    pub const CHANGE: [Priority; 4] = [
        Priority::Critical,
        Priority::High,
        Priority::Moderate,
        Priority::Low,
    ];

    /// The number ServiceNow stores ("1" … "5").
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(number: u8) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.number() == number)
    }

    /// The priorities a ticket of `kind` can have: all five for incidents, 1 – 4 for
    /// change requests (ServiceNow's change priority choices stop at "4 - Low").
    pub fn choices(kind: TicketKind) -> &'static [Priority] {
        match kind {
            TicketKind::Incident => &Priority::ALL,
            TicketKind::ChangeRequest => &Priority::CHANGE,
        }
    }

    /// This priority as a ticket of `kind` can have it: "5 - Planning" becomes "4 - Low"
    /// for a change request (the nearest it offers).
    pub fn for_kind(self, kind: TicketKind) -> Priority {
        match (kind, self) {
            (TicketKind::ChangeRequest, Priority::Planning) => Priority::Low,
            _ => self,
        }
    }

    /// The (impact, urgency) pair that the default matrix turns into this priority. Where two
    /// pairs exist, the higher impact is chosen: a security change's reach is what matters.
    pub fn impact_urgency(self) -> (u8, u8) {
        match self {
            Priority::Critical => (1, 1),
            Priority::High => (1, 2),
            Priority::Moderate => (2, 2),
            Priority::Low => (2, 3),
            Priority::Planning => (3, 3),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ServiceNow's default priority lookup, as documented: impact/urgency → priority.
    fn default_matrix(impact: u8, urgency: u8) -> u8 {
        match (impact, urgency) {
            (1, 1) => 1,
            (1, 2) | (2, 1) => 2,
            (1, 3) | (2, 2) | (3, 1) => 3,
            (2, 3) | (3, 2) => 4,
            _ => 5,
        }
    }

    #[test]
    fn every_priority_round_trips_through_servicenows_matrix() {
        for priority in Priority::ALL {
            let (impact, urgency) = priority.impact_urgency();
            assert_eq!(
                default_matrix(impact, urgency),
                priority.number(),
                "{priority:?}"
            );
            assert!((1..=3).contains(&impact) && (1..=3).contains(&urgency));
        }
    }

    #[test]
    fn change_requests_offer_no_planning_and_incidents_offer_all_five() {
        assert_eq!(Priority::choices(TicketKind::Incident).len(), 5);
        let change = Priority::choices(TicketKind::ChangeRequest);
        assert_eq!(
            change.iter().map(|p| p.number()).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );
        assert!(!change.contains(&Priority::Planning));
        assert_eq!(
            Priority::Planning.for_kind(TicketKind::ChangeRequest),
            Priority::Low
        );
        assert_eq!(
            Priority::Planning.for_kind(TicketKind::Incident),
            Priority::Planning
        );
        for p in Priority::ALL {
            assert!(Priority::choices(TicketKind::ChangeRequest)
                .contains(&p.for_kind(TicketKind::ChangeRequest)));
        }
    }

    #[test]
    fn numbers_map_both_ways() {
        for n in 1..=5 {
            assert_eq!(Priority::from_number(n).map(Priority::number), Some(n));
        }
        assert_eq!(Priority::from_number(0), None);
        assert_eq!(Priority::from_number(6), None);
    }
}
