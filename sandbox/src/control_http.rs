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
use crate::faults::{Fault, TokenFault};
use crate::state::AppState;

/// `/sandbox/faults`, `/sandbox/expire-tokens`, `/sandbox/cors`, `/sandbox/requests`,
/// `/sandbox/user-api`, `/sandbox/records/{table}`, `/sandbox/oauth`, `/sandbox/token-faults`,
/// `/sandbox/expire-refresh-tokens`, `/sandbox/mandatory-fields`, `/sandbox/change-models`,
/// `/sandbox/hibernation`, `/sandbox/moved`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/faults", post(faults))
        .route("/expire-tokens", post(expire_tokens))
        .route("/oauth", put(oauth))
        .route("/token-faults", post(token_faults))
        .route("/expire-refresh-tokens", post(expire_refresh_tokens))
        .route("/cors", put(cors))
        .route("/requests", get(requests).delete(reset_requests))
        .route("/user-api", put(user_api))
        .route("/records/{table}", get(records))
        .route("/mandatory-fields", put(mandatory_fields))
        .route("/change-models", put(change_models))
        .route("/hibernation", put(hibernation))
        .route("/moved", put(moved))
        .nest("/microsoft", crate::microsoft::control_routes())
}

#[derive(Deserialize)]
struct FaultRequest {
    fault: String,
    count: Option<u32>,
    retry_after: Option<u32>,
    /// `"create"`: only creates get the fault.
    on: Option<String>,
}

async fn faults(State(state): State<AppState>, Json(request): Json<FaultRequest>) -> Response {
    let fault = match request.fault.as_str() {
        "429" => Fault::TooManyRequests {
            retry_after_secs: request.retry_after.unwrap_or(30),
        },
        "500" => Fault::InternalError,
        "503" => Fault::Unavailable,
        "503-after-commit" => Fault::UnavailableAfterCommit,
        "drop" => Fault::Dropped,
        "drop-after-commit" => Fault::DroppedAfterCommit,
        _ => {
            let error = json!({
                "error": "fault must be 429, 500, 503, 503-after-commit, drop or drop-after-commit"
            });
            return (StatusCode::BAD_REQUEST, Json(error)).into_response();
        }
    };
    let count = request.count.unwrap_or(1);
    let control = Control { state };
    match request.on.as_deref() {
        None => control.inject(fault, count),
        Some("create") => control.inject_on_creates(fault, count),
        Some(_) => {
            let error = json!({ "error": "on must be \"create\" or left out" });
            return (StatusCode::BAD_REQUEST, Json(error)).into_response();
        }
    }
    Json(json!({ "fault": request.fault, "count": count })).into_response()
}

async fn expire_tokens(State(state): State<AppState>) -> Response {
    Control { state }.expire_access_tokens();
    Json(json!({ "expired": true })).into_response()
}

/// `{"api": "http://…" | null, "oauth": "host" | "*" | null, "max_age": 0}`; an absent key
/// is unchanged.
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
    if let Some(max_age) = request.get("max_age") {
        let Some(secs) = max_age.as_u64().and_then(|s| u32::try_from(s).ok()) else {
            let error = json!({ "error": "max_age must be a whole number of seconds" });
            return (StatusCode::BAD_REQUEST, Json(error)).into_response();
        };
        control.set_cors_max_age(secs);
    }
    let (api, oauth, max_age) = state.with(|d| {
        let origins = (d.api_cors_origin.clone(), d.oauth_cors_origin.clone());
        (origins.0, origins.1, d.cors_max_age_secs)
    });
    Json(json!({ "api": api, "oauth": oauth, "max_age": max_age })).into_response()
}

/// `{"restricted": true}`: an API access policy refuses the current-user API.
async fn user_api(State(state): State<AppState>, Json(request): Json<Value>) -> Response {
    let Some(restricted) = request.get("restricted").and_then(Value::as_bool) else {
        let error = json!({ "error": "restricted must be true or false" });
        return (StatusCode::BAD_REQUEST, Json(error)).into_response();
    };
    Control { state }.set_user_api_restricted(restricted);
    Json(json!({ "restricted": restricted })).into_response()
}

/// `GET`: the requests counted so far; `DELETE`: start counting afresh.
async fn requests(State(state): State<AppState>) -> Response {
    let counts = Control { state }.requests();
    let body = json!({
        "api": counts.api,
        "preflights": counts.preflights,
        "token": counts.token,
        "redirected": counts.redirected,
        "referer": counts.referer,
    });
    Json(body).into_response()
}

