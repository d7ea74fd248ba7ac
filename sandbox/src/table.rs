//! The Table API: `GET|POST /api/now/table/{table}` and
//! `GET|PATCH|PUT /api/now/table/{table}/{sys_id}`, with ServiceNow's ACL answers.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{CONTENT_TYPE, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

use crate::auth::ApiUser;
use crate::errors::{json_response, ApiError};
use crate::faults;
use crate::ids;
use crate::params::Params;
use crate::query::Query;
use crate::schema::{self, Table};
use crate::state::AppState;
use crate::store::{Actor, Record};

/// `GET /api/now/table/{table}`: a page of matching records.
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let table = lookup_in(&state, &name)?;
    let params = Params::parse(raw.as_deref());
    let mut query = Query::parse(
        params.get("sysparm_query").unwrap_or(""),
        table,
        &user.sys_id,
    );
    query.and_equals(table, &params.name_value_pairs());
    let (limit, offset) = params.paging();
    let (total, page) = state.with(|d| {
        let store = &d.store;
        let mut rows: Vec<&Record> = store
            .rows(table.name)
            .iter()
            .filter(|r| {
                visible(&user, table, r, d.own_roles_readable) && query.matches(store, table, r)
            })
            .collect();
        query.sort(store, table, &mut rows);
        let render = params.render(store, table, &user.base_url);
        let page: Vec<Value> = rows
            .iter()
            .skip(offset)
            .take(limit)
            .map(|r| Value::Object(render.record(r)))
            .collect();
        (rows.len(), page)
    });
    let mut response = json_response(StatusCode::OK, &json!({ "result": page }));
    let headers = response.headers_mut();
    headers.insert("x-total-count", HeaderValue::from(total));
    if !params.flag("sysparm_suppress_pagination_header") {
        let url = format!("{}/api/now/table/{}", user.base_url, table.name);
        if let Ok(link) = HeaderValue::from_str(&params.link_header(&url, limit, offset, total)) {
            headers.insert("link", link);
        }
    }
    Ok(response)
}

/// `GET /api/now/table/{table}/{sys_id}`: one record or 404.
pub async fn get_one(
    State(state): State<AppState>,
    user: ApiUser,
    Path((name, sys_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let table = lookup_in(&state, &name)?;
    let params = Params::parse(raw.as_deref());
    let result = state.with(|d| {
        let rec = d
            .store
            .get(table.name, &sys_id)
            .filter(|r| visible(&user, table, r, d.own_roles_readable))?;
        Some(params.render(&d.store, table, &user.base_url).record(rec))
    });
    let result = result.ok_or_else(ApiError::no_record)?;
    Ok(json_response(StatusCode::OK, &json!({ "result": result })))
}

/// `POST /api/now/table/{table}`: inserts one record, 201 with `Location`.
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let table = lookup(&name)?;
    if table.insert_roles.is_empty() || !user.user.has_any_role(table.insert_roles) {
        return Err(ApiError::acl("Insert"));
    }
    let mut input = json_object(&headers, &body)?;
    let params = Params::parse(raw.as_deref());
    let outcome = state.with(|d| {
        let actor = Actor {
            user_name: &user.user.user_name,
            sys_id: &user.sys_id,
        };
        if !d.change_models {
            // A type-based instance has no change models: the field is not there to write.
            input.remove("chg_model");
        }
        // On a model-based instance a change written with `type` alone is stored under no
        // model (the Change Management API says to set `chg_model` or `type`, and that
        // leaving the model out gives a default "subject to change by release"): the
        // sandbox leaves `chg_model` empty so a client that forgets it is seen to.
        let mandatory = d
            .mandatory_fields
            .get(table.name)
            .cloned()
            .unwrap_or_default();
        let missing = d.store.missing(table, &input, actor, &mandatory);
        if !missing.is_empty() {
            let labels: Vec<String> = missing.iter().map(|f| schema::label(f)).collect();
            return Err(ApiError::data_policy(&labels));
        }
        let rec = d.store.insert(table, &input, actor, &ids::now_string());
        *d.created.entry(table.name.to_owned()).or_default() += 1;
        let result = params.render(&d.store, table, &user.base_url).record(&rec);
        Ok((
            rec.get("sys_id").cloned().unwrap_or_default(),
            result,
            d.faults.take(faults::Stage::Committed),
        ))
    });
    let (sys_id, result, fault) = outcome?;
    let url = format!("{}/api/now/table/{}/{sys_id}", user.base_url, table.name);
    if let Some(fault) = fault {
        // Committed, but the answer is lost on the way back.
        return Ok(faults::response(fault, &url));
    }
    let mut response = json_response(StatusCode::CREATED, &json!({ "result": result }));
    if let Ok(location) = HeaderValue::from_str(&url) {
        response.headers_mut().insert(LOCATION, location);
    }
    Ok(response)
}

/// `PATCH|PUT /api/now/table/{table}/{sys_id}`: updates the fields in the body.
pub async fn update(
    State(state): State<AppState>,
    user: ApiUser,
    Path((name, sys_id)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let table = lookup(&name)?;
    let exists = state.with(|d| {
        d.store
            .get(table.name, &sys_id)
            .is_some_and(|r| visible(&user, table, r, d.own_roles_readable))
    });
    if !exists {
        return Err(ApiError::no_record());
    }
    if table.insert_roles.is_empty() || !user.user.has_any_role(table.insert_roles) {
        return Err(ApiError::acl("Update"));
    }
    let input = json_object(&headers, &body)?;
    let params = Params::parse(raw.as_deref());
    let result = state.with(|d| {
        let actor = Actor {
            user_name: &user.user.user_name,
            sys_id: &user.sys_id,
        };
        let rec = d
            .store
            .update(table, &sys_id, &input, actor, &ids::now_string())?;
        Some(params.render(&d.store, table, &user.base_url).record(&rec))
    });
    let result = result.ok_or_else(ApiError::no_record)?;
    Ok(json_response(StatusCode::OK, &json!({ "result": result })))
}

/// Any other path under `/api`.
pub async fn no_resource() -> Response {
    ApiError::no_resource().into_response()
}

fn lookup(name: &str) -> Result<&'static Table, ApiError> {
    schema::table(name).ok_or_else(|| ApiError::invalid_table(name))
}

/// Like [`lookup`], for reads: a type-based instance has no `chg_model` table.
fn lookup_in(state: &AppState, name: &str) -> Result<&'static Table, ApiError> {
    let table = lookup(name)?;
    if table.name == crate::groups::CHG_MODEL.name && !state.with(|d| d.change_models) {
        return Err(ApiError::invalid_table(name));
    }
    Ok(table)
}

/// Read ACL: fulfillers read every ticket, other users only the ones they opened,
/// called in or requested; role grants follow `roles::grant_visible`.
pub fn visible(user: &ApiUser, table: &Table, rec: &Record, own_roles_readable: bool) -> bool {
    if table.name == crate::roles::SYS_USER_HAS_ROLE.name {
        return crate::roles::grant_visible(user, rec, own_roles_readable);
    }
    if table.numbering.is_none() || user.is_fulfiller() {
        return true;
    }
    ["caller_id", "opened_by", "requested_by"]
        .iter()
        .any(|f| rec.get(*f) == Some(&user.sys_id))
}

/// The request body as a JSON object; other content types and payloads are refused.
fn json_object(headers: &HeaderMap, body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Unsupported Media Type",
            "Content-Type must be application/json",
        ));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(ApiError::bad_payload()),
    }
}
