//! Reading tickets back: pages of the Table API with only the shown fields, and counts by
//! state from the Aggregate API.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;

use super::client::ServiceNowClient;
use super::error::ApiError;
use super::http::{header, HttpResponse};
use super::paging::Links;
use super::priority::Priority;
use super::ticket::TicketKind;
use super::ticket::CORRELATION_DISPLAY;
use super::ticket_query::{TicketQuery, Whose};

/// The fields a ticket row shows; nothing else is asked for.
pub const ROW_FIELDS: &str =
    "sys_id,number,short_description,state,priority,due_date,sys_created_on,active";

/// A value and what the instance's UI shows for it (`sysparm_display_value=all`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Shown {
    #[serde(default, deserialize_with = "text")]
    pub value: String,
    #[serde(default, rename = "display_value", deserialize_with = "text")]
    pub display: String,
}

/// Strings, numbers, booleans and null all read as text.
fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    })
}

/// One row of a ticket list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRow {
    pub kind: TicketKind,
    pub sys_id: String,
    pub number: String,
    pub name: String,
    pub state: Shown,
    pub priority: Shown,
    pub due: Option<DateTime<Utc>>,
    pub created: Option<DateTime<Utc>>,
    pub active: bool,
}

impl TicketRow {
    /// Still open and past its due date.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.active && self.due.is_some_and(|due| due < now)
    }

    /// The priority, when it is one of ServiceNow's five.
    pub fn priority_level(&self) -> Option<Priority> {
        self.priority
            .value
            .trim()
            .parse()
            .ok()
            .and_then(Priority::from_number)
    }
}

#[derive(Deserialize)]
struct RawRow {
    #[serde(default)]
    sys_id: Shown,
    #[serde(default)]
    number: Shown,
    #[serde(default)]
    short_description: Shown,
    #[serde(default)]
    state: Shown,
    #[serde(default)]
    priority: Shown,
    #[serde(default)]
    due_date: Shown,
    #[serde(default)]
    sys_created_on: Shown,
    #[serde(default)]
    active: Shown,
}

impl RawRow {
    fn into_row(self, kind: TicketKind) -> TicketRow {
        let number = if self.number.display.is_empty() {
            self.number.value
        } else {
            self.number.display
        };
        TicketRow {
            kind,
            sys_id: self.sys_id.value,
            number,
            name: self.short_description.value,
            state: self.state,
            priority: self.priority,
            due: parse_datetime(&self.due_date.value),
            created: parse_datetime(&self.sys_created_on.value),
            active: self.active.value == "true",
        }
    }
}

/// A ServiceNow UTC date-time (`YYYY-MM-DD HH:MM:SS`); empty or malformed is `None`.
pub fn parse_datetime(value: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(value.trim(), "%Y-%m-%d %H:%M:%S")
        .ok()
        .map(|naive| naive.and_utc())
}

#[derive(Deserialize)]
struct Rows {
    #[serde(default)]
    result: Vec<RawRow>,
}

/// One page of a list, with where the others are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub rows: Vec<TicketRow>,
    /// `X-Total-Count`: every matching ticket, not just this page.
    pub total: Option<u64>,
    /// The offset this page starts at.
    pub offset: u64,
    pub links: Links,
}

/// How many tickets are in one state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateCount {
    pub state: Shown,
    pub count: u64,
}

#[derive(Deserialize)]
struct Stats {
    #[serde(default)]
    result: Vec<StatsEntry>,
}

#[derive(Deserialize)]
struct StatsEntry {
    #[serde(default)]
    stats: StatsValues,
    #[serde(default)]
    groupby_fields: Vec<GroupField>,
}

#[derive(Deserialize, Default)]
struct StatsValues {
    #[serde(default, deserialize_with = "text")]
    count: String,
}

#[derive(Deserialize)]
struct GroupField {
    #[serde(default)]
    field: String,
    #[serde(flatten)]
    shown: Shown,
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The path of the first page of `query` on `kind`'s table.
pub fn list_path(kind: TicketKind, query: &TicketQuery, limit: u32, offset: u64) -> String {
    format!(
        "/api/now/table/{}?sysparm_query={}&sysparm_fields={}&sysparm_display_value=all\
         &sysparm_exclude_reference_link=true&sysparm_limit={limit}&sysparm_offset={offset}",
        kind.table(),
        encode(&query.encoded()),
        encode(ROW_FIELDS),
    )
}

/// The Aggregate API path counting `kind`'s tickets by state.
pub fn counts_path(kind: TicketKind, whose: Whose) -> String {
    let mut path = format!(
        "/api/now/stats/{}?sysparm_count=true&sysparm_group_by=state&sysparm_display_value=all",
        kind.table()
    );
    if whose == Whose::Snowcard {
        let query = format!("correlation_display={CORRELATION_DISPLAY}");
        path.push_str(&format!("&sysparm_query={}", encode(&query)));
    }
    path
}

fn decode<T: serde::de::DeserializeOwned>(response: &HttpResponse) -> Result<T, ApiError> {
    serde_json::from_slice(response.body()).map_err(|e| ApiError::UnexpectedResponse(e.to_string()))
}

impl ServiceNowClient {
    /// A page of `kind`'s tickets matching `query`.
    pub async fn list_tickets(
        &self,
        kind: TicketKind,
        query: &TicketQuery,
        limit: u32,
        offset: u64,
    ) -> Result<Page, ApiError> {
        self.list_page(kind, &list_path(kind, query, limit, offset))
            .await
    }

    /// The page at `path`: a first page, or a link from an earlier page's `Link` header.
    pub async fn list_page(&self, kind: TicketKind, path: &str) -> Result<Page, ApiError> {
        let response = self.send(oauth2::http::Method::GET, path, None).await?;
        let rows: Rows = decode(&response)?;
        let links = header(&response, "link")
            .map(|value| Links::parse(value, &self.settings().instance))
            .unwrap_or_default();
        Ok(Page {
            rows: rows.result.into_iter().map(|r| r.into_row(kind)).collect(),
            total: header(&response, "x-total-count").and_then(|v| v.trim().parse().ok()),
            offset: super::paging::offset_of(path),
            links,
        })
    }

    /// How many of `kind`'s tickets are in each state, as the instance counts them.
    pub async fn state_counts(
        &self,
        kind: TicketKind,
        whose: Whose,
    ) -> Result<Vec<StateCount>, ApiError> {
        let response = self
            .send(oauth2::http::Method::GET, &counts_path(kind, whose), None)
            .await?;
        let stats: Stats = decode(&response)?;
        Ok(stats
            .result
            .into_iter()
            .filter_map(|entry| {
                let state = entry
                    .groupby_fields
                    .into_iter()
                    .find(|f| f.field == "state")?;
                Some(StateCount {
                    state: state.shown,
                    count: entry.stats.count.trim().parse().unwrap_or(0),
                })
            })
            .collect())
    }
}

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
