//! The strings of the improvement action list and the share form.

/// Improvement actions, sharing, and what comes back from ServiceNow.
#[derive(Debug, serde::Serialize)]
pub struct ShareTexts {
    pub show_actions: &'static str,
    pub create_ticket: &'static str,
    pub actions_title: &'static str,
    pub actions_intro: &'static str,
    pub search_label: &'static str,
    pub category_label: &'static str,
    pub all_categories: &'static str,
    /// The five categories, in `Category::ALL` order.
    pub categories: [&'static str; 5],
    /// `{shown}`, `{total}`.
    pub showing: &'static str,
    pub no_match: &'static str,
    pub loading_catalog: &'static str,
    /// `{detail}`.
    pub catalog_failed: &'static str,
    pub max_score: &'static str,
    pub share_button: &'static str,
    pub share_to_servicenow: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub link_copy_failed: &'static str,
    pub import_title: &'static str,
    pub import_hint: &'static str,
    pub import_file_label: &'static str,
    pub import_paste_label: &'static str,
    pub import_button: &'static str,
    pub reset_catalog: &'static str,
    /// `{count}`.
    pub imported: &'static str,
    /// `{line}`, `{column}`.
    pub catalog_not_json: &'static str,
    pub catalog_no_value: &'static str,
    pub catalog_empty: &'static str,
    /// `{index}`.
    pub catalog_not_object: &'static str,
    /// `{index}`, `{field}`.
    pub catalog_missing_field: &'static str,
    /// `{index}`, `{category}`.
    pub catalog_bad_category: &'static str,
    pub catalog_unchanged: &'static str,
    pub back_home: &'static str,

    pub form_title: &'static str,
    /// `{title}`.
    pub form_for_action: &'static str,
    pub form_for_user: &'static str,
    pub ticket_type_label: &'static str,
    pub change_request: &'static str,
    pub incident: &'static str,
    pub name_label: &'static str,
    /// `{count}`, `{limit}`.
    pub name_counter: &'static str,
    pub description_label: &'static str,
    pub description_hint: &'static str,
    pub priority_label: &'static str,
    /// In `Priority::ALL` order.
    pub priorities: [&'static str; 5],
    pub priority_hint: &'static str,
    pub due_label: &'static str,
    pub source_label: &'static str,
    pub source_microsoft: &'static str,
    pub source_user: &'static str,
    pub category_field_label: &'static str,
    pub requested_by_label: &'static str,
    pub requested_by_hint: &'static str,
    pub send_button: &'static str,
    pub cancel_button: &'static str,
    /// `{reason}`.
    pub send_blocked: &'static str,
    pub name_missing: &'static str,
    /// `{limit}`.
    pub name_too_long: &'static str,
    pub description_missing: &'static str,
    pub due_missing: &'static str,
    pub due_invalid: &'static str,
    pub due_past: &'static str,
    pub requester_missing: &'static str,
    pub draft_saved: &'static str,

    pub checking_duplicates: &'static str,
    pub sending: &'static str,
    /// `{seconds}`.
    pub rate_limited: &'static str,
    pub verifying: &'static str,
    pub duplicate_title: &'static str,
    pub duplicate_body: &'static str,
    /// `{number}`, `{state}`.
    pub duplicate_item: &'static str,
    pub open_in_servicenow: &'static str,
    pub create_anyway: &'static str,
    pub sent_title: &'static str,
    /// `{number}`.
    pub sent_body: &'static str,
    /// The same send made more tickets (the browser sent the create again after a dropped
    /// connection): `{numbers}` names them.
    pub sent_twice: &'static str,
    pub sent_link: &'static str,
    pub back_to_actions: &'static str,
    pub opens_new_tab: &'static str,

    // Ticket fields as the instance stores them (issue 11).
    pub priority_hint_change: &'static str,
    pub assignment_group_label: &'static str,
    pub assignment_group_hint: &'static str,
    /// `{name}`.
    pub assignment_group_chosen: &'static str,
    pub assignment_group_none: &'static str,
    /// `{detail}`: why, in a few words (the described error's title).
    pub assignment_group_failed: &'static str,
    /// `{fields}`: the labels the instance names, comma separated.
    pub requires: &'static str,
    pub requires_next: &'static str,
    pub requires_elsewhere: &'static str,
    /// `{time}`: a clock time in the person's time zone.
    pub rate_limited_until: &'static str,
    pub rate_limited_until_next: &'static str,
    /// A send whose answer never reached the page (the connection closed, or the browser
    /// would not let the page read it), told instead of a CORS or network setup problem.
    pub answer_lost_title: &'static str,
    pub answer_lost_detail: &'static str,
    pub answer_lost_next: &'static str,

    // Writing the ticket back to Microsoft 365 (issue 13).
    pub note_label: &'static str,
    pub note_hint: &'static str,
    /// `{number}`.
    pub noting: &'static str,
    /// `{number}`.
    pub noted: &'static str,
    /// `{number}`.
    pub note_failed: &'static str,
    pub note_forbidden: &'static str,
    pub note_retry: &'static str,
    pub note_retry_hint: &'static str,
    pub note_by_hand: &'static str,
}
