//! The strings of the ticket cards and the "View all tickets" list.

use super::Plural;

/// Ticket cards, the chart, and the ticket list.
#[derive(Debug, serde::Serialize)]
pub struct TicketsTexts {
    pub change_title: &'static str,
    pub incident_title: &'static str,
    pub view_all: &'static str,
    pub manage: &'static str,
    pub whose_label: &'static str,
    pub whose_hint: &'static str,
    pub loading: &'static str,
    /// `{count}` tickets on a card.
    pub count: Plural,
    pub chart_label: &'static str,
    pub recent_label: &'static str,
    pub empty_mine: &'static str,
    pub empty_all: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub overdue: &'static str,
    /// `{count}` overdue among the recent tickets.
    pub overdue_count: Plural,
    pub no_due_date: &'static str,
    pub opens_in_servicenow: &'static str,
    pub number: &'static str,
    pub name: &'static str,
    pub state: &'static str,
    pub priority: &'static str,
    pub due: &'static str,
    pub created: &'static str,
    pub table_label: &'static str,
    pub all_tables: &'static str,
    pub change_requests: &'static str,
    pub incidents: &'static str,
    pub kind_column: &'static str,
    pub change_request: &'static str,
    pub incident: &'static str,
    pub list_title: &'static str,
    pub sort_label: &'static str,
    /// In `SortField::ALL` order, then newest/highest first or oldest/lowest first.
    pub sorts: [(&'static str, &'static str); 4],
    pub state_filter: &'static str,
    pub any_state: &'static str,
    pub state_filter_hint: &'static str,
    pub priority_filter: &'static str,
    pub any_priority: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub clear_filters: &'static str,
    /// `{from}`, `{to}`, `{total}`.
    pub range: &'static str,
    pub none_match: &'static str,
    pub first_page: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub back_home: &'static str,
    pub refreshing: &'static str,
    /// ServiceNow's default change request state names, in the order of
    /// `app::state_names::CHANGE_STATES` (New, Assess, Authorize, Scheduled, Implement, Review,
    /// Closed, Canceled), as ServiceNow itself names them in this language.
    pub change_states: [&'static str; 8],
    /// ServiceNow's default incident state names, in the order of
    /// `app::state_names::INCIDENT_STATES` (New, In Progress, On Hold, Resolved, Closed, Canceled).
    pub incident_states: [&'static str; 6],
    /// Shown for a ticket whose state has no value at all.
    pub empty_state: &'static str,
}
