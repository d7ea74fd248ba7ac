//! Native tests of the embedding options: patches, views, languages, storage namespaces, the
//! one improvement action `share` takes, and callback routing between components.

use serde_json::json;

use super::*;
use crate::app::catalog::Category;
use crate::app::flow::{route_callback, CallbackRoute};
use crate::storage::{keys, MemoryStorage, StorageBackend, Store};

fn patch(value: serde_json::Value) -> OptionsPatch {
    serde_json::from_value(value).expect("a patch")
}

#[test]
fn a_patch_sets_resets_and_keeps_fields() {
    let mut options = EmbedOptions::default();
    options.apply(patch(
        json!({"instance": "acme", "clientId": " cid ", "view": "tickets"}),
    ));
    options.apply(patch(json!({"view": "manage", "requestedBy": ""})));
    assert_eq!(options.instance.as_deref(), Some("acme"));
    assert_eq!(options.client_id.as_deref(), Some("cid"));
    assert_eq!(options.view.as_deref(), Some("manage"));
    assert_eq!(options.requested_by, None);
    options.apply(patch(json!({"instance": null})));
    assert_eq!(options.instance, None);
    assert_eq!(options.client_id.as_deref(), Some("cid"));
}

#[test]
fn an_unknown_option_is_refused_by_name() {
    let error =
        serde_json::from_value::<OptionsPatch>(json!({"clientID": "x"})).expect_err("refused");
    assert!(error.to_string().contains("clientID"), "{error}");
}

#[test]
fn views_name_pages_and_an_unknown_one_is_an_error() {
    assert_eq!(parse_view("home"), Some(View::Home));
    assert_eq!(parse_view("Actions"), Some(View::Actions));
    assert_eq!(
        parse_view("tickets"),
        Some(View::Tickets(TicketsScope::All))
    );
    assert_eq!(parse_view(" manage "), Some(View::Manage));
    assert_eq!(parse_view("share"), None);
    let mut options = EmbedOptions::default();
    options.apply(patch(json!({"view": "dashboard"})));
    assert_eq!(
        options.app_options(),
        Err(OptionsError::UnknownView("dashboard".into()))
    );
}

#[test]
fn app_options_carry_every_field_and_an_unknown_language_leaves_the_choice_to_the_person() {
    let mut options = EmbedOptions::default();
    options.apply(patch(json!({
        "instance": "acme", "clientId": "cid", "redirectUri": "https://portal.example/sec",
        "view": "actions", "lang": "xx-YY", "requestedBy": "jdoe", "catalogUrl": "/c.json"
    })));
    let app = options.app_options().expect("valid");
    assert_eq!(app.instance, "acme");
    assert_eq!(app.client_id, "cid");
    assert_eq!(
        app.redirect_uri.as_deref(),
        Some("https://portal.example/sec")
    );
    assert_eq!(app.view, Some(View::Actions));
    // A language snowcard lacks: the menu and the browser's preferences decide.
    assert_eq!(app.locale, None);
    assert_eq!(app.requested_by.as_deref(), Some("jdoe"));
    assert_eq!(app.catalog_url, "/c.json");
    assert_eq!(
        EmbedOptions::default().app_options(),
        Ok(AppOptions::default())
    );
    options.apply(patch(json!({ "lang": "sv-FI" })));
    assert_eq!(
        options.app_options().expect("valid").locale,
        Some(Locale::Sv)
    );
}

#[test]
fn namespaces_are_per_instance_and_client_and_standalone_keeps_snowcard() {
    assert_eq!(storage_namespace("", ""), "snowcard");
    assert_eq!(storage_namespace("acme", ""), "snowcard");
    assert_eq!(storage_namespace("", "cid"), "snowcard");
    assert_eq!(storage_namespace("not an instance", "cid"), "snowcard");
    assert_eq!(
        storage_namespace("acme", "cid"),
        "snowcard:acme.service-now.com:cid"
    );
    // The same instance however it is typed.
    assert_eq!(
        storage_namespace("https://ACME.service-now.com/", "cid"),
        storage_namespace("acme", "cid")
    );
    assert_eq!(
        storage_namespace("127.0.0.1:8701", "c:d e"),
        "snowcard:127.0.0.1:8701:c%3Ad+e"
    );
    assert_ne!(
        storage_namespace("acme", "a"),
        storage_namespace("globex", "a")
    );
    assert_ne!(
        storage_namespace("acme", "a"),
        storage_namespace("acme", "b")
    );
}

