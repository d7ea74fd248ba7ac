//! Priority as ServiceNow computes it: from impact and urgency through the default Data
//! Lookup matrix. A `priority` written through the API is ignored, so a chosen priority is
//! sent as the impact and urgency pair that yields it.

use serde::{Deserialize, Serialize};

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

    /// The number ServiceNow stores ("1" … "5").
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(number: u8) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.number() == number)
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
    fn numbers_map_both_ways() {
        for n in 1..=5 {
            assert_eq!(Priority::from_number(n).map(Priority::number), Some(n));
        }
        assert_eq!(Priority::from_number(0), None);
        assert_eq!(Priority::from_number(6), None);
    }
}