async fn reset_requests(State(state): State<AppState>) -> Response {
    Control { state }.reset_requests();
    StatusCode::NO_CONTENT.into_response()
}

async fn records(State(state): State<AppState>, Path(table): Path<String>) -> Response {
    Json(json!({ "result": Control { state }.records(&table) })).into_response()
}

/// `{"refresh_tokens": bool, "rfc6749_errors": bool, "strict": bool, "iss": bool,
/// "wrong_iss": "…" | null}`; an absent key is unchanged. Answers with the settings now in
/// force and `reuse_revocations`, the grants strict mode revoked for a reused refresh token.
async fn oauth(State(state): State<AppState>, Json(request): Json<Value>) -> Response {
    let control = Control {
        state: state.clone(),
    };
    if let Some(on) = request.get("refresh_tokens").and_then(Value::as_bool) {
        control.set_refresh_tokens(on);
    }
    if let Some(on) = request.get("rfc6749_errors").and_then(Value::as_bool) {
        control.set_rfc6749_token_errors(on);
    }
    if let Some(on) = request.get("strict").and_then(Value::as_bool) {
        control.set_strict(on);
    }
    if let Some(on) = request.get("iss").and_then(Value::as_bool) {
        control.set_send_iss(on);
    }
    if let Some(wrong) = request.get("wrong_iss") {
        control.set_wrong_iss(wrong.as_str().map(str::to_owned));
    }
    let now = state.with(|d| {
        json!({
            "refresh_tokens": d.oauth.refresh_tokens,
            "rfc6749_errors": d.oauth.rfc6749_errors,
            "strict": d.oauth.strict,
            "reuse_revocations": d.tokens.reuse_revocations(),
            "iss": d.oauth.send_iss,
            "wrong_iss": d.oauth.wrong_iss,
        })
    });
    Json(now).into_response()
}

/// `{"fault": "503" | "temporarily_unavailable", "count": 1}` for `/oauth_token.do`.
async fn token_faults(
    State(state): State<AppState>,
    Json(request): Json<FaultRequest>,
) -> Response {
    let fault = match request.fault.as_str() {
        "503" => TokenFault::Unavailable,
        "temporarily_unavailable" => TokenFault::TemporarilyUnavailable,
        _ => {
            let error = json!({ "error": "fault must be 503 or temporarily_unavailable" });
            return (StatusCode::BAD_REQUEST, Json(error)).into_response();
        }
    };
    let count = request.count.unwrap_or(1);
    Control { state }.fail_token_endpoint(fault, count);
    Json(json!({ "fault": request.fault, "count": count })).into_response()
}

async fn expire_refresh_tokens(State(state): State<AppState>) -> Response {
    Control { state }.expire_refresh_tokens();
    Json(json!({ "expired": true })).into_response()
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

/// `{"wake_url": "https://…"}` hibernates the instance (every ServiceNow request answered
/// `302` to that page), `{"wake_url": null}` wakes it.
async fn hibernation(State(state): State<AppState>, Json(request): Json<Value>) -> Response {
    let Ok(wake_url) = url_or_null(&request, "wake_url") else {
        let error = json!({ "error": "wake_url must be an http(s) URL or null" });
        return (StatusCode::BAD_REQUEST, Json(error)).into_response();
    };
    let control = Control { state };
    control.set_hibernating(wake_url);
    Json(json!({ "wake_url": control.hibernating() })).into_response()
}

/// `{"to": "https://new.example"}` moves the instance (API and token calls answered `307`
/// there), `{"to": null}` puts it back.
async fn moved(State(state): State<AppState>, Json(request): Json<Value>) -> Response {
    let Ok(to) = url_or_null(&request, "to") else {
        let error = json!({ "error": "to must be an http(s) URL or null" });
        return (StatusCode::BAD_REQUEST, Json(error)).into_response();
    };
    Control { state }.set_moved(to.clone());
    Json(json!({ "to": to })).into_response()
}

/// The value at `key`: an `http(s)` URL, or `null` for none; anything else is an error.
fn url_or_null(request: &Value, key: &str) -> Result<Option<String>, ()> {
    match request.get(key) {
        Some(Value::Null) => Ok(None),
        Some(Value::String(url)) if url.starts_with("http://") || url.starts_with("https://") => {
            Ok(Some(url.clone()))
        }
        _ => Err(()),
    }
}
