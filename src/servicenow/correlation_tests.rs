//! The list-wide ticket lookup: the encoded query, the pages' bound, and one request per page.

use futures::executor::block_on;

use super::*;
use crate::servicenow::fake::{connected_client, json, FakeTransport};

fn instance() -> InstanceUrl {
    InstanceUrl::parse("acme").expect("valid")
}

/// The `sysparm_query` of a lookup path, decoded.
fn query_of(path: &str) -> String {
    let query = path.split_once('?').map(|(_, q)| q).unwrap_or_default();
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "sysparm_query")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

#[test]
fn one_page_asks_for_every_correlation_id_with_in() {
    // The `fieldIN1,2` operator of ServiceNow's encoded queries (servicenow.md, Table API).
    let ids = vec![correlation_id("AdminMFAV2"), correlation_id("DLPEnabled")];
    let pages = lookup_pages(&instance(), TicketKind::ChangeRequest, &ids, MAX_URL_BYTES);
    assert_eq!(pages.len(), 1);
    assert!(pages[0].path.starts_with("/api/now/table/change_request?"));
    assert_eq!(
        query_of(&pages[0].path),
        "correlation_idINsnowcard:AdminMFAV2,snowcard:DLPEnabled^ORDERBYDESCsys_created_on"
    );
    assert!(pages[0]
        .path
        .contains("sysparm_fields=sys_id%2Cnumber%2Cstate%2Cactive%2Ccorrelation_id"));
    assert!(pages[0].path.ends_with("&sysparm_limit=20"));
}

#[test]
fn five_hundred_actions_split_into_few_pages_each_under_the_bound() {
    let ids: Vec<String> = (0..500)
        .map(|i| correlation_id(&format!("GeneratedControlProfile{i:04}")))
        .collect();
    let pages = lookup_pages(&instance(), TicketKind::Incident, &ids, MAX_URL_BYTES);
    assert!(
        pages.len() > 1 && pages.len() <= 12,
        "{} pages",
        pages.len()
    );
    for page in &pages {
        let url = instance().join(&page.path);
        assert!(url.len() <= MAX_URL_BYTES, "{} bytes", url.len());
        assert!(page.path.starts_with("/api/now/table/incident?"));
    }
    let covered: Vec<String> = pages
        .iter()
        .flat_map(|p| p.correlation_ids.clone())
        .collect();
    assert_eq!(covered, ids);
    let tiny = lookup_pages(&instance(), TicketKind::Incident, &ids[..3], 10);
    assert_eq!(
        tiny.len(),
        3,
        "one id per page when even one exceeds the bound"
    );
}

#[test]
fn one_request_per_page_and_tickets_go_back_to_their_actions() {
    let transport = FakeTransport::new(|request| {
        let query = query_of(&request.uri().to_string());
        let row = |sys_id: &str, number: &str, corr: &str| {
            serde_json::json!({
                "sys_id": {"value": sys_id, "display_value": sys_id},
                "number": {"value": number, "display_value": number},
                "state": {"value": "-5", "display_value": "New"},
                "active": {"value": "true", "display_value": "true"},
                "correlation_id": {"value": corr, "display_value": corr},
            })
        };
        let mut rows = Vec::new();
        if query.contains("snowcard:AdminMFAV2") {
            rows.push(row("s2", "CHG0030002", "snowcard:AdminMFAV2"));
            rows.push(row("s1", "CHG0030001", "snowcard:AdminMFAV2"));
        }
        rows.push(row("s9", "CHG0039999", "someone-else"));
        json(200, &serde_json::json!({"result": rows}).to_string())
    });
    let client = connected_client(&transport);
    let actions = ["AdminMFAV2", "DLPEnabled", "", "AdminMFAV2"];
    let found =
        block_on(client.tickets_for_actions(TicketKind::ChangeRequest, &actions)).expect("found");
    assert_eq!(found.requests, 1);
    assert_eq!(transport.requests().len(), 1);
    let numbers: Vec<&str> = found.by_action["AdminMFAV2"]
        .iter()
        .map(|t| t.number.as_str())
        .collect();
    assert_eq!(numbers, ["CHG0030002", "CHG0030001"]);
    assert_eq!(found.by_action["AdminMFAV2"][0].state, "New");
    assert!(found.by_action["AdminMFAV2"][0].active);
    assert!(!found.by_action.contains_key("DLPEnabled"));
    assert!(!found.truncated);
    assert_eq!(
        query_of(&transport.requests()[0].url),
        "correlation_idINsnowcard:AdminMFAV2,snowcard:DLPEnabled^ORDERBYDESCsys_created_on"
    );
}

#[test]
fn no_actions_means_no_request() {
    let transport = FakeTransport::new(|_| json(500, "{}"));
    let client = connected_client(&transport);
    let found = block_on(client.tickets_for_actions(TicketKind::Incident, &["", "  "]))
        .expect("nothing to look up");
    assert_eq!(found, ActionTickets::default());
    assert!(transport.requests().is_empty());
}
