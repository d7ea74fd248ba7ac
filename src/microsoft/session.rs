//! A signed-in Microsoft 365 session: Graph calls with a token renewed ahead of expiry and
//! once on a 401, one renewal at a time however many calls need it, and every rotated
//! refresh token handed to the caller to keep (SPA refresh tokens rotate; the newest one is
//! the one to use, identity-platform/v2-oauth2-auth-code-flow.md). Once
//! [coordinated](MicrosoftSession::coordinate), renewals are also one at a time across the
//! tabs of the namespace, each rotated set handed to the others (`crate::tabs`).

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use futures::future::{FutureExt, Shared};

use super::error::{GraphError, SignInError};
use super::graph::GraphClient;
use super::oauth;
use super::settings::TenantSettings;
use crate::servicenow::http::LocalFuture;
use crate::servicenow::{Clock, TokenSet, Transport};
use crate::tabs::{self, TokenSync, Turn};

type RefreshFuture = Shared<LocalFuture<'static, Result<TokenSet, SignInError>>>;

/// Why a call in a session failed: Graph said no, or the session could not be renewed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Graph(#[from] GraphError),
    /// Renewing failed; when it [ends the session](SignInError::ends_session), only signing
    /// in to Microsoft 365 again helps (drafts are not touched here).
    #[error(transparent)]
    SignIn(#[from] SignInError),
}

/// A cheap-to-clone handle onto one session.
#[derive(Clone)]
pub struct MicrosoftSession {
    inner: Rc<Inner>,
}

struct Inner {
    transport: Rc<dyn Transport>,
    settings: TenantSettings,
    tokens: RefCell<TokenSet>,
    refreshing: RefCell<Option<RefreshFuture>>,
    clock: Clock,
    on_tokens: Box<dyn Fn(&TokenSet)>,
    /// The lock and channel shared with the namespace's other tabs.
    sync: RefCell<Rc<TokenSync>>,
}

impl MicrosoftSession {
    /// `on_tokens` hears of every renewed token set, to store it.
    pub fn new(
        transport: Rc<dyn Transport>,
        settings: TenantSettings,
        tokens: TokenSet,
        clock: Clock,
        on_tokens: impl Fn(&TokenSet) + 'static,
    ) -> Self {
        Self {
            inner: Rc::new(Inner {
                transport,
                settings,
                tokens: RefCell::new(tokens),
                refreshing: RefCell::default(),
                clock,
                on_tokens: Box::new(on_tokens),
                sync: RefCell::default(),
            }),
        }
    }

    /// Coordinates renewals with the namespace's other tabs: each runs under `sync`'s lock
    /// and is announced on its channel; a set another tab announces is taken into use (and
    /// saved through `on_tokens`) when it replaced this session's refresh token.
    pub fn coordinate(&self, sync: TokenSync) {
        let weak = Rc::downgrade(&self.inner);
        sync.listen(move |rotated| {
            let Some(inner) = weak.upgrade() else {
                return;
            };
            if rotated.succeeds(&inner.tokens.borrow()) {
                *inner.tokens.borrow_mut() = rotated.tokens.clone();
                (inner.on_tokens)(&rotated.tokens);
            }
        });
        *self.inner.sync.borrow_mut() = Rc::new(sync);
    }

    pub fn settings(&self) -> &TenantSettings {
        &self.inner.settings
    }

    /// The current tokens (secrets stay redacted in `Debug`).
    pub fn tokens(&self) -> TokenSet {
        self.inner.tokens.borrow().clone()
    }

    /// Renews the tokens; concurrent callers share one request.
    pub async fn refresh(&self) -> Result<TokenSet, SignInError> {
        let pending = self.inner.refreshing.borrow().clone();
        let future = match pending {
            Some(future) => future,
            None => {
                let future = Self::start_refresh(self.inner.clone()).shared();
                *self.inner.refreshing.borrow_mut() = Some(future.clone());
                future
            }
        };
        future.await
    }

    fn start_refresh(inner: Rc<Inner>) -> LocalFuture<'static, Result<TokenSet, SignInError>> {
        Box::pin(async move {
            let started = inner.tokens.borrow().clone();
            let sync = inner.sync.borrow().clone();
            // Held until the rotated set is saved and announced: no other tab of the
            // namespace presents the refresh token this renewal spends.
            let _lock = sync.lock().await;
            let current = inner.tokens.borrow().clone();
            let refresh_token = match tabs::turn(&started, current, (inner.clock)()) {
                Turn::Adopted(tokens) => {
                    inner.refreshing.borrow_mut().take();
                    return Ok(tokens);
                }
                Turn::Refresh(token) => token,
            };
            let result = match &refresh_token {
                Some(token) => {
                    let now = (inner.clock)();
                    oauth::refresh(&*inner.transport, &inner.settings, token, now).await
                }
                None => Err(SignInError::SignInAgain {
                    description: "no refresh token was issued".into(),
                }),
            };
            inner.refreshing.borrow_mut().take();
            if let Ok(tokens) = &result {
                *inner.tokens.borrow_mut() = tokens.clone();
                (inner.on_tokens)(tokens);
                if let Some(replaced) = &refresh_token {
                    sync.announce(replaced, tokens);
                }
            }
            result
        })
    }

    fn graph(&self) -> GraphClient {
        GraphClient::new(
            self.inner.transport.clone(),
            self.inner.settings.graph.clone(),
            self.tokens().access_token,
        )
    }

    /// Runs `call` with a Graph client holding a fresh token: renewed first when due, and
    /// once more after a 401 (a token revoked or expired early).
    pub async fn call<T, F, Fut>(&self, call: F) -> Result<T, SessionError>
    where
        F: Fn(GraphClient) -> Fut,
        Fut: Future<Output = Result<T, GraphError>>,
    {
        if self.tokens().is_expired((self.inner.clock)()) {
            self.refresh().await?;
        }
        let used = self.tokens().access_token.secret().clone();
        match call(self.graph()).await {
            Err(GraphError::Unauthorized) => {
                if *self.tokens().access_token.secret() == used {
                    self.refresh().await?;
                }
                Ok(call(self.graph()).await?)
            }
            other => Ok(other?),
        }
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
