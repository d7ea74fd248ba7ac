//! The embedding API: `mount(element, options)` renders snowcard into a shadow root on
//! `element` and returns a [`SnowcardHandle`] (`update`, `share`, `unmount`); `register()`
//! defines `<snowcard-app>`, whose class (in `embed.js`) calls back into `mount`.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::AppHandle;

use super::element_events::ElementEvents;
use crate::app::embed::{self, EmbedOptions, OptionsPatch, ShareRequest};
use crate::app::host_events::HostEventsHandle;
use crate::app::route::{Address, Routing};
use crate::app::Services;
use crate::components::app::{App, AppProps};
use crate::storage::TokenStorage;

#[wasm_bindgen(module = "/src/web/embed.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineElement, catch)]
    fn define_element(tag: &str, mount: &js_sys::Function) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_name = defaultStylesheet)]
    fn default_stylesheet() -> String;
}

/// The custom element's name.
pub const ELEMENT: &str = "snowcard-app";

/// How a component gets its services for a storage namespace.
pub type ServicesFactory = Rc<dyn Fn(&str) -> Services>;

thread_local! {
    static FACTORY: RefCell<Option<ServicesFactory>> = const { RefCell::new(None) };
    static REGISTERED: Cell<bool> = const { Cell::new(false) };
    /// The address parameters components on this page keep their view in.
    static PARAMETERS: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// The parameter a component keeps its view in: `sc` for the first component of the page
/// that keeps one, `sc2`, `sc3`… for the next, in the order they mount (the page's order, so
/// a reload gives each the same one). Given back at unmount.
fn claim_parameter() -> String {
    PARAMETERS.with(|taken| {
        let mut taken = taken.borrow_mut();
        let name = std::iter::once("sc".to_owned())
            .chain((2..).map(|n| format!("sc{n}")))
            .find(|name| !taken.contains(name))
            .unwrap_or_else(|| "sc".to_owned());
        taken.insert(name.clone());
        name
    })
}

fn release_parameter(name: &str) {
    PARAMETERS.with(|taken| taken.borrow_mut().remove(name));
}

/// Where a component keeps its view: the whole fragment on a page of its own, else what its
/// `routing` option says, in its own parameter.
fn address_for(standalone: bool, routing: Routing, parameter: &mut Option<String>) -> Address {
    if standalone {
        return Address::Fragment;
    }
    let mut claimed = || parameter.get_or_insert_with(claim_parameter).clone();
    match routing {
        Routing::None => Address::Memory,
        Routing::Hash => Address::HashParam(claimed()),
        Routing::Query => Address::QueryParam(claimed()),
    }
}

/// Components mounted after this call take their services from `factory` (`None`: the
/// browser's fetch, session storage and window). For tests, and hosts bringing their own.
#[doc(hidden)]
pub fn set_services_factory(factory: Option<ServicesFactory>) {
    FACTORY.with(|f| *f.borrow_mut() = factory);
}

/// The services of a component on `namespace`, its tokens kept as `tokens` says.
fn services_for(namespace: &str, tokens: TokenStorage) -> Services {
    let mut services = match FACTORY.with(|f| f.borrow().clone()) {
        Some(factory) => factory(namespace),
        None => super::entry::browser_services(namespace),
    };
    services.store = services.store.with_token_storage(tokens);
    services
}

/// A JavaScript `Error` whose message names snowcard.
pub(super) fn error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&format!("snowcard: {message}")).into()
}

/// Reads `options` (`undefined`, `null` or an object) as a patch.
pub(super) fn patch_from(options: JsValue) -> Result<OptionsPatch, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(OptionsPatch::default());
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| error(format!("bad options: {e}")))
}

/// Mounts snowcard into a shadow root on `element` (open mode, with snowcard's stylesheet).
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<SnowcardHandle, JsValue> {
    let shadow = match element.shadow_root() {
        Some(shadow) => shadow,
        None => element
            .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
            .map_err(|_| error("this element cannot hold a shadow root"))?,
    };
    if shadow.query_selector(".sc-host").ok().flatten().is_some() {
        return Err(error(
            "this element already holds a snowcard: unmount it first",
        ));
    }
    SnowcardHandle::mount(element, shadow.into(), true, patch_from(options)?)
}

