//! Helpers for browser tests: mount snowcard into its own element with fake services, wait for
//! Yew to render (with a deadline, never a fixed sleep), and act as a person would: by label
//! and by button name.

#![allow(dead_code)]

use std::rc::Rc;

use chrono::{Duration, Utc};
use oauth2::{AccessToken, ClientId, RedirectUrl, RefreshToken};
use snowcard::app::route::Address;
use snowcard::app::services::FakeBrowser;
use snowcard::app::{AppOptions, Services};
use snowcard::components::app::{App, AppProps};
use snowcard::servicenow::fake::FakeTransport;
use snowcard::servicenow::{InstanceUrl, OAuthSettings, TokenSet, Transport, UserInfo};
use snowcard::storage::{keys, MemoryStorage, StorageBackend, Store, StoredSession};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// A mounted app and the fakes behind it.
pub struct Mounted {
    pub root: Element,
    pub browser: Rc<FakeBrowser>,
    pub storage: MemoryStorage,
    pub transport: FakeTransport,
}

/// Storage holding a session connected to `acme` as "Integration User" (client id `cid`,
/// tokens `AT` and `RT`), as after signing in on page `page`.
pub fn signed_in(page: &str) -> MemoryStorage {
    let memory = MemoryStorage::default();
    let session = StoredSession {
        settings: OAuthSettings {
            instance: InstanceUrl::parse("acme").expect("valid"),
            client_id: ClientId::new("cid".into()),
            redirect_uri: RedirectUrl::new(page.into()).expect("valid"),
            token_url: None,
        },
        tokens: TokenSet {
            access_token: AccessToken::new("AT".into()),
            refresh_token: Some(RefreshToken::new("RT".into())),
            expires_at: Utc::now() + Duration::seconds(1799),
            lifetime_secs: 1799,
        },
        user: Some(UserInfo {
            sys_id: "u1".into(),
            user_name: "int.user".into(),
            display_name: "Integration User".into(),
        }),
    };
    store_of(&memory)
        .save(keys::SESSION, &session)
        .expect("saved");
    memory
}

/// Signed in to ServiceNow (as [`signed_in`]) and connected to Microsoft 365 as Adele Vance of
/// contoso.onmicrosoft.com, with or without the write permission.
pub fn connected_to_both(page: &str, can_write: bool) -> MemoryStorage {
    let memory = signed_in(page);
    let draft = snowcard::microsoft::TenantDraft {
        tenant: "contoso.onmicrosoft.com".into(),
        client_id: "0c6f3e2d-8b1a-4c5d-9e7f-3a2b1c0d9e8f".into(),
        write: can_write,
        ..snowcard::microsoft::TenantDraft::default()
    };
    let session = snowcard::app::microsoft_flow::StoredMicrosoftSession {
        settings: snowcard::microsoft::settings::validate(&draft, page).expect("valid"),
        tokens: TokenSet {
            access_token: AccessToken::new("MSAT".into()),
            refresh_token: Some(RefreshToken::new("MSRT".into())),
            expires_at: Utc::now() + Duration::seconds(3000),
            lifetime_secs: 3599,
        },
        account: snowcard::microsoft::Account {
            name: "Adele Vance".into(),
            username: "adele.vance@contoso.onmicrosoft.com".into(),
            tenant_id: "4f8c2b1a-7d3e-4a6b-9c5d-2e1f0a9b8c7d".into(),
            tenant_domain: "contoso.onmicrosoft.com".into(),
        },
        can_write,
    };
    store_of(&memory)
        .save(keys::MS_SESSION, &session)
        .expect("saved");
    memory
}

/// The app's typed view of `memory`, as the app itself reads it.
pub fn store_of(memory: &MemoryStorage) -> Store<Rc<dyn StorageBackend>> {
    let backend: Rc<dyn StorageBackend> = Rc::new(memory.clone());
    Store::new(backend, "snowcard")
}

/// Mounts the app at page address `page` with the given instance and storage.
pub fn mount(page: &str, transport: FakeTransport, storage: MemoryStorage) -> Mounted {
    mount_through(page, Rc::new(transport.clone()), transport, storage)
}

/// Like [`mount`], with requests carried by `carrier` (which may hold answers back) while
/// `transport` answers and records them.
pub fn mount_through(
    page: &str,
    carrier: Rc<dyn Transport>,
    transport: FakeTransport,
    storage: MemoryStorage,
) -> Mounted {
    mount_as(
        page,
        carrier,
        transport,
        storage,
        AppOptions::default(),
        &[],
    )
}

