//! The improvement action catalog: the person's own export if they loaded one in this tab,
//! else the list shipped with snowcard, fetched once.

use std::rc::Rc;

use oauth2::http;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::use_connection;
use crate::app::catalog::{self, CatalogError, ImprovementAction};
use crate::storage::keys;

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

/// The catalog and a way to replace it with an export.
#[derive(Clone, PartialEq)]
pub struct CatalogHandle {
    pub state: CatalogState,
    set: UseStateSetter<CatalogState>,
    store: crate::app::Services,
}

impl CatalogHandle {
    /// Reads `text` as an export; on success it replaces the list (and is kept in this tab),
    /// on failure the current list stays and the error says what is wrong.
    pub fn import(&self, text: &str) -> Result<usize, CatalogError> {
        let actions = catalog::parse(text)?;
        let _ = self.store.store.save(keys::CATALOG, &text.to_owned());
        let count = actions.len();
        self.set.set(CatalogState::Loaded {
            actions: Rc::new(actions),
            imported: true,
        });
        Ok(count)
    }

    /// Goes back to the list shipped with snowcard.
    pub fn reset(&self) {
        self.store.store.remove(keys::CATALOG);
        self.set.set(CatalogState::Loading);
    }
}

#[hook]
pub fn use_catalog() -> CatalogHandle {
    let connection = use_connection();
    let state = use_state(|| CatalogState::Loading);
    {
        let (set, services, url) = (
            state.setter(),
            connection.services.clone(),
            connection.options.catalog_url.clone(),
        );
        let loading = *state == CatalogState::Loading;
        use_effect_with(loading, move |loading| {
            if *loading {
                spawn_local(async move { set.set(load(&services, &url).await) });
            }
        });
    }
    CatalogHandle {
        state: (*state).clone(),
        set: state.setter(),
        store: connection.services.clone(),
    }
}

async fn load(services: &crate::app::Services, url: &str) -> CatalogState {
    if let Ok(Some(text)) = services.store.load_or_clear::<String>(keys::CATALOG) {
        if let Ok(actions) = catalog::parse(&text) {
            return CatalogState::Loaded {
                actions: Rc::new(actions),
                imported: true,
            };
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
