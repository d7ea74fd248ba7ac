//! The app's own translation tables, read from the JSON that `cargo xtask locales` writes
//! from the app's `Texts` (see `snowcard::i18n::export`), so a test can click what a person
//! reading that language sees ("ServiceNow に接続") and can tell English left on a screen from
//! a legitimate translation.
//!
//! The file is `SNOWCARD_LOCALES`, else `<workspace>/target/locales.json`; `cargo xtask build`
//! and `cargo xtask test` write it too.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// One locale's strings by key path: `connect_button`, `share.create_ticket`,
/// `errors.access_denied.title`, `tickets.count.other`, `checklist.0`.
#[derive(Debug, Clone)]
pub struct Strings {
    pub tag: &'static str,
    by_key: BTreeMap<String, String>,
}

/// Every locale the app ships, by BCP 47 tag, in the order its language menu lists them.
pub const LOCALES: [&str; 5] = ["en", "ja", "zh-TW", "sv", "nl"];

/// Where the tables are: `SNOWCARD_LOCALES`, else `<workspace>/target/locales.json`.
pub fn tables_path() -> PathBuf {
    match std::env::var_os("SNOWCARD_LOCALES").filter(|p| !p.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/locales.json"),
    }
}

impl Strings {
    /// The strings of the locale tagged `tag`, from [`tables_path`]; panics naming the
    /// command that writes the file when it is missing.
    pub fn of(tag: &'static str) -> Strings {
        let path = tables_path();
        let json = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}. The translation tables are written by `cargo xtask locales` \
                 (also run by `cargo xtask build` and `cargo xtask test`); \
                 SNOWCARD_LOCALES names another file.",
                path.display()
            )
        });
        let mut tables: BTreeMap<String, BTreeMap<String, String>> = serde_json::from_str(&json)
            .unwrap_or_else(|e| {
                panic!(
                    "{}: not the tables `cargo xtask locales` writes: {e}",
                    path.display()
                )
            });
        let by_key = tables.remove(tag).unwrap_or_else(|| {
            panic!(
                "{}: no locale {tag} (has {:?}); run `cargo xtask locales` again",
                path.display(),
                tables.keys().collect::<Vec<_>>()
            )
        });
        Strings { tag, by_key }
    }

    /// The string at `key`; panics with the nearest keys when there is none.
    pub fn get(&self, key: &str) -> &str {
        self.by_key.get(key).map(String::as_str).unwrap_or_else(|| {
            let near: Vec<_> = self.by_key.keys().filter(|k| k.contains(key)).collect();
            panic!("{}: no string {key:?} (similar: {near:?})", self.tag)
        })
    }

    /// `get(key)` with each `{name}` replaced.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(self.get(key).to_owned(), |text, (k, v)| {
                text.replace(&format!("{{{k}}}"), v)
            })
    }

    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.by_key.values().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

/// The English phrases of the app's own strings that show on `screen` although `strings`
/// (a non-English locale) was chosen. Text that is ServiceNow's or Microsoft's data (`data`:
/// ticket fields, improvement actions, the instance's address) is taken out first, and a
/// phrase the locale itself uses (a product name, "Apps") does not count.
pub fn english_left(
    screen: &str,
    strings: &Strings,
    english: &Strings,
    data: &[String],
) -> Vec<String> {
    let screen = without(screen, data);
    let own: String = strings.values().collect::<Vec<_>>().join("\n");
    let mut left: Vec<String> = english
        .values()
        .flat_map(phrases)
        .filter(|phrase| !own.contains(phrase.as_str()))
        .filter(|phrase| contains_word(&screen, phrase))
        .collect();
    left.sort();
    left.dedup();
    left
}

/// Words that only an English sentence has, each with the text around it, once `data` is
/// taken out: what a string hard-coded in a component, outside the tables, would show.
pub fn english_words(screen: &str, data: &[String]) -> Vec<String> {
    const LITTLE_WORDS: [&str; 16] = [
        "the", "and", "with", "your", "this", "that", "from", "are", "was", "has", "have", "will",
        "you", "not", "could", "into",
    ];
    let screen = without(screen, data);
    let mut found = Vec::new();
    for line in screen.lines() {
        let lower = line.to_lowercase();
        if LITTLE_WORDS.iter().any(|w| contains_word(&lower, w)) {
            found.push(line.trim().to_owned());
        }
    }
    found.sort();
    found.dedup();
    found
}

/// `screen` with every piece of `data` (of three characters or more) cut out, longest first
/// so that a name goes before a word inside it.
fn without(screen: &str, data: &[String]) -> String {
    let mut data: Vec<&String> = data.iter().filter(|d| d.chars().count() >= 3).collect();
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    data.into_iter().fold(screen.to_owned(), |screen, d| {
        screen.replace(d.as_str(), "\u{1}")
    })
}

/// The pieces of an English string between its placeholders that are words a person reads
/// (at least one run of three lower-case letters), trimmed of punctuation.
fn phrases(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        pieces.push(&rest[..open]);
        rest = rest[open..]
            .find('}')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    pieces.push(rest);
    pieces
        .into_iter()
        .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|p| {
            p.split(|c: char| !c.is_ascii_lowercase())
                .any(|run| run.len() >= 3)
        })
        .collect()
}

/// `phrase` in `text` as whole words.
fn contains_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_keys_arrays_and_plurals() {
        let en = Strings::of("en");
        assert_eq!(en.get("connect_button"), "Connect to ServiceNow");
        assert_eq!(en.get("tickets.count.other"), "{count} tickets");
        assert_eq!(en.get("errors.access_denied.title"), "Access was denied");
        assert!(en.get("checklist.0").len() > 10);
        assert_eq!(en.get("tickets.change_states.1"), "Assess");
        assert_eq!(en.get("tickets.sorts.0.1"), "Created, oldest first");
        assert!(en.len() > 300, "{} strings", en.len());
    }

    #[test]
    fn every_locale_has_the_keys_of_english() {
        let en = Strings::of("en");
        for tag in LOCALES {
            let other = Strings::of(tag);
            let missing: Vec<_> = en
                .by_key
                .keys()
                .filter(|k| !other.by_key.contains_key(*k))
                .collect();
            let extra: Vec<_> = other
                .by_key
                .keys()
                .filter(|k| !en.by_key.contains_key(*k))
                .collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{tag}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn a_hard_coded_english_sentence_shows_by_its_little_words() {
        let screen = "チケットを作成\nImpact: the old clients stop\nRequire MFA for the admins";
        assert_eq!(
            english_words(screen, &["Require MFA for the admins".to_owned()]),
            vec!["Impact: the old clients stop".to_owned()]
        );
        assert!(english_words("Theme 設定", &[]).is_empty());
    }

    #[test]
    fn english_is_found_by_whole_phrases_and_data_is_not_counted() {
        let en = Strings::of("en");
        let fake = Strings {
            tag: "xx",
            by_key: [("a".to_owned(), "ServiceNow に接続".to_owned())].into(),
        };
        let screen = "ServiceNow に接続\nView all tickets\nRequire MFA for admins";
        let left = english_left(screen, &fake, &en, &["Require MFA for admins".to_owned()]);
        // "View all tickets", and "tickets" of "{count} tickets".
        assert_eq!(
            left,
            vec!["View all tickets".to_owned(), "tickets".to_owned()]
        );
        assert!(english_left("ServiceNow に接続", &fake, &en, &[]).is_empty());
    }
}
