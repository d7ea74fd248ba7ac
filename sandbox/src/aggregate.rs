//! The Aggregate API: `GET /api/now/stats/{table}` with `sysparm_count`,
//! `sysparm_group_by`, `sysparm_order_by`, `sysparm_query` and `sysparm_display_value`.

use std::cmp::Ordering;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Map, Value};

use crate::auth::ApiUser;
use crate::errors::{json_response, ApiError};
use crate::fields;
use crate::params::Params;
use crate::query::{compare, Query};
use crate::render::DisplayMode;
use crate::schema;
use crate::state::AppState;
use crate::table::visible;

/// `GET /api/now/stats/{table}`.
pub async fn stats(
    State(state): State<AppState>,
    user: ApiUser,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let table = schema::table(&name).ok_or_else(|| ApiError::invalid_table(&name))?;
    let params = Params::parse(raw.as_deref());
    let mut query = Query::parse(
        params.get("sysparm_query").unwrap_or(""),
        table,
        &user.sys_id,
    );
    query.and_equals(table, &params.name_value_pairs());
    let count = params.flag("sysparm_count");
    let mode = DisplayMode::parse(params.get("sysparm_display_value"));
    let group_by: Vec<String> = params
        .get("sysparm_group_by")
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|p| fields::path_kind(table, p).is_some())
        .map(str::to_owned)
        .collect();
    let result = state.with(|d| {
        let store = &d.store;
        let rows = store.rows(table.name).iter().filter(|r| {
            visible(&user, table, r, d.own_roles_readable) && query.matches(store, table, r)
        });
        let mut groups: Vec<(Vec<String>, usize)> = Vec::new();
        for rec in rows {
            let key: Vec<String> = group_by
                .iter()
                .map(|p| fields::value_at(store, table, rec, p).unwrap_or_default())
                .collect();
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => groups.push((key, 1)),
            }
        }
        if group_by.is_empty() {
            let total = groups.first().map_or(0, |(_, n)| *n);
            return json!({ "stats": stats_of(count, total) });
        }
        sort_groups(&mut groups, params.get("sysparm_order_by"), &group_by);
        let entries = groups.iter().map(|(key, n)| {
            let fields: Vec<Value> = group_by
                .iter()
                .zip(key)
                .map(|(path, value)| {
                    let kind = fields::path_kind(table, path);
                    let shown = kind
                        .map(|k| fields::display(store, k, value))
                        .unwrap_or_default();
                    match mode {
                        DisplayMode::Value => json!({ "field": path, "value": value }),
                        DisplayMode::Display => json!({ "field": path, "value": shown }),
                        DisplayMode::All => {
                            json!({ "field": path, "value": value, "display_value": shown })
                        }
                    }
                })
                .collect();
            json!({ "stats": stats_of(count, *n), "groupby_fields": fields })
        });
        Value::Array(entries.collect())
    });
    Ok(json_response(StatusCode::OK, &json!({ "result": result })))
}

fn stats_of(count: bool, n: usize) -> Map<String, Value> {
    let mut stats = Map::new();
    if count {
        stats.insert("count".into(), Value::String(n.to_string()));
    }
    stats
}

/// Groups come ordered by their values, or by `sysparm_order_by=COUNT|field[^DESC]`.
fn sort_groups(groups: &mut [(Vec<String>, usize)], order_by: Option<&str>, group_by: &[String]) {
    let order = order_by.unwrap_or("");
    let (key, descending) = match order.split_once('^') {
        Some((key, dir)) => (key, dir.eq_ignore_ascii_case("DESC")),
        None => (order, false),
    };
    let by_count = key.eq_ignore_ascii_case("COUNT");
    let column = group_by.iter().position(|p| p == key).unwrap_or(0);
    groups.sort_by(|(a, n), (b, m)| {
        let ordering = if by_count {
            n.cmp(m)
        } else {
            compare_keys(a, b, column)
        };
        if descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
}

fn compare_keys(a: &[String], b: &[String], first: usize) -> Ordering {
    let primary = compare(&a[first], &b[first]);
    primary.then_with(|| {
        a.iter()
            .zip(b)
            .map(|(x, y)| compare(x, y))
            .find(|o| o.is_ne())
            .unwrap_or(Ordering::Equal)
    })
}