/// Defines `<snowcard-app>` (once; `init()` already does).
#[wasm_bindgen]
pub fn register() -> Result<(), JsValue> {
    if REGISTERED.with(Cell::get) {
        return Ok(());
    }
    let mount =
        Closure::<dyn Fn(web_sys::Element, JsValue) -> Result<SnowcardHandle, JsValue>>::new(mount);
    define_element(ELEMENT, mount.as_ref().unchecked_ref())?;
    // The element class keeps calling it for as long as the page lives.
    mount.forget();
    REGISTERED.with(|r| r.set(true));
    Ok(())
}

#[wasm_bindgen(start)]
fn register_on_init() -> Result<(), JsValue> {
    register()
}

/// A mounted snowcard.
#[wasm_bindgen]
pub struct SnowcardHandle {
    inner: Rc<RefCell<Option<Mounted>>>,
}

struct Mounted {
    host: web_sys::Element,
    /// The shadow root (or, for `start`, the element itself).
    container: web_sys::Node,
    stylesheet: Option<web_sys::Element>,
    root: web_sys::Element,
    app: AppHandle<App>,
    options: EmbedOptions,
    namespace: String,
    services: Services,
    /// Cleared at unmount: no event reaches the host after that.
    alive: Rc<Cell<bool>>,
    events: HostEventsHandle,
    share: Option<ShareRequest>,
    /// Mounted by `start`, on a page of its own: the page's address is its own.
    standalone: bool,
    /// The address parameter claimed for this component, once it keeps its view in one.
    parameter: Option<String>,
}

impl SnowcardHandle {
    /// Renders into `container`, with a stylesheet link first when `styled`.
    pub(super) fn mount(
        host: web_sys::Element,
        container: web_sys::Node,
        styled: bool,
        patch: OptionsPatch,
    ) -> Result<Self, JsValue> {
        let mut options = EmbedOptions::default();
        options.apply(patch);
        let app_options = options.app_options().map_err(error)?;
        let document = host
            .owner_document()
            .ok_or_else(|| error("the element has no document"))?;
        let stylesheet = if styled {
            let link = document.create_element("link")?;
            link.set_attribute("rel", "stylesheet")?;
            link.set_attribute("href", &stylesheet_of(&options))?;
            container.append_child(&link)?;
            Some(link)
        } else {
            None
        };
        let root = document.create_element("div")?;
        root.set_class_name("sc-host");
        container.append_child(&root)?;
        let namespace = options.namespace();
        let tokens = options.token_storage().map_err(error)?;
        let services = services_for(&namespace, tokens);
        let (alive, events) = events_on(&host);
        let standalone = !styled;
        let mut parameter = None;
        let props = AppProps {
            services: services.clone(),
            options: app_options,
            address: address_for(
                standalone,
                options.routing().map_err(error)?,
                &mut parameter,
            ),
            events: Some(events.clone()),
            share: None,
        };
        let app = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
        let mounted = Mounted {
            standalone,
            parameter,
            host,
            container,
            stylesheet,
            root,
            app,
            options,
            namespace,
            services,
            alive,
            events,
            share: None,
        };
        Ok(Self {
            inner: Rc::new(RefCell::new(Some(mounted))),
        })
    }
}

fn stylesheet_of(options: &EmbedOptions) -> String {
    options
        .stylesheet
        .clone()
        .unwrap_or_else(default_stylesheet)
}

/// Events on `host`, and the switch that silences them.
fn events_on(host: &web_sys::Element) -> (Rc<Cell<bool>>, HostEventsHandle) {
    let alive = Rc::new(Cell::new(true));
    let events = ElementEvents {
        host: host.clone(),
        alive: alive.clone(),
    };
    (alive, HostEventsHandle(Rc::new(events)))
}

