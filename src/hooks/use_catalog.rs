//! The improvement action catalog as a component sees it: loaded once per page, replaced
//! by an import (see [`crate::app::catalog_source`] for where it comes from).

use yew::platform::spawn_local;
use yew::prelude::*;

use super::use_environment;
use crate::app::catalog::CatalogError;
use crate::app::catalog_source::{self, CatalogState};
use crate::app::preferences::Preferences;

/// The catalog and a way to replace it with an export.
#[derive(Clone, PartialEq)]
pub struct CatalogHandle {
    pub state: CatalogState,
    set: UseStateSetter<CatalogState>,
    preferences: Preferences,
}

impl CatalogHandle {
    /// Reads `text` as an export; on success it replaces the list (and is kept in this tab),
    /// on failure the current list stays and the error says what is wrong.
    pub fn import(&self, text: &str) -> Result<usize, CatalogError> {
        let state = catalog_source::import(&self.preferences, text)?;
        let count = match &state {
            CatalogState::Loaded { actions, .. } => actions.len(),
            _ => 0,
        };
        self.set.set(state);
        Ok(count)
    }

    /// Goes back to the list shipped with snowcard.
    pub fn reset(&self) {
        self.preferences.choose_catalog(None);
        self.set.set(CatalogState::Loading);
    }
}

#[hook]
pub fn use_catalog() -> CatalogHandle {
    let environment = use_environment();
    let state = use_state(|| CatalogState::Loading);
    {
        let (set, services, url) = (
            state.setter(),
            environment.services.clone(),
            environment.options.catalog_url.clone(),
        );
        let loading = *state == CatalogState::Loading;
        use_effect_with(loading, move |loading| {
            if *loading {
                spawn_local(async move { set.set(catalog_source::load(&services, &url).await) });
            }
        });
    }
    CatalogHandle {
        state: (*state).clone(),
        set: state.setter(),
        preferences: environment.preferences(),
    }
}
