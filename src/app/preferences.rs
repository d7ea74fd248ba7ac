//! What this tab remembers for the person, typed: the one way components reach session
//! storage. An unreadable value counts as none (and is cleared); a refused write costs only
//! what the value was for, unless the method says otherwise.

use std::rc::Rc;

use super::language;
use super::route::Route;
use super::share::{ShareDraft, ShareDrafts};
use super::state_names::StateNames;
use crate::servicenow::AssignmentGroup;
use crate::storage::{keys, SetupDraft, StorageBackend, StorageError, Store};

/// The person's preferences and drafts in this tab, under the component's namespace.
#[derive(Clone)]
pub struct Preferences {
    store: Store<Rc<dyn StorageBackend>>,
}

impl PartialEq for Preferences {
    /// Two facades are the same when they reach the same place; what is stored is read
    /// fresh on every call, so it never makes a consumer stale.
    fn eq(&self, other: &Self) -> bool {
        self.store.namespace() == other.store.namespace()
    }
}

impl Preferences {
    pub fn new(store: Store<Rc<dyn StorageBackend>>) -> Self {
        Self { store }
    }

    fn read<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
        self.store.load_or_clear(key).ok().flatten()
    }

    /// The language the person chose from the menu in this tab.
    pub fn language(&self) -> Option<crate::i18n::Locale> {
        language::remembered(&self.store)
    }

    /// Remembers the person's choice of language for the tab (it outlives a removal).
    pub fn remember_language(&self, locale: crate::i18n::Locale) {
        language::remember(&self.store, locale);
    }

    /// Whether the cards and the list show every ticket rather than only snowcard's.
    pub fn show_every_ticket(&self) -> bool {
        self.read::<bool>(keys::SHOW_EVERY_TICKET).unwrap_or(false)
    }

    pub fn set_show_every_ticket(&self, every: bool) {
        let _ = self.store.save(keys::SHOW_EVERY_TICKET, &every);
    }

    /// This tab's share drafts.
    pub fn share_drafts(&self) -> ShareDrafts {
        self.read(keys::SHARE_DRAFTS).unwrap_or_default()
    }

    /// Saves the drafts; a refused write costs only the reload safety net.
    pub fn save_share_drafts(&self, drafts: &ShareDrafts) {
        let _ = self.store.save(keys::SHARE_DRAFTS, drafts);
    }

    /// Opens `draft` (or the earlier draft for the same action) as the form's.
    pub fn open_draft(&self, draft: ShareDraft) {
        let mut drafts = self.share_drafts();
        drafts.open(draft);
        self.save_share_drafts(&drafts);
    }

    /// Closes the form's draft; `discard` forgets it.
    pub fn close_draft(&self, discard: bool) {
        let mut drafts = self.share_drafts();
        drafts.close(discard);
        self.save_share_drafts(&drafts);
    }

    /// Opens the kept draft for improvement action `action` (`None`: the open draft of a
    /// ticket without action), if there is one; `false` when there is none to open.
    pub fn reopen_draft(&self, action: Option<&str>) -> bool {
        let mut drafts = self.share_drafts();
        if let Some(open) = drafts.open_draft() {
            if open.action_id.as_deref() == action {
                return true;
            }
        }
        let Some(action) = action else {
            return false;
        };
        let Some(key) = drafts
            .drafts
            .iter()
            .find(|(_, d)| d.action_id.as_deref() == Some(action))
            .map(|(key, _)| key.clone())
        else {
            return false;
        };
        drafts.current = Some(key);
        self.save_share_drafts(&drafts);
        true
    }

    /// The assignment group last chosen in this tab.
    pub fn remembered_group(&self) -> Option<AssignmentGroup> {
        self.read(keys::ASSIGNMENT_GROUP)
    }

    /// Remembers the chosen group for the tab (`None` forgets it).
    pub fn remember_group(&self, group: Option<&AssignmentGroup>) {
        match group {
            Some(group) => {
                let _ = self.store.save(keys::ASSIGNMENT_GROUP, group);
            }
            None => self.store.remove(keys::ASSIGNMENT_GROUP),
        }
    }

    /// The person's ticket state names.
    pub fn state_names(&self) -> StateNames {
        self.read(keys::STATE_NAMES).unwrap_or_default()
    }

    /// Saves the state names; `Err` when the browser refused to store them.
    pub fn save_state_names(&self, names: &StateNames) -> Result<(), StorageError> {
        self.store.save(keys::STATE_NAMES, names)
    }

    /// What was typed on the setup page; `Err` when it no longer reads (it is cleared, and
    /// the page says so).
    pub fn setup_draft(&self) -> Result<Option<SetupDraft>, StorageError> {
        self.store.load_or_clear(keys::SETUP_DRAFT)
    }

    pub fn save_setup_draft(&self, draft: &SetupDraft) {
        let _ = self.store.save(keys::SETUP_DRAFT, draft);
    }

    /// What was typed in "Connect to Microsoft 365".
    pub fn microsoft_draft(&self) -> Option<crate::microsoft::TenantDraft> {
        self.read(keys::MS_DRAFT)
    }

    pub fn save_microsoft_draft(&self, draft: &crate::microsoft::TenantDraft) {
        let _ = self.store.save(keys::MS_DRAFT, draft);
    }

    /// The catalog export the person loaded in this tab, as its text.
    pub fn imported_catalog(&self) -> Option<String> {
        self.read(keys::CATALOG)
    }

    /// Keeps `text` as the catalog for this tab (`None`: back to the shipped list).
    pub fn choose_catalog(&self, text: Option<&str>) {
        match text {
            Some(text) => {
                let _ = self.store.save(keys::CATALOG, &text.to_owned());
            }
            None => self.store.remove(keys::CATALOG),
        }
    }

    /// Remembers where to go once connected (a view opened before signing in, or the
    /// view open when "Sign in again" left); setup and home need no remembering.
    pub fn remember_destination(&self, route: &Route) {
        if matches!(route, Route::Setup | Route::Home) {
            return;
        }
        let _ = self.store.save(keys::RETURN_VIEW, &route.target());
    }

    /// Forgets the destination (a sign-in started from the setup page by itself).
    pub fn forget_destination(&self) {
        self.store.remove(keys::RETURN_VIEW);
    }

    /// The destination, once: it is forgotten as it is read.
    pub fn take_destination(&self) -> Option<Route> {
        let target = self.read::<String>(keys::RETURN_VIEW);
        self.store.remove(keys::RETURN_VIEW);
        target.and_then(|t| Route::parse_target(&t).ok())
    }

    /// Whether a destination waits (read without forgetting it).
    pub fn has_destination(&self) -> bool {
        self.read::<String>(keys::RETURN_VIEW).is_some()
    }
}

#[cfg(test)]
#[path = "preferences_tests.rs"]
mod tests;
