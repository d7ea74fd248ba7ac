//! Where the improvement action list comes from: the person's own export if they loaded one
//! in this tab, else the list shipped with snowcard, fetched from beside the page.

use std::rc::Rc;

use oauth2::http;

use super::catalog::{self, CatalogError, ImprovementAction};
use super::preferences::Preferences;
use super::Services;

/// Where the catalog stands.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogState {
    Loading,
    Loaded {
        actions: Rc<Vec<ImprovementAction>>,
        imported: bool,
    },
    /// The shipped list could not be fetched or read.
    Failed(CatalogFailure),
}

/// Why the shipped list is missing, kept as facts so it is told in the language in use.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogFailure {
    /// The list's address (relative to the page) is not an address.
    BadAddress(String),
    /// The request could not be made or was lost on the way.
    Unreachable(crate::servicenow::TransportError),
    /// The server answered with this HTTP status for this address.
    Status(u16, String),
    /// The answer is not an improvement action list.
    Unreadable(CatalogError),
}

/// Reads `text` as an export and keeps it for the tab; the state it leads to.
pub fn import(preferences: &Preferences, text: &str) -> Result<CatalogState, CatalogError> {
    let actions = catalog::parse(text)?;
    preferences.choose_catalog(Some(text));
    Ok(CatalogState::Loaded {
        actions: Rc::new(actions),
        imported: true,
    })
}

/// The catalog: the kept export (when it still reads), else the list at `url` (relative to
/// the page).
pub async fn load(services: &Services, url: &str) -> CatalogState {
    let preferences = Preferences::new(services.store.clone());
    if let Some(text) = preferences.imported_catalog() {
        match catalog::parse(&text) {
            Ok(actions) => {
                return CatalogState::Loaded {
                    actions: Rc::new(actions),
                    imported: true,
                }
            }
            // An export this version no longer reads is dropped for the shipped list.
            Err(_) => preferences.choose_catalog(None),
        }
    }
    let Ok(address) = services.browser.current_url().join(url) else {
        return CatalogState::Failed(CatalogFailure::BadAddress(url.to_owned()));
    };
    let request = match http::Request::get(address.as_str()).body(Vec::new()) {
        Ok(request) => request,
        Err(_) => return CatalogState::Failed(CatalogFailure::BadAddress(url.to_owned())),
    };
    match services.transport.send(request).await {
        Ok(response) if response.status().is_success() => {
            match catalog::parse(&String::from_utf8_lossy(response.body())) {
                Ok(actions) => CatalogState::Loaded {
                    actions: Rc::new(actions),
                    imported: false,
                },
                Err(e) => CatalogState::Failed(CatalogFailure::Unreadable(e)),
            }
        }
        Ok(response) => CatalogState::Failed(CatalogFailure::Status(
            response.status().as_u16(),
            address.to_string(),
        )),
        Err(e) => CatalogState::Failed(CatalogFailure::Unreachable(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::services::FakeBrowser;
    use crate::servicenow::fake::{json, FakeTransport};
    use crate::servicenow::TransportError;
    use crate::storage::{MemoryStorage, StorageBackend, Store};
    use futures::executor::block_on;

    const LIST: &str = r#"{"value": [{"id": "AdminMFAV2", "title": "Require MFA", "controlCategory": "Identity"}]}"#;

    fn services_with(transport: FakeTransport) -> (Services, MemoryStorage) {
        let memory = MemoryStorage::default();
        let backend: Rc<dyn StorageBackend> = Rc::new(memory.clone());
        let services = Services {
            tabs: Default::default(),
            transport: Rc::new(transport),
            store: Store::new(backend, "snowcard"),
            browser: Rc::new(FakeBrowser::at(
                "https://sec.example/app/index.html#/actions",
            )),
            clock: Rc::new(chrono::Utc::now),
        };
        (services, memory)
    }

    fn ids(state: &CatalogState) -> Vec<String> {
        match state {
            CatalogState::Loaded { actions, .. } => actions.iter().map(|a| a.id.clone()).collect(),
            other => panic!("not loaded: {other:?}"),
        }
    }

    #[test]
    fn the_shipped_list_is_fetched_from_beside_the_page() {
        let transport = FakeTransport::new(|_| json(200, LIST));
        let (services, _) = services_with(transport.clone());
        let state = block_on(load(&services, "www/catalog/list.json"));
        assert_eq!(ids(&state), ["AdminMFAV2"]);
        assert!(matches!(
            state,
            CatalogState::Loaded {
                imported: false,
                ..
            }
        ));
        let urls: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
        assert_eq!(urls, ["https://sec.example/app/www/catalog/list.json"]);
    }

    #[test]
    fn an_imported_export_wins_without_a_request_and_a_stale_one_is_dropped() {
        let transport = FakeTransport::new(|_| json(200, LIST));
        let (services, memory) = services_with(transport.clone());
        let preferences = Preferences::new(services.store.clone());
        let own = r#"{"value": [{"id": "Mine", "title": "Mine", "controlCategory": "Data"}]}"#;
        assert!(matches!(
            import(&preferences, own),
            Ok(CatalogState::Loaded { imported: true, .. })
        ));
        let state = block_on(load(&services, "list.json"));
        assert_eq!(ids(&state), ["Mine"]);
        assert!(transport.requests().is_empty());
        // A bad export is refused and the kept one stays.
        assert!(import(&preferences, "{").is_err());
        assert_eq!(preferences.imported_catalog().as_deref(), Some(own));
        // One this version cannot read any more falls back to the shipped list.
        preferences.choose_catalog(Some("{\"value\": 3}"));
        let state = block_on(load(&services, "list.json"));
        assert_eq!(ids(&state), ["AdminMFAV2"]);
        assert!(memory.get("snowcard:catalog").is_none());
    }

    #[test]
    fn failures_keep_their_facts() {
        let (services, _) = services_with(FakeTransport::new(|_| json(404, "{}")));
        assert_eq!(
            block_on(load(&services, "gone.json")),
            CatalogState::Failed(CatalogFailure::Status(
                404,
                "https://sec.example/app/gone.json".into()
            ))
        );
        let (services, _) = services_with(FakeTransport::new(|_| json(200, "<html>")));
        assert!(matches!(
            block_on(load(&services, "x.json")),
            CatalogState::Failed(CatalogFailure::Unreadable(_))
        ));
        let (services, _) = services_with(FakeTransport::new(|_| Err(TransportError::Offline)));
        assert!(matches!(
            block_on(load(&services, "x.json")),
            CatalogState::Failed(CatalogFailure::Unreachable(_))
        ));
        let (services, _) = services_with(FakeTransport::new(|_| json(200, LIST)));
        assert_eq!(
            block_on(load(&services, "http://[::1")),
            CatalogState::Failed(CatalogFailure::BadAddress("http://[::1".into()))
        );
    }
}