#[test]
fn two_components_keep_their_own_keys_and_removal_clears_only_its_own() {
    let memory = MemoryStorage::default();
    let standalone = Store::new(memory.clone(), storage_namespace("", ""));
    let acme = Store::new(memory.clone(), storage_namespace("acme", "cid"));
    let globex = Store::new(memory.clone(), storage_namespace("globex", "cid"));
    for store in [&standalone, &acme, &globex] {
        store.save(keys::SHARE_DRAFTS, &"drafts").expect("saved");
    }
    acme.save(keys::SESSION, &"acme session").expect("saved");
    assert_eq!(globex.load::<String>(keys::SESSION), Ok(None));
    standalone.clear_all();
    assert_eq!(
        memory.keys(),
        [
            "snowcard:acme.service-now.com:cid:session",
            "snowcard:acme.service-now.com:cid:share-drafts",
            "snowcard:globex.service-now.com:cid:share-drafts",
        ]
    );
    acme.clear_all();
    assert_eq!(
        memory.keys(),
        ["snowcard:globex.service-now.com:cid:share-drafts"]
    );
}

#[test]
fn a_component_sees_the_other_components_values_but_not_its_own_or_other_apps() {
    let memory = MemoryStorage::default();
    let acme = Store::new(memory.clone(), storage_namespace("acme", "cid"));
    let globex = Store::new(memory.clone(), storage_namespace("globex", "cid"));
    let standalone = Store::new(memory.clone(), "snowcard");
    acme.save(keys::PENDING, &"acme-state").expect("saved");
    globex.save(keys::PENDING, &"globex-state").expect("saved");
    memory
        .set("snowcardish:pending", r#"{"v":1,"data":"x"}"#)
        .expect("set");
    memory
        .set("portal:pending", r#"{"v":1,"data":"y"}"#)
        .expect("set");
    memory
        .set("snowcard:broken:x:pending", "{nope")
        .expect("set");
    assert_eq!(
        acme.values_elsewhere::<String>(keys::PENDING),
        ["globex-state"]
    );
    let mut all = standalone.values_elsewhere::<String>(keys::PENDING);
    all.sort();
    assert_eq!(all, ["acme-state", "globex-state"]);
}

#[test]
fn a_callback_goes_to_the_component_whose_state_it_carries() {
    assert_eq!(
        route_callback(Some("s1"), Some("s1"), &["s2"]),
        CallbackRoute::Mine
    );
    assert_eq!(
        route_callback(Some("s2"), Some("s1"), &["s2"]),
        CallbackRoute::Another
    );
    assert_eq!(
        route_callback(Some("s2"), None, &["s2"]),
        CallbackRoute::Another
    );
    // Nobody in the tab asked for it: reported (by whichever component sees it first).
    assert_eq!(
        route_callback(Some("s9"), Some("s1"), &["s2"]),
        CallbackRoute::Unclaimed
    );
    assert_eq!(
        route_callback(None, Some("s1"), &[]),
        CallbackRoute::Unclaimed
    );
    assert_eq!(
        route_callback(Some("s1"), None, &[]),
        CallbackRoute::Unclaimed
    );
}

#[test]
fn share_takes_one_graph_profile_and_names_what_is_wrong() {
    let action = action_to_share(&json!({
        "id": "AdminMFAV2", "title": "Require MFA for administrative roles",
        "controlCategory": "Identity", "service": "AzureAD", "maxScore": 10
    }))
    .expect("a profile");
    assert_eq!(action.id, "AdminMFAV2");
    assert_eq!(action.category, Category::Identity);
    assert_eq!(
        action_to_share(&json!("AdminMFAV2")),
        Err(ShareInputError::NotAProfile("got a string".into()))
    );
    assert_eq!(
        action_to_share(&json!({"id": "x", "controlCategory": "Data"})),
        Err(ShareInputError::Missing("title"))
    );
    let wrong = action_to_share(&json!({"id": "x", "title": "t", "controlCategory": "Mail"}))
        .expect_err("refused");
    assert!(wrong.to_string().contains("\"Mail\""), "{wrong}");
    assert_eq!(
        action_to_share(
            &json!({"id": "x", "title": "t", "controlCategory": "Data", "deprecated": true})
        ),
        Err(ShareInputError::Deprecated)
    );
}

#[test]
fn routing_reads_none_hash_or_query_and_names_a_wrong_one() {
    let mut options = EmbedOptions::default();
    assert_eq!(options.routing(), Ok(Routing::None));
    options.apply(patch(json!({"routing": "Query"})));
    assert_eq!(options.routing(), Ok(Routing::Query));
    options.apply(patch(json!({"routing": "path"})));
    let refused = options.app_options().expect_err("no such routing");
    assert_eq!(refused, OptionsError::UnknownRouting("path".into()));
    assert!(refused
        .to_string()
        .contains("\"none\", \"hash\" or \"query\""));
    options.apply(patch(json!({"routing": null})));
    assert_eq!(options.routing(), Ok(Routing::None));
}

#[test]
fn token_storage_reads_session_or_memory_and_names_a_wrong_one() {
    use crate::storage::TokenStorage;
    let mut options = EmbedOptions::default();
    assert_eq!(options.token_storage(), Ok(TokenStorage::Session));
    options.apply(patch(json!({ "tokenStorage": "memory" })));
    assert_eq!(options.token_storage(), Ok(TokenStorage::Memory));
    assert!(options.app_options().is_ok());
    options.apply(patch(json!({ "tokenStorage": "local" })));
    let error = options.app_options().expect_err("refused");
    assert_eq!(error, OptionsError::UnknownTokenStorage("local".into()));
    assert!(error.to_string().contains("\"memory\""), "{error}");
    options.apply(patch(json!({ "tokenStorage": null })));
    assert_eq!(options.token_storage(), Ok(TokenStorage::Session));
}

#[test]
fn allowed_instances_read_as_text_or_a_list_and_a_malformed_entry_is_an_error() {
    let pinned = |value: serde_json::Value| {
        let mut options = EmbedOptions::default();
        options.apply(patch(json!({ "allowedInstances": value })));
        options.app_options().map(|o| o.trust.allowed_hosts())
    };
    assert_eq!(
        pinned(json!("acme, dev.service-now.com")),
        Ok("acme.service-now.com, dev.service-now.com".to_owned())
    );
    assert_eq!(
        pinned(json!(["acme", "https://dev.service-now.com"])),
        Ok("acme.service-now.com, dev.service-now.com".to_owned())
    );
    let error = pinned(json!("acme ftp://evil")).expect_err("refused");
    assert!(error.to_string().contains("\"ftp://evil\""), "{error}");
}

#[test]
fn code_set_addresses_are_trusted_and_a_relative_or_plain_one_is_an_error() {
    let mut options = EmbedOptions::default();
    options.apply(patch(json!({
        "tokenUrl": "https://proxy.example/sn/oauth_token.do",
        "microsoftAuthority": "https://login.contoso-cloud.example",
    })));
    let trust = options.app_options().expect("valid").trust;
    assert_eq!(
        trust.token_url.map(String::from).as_deref(),
        Some("https://proxy.example/sn/oauth_token.do")
    );
    assert!(trust.microsoft_authority.is_some());
    options.apply(patch(json!({ "tokenUrl": "/sn/oauth_token.do" })));
    let error = options.app_options().expect_err("refused");
    assert!(error.to_string().contains("tokenUrl"), "{error}");
}

/// The element's attributes as `embed.js` maps them: none may widen where tokens go.
#[test]
fn no_attribute_of_the_element_sets_a_token_or_sign_in_address() {
    let script = include_str!("../web/embed.js");
    let start = script
        .find("const ATTRIBUTES = {")
        .expect("the attribute table");
    let table: Vec<&str> = script[start..start + script[start..].find("};").expect("its end")]
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect();
    let options: Vec<&str> = table
        .iter()
        .filter_map(|line| line.split(':').nth(1))
        .map(|option| option.trim().trim_matches(|c| c == '\'' || c == ','))
        .collect();
    assert!(options.contains(&"allowedInstances"), "{options:?}");
    assert!(options.contains(&"instance"), "{options:?}");
    for code_only in ["tokenUrl", "microsoftAuthority", "microsoftGraph"] {
        assert!(!options.contains(&code_only), "{code_only} in {options:?}");
        assert!(
            table.iter().all(|line| !line.contains(code_only)),
            "{code_only} in the attribute table"
        );
    }
}
