//! The tickets of a whole list of improvement actions at once: one Table API query per page
//! of correlation ids (`correlation_idIN…`), never one request per action.
//!
//! The correlation ids are exactly those a shared action's ticket carries
//! ([`correlation_id`], as `app::share` writes them); they hold no `,` `^` `=` or space, so
//! they are safe inside an `IN` list. Pages are cut so that each request's whole URL stays
//! under [`MAX_URL_BYTES`] (browsers and proxies refuse very long addresses; ServiceNow's
//! encoded query travels in the query string).

use std::collections::HashMap;

use serde::Deserialize;

use super::client::ServiceNowClient;
use super::error::ApiError;
use super::instance::InstanceUrl;
use super::listing::Shown;
use super::ticket::{FoundTicket, TicketKind};
use super::tickets::correlation_id;

/// The longest URL a lookup request may have, instance origin included.
pub const MAX_URL_BYTES: usize = 4096;
/// How many tickets per action a page asks room for (a re-shared action has several).
pub const ROWS_PER_ACTION: usize = 10;

const FIELDS: &str = "sys_id%2Cnumber%2Cstate%2Cactive%2Ccorrelation_id";
const ORDER: &str = "^ORDERBYDESCsys_created_on";

/// One lookup request: its path on the instance and the correlation ids it asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupPage {
    pub path: String,
    pub correlation_ids: Vec<String>,
    /// The `sysparm_limit` sent: an answer this long may have been cut short.
    pub limit: usize,
}

/// The distinct, non-empty correlation ids of `action_ids`, each mapped to its actions.
fn correlations<'a>(action_ids: &[&'a str]) -> Vec<(String, Vec<&'a str>)> {
    let mut order: Vec<(String, Vec<&'a str>)> = Vec::new();
    for id in action_ids
        .iter()
        .copied()
        .filter(|id| !id.trim().is_empty())
    {
        let corr = correlation_id(id);
        match order.iter_mut().find(|(c, _)| *c == corr) {
            Some((_, ids)) => {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            None => order.push((corr, vec![id])),
        }
    }
    order
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn path(kind: TicketKind, ids: &[String], limit: usize) -> String {
    let query = format!("correlation_idIN{}{ORDER}", ids.join(","));
    format!(
        "/api/now/table/{}?sysparm_query={}&sysparm_fields={FIELDS}&sysparm_display_value=all&sysparm_exclude_reference_link=true&sysparm_limit={limit}",
        kind.table(),
        encode(&query)
    )
}

/// The lookup requests for `correlation_ids` on `instance`, each URL at most `max_url_bytes`
/// long (a single id always gets a page, whatever the bound).
pub fn lookup_pages(
    instance: &InstanceUrl,
    kind: TicketKind,
    correlation_ids: &[String],
    max_url_bytes: usize,
) -> Vec<LookupPage> {
    let mut pages = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let length = |ids: &[String]| {
        instance.as_str().len() + path(kind, ids, ids.len() * ROWS_PER_ACTION).len()
    };
    for id in correlation_ids {
        current.push(id.clone());
        if current.len() > 1 && length(&current) > max_url_bytes {
            current.pop();
            pages.push(std::mem::take(&mut current));
            current.push(id.clone());
        }
    }
    if !current.is_empty() {
        pages.push(current);
    }
    pages
        .into_iter()
        .map(|ids| {
            let limit = ids.len() * ROWS_PER_ACTION;
            LookupPage {
                path: path(kind, &ids, limit),
                correlation_ids: ids,
                limit,
            }
        })
        .collect()
}

/// The tickets found for each action id, and what it took.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionTickets {
    /// Newest first per action; actions without tickets are absent.
    pub by_action: HashMap<String, Vec<FoundTicket>>,
    pub requests: usize,
    /// A page came back full: some older tickets may be missing.
    pub truncated: bool,
}

#[derive(Deserialize)]
struct Rows {
    result: Vec<Row>,
}

#[derive(Deserialize)]
struct Row {
    #[serde(default)]
    sys_id: Shown,
    #[serde(default)]
    number: Shown,
    #[serde(default)]
    state: Shown,
    #[serde(default)]
    active: Shown,
    #[serde(default)]
    correlation_id: Shown,
}

impl ServiceNowClient {
    /// The tickets of `kind` for every action in `action_ids`: one request per page.
    pub async fn tickets_for_actions(
        &self,
        kind: TicketKind,
        action_ids: &[&str],
    ) -> Result<ActionTickets, ApiError> {
        let correlations = correlations(action_ids);
        let ids: Vec<String> = correlations.iter().map(|(c, _)| c.clone()).collect();
        let actions: HashMap<&str, &[&str]> = correlations
            .iter()
            .map(|(c, a)| (c.as_str(), a.as_slice()))
            .collect();
        let mut found = ActionTickets::default();
        for page in lookup_pages(&self.settings().instance, kind, &ids, MAX_URL_BYTES) {
            found.requests += 1;
            let rows: Rows = self.get_json(&page.path).await?;
            found.truncated |= rows.result.len() >= page.limit;
            for row in rows.result {
                let Some(owners) = actions.get(row.correlation_id.value.as_str()) else {
                    continue;
                };
                let ticket = FoundTicket {
                    kind,
                    sys_id: row.sys_id.value,
                    number: row.number.display,
                    state: row.state.display,
                    active: row.active.value == "true",
                    // Not asked for: the list shows tickets, whoever made them.
                    created_by: None,
                };
                for owner in owners.iter() {
                    found
                        .by_action
                        .entry((*owner).to_owned())
                        .or_default()
                        .push(ticket.clone());
                }
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
#[path = "correlation_tests.rs"]
mod tests;
