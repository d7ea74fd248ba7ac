//! What the app needs from its surroundings, injected so tests can stand in for the browser.

use std::rc::Rc;

use url::Url;

use crate::servicenow::{Clock, Transport};
use crate::storage::{StorageBackend, Store};

/// The page the app runs in.
pub trait Browser {
    /// The page's current address.
    fn current_url(&self) -> Url;
    /// Rewrites the address bar without a navigation (`history.replaceState`).
    fn replace_url(&self, url: &Url);
    /// Adds an entry to the page's history with this address (`history.pushState`), so
    /// Back returns to the current one.
    fn push_url(&self, url: &Url);
    /// Navigates the whole page away (to the instance's sign-in page).
    fn redirect(&self, url: &str);
    /// The person's preferred languages, most preferred first (`navigator.languages`).
    fn languages(&self) -> Vec<String>;
}

/// The app's injected services.
#[derive(Clone)]
pub struct Services {
    pub transport: Rc<dyn Transport>,
    pub store: Store<Rc<dyn StorageBackend>>,
    pub browser: Rc<dyn Browser>,
    pub clock: Clock,
    /// Locks and channels shared with the origin's other tabs, to coordinate refreshes.
    pub tabs: crate::tabs::TabSync,
}

impl Services {
    /// The person's preferences and drafts in this tab, under these services' namespace.
    pub fn preferences(&self) -> super::preferences::Preferences {
        super::preferences::Preferences::new(self.store.clone())
    }

    /// The coordination of `service`'s session ([`crate::tabs::SERVICENOW`] or
    /// [`crate::tabs::MICROSOFT`]) with the other tabs of this store's namespace.
    /// In memory mode no other tab holds a copy of the session, and the tokens are not
    /// posted on the channel where any script of the origin could hear them.
    pub fn token_sync(&self, service: &str) -> crate::tabs::TokenSync {
        let namespace = self.store.namespace();
        if self.store.tokens_end_with_the_page() {
            self.tabs.tokens_kept_here(namespace, service)
        } else {
            self.tabs.tokens(namespace, service)
        }
    }
}

impl PartialEq for Services {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.transport, &other.transport) && Rc::ptr_eq(&self.browser, &other.browser)
    }
}

/// The redirect URI a page registers by default: its address without query or fragment.
pub fn default_redirect_uri(page: &Url) -> String {
    let mut url = page.clone();
    url.set_query(None);
    url.set_fragment(None);
    url.into()
}

/// The page's origin, as CORS rules name it.
pub fn origin_of(page: &Url) -> String {
    page.origin().ascii_serialization()
}

/// A page that records what the app did to it, for tests.
#[cfg(any(test, feature = "testing"))]
#[derive(Debug)]
pub struct FakeBrowser {
    url: std::cell::RefCell<Url>,
    redirected_to: std::cell::RefCell<Option<String>>,
    languages: std::cell::RefCell<Vec<String>>,
    pushed: std::cell::RefCell<Vec<Url>>,
}

#[cfg(any(test, feature = "testing"))]
impl FakeBrowser {
    pub fn at(url: &str) -> Self {
        let url =
            Url::parse(url).unwrap_or_else(|_| Url::parse("http://127.0.0.1/").expect("literal"));
        Self {
            url: std::cell::RefCell::new(url),
            redirected_to: Default::default(),
            languages: Default::default(),
            pushed: Default::default(),
        }
    }

    /// The same page in a browser that prefers `languages`.
    pub fn preferring(self, languages: &[&str]) -> Self {
        *self.languages.borrow_mut() = languages.iter().map(|l| (*l).to_owned()).collect();
        self
    }

    /// Every address the app added to the page's history, in order.
    pub fn pushed(&self) -> Vec<Url> {
        self.pushed.borrow().clone()
    }

    /// Where the app sent the page, if it did.
    pub fn redirected_to(&self) -> Option<String> {
        self.redirected_to.borrow().clone()
    }
}

#[cfg(any(test, feature = "testing"))]
impl Browser for FakeBrowser {
    fn current_url(&self) -> Url {
        self.url.borrow().clone()
    }
    fn replace_url(&self, url: &Url) {
        *self.url.borrow_mut() = url.clone();
    }
    fn push_url(&self, url: &Url) {
        *self.url.borrow_mut() = url.clone();
        self.pushed.borrow_mut().push(url.clone());
    }
    fn redirect(&self, url: &str) {
        *self.redirected_to.borrow_mut() = Some(url.to_owned());
    }
    fn languages(&self) -> Vec<String> {
        self.languages.borrow().clone()
    }
}

/// How the embedding page configures snowcard at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppOptions {
    /// Prefills "Instance" when nothing was typed yet.
    pub instance: String,
    /// Prefills "Client ID" when nothing was typed yet.
    pub client_id: String,
    /// The registered redirect URI; `None` uses the page's address without query or hash.
    pub redirect_uri: Option<String>,
    /// The embedding portal's id of the signed-in person, used as "Requested by".
    pub requested_by: Option<String>,
    /// Where the improvement action catalog is, relative to the page.
    pub catalog_url: String,
    /// The page to show on load and whenever this changes; `None` leaves it to the person.
    pub view: Option<crate::app::View>,
    /// The language the embedding page asks for; `None` lets the person choose (see
    /// [`crate::app::language`]).
    pub locale: Option<crate::i18n::Locale>,
    /// Where tokens may be sent and which instances this component may connect to, as the
    /// page's code (or attributes, for `allowed-instances`) set it.
    pub trust: crate::app::trust::Trust,
}

/// The catalog shipped with snowcard, relative to `index.html`.
pub const DEFAULT_CATALOG_URL: &str = "www/catalog/secure-score-actions.json";

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            instance: String::new(),
            client_id: String::new(),
            redirect_uri: None,
            requested_by: None,
            catalog_url: DEFAULT_CATALOG_URL.to_owned(),
            view: None,
            locale: None,
            trust: crate::app::trust::Trust::default(),
        }
    }
}
