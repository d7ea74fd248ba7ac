//! What the Microsoft stand-in remembers while it runs: sign-in sessions, consents,
//! authorization codes, access and refresh tokens, the tenant's control profiles and
//! scores, the switches in force, pending Graph faults and request counts.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use serde_json::Value;

use super::config::{MicrosoftConfig, MicrosoftUser};

/// An authorization code and what it was issued for.
#[derive(Debug, Clone)]
pub struct Code {
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    pub scope: String,
    pub nonce: Option<String>,
    pub upn: String,
    pub expires_at: Instant,
    pub used: bool,
}

/// What an access or refresh token stands for.
#[derive(Debug, Clone)]
pub struct Grant {
    pub upn: String,
    pub client_id: String,
    pub scope: String,
    pub nonce: Option<String>,
    pub expires_at: Instant,
    pub revoked: bool,
}

/// Requests Graph and the token endpoint received (preflights counted apart).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MicrosoftRequests {
    /// `GET /v1.0/security/secureScoreControlProfiles` pages served or refused.
    pub profile_pages: u32,
    /// `GET /v1.0/security/secureScores` requests.
    pub scores: u32,
    /// `PATCH /v1.0/security/secureScoreControlProfiles/{id}` requests.
    pub patches: u32,
    /// `POST /{tenant}/oauth2/v2.0/token` requests.
    pub token: u32,
    /// CORS preflights on Graph and the token endpoint.
    pub preflights: u32,
}

/// Successful grants at the token endpoint.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MicrosoftGrants {
    pub authorization_code: u32,
    pub refresh_token: u32,
}

/// The switches that change behaviour while the stand-in runs.
#[derive(Debug, Clone)]
pub struct Switches {
    pub admin_consented: bool,
    pub consent_missing: bool,
    pub redirect_type_web: bool,
    pub user_not_in_tenant: bool,
    pub revoke_used_refresh_tokens: bool,
    pub graph_page_size: usize,
    pub graph_cors_origins: Vec<String>,
}

/// Everything mutable.
#[derive(Debug)]
pub struct MsData {
    pub switches: Switches,
    pub users: Vec<MicrosoftUser>,
    pub sessions: HashMap<String, String>,
    /// (user, client) → the scopes consented to.
    pub consents: HashMap<(String, String), HashSet<String>>,
    pub codes: HashMap<String, Code>,
    pub access: HashMap<String, Grant>,
    pub refresh: HashMap<String, Grant>,
    pub profiles: Vec<Value>,
    /// Newest first; never changed while running, so shared between instances.
    pub scores: Arc<Vec<Value>>,
    /// Pending 429s: (Retry-After seconds, how many).
    pub throttle: Option<(u32, u32)>,
    pub requests: MicrosoftRequests,
    pub grants: MicrosoftGrants,
}

#[derive(Debug)]
struct Inner {
    config: MicrosoftConfig,
    data: Mutex<MsData>,
}

/// Cheap-to-clone handle on the Microsoft stand-in's state.
#[derive(Clone, Debug)]
pub struct MsState(Arc<Inner>);

impl MsState {
    /// Fresh state, with the seed profiles and scores unless `config.seed` is off.
    pub fn new(config: &MicrosoftConfig) -> MsState {
        let (profiles, scores) = if config.seed {
            super::seed::cached(&config.tenant_id)
        } else {
            (Vec::new(), Arc::new(Vec::new()))
        };
        let data = MsData {
            switches: Switches {
                admin_consented: config.admin_consented,
                consent_missing: config.consent_missing,
                redirect_type_web: config.redirect_type_web,
                user_not_in_tenant: config.user_not_in_tenant,
                revoke_used_refresh_tokens: config.revoke_used_refresh_tokens,
                graph_page_size: config.graph_page_size.max(1),
                graph_cors_origins: config.graph_cors_origins.clone(),
            },
            users: config.users.clone(),
            sessions: HashMap::new(),
            consents: HashMap::new(),
            codes: HashMap::new(),
            access: HashMap::new(),
            refresh: HashMap::new(),
            profiles,
            scores,
            throttle: None,
            requests: MicrosoftRequests::default(),
            grants: MicrosoftGrants::default(),
        };
        MsState(Arc::new(Inner {
            config: config.clone(),
            data: Mutex::new(data),
        }))
    }

    /// The configuration it started from (tenant, registration, lifetimes).
    pub fn config(&self) -> &MicrosoftConfig {
        &self.0.config
    }

    /// Runs `f` with the state locked (never held across an `.await`).
    pub fn with<R>(&self, f: impl FnOnce(&mut MsData) -> R) -> R {
        let mut guard = self.0.data.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut guard)
    }

    /// Whether a `{tenant}` path segment names the seeded tenant: its ID, its domain, or
    /// `organizations`/`common` (v2-oauth2-auth-code-flow.md, the `tenant` parameter).
    pub fn accepts_tenant(&self, tenant: &str) -> bool {
        let c = &self.0.config;
        tenant.eq_ignore_ascii_case(&c.tenant_id)
            || tenant.eq_ignore_ascii_case(&c.tenant_domain)
            || tenant.eq_ignore_ascii_case("organizations")
            || tenant.eq_ignore_ascii_case("common")
    }

    /// The user with this user principal name (case-insensitive, as sign-in names are).
    pub fn user(&self, upn: &str) -> Option<MicrosoftUser> {
        self.with(|d| {
            d.users
                .iter()
                .find(|u| u.upn.eq_ignore_ascii_case(upn.trim()))
                .cloned()
        })
    }
}
