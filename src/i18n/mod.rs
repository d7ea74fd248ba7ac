//! The one translation table: every string a person sees comes from a [`Texts`].
//!
//! Each locale is a `const Texts`; a locale that misses a key does not compile. English is
//! the only locale today; ja, zh-TW, sv and nl slot in beside it as `ja.rs`, `zh_tw.rs`, ….
//! Placeholders are `{name}`, filled by [`fill`]; values are inserted as text, never markup.

mod en;
mod en_manage;
mod en_share;
mod en_status;
mod en_tickets;
pub mod manage;
pub mod share;
pub mod status;
pub mod tickets;

pub use manage::{ManageTexts, SettingsFileTexts};
pub use share::ShareTexts;
pub use status::{StatusFix, StatusTexts};
pub use tickets::TicketsTexts;

/// The locales snowcard knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
}

impl Locale {
    /// The BCP 47 tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
        }
    }

    /// The first supported locale among `tags` (e.g. `navigator.languages`), else English.
    pub fn negotiate<'a>(tags: impl IntoIterator<Item = &'a str>) -> Locale {
        tags.into_iter()
            .find_map(|tag| {
                match tag
                    .split('-')
                    .next()
                    .map(str::to_ascii_lowercase)
                    .as_deref()
                {
                    Some("en") => Some(Locale::En),
                    _ => None,
                }
            })
            .unwrap_or_default()
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::En => &en::EN,
        }
    }
}

/// Replaces each `{key}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

/// `one` for a count of 1, else `other`, with `{count}` filled (English and most European
/// languages; a locale without plural forms gives the same text for both).
pub fn plural(count: u64, one: &str, other: &str) -> String {
    let template = if count == 1 { one } else { other };
    fill(template, &[("count", &count.to_string())])
}

/// Every user-visible string.
#[derive(Debug)]
pub struct Texts {
    pub app_name: &'static str,
    pub connect_card_title: &'static str,
    pub connect_card_body: &'static str,
    pub connect_button: &'static str,

    pub setup_title: &'static str,
    pub setup_intro: &'static str,
    pub instance_label: &'static str,
    pub instance_hint: &'static str,
    pub client_id_label: &'static str,
    pub client_id_hint: &'static str,
    pub advanced_label: &'static str,
    pub token_url_label: &'static str,
    pub token_url_hint: &'static str,
    pub redirect_label: &'static str,
    pub redirect_hint: &'static str,
    pub copy_button: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub checklist_title: &'static str,
    /// Each item may name `{redirect}` and `{origin}`.
    pub checklist: [&'static str; 5],
    pub data_title: &'static str,
    pub data_items: [&'static str; 4],
    pub authorize_button: &'static str,
    pub back_button: &'static str,
    pub required_mark: &'static str,

    pub instance_required: &'static str,
    pub instance_insecure: &'static str,
    pub instance_scheme: &'static str,
    pub instance_credentials: &'static str,
    pub instance_invalid: &'static str,
    pub client_id_required: &'static str,
    pub client_id_spaces: &'static str,
    pub token_url_invalid: &'static str,
    pub fix_fields: &'static str,

    pub checking_instance: &'static str,
    pub redirecting: &'static str,
    pub completing: &'static str,
    pub loading_user: &'static str,
    pub connected_title: &'static str,
    pub connecting_title: &'static str,
    /// `{instance}`, `{user}`.
    pub connected_as: &'static str,
    /// `{instance}`.
    pub connected_to: &'static str,
    /// `{time}`.
    pub token_renews: &'static str,

    pub try_again: &'static str,
    pub reconnect: &'static str,
    pub error_prefix: &'static str,
    pub errors: ErrorTexts,
    pub share: ShareTexts,
    pub tickets: TicketsTexts,
    pub manage: ManageTexts,
    pub status: StatusTexts,
}

/// A failure's title, what happened, and what to do next.
#[derive(Debug)]
pub struct ErrorText {
    pub title: &'static str,
    pub detail: &'static str,
    pub next: &'static str,
}

/// The failures the connection flow can meet. Templates may use `{instance}`, `{origin}`,
/// `{url}`, `{redirect}`, `{detail}`, `{seconds}`, `{status}`.
#[derive(Debug)]
pub struct ErrorTexts {
    pub access_denied: ErrorText,
    pub state_mismatch: ErrorText,
    pub state_missing: ErrorText,
    pub no_pending: ErrorText,
    pub code_missing: ErrorText,
    pub authorization_refused: ErrorText,
    pub invalid_grant: ErrorText,
    pub invalid_client: ErrorText,
    pub token_endpoint: ErrorText,
    pub token_blocked: ErrorText,
    pub api_blocked: ErrorText,
    pub unreachable: ErrorText,
    pub offline: ErrorText,
    pub unexpected: ErrorText,
    pub session_ended: ErrorText,
    pub forbidden: ErrorText,
    pub rate_limited: ErrorText,
    pub server: ErrorText,
    pub storage_corrupt: ErrorText,
    pub storage_unavailable: ErrorText,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_placeholder_and_leaves_markup_as_text() {
        let text = fill(
            EN_CONNECTED,
            &[("instance", "acme.service-now.com"), ("user", "<b>Bob</b>")],
        );
        assert_eq!(text, "Connected to acme.service-now.com as <b>Bob</b>");
    }
    const EN_CONNECTED: &str = "Connected to {instance} as {user}";

    #[test]
    fn negotiation_falls_back_to_english() {
        assert_eq!(Locale::negotiate(["fr-FR", "en-GB"]), Locale::En);
        assert_eq!(Locale::negotiate(["fr-FR"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
    }

    #[test]
    fn english_has_no_empty_string_and_matching_placeholders() {
        let en = Locale::En.texts();
        let shown = format!("{en:?}");
        assert!(!shown.contains("\"\""), "an English string is empty");
        assert!(en.connected_as.contains("{instance}") && en.connected_as.contains("{user}"));
        assert!(en
            .errors
            .token_blocked
            .next
            .contains("glide.oauth.cors.allowed.origin"));
    }
}
