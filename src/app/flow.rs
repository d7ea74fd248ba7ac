//! Connecting, step by step: check the instance answers, send the browser to sign in, take the
//! callback, exchange the code, and restore a session after a reload.

use oauth2::http;

use serde::{Deserialize, Serialize};

use super::services::Services;
use super::state::ConnectError;
use super::trust::Trust;
use crate::servicenow::oauth::{self, Callback};
use crate::servicenow::revoke;
use crate::servicenow::{
    InstanceUrl, OAuthError, OAuthSettings, PendingAuthorization, ServiceNowClient, TokenSet,
    TransportError,
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
        // A readable answer, one the browser hides for lack of CORS, or a redirect (an
        // instance's `/` sends to its login page): either way, it's there.
        Ok(_) | Err(TransportError::Blocked { .. } | TransportError::Redirected { .. }) => Ok(()),
        Err(other) => Err(OAuthError::Transport(other).into()),
    }
}

/// The sign-in in flight must survive the page leaving for the instance: a page whose session
/// storage failed keeps it only in memory, lost with the page, so the sign-in is refused
/// before it starts ("allow site data") instead of failing after the redirect.
pub fn check_sign_in_survives(services: &Services, key: &str) -> Result<(), StorageError> {
    if services.store.survives_navigation(key) {
        Ok(())
    } else {
        Err(StorageError::Unavailable {
            key: key.to_owned(),
        })
    }
}

/// Whether the page (at `page`) lets this component sign in with `settings`: its instance,
/// and its token URL by the rule the setup page applies to a typed one
/// ([`Trust::allows_token_url`]). Checked before anything is sent, for Authorize and for
/// "Sign in again" / "Re-authorize" of a stored session alike (a session saved under another
/// policy, or written into storage by other means, is refused here).
pub fn check_allowed(
    trust: &Trust,
    page: &url::Url,
    settings: &OAuthSettings,
) -> Result<(), ConnectError> {
    trust
        .check_instance(&settings.instance)
        .map_err(ConnectError::NotAllowed)?;
    match &settings.token_url {
        Some(token_url)
            if !trust.allows_token_url(token_url.url(), page, Some(&settings.instance)) =>
        {
            Err(ConnectError::TokenUrlNotAllowed {
                origin: token_url.url().origin().ascii_serialization(),
            })
        }
        _ => Ok(()),
    }
}

/// Saves the PKCE verifier and state for the callback (with when it was made), then
/// navigates to the sign-in page; an instance the page does not allow never gets there.
pub fn start_authorization(
    services: &Services,
    trust: &Trust,
    settings: OAuthSettings,
) -> Result<(), ConnectError> {
    check_allowed(trust, &services.browser.current_url(), &settings)?;
    check_sign_in_survives(services, keys::PENDING)?;
    let (url, pending) = oauth::begin(settings, (services.clock)())?;
    services.store.save(keys::PENDING, &pending)?;
    let here = services.browser.current_url();
    services.store.save(
        keys::RETURN_TO,
        &oauth::without_callback_params(&here).as_str(),
    )?;
    // A write the browser refused just now (storage full) left them in memory only, which
    // the redirect would lose: asked again after writing, not only before.
    check_sign_in_survives(services, keys::PENDING)?;
    check_sign_in_survives(services, keys::RETURN_TO)?;
    services.browser.redirect(&url);
    Ok(())
}

/// Whose authorization response is on the page's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallbackRoute {
    /// Its `state` is this component's pending request.
    Mine,
    /// Its `state` is another component's on this page: leave it to that one.
    Another,
    /// No component in this tab asked for it (a replayed or stale answer): the first
    /// component to see it reports it, so it never goes unexplained.
    Unclaimed,
}

