//! The test and demo handle on a running instance: inject faults, expire tokens,
//! change CORS settings, and look at records and grants.

use serde_json::{Map, Value};

use crate::faults::{Fault, TokenFault};
use crate::seed;
use crate::state::{normalize_origin, AppState};

/// How many grants the token endpoint has made, and how many tokens were revoked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GrantCounts {
    /// Successful `grant_type=authorization_code` exchanges.
    pub authorization_code: u32,
    /// Successful `grant_type=refresh_token` exchanges.
    pub refresh_token: u32,
    /// Revocations that revoked a live token.
    pub revoked: u32,
}

/// Requests the instance has received, as a page load costs them: the REST API calls
/// (`/api/*`), the CORS preflights (`OPTIONS` with `Access-Control-Request-Method`, on
/// any path) and the token endpoint's requests, preflights not included in either; and,
/// over every ServiceNow path, those a hibernating instance redirected (counted there only)
/// and the API and token requests that carried a `Referer` header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequestCounts {
    /// REST API requests (Table, Aggregate, current user), preflights left out.
    pub api: u32,
    /// CORS preflights, on the API and the token endpoint alike.
    pub preflights: u32,
    /// `POST /oauth_token.do` requests.
    pub token: u32,
    /// Requests answered with a redirect: any request while hibernating (see
    /// [`Control::set_hibernating`]), API and token calls once moved ([`Control::set_moved`]).
    pub redirected: u32,
    /// API (`/api/*`), token and revocation requests, preflights included, that carried a
    /// `Referer` header.
    pub referer: u32,
}

impl RequestCounts {
    pub(crate) fn count(&mut self, api: bool, token: bool, preflight: bool) {
        let slot = match (preflight, api, token) {
            (true, _, _) => &mut self.preflights,
            (false, true, _) => &mut self.api,
            (false, false, true) => &mut self.token,
            _ => return,
        };
        *slot = slot.saturating_add(1);
    }
}

/// A cloneable handle onto a running instance's state.
#[derive(Clone, Debug)]
pub struct Control {
    pub(crate) state: AppState,
}

impl Control {
    /// The next `count` API requests (`/api/*`) get this fault; an after-commit fault
    /// (503 or dropped) applies to the next `count` creates instead. Replaces any pending
    /// fault.
    pub fn inject(&self, fault: Fault, count: u32) {
        self.state.with(|d| d.faults.set(fault, count, false));
    }

    /// The next `count` creates (`POST /api/now/table/{table}`) get this fault; other API
    /// requests pass. Replaces any pending fault.
    pub fn inject_on_creates(&self, fault: Fault, count: u32) {
        self.state.with(|d| d.faults.set(fault, count, true));
    }

    /// The fault still pending and how many more requests get it (`None`: all served).
    pub fn pending_fault(&self) -> Option<(Fault, u32)> {
        self.state.with(|d| d.faults.peek())
    }

    /// Forgets any fault not served yet.
    pub fn clear_faults(&self) {
        self.state
            .with(|d| d.faults.set(Fault::InternalError, 0, false));
    }

    /// Every access token issued so far is now expired; refresh tokens stay valid.
    pub fn expire_access_tokens(&self) {
        self.state.with(|d| d.tokens.expire_access_tokens());
    }

    /// Every refresh token issued so far is now expired: a refresh is refused (in
    /// ServiceNow's format unless RFC 6749 errors are switched on).
    pub fn expire_refresh_tokens(&self) {
        self.state.with(|d| d.tokens.expire_refresh_tokens());
    }

    /// Whether public clients get a refresh token (and may use one) from now on.
    pub fn set_refresh_tokens(&self, issued: bool) {
        self.state.with(|d| d.oauth.refresh_tokens = issued);
    }

    /// Whether refused grants are answered RFC 6749 style (`invalid_grant`) rather than as
    /// ServiceNow does (`401 server_error` / `access_denied`).
    pub fn set_rfc6749_token_errors(&self, rfc6749: bool) {
        self.state.with(|d| d.oauth.rfc6749_errors = rfc6749);
    }

    /// Strict mode on or off: refresh tokens rotate and a reused one revokes its grant
    /// (RFC 9700 section 4.14.2), refusals are RFC 6749's. Public clients need
    /// [`Self::set_refresh_tokens`] as well to get refresh tokens at all.
    pub fn set_strict(&self, strict: bool) {
        self.state.with(|d| d.oauth.strict = strict);
    }

    /// How many grants strict mode revoked because a replaced refresh token was presented
    /// again: 0 while every client used only its newest refresh token.
    pub fn reuse_revocations(&self) -> u32 {
        self.state.with(|d| d.tokens.reuse_revocations())
    }

    /// Whether authorization responses carry RFC 9207's `iss`.
    pub fn set_send_iss(&self, send: bool) {
        self.state.with(|d| d.oauth.send_iss = send);
    }

    /// Sends this `iss` instead of the instance's own origin (`None`: its own again).
    pub fn set_wrong_iss(&self, issuer: Option<String>) {
        self.state.with(|d| d.oauth.wrong_iss = issuer);
    }

