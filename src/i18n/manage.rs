//! The strings of "Manage ServiceNow configuration": the connection, its removal, ticket
//! state names, and the settings file.

use super::Plural;

/// The Manage page.
#[derive(Debug, serde::Serialize)]
pub struct ManageTexts {
    /// The button that opens the page; the same name wherever it appears.
    pub open_button: &'static str,
    pub title: &'static str,
    pub back_button: &'static str,

    pub connection_heading: &'static str,
    pub instance_term: &'static str,
    pub client_id_term: &'static str,
    pub user_term: &'static str,
    /// `{name}`, `{user_name}`: the display name and the ServiceNow user name.
    pub user_value: &'static str,
    pub user_loading: &'static str,
    pub expires_term: &'static str,
    /// `{time}`.
    pub expires_value: &'static str,
    /// `{time}`: the session's end when the instance gave no refresh token.
    pub ends_value: &'static str,
    pub reauthorize_button: &'static str,
    pub reauthorize_hint: &'static str,
    pub remove_button: &'static str,
    pub remove_hint: &'static str,

    pub confirm_title: &'static str,
    /// `{instance}`.
    pub confirm_body: &'static str,
    pub confirm_remove: &'static str,
    pub confirm_cancel: &'static str,
    pub removing: &'static str,
    pub removed_revoked: &'static str,
    pub removed_nothing: &'static str,
    pub removed_unconfirmed_title: &'static str,
    /// `{detail}`.
    pub reason_no_answer: &'static str,
    pub reason_still_accepted: &'static str,
    /// `{status}`.
    pub reason_inconclusive: &'static str,
    pub reason_already_expired: &'static str,
    /// `{time}`.
    pub removed_unconfirmed_next: &'static str,

    pub names_heading: &'static str,
    pub names_intro: &'static str,
    /// In `state_names::TABLES` order.
    pub table_legends: [&'static str; 2],
    /// `{value}`.
    pub state_value_hint: &'static str,
    pub names_loading: &'static str,
    /// `{detail}`.
    pub names_instance_failed: &'static str,
    pub save_names: &'static str,
    pub reset_names: &'static str,
    pub names_saved: &'static str,
    pub names_reset: &'static str,
    pub names_save_failed: &'static str,
    /// `{limit}`.
    pub name_too_long: &'static str,
    pub fix_names: &'static str,

    pub transfer_heading: &'static str,
    pub transfer_intro: &'static str,
    pub export_button: &'static str,
    /// `{file}`.
    pub exported: &'static str,
    pub export_failed: &'static str,
    pub import_label: &'static str,
    pub import_hint: &'static str,
    /// `{count}` state names imported.
    pub imported: Plural,
    pub import_unchanged: &'static str,
    pub import_unreadable: &'static str,
    pub file: SettingsFileTexts,
}

/// What is wrong with a settings file. Templates may use `{line}`, `{column}`, `{found}`,
/// `{table}`, `{value}`, `{limit}`.
#[derive(Debug, serde::Serialize)]
pub struct SettingsFileTexts {
    pub not_json: &'static str,
    pub not_object: &'static str,
    pub format_missing: &'static str,
    pub other_format: &'static str,
    pub version_missing: &'static str,
    pub unsupported_version: &'static str,
    pub state_names_missing: &'static str,
    pub state_names_not_object: &'static str,
    pub unknown_table: &'static str,
    pub table_not_object: &'static str,
    pub not_a_state_value: &'static str,
    pub name_not_text: &'static str,
    pub name_too_long: &'static str,
}
