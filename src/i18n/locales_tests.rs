//! Every locale against English: the same keys (no more, no fewer), the same placeholders in
//! each string, nothing empty, and nothing left in English unless the word really is the same
//! in that language.

use std::collections::{BTreeMap, BTreeSet};

use super::export::strings;
use super::Locale;

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.match_indices('{')
        .filter_map(|(at, _)| {
            let end = text[at..].find('}')?;
            let name = &text[at + 1..at + end];
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
                .then_some(name)
        })
        .filter(|name| !name.is_empty())
        .collect()
}

/// English words a reader would notice: a run of three lower-case letters once placeholders
/// and product names are taken out.
fn has_words(text: &str) -> bool {
    let mut rest = text.to_owned();
    for name in placeholders(text) {
        rest = rest.replace(&format!("{{{name}}}"), " ");
    }
    for product in [
        "snowcard",
        "ServiceNow",
        "Microsoft Graph",
        "Microsoft 365",
        "Secure Score",
    ] {
        rest = rest.replace(product, " ");
    }
    rest.split(|c: char| !c.is_ascii_lowercase())
        .any(|run| run.len() >= 3)
}

/// Strings that are the same word in the language as in English.
fn same_as_english(locale: Locale) -> &'static [&'static str] {
    match locale {
        Locale::Sv => &[
            "share.categories.1",
            "share.incident",
            "tickets.incident",
            "microsoft.status_label",
        ],
        Locale::Nl => &[
            "share.categories.3",
            "share.incident",
            "share.priorities.4",
            "tickets.incident",
            "tickets.incidents",
            "tickets.count.one",
            "tickets.count.other",
            "tickets.table_label",
            "tickets.kind_column",
            // Dutch Microsoft 365 says "Tenant", "Status" and "Service".
            "microsoft.tenant_label",
            "microsoft.status_label",
            "microsoft.service_label",
        ],
        _ => &[],
    }
}

/// Everything wrong with `other` measured against `english`.
fn differences(
    english: &BTreeMap<String, String>,
    other: &BTreeMap<String, String>,
    same_ok: &[&str],
) -> Vec<String> {
    let mut found = Vec::new();
    for key in english.keys().filter(|k| !other.contains_key(*k)) {
        found.push(format!("missing {key}"));
    }
    for key in other.keys().filter(|k| !english.contains_key(*k)) {
        found.push(format!("not in English: {key}"));
    }
    for (key, en) in english {
        let Some(text) = other.get(key) else { continue };
        if text.trim().is_empty() {
            found.push(format!("{key} is empty"));
        }
        if placeholders(en) != placeholders(text) {
            found.push(format!(
                "{key}: placeholders {:?}, English has {:?}",
                placeholders(text),
                placeholders(en)
            ));
        }
        if text == en && has_words(en) && !same_ok.contains(&key.as_str()) {
            found.push(format!("{key} is still English: {en:?}"));
        }
    }
    found
}

#[test]
fn every_locale_has_exactly_the_keys_and_placeholders_of_english_and_is_translated() {
    let english = strings(Locale::En);
    assert!(english.len() > 350, "{} English strings", english.len());
    for locale in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
        let found = differences(&english, &strings(locale), same_as_english(locale));
        assert!(found.is_empty(), "{}:\n{}", locale.tag(), found.join("\n"));
    }
}

#[test]
fn a_missing_an_extra_and_an_untranslated_key_are_each_reported() {
    let english: BTreeMap<String, String> = [
        ("a", "Connect to {instance}"),
        ("b", "Retry"),
        ("c", "{count} tickets"),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .into();
    let other: BTreeMap<String, String> = [
        ("a", "{instance} に接続"),
        ("c", "{count} tickets"),
        ("d", "余分"),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .into();
    assert_eq!(
        differences(&english, &other, &[]),
        [
            "missing b",
            "not in English: d",
            "c is still English: \"{count} tickets\""
        ]
    );
    assert_eq!(
        differences(&english, &other, &["c"]),
        ["missing b", "not in English: d"]
    );
    let mut lost = english.clone();
    lost.insert("a".into(), "接続".into());
    assert_eq!(
        differences(&english, &lost, &["b", "c"]),
        ["a: placeholders {}, English has {\"instance\"}"]
    );
}

#[test]
fn japanese_and_chinese_have_one_form_swedish_and_dutch_two() {
    for locale in [Locale::Ja, Locale::ZhTw] {
        let t = locale.texts();
        assert_eq!(
            t.tickets.count.one,
            t.tickets.count.other,
            "{}",
            locale.tag()
        );
        assert_eq!(
            t.seconds(1u64).replace('1', "N"),
            t.seconds(2u64).replace('2', "N")
        );
    }
    assert_eq!(Locale::Sv.texts().tickets.count.one, "{count} ärende");
    assert_eq!(Locale::Sv.texts().tickets.count.other, "{count} ärenden");
    assert_eq!(Locale::Nl.texts().seconds(1u64), "1 seconde");
    assert_eq!(Locale::Nl.texts().seconds(30u64), "30 seconden");
    assert_eq!(Locale::En.texts().seconds(1u64), "1 second");
}