    /// The next `count` token endpoint requests get this fault. Replaces any pending one.
    pub fn fail_token_endpoint(&self, fault: TokenFault, count: u32) {
        self.state.with(|d| d.oauth.token_faults.set(fault, count));
    }

    /// Sets (or with `None` removes) the CORS rule origin for `/api/*`.
    pub fn set_api_cors_origin(&self, origin: Option<String>) {
        let origin = origin.as_deref().map(normalize_origin);
        self.state.with(|d| d.api_cors_origin = origin);
    }

    /// Sets the CORS rule's max age: how long a browser may cache a preflight's answer.
    pub fn set_cors_max_age(&self, secs: u32) {
        self.state.with(|d| d.cors_max_age_secs = secs);
    }

    /// Makes a REST API access policy refuse the current-user API (403), or lifts it.
    pub fn set_user_api_restricted(&self, restricted: bool) {
        self.state.with(|d| d.user_api_restricted = restricted);
    }

    /// Hibernates the instance (`Some(wake_url)`: every request to it, API and token
    /// endpoint included, is answered `302 Found` to `wake_url`) or wakes it (`None`).
    pub fn set_hibernating(&self, wake_url: Option<String>) {
        self.state.with(|d| d.hibernating = wake_url);
    }

    /// Moves the instance (`Some(new_base)`: API and token calls answered `307` to the same
    /// path on `new_base`, with the CORS rule applied) or puts it back (`None`).
    pub fn set_moved(&self, new_base: Option<String>) {
        self.state.with(|d| d.moved_to = new_base);
    }

    /// Where a hibernating instance sends requests (`None`: awake).
    pub fn hibernating(&self) -> Option<String> {
        self.state.with(|d| d.hibernating.clone())
    }

    /// The requests received since the instance started or the last [`Self::reset_requests`].
    pub fn requests(&self) -> RequestCounts {
        self.state.with(|d| d.requests)
    }

    /// Starts counting requests afresh.
    pub fn reset_requests(&self) {
        self.state.with(|d| d.requests = RequestCounts::default());
    }

    /// Sets `glide.oauth.cors.allowed.origin`: a host name, `*`, or an origin (`None` or
    /// an empty string blocks browsers from the token URL).
    pub fn set_oauth_cors_origin(&self, origin: Option<String>) {
        let origin = origin.as_deref().map(normalize_origin);
        self.state.with(|d| d.oauth_cors_origin = origin);
    }

    /// Lets users read their own roles, or (`false`) hides them as a strict read ACL does.
    pub fn set_own_roles_readable(&self, readable: bool) {
        self.state.with(|d| d.own_roles_readable = readable);
    }

    /// Makes `fields` mandatory on new records of `table` (a data policy); an empty list
    /// removes the table's policy.
    pub fn set_mandatory_fields(&self, table: &str, fields: &[&str]) {
        let fields: Vec<String> = fields.iter().map(|f| (*f).to_owned()).collect();
        self.state.with(|d| {
            if fields.is_empty() {
                d.mandatory_fields.remove(table);
            } else {
                d.mandatory_fields.insert(table.to_owned(), fields);
            }
        });
    }

    /// Switches between model-based change management (`true`, a new instance's default)
    /// and type-based (`false`: no `chg_model` table).
    pub fn set_change_models(&self, model_based: bool) {
        self.state.with(|d| d.change_models = model_based);
    }

    /// The `sys_id` of a seed assignment group (`sys_user_group`) by name.
    pub fn group_sys_id(&self, name: &str) -> String {
        crate::groups::group_sys_id(name)
    }

    /// The `sys_id` of a base change model (`chg_model`) by name, e.g. "Normal".
    pub fn change_model_sys_id(&self, name: &str) -> String {
        crate::groups::model_sys_id(name)
    }

    /// A table's records in their stored (value) form.
    pub fn records(&self, table: &str) -> Vec<Map<String, Value>> {
        self.state.with(|d| {
            let rows = d.store.rows(table).iter();
            rows.map(|r| {
                r.iter()
                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                    .collect()
            })
            .collect()
        })
    }

    /// The handle on the Microsoft identity platform and Graph stand-in.
    pub fn microsoft(&self) -> crate::microsoft::MicrosoftControl {
        crate::microsoft::MicrosoftControl {
            ms: self.state.microsoft().clone(),
        }
    }

    /// Grants made so far.
    pub fn grants(&self) -> GrantCounts {
        self.state.with(|d| d.grants)
    }

    /// Whether this access token would be accepted by the API right now.
    pub fn access_token_valid(&self, token: &str) -> bool {
        self.state.with(|d| d.tokens.user_of(token).is_some())
    }

    /// Adds `count` generated tickets to `incident` or `change_request`.
    pub fn seed_tickets(&self, table: &str, count: usize) {
        self.state
            .with(|d| seed::generate(&mut d.store, table, count));
    }

    /// How many records POST creates have added to a table.
    pub fn created_requests(&self, table: &str) -> u32 {
        self.state
            .with(|d| d.created.get(table).copied().unwrap_or(0))
    }
}
