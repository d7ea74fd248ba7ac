//! The one owner of session storage: namespaced keys, a versioned schema, and recovery from
//! values that no longer read.
//!
//! A missing key is `Ok(None)`; a value that does not parse (another version, a hand edit,
//! a truncated write) is [`StorageError::Corrupt`], which the caller reports and clears.
//!
//! Where a key lives is the store's business, not its callers': with
//! [`TokenStorage::Memory`] the [token keys](keys::TOKENS) live only in wasm memory while
//! everything else stays in session storage, and once session storage fails (blocked, or
//! full) every key of the store moves to memory and [`Store::fell_back`] says so.

mod backend;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[cfg(target_arch = "wasm32")]
pub use backend::SessionStorage;
pub use backend::{Blocked, MemoryStorage, StorageBackend, WriteRefused};

use crate::servicenow::{OAuthSettings, TokenSet, UserInfo};

/// The root of every snowcard namespace: `snowcard` alone for a standalone page, or
/// `snowcard:<instance host>:<client id>` for a component configured with both (see
/// [`crate::app::embed::storage_namespace`]).
pub const ROOT: &str = "snowcard";

/// The schema version written into every value; bump it when a stored shape changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Every key snowcard writes, relative to the store's namespace.
pub mod keys {
    /// The OAuth request in flight (PKCE verifier and state): kept only until the callback.
    pub const PENDING: &str = "pending";
    /// The host page's address (with its own query and hash) when the sign-in started: the
    /// instance comes back to the bare redirect URL, so this is where the callback returns to.
    pub const RETURN_TO: &str = "return-to";
    /// The connected session: settings, tokens, user.
    pub const SESSION: &str = "session";
    /// The page that was open when "Sign in again" (or "Re-authorize") left for the
    /// instance, to come back to.
    pub const RETURN_VIEW: &str = "return-view";
    /// The tokens of the session a new sign-in replaces, kept across the redirect so they can
    /// be revoked once the new session is saved.
    pub const PREVIOUS_TOKENS: &str = "previous-tokens";
    /// What the person typed on the setup page, so a failed attempt loses nothing.
    pub const SETUP_DRAFT: &str = "setup-draft";
    /// Share form drafts, one per improvement action, and which one is open.
    pub const SHARE_DRAFTS: &str = "share-drafts";
    /// The assignment group last chosen on the share form, offered on the next draft.
    pub const ASSIGNMENT_GROUP: &str = "assignment-group";
    /// An improvement action catalog the person loaded (their own export).
    pub const CATALOG: &str = "catalog";
    /// The person's own names for ticket states.
    pub const STATE_NAMES: &str = "state-names";
    /// Whether the cards show every ticket rather than only snowcard's.
    pub const SHOW_EVERY_TICKET: &str = "show-every-ticket";
    /// The language the person chose from the menu: a preference, kept when the connection
    /// is removed.
    pub const LANGUAGE: &str = "language";
    /// The Microsoft 365 sign-in in flight (settings, PKCE verifier, state, nonce).
    pub const MS_PENDING: &str = "ms-pending";
    /// The page's address when the Microsoft 365 sign-in started, to come back to.
    pub const MS_RETURN_TO: &str = "ms-return-to";
    /// The Microsoft 365 session: settings, tokens, the signed-in account.
    pub const MS_SESSION: &str = "ms-session";
    /// What the person typed in "Connect to Microsoft 365".
    pub const MS_DRAFT: &str = "ms-draft";

    /// The keys that hold tokens: in memory only with [`super::TokenStorage::Memory`]. The
    /// sign-ins in flight (`pending`, `ms-pending`) are not among them: the redirect back
    /// needs their verifier, and it is worth nothing once the code is exchanged.
    pub const TOKENS: [&str; 3] = [SESSION, MS_SESSION, PREVIOUS_TOKENS];
}

