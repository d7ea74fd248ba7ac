//! The test and demo handle on the Microsoft stand-in, and the same controls over HTTP
//! under `/sandbox/microsoft/…` (no authentication and no CORS: not part of the stand-in).

use std::time::Instant;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::state::{MicrosoftGrants, MicrosoftRequests, MsState};
use crate::state::AppState;

/// A cloneable handle on the Microsoft stand-in's state.
#[derive(Clone, Debug)]
pub struct MicrosoftControl {
    pub(crate) ms: MsState,
}

impl MicrosoftControl {
    /// The consent is missing and users may not give it: sign-in answers `AADSTS65001`.
    pub fn set_consent_missing(&self, on: bool) {
        self.ms.with(|d| d.switches.consent_missing = on);
    }

    /// The registration's redirect URIs become "Web" (`true`) or are "SPA" again.
    pub fn set_redirect_type_web(&self, on: bool) {
        self.ms.with(|d| d.switches.redirect_type_web = on);
    }

    /// Every signed-in user is treated as not a member of the tenant (`AADSTS50020`).
    pub fn set_user_not_in_tenant(&self, on: bool) {
        self.ms.with(|d| d.switches.user_not_in_tenant = on);
    }

    /// An administrator consented for the tenant: no consent page.
    pub fn set_admin_consented(&self, on: bool) {
        self.ms.with(|d| d.switches.admin_consented = on);
    }

    /// Whether a used refresh token stops working (the sandbox's default) or stays valid
    /// until it expires (Microsoft's documented behaviour).
    pub fn set_revoke_used_refresh_tokens(&self, on: bool) {
        self.ms.with(|d| d.switches.revoke_used_refresh_tokens = on);
    }

    /// The `secureScoreControlProfiles` page size without `$top`.
    pub fn set_page_size(&self, size: usize) {
        self.ms.with(|d| d.switches.graph_page_size = size.max(1));
    }

    /// The origins Graph answers CORS requests for (`*` for any).
    pub fn set_graph_cors_origins(&self, origins: Vec<String>) {
        self.ms.with(|d| d.switches.graph_cors_origins = origins);
    }

    /// The next `count` Graph requests get `429` with `Retry-After: retry_after_secs`.
    pub fn throttle(&self, retry_after_secs: u32, count: u32) {
        self.ms
            .with(|d| d.throttle = (count > 0).then_some((retry_after_secs, count)));
    }

    /// Every access token issued so far is now expired.
    pub fn expire_access_tokens(&self) {
        let now = Instant::now();
        self.ms
            .with(|d| d.access.values_mut().for_each(|g| g.expires_at = now));
    }

    /// Every refresh token issued so far is now expired (`AADSTS700084` on refresh).
    pub fn expire_refresh_tokens(&self) {
        let now = Instant::now();
        self.ms
            .with(|d| d.refresh.values_mut().for_each(|g| g.expires_at = now));
    }

    /// Replaces a user's directory roles; whether the user exists.
    pub fn set_user_roles(&self, upn: &str, roles: &[&str]) -> bool {
        self.ms.with(|d| {
            let user = d.users.iter_mut().find(|u| u.upn.eq_ignore_ascii_case(upn));
            user.map(|u| u.roles = roles.iter().map(|r| (*r).to_owned()).collect())
                .is_some()
        })
    }

    /// A control profile as Graph would return it.
    pub fn profile(&self, id: &str) -> Option<Value> {
        self.ms
            .with(|d| d.profiles.iter().find(|p| p["id"] == id).cloned())
    }

    /// Sizes the tenant at `count` control profiles, with 90 days of scores to match, and
    /// returns how many it has now (at most [`max_profiles`](Self::max_profiles)): the seed's
    /// first ones, then more generated the same way (baseline settings and software
    /// updates). A test fixture size for the speed benchmark, not a Microsoft behaviour; the
    /// issue's "tenants have 300–500 profiles" is its reason. Updates made by PATCH are lost.
    pub fn set_profile_count(&self, count: usize) -> usize {
        let tenant = self.ms.config().tenant_id.clone();
        let (profiles, scores) = super::seed::cached_sized(&tenant, Some(count));
        self.ms.with(|d| {
            d.profiles = profiles;
            d.scores = scores;
            d.profiles.len()
        })
    }

    /// The most control profiles [`Self::set_profile_count`] can give the tenant.
    pub fn max_profiles(&self) -> usize {
        super::seed::max_profiles()
    }

    /// How many control profiles the tenant has.
    pub fn profile_count(&self) -> usize {
        self.ms.with(|d| d.profiles.len())
    }

    /// The newest secure score.
    pub fn latest_score(&self) -> Option<Value> {
        self.ms.with(|d| d.scores.first().cloned())
    }

    /// Whether Graph would accept this access token now.
    pub fn access_token_valid(&self, token: &str) -> bool {
        self.ms.with(|d| {
            d.access
                .get(token)
                .is_some_and(|g| !g.revoked && Instant::now() < g.expires_at)
        })
    }

    /// Requests counted since the start or the last [`Self::reset_requests`].
    pub fn requests(&self) -> MicrosoftRequests {
        self.ms.with(|d| d.requests)
    }

