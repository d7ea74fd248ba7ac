//! The strings of the Microsoft 365 connection: the connect form, the connected line, the
//! live Secure Score, and what a refusal means.

/// Connecting to Microsoft 365 and its live list.
#[derive(Debug, serde::Serialize)]
pub struct MicrosoftTexts {
    pub connect_title: &'static str,
    pub connect_intro: &'static str,
    pub tenant_label: &'static str,
    pub tenant_hint: &'static str,
    pub client_id_label: &'static str,
    pub client_id_hint: &'static str,
    pub advanced_label: &'static str,
    pub authority_label: &'static str,
    pub authority_hint: &'static str,
    pub graph_label: &'static str,
    pub graph_hint: &'static str,
    pub write_label: &'static str,
    pub sign_in_button: &'static str,
    pub signing_in: &'static str,
    pub register_title: &'static str,
    /// `{redirect}` in the first.
    pub register_steps: [&'static str; 3],
    /// `{name}`, `{tenant}`.
    pub connected_as: &'static str,
    pub disconnect_button: &'static str,
    /// `{current}`, `{max}`, `{percent}`.
    pub score_line: &'static str,
    pub loading_actions: &'static str,
    pub live_note: &'static str,
    pub sample_note: &'static str,
    /// Shown instead of `sample_note` over a list imported from a file.
    pub imported_note: &'static str,
    pub field_tenant: &'static str,
    pub field_client_id: &'static str,
    pub field_url: &'static str,
    /// A typed authority or Graph that is no known Microsoft cloud nor set by the page's code.
    pub field_cloud: &'static str,
    /// `{url}`: the admin-consent address.
    pub error_consent: &'static str,
    /// `{redirect}`.
    pub error_redirect: &'static str,
    pub error_not_spa: &'static str,
    /// `{redirect}`: a sign-in that never came back (AADSTS50011 stops on Microsoft's page).
    pub error_unanswered: &'static str,
    /// `{tenant}`: the Tenant field.
    pub error_not_in_tenant: &'static str,
    pub error_forbidden: &'static str,
    /// `{seconds}` (a count of seconds).
    pub error_rate_limited: &'static str,
    pub error_sign_in_again: &'static str,
    /// `{seconds}` (a count of seconds): Graph's `Retry-After`, waited out in the page.
    pub waiting: &'static str,
    /// `{seconds}` (a count of seconds) left.
    pub waiting_countdown: &'static str,
    pub refresh_button: &'static str,
    /// `{detail}`.
    pub error_other: &'static str,
    /// The pending sign-in was older than 10 minutes.
    pub error_expired: &'static str,
    pub sort_label: &'static str,
    /// Rank, points still to gain, title.
    pub sorts: [&'static str; 3],
    pub status_label: &'static str,
    pub any_status: &'static str,
    /// To address, completed, risk accepted, resolved through third party.
    pub statuses: [&'static str; 4],
    pub service_label: &'static str,
    pub any_service: &'static str,
    pub shared_label: &'static str,
    /// Any, shared to ServiceNow, not shared.
    pub shared_choices: [&'static str; 3],
    pub deprecated_label: &'static str,
    pub rank_term: &'static str,
    pub impact_term: &'static str,
    pub cost_term: &'static str,
}