/// Where a store keeps the [token keys](keys::TOKENS).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TokenStorage {
    /// In session storage with everything else: a reload keeps the session.
    #[default]
    Session,
    /// Only in this page's wasm memory: no script of the page can read them from storage,
    /// and a reload (or leaving for a sign-in page) signs in again.
    Memory,
}

impl TokenStorage {
    /// `session` or `memory` (any case, spaces around ignored).
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "session" => Some(Self::Session),
            "memory" => Some(Self::Memory),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    #[error("the stored value for {key} could not be read")]
    Corrupt { key: String },
    #[error("the browser refused to store {key} (storage full or disabled)")]
    Unavailable { key: String },
}

/// The connected session as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredSession {
    pub settings: OAuthSettings,
    pub tokens: TokenSet,
    pub user: Option<UserInfo>,
}

/// The setup page's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupDraft {
    pub instance: String,
    pub client_id: String,
    #[serde(default)]
    pub token_url: String,
}

#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    v: u32,
    data: T,
}

/// Who is told when a store falls back to memory, by the id their guard removes them with.
type Listeners = RefCell<Vec<(u64, Rc<dyn Fn()>)>>;

/// What every clone of one store shares: whether session storage failed, and who to tell.
#[derive(Default)]
struct Shared {
    fell_back: Cell<bool>,
    listeners: Listeners,
    next_listener: Cell<u64>,
}

/// Where one key is read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Backend,
    Memory,
}

/// Typed access to snowcard's keys under one namespace.
#[derive(Clone)]
pub struct Store<B> {
    backend: B,
    namespace: String,
    /// Where token keys live in memory mode, and every key once the backend failed.
    memory: MemoryStorage,
    tokens: TokenStorage,
    shared: Rc<Shared>,
}

/// Stops telling a listener of [`Store::on_fall_back`] when dropped.
pub struct FallBackListener {
    shared: std::rc::Weak<Shared>,
    id: u64,
}

impl Drop for FallBackListener {
    fn drop(&mut self) {
        if let Some(shared) = self.shared.upgrade() {
            shared
                .listeners
                .borrow_mut()
                .retain(|(id, _)| *id != self.id);
        }
    }
}

impl<B: StorageBackend> Store<B> {
    /// A store with its tokens in `backend` too, and memory of its own.
    pub fn new(backend: B, namespace: impl Into<String>) -> Self {
        Self {
            backend,
            namespace: namespace.into(),
            memory: MemoryStorage::default(),
            tokens: TokenStorage::Session,
            shared: Rc::default(),
        }
    }

    /// The same store, with `memory` (shared, e.g. the page's) for what it keeps in memory.
    pub fn with_memory(mut self, memory: MemoryStorage) -> Self {
        self.memory = memory;
        self
    }

    /// The same store with its tokens kept as `tokens` says. Tokens of this namespace already
    /// kept the other way move over: switching to memory removes them from session storage
    /// (the session goes on until the page is left); switching back writes them there.
    pub fn with_token_storage(mut self, tokens: TokenStorage) -> Self {
        self.tokens = tokens;
        for key in keys::TOKENS {
            let full = self.full_key(key);
            match tokens {
                TokenStorage::Memory => match self.backend.try_get(&full) {
                    Ok(Some(raw)) => {
                        if self.memory.get(&full).is_none() {
                            let _ = self.memory.set(&full, &raw);
                        }
                        if self.backend.try_remove(&full).is_err() {
                            self.fall_back();
                        }
                    }
                    Ok(None) => {}
                    Err(Blocked) => self.fall_back(),
                },
                TokenStorage::Session if !self.fell_back() => {
                    if let Some(raw) = self.memory.get(&full) {
                        match self.backend.set(&full, &raw) {
                            Ok(()) => self.memory.remove(&full),
                            Err(WriteRefused) => self.fall_back(),
                        }
                    }
                }
                TokenStorage::Session => {}
            }
        }
        self
    }

    /// How this store keeps tokens, as configured.
    pub fn token_storage(&self) -> TokenStorage {
        self.tokens
    }