/// Like [`mount_through`], with the embedding page's `options`, in a browser that prefers
/// `languages`.
pub fn mount_as(
    page: &str,
    carrier: Rc<dyn Transport>,
    transport: FakeTransport,
    storage: MemoryStorage,
    options: AppOptions,
    languages: &[&str],
) -> Mounted {
    let request = Mount {
        options,
        languages,
        address: Address::Memory,
    };
    mount_with(page, carrier, transport, storage, request)
}

/// How a test mounts the app, beyond its page, transport and storage.
pub struct Mount<'a> {
    pub options: AppOptions,
    pub languages: &'a [&'a str],
    /// Where the view is kept in the page's address.
    pub address: Address,
}

/// Mounts the app at `page` with the view kept at `address` in the page's address.
pub fn mount_at(
    page: &str,
    transport: FakeTransport,
    storage: MemoryStorage,
    address: Address,
) -> Mounted {
    let request = Mount {
        options: AppOptions::default(),
        languages: &[],
        address,
    };
    mount_with(
        page,
        Rc::new(transport.clone()),
        transport,
        storage,
        request,
    )
}

pub fn mount_with(
    page: &str,
    carrier: Rc<dyn Transport>,
    transport: FakeTransport,
    storage: MemoryStorage,
    request: Mount<'_>,
) -> Mounted {
    let Mount {
        options,
        languages,
        address,
    } = request;
    let root = new_root();
    let browser = Rc::new(FakeBrowser::at(page).preferring(languages));
    let backend: Rc<dyn StorageBackend> = Rc::new(storage.clone());
    let services = Services {
        tabs: Default::default(),
        transport: carrier,
        store: Store::new(backend, "snowcard"),
        browser: browser.clone(),
        clock: Rc::new(Utc::now),
    };
    let props = AppProps {
        services,
        options,
        address,
        events: None,
        share: None,
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    Mounted {
        root,
        browser,
        storage,
        transport,
    }
}

/// The current user answer of the session [`signed_in`] makes.
pub const CURRENT_USER: &str = r#"{"result":{"user_sys_id":"u1","user_name":"int.user","user_display_name":"Integration User"}}"#;

/// A fresh element at the end of the page's body, for one test to mount into.
pub fn new_root() -> Element {
    let document = gloo_utils_document();
    let root = document.create_element("div").expect("a div");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("appended");
    root
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

impl Mounted {
    /// The visible text of the app.
    pub fn text(&self) -> String {
        self.root
            .dyn_ref::<HtmlElement>()
            .map(|e| e.inner_text())
            .unwrap_or_default()
    }

    /// Waits until `condition` holds, rendering in between; fails with the page text after 5 s.
    pub async fn wait_for(&self, what: &str, condition: impl Fn(&Mounted) -> bool) {
        let deadline = js_sys::Date::now() + 5_000.0;
        loop {
            yew::scheduler::flush().await;
            if condition(self) {
                return;
            }
            if js_sys::Date::now() > deadline {
                panic!(
                    "timed out waiting for {what}; the page shows:\n{}",
                    self.text()
                );
            }
            gloo_timers::future::TimeoutFuture::new(10).await;
        }
    }

    /// Waits until the page shows `text`.
    pub async fn wait_for_text(&self, text: &str) {
        let wanted = text.to_owned();
        self.wait_for(&format!("the text {text:?}"), move |m| {
            m.text().contains(&wanted)
        })
        .await;
    }

    /// The button whose visible name is `name`, if shown.
    pub fn find_button(&self, name: &str) -> Option<HtmlElement> {
        let buttons = self.root.query_selector_all("button").ok()?;
        (0..buttons.length())
            .filter_map(|i| buttons.item(i)?.dyn_into::<HtmlElement>().ok())
            .find(|b| b.inner_text().trim() == name)
    }

    /// Opens the share menu of the `index`th action listed and chooses "ServiceNow", then
    /// waits for the share form.
    pub async fn share_from_row(&self, index: usize) {
        let buttons = self
            .root
            .query_selector_all("button[aria-haspopup='menu']")
            .expect("a query");
        buttons
            .item(index as u32)
            .and_then(|b| b.dyn_into::<HtmlElement>().ok())
            .unwrap_or_else(|| panic!("no share button on row {index}: {}", self.text()))
            .click();
        self.click("ServiceNow").await;
        self.wait_for_text("Share to ServiceNow").await;
    }

    /// Clicks the button named `name` once it shows.
    pub async fn click(&self, name: &str) {
        self.wait_for(&format!("a button named {name:?}"), |a| {
            a.find_button(name).is_some()
        })
        .await;
        if let Some(button) = self.find_button(name) {
            button.click();
        }
        yew::scheduler::flush().await;
    }

    /// Opens the disclosure (`<details>`) whose summary reads `name`, as a person would.
    pub async fn expand(&self, name: &str) {
        let summaries = self.root.query_selector_all("summary").expect("a query");
        let summary = (0..summaries.length())
            .filter_map(|i| summaries.item(i)?.dyn_into::<HtmlElement>().ok())
            .find(|s| s.inner_text().trim() == name)
            .unwrap_or_else(|| {
                panic!(
                    "no disclosure named {name:?}; the page shows:\n{}",
                    self.text()
                )
            });
        summary.click();
        yew::scheduler::flush().await;
    }

    /// The input labelled `label` (the label's own text, without the required mark), if shown.
    pub fn find_input(&self, label: &str) -> Option<HtmlInputElement> {
        let labels = self.root.query_selector_all("label").ok()?;
        let id = (0..labels.length())
            .filter_map(|i| labels.item(i)?.dyn_into::<web_sys::HtmlLabelElement>().ok())
            .find(|l| l.inner_text().trim().starts_with(label))
            .map(|l| l.html_for())?;
        self.root
            .query_selector(&format!("#{id}"))
            .ok()
            .flatten()?
            .dyn_into::<HtmlInputElement>()
            .ok()
    }

    /// The input labelled `label`; fails the test when there is none.
    pub fn input(&self, label: &str) -> HtmlInputElement {
        self.find_input(label).unwrap_or_else(|| {
            panic!(
                "no field labelled {label:?}; the page shows:\n{}",
                self.text()
            )
        })
    }

    /// Types `value` into the field labelled `label`, as a person would.
    pub async fn fill(&self, label: &str, value: &str) {
        self.wait_for(&format!("a field labelled {label:?}"), |a| {
            a.find_input(label).is_some()
        })
        .await;
        let input = self.input(label);
        // A person puts the cursor in the field first: the field they leave hears `focusout`.
        let _ = input.focus();
        input.set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event =
            web_sys::Event::new_with_event_init_dict("input", &init).expect("an input event");
        input.dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
    }

    /// Sets the drop-down labelled `label` to the option with `value`, as a person would.
    pub async fn choose(&self, label: &str, value: &str) {
        self.wait_for(&format!("a field labelled {label:?}"), |a| {
            a.field_id(label).is_some()
        })
        .await;
        let id = self.field_id(label).unwrap_or_default();
        let select = self
            .root
            .query_selector(&format!("#{id}"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .unwrap_or_else(|| panic!("{label:?} is not a drop-down"));
        select.set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event =
            web_sys::Event::new_with_event_init_dict("change", &init).expect("a change event");
        select.dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
    }

    /// Types into the multi-line field labelled `label`.
    pub async fn fill_text_area(&self, label: &str, value: &str) {
        self.wait_for(&format!("a field labelled {label:?}"), |a| {
            a.field_id(label).is_some()
        })
        .await;
        let id = self.field_id(label).unwrap_or_default();
        let area = self
            .root
            .query_selector(&format!("#{id}"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            .unwrap_or_else(|| panic!("{label:?} is not a text area"));
        area.set_value(value);
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        let event =
            web_sys::Event::new_with_event_init_dict("input", &init).expect("an input event");
        area.dispatch_event(&event).expect("dispatched");
        yew::scheduler::flush().await;
    }

    /// The id of the control labelled `label`, if shown.
    fn field_id(&self, label: &str) -> Option<String> {
        let labels = self.root.query_selector_all("label").ok()?;
        (0..labels.length())
            .filter_map(|i| labels.item(i)?.dyn_into::<web_sys::HtmlLabelElement>().ok())
            .find(|l| l.inner_text().trim().starts_with(label))
            .map(|l| l.html_for())
    }

    /// The text of the element(s) that describe `label`'s input (hint and error).
    pub fn description_of(&self, label: &str) -> String {
        let input = self.input(label);
        let ids = input.get_attribute("aria-describedby").unwrap_or_default();
        ids.split_whitespace()
            .filter_map(|id| self.root.query_selector(&format!("#{id}")).ok().flatten())
            .filter_map(|e| e.dyn_into::<HtmlElement>().ok())
            .map(|e| e.inner_text())
            .collect::<Vec<_>>()
            .join(" | ")
    }
}
