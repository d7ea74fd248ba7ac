//! The strings of the connection status page: one line per check, what it found, and the
//! fix an administrator follows when it fails.

/// A failure's explanation and its fix. Templates may use `{url}`, `{origin}`,
/// `{redirect}`, `{detail}`, `{seconds}`, `{status}`, `{user}`, `{user_name}`, `{role}`.
#[derive(Debug, serde::Serialize)]
pub struct StatusFix {
    pub detail: &'static str,
    pub fix: &'static str,
}

/// The connection status page.
#[derive(Debug, serde::Serialize)]
pub struct StatusTexts {
    /// The button that opens the page from the home card.
    pub open_button: &'static str,
    /// The button that opens the page from an error.
    pub check_button: &'static str,
    pub title: &'static str,
    /// `{origin}`, `{redirect}`.
    pub intro: &'static str,
    pub list_label: &'static str,
    pub check_again: &'static str,
    pub authorize: &'static str,
    pub back: &'static str,
    /// Announced while the checks run.
    pub running: &'static str,
    /// `{passed}`, `{failed}`, `{skipped}`.
    pub summary: &'static str,
    pub fix_label: &'static str,

    pub checking: &'static str,
    pub passed: &'static str,
    pub failed: &'static str,
    pub not_checked: &'static str,

    pub instance_name: &'static str,
    pub token_name: &'static str,
    pub table_incident_name: &'static str,
    pub table_change_name: &'static str,
    pub token_endpoint_name: &'static str,
    pub page_policy_name: &'static str,
    pub create_incident_name: &'static str,
    pub create_change_name: &'static str,

    /// `{instance}`.
    pub instance_ok: &'static str,
    /// `{user}`, `{user_name}`.
    pub token_ok: &'static str,
    pub not_you: &'static str,
    /// `{table}`.
    pub table_ok: &'static str,
    /// `{url}`, `{code}`.
    pub token_endpoint_ok: &'static str,
    /// `{origins}`: the instance's and the token URL's.
    pub page_policy_ok: &'static str,
    /// `{user}`, `{role}`.
    pub role_ok: &'static str,
    /// `{user}`, `{role}`.
    pub role_via_admin: &'static str,
    /// Stands for `{user}` when the instance did not say who the token belongs to.
    pub unknown_user: &'static str,

    pub unreachable: StatusFix,
    pub offline: StatusFix,
    pub api_blocked: StatusFix,
    pub token_blocked: StatusFix,
    pub token_unreachable: StatusFix,
    pub not_token_endpoint: StatusFix,
    /// `{blocked}` (the origin), `{directive}`.
    pub page_policy: StatusFix,
    pub forbidden: StatusFix,
    pub cross_scope: StatusFix,
    pub session_ended: StatusFix,
    pub rate_limited: StatusFix,
    pub server: StatusFix,
    pub unexpected: StatusFix,
    pub role_missing: StatusFix,

    pub connect_first: &'static str,
    pub no_instance: &'static str,
    pub instance_down: &'static str,
    pub token_refused: &'static str,
    pub api_closed: &'static str,
    /// `{user}`, `{detail}`.
    pub roles_hidden: StatusFix,
    /// `{detail}`: the failure, told by its own explanation.
    pub could_not_ask: &'static str,
}
