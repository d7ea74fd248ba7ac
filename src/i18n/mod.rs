//! The one translation table: every string a person sees comes from a [`Texts`].
//!
//! Each locale is a `const Texts` in its own folder (`en/`, `ja/`, `zh_tw/`, `sv/`, `nl/`,
//! one file per part of the table as here: `share.rs`, `tickets.rs`, `manage.rs`,
//! `status.rs`); a locale that misses a key does not compile, and `locales_tests.rs` checks
//! the placeholders and that nothing is left in English. [`Locale`] picks one; [`export`]
//! gives the tables as data for the end-to-end tests. Placeholders are `{name}`, filled by
//! [`fill`]; values are inserted as text, never markup.

mod en;
pub mod export;
mod ja;
pub mod manage;
pub mod microsoft;
mod nl;
pub mod share;
pub mod status;
mod sv;
pub mod tickets;
mod zh_tw;

pub use manage::{ManageTexts, SettingsFileTexts};
pub use microsoft::MicrosoftTexts;
pub use share::ShareTexts;
pub use status::{StatusFix, StatusTexts};
pub use tickets::TicketsTexts;

/// The locales snowcard knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    Ja,
    ZhTw,
    Sv,
    Nl,
}

impl Locale {
    /// Every locale, in the order the language menu lists them.
    pub const ALL: [Locale; 5] = [Locale::En, Locale::Ja, Locale::ZhTw, Locale::Sv, Locale::Nl];

    /// The BCP 47 tag, for `lang` attributes, `Intl` and storage.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ja => "ja",
            Locale::ZhTw => "zh-TW",
            Locale::Sv => "sv",
            Locale::Nl => "nl",
        }
    }

    /// The language's own name for itself, as the language menu shows it.
    pub const fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ja => "日本語",
            Locale::ZhTw => "繁體中文",
            Locale::Sv => "Svenska",
            Locale::Nl => "Nederlands",
        }
    }

    /// The locale a single BCP 47 tag asks for, if snowcard has it: `ja-JP` is Japanese,
    /// `nl-BE` Dutch, and Chinese only when written in Traditional script (`zh-TW`, `zh-HK`,
    /// `zh-MO`, `zh-Hant…`), never Simplified.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        match parts.next()? {
            "en" => Some(Locale::En),
            "ja" => Some(Locale::Ja),
            "sv" => Some(Locale::Sv),
            "nl" => Some(Locale::Nl),
            "zh" => parts
                .any(|part| matches!(part, "hant" | "tw" | "hk" | "mo"))
                .then_some(Locale::ZhTw),
            _ => None,
        }
    }

    /// The first supported locale among `tags` (e.g. `navigator.languages`), else English.
    pub fn negotiate<'a>(tags: impl IntoIterator<Item = &'a str>) -> Locale {
        tags.into_iter()
            .find_map(Locale::from_tag)
            .unwrap_or_default()
    }

    pub const fn texts(self) -> &'static Texts {
        match self {
            Locale::En => &en::EN,
            Locale::Ja => &ja::JA,
            Locale::ZhTw => &zh_tw::ZH_TW,
            Locale::Sv => &sv::SV,
            Locale::Nl => &nl::NL,
        }
    }

    /// Whether `count` takes the "one" form (CLDR plural rules for whole numbers): English,
    /// Swedish and Dutch say "1 ticket" but "0 tickets"; Japanese and Chinese have one form.
    pub const fn is_one(self, count: u64) -> bool {
        match self {
            Locale::En | Locale::Sv | Locale::Nl => count == 1,
            Locale::Ja | Locale::ZhTw => false,
        }
    }

    /// `plural.one` or `plural.other` for `count`, with `{count}` filled by `shown` (the
    /// count as the browser formats numbers in this locale).
    pub fn plural(self, count: u64, plural: &Plural, shown: &str) -> String {
        let template = if self.is_one(count) {
            plural.one
        } else {
            plural.other
        };
        fill(template, &[("count", shown)])
    }
}

/// A message with a count, in the forms the locale distinguishes. Locales without plural
/// forms (ja, zh-TW) give the same text for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Plural {
    /// For a count of exactly 1 where the language has such a form.
    pub one: &'static str,
    pub other: &'static str,
}

/// Replaces each `{key}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

