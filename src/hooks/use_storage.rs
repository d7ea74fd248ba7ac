//! Where this component's storage stands: whether its tokens end with the page, and whether
//! session storage failed, re-rendering when it does.

use yew::prelude::*;

use super::use_services;

/// What the component's store says about where things are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageState {
    /// Session storage failed (blocked or full): everything is kept in the page's memory.
    pub fell_back: bool,
    /// Tokens are kept only in the page's memory (memory mode, or storage failed).
    pub tokens_in_memory: bool,
}

/// The component's [`StorageState`], updated when session storage fails.
#[hook]
pub fn use_storage_state() -> StorageState {
    super::render_probe::note();
    let services = use_services();
    let update = use_force_update();
    {
        let store = services.store.clone();
        use_effect_with((), move |_| {
            let listener = store.on_fall_back(move || update.force_update());
            move || drop(listener)
        });
    }
    StorageState {
        fell_back: services.store.fell_back(),
        tokens_in_memory: services.store.tokens_end_with_the_page(),
    }
}