    /// Whether session storage failed (blocked, or refused a write), so that every key of
    /// this store now lives only in memory, until the page is left.
    pub fn fell_back(&self) -> bool {
        self.shared.fell_back.get()
    }

    /// Whether `key` survives the page being left (a reload, the redirect to a sign-in page):
    /// false for the token keys in memory mode, and for every key once storage failed.
    pub fn survives_navigation(&self, key: &str) -> bool {
        self.place(key) == Place::Backend
    }

    /// Whether the tokens of this store end with the page (memory mode, or storage failed).
    pub fn tokens_end_with_the_page(&self) -> bool {
        !self.survives_navigation(keys::SESSION)
    }

    /// Calls `listener` when this store (or a clone) falls back to memory; it is told until
    /// the returned guard is dropped.
    pub fn on_fall_back(&self, listener: impl Fn() + 'static) -> FallBackListener {
        let id = self.shared.next_listener.get();
        self.shared.next_listener.set(id.wrapping_add(1));
        self.shared
            .listeners
            .borrow_mut()
            .push((id, Rc::new(listener)));
        FallBackListener {
            shared: Rc::downgrade(&self.shared),
            id,
        }
    }

    /// From now on every key lives in memory: what this namespace has in session storage
    /// and still reads is copied first, so nothing already kept is lost.
    fn fall_back(&self) {
        if self.shared.fell_back.replace(true) {
            return;
        }
        if let Ok(keys) = self.backend.try_keys() {
            for key in keys.into_iter().filter(|k| self.is_own(k)) {
                if self.memory.get(&key).is_none() {
                    if let Ok(Some(raw)) = self.backend.try_get(&key) {
                        let _ = self.memory.set(&key, &raw);
                    }
                }
            }
        }
        // Listeners may read the store: none is called with the list borrowed.
        let listeners: Vec<Rc<dyn Fn()>> = self
            .shared
            .listeners
            .borrow()
            .iter()
            .map(|(_, l)| l.clone())
            .collect();
        for listener in listeners {
            listener();
        }
    }

    fn place(&self, key: &str) -> Place {
        let token = self.tokens == TokenStorage::Memory && keys::TOKENS.contains(&key);
        if token || self.fell_back() {
            Place::Memory
        } else {
            Place::Backend
        }
    }

