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

/// A cloneable handle onto a running instance's state.
#[derive(Clone, Debug)]
pub struct Control {
    pub(crate) state: AppState,
}

impl Control {
    /// The next `count` API requests (`/api/*`) get this fault; an after-commit fault
    /// applies to the next `count` creates instead. Replaces any pending fault.
    pub fn inject(&self, fault: Fault, count: u32) {
        self.state.with(|d| d.faults.set(fault, count));
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

    /// Sets `glide.oauth.cors.allowed.origin` (`None` blocks browsers from the token URL).
    pub fn set_oauth_cors_origin(&self, origin: Option<String>) {
        let origin = origin.as_deref().map(normalize_origin);
        self.state.with(|d| d.oauth_cors_origin = origin);
    }

    /// Lets users read their own roles, or (`false`) hides them as a strict read ACL does.
    pub fn set_own_roles_readable(&self, readable: bool) {
        self.state.with(|d| d.own_roles_readable = readable);
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
