//! The real page: its address, the history API, and navigation.

use url::Url;

use crate::app::Browser;

/// The window the app is mounted in.
#[derive(Debug, Default, Clone, Copy)]
pub struct WindowPage;

impl Browser for WindowPage {
    fn current_url(&self) -> Url {
        let href = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        Url::parse(&href).unwrap_or_else(|_| Url::parse("about:blank").expect("literal URL"))
    }

    fn replace_url(&self, url: &Url) {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            // Keep the host page's own history state; only the address changes.
            let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
            let _ = history.replace_state_with_url(&state, "", Some(url.as_str()));
        }
    }

    fn push_url(&self, url: &Url) {
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            // As a link would: a new entry with no state of its own.
            let _ =
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url.as_str()));
        }
    }

    fn redirect(&self, url: &str) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(url);
        }
    }

    fn languages(&self) -> Vec<String> {
        web_sys::window()
            .map(|w| w.navigator().languages())
            .map(|list| list.iter().filter_map(|l| l.as_string()).collect())
            .unwrap_or_default()
    }
}
