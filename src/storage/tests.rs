//! Native tests of the storage schema: round trips, missing keys, corrupt values, namespaces.

use super::*;

fn store() -> (Store<MemoryStorage>, MemoryStorage) {
    let backend = MemoryStorage::default();
    (Store::new(backend.clone(), "snowcard"), backend)
}

#[test]
fn a_missing_key_is_none_not_an_error() {
    let (store, _) = store();
    assert_eq!(store.load::<SetupDraft>(keys::SETUP_DRAFT), Ok(None));
}

#[test]
fn values_round_trip_under_the_namespace_with_a_version() {
    let (store, backend) = store();
    let draft = SetupDraft {
        instance: "acme".into(),
        client_id: "cid".into(),
        token_url: String::new(),
    };
    store.save(keys::SETUP_DRAFT, &draft).expect("saved");
    assert_eq!(store.load(keys::SETUP_DRAFT), Ok(Some(draft)));
    let raw = backend.get("snowcard:setup-draft").expect("raw value");
    assert!(raw.starts_with(r#"{"v":1,"#), "{raw}");
}

#[test]
fn corrupt_values_are_errors_and_can_be_cleared() {
    let (store, backend) = store();
    for raw in [
        "{not json",
        r#"{"v":99,"data":{}}"#,
        r#"{"v":1,"data":{"instance":5}}"#,
        "",
    ] {
        backend.set("snowcard:setup-draft", raw).expect("set");
        assert_eq!(
            store.load::<SetupDraft>(keys::SETUP_DRAFT),
            Err(StorageError::Corrupt {
                key: "setup-draft".into()
            }),
            "{raw:?}"
        );
    }
    assert!(store
        .load_or_clear::<SetupDraft>(keys::SETUP_DRAFT)
        .is_err());
    assert_eq!(
        store.load::<SetupDraft>(keys::SETUP_DRAFT),
        Ok(None),
        "cleared after the failed read"
    );
}

#[test]
fn a_stored_session_with_a_bad_instance_is_corrupt() {
    let (store, backend) = store();
    let raw = r#"{"v":1,"data":{"settings":{"instance":"http://evil.example","client_id":"c","redirect_uri":"https://p/"},"tokens":{},"user":null}}"#;
    backend.set("snowcard:session", raw).expect("set");
    assert!(matches!(
        store.load::<StoredSession>(keys::SESSION),
        Err(StorageError::Corrupt { .. })
    ));
}

#[test]
fn clear_all_removes_only_this_namespace() {
    let (store, backend) = store();
    store
        .save(keys::SETUP_DRAFT, &SetupDraft::default())
        .expect("saved");
    store.save(keys::PENDING, &"x").expect("saved");
    backend.set("other-app:token", "keep me").expect("set");
    store.clear_all();
    assert_eq!(backend.keys(), ["other-app:token"]);
}