#[wasm_bindgen]
impl SnowcardHandle {
    /// Applies changed options (missing ones keep their value, `null` resets one). A new
    /// instance or client id is another connection, and new token storage another store:
    /// the component starts over on it. So it does when the allowed instances change: a
    /// session the new pin refuses stops being used, one it allows again is taken up.
    pub fn update(&self, options: JsValue) -> Result<(), JsValue> {
        let patch = patch_from(options)?;
        let mut inner = self.inner.borrow_mut();
        let mounted = inner.as_mut().ok_or_else(|| error("already unmounted"))?;
        let mut next = mounted.options.clone();
        next.apply(patch);
        let app_options = next.app_options().map_err(error)?;
        if let Some(link) = &mounted.stylesheet {
            link.set_attribute("href", &stylesheet_of(&next))?;
        }
        let tokens = next.token_storage().map_err(error)?;
        // A session in use, or stored, is held to the new pin from its first render on.
        let pinned = mounted.options.trust().ok().map(|t| t.allowed_instances);
        let repinned = pinned.as_ref() != Some(&app_options.trust.allowed_instances);
        mounted.options = next;
        let moved = mounted.services.store.token_storage() != tokens;
        if mounted.options.namespace() != mounted.namespace || moved || repinned {
            mounted.restart(app_options)
        } else {
            let props = mounted.props(app_options);
            mounted.app.update(props);
            Ok(())
        }
    }

    /// Opens the share form on `action`, a Microsoft Graph `secureScoreControlProfile`.
    pub fn share(&self, action: JsValue) -> Result<(), JsValue> {
        let profile: serde_json::Value = serde_wasm_bindgen::from_value(action)
            .map_err(|e| error(format!("the improvement action is not JSON data: {e}")))?;
        let action = embed::action_to_share(&profile).map_err(error)?;
        let mut inner = self.inner.borrow_mut();
        let mounted = inner.as_mut().ok_or_else(|| error("already unmounted"))?;
        let seq = mounted.share.as_ref().map_or(0, |s| s.seq + 1);
        mounted.share = Some(ShareRequest { seq, action });
        let app_options = mounted.options.app_options().map_err(error)?;
        let props = mounted.props(app_options);
        mounted.app.update(props);
        Ok(())
    }

    /// Stops everything (timers, listeners, events) and empties the host. Idempotent.
    pub fn unmount(&self) {
        if let Some(mounted) = self.inner.borrow_mut().take() {
            mounted.alive.set(false);
            mounted.app.destroy();
            if let Some(parameter) = &mounted.parameter {
                release_parameter(parameter);
            }
            let _ = mounted.container.remove_child(&mounted.root);
            if let Some(link) = mounted.stylesheet {
                let _ = mounted.container.remove_child(&link);
            }
        }
    }
}

impl Mounted {
    fn props(&mut self, options: crate::app::AppOptions) -> AppProps {
        let routing = self.options.routing().unwrap_or_default();
        AppProps {
            services: self.services.clone(),
            options,
            address: address_for(self.standalone, routing, &mut self.parameter),
            events: Some(self.events.clone()),
            share: self.share.clone(),
        }
    }

    /// Replaces the app with a fresh one on the new namespace, in a fresh root.
    fn restart(&mut self, options: crate::app::AppOptions) -> Result<(), JsValue> {
        self.alive.set(false);
        let root = self
            .host
            .owner_document()
            .ok_or_else(|| error("the element has no document"))?
            .create_element("div")?;
        root.set_class_name("sc-host");
        self.container.replace_child(&root, &self.root)?;
        self.root = root.clone();
        self.namespace = self.options.namespace();
        let tokens = self.options.token_storage().map_err(error)?;
        self.services = services_for(&self.namespace, tokens);
        (self.alive, self.events) = events_on(&self.host);
        self.share = None;
        let props = self.props(options);
        let app = yew::Renderer::<App>::with_root_and_props(root, props).render();
        std::mem::replace(&mut self.app, app).destroy();
        Ok(())
    }
}
