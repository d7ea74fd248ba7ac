//! An authorized connection to one instance: Bearer requests, refresh ahead of expiry and on
//! a 401 (once, then the session has ended), with one refresh at a time however many
//! requests need it, and, once [coordinated](ServiceNowClient::coordinate), one at a time
//! across the tabs of the namespace (`crate::tabs`).

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use futures::future::{FutureExt, Shared};
use oauth2::http::{self, header, Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::error::{ApiError, OAuthError, TransportError};
use super::http::{header as header_value, HttpResponse, LocalFuture, Transport};
use super::oauth::{self, OAuthSettings, TokenSet};
use super::user::{self, CurrentUserBody, SysUserBody, UserInfo};
use crate::tabs::{self, TokenSync, Turn};

/// Where the client reads the time; injectable so tests control expiry.
pub type Clock = Rc<dyn Fn() -> DateTime<Utc>>;

type RefreshFuture = Shared<LocalFuture<'static, Result<TokenSet, OAuthError>>>;
type TokensListener = Box<dyn Fn(&TokenSet)>;

/// A cheap-to-clone handle onto one connected session.
#[derive(Clone)]
pub struct ServiceNowClient {
    inner: Rc<Inner>,
}

struct Inner {
    transport: Rc<dyn Transport>,
    settings: OAuthSettings,
    tokens: RefCell<TokenSet>,
    refreshing: RefCell<Option<RefreshFuture>>,
    clock: Clock,
    on_tokens: Box<dyn Fn(&TokenSet)>,
    on_ended: RefCell<Option<Box<dyn Fn()>>>,
    /// The lock and channel shared with the namespace's other tabs.
    sync: RefCell<Rc<TokenSync>>,
    /// Told when a set another tab brought is taken into use.
    on_adopted: RefCell<Option<TokensListener>>,
}

impl ServiceNowClient {
    /// `on_tokens` is told of every new token set, so the caller can persist it.
    pub fn new(
        transport: Rc<dyn Transport>,
        settings: OAuthSettings,
        tokens: TokenSet,
        clock: Clock,
        on_tokens: impl Fn(&TokenSet) + 'static,
    ) -> Self {
        let inner = Inner {
            transport,
            settings,
            tokens: RefCell::new(tokens),
            refreshing: RefCell::default(),
            clock,
            on_tokens: Box::new(on_tokens),
            on_ended: RefCell::default(),
            sync: RefCell::default(),
            on_adopted: RefCell::default(),
        };
        Self {
            inner: Rc::new(inner),
        }
    }

    /// `on_ended` is told when the instance refuses to renew the session (or it has no
    /// refresh token to renew with): only signing in again helps.
    pub fn on_session_end(&self, on_ended: impl Fn() + 'static) {
        *self.inner.on_ended.borrow_mut() = Some(Box::new(on_ended));
    }

    /// Coordinates this session's refreshes with the other tabs of its namespace: each runs
    /// under `sync`'s lock and is announced on its channel, and a set another tab announces
    /// replaces this one (and is saved through `on_tokens`) when it replaced this session's
    /// refresh token.
    pub fn coordinate(&self, sync: TokenSync) {
        let weak = Rc::downgrade(&self.inner);
        sync.listen(move |rotated| {
            if let Some(inner) = weak.upgrade() {
                Self::adopt(&inner, &rotated);
            }
        });
        *self.inner.sync.borrow_mut() = Rc::new(sync);
    }

    /// `on_adopted` is told of every set taken over from another tab.
    pub fn on_tokens_adopted(&self, on_adopted: impl Fn(&TokenSet) + 'static) {
        *self.inner.on_adopted.borrow_mut() = Some(Box::new(on_adopted));
    }

    fn adopt(inner: &Inner, rotated: &tabs::Rotated) {
        if !rotated.succeeds(&inner.tokens.borrow()) {
            return;
        }
        *inner.tokens.borrow_mut() = rotated.tokens.clone();
        (inner.on_tokens)(&rotated.tokens);
        if let Some(on_adopted) = inner.on_adopted.borrow().as_ref() {
            on_adopted(&rotated.tokens);
        }
    }

    pub fn settings(&self) -> &OAuthSettings {
        &self.inner.settings
    }

    /// The current token set (secrets stay redacted in `Debug`).
    pub fn tokens(&self) -> TokenSet {
        self.inner.tokens.borrow().clone()
    }

    /// Refreshes the access token; concurrent callers share one request to the instance.
    pub async fn refresh(&self) -> Result<TokenSet, OAuthError> {
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

    fn start_refresh(inner: Rc<Inner>) -> LocalFuture<'static, Result<TokenSet, OAuthError>> {
        Box::pin(async move {
            let started = inner.tokens.borrow().clone();
            let sync = inner.sync.borrow().clone();
            // Held until the new set is saved and announced, so no other tab of the
            // namespace refreshes with the token this refresh spends.
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
                    oauth::refresh(&*inner.transport, &inner.settings, token, (inner.clock)()).await
                }
                None => Err(OAuthError::NoRefreshToken),
            };
            inner.refreshing.borrow_mut().take();
            match &result {
                Ok(tokens) => {
                    *inner.tokens.borrow_mut() = tokens.clone();
                    (inner.on_tokens)(tokens);
                    if let Some(replaced) = &refresh_token {
                        sync.announce(replaced, tokens);
                    }
                }
                Err(error) if error.ends_session() => {
                    if let Some(on_ended) = inner.on_ended.borrow().as_ref() {
                        on_ended();
                    }
                }
                Err(_) => {}
            }
            result
        })
    }

    /// The user the token belongs to, by the UI user API or, failing that, `sys_user`
    /// (also when the browser may not read the UI API: the documented CORS rule covers only
    /// the Table API; and when an API access policy refuses it with 403).
    pub async fn current_user(&self) -> Result<UserInfo, ApiError> {
        match self
            .get_json::<CurrentUserBody>(user::CURRENT_USER_PATH)
            .await
        {
            Ok(body) => Ok(body.into()),
            Err(
                ApiError::NotFound { .. }
                | ApiError::Forbidden { .. }
                | ApiError::UnexpectedResponse(_)
                | ApiError::Transport(TransportError::Blocked { .. }),
            ) => self
                .get_json::<SysUserBody>(user::SYS_USER_FALLBACK_PATH)
                .await?
                .into_user()
                .ok_or_else(|| {
                    ApiError::UnexpectedResponse("no sys_user record for the session".into())
                }),
            Err(other) => Err(other),
        }
    }

    /// `GET` a path on the instance and decode its JSON body.
    pub async fn get_json<T: DeserializeOwned>(&self, path_and_query: &str) -> Result<T, ApiError> {
        let response = self.send(Method::GET, path_and_query, None).await?;
        serde_json::from_slice(response.body())
            .map_err(|e| ApiError::UnexpectedResponse(e.to_string()))
    }

    /// Sends an authorized request, refreshing ahead of expiry and once on a 401 (without a
    /// refresh token, either ends the session).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<HttpResponse, ApiError> {
        let (tokens, now) = (self.tokens(), (self.inner.clock)());
        // With a refresh token, renew a little early; without one, the token is used to its
        // very end (giving up early would only shorten a session that cannot be renewed).
        let due = if tokens.refresh_token.is_some() {
            tokens.is_expired(now)
        } else {
            now >= tokens.expires_at
        };
        if due {
            self.refresh_or_end().await?;
        }
        let used = self.tokens().access_token.secret().clone();
        let response = self.send_once(&method, path, body).await?;
        if response.status() != StatusCode::UNAUTHORIZED {
            return check(response);
        }
        if *self.tokens().access_token.secret() == used {
            self.refresh_or_end().await?;
        }
        let retried = self.send_once(&method, path, body).await?;
        if retried.status() == StatusCode::UNAUTHORIZED {
            return Err(ApiError::SessionEnded);
        }
        check(retried)
    }

    async fn refresh_or_end(&self) -> Result<(), ApiError> {
        match self.refresh().await {
            Ok(_) => Ok(()),
            Err(error) if error.ends_session() => Err(ApiError::SessionEnded),
            Err(other) => Err(ApiError::Refresh(other)),
        }
    }

    async fn send_once(
        &self,
        method: &Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<HttpResponse, ApiError> {
        let bearer = format!("Bearer {}", self.tokens().access_token.secret());
        let mut request = http::Request::builder()
            .method(method.clone())
            .uri(self.inner.settings.instance.join(path))
            .header(header::ACCEPT, "application/json")
            .header(header::AUTHORIZATION, bearer);
        let bytes = match body {
            Some(json) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                serde_json::to_vec(json).map_err(|e| ApiError::UnexpectedResponse(e.to_string()))?
            }
            None => Vec::new(),
        };
        let request = request
            .body(bytes)
            .map_err(|e| ApiError::UnexpectedResponse(e.to_string()))?;
        Ok(self.inner.transport.send(request).await?)
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    detail: Option<String>,
}

/// Turns a non-success status into its error, reading ServiceNow's error body when present.
fn check(response: HttpResponse) -> Result<HttpResponse, ApiError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let parsed = serde_json::from_slice::<ErrorBody>(response.body()).ok();
    let detail = parsed
        .as_ref()
        .and_then(|b| b.error.detail.clone())
        .unwrap_or_default();
    let message = parsed
        .and_then(|b| b.error.message)
        .unwrap_or_else(|| status.to_string());
    Err(match status {
        StatusCode::FORBIDDEN => ApiError::Forbidden {
            detail: if detail.is_empty() { message } else { detail },
        },
        StatusCode::NOT_FOUND => ApiError::NotFound { detail: message },
        StatusCode::TOO_MANY_REQUESTS => ApiError::RateLimited {
            retry_after_secs: header_value(&response, "retry-after")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(60),
        },
        _ => ApiError::Server {
            status: status.as_u16(),
            message,
        },
    })
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "client_tabs_tests.rs"]
mod tabs_tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "client_props.rs"]
mod props;
