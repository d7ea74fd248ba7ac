//! Generators for the property tests (`*_props.rs` beside the code they test): text a
//! hostile or careless source could send, URLs on this or another origin, and arbitrary
//! JSON. Native only; the wasm build never sees proptest.

use proptest::prelude::*;
use serde_json::Value;

/// Any text, weighted towards the characters parsers trip on: separators of queries,
/// encoded queries, `Link` headers and JSON, quotes, escapes, controls, and non-ASCII.
pub fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z0-9 ^&=?#%<>\";,\\\\/:@.\\-\\n\\r\\t\u{0}\u{7f}\u{2028}é漢]{0,40}",
        1 => any::<String>(),
    ]
}

/// A URL or reference as a server might put it in a link: on the expected origin, on
/// another, relative, scheme-relative, or not a URL at all.
pub fn link_target(origin: &'static str) -> impl Strategy<Value = String> {
    let path = "[a-z0-9/._~%?&=$-]{0,30}";
    prop_oneof![
        path.prop_map(move |p| format!("{origin}/{p}")),
        path.prop_map(|p| format!("/{p}")),
        path.prop_map(|p| format!("//evil.example/{p}")),
        (
            "(https?|javascript|data|file)",
            "[a-z.-]{1,20}(:[0-9]{1,5})?",
            path
        )
            .prop_map(|(s, h, p)| format!("{s}://{h}/{p}")),
        path.prop_map(move |p| format!("{origin}@evil.example/{p}")),
        hostile_text(),
    ]
}

/// Arbitrary JSON, a few levels deep.
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        hostile_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z_@.]{0,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A JSON object with some of `keys` set to arbitrary values, so the shape a parser looks
/// for is often almost there.
pub fn json_object_with(keys: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop::collection::vec(
        (prop::sample::select(keys), json_value()),
        0..keys.len() + 2,
    )
    .prop_map(|pairs| {
        Value::Object(
            pairs
                .into_iter()
                .map(|(k, v)| ((*k).to_owned(), v))
                .collect(),
        )
    })
}
