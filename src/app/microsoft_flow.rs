//! Connecting to Microsoft 365 from the browser, beside ServiceNow and independently of it:
//! the sign-in in flight and the session live in session storage under the component's
//! namespace (`ms-pending`, `ms-session`), the browser leaves for the identity platform and
//! comes back to the same redirect URL as ServiceNow's sign-in, and the answer is taken by
//! whichever sign-in its `state` belongs to. No UI here.

use serde::{Deserialize, Serialize};

use super::Services;
use crate::microsoft::{
    oauth, Account, MicrosoftSession, PendingSignIn, SignInError, TenantSettings,
};
use crate::servicenow::oauth::{without_callback_params, Callback};
use crate::servicenow::TokenSet;
use crate::storage::{keys, StorageError};

/// Why connecting to Microsoft 365 stopped: the sign-in, or this tab's storage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MicrosoftConnectError {
    #[error(transparent)]
    SignIn(#[from] SignInError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The Microsoft 365 session as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredMicrosoftSession {
    pub settings: TenantSettings,
    pub tokens: TokenSet,
    pub account: Account,
    /// The write permission was granted: the share form offers noting the ticket.
    pub can_write: bool,
}

/// Leaves for the identity platform's sign-in, keeping what the answer is checked against
/// and where the page was.
pub fn start(services: &Services, settings: TenantSettings) -> Result<(), MicrosoftConnectError> {
    super::flow::check_sign_in_survives(services, keys::MS_PENDING)?;
    let (url, pending) = oauth::begin(settings, (services.clock)())?;
    services.store.save(keys::MS_PENDING, &pending)?;
    let here = services.browser.current_url().to_string();
    services.store.save(keys::MS_RETURN_TO, &here)?;
    // As for ServiceNow: a write refused just now would leave the verifier in memory only.
    super::flow::check_sign_in_survives(services, keys::MS_PENDING)?;
    super::flow::check_sign_in_survives(services, keys::MS_RETURN_TO)?;
    services.browser.redirect(&url);
    Ok(())
}

fn pending(services: &Services) -> Option<PendingSignIn> {
    services.store.load(keys::MS_PENDING).ok().flatten()
}

/// The answer on the page's address, when it is the Microsoft 365 sign-in's (by `state`).
pub fn callback_for_microsoft(services: &Services) -> Option<Callback> {
    let callback = Callback::from_url(&services.browser.current_url())?;
    pending(services)
        .filter(|p| p.is_answered_by(&callback))
        .map(|_| callback)
}

/// A sign-in started from this tab never answered: the page is back (Back from Microsoft's
/// own error page, or a reload) with no answer on its address. Microsoft shows a redirect
/// URI it does not know for the application (AADSTS50011, "The redirect URI … specified in
/// the request does not match the redirect URIs configured for the application") on its own
/// sign-in page and sends nothing to that address (MicrosoftDocs/SupportArticles-docs,
/// support/azure/active-directory/error-code-AADSTS50011-redirect-uri-mismatch.md), so this
/// is all the app can see of it.
/// A sign-in abandoned over ten minutes ago is forgotten first
/// ([`forget_abandoned_sign_in`]): it is not told as unanswered.
pub fn unanswered(services: &Services) -> bool {
    forget_abandoned_sign_in(services);
    pending(services).is_some() && Callback::from_url(&services.browser.current_url()).is_none()
}

/// On load, with no answer on the address: a Microsoft 365 sign-in older than ten minutes
/// (or without a start time) was abandoned, so it and its page to return to are removed,
/// quietly; ServiceNow's sign-in and other components' records stay. Returns whether one
/// was removed.
pub fn forget_abandoned_sign_in(services: &Services) -> bool {
    if super::flow::answer_on_address(&services.browser.current_url()) {
        return false;
    }
    let expired = pending(services).is_some_and(|p| {
        crate::servicenow::oauth::pending_expired(p.created_at, (services.clock)())
    });
    if expired {
        services.store.remove(keys::MS_PENDING);
        services.store.remove(keys::MS_RETURN_TO);
    }
    expired
}

/// Takes the Microsoft 365 answer off the address (the page gets back its address from
/// before the sign-in) and finishes: checks it, exchanges the code, keeps the session. The
/// sign-in in flight is forgotten either way, so the answer can never be replayed.
pub async fn complete(
    services: &Services,
    callback: Callback,
) -> Result<StoredMicrosoftSession, MicrosoftConnectError> {
    let pending = pending(services);
    // Only this sign-in's own answer uses it up; any other leaves it in flight.
    if pending
        .as_ref()
        .is_some_and(|p| p.is_answered_by(&callback))
    {
        services.store.remove(keys::MS_PENDING);
    }
    let back = address_back(services);
    services.store.remove(keys::MS_RETURN_TO);
    services.browser.replace_url(&back);
    let code = oauth::verify(&callback, pending.as_ref())?;
    let pending = pending.ok_or(SignInError::NoPendingSignIn)?;
    let now = (services.clock)();
    if crate::servicenow::oauth::pending_expired(pending.created_at, now) {
        return Err(SignInError::Expired.into());
    }
    let settings = pending.settings.clone();
    let signed_in = oauth::exchange_code(&*services.transport, pending, code, now).await?;
    let session = StoredMicrosoftSession {
        settings,
        tokens: signed_in.tokens,
        account: signed_in.account,
        can_write: signed_in.can_write,
    };
    services.store.save(keys::MS_SESSION, &session)?;
    Ok(session)
}

/// The address the page has once the Microsoft 365 answer on it is taken (the page's own
/// from before the sign-in); `None` when the answer on the address is not Microsoft's.
/// Changes nothing, so the view can be read from it first.
pub fn address_after_callback(services: &Services) -> Option<url::Url> {
    callback_for_microsoft(services)?;
    Some(address_back(services))
}

fn address_back(services: &Services) -> url::Url {
    let here = without_callback_params(&services.browser.current_url());
    services
        .store
        .load::<String>(keys::MS_RETURN_TO)
        .ok()
        .flatten()
        .and_then(|started| url::Url::parse(&started).ok())
        .filter(|started| started.origin() == here.origin() && started.path() == here.path())
        .unwrap_or(here)
}

/// The saved session, if one reads.
pub fn restore(services: &Services) -> Option<StoredMicrosoftSession> {
    services
        .store
        .load_or_clear(keys::MS_SESSION)
        .ok()
        .flatten()
}

/// A session handle whose renewed (rotated) tokens are saved as they come.
pub fn session_for(services: &Services, stored: &StoredMicrosoftSession) -> MicrosoftSession {
    let (store, kept) = (services.store.clone(), stored.clone());
    let session = MicrosoftSession::new(
        services.transport.clone(),
        stored.settings.clone(),
        stored.tokens.clone(),
        services.clock.clone(),
        move |tokens| {
            let renewed = StoredMicrosoftSession {
                tokens: tokens.clone(),
                ..kept.clone()
            };
            let _ = store.save(keys::MS_SESSION, &renewed);
        },
    );
    session.coordinate(services.token_sync(crate::tabs::MICROSOFT));
    session
}

/// Disconnects from Microsoft 365: forgets its session and sign-in; ServiceNow's, the
/// drafts and the settings stay. (The identity platform offers a browser no revocation: the
/// README says how to revoke sessions in Entra ID.)
pub fn disconnect(services: &Services) {
    for key in [keys::MS_SESSION, keys::MS_PENDING, keys::MS_RETURN_TO] {
        services.store.remove(key);
    }
}

#[cfg(test)]
#[path = "microsoft_flow_tests.rs"]
mod tests;