/// Routes a callback carrying `state` among this component's pending state and the others'.
pub fn route_callback(state: Option<&str>, mine: Option<&str>, others: &[&str]) -> CallbackRoute {
    match state {
        Some(state) if mine == Some(state) => CallbackRoute::Mine,
        Some(state) if others.contains(&state) => CallbackRoute::Another,
        _ => CallbackRoute::Unclaimed,
    }
}

/// The authorization response on the page's address that this component is to finish, if
/// any; the address bar is left alone.
pub fn callback_for_this(services: &Services) -> Option<Callback> {
    let callback = Callback::from_url(&services.browser.current_url())?;
    // The same redirect URL serves the Microsoft 365 sign-in: its answer is not ServiceNow's.
    if super::microsoft_flow::callback_for_microsoft(services).is_some() {
        return None;
    }
    let mine = services
        .store
        .load::<PendingAuthorization>(keys::PENDING)
        .ok()
        .flatten();
    let others = services
        .store
        .values_elsewhere::<PendingAuthorization>(keys::PENDING);
    let others: Vec<&str> = others.iter().map(|p| p.state.secret().as_str()).collect();
    let mine = mine.as_ref().map(|p| p.state.secret().as_str());
    match route_callback(callback.state.as_deref(), mine, &others) {
        CallbackRoute::Mine | CallbackRoute::Unclaimed => Some(callback),
        CallbackRoute::Another => None,
    }
}

/// Like [`callback_for_this`], and cleans the address bar at once so a reload can never
/// replay the code. The host page's own query and hash come back: the instance returns to
/// the redirect URL with its answer added, so they are taken from where this component's
/// sign-in started (when that was this same page). Whatever else the answer carries (`iss`,
/// or parameters no specification names) never stands in the way: the address the sign-in
/// started from is the host page's own, as it was (plus a query or hash only the way back
/// had).
pub fn take_callback(services: &Services) -> Option<Callback> {
    let callback = callback_for_this(services)?;
    let back = address_after(services);
    services.store.remove(keys::RETURN_TO);
    services.browser.replace_url(&back);
    Some(callback)
}

/// The address the page has once this component's pending answer is taken: the page's own
/// from where the sign-in started (see [`take_callback`]); `None` when no answer is this
/// component's to take. Changes nothing, so the view can be read from it before.
pub fn address_after_callback(services: &Services) -> Option<url::Url> {
    callback_for_this(services)?;
    Some(address_after(services))
}

fn address_after(services: &Services) -> url::Url {
    let url = oauth::without_callback_params(&services.browser.current_url());
    let started = services
        .store
        .load::<String>(keys::RETURN_TO)
        .ok()
        .flatten();
    started
        .and_then(|started| url::Url::parse(&started).ok())
        .filter(|started| started.origin() == url.origin() && started.path() == url.path())
        .map(|mut started| {
            // What the host page had wins; what only the way back had (a hash the instance
            // kept, a registered query) is kept too.
            if started.query().is_none() {
                started.set_query(url.query());
            }
            if started.fragment().is_none() {
                started.set_fragment(url.fragment());
            }
            started
        })
        .unwrap_or(url)
}

/// The tokens of a session that a new sign-in replaces.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreviousTokens {
    pub instance: InstanceUrl,
    pub tokens: TokenSet,
}

/// Keeps the current session's tokens aside (across the redirect) before signing in again,
/// so that [`revoke_previous`] can revoke them once the new session is saved.
pub fn keep_previous(services: &Services, instance: InstanceUrl, tokens: TokenSet) {
    // Unsaved, the old tokens only live on until they expire: nothing else breaks.
    let _ = services
        .store
        .save(keys::PREVIOUS_TOKENS, &PreviousTokens { instance, tokens });
}

