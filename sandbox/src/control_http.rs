//! The same controls as `Control`, over HTTP under `/sandbox/…` for manual demos
//! (no authentication and no CORS: it is not part of the ServiceNow stand-in).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::control::Control;
use crate::faults::Fault;
use crate::state::AppState;

/// `/sandbox/faults`, `/sandbox/expire-tokens`, `/sandbox/cors`, `/sandbox/records/{table}`,
/// `/sandbox/mandatory-fields`, `/sandbox/change-models`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/faults", post(faults))
        .route("/expire-tokens", post(expire_tokens))
        .route("/cors", put(cors))
        .route("/records/{table}", get(records))
        .route("/mandatory-fields", put(mandatory_fields))
        .route("/change-models", put(change_models))
}

#[derive(Deserialize)]
struct FaultRequest {
    fault: String,
    count: Option<u32>,
    retry_after: Option<u32>,
}

async fn faults(State(state): State<AppState>, Json(request): Json<FaultRequest>) -> Response {
    let fault = match request.fault.as_str() {
        "429" => Fault::TooManyRequests {
            retry_after_secs: request.retry_after.unwrap_or(30),
        },
        "500" => Fault::InternalError,
        "503" => Fault::Unavailable,
        "503-after-commit" => Fault::UnavailableAfterCommit,
        _ => {
            let error = json!({ "error": "fault must be 429, 500, 503 or 503-after-commit" });
            return (StatusCode::BAD_REQUEST, Json(error)).into_response();
        }
    };
    let count = request.count.unwrap_or(1);
    Control { state }.inject(fault, count);
    Json(json!({ "fault": request.fault, "count": count })).into_response()
}

async fn expire_tokens(State(state): State<AppState>) -> Response {
    Control { state }.expire_access_tokens();
    Json(json!({ "expired": true })).into_response()
}

/// `{"api": "http://…" | null, "oauth": "http://…" | null}`; an absent key is unchanged.
async fn cors(State(state): State<AppState>, Json(request): Json<Value>) -> Response {
    let control = Control {
        state: state.clone(),
    };
    let origin = |v: &Value| v.as_str().map(str::to_owned);
    if let Some(api) = request.get("api") {
        control.set_api_cors_origin(origin(api));
    }
    if let Some(oauth) = request.get("oauth") {
        control.set_oauth_cors_origin(origin(oauth));
    }
    let (api, oauth) = state.with(|d| (d.api_cors_origin.clone(), d.oauth_cors_origin.clone()));
    Json(json!({ "api": api, "oauth": oauth })).into_response()
}

async fn records(State(state): State<AppState>, Path(table): Path<String>) -> Response {
    Json(json!({ "result": Control { state }.records(&table) })).into_response()
}

#[derive(Deserialize)]
struct MandatoryRequest {
    table: String,
    fields: Vec<String>,
}

/// `{"table": "change_request", "fields": ["assignment_group"]}`; `[]` removes the policy.
async fn mandatory_fields(
    State(state): State<AppState>,
    Json(request): Json<MandatoryRequest>,
) -> Response {
    let fields: Vec<&str> = request.fields.iter().map(String::as_str).collect();
    Control {
        state: state.clone(),
    }
    .set_mandatory_fields(&request.table, &fields);
    let all = state.with(|d| d.mandatory_fields.clone());
    Json(json!({ "mandatory_fields": all })).into_response()
}

#[derive(Deserialize)]
struct ChangeModelsRequest {
    model_based: bool,
}

/// `{"model_based": true | false}`.
async fn change_models(
    State(state): State<AppState>,
    Json(request): Json<ChangeModelsRequest>,
) -> Response {
    Control { state }.set_change_models(request.model_based);
    Json(json!({ "model_based": request.model_based })).into_response()
}
