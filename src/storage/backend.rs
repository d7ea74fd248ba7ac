//! Where stored strings live: the browser's session storage, or memory for tests.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The browser refused a write (quota exceeded, storage disabled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteRefused;

/// A string key-value store with the semantics of the Web Storage API.
pub trait StorageBackend {
    fn get(&self, key: &str) -> Option<String>;
    /// Fails when the browser refuses the write (quota, disabled storage).
    fn set(&self, key: &str, value: &str) -> Result<(), WriteRefused>;
    fn remove(&self, key: &str);
    fn keys(&self) -> Vec<String>;
}

impl<T: StorageBackend + ?Sized> StorageBackend for Rc<T> {
    fn get(&self, key: &str) -> Option<String> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteRefused> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) {
        (**self).remove(key)
    }
    fn keys(&self) -> Vec<String> {
        (**self).keys()
    }
}

/// Storage in memory: for native tests and component tests.
#[derive(Debug, Default, Clone)]
pub struct MemoryStorage(Rc<RefCell<BTreeMap<String, String>>>);

impl StorageBackend for MemoryStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.0.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteRefused> {
        self.0.borrow_mut().insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&self, key: &str) {
        self.0.borrow_mut().remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.0.borrow().keys().cloned().collect()
    }
}

/// The browser's `sessionStorage`, through gloo.
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Default, Clone, Copy)]
pub struct SessionStorage;

#[cfg(target_arch = "wasm32")]
impl StorageBackend for SessionStorage {
    fn get(&self, key: &str) -> Option<String> {
        use gloo_storage::Storage;
        gloo_storage::SessionStorage::raw()
            .get_item(key)
            .ok()
            .flatten()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteRefused> {
        use gloo_storage::Storage;
        gloo_storage::SessionStorage::raw()
            .set_item(key, value)
            .map_err(|_| WriteRefused)
    }
    fn remove(&self, key: &str) {
        use gloo_storage::Storage;
        gloo_storage::SessionStorage::delete(key);
    }
    fn keys(&self) -> Vec<String> {
        use gloo_storage::Storage;
        let raw = gloo_storage::SessionStorage::raw();
        let count = raw.length().unwrap_or(0);
        (0..count)
            .filter_map(|i| raw.key(i).ok().flatten())
            .collect()
    }
}
