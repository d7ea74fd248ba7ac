//! Aggregate API: counts, group-by with display values, filters.

use std::collections::BTreeMap;

use serde_json::json;

use crate::common::instance;

#[tokio::test]
async fn group_by_state_counts_every_state() {
    let sn = instance();
    let token = sn.token().await;
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for rec in sn.control.records("incident") {
        *expected
            .entry(rec["state"].as_str().unwrap_or_default().to_owned())
            .or_default() += 1;
    }
    let reply = sn
        .get(
            "/api/now/stats/incident?sysparm_count=true&sysparm_group_by=state",
            Some(&token),
        )
        .await
        .json();
    let groups = reply["result"].as_array().cloned().unwrap_or_default();
    assert_eq!(groups.len(), expected.len());
    for group in &groups {
        let field = &group["groupby_fields"][0];
        assert_eq!(field["field"], "state");
        let state = field["value"].as_str().unwrap_or_default();
        assert_eq!(
            group["stats"]["count"],
            expected[state].to_string(),
            "state {state}"
        );
    }
}

#[tokio::test]
async fn counts_without_group_by_and_with_a_query() {
    let sn = instance();
    let token = sn.token().await;
    let all = sn.control.records("change_request").len();
    let reply = sn
        .get(
            "/api/now/stats/change_request?sysparm_count=true",
            Some(&token),
        )
        .await
        .json();
    assert_eq!(
        reply,
        json!({"result": {"stats": {"count": all.to_string()}}})
    );
    let snowcard = sn.get("/api/now/stats/change_request?sysparm_count=true&sysparm_query=correlation_display=snowcard", Some(&token)).await.json();
    assert_eq!(snowcard["result"]["stats"]["count"], "2");
}

#[tokio::test]
async fn group_by_display_values() {
    let sn = instance();
    let token = sn.token().await;
    let query = "sysparm_count=true&sysparm_group_by=state&sysparm_query=state=7";
    let shown = sn
        .get(
            &format!("/api/now/stats/incident?{query}&sysparm_display_value=true"),
            Some(&token),
        )
        .await
        .json();
    assert_eq!(
        shown["result"],
        json!([{"stats": {"count": "1"}, "groupby_fields": [{"field": "state", "value": "Closed"}]}])
    );
    let both = sn
        .get(
            &format!("/api/now/stats/incident?{query}&sysparm_display_value=all"),
            Some(&token),
        )
        .await
        .json();
    assert_eq!(
        both["result"][0]["groupby_fields"][0],
        json!({"field": "state", "value": "7", "display_value": "Closed"})
    );
}