/// Every user-visible string.
#[derive(Debug, serde::Serialize)]
pub struct Texts {
    /// The locale these texts are in (for plural rules).
    #[serde(skip)]
    pub locale: Locale,
    pub app_name: &'static str,
    /// The label of the language menu.
    pub language_label: &'static str,
    /// Shown on home when the page's address names no snowcard page (or a filter that
    /// does not read).
    pub address_unknown: &'static str,
    /// Shown on the improvement actions when a share address names an action not in the list.
    pub action_unknown: &'static str,
    /// Between a label and what follows it on one line: ": ", or the full-width "：".
    pub colon: &'static str,
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
    /// Each item may name `{redirect}`, `{origin}` and `{host}` (the origin's host name).
    pub checklist: [&'static str; 5],
    pub data_title: &'static str,
    pub data_items: [&'static str; 4],
    /// What `data_items[1]` says instead when tokens are kept only in this page's memory
    /// (`token-storage="memory"`, or session storage unavailable).
    pub data_tokens_memory: &'static str,
    /// The one notice shown when session storage is unavailable and everything is kept in
    /// the page's memory: what a reload costs, and what signing in needs.
    pub storage_memory_notice: &'static str,
    /// The button that hides a notice.
    pub dismiss: &'static str,
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
    /// A typed token URL on another origin than this page's or the instance's.
    pub token_url_origin: &'static str,
    /// `{allowed}`: the instances the page pins (their hosts, comma separated).
    pub instance_not_allowed: &'static str,
    /// Beside Authorize; `{host}` is the instance's host, shown in bold.
    pub sign_in_at: &'static str,
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

    /// A number of seconds, as `{seconds}` in any template shows it.
    pub seconds: Plural,
    pub try_again: &'static str,
    pub reconnect: &'static str,
    /// The button that runs the sign-in again once a session ends (or is about to).
    pub sign_in_again: &'static str,
    /// `{time}`: when a session that cannot be renewed ends.
    pub session_ends: &'static str,
    /// `{time}`: the warning shortly before such a session ends.
    pub session_ending_title: &'static str,
    pub session_ending_body: &'static str,
    pub error_prefix: &'static str,
    pub errors: ErrorTexts,
    pub share: ShareTexts,
    pub tickets: TicketsTexts,
    pub manage: ManageTexts,
    pub status: StatusTexts,
    pub microsoft: MicrosoftTexts,
}

impl Texts {
    /// `count` seconds, in words ("1 second", "30 seconds", "30 秒").
    pub fn seconds(&self, count: impl Into<u64>) -> String {
        let count = count.into();
        self.locale.plural(count, &self.seconds, &count.to_string())
    }
}

/// A failure's title, what happened, and what to do next.
#[derive(Debug, serde::Serialize)]
pub struct ErrorText {
    pub title: &'static str,
    pub detail: &'static str,
    pub next: &'static str,
}

/// The failures the connection flow can meet. Templates may use `{instance}`, `{origin}`, `{host}`,
/// `{url}`, `{redirect}`, `{detail}`, `{seconds}`, `{status}`.
#[derive(Debug, serde::Serialize)]
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
    /// `{blocked}` (the origin), `{directive}`: the page's own policy refused the request.
    pub page_policy: ErrorText,
    pub unreachable: ErrorText,
    pub offline: ErrorText,
    pub unexpected: ErrorText,
    pub session_ended: ErrorText,
    /// RFC 9207: `{url}` is the instance, `{detail}` the issuer the answer named.
    pub issuer_mismatch: ErrorText,
    pub token_unavailable: ErrorText,
    pub forbidden: ErrorText,
    pub rate_limited: ErrorText,
    pub server: ErrorText,
    pub storage_corrupt: ErrorText,
    pub storage_unavailable: ErrorText,
    /// A stored session's instance is not among the page's allowed instances: `{url}` is
    /// its host, `{detail}` the allowed ones.
    pub instance_not_allowed: ErrorText,
    /// A stored session's token URL is on an origin the page does not trust: `{url}` is
    /// that origin.
    pub token_url_not_allowed: ErrorText,
    /// The pending sign-in was older than 10 minutes.
    pub pending_expired: ErrorText,
    /// `{url}` answered with a redirect, which is never followed.
    pub redirected: ErrorText,
}

#[cfg(test)]
#[path = "locales_tests.rs"]
mod locales_tests;

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
    fn negotiation_takes_the_first_supported_language() {
        assert_eq!(Locale::negotiate(["fr-FR", "ja-JP", "en"]), Locale::Ja);
        assert_eq!(Locale::negotiate(["nl-BE"]), Locale::Nl);
        assert_eq!(Locale::negotiate(["sv-FI", "nl"]), Locale::Sv);
        assert_eq!(Locale::negotiate(["zh-Hant-HK"]), Locale::ZhTw);
        assert_eq!(Locale::negotiate(["zh_TW"]), Locale::ZhTw);
        // Simplified Chinese readers are not given Traditional script.
        assert_eq!(Locale::negotiate(["zh-CN", "zh", "sv"]), Locale::Sv);
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let tickets = Plural {
            one: "{count} ticket",
            other: "{count} tickets",
        };
        assert_eq!(Locale::En.plural(1, &tickets, "1"), "1 ticket");
        assert_eq!(Locale::En.plural(0, &tickets, "0"), "0 tickets");
        assert_eq!(Locale::Nl.plural(1_000, &tickets, "1.000"), "1.000 tickets");
        assert!(Locale::Sv.is_one(1) && !Locale::Sv.is_one(21));
        assert!(!Locale::Ja.is_one(1) && !Locale::ZhTw.is_one(1));
    }

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