    /// Starts counting afresh.
    pub fn reset_requests(&self) {
        self.ms.with(|d| d.requests = MicrosoftRequests::default());
    }

    /// Successful grants so far.
    pub fn grants(&self) -> MicrosoftGrants {
        self.ms.with(|d| d.grants)
    }

    fn switches_json(&self) -> Value {
        self.ms.with(|d| {
            let s = &d.switches;
            json!({
                "consent_missing": s.consent_missing,
                "redirect_type_web": s.redirect_type_web,
                "user_not_in_tenant": s.user_not_in_tenant,
                "admin_consented": s.admin_consented,
                "revoke_used_refresh_tokens": s.revoke_used_refresh_tokens,
                "page_size": s.graph_page_size,
                "graph_cors_origins": s.graph_cors_origins,
            })
        })
    }
}

/// `/sandbox/microsoft/switches`, `/faults`, `/expire-tokens`, `/expire-refresh-tokens`,
/// `/requests`, `/profiles/{id}`, `/roles`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/switches", put(switches))
        .route("/faults", post(faults))
        .route("/expire-tokens", post(expire_tokens))
        .route("/expire-refresh-tokens", post(expire_refresh_tokens))
        .route("/requests", get(requests).delete(reset_requests))
        .route("/profiles/{id}", get(profile))
        .route("/roles", put(roles))
}

fn control(ms: MsState) -> MicrosoftControl {
    MicrosoftControl { ms }
}

/// `{"consent_missing": bool, "redirect_type_web": bool, "user_not_in_tenant": bool,
/// "admin_consented": bool, "revoke_used_refresh_tokens": bool, "page_size": n,
/// "graph_cors_origins": [...]}`; an absent key is unchanged.
async fn switches(State(ms): State<MsState>, Json(request): Json<Value>) -> Response {
    let c = control(ms);
    let flag = |name: &str| request.get(name).and_then(Value::as_bool);
    if let Some(on) = flag("consent_missing") {
        c.set_consent_missing(on);
    }
    if let Some(on) = flag("redirect_type_web") {
        c.set_redirect_type_web(on);
    }
    if let Some(on) = flag("user_not_in_tenant") {
        c.set_user_not_in_tenant(on);
    }
    if let Some(on) = flag("admin_consented") {
        c.set_admin_consented(on);
    }
    if let Some(on) = flag("revoke_used_refresh_tokens") {
        c.set_revoke_used_refresh_tokens(on);
    }
    if let Some(size) = request.get("page_size").and_then(Value::as_u64) {
        c.set_page_size(usize::try_from(size).unwrap_or(usize::MAX));
    }
    if let Some(list) = request.get("graph_cors_origins").and_then(Value::as_array) {
        let origins = list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        c.set_graph_cors_origins(origins);
    }
    Json(c.switches_json()).into_response()
}

#[derive(Deserialize)]
struct FaultRequest {
    fault: String,
    count: Option<u32>,
    retry_after: Option<u32>,
}

/// `{"fault": "429", "count": 1, "retry_after": 30}`.
async fn faults(State(ms): State<MsState>, Json(request): Json<FaultRequest>) -> Response {
    if request.fault != "429" {
        let error = json!({ "error": "fault must be 429" });
        return (StatusCode::BAD_REQUEST, Json(error)).into_response();
    }
    let (secs, count) = (
        request.retry_after.unwrap_or(30),
        request.count.unwrap_or(1),
    );
    control(ms).throttle(secs, count);
    Json(json!({ "fault": "429", "count": count, "retry_after": secs })).into_response()
}

async fn expire_tokens(State(ms): State<MsState>) -> Response {
    control(ms).expire_access_tokens();
    Json(json!({ "expired": true })).into_response()
}

async fn expire_refresh_tokens(State(ms): State<MsState>) -> Response {
    control(ms).expire_refresh_tokens();
    Json(json!({ "expired": true })).into_response()
}

async fn requests(State(ms): State<MsState>) -> Response {
    let r = control(ms).requests();
    Json(json!({
        "profile_pages": r.profile_pages,
        "scores": r.scores,
        "patches": r.patches,
        "token": r.token,
        "preflights": r.preflights,
    }))
    .into_response()
}

async fn reset_requests(State(ms): State<MsState>) -> Response {
    control(ms).reset_requests();
    StatusCode::NO_CONTENT.into_response()
}

async fn profile(State(ms): State<MsState>, Path(id): Path<String>) -> Response {
    match control(ms).profile(&id) {
        Some(profile) => Json(profile).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Deserialize)]
struct RolesRequest {
    user: String,
    roles: Vec<String>,
}

/// `{"user": "megan.bowen@contoso.onmicrosoft.com", "roles": []}`.
async fn roles(State(ms): State<MsState>, Json(request): Json<RolesRequest>) -> Response {
    let roles: Vec<&str> = request.roles.iter().map(String::as_str).collect();
    if !control(ms).set_user_roles(&request.user, &roles) {
        return StatusCode::NOT_FOUND.into_response();
    }
    Json(json!({ "user": request.user, "roles": request.roles })).into_response()
}
