//! Properties of what the app reads from a file, an address or the host page: the settings
//! file, the catalog import, routes (an action id among them), the address a route is kept
//! in, and the embed options.

use proptest::prelude::*;
use url::Url;

use super::catalog;
use super::embed::{EmbedOptions, OptionsPatch};
use super::route::{Address, Route};
use super::settings_file;
use crate::props::{hostile_text, json_object_with, json_value};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Any file is read without a panic; a file that imports exports to one that imports to
    /// the same names.
    #[test]
    fn settings_files_never_panic_and_round_trip(text in prop_oneof![
        json_object_with(&["format", "version", "stateNames"]).prop_map(|v| v.to_string()),
        json_value().prop_map(|v| serde_json::json!({
            "format": "snowcard-settings", "version": 1, "stateNames": v }).to_string()),
        json_value().prop_map(|v| serde_json::json!({
            "format": "snowcard-settings", "version": 1,
            "stateNames": { "incident": v, "change_request": { "-5": "Waiting" } } }).to_string()),
        hostile_text(),
    ]) {
        if let Ok(names) = settings_file::import(&text) {
            let again = settings_file::import(&settings_file::export(&names));
            prop_assert_eq!(again, Ok(names));
        }
    }

    /// Any catalog file is read without a panic.
    #[test]
    fn catalog_imports_never_panic(text in prop_oneof![
        json_value().prop_map(|v| v.to_string()),
        prop::collection::vec(json_object_with(&["id", "title", "maxScore", "rank", "deprecated",
            "controlCategory", "implementationCost", "userImpact", "remediation", "actionUrl",
            "service", "tier", "threats"]), 0..4)
            .prop_map(|v| serde_json::Value::Array(v).to_string()),
        hostile_text(),
    ]) {
        let _ = catalog::parse(&text);
    }

    /// Any path and query reads as a route or an error, never a panic; a route read prints
    /// a target that reads back as the same route.
    #[test]
    fn routes_never_panic_and_round_trip(path in prop_oneof![
        "/(|setup|status|actions|share|tickets|manage|x)".prop_map(String::from),
        hostile_text(),
    ], query in prop_oneof![
        prop::collection::vec(("(action|page|scope|sort|status|q|category|mine)", hostile_text()), 0..4)
            .prop_map(|pairs| url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs).finish()),
        hostile_text(),
    ]) {
        if let Ok(route) = Route::parse(&path, &query) {
            prop_assert_eq!(Route::parse_target(&route.target()), Ok(route));
        }
        let _ = Route::parse_target(&format!("{path}?{query}"));
    }

    /// An action id, whatever it holds, is one query parameter of the share route's target
    /// and of the host address it is kept in; it adds no parameter of its own.
    #[test]
    fn an_action_id_never_adds_a_url_parameter(id in hostile_text(), name in "[a-z]{1,6}") {
        let route = Route::Share { action: Some(id.clone()) };
        let target = route.target();
        if let Ok(Route::Share { action }) = Route::parse_target(&target) {
            prop_assert!(action.is_none() || action.as_deref() == Some(id.trim()) || action.as_deref() == Some(id.as_str()),
                "{:?} -> {} -> {:?}", id, target, action);
        }
        let host = Url::parse("https://portal.example/page?tab=security#section")
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        for address in [Address::Fragment, Address::HashParam(name.clone()), Address::QueryParam(name.clone())] {
            let written = address.write(&host, Some(&target));
            prop_assert_eq!(address.read(&written), Some(target.clone()), "{:?}", address);
            let keys: Vec<String> = written.query_pairs().map(|(k, _)| k.into_owned()).collect();
            let expected = match &address {
                Address::QueryParam(n) => vec!["tab".to_owned(), n.clone()],
                _ => vec!["tab".to_owned()],
            };
            prop_assert_eq!(keys, expected);
            prop_assert_eq!(written.path(), "/page");
        }
    }

    /// Options from a host (`mount()`'s object or attributes) never panic, whatever they hold.
    #[test]
    fn embed_options_never_panic(patch in json_object_with(&["instance", "clientId",
        "redirectUri", "view", "lang", "requestedBy", "catalogUrl", "stylesheet", "routing"])) {
        if let Ok(patch) = serde_json::from_value::<OptionsPatch>(patch) {
            let mut options = EmbedOptions::default();
            options.apply(patch);
            let _ = options.app_options();
            let _ = options.routing();
            let _ = options.namespace();
        }
    }
}
