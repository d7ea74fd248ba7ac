//! Choice lists (value → label) of the sandbox's tables, and the priority lookup
//! that turns impact and urgency into a priority.

/// The label of `value` in a choice list, if the list has it.
pub fn label(choices: &[(&str, &'static str)], value: &str) -> Option<&'static str> {
    choices
        .iter()
        .find(|(v, _)| *v == value)
        .map(|(_, label)| *label)
}

pub const INCIDENT_STATES: &[(&str, &str)] = &[
    ("1", "New"),
    ("2", "In Progress"),
    ("3", "On Hold"),
    ("6", "Resolved"),
    ("7", "Closed"),
    ("8", "Canceled"),
];
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
pub const PRIORITIES: &[(&str, &str)] = &[
    ("1", "1 - Critical"),
    ("2", "2 - High"),
    ("3", "3 - Moderate"),
    ("4", "4 - Low"),
    ("5", "5 - Planning"),
];
pub const IMPACT_URGENCY: &[(&str, &str)] =
    &[("1", "1 - High"), ("2", "2 - Medium"), ("3", "3 - Low")];
pub const CHANGE_TYPES: &[(&str, &str)] = &[
    ("normal", "Normal"),
    ("standard", "Standard"),
    ("emergency", "Emergency"),
];
pub const RISKS: &[(&str, &str)] = &[("2", "High"), ("3", "Moderate"), ("4", "Low")];
pub const INCIDENT_CATEGORIES: &[(&str, &str)] = &[
    ("inquiry", "Inquiry / Help"),
    ("software", "Software"),
    ("hardware", "Hardware"),
    ("network", "Network"),
    ("database", "Database"),
];

/// ServiceNow's default priority lookup: impact and urgency (1–3) give priority 1–5.
pub fn priority_for(impact: &str, urgency: &str) -> Option<&'static str> {
    let row = match impact {
        "1" => ["1", "2", "3"],
        "2" => ["2", "3", "4"],
        "3" => ["3", "4", "5"],
        _ => return None,
    };
    match urgency {
        "1" => Some(row[0]),
        "2" => Some(row[1]),
        "3" => Some(row[2]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_matrix_matches_the_default_lookup() {
        let expected = [
            ("1", "1", "1"),
            ("1", "2", "2"),
            ("1", "3", "3"),
            ("2", "1", "2"),
            ("2", "2", "3"),
            ("2", "3", "4"),
            ("3", "1", "3"),
            ("3", "2", "4"),
            ("3", "3", "5"),
        ];
        for (impact, urgency, priority) in expected {
            assert_eq!(
                priority_for(impact, urgency),
                Some(priority),
                "{impact}/{urgency}"
            );
        }
        assert_eq!(priority_for("4", "1"), None);
    }
}