    /// The namespace every key of this store lives under.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    fn full_key(&self, key: &str) -> String {
        format!("{}:{key}", self.namespace)
    }

    /// Whether a full key is this namespace's (a key of a longer namespace under this one,
    /// such as another component's, has a `:` after the prefix).
    fn is_own(&self, full: &str) -> bool {
        full.strip_prefix(&self.full_key(""))
            .is_some_and(|rest| !rest.contains(':'))
    }

    fn raw(&self, key: &str) -> Option<String> {
        let full = self.full_key(key);
        if self.place(key) == Place::Backend {
            match self.backend.try_get(&full) {
                Ok(raw) => return raw,
                Err(Blocked) => self.fall_back(),
            }
        }
        self.memory.get(&full)
    }

    /// Reads `key`: `Ok(None)` when absent, `Corrupt` when present but unreadable.
    pub fn load<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        let Some(raw) = self.raw(key) else {
            return Ok(None);
        };
        match serde_json::from_str::<Envelope<T>>(&raw) {
            Ok(envelope) if envelope.v == SCHEMA_VERSION => Ok(Some(envelope.data)),
            _ => Err(StorageError::Corrupt {
                key: key.to_owned(),
            }),
        }
    }

    /// Reads `key`, removing it when corrupt so the next read starts clean.
    pub fn load_or_clear<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        let result = self.load(key);
        if result.is_err() {
            self.remove(key);
        }
        result
    }

    /// Writes `key`. A write session storage refuses falls back to memory (and succeeds
    /// there): only a value that cannot be serialized is an error.
    pub fn save<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        let raw = serde_json::to_string(&Envelope {
            v: SCHEMA_VERSION,
            data: value,
        })
        .map_err(|_| StorageError::Unavailable {
            key: key.to_owned(),
        })?;
        let full = self.full_key(key);
        if self.place(key) == Place::Backend {
            match self.backend.set(&full, &raw) {
                Ok(()) => return Ok(()),
                Err(WriteRefused) => self.fall_back(),
            }
        }
        let _ = self.memory.set(&full, &raw);
        Ok(())
    }

    pub fn remove(&self, key: &str) {
        let full = self.full_key(key);
        if self.place(key) == Place::Backend && self.backend.try_remove(&full).is_err() {
            self.fall_back();
        }
        self.memory.remove(&full);
    }

    /// Removes every key of this namespace, wherever it lives (and nothing of anyone else's).
    pub fn clear_all(&self) {
        match self.backend.try_keys() {
            Ok(keys) => {
                for key in keys.into_iter().filter(|k| self.is_own(k)) {
                    if self.backend.try_remove(&key).is_err() {
                        self.fall_back();
                    }
                }
            }
            Err(Blocked) => self.fall_back(),
        }
        for key in self.memory.keys().into_iter().filter(|k| self.is_own(k)) {
            self.memory.remove(&key);
        }
    }

    /// The readable values of `key` in every other snowcard namespace of this storage and of
    /// this store's memory (the other components on the page); unreadable ones are skipped,
    /// they are not ours to judge.
    pub fn values_elsewhere<T: DeserializeOwned>(&self, key: &str) -> Vec<T> {
        let own = self.full_key(key);
        let suffix = format!(":{key}");
        let wanted = |k: &String| {
            *k != own
                && k.ends_with(&suffix)
                && k.strip_prefix(ROOT)
                    .is_some_and(|rest| rest.starts_with(':'))
        };
        let mut raws: std::collections::BTreeMap<String, String> = self
            .memory
            .keys()
            .into_iter()
            .filter(&wanted)
            .filter_map(|k| self.memory.get(&k).map(|raw| (k, raw)))
            .collect();
        match self.backend.try_keys() {
            Ok(keys) => {
                for k in keys.into_iter().filter(&wanted) {
                    if let Ok(Some(raw)) = self.backend.try_get(&k) {
                        raws.entry(k).or_insert(raw);
                    }
                }
            }
            Err(Blocked) => self.fall_back(),
        }
        raws.into_values()
            .filter_map(|raw| serde_json::from_str::<Envelope<T>>(&raw).ok())
            .filter(|envelope| envelope.v == SCHEMA_VERSION)
            .map(|envelope| envelope.data)
            .collect()
    }
}

#[cfg(test)]
mod tests;

/// Session storage as a browser that refuses it has it, for the flows' tests.
#[cfg(test)]
pub mod doubles {
    use super::{Blocked, StorageBackend, WriteRefused};

    /// Blocked altogether: the `sessionStorage` getter throws, so every call fails.
    pub struct BlockedStorage;

    impl StorageBackend for BlockedStorage {
        fn get(&self, _: &str) -> Option<String> {
            None
        }
        fn set(&self, _: &str, _: &str) -> Result<(), WriteRefused> {
            Err(WriteRefused)
        }
        fn remove(&self, _: &str) {}
        fn keys(&self) -> Vec<String> {
            Vec::new()
        }
        fn try_get(&self, _: &str) -> Result<Option<String>, Blocked> {
            Err(Blocked)
        }
    }

    /// Readable but full: every write is refused.
    pub struct FullStorage;

    impl StorageBackend for FullStorage {
        fn get(&self, _: &str) -> Option<String> {
            None
        }
        fn set(&self, _: &str, _: &str) -> Result<(), WriteRefused> {
            Err(WriteRefused)
        }
        fn remove(&self, _: &str) {}
        fn keys(&self) -> Vec<String> {
            Vec::new()
        }
    }
}
