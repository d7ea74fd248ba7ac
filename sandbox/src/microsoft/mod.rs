//! A stand-in for the Microsoft identity platform (v2.0 authorize and token endpoints
//! under `/{tenant}/oauth2/v2.0/`, with sign-in and consent pages) and for Microsoft
//! Graph's Secure Score endpoints under `/v1.0/security/`, written from Microsoft's
//! documentation (each module names the pages it follows) over a seeded tenant.

mod authorize;
mod config;
mod control;
mod cors;
mod errors;
mod graph;
mod graph_auth;
mod id_token;
mod pages;
mod request;
mod seed;
mod seed_data;
mod seed_more;
mod state;
mod token;

use axum::extract::FromRef;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;

pub use config::{
    AppRegistration, MicrosoftConfig, MicrosoftUser, GRAPH_PAGE_SIZE, MS_CLIENT_ID, MS_PASSWORD,
    OTHER_TENANT_ID, SPA_REFRESH_TOKEN_TTL, TENANT_DOMAIN, TENANT_ID, TENANT_NAME,
};
pub use control::{routes as control_routes, MicrosoftControl};
pub use state::{MicrosoftGrants, MicrosoftRequests, MsState};

use crate::state::AppState;

impl FromRef<AppState> for MsState {
    fn from_ref(app: &AppState) -> MsState {
        app.microsoft().clone()
    }
}

/// The identity platform and Graph routes, with their CORS.
pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route(
            "/{tenant}/oauth2/v2.0/authorize",
            get(authorize::authorize).post(authorize::sign_in),
        )
        .route("/{tenant}/oauth2/v2.0/consent", post(authorize::decide))
        .route("/{tenant}/oauth2/v2.0/token", post(token::token))
        .route(
            "/v1.0/security/secureScoreControlProfiles",
            get(graph::list_profiles),
        )
        .route(
            "/v1.0/security/secureScoreControlProfiles/{id}",
            get(graph::get_profile).patch(graph::update_profile),
        )
        .route("/v1.0/security/secureScores", get(graph::list_scores))
        .layer(from_fn_with_state(state.clone(), cors::apply))
}
