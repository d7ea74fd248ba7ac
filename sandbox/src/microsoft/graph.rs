//! Microsoft Graph's Secure Score endpoints under `/v1.0/security/`:
//! - `GET secureScoreControlProfiles` with `$top` and `@odata.nextLink` carrying
//!   `$skiptoken` (microsoft-graph-docs-contrib concepts/paging.md: follow the whole
//!   `@odata.nextLink` until it is absent; it keeps the request's other parameters such as
//!   `$top`; `$skiptoken` is opaque), api-reference/v1.0/api/security-list-securescorecontrolprofiles.md;
//! - `GET secureScores` with `$top`, newest first (security-list-securescores.md);
//! - `GET`/`PATCH secureScoreControlProfiles/{id}`: the body "must contain the
//!   `vendorInformation` property with valid `provider` and `vendor` fields", `state` is one
//!   of `Default`, `Ignored`, `ThirdParty`, `Reviewed`; the answer is `204 No Content`, or
//!   `200` with the profile under `Prefer: return=representation`
//!   (securescorecontrolprofile-update.md).
//!
//! Both read endpoints need `SecurityEvents.Read.All` (or `.ReadWrite.All`); the update
//! needs `SecurityEvents.ReadWrite.All` (the permissions tables of those pages).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{json, Value};

use super::config::{READ_ROLES, WRITE_ROLES};
use super::errors::json_response;
use super::graph_auth::{require, GraphCaller, GraphError};
use super::state::MsState;
use crate::state::AppState;

const READ: &[&str] = &["SecurityEvents.Read.All", "SecurityEvents.ReadWrite.All"];
const WRITE: &[&str] = &["SecurityEvents.ReadWrite.All"];
const STATES: &[&str] = &["Default", "Ignored", "ThirdParty", "Reviewed"];

/// `GET /v1.0/security/secureScoreControlProfiles`.
pub async fn list_profiles(
    State(app): State<AppState>,
    State(ms): State<MsState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    caller: Result<GraphCaller, GraphError>,
) -> Response {
    ms.with(|d| d.requests.profile_pages = d.requests.profile_pages.saturating_add(1));
    let page_size = ms.with(|d| d.switches.graph_page_size);
    let base = crate::auth::base_url_of(&headers, &app);
    let result = read_checks(&ms, &headers, caller).and_then(|()| {
        ms.with(|d| {
            let items = &d.profiles;
            page(
                &base,
                "secureScoreControlProfiles",
                items,
                raw.as_deref(),
                page_size,
                &headers,
            )
        })
    });
    result.unwrap_or_else(IntoResponse::into_response)
}

/// `GET /v1.0/security/secureScores`: newest first.
pub async fn list_scores(
    State(app): State<AppState>,
    State(ms): State<MsState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    caller: Result<GraphCaller, GraphError>,
) -> Response {
    ms.with(|d| d.requests.scores = d.requests.scores.saturating_add(1));
    let page_size = ms.with(|d| d.switches.graph_page_size);
    let base = crate::auth::base_url_of(&headers, &app);
    let result = read_checks(&ms, &headers, caller).and_then(|()| {
        ms.with(|d| {
            page(
                &base,
                "secureScores",
                &d.scores,
                raw.as_deref(),
                page_size,
                &headers,
            )
        })
    });
    result.unwrap_or_else(IntoResponse::into_response)
}

/// `GET /v1.0/security/secureScoreControlProfiles/{id}`.
pub async fn get_profile(
    State(ms): State<MsState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    caller: Result<GraphCaller, GraphError>,
) -> Response {
    let result = read_checks(&ms, &headers, caller).and_then(|()| {
        let profile = ms.with(|d| find(&d.profiles, &id).map(|i| d.profiles[i].clone()));
        profile
            .map(|p| json_response(StatusCode::OK, p.to_string()))
            .ok_or_else(|| not_found(&id, &headers))
    });
    result.unwrap_or_else(IntoResponse::into_response)
}

/// `PATCH /v1.0/security/secureScoreControlProfiles/{id}`.
pub async fn update_profile(
    State(ms): State<MsState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    caller: Result<GraphCaller, GraphError>,
    body: Bytes,
) -> Response {
    ms.with(|d| d.requests.patches = d.requests.patches.saturating_add(1));
    let result = throttled(&ms, &headers).and(caller).and_then(|caller| {
        require(&ms, &caller, &headers, WRITE, WRITE_ROLES)?;
        let update = parse_update(&body, &headers)?;
        apply_update(&ms, &id, &caller, &update, &headers)
    });
    match result {
        Ok(profile) if prefers_representation(&headers) => {
            json_response(StatusCode::OK, profile.to_string())
        }
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => error.into_response(),
    }
}

fn read_checks(
    ms: &MsState,
    headers: &HeaderMap,
    caller: Result<GraphCaller, GraphError>,
) -> Result<(), GraphError> {
    throttled(ms, headers)?;
    let caller = caller?;
    require(ms, &caller, headers, READ, READ_ROLES)
}

/// A pending 429: concepts/throttling.md ("Microsoft Graph returns HTTP status code 429 (Too
/// many requests)"; "The failed response includes the Retry-After field in the response
/// header"); the body's code `TooManyRequests` [inferred: the page shows no body].
fn throttled(ms: &MsState, headers: &HeaderMap) -> Result<(), GraphError> {
    let pending = ms.with(|d| {
        let (secs, count) = d.throttle.as_mut()?;
        let secs = *secs;
        *count -= 1;
        if *count == 0 {
            d.throttle = None;
        }
        Some(secs)
    });
    match pending {
        Some(secs) => {
            let mut error = GraphError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "TooManyRequests",
                "Please retry again later.",
            )
            .for_request(headers);
            error.retry_after = Some(secs);
            Err(error)
        }
        None => Ok(()),
    }
}