/// After a new session is saved: revokes the tokens of the session it replaced, never one
/// the new session holds. What revocation answers changes nothing (the new session works
/// either way); whether it was confirmed is returned for tests and logs.
pub async fn revoke_previous(services: &Services, current: &StoredSession) -> Option<bool> {
    let previous = services
        .store
        .load_or_clear::<PreviousTokens>(keys::PREVIOUS_TOKENS)
        .ok()
        .flatten();
    services.store.remove(keys::PREVIOUS_TOKENS);
    let PreviousTokens {
        instance,
        mut tokens,
    } = previous?;
    if tokens.access_token.secret() == current.tokens.access_token.secret() {
        return None;
    }
    let shared = |t: &oauth2::RefreshToken| {
        current
            .tokens
            .refresh_token
            .as_ref()
            .is_some_and(|c| c.secret() == t.secret())
    };
    if tokens.refresh_token.as_ref().is_some_and(shared) {
        tokens.refresh_token = None;
    }
    let now = (services.clock)();
    let result = revoke::revoke_tokens(&*services.transport, &instance, &tokens, now).await;
    Some(result.is_ok())
}

/// Before the page leaves for a sign-in page: tokens that end with the page (memory mode, or
/// storage failed) could never be revoked after the new sign-in, so the ServiceNow session
/// and the tokens kept aside for revoking are revoked now and forgotten. With tokens in
/// session storage nothing happens here: [`revoke_previous`] revokes them once the new
/// session is saved. Returns how many token sets were revoked and confirmed, for tests.
/// Tokens of an instance the page refuses are forgotten with the rest, never sent there.
pub async fn revoke_before_leaving(services: &Services, trust: &Trust) -> Vec<bool> {
    if !services.store.tokens_end_with_the_page() {
        return Vec::new();
    }
    // A renewal under way holds the refresh lock until its new set is saved: waiting for it
    // means the set read below is the newest, and no token issued meanwhile escapes revoking.
    let _turn = services.token_sync(crate::tabs::SERVICENOW).lock().await;
    let previous = services
        .store
        .load::<PreviousTokens>(keys::PREVIOUS_TOKENS)
        .ok()
        .flatten();
    let current = services
        .store
        .load::<StoredSession>(keys::SESSION)
        .ok()
        .flatten()
        .map(|s| PreviousTokens {
            instance: s.settings.instance,
            tokens: s.tokens,
        });
    forget_session(services);
    let mut sets: Vec<PreviousTokens> = Vec::new();
    for set in previous.into_iter().chain(current) {
        let same = |kept: &PreviousTokens| {
            kept.tokens.access_token.secret() == set.tokens.access_token.secret()
        };
        let allowed = trust.check_instance(&set.instance).is_ok();
        if allowed && !sets.iter().any(same) {
            sets.push(set);
        }
    }
    let now = (services.clock)();
    let mut confirmed = Vec::new();
    for PreviousTokens { instance, tokens } in sets {
        let result = revoke::revoke_tokens(&*services.transport, &instance, &tokens, now).await;
        confirmed.push(result.is_ok());
    }
    confirmed
}

/// Forgets a session the instance no longer accepts, with the tokens an abandoned
/// re-authorization kept aside (they were this session's); drafts and settings stay.
pub fn forget_session(services: &Services) {
    services.store.remove(keys::SESSION);
    services.store.remove(keys::PREVIOUS_TOKENS);
}

/// A sign-in that came back refused or broken: what was kept for its return goes, so a
/// later sign-in neither jumps to a stale page nor revokes the session still stored (the
/// old session stays usable until it ends by itself). An answer that was not this sign-in's
/// (a forged or replayed `?code&state`, whose `state` matches no pending record) leaves a
/// sign-in still in flight whole: its tokens kept aside are revoked when its own answer
/// comes back, and its page to return to is still wanted.
pub fn abandon_sign_in(services: &Services) {
    if sign_in_in_flight(services) {
        return;
    }
    services.store.remove(keys::PREVIOUS_TOKENS);
    services.store.remove(keys::RETURN_VIEW);
}

