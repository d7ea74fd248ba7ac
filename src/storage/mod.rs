//! The one owner of session storage: namespaced keys, a versioned schema, and recovery from
//! values that no longer read.
//!
//! A missing key is `Ok(None)`; a value that does not parse (another version, a hand edit,
//! a truncated write) is [`StorageError::Corrupt`], which the caller reports and clears.

mod backend;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[cfg(target_arch = "wasm32")]
pub use backend::SessionStorage;
pub use backend::{MemoryStorage, StorageBackend, WriteRefused};

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

/// Typed access to snowcard's keys under one namespace.
#[derive(Clone)]
pub struct Store<B> {
    backend: B,
    namespace: String,
}

impl<B: StorageBackend> Store<B> {
    pub fn new(backend: B, namespace: impl Into<String>) -> Self {
        Self {
            backend,
            namespace: namespace.into(),
        }
    }

    /// The namespace every key of this store lives under.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    fn full_key(&self, key: &str) -> String {
        format!("{}:{key}", self.namespace)
    }

    /// Reads `key`: `Ok(None)` when absent, `Corrupt` when present but unreadable.
    pub fn load<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        let Some(raw) = self.backend.get(&self.full_key(key)) else {
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

    pub fn save<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StorageError> {
        let unavailable = || StorageError::Unavailable {
            key: key.to_owned(),
        };
        let raw = serde_json::to_string(&Envelope {
            v: SCHEMA_VERSION,
            data: value,
        })
        .map_err(|_| unavailable())?;
        self.backend
            .set(&self.full_key(key), &raw)
            .map_err(|_| unavailable())
    }

    pub fn remove(&self, key: &str) {
        self.backend.remove(&self.full_key(key));
    }

    /// Removes every key of this namespace (and nothing of anyone else's: a key of a longer
    /// namespace under this one, such as another component's, has a `:` after the prefix).
    pub fn clear_all(&self) {
        let prefix = self.full_key("");
        for key in self.backend.keys().into_iter().filter(|k| {
            k.strip_prefix(&prefix)
                .is_some_and(|rest| !rest.contains(':'))
        }) {
            self.backend.remove(&key);
        }
    }

    /// The readable values of `key` in every other snowcard namespace of this storage (the
    /// other components on the page); unreadable ones are skipped, they are not ours to judge.
    pub fn values_elsewhere<T: DeserializeOwned>(&self, key: &str) -> Vec<T> {
        let own = self.full_key(key);
        let suffix = format!(":{key}");
        self.backend
            .keys()
            .into_iter()
            .filter(|k| *k != own && k.starts_with(ROOT) && k.ends_with(&suffix))
            .filter(|k| k[ROOT.len()..].starts_with(':'))
            .filter_map(|k| self.backend.get(&k))
            .filter_map(|raw| serde_json::from_str::<Envelope<T>>(&raw).ok())
            .filter(|envelope| envelope.v == SCHEMA_VERSION)
            .map(|envelope| envelope.data)
            .collect()
    }
}

#[cfg(test)]
mod tests;
