//! Refreshes coordinated across the tabs (and components) of one origin and namespace.
//!
//! Duplicating a tab copies its session storage, so two tabs hold the same refresh token.
//! Where the server rotates refresh tokens with reuse detection (RFC 9700 section 4.14.2),
//! the second tab to refresh would present a token the first one already spent, and the
//! server would revoke the grant for both. So every refresh of a namespace's session runs
//! under one lock shared by the origin's tabs (Web Locks in the browser), and the token set
//! it brings is posted on a channel of the namespace (`BroadcastChannel`), which the other
//! tabs' sessions adopt, saving it to their own store, when it replaces the refresh token
//! they hold. A tab that gets the lock after another's refresh finds the new set adopted
//! already and uses it instead of refreshing.
//!
//! Both halves are optional: without a lock every tab refreshes on its own (as before), and
//! without a channel nothing is handed over; neither is an error. The browser layer is
//! `crate::web::tabs`; [`fake`] serves the native tests.

use std::cell::RefCell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::servicenow::http::LocalFuture;
use crate::servicenow::oauth::RefreshToken;
use crate::servicenow::TokenSet;

#[cfg(any(test, feature = "testing"))]
pub mod fake;

/// The ServiceNow session's share of a namespace's coordination.
pub const SERVICENOW: &str = "servicenow";
/// The Microsoft 365 session's share.
pub const MICROSOFT: &str = "microsoft";

/// A held lock; dropping it lets the next waiter in.
pub struct LockGuard {
    release: Option<Box<dyn FnOnce()>>,
}

impl LockGuard {
    /// A guard that calls `release` when dropped.
    pub fn new(release: impl FnOnce() + 'static) -> Self {
        Self {
            release: Some(Box::new(release)),
        }
    }

    /// A guard for no lock at all (where locks are missing or refused).
    pub fn unheld() -> Self {
        Self { release: None }
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        if let Some(release) = self.release.take() {
            release();
        }
    }
}

/// Locks shared by the tabs of an origin.
pub trait TabLocks {
    /// Waits until this caller holds the lock `name`; it is held until the guard drops.
    /// Where the lock cannot be had, yields an [unheld](LockGuard::unheld) guard.
    fn acquire(&self, name: &str) -> LocalFuture<'static, LockGuard>;
}

/// Message channels between the tabs of an origin.
pub trait TabChannels {
    /// Opens the channel `name`: `on_message` hears what the origin's other channels of this
    /// name post (never what this one posts). `None` when it cannot be opened. The channel
    /// closes when dropped.
    fn open(&self, name: &str, on_message: Box<dyn Fn(&str)>) -> Option<Box<dyn TabChannel>>;
}

/// One open channel.
pub trait TabChannel {
    /// Posts `message` to the channel's other ends (within the origin only).
    fn post(&self, message: &str);
}

/// What the browser offers for coordinating tabs; [`Default`] is nothing (every tab on its
/// own).
#[derive(Clone, Default)]
pub struct TabSync {
    locks: Option<Rc<dyn TabLocks>>,
    channels: Option<Rc<dyn TabChannels>>,
}

impl TabSync {
    /// Coordination through these locks and channels; either may be missing.
    pub fn new(locks: Option<Rc<dyn TabLocks>>, channels: Option<Rc<dyn TabChannels>>) -> Self {
        Self { locks, channels }
    }

    /// The coordination of `service`'s session (e.g. [`SERVICENOW`]) in `namespace`.
    pub fn tokens(&self, namespace: &str, service: &str) -> TokenSync {
        TokenSync {
            lock_name: format!("{namespace}:{service}:refresh"),
            channel_name: format!("{namespace}:{service}:tokens"),
            locks: self.locks.clone(),
            channels: self.channels.clone(),
            channel: RefCell::default(),
        }
    }

    /// The coordination of a session whose tokens must stay in this page (memory mode): the
    /// refresh lock still orders this origin's refreshes, but nothing is posted or heard, so
    /// the tokens never pass through a channel any script of the origin could listen to.
    pub fn tokens_kept_here(&self, namespace: &str, service: &str) -> TokenSync {
        TokenSync {
            channels: None,
            ..self.tokens(namespace, service)
        }
    }
}

/// A token set another tab's refresh brought, and the refresh token it replaced.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rotated {
    pub replaced: RefreshToken,
    pub tokens: TokenSet,
}

impl Rotated {
    /// Whether this set succeeds `current`: it replaced the very refresh token `current`
    /// holds (a set of another session, or an older one, does not).
    pub fn succeeds(&self, current: &TokenSet) -> bool {
        current
            .refresh_token
            .as_ref()
            .is_some_and(|mine| mine.secret() == self.replaced.secret())
    }
}

/// The message on the channel: versioned, so a tab running an older snowcard ignores a
/// newer shape instead of misreading it.
#[derive(Serialize, Deserialize)]
struct Message {
    v: u8,
    #[serde(flatten)]
    rotated: Rotated,
}

const VERSION: u8 = 1;

/// One session's lock and channel.
pub struct TokenSync {
    lock_name: String,
    channel_name: String,
    locks: Option<Rc<dyn TabLocks>>,
    channels: Option<Rc<dyn TabChannels>>,
    channel: RefCell<Option<Box<dyn TabChannel>>>,
}

impl Default for TokenSync {
    /// No coordination: every refresh on its own.
    fn default() -> Self {
        TabSync::default().tokens("", "")
    }
}

impl TokenSync {
    /// Opens the channel; `on_rotated` hears every well-formed set posted by another tab
    /// (anything else on it is ignored). Listening again replaces the listener.
    pub fn listen(&self, on_rotated: impl Fn(Rotated) + 'static) {
        let Some(channels) = &self.channels else {
            return;
        };
        let on_message = Box::new(move |text: &str| {
            if let Ok(Message {
                v: VERSION,
                rotated,
            }) = serde_json::from_str(text)
            {
                on_rotated(rotated);
            }
        });
        let channel = channels.open(&self.channel_name, on_message);
        *self.channel.borrow_mut() = channel;
    }

    /// Waits for the namespace's refresh lock (at once where there are no locks).
    pub async fn lock(&self) -> LockGuard {
        match &self.locks {
            Some(locks) => locks.acquire(&self.lock_name).await,
            None => LockGuard::unheld(),
        }
    }

    /// Tells the other tabs that `tokens` replaced `replaced`.
    pub fn announce(&self, replaced: &RefreshToken, tokens: &TokenSet) {
        let message = Message {
            v: VERSION,
            rotated: Rotated {
                replaced: replaced.clone(),
                tokens: tokens.clone(),
            },
        };
        let channel = self.channel.borrow();
        if let (Some(channel), Ok(text)) = (channel.as_ref(), serde_json::to_string(&message)) {
            channel.post(&text);
        }
    }
}

/// What a refresh does once it holds the lock.
#[derive(Debug)]
pub enum Turn {
    /// Another tab refreshed meanwhile and this session adopted its set: use it.
    Adopted(TokenSet),
    /// Refresh with this set's refresh token.
    Refresh(Option<RefreshToken>),
}

/// Decides, under the lock, between adopting and refreshing: `started` is the set the
/// refresh was asked for with, `current` the session's set now.
pub fn turn(started: &TokenSet, current: TokenSet, now: chrono::DateTime<chrono::Utc>) -> Turn {
    let replaced = current.access_token.secret() != started.access_token.secret();
    if replaced && !current.is_expired(now) {
        Turn::Adopted(current)
    } else {
        Turn::Refresh(current.refresh_token)
    }
}

#[cfg(test)]
mod tests;