/// One page of a collection: `$top` items (or the default page size) from the offset in
/// `$skiptoken`, with `@odata.nextLink` while items remain.
fn page(
    base: &str,
    name: &str,
    items: &[Value],
    raw: Option<&str>,
    page_size: usize,
    headers: &HeaderMap,
) -> Result<Response, GraphError> {
    let params: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.unwrap_or("")).unwrap_or_default();
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let bad = |message: String| {
        GraphError::new(StatusCode::BAD_REQUEST, "BadRequest", message).for_request(headers)
    };
    let top = match get("$top") {
        None => None,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                return Err(bad(format!(
                    "Invalid value '{text}' for $top: it must be a positive integer."
                )))
            }
        },
    };
    let offset = match get("$skiptoken") {
        None => 0,
        Some(token) => {
            decode_skiptoken(token).ok_or_else(|| bad("The $skiptoken is not valid.".to_owned()))?
        }
    };
    let size = top.unwrap_or(page_size);
    let end = offset.saturating_add(size).min(items.len());
    let slice = items.get(offset.min(items.len())..end).unwrap_or_default();
    let mut body = json!({
        "@odata.context": format!("{base}/v1.0/$metadata#security/{name}"),
        "value": slice,
    });
    if end < items.len() {
        // The token is base64url, so the link needs no further escaping; `$` stays
        // literal, as in Graph's own links (concepts/paging.md).
        let query = match top {
            Some(top) => format!("$top={top}&$skiptoken={}", encode_skiptoken(end)),
            None => format!("$skiptoken={}", encode_skiptoken(end)),
        };
        body["@odata.nextLink"] = format!("{base}/v1.0/security/{name}?{query}").into();
    }
    Ok(json_response(StatusCode::OK, body.to_string()))
}

/// An opaque token for an offset.
fn encode_skiptoken(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("snowcard-sandbox:{offset}"))
}

fn decode_skiptoken(token: &str) -> Option<usize> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(token).ok()?).ok()?;
    text.strip_prefix("snowcard-sandbox:")?.parse().ok()
}

struct Update {
    assigned_to: Option<String>,
    comment: Option<String>,
    state: Option<String>,
}

fn parse_update(body: &[u8], headers: &HeaderMap) -> Result<Update, GraphError> {
    let bad = |message: &str| {
        GraphError::new(StatusCode::BAD_REQUEST, "BadRequest", message).for_request(headers)
    };
    let json: Value =
        serde_json::from_slice(body).map_err(|_| bad("The request body is not valid JSON."))?;
    let vendor = json.get("vendorInformation");
    let field = |name: &str| {
        vendor
            .and_then(|v| v.get(name))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    if field("provider").is_none() || field("vendor").is_none() {
        return Err(bad(
            "vendorInformation with provider and vendor is required.",
        ));
    }
    let text = |name: &str| json.get(name).and_then(Value::as_str).map(str::to_owned);
    let state = text("state");
    if let Some(state) = state.as_deref().filter(|s| !STATES.contains(s)) {
        return Err(bad(&format!(
            "Invalid state '{state}': it must be one of Default, Ignored, ThirdParty, Reviewed."
        )));
    }
    Ok(Update {
        assigned_to: text("assignedTo"),
        comment: text("comment"),
        state,
    })
}

/// Adds a `controlStateUpdates` entry; the state stays what it was unless given.
fn apply_update(
    ms: &MsState,
    id: &str,
    caller: &GraphCaller,
    update: &Update,
    headers: &HeaderMap,
) -> Result<Value, GraphError> {
    ms.with(|d| {
        let index = find(&d.profiles, id).ok_or_else(|| not_found(id, headers))?;
        let profile = &mut d.profiles[index];
        let current = profile["controlStateUpdates"]
            .as_array()
            .and_then(|u| u.last())
            .and_then(|u| u["state"].as_str())
            .unwrap_or("Default")
            .to_owned();
        let entry = json!({
            "assignedTo": update.assigned_to,
            "comment": update.comment,
            "state": update.state.clone().unwrap_or(current),
            "updatedBy": caller.user.upn,
            "updatedDateTime": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        });
        match profile["controlStateUpdates"].as_array_mut() {
            Some(updates) => updates.push(entry),
            None => profile["controlStateUpdates"] = json!([entry]),
        }
        Ok(profile.clone())
    })
}

fn find(profiles: &[Value], id: &str) -> Option<usize> {
    profiles.iter().position(|p| p["id"].as_str() == Some(id))
}

fn not_found(id: &str, headers: &HeaderMap) -> GraphError {
    GraphError::new(
        StatusCode::NOT_FOUND,
        "ItemNotFound",
        format!("No secureScoreControlProfile with id '{id}' exists."),
    )
    .for_request(headers)
}

fn prefers_representation(headers: &HeaderMap) -> bool {
    headers
        .get_all("prefer")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|p| p.trim().eq_ignore_ascii_case("return=representation"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skiptokens_round_trip_and_reject_garbage() {
        assert_eq!(decode_skiptoken(&encode_skiptoken(250)), Some(250));
        assert_eq!(decode_skiptoken("not-a-token"), None);
    }
}
