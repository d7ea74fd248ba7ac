//! Removing the connection: forget everything snowcard stored in this tab, and revoke the
//! session's tokens at the instance, saying honestly whether that was confirmed.

use chrono::{DateTime, Utc};

use super::services::Services;
use crate::servicenow::revoke::{self, NotConfirmed};
use crate::servicenow::{InstanceUrl, TokenSet};

/// How the removal went; the connection is gone from the tab in every case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// The instance no longer accepts the tokens.
    Revoked,
    /// There were no tokens to revoke.
    NothingToRevoke,
    /// The tokens may still work until they expire on their own.
    NotConfirmed {
        reason: NotConfirmed,
        access_expires_at: DateTime<Utc>,
    },
}

/// Clears every snowcard key from storage, then revokes `session`'s tokens. Storage goes
/// first so that nothing of the connection is left if the tab closes while revoking.
pub async fn remove(services: &Services, session: Option<(InstanceUrl, TokenSet)>) -> Removal {
    // The language is the person's, not the connection's: it outlives the removal.
    let language = super::language::remembered(&services.store);
    services.store.clear_all();
    if let Some(locale) = language {
        super::language::remember(&services.store, locale);
    }
    let Some((instance, tokens)) = session else {
        return Removal::NothingToRevoke;
    };
    let now = (services.clock)();
    match revoke::revoke_tokens(&*services.transport, &instance, &tokens, now).await {
        Ok(()) => Removal::Revoked,
        Err(reason) => Removal::NotConfirmed {
            reason,
            access_expires_at: tokens.expires_at,
        },
    }
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use chrono::{Duration, TimeZone};
    use futures::executor::block_on;
    use oauth2::{AccessToken, RefreshToken};

    use super::*;
    use crate::app::services::FakeBrowser;
    use crate::servicenow::fake::{json, FakeTransport};
    use crate::servicenow::TransportError;
    use crate::storage::{keys, MemoryStorage, StorageBackend, Store};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .expect("valid time")
    }

    fn services(transport: FakeTransport, memory: &MemoryStorage) -> Services {
        let backend: Rc<dyn StorageBackend> = Rc::new(memory.clone());
        Services {
            tabs: Default::default(),
            transport: Rc::new(transport),
            store: Store::new(backend, "snowcard"),
            browser: Rc::new(FakeBrowser::at("https://portal.example/")),
            clock: Rc::new(now),
        }
    }

    fn session() -> Option<(InstanceUrl, TokenSet)> {
        let tokens = TokenSet {
            access_token: AccessToken::new("AT".into()),
            refresh_token: Some(RefreshToken::new("RT".into())),
            expires_at: now() + Duration::seconds(900),
            lifetime_secs: 1799,
        };
        Some((InstanceUrl::parse("acme").expect("valid"), tokens))
    }

    /// Storage with snowcard's keys and one key of another app on the same page.
    fn filled() -> MemoryStorage {
        let memory = MemoryStorage::default();
        let store = Store::new(memory.clone(), "snowcard");
        store.save(keys::STATE_NAMES, &"names").expect("saved");
        store.save(keys::SHARE_DRAFTS, &"drafts").expect("saved");
        memory.set("portal:theme", "dark").expect("saved");
        memory
    }

    #[test]
    fn a_confirmed_revocation_clears_only_snowcards_keys() {
        let memory = filled();
        let transport = FakeTransport::new(|req| {
            if req.uri().path() == "/oauth_revoke_token.do" {
                return Err(TransportError::Blocked {
                    url: req.uri().to_string(),
                });
            }
            json(401, r#"{"error":{"message":"User Not Authenticated"}}"#)
        });
        let removal = block_on(remove(&services(transport, &memory), session()));
        assert_eq!(removal, Removal::Revoked);
        assert_eq!(memory.keys(), ["portal:theme"]);
    }

    #[test]
    fn offline_still_forgets_everything_and_says_when_the_token_expires() {
        let memory = filled();
        let transport = FakeTransport::new(|_| Err(TransportError::Offline));
        let removal = block_on(remove(&services(transport, &memory), session()));
        assert_eq!(
            removal,
            Removal::NotConfirmed {
                reason: NotConfirmed::NoAnswer(TransportError::Offline),
                access_expires_at: now() + Duration::seconds(900),
            }
        );
        assert_eq!(memory.keys(), ["portal:theme"]);
    }

    #[test]
    fn without_tokens_nothing_is_sent() {
        let memory = filled();
        let transport = FakeTransport::new(|_| json(200, "{}"));
        let removal = block_on(remove(&services(transport.clone(), &memory), None));
        assert_eq!(removal, Removal::NothingToRevoke);
        assert!(transport.requests().is_empty());
        assert_eq!(memory.keys(), ["portal:theme"]);
    }
}
