//! Native tests of the storage schema: round trips, missing keys, corrupt values, namespaces.

use std::rc::Rc;

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

/// Session storage as a browser that blocks or fills it has it: reads and writes fail
/// from the moment `blocked` or `full` is set.
#[derive(Clone, Default)]
struct Flaky {
    inner: MemoryStorage,
    blocked: Rc<std::cell::Cell<bool>>,
    full: Rc<std::cell::Cell<bool>>,
}

impl StorageBackend for Flaky {
    fn get(&self, key: &str) -> Option<String> {
        self.try_get(key).ok().flatten()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteRefused> {
        if self.blocked.get() || self.full.get() {
            return Err(WriteRefused);
        }
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) {
        let _ = self.try_remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.try_keys().unwrap_or_default()
    }
    fn try_get(&self, key: &str) -> Result<Option<String>, Blocked> {
        if self.blocked.get() {
            return Err(Blocked);
        }
        Ok(self.inner.get(key))
    }
    fn try_remove(&self, key: &str) -> Result<(), Blocked> {
        if self.blocked.get() {
            return Err(Blocked);
        }
        self.inner.remove(key);
        Ok(())
    }
    fn try_keys(&self) -> Result<Vec<String>, Blocked> {
        if self.blocked.get() {
            return Err(Blocked);
        }
        Ok(self.inner.keys())
    }
}

#[test]
fn in_memory_mode_tokens_never_reach_session_storage_and_everything_else_does() {
    let backend = MemoryStorage::default();
    let memory = MemoryStorage::default();
    let store = Store::new(backend.clone(), "snowcard:acme:cid")
        .with_memory(memory.clone())
        .with_token_storage(TokenStorage::Memory);
    for key in keys::TOKENS {
        store.save(key, &format!("{key} value")).expect("saved");
        assert_eq!(store.load(key), Ok(Some(format!("{key} value"))));
        assert!(!store.survives_navigation(key), "{key}");
    }
    for key in [
        keys::PENDING,
        keys::MS_PENDING,
        keys::SHARE_DRAFTS,
        keys::SETUP_DRAFT,
    ] {
        store.save(key, &"kept").expect("saved");
        assert!(store.survives_navigation(key), "{key}");
    }
    assert_eq!(
        backend.keys(),
        [
            "snowcard:acme:cid:ms-pending",
            "snowcard:acme:cid:pending",
            "snowcard:acme:cid:setup-draft",
            "snowcard:acme:cid:share-drafts",
        ],
        "no token key in session storage"
    );
    assert_eq!(
        memory.keys(),
        [
            "snowcard:acme:cid:ms-session",
            "snowcard:acme:cid:previous-tokens",
            "snowcard:acme:cid:session",
        ]
    );
    assert!(store.tokens_end_with_the_page());
    assert!(!store.fell_back(), "memory mode is a choice, not a failure");

    // A reload: the page's memory is new, session storage is not.
    let reloaded =
        Store::new(backend.clone(), "snowcard:acme:cid").with_token_storage(TokenStorage::Memory);
    assert_eq!(reloaded.load::<String>(keys::SESSION), Ok(None));
    assert_eq!(
        reloaded.load(keys::SHARE_DRAFTS),
        Ok(Some("kept".to_owned()))
    );

    store.clear_all();
    assert!(memory.keys().is_empty());
    assert!(backend.keys().is_empty());
}

#[test]
fn switching_a_namespace_to_memory_takes_its_tokens_out_of_session_storage() {
    let backend = MemoryStorage::default();
    let before = Store::new(backend.clone(), "snowcard");
    let other = Store::new(backend.clone(), "snowcard:globex:cid");
    before.save(keys::SESSION, &"tokens").expect("saved");
    before.save(keys::MS_SESSION, &"ms tokens").expect("saved");
    before.save(keys::SHARE_DRAFTS, &"drafts").expect("saved");
    other.save(keys::SESSION, &"globex tokens").expect("saved");

    let memory = MemoryStorage::default();
    let after = Store::new(backend.clone(), "snowcard")
        .with_memory(memory.clone())
        .with_token_storage(TokenStorage::Memory);
    assert_eq!(
        backend.keys(),
        ["snowcard:globex:cid:session", "snowcard:share-drafts"],
        "this namespace's tokens are gone from storage; another's and the drafts stay"
    );
    assert_eq!(
        after.load(keys::SESSION),
        Ok(Some("tokens".to_owned())),
        "the session goes on in memory until the page is left"
    );

    // Back to session storage: the tokens are written there again.
    let back = Store::new(backend.clone(), "snowcard")
        .with_memory(memory.clone())
        .with_token_storage(TokenStorage::Session);
    assert_eq!(
        back.load(keys::MS_SESSION),
        Ok(Some("ms tokens".to_owned()))
    );
    assert!(backend.get("snowcard:session").is_some());
    assert!(memory.keys().is_empty());
}

#[test]
fn a_blocked_storage_is_found_on_first_use_and_everything_then_lives_in_memory() {
    let flaky = Flaky::default();
    flaky.blocked.set(true);
    let store = Store::new(flaky.clone(), "snowcard");
    let told = Rc::new(std::cell::Cell::new(0));
    let _listener = {
        let told = told.clone();
        store.on_fall_back(move || told.set(told.get() + 1))
    };
    assert!(!store.fell_back(), "nothing is probed before the first use");
    assert_eq!(store.load::<String>(keys::SESSION), Ok(None));
    assert!(store.fell_back());
    assert_eq!(told.get(), 1);
    store
        .save(keys::SHARE_DRAFTS, &"typed")
        .expect("kept in memory");
    store
        .save(keys::SESSION, &"tokens")
        .expect("kept in memory");
    assert_eq!(store.load(keys::SHARE_DRAFTS), Ok(Some("typed".to_owned())));
    assert_eq!(store.load(keys::SESSION), Ok(Some("tokens".to_owned())));
    assert!(!store.survives_navigation(keys::PENDING));
    assert!(store.tokens_end_with_the_page());
    let clone = store.clone();
    assert!(clone.fell_back(), "clones share what was found");
    clone.remove(keys::SHARE_DRAFTS);
    assert_eq!(store.load::<String>(keys::SHARE_DRAFTS), Ok(None));
    assert_eq!(told.get(), 1, "told once");
}

#[test]
fn a_refused_write_keeps_what_was_stored_and_what_was_being_written() {
    let flaky = Flaky::default();
    let store = Store::new(flaky.clone(), "snowcard");
    store
        .save(keys::SETUP_DRAFT, &SetupDraft::default())
        .expect("saved");
    store.save(keys::STATE_NAMES, &"names").expect("saved");
    flaky.full.set(true);
    store
        .save(keys::SHARE_DRAFTS, &"typed")
        .expect("kept in memory");
    assert!(store.fell_back());
    assert_eq!(store.load(keys::SHARE_DRAFTS), Ok(Some("typed".to_owned())));
    assert_eq!(store.load(keys::STATE_NAMES), Ok(Some("names".to_owned())));
    // Once in memory, a change is seen there, not under the stale copy in storage.
    store.remove(keys::STATE_NAMES);
    assert_eq!(store.load::<String>(keys::STATE_NAMES), Ok(None));
}

#[test]
fn a_listener_dropped_is_no_longer_told() {
    let flaky = Flaky::default();
    flaky.blocked.set(true);
    let store = Store::new(flaky, "snowcard");
    let told = Rc::new(std::cell::Cell::new(false));
    let listener = {
        let told = told.clone();
        store.on_fall_back(move || told.set(true))
    };
    drop(listener);
    store.remove(keys::SESSION);
    assert!(store.fell_back());
    assert!(!told.get());
}

#[test]
fn other_components_pending_sign_ins_are_found_in_memory_and_in_storage() {
    let backend = MemoryStorage::default();
    let memory = MemoryStorage::default();
    let mine = Store::new(backend.clone(), "snowcard:acme:a").with_memory(memory.clone());
    let stored = Store::new(backend.clone(), "snowcard:acme:b").with_memory(memory.clone());
    let blocked = Flaky::default();
    blocked.blocked.set(true);
    let fallen = Store::new(blocked, "snowcard:acme:c").with_memory(memory.clone());
    mine.save(keys::PENDING, &"a").expect("saved");
    stored.save(keys::PENDING, &"b").expect("saved");
    fallen.save(keys::PENDING, &"c").expect("in memory");
    let mut others = mine.values_elsewhere::<String>(keys::PENDING);
    others.sort();
    assert_eq!(others, ["b", "c"]);
}

#[test]
fn token_storage_names() {
    assert_eq!(TokenStorage::parse(" Memory "), Some(TokenStorage::Memory));
    assert_eq!(TokenStorage::parse("session"), Some(TokenStorage::Session));
    assert_eq!(TokenStorage::parse("local"), None);
}
