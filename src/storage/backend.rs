//! Where stored strings live: the browser's session storage, or memory (for tests, for tokens
//! kept out of storage, and for a page whose session storage is blocked).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The browser refused a write (quota exceeded, storage disabled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteRefused;

/// The browser gives no access to the storage at all: the `sessionStorage` getter threw
/// (a `SecurityError` in a sandboxed iframe, or site data blocked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocked;

/// A string key-value store with the semantics of the Web Storage API.
///
/// `get`, `remove` and `keys` treat a blocked storage as empty; the `try_` forms say it is
/// blocked, which is what [`super::Store`] reads to move to memory on the first failure.
pub trait StorageBackend {
    fn get(&self, key: &str) -> Option<String>;
    /// Fails when the browser refuses the write (quota, disabled storage).
    fn set(&self, key: &str, value: &str) -> Result<(), WriteRefused>;
    fn remove(&self, key: &str);
    fn keys(&self) -> Vec<String>;

    fn try_get(&self, key: &str) -> Result<Option<String>, Blocked> {
        Ok(self.get(key))
    }
    fn try_remove(&self, key: &str) -> Result<(), Blocked> {
        self.remove(key);
        Ok(())
    }
    fn try_keys(&self) -> Result<Vec<String>, Blocked> {
        Ok(self.keys())
    }
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
    fn try_get(&self, key: &str) -> Result<Option<String>, Blocked> {
        (**self).try_get(key)
    }
    fn try_remove(&self, key: &str) -> Result<(), Blocked> {
        (**self).try_remove(key)
    }
    fn try_keys(&self) -> Result<Vec<String>, Blocked> {
        (**self).try_keys()
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

/// The browser's `sessionStorage`. Every call asks the window for it again, so nothing is
/// probed up front: a getter that throws (`SecurityError`) is [`Blocked`], a `setItem` that
/// throws (`QuotaExceededError`) is [`WriteRefused`], and neither escapes into the page.
#[cfg(target_arch = "wasm32")]
#[derive(Debug, Default, Clone, Copy)]
pub struct SessionStorage;

#[cfg(target_arch = "wasm32")]
impl SessionStorage {
    fn storage() -> Result<web_sys::Storage, Blocked> {
        web_sys::window()
            .ok_or(Blocked)?
            .session_storage()
            .map_err(|_| Blocked)?
            .ok_or(Blocked)
    }
}

#[cfg(target_arch = "wasm32")]
impl StorageBackend for SessionStorage {
    fn get(&self, key: &str) -> Option<String> {
        self.try_get(key).ok().flatten()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), WriteRefused> {
        Self::storage()
            .map_err(|_| WriteRefused)?
            .set_item(key, value)
            .map_err(|_| WriteRefused)
    }
    fn remove(&self, key: &str) {
        let _ = self.try_remove(key);
    }
    fn keys(&self) -> Vec<String> {
        self.try_keys().unwrap_or_default()
    }
    fn try_get(&self, key: &str) -> Result<Option<String>, Blocked> {
        Self::storage()?.get_item(key).map_err(|_| Blocked)
    }
    fn try_remove(&self, key: &str) -> Result<(), Blocked> {
        Self::storage()?.remove_item(key).map_err(|_| Blocked)
    }
    fn try_keys(&self) -> Result<Vec<String>, Blocked> {
        let raw = Self::storage()?;
        let count = raw.length().map_err(|_| Blocked)?;
        Ok((0..count)
            .filter_map(|i| raw.key(i).ok().flatten())
            .collect())
    }
}
