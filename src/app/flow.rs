//! Connecting, step by step: check the instance answers, send the browser to sign in, take the
//! callback, exchange the code, and restore a session after a reload.

use oauth2::http;

use super::services::Services;
use super::state::ConnectError;
use crate::servicenow::oauth::{self, Callback};
use crate::servicenow::{
    OAuthError, OAuthSettings, PendingAuthorization, ServiceNowClient, TransportError,
};
use crate::storage::{keys, StorageError, StoredSession};

/// Checks that something answers at the instance before the page leaves for it, so a
/// mistyped instance gets our message instead of the browser's error page.
pub async fn probe_instance(
    services: &Services,
    settings: &OAuthSettings,
) -> Result<(), ConnectError> {
    let request = http::Request::get(settings.instance.join("/"))
        .body(Vec::new())
        .map_err(|e| OAuthError::UnexpectedResponse(e.to_string()))?;
    match services.transport.send(request).await {
        // A readable answer, or one the browser hides for lack of CORS: either way, it's there.
        Ok(_) | Err(TransportError::Blocked { .. }) => Ok(()),
        Err(other) => Err(OAuthError::Transport(other).into()),
    }
}

/// Saves the PKCE verifier and state for the callback, then navigates to the sign-in page.
pub fn start_authorization(
    services: &Services,
    settings: OAuthSettings,
) -> Result<(), ConnectError> {
    let (url, pending) = oauth::begin(settings)?;
    services.store.save(keys::PENDING, &pending)?;
    services.browser.redirect(&url);
    Ok(())
}

/// The authorization response on the page's address, if any; the address bar is cleaned at
/// once so a reload can never replay the code.
pub fn take_callback(services: &Services) -> Option<Callback> {
    let url = services.browser.current_url();
    let callback = Callback::from_url(&url)?;
    services
        .browser
        .replace_url(&oauth::without_callback_params(&url));
    Some(callback)
}

/// Finishes the flow: checks state against this tab's request and exchanges the code.
pub async fn complete(
    services: &Services,
    callback: Callback,
) -> Result<StoredSession, ConnectError> {
    let pending = services
        .store
        .load_or_clear::<PendingAuthorization>(keys::PENDING);
    services.store.remove(keys::PENDING);
    let pending = pending?;
    let code = callback.verify(pending.as_ref())?;
    let pending = pending.ok_or(OAuthError::NoPendingAuthorization)?;
    let settings = pending.settings.clone();
    let tokens =
        oauth::exchange_code(&*services.transport, pending, code, (services.clock)()).await?;
    let session = StoredSession {
        settings,
        tokens,
        user: None,
    };
    services.store.save(keys::SESSION, &session)?;
    Ok(session)
}

/// The session saved in this tab, if any; a corrupt one is cleared and reported.
pub fn restore(services: &Services) -> Result<Option<StoredSession>, StorageError> {
    services.store.load_or_clear(keys::SESSION)
}

/// A client for `session` that saves every renewed token set back to storage.
pub fn client_for(services: &Services, session: &StoredSession) -> ServiceNowClient {
    let store = services.store.clone();
    ServiceNowClient::new(
        services.transport.clone(),
        session.settings.clone(),
        session.tokens.clone(),
        services.clock.clone(),
        move |tokens| {
            if let Ok(Some(mut saved)) = store.load::<StoredSession>(keys::SESSION) {
                saved.tokens = tokens.clone();
                // A failed write only costs a sign-in after the next reload.
                let _ = store.save(keys::SESSION, &saved);
            }
        },
    )
}

/// Remembers who the session belongs to, so a reload shows it at once.
pub fn remember_user(services: &Services, user: &crate::servicenow::UserInfo) {
    if let Ok(Some(mut saved)) = services.store.load::<StoredSession>(keys::SESSION) {
        saved.user = Some(user.clone());
        let _ = services.store.save(keys::SESSION, &saved);
    }
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;
