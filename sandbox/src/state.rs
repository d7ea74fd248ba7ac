//! The state one sandbox instance shares between its handlers and its `Control`
//! handle: configuration, records, tokens, login sessions, CORS settings and faults.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, PoisonError};

use crate::config::{Config, OAuthClient, SandboxUser};
use crate::control::{GrantCounts, RequestCounts};
use crate::faults::Pending;
use crate::ids;
use crate::seed;
use crate::store::Store;
use crate::tokens::{Lifetimes, Tokens};

/// A browser login session (the `JSESSIONID` cookie).
#[derive(Debug, Clone)]
pub struct Session {
    pub user_name: String,
    /// The form key (`sysparm_ck`) that consent forms must carry.
    pub ck: String,
}

/// Everything that changes while the instance runs.
#[derive(Debug, Default)]
pub struct Data {
    pub store: Store,
    pub tokens: Tokens,
    pub sessions: HashMap<String, Session>,
    pub grants: GrantCounts,
    pub faults: Pending,
    pub api_cors_origin: Option<String>,
    pub oauth_cors_origin: Option<String>,
    /// Whether the read ACL on `sys_user_has_role` lets users read their own roles.
    pub own_roles_readable: bool,
    pub created: HashMap<String, u32>,
    /// The CORS rule's max age in seconds.
    pub cors_max_age_secs: u32,
    /// Whether a REST API access policy refuses `/api/now/ui/user/current_user`.
    pub user_api_restricted: bool,
    /// What browsers and clients asked of the instance so far.
    pub requests: RequestCounts,
    /// The token side of OAuth as this instance is set up (switchable while it runs).
    pub oauth: OAuthBehaviour,
    /// Data policies: table → fields a new record must have.
    pub mandatory_fields: BTreeMap<String, Vec<String>>,
    /// Model-based change management (`chg_model` exists and drives changes).
    pub change_models: bool,
    /// The wake-up page a hibernating instance redirects every request to (`None`: awake).
    pub hibernating: Option<String>,
    /// The new address of an instance that moved: API and token calls are sent there.
    pub moved_to: Option<String>,
}

/// How the OAuth endpoints behave, from [`Config`] and the `Control` switches.
#[derive(Debug, Default)]
pub struct OAuthBehaviour {
    /// Whether public clients get (and may use) a refresh token.
    pub refresh_tokens: bool,
    /// RFC 6749 error codes instead of ServiceNow's `server_error` / `access_denied`.
    pub rfc6749_errors: bool,
    /// Strict mode: refresh tokens rotate with reuse detection (RFC 9700 section 4.14.2),
    /// and refusals use RFC 6749's codes.
    pub strict: bool,
    /// Whether authorization responses carry `iss`.
    pub send_iss: bool,
    /// An `iss` to send instead of the instance's own origin (a test of the client's check).
    pub wrong_iss: Option<String>,
    /// Faults the token endpoint answers with before it answers normally.
    pub token_faults: crate::faults::TokenFaults,
}

#[derive(Debug)]
struct Shared {
    clients: Vec<OAuthClient>,
    users: Vec<SandboxUser>,
    lifetimes: Lifetimes,
    base_url: Mutex<String>,
    data: Mutex<Data>,
    microsoft: crate::microsoft::MsState,
}

/// Cheap-to-clone handle on one instance's state.
#[derive(Clone, Debug)]
pub struct AppState(Arc<Shared>);

impl AppState {
    /// Fresh state for a configuration, with `sys_user` and (optionally) seed records.
    pub fn new(config: &Config) -> AppState {
        let mut data = Data {
            api_cors_origin: config.api_cors_origin.as_deref().map(normalize_origin),
            oauth_cors_origin: config.oauth_cors_origin.as_deref().map(normalize_origin),
            own_roles_readable: config.own_roles_readable,
            cors_max_age_secs: config.cors_max_age_secs,
            user_api_restricted: config.user_api_restricted,
            oauth: OAuthBehaviour {
                refresh_tokens: config.public_refresh_tokens,
                rfc6749_errors: config.rfc6749_token_errors,
                strict: config.strict,
                send_iss: config.send_iss,
                ..OAuthBehaviour::default()
            },
            mandatory_fields: config.mandatory_fields.clone(),
            change_models: config.change_models,
            ..Data::default()
        };
        let now = ids::now_string();
        for user in &config.users {
            data.store.add_user(user, &now);
        }
        crate::roles::seed(&mut data.store, &config.users, &now);
        crate::groups::seed(&mut data.store, &now);
        if config.seed {
            seed::load(&mut data.store, &config.users);
        }
        let lifetimes = Lifetimes {
            access: config.access_token_ttl,
            refresh: config.refresh_token_ttl,
            code: config.code_ttl,
        };
        AppState(Arc::new(Shared {
            clients: config.clients.clone(),
            users: config.users.clone(),
            lifetimes,
            base_url: Mutex::new(format!("http://{}", config.addr)),
            data: Mutex::new(data),
            microsoft: crate::microsoft::MsState::new(&config.microsoft),
        }))
    }

    /// Runs `f` with the mutable state locked (never held across an `.await`).
    pub fn with<R>(&self, f: impl FnOnce(&mut Data) -> R) -> R {
        let mut guard = self.0.data.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut guard)
    }

    /// The Microsoft stand-in's state.
    pub fn microsoft(&self) -> &crate::microsoft::MsState {
        &self.0.microsoft
    }

    /// The registered client with this id.
    pub fn client(&self, client_id: &str) -> Option<&OAuthClient> {
        self.0.clients.iter().find(|c| c.client_id == client_id)
    }

    /// The configured user with this user name.
    pub fn user(&self, user_name: &str) -> Option<&SandboxUser> {
        self.0.users.iter().find(|u| u.user_name == user_name)
    }

    /// Token and code lifetimes.
    pub fn lifetimes(&self) -> Lifetimes {
        self.0.lifetimes
    }

    /// The instance URL used when a request carries no `Host` header.
    pub fn base_url(&self) -> String {
        self.0
            .base_url
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Records the URL the instance was bound to.
    pub fn set_base_url(&self, url: String) {
        *self
            .0
            .base_url
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = url;
    }
}

/// Origins compare exactly; a trailing slash an administrator typed is dropped.
pub fn normalize_origin(origin: &str) -> String {
    origin.trim().trim_end_matches('/').to_owned()
}
