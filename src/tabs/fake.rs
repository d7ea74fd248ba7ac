//! One origin's locks and channels in memory, for tests: every [`TabSync`] made from one
//! [`FakeOrigin`] is a tab of that origin. Messages are delivered at once, in order.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::{Rc, Weak};

use futures::channel::oneshot;

use super::{LockGuard, TabChannel, TabChannels, TabLocks, TabSync};
use crate::servicenow::http::LocalFuture;

#[derive(Default)]
struct Lock {
    held: bool,
    waiting: VecDeque<oneshot::Sender<()>>,
}

type Listener = Rc<dyn Fn(&str)>;

#[derive(Default)]
struct Origin {
    locks: RefCell<HashMap<String, Lock>>,
    /// Per channel name: (channel id, listener) of every open channel.
    channels: RefCell<HashMap<String, Vec<(u64, Listener)>>>,
    next_id: RefCell<u64>,
}

/// The shared state of the fake origin's tabs.
#[derive(Clone, Default)]
pub struct FakeOrigin(Rc<Origin>);

impl FakeOrigin {
    pub fn new() -> Self {
        Self::default()
    }

    /// A tab with locks and channels.
    pub fn tab(&self) -> TabSync {
        TabSync::new(Some(Rc::new(self.clone())), Some(Rc::new(self.clone())))
    }

    /// A tab of a browser without Web Locks (channels only).
    pub fn tab_without_locks(&self) -> TabSync {
        TabSync::new(None, Some(Rc::new(self.clone())))
    }

    /// How many channels are open under `name`.
    pub fn open_channels(&self, name: &str) -> usize {
        self.0.channels.borrow().get(name).map_or(0, Vec::len)
    }

    fn release(origin: &Weak<Origin>, name: &str) {
        let Some(origin) = origin.upgrade() else {
            return;
        };
        let mut locks = origin.locks.borrow_mut();
        let Some(lock) = locks.get_mut(name) else {
            return;
        };
        // The next waiter still there gets the lock; one that gave up is skipped.
        while let Some(next) = lock.waiting.pop_front() {
            if next.send(()).is_ok() {
                return;
            }
        }
        lock.held = false;
    }
}

impl TabLocks for FakeOrigin {
    fn acquire(&self, name: &str) -> LocalFuture<'static, LockGuard> {
        let (origin, name) = (Rc::downgrade(&self.0), name.to_owned());
        let waiting = {
            let mut locks = self.0.locks.borrow_mut();
            let lock = locks.entry(name.clone()).or_default();
            if lock.held {
                let (tx, rx) = oneshot::channel();
                lock.waiting.push_back(tx);
                Some(rx)
            } else {
                lock.held = true;
                None
            }
        };
        Box::pin(async move {
            if let Some(granted) = waiting {
                // A dropped origin never grants: then go on unlocked.
                let _ = granted.await;
            }
            LockGuard::new(move || FakeOrigin::release(&origin, &name))
        })
    }
}

struct FakeChannel {
    origin: Weak<Origin>,
    name: String,
    id: u64,
}

impl TabChannels for FakeOrigin {
    fn open(&self, name: &str, on_message: Box<dyn Fn(&str)>) -> Option<Box<dyn TabChannel>> {
        let id = {
            let mut next = self.0.next_id.borrow_mut();
            *next += 1;
            *next
        };
        let mut channels = self.0.channels.borrow_mut();
        let listeners = channels.entry(name.to_owned()).or_default();
        listeners.push((id, Rc::from(on_message)));
        Some(Box::new(FakeChannel {
            origin: Rc::downgrade(&self.0),
            name: name.to_owned(),
            id,
        }))
    }
}

impl TabChannel for FakeChannel {
    fn post(&self, message: &str) {
        let Some(origin) = self.origin.upgrade() else {
            return;
        };
        let others: Vec<Listener> = origin
            .channels
            .borrow()
            .get(&self.name)
            .map(|all| {
                let others = all.iter().filter(|(id, _)| *id != self.id);
                others.map(|(_, listener)| listener.clone()).collect()
            })
            .unwrap_or_default();
        for listener in others {
            listener(message);
        }
    }
}

impl Drop for FakeChannel {
    fn drop(&mut self) {
        if let Some(origin) = self.origin.upgrade() {
            if let Some(all) = origin.channels.borrow_mut().get_mut(&self.name) {
                all.retain(|(id, _)| *id != self.id);
            }
        }
    }
}
