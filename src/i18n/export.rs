//! The translation tables as data: each locale's strings by key path (`connect_button`,
//! `share.create_ticket`, `errors.access_denied.title`, `tickets.count.other`,
//! `checklist.0`), for the locale checks here and for the end-to-end tests, which read the
//! JSON that `cargo xtask locales` writes (see `examples/locales.rs`) instead of the Rust
//! source. The tables themselves stay Rust structs, so a locale missing a key still does not
//! compile.

use std::collections::BTreeMap;

use serde_json::Value;

use super::Locale;

/// The strings of `locale` by key path.
pub fn strings(locale: Locale) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    // `Texts` holds only strings, arrays and structs of them: it always serializes.
    if let Ok(value) = serde_json::to_value(locale.texts()) {
        flatten(&value, "", &mut out);
    }
    out
}

/// Every locale's strings, by BCP 47 tag then key path:
/// `{"en": {"connect_button": "Connect to ServiceNow", …}, "ja": {…}, …}`.
pub fn tables() -> BTreeMap<&'static str, BTreeMap<String, String>> {
    Locale::ALL
        .into_iter()
        .map(|locale| (locale.tag(), strings(locale)))
        .collect()
}

/// Each string of `value` into `out` by its key path below `path`; array items are keyed by
/// their index.
fn flatten(value: &Value, path: &str, out: &mut BTreeMap<String, String>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match value {
        Value::String(text) => {
            out.insert(path.to_owned(), text.clone());
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(item, &join(&i.to_string()), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                flatten(item, &join(key), out);
            }
        }
        other => {
            out.insert(path.to_owned(), other.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_fields_arrays_tuples_and_plurals_have_their_key_paths() {
        let en = strings(Locale::En);
        let get = |key: &str| en.get(key).map(String::as_str);
        assert_eq!(get("connect_button"), Some("Connect to ServiceNow"));
        assert_eq!(get("tickets.count.other"), Some("{count} tickets"));
        assert_eq!(get("errors.access_denied.title"), Some("Access was denied"));
        assert_eq!(get("tickets.change_states.1"), Some("Assess"));
        assert_eq!(get("tickets.sorts.0.1"), Some("Created, oldest first"));
        assert!(get("checklist.0").is_some_and(|text| text.len() > 10));
        // The locale is the table's name, not one of its strings.
        assert_eq!(get("locale"), None);
    }

    #[test]
    fn every_locale_is_in_the_tables_under_its_tag() {
        let tables = tables();
        let tags: Vec<_> = tables.keys().copied().collect();
        assert_eq!(tags, ["en", "ja", "nl", "sv", "zh-TW"]);
        assert_eq!(
            tables["ja"].get("connect_button").map(String::as_str),
            Some(Locale::Ja.texts().connect_button)
        );
    }
}
