//! What JavaScript calls: `start(element, options)` mounts snowcard into `element`.

use std::rc::Rc;

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::app::{AppOptions, Services};
use crate::components::app::{App, AppProps};
use crate::storage::{SessionStorage, StorageBackend, Store};

use super::page::WindowPage;
use super::transport::FetchTransport;

/// Options a page passes to `start`, all optional.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct StartOptions {
    /// Prefills the setup page's "Instance" field.
    instance: Option<String>,
    /// Prefills the setup page's "Client ID" field.
    client_id: Option<String>,
    /// The redirect URI registered on the instance; defaults to this page without its query.
    redirect_uri: Option<String>,
    /// The portal's id of the signed-in person, sent as "Requested by".
    requested_by: Option<String>,
    /// Where the improvement action catalog is (default `www/catalog/secure-score-actions.json`).
    catalog_url: Option<String>,
}

/// Mounts snowcard into `element`. `options` may be `undefined` or an object such as
/// `{ instance: "acme", clientId: "…", redirectUri: "https://portal.example/snowcard/" }`.
#[wasm_bindgen]
pub fn start(element: web_sys::Element, options: JsValue) -> Result<(), JsValue> {
    let options: StartOptions = if options.is_undefined() || options.is_null() {
        StartOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| JsValue::from_str(&format!("snowcard: bad options: {e}")))?
    };
    let backend: Rc<dyn StorageBackend> = Rc::new(SessionStorage);
    let services = Services {
        transport: Rc::new(FetchTransport),
        store: Store::new(backend, "snowcard"),
        browser: Rc::new(WindowPage),
        clock: Rc::new(chrono::Utc::now),
    };
    let props = AppProps {
        services,
        options: AppOptions {
            instance: options.instance.unwrap_or_default(),
            client_id: options.client_id.unwrap_or_default(),
            redirect_uri: options.redirect_uri,
            requested_by: options.requested_by,
            catalog_url: options
                .catalog_url
                .unwrap_or_else(|| crate::app::services::DEFAULT_CATALOG_URL.to_owned()),
        },
    };
    yew::Renderer::<App>::with_root_and_props(element, props).render();
    Ok(())
}
