//! What JavaScript calls to show snowcard on a page of its own: `start(element, options)`
//! mounts it straight into `element` (no shadow root: the page links `www/snowcard.css`).
//! Embedding in another page is [`super::embed`].

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::app::Services;
use crate::storage::{MemoryStorage, SessionStorage, StorageBackend, Store};

use super::embed::{patch_from, SnowcardHandle};
use super::page::WindowPage;
use super::transport::FetchTransport;

thread_local! {
    /// What the page keeps in wasm memory rather than session storage (tokens in memory
    /// mode; everything when session storage fails), for every component on it: one
    /// unmounted and mounted again on the same namespace finds its session.
    static PAGE_MEMORY: MemoryStorage = MemoryStorage::default();
}

/// The browser's services, with storage under `namespace`.
pub fn browser_services(namespace: &str) -> Services {
    let backend: Rc<dyn StorageBackend> = Rc::new(SessionStorage);
    Services {
        transport: Rc::new(FetchTransport),
        store: Store::new(backend, namespace).with_memory(PAGE_MEMORY.with(Clone::clone)),
        browser: Rc::new(WindowPage),
        clock: Rc::new(chrono::Utc::now),
        tabs: super::tabs::browser_tab_sync(),
    }
}

/// Mounts snowcard into `element`. `options` may be `undefined` or an object with the same
/// fields as `mount`'s, e.g. `{ instance: "acme", clientId: "…" }`.
#[wasm_bindgen]
pub fn start(element: web_sys::Element, options: JsValue) -> Result<SnowcardHandle, JsValue> {
    let container: web_sys::Node = element.clone().into();
    SnowcardHandle::mount(element, container, false, patch_from(options)?)
}
