//! Which tickets to list, as an encoded query (`sysparm_query`): whose tickets, filters by
//! state and priority, a text search on number and name, and the sort order.
//!
//! Everything is done by the instance; the browser never filters a page it was sent.

use super::priority::Priority;
use super::ticket::CORRELATION_DISPLAY;

/// Whose tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Whose {
    /// Those snowcard created (`correlation_display=snowcard`).
    #[default]
    Snowcard,
    /// Every ticket of the table.
    Everyone,
}

/// The fields a list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortField {
    #[default]
    Created,
    DueDate,
    Priority,
    State,
}

impl SortField {
    pub const ALL: [SortField; 4] = [
        SortField::Created,
        SortField::DueDate,
        SortField::Priority,
        SortField::State,
    ];

    /// The column ServiceNow sorts on.
    pub fn column(self) -> &'static str {
        match self {
            SortField::Created => "sys_created_on",
            SortField::DueDate => "due_date",
            SortField::Priority => "priority",
            SortField::State => "state",
        }
    }
}

/// A sort order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub field: SortField,
    pub descending: bool,
}

impl Default for Sort {
    /// Newest first.
    fn default() -> Self {
        Sort {
            field: SortField::Created,
            descending: true,
        }
    }
}

/// A list request's conditions, the same for either table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketQuery {
    pub whose: Whose,
    /// State values (`"-5"`, `"2"`, …); empty means every state.
    pub states: Vec<String>,
    /// Empty means every priority.
    pub priorities: Vec<Priority>,
    /// Matched against number and short description.
    pub search: String,
    pub sort: Sort,
}

impl TicketQuery {
    /// The encoded query. Text that could end a condition (`^`, line breaks) becomes a
    /// space, and values that are not plain state values are left out.
    pub fn encoded(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.whose == Whose::Snowcard {
            parts.push(format!("correlation_display={CORRELATION_DISPLAY}"));
        }
        let states: Vec<&str> = self
            .states
            .iter()
            .map(|s| s.trim())
            .filter(|s| is_state_value(s))
            .collect();
        if !states.is_empty() {
            parts.push(format!("stateIN{}", states.join(",")));
        }
        if !self.priorities.is_empty() {
            let numbers: Vec<String> = self
                .priorities
                .iter()
                .map(|p| p.number().to_string())
                .collect();
            parts.push(format!("priorityIN{}", numbers.join(",")));
        }
        let search = search_text(&self.search);
        if !search.is_empty() {
            parts.push(format!(
                "numberLIKE{search}^ORshort_descriptionLIKE{search}"
            ));
        }
        let direction = if self.sort.descending {
            "ORDERBYDESC"
        } else {
            "ORDERBY"
        };
        parts.push(format!("{direction}{}", self.sort.field.column()));
        if self.sort.field != SortField::Created {
            // Ties in the chosen column come newest first, so pages never reshuffle.
            parts.push("ORDERBYDESCsys_created_on".to_owned());
        }
        parts.join("^")
    }
}

/// True for what ServiceNow stores in `state` (an integer field), such as `-4` or `21`.
pub fn is_state_value(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    (1..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Search text that cannot break out of its condition.
pub(crate) fn search_text(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .map(|c| if c == '^' || c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    words.join(" ").chars().take(100).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_lists_snowcards_tickets_newest_first() {
        assert_eq!(
            TicketQuery::default().encoded(),
            "correlation_display=snowcard^ORDERBYDESCsys_created_on"
        );
    }

    #[test]
    fn everyone_drops_the_correlation_condition() {
        let query = TicketQuery {
            whose: Whose::Everyone,
            ..Default::default()
        };
        assert_eq!(query.encoded(), "ORDERBYDESCsys_created_on");
    }

    #[test]
    fn filters_search_and_sort_combine_with_and_and_one_or_group() {
        let query = TicketQuery {
            whose: Whose::Snowcard,
            states: vec!["-5".into(), " 0 ".into()],
            priorities: vec![Priority::Critical, Priority::High],
            search: "  MFA   admins ".into(),
            sort: Sort {
                field: SortField::DueDate,
                descending: false,
            },
        };
        assert_eq!(
            query.encoded(),
            "correlation_display=snowcard^stateIN-5,0^priorityIN1,2\
             ^numberLIKEMFA admins^ORshort_descriptionLIKEMFA admins\
             ^ORDERBYdue_date^ORDERBYDESCsys_created_on"
        );
    }

    #[test]
    fn every_sort_field_has_its_column() {
        let columns: Vec<&str> = SortField::ALL.iter().map(|f| f.column()).collect();
        assert_eq!(columns, ["sys_created_on", "due_date", "priority", "state"]);
        let by_priority = TicketQuery {
            sort: Sort {
                field: SortField::Priority,
                descending: true,
            },
            ..Default::default()
        };
        assert!(by_priority
            .encoded()
            .ends_with("^ORDERBYDESCpriority^ORDERBYDESCsys_created_on"));
    }

    #[test]
    fn hostile_search_text_and_state_values_cannot_inject_conditions() {
        let query = TicketQuery {
            whose: Whose::Everyone,
            states: vec!["1^ORactive=false".into(), "".into(), "2".into()],
            search: "x^NQactive=false\n^ORDERBYnumber".into(),
            ..Default::default()
        };
        let encoded = query.encoded();
        assert_eq!(
            encoded,
            "stateIN2^numberLIKEx NQactive=false ORDERBYnumber\
             ^ORshort_descriptionLIKEx NQactive=false ORDERBYnumber^ORDERBYDESCsys_created_on"
        );
        assert_eq!(encoded.matches('^').count(), 3);
    }

    #[test]
    fn blank_search_adds_no_condition() {
        let query = TicketQuery {
            search: " ^ \t ".into(),
            ..Default::default()
        };
        assert!(!query.encoded().contains("LIKE"));
    }
}