/// Whether this component's sign-in is still waiting for its answer: a pending record that
/// reads and is not older than ten minutes ([`complete`] removes the one it answers).
fn sign_in_in_flight(services: &Services) -> bool {
    matches!(
        services.store.load::<PendingAuthorization>(keys::PENDING),
        Ok(Some(pending)) if !oauth::pending_expired(pending.created_at, (services.clock)())
    )
}

/// Whether the page's address carries an authorization answer (or part of one: `code`,
/// `state` or `error`), for whichever sign-in.
pub fn answer_on_address(url: &url::Url) -> bool {
    url.query_pairs()
        .any(|(key, _)| matches!(key.as_ref(), "code" | "state" | "error"))
}

/// On load, with no answer on the address: a pending sign-in older than ten minutes (or
/// without a start time) was abandoned (the person never came back with its answer, and
/// one coming later would be refused), so it and its page to return to are removed, quietly.
/// Only this component's namespace is touched. Returns whether one was removed.
pub fn forget_abandoned_sign_in(services: &Services) -> bool {
    if answer_on_address(&services.browser.current_url()) {
        return false;
    }
    let expired = matches!(
        services.store.load::<PendingAuthorization>(keys::PENDING),
        Ok(Some(pending)) if oauth::pending_expired(pending.created_at, (services.clock)())
    );
    if expired {
        services.store.remove(keys::PENDING);
        services.store.remove(keys::RETURN_TO);
    }
    expired
}

/// Finishes the flow: checks state against this tab's request, refuses a sign-in older than
/// 10 minutes (cleared: the person starts again), and exchanges the code.
pub async fn complete(
    services: &Services,
    callback: Callback,
) -> Result<StoredSession, ConnectError> {
    let pending = services
        .store
        .load_or_clear::<PendingAuthorization>(keys::PENDING)?;
    // A forged or stale answer (a `state` this tab's sign-in did not send) leaves the
    // sign-in in flight alone: it may still come back with its own answer.
    let answers_it = pending
        .as_ref()
        .is_some_and(|p| callback.state.as_deref() == Some(p.state.secret().as_str()));
    if answers_it {
        services.store.remove(keys::PENDING);
    }
    let code = callback.verify(pending.as_ref())?;
    let pending = pending.ok_or(OAuthError::NoPendingAuthorization)?;
    if oauth::pending_expired(pending.created_at, (services.clock)()) {
        return Err(OAuthError::PendingExpired.into());
    }
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

/// The session saved in this tab, if the page's policy lets this component use it. A session
/// whose instance the page refuses (`allowed-instances` narrowed since it was made, at run
/// time or before a reload) is never used: no client is built for it and no request carries
/// its tokens; the refusal says which instances the page allows. It stays in storage as it
/// is: revoking it would send its tokens to the very instance the page refuses (it is not
/// ours to revoke there), forgetting it would leave its tokens alive with no way left to
/// revoke them, and a page that allows the instance again finds it usable.
pub fn restore_allowed(
    services: &Services,
    trust: &Trust,
) -> Result<Option<StoredSession>, ConnectError> {
    let Some(session) = restore(services)? else {
        return Ok(None);
    };
    check_allowed(trust, &services.browser.current_url(), &session.settings)?;
    Ok(Some(session))
}

/// Whether a session that reads is saved; changes nothing (an unreadable one is left for
/// [`restore`] to report and clear).
pub fn has_session(services: &Services) -> bool {
    matches!(
        services.store.load::<StoredSession>(keys::SESSION),
        Ok(Some(_))
    )
}

/// A client for `session` that saves every renewed token set back to storage.
pub fn client_for(services: &Services, session: &StoredSession) -> ServiceNowClient {
    let store = services.store.clone();
    let ended = services.clone();
    let client = ServiceNowClient::new(
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
    );
    // A refused refresh: the stored session is dead, and a reload must not bring it back.
    client.on_session_end(move || forget_session(&ended));
    client.coordinate(services.token_sync(crate::tabs::SERVICENOW));
    client
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
