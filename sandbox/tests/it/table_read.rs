//! Table API reads: authentication, encoded queries, paging headers, display values.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::common::{instance, instance_with, Instance, INSTANCE};

fn numbers(reply: &Value) -> Vec<String> {
    let rows = reply["result"].as_array().cloned().unwrap_or_default();
    rows.iter()
        .map(|r| r["number"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn query(sn: &Instance, token: &str, q: &str) -> Vec<String> {
    let uri = format!("/api/now/table/incident?sysparm_fields=number&sysparm_query={q}");
    numbers(&sn.get(&uri, Some(token)).await.json())
}

#[tokio::test]
async fn no_or_unknown_token_is_user_not_authenticated() {
    let sn = instance();
    for token in [None, Some("not-a-token")] {
        let reply = sn.get("/api/now/table/incident", token).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        let expected = json!({"error": {"message": "User Not Authenticated", "detail": "Required to provide Auth information"}, "status": "failure"});
        assert_eq!(reply.json(), expected);
    }
}

#[tokio::test]
async fn paging_sets_total_count_and_absolute_links_keeping_other_parameters() {
    let sn = instance();
    let token = sn.token().await;
    let total = sn.control.records("incident").len();
    let uri = "/api/now/table/incident?sysparm_query=ORDERBYnumber&sysparm_fields=number&sysparm_limit=5&sysparm_offset=5";
    let reply = sn.get(uri, Some(&token)).await;
    assert_eq!(
        reply.header("x-total-count"),
        Some(total.to_string().as_str())
    );
    assert_eq!(
        numbers(&reply.json()),
        [
            "INC0010006",
            "INC0010007",
            "INC0010008",
            "INC0010009",
            "INC0010010"
        ]
    );
    let link = reply.header("link").expect("Link header");
    let base = format!(
        "<{INSTANCE}/api/now/table/incident?sysparm_query=ORDERBYnumber&sysparm_fields=number"
    );
    assert!(
        link.contains(&format!(
            "{base}&sysparm_offset=0&sysparm_limit=5>;rel=\"first\""
        )),
        "{link}"
    );
    assert!(
        link.contains(&format!(
            "{base}&sysparm_offset=0&sysparm_limit=5>;rel=\"prev\""
        )),
        "{link}"
    );
    assert!(
        link.contains(&format!(
            "{base}&sysparm_offset=10&sysparm_limit=5>;rel=\"next\""
        )),
        "{link}"
    );
    let last = (total - 1) / 5 * 5;
    assert!(
        link.contains(&format!(
            "{base}&sysparm_offset={last}&sysparm_limit=5>;rel=\"last\""
        )),
        "{link}"
    );
}

#[tokio::test]
async fn encoded_queries_filter_order_and_ignore_what_they_do_not_understand() {
    let sn = instance();
    let token = sn.token().await;
    assert_eq!(
        query(&sn, &token, "stateIN7,8^ORDERBYnumber").await,
        ["INC0010011", "INC0010012"]
    );
    assert_eq!(
        query(&sn, &token, "state=7^ORstate=8^ORDERBYDESCnumber").await,
        ["INC0010012", "INC0010011"]
    );
    assert_eq!(
        query(&sn, &token, "correlation_display=snowcard^ORDERBYnumber").await,
        ["INC0010009", "INC0010010"]
    );
    assert_eq!(
        query(&sn, &token, "short_descriptionLIKEvpn").await,
        ["INC0010002"]
    );
    assert_eq!(
        query(
            &sn,
            &token,
            "numberSTARTSWITHINC001000^state!=1^ORDERBYnumber"
        )
        .await
        .len(),
        5
    );
    assert_eq!(
        query(&sn, &token, "correlation_idISNOTEMPTY").await.len(),
        2
    );
    let precedence = "state=1^short_descriptionLIKEvpn^ORshort_descriptionLIKEoutlook";
    assert_eq!(
        query(&sn, &token, precedence).await,
        ["INC0010002"],
        "^OR binds tighter than ^"
    );
    assert_eq!(
        query(&sn, &token, "state=7^NQstate=8^ORDERBYnumber")
            .await
            .len(),
        2
    );
    let all = query(&sn, &token, "").await.len();
    assert_eq!(
        query(&sn, &token, "correlation_idISEMPTY").await.len(),
        all - 2
    );
    assert_eq!(
        query(&sn, &token, "no_such_field=1").await.len(),
        all,
        "invalid parts are ignored"
    );
    assert_eq!(
        query(&sn, &token, "caller_id.user_name=admin^ORDERBYnumber").await,
        ["INC0010011", "INC0010012"]
    );
}

#[tokio::test]
async fn display_values_and_reference_links() {
    let sn = instance();
    let token = sn.token().await;
    let fields = "sysparm_fields=number,state,priority,caller_id&sysparm_query=number=INC0010003";
    let value = sn
        .get(&format!("/api/now/table/incident?{fields}"), Some(&token))
        .await
        .json();
    let row = &value["result"][0];
    assert_eq!(
        (row["state"].as_str(), row["priority"].as_str()),
        (Some("2"), Some("3"))
    );
    let caller = row["caller_id"]["value"].as_str().expect("reference value");
    assert_eq!(
        row["caller_id"]["link"],
        format!("{INSTANCE}/api/now/table/sys_user/{caller}")
    );
    let shown = sn.get(&format!("/api/now/table/incident?{fields}&sysparm_display_value=true&sysparm_exclude_reference_link=true"), Some(&token)).await.json();
    assert_eq!(
        shown["result"][0],
        json!({"number": "INC0010003", "state": "In Progress", "priority": "3 - Moderate", "caller_id": "Beth Anglin"})
    );
    let both = sn
        .get(
            &format!("/api/now/table/incident?{fields}&sysparm_display_value=all"),
            Some(&token),
        )
        .await
        .json();
    assert_eq!(
        both["result"][0]["state"],
        json!({"display_value": "In Progress", "value": "2"})
    );
    assert_eq!(
        both["result"][0]["caller_id"]["display_value"],
        "Beth Anglin"
    );
}

#[tokio::test]
async fn single_records_and_the_no_record_error() {
    let sn = instance();
    let token = sn.token().await;
    let sys_id = sn.control.records("change_request")[0]["sys_id"]
        .as_str()
        .map(str::to_owned)
        .expect("seed");
    let reply = sn
        .get(
            &format!("/api/now/table/change_request/{sys_id}?sysparm_display_value=true"),
            Some(&token),
        )
        .await
        .json();
    assert_eq!(reply["result"]["number"], "CHG0030001");
    assert_eq!(reply["result"]["state"], "New");
    let missing = sn
        .get(
            "/api/now/table/incident/0123456789abcdef0123456789abcdef",
            Some(&token),
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let expected = json!({"error": {"message": "No Record found", "detail": "Record doesn't exist or ACL restricts the record retrieval"}, "status": "failure"});
    assert_eq!(missing.json(), expected);
    assert_eq!(
        sn.get("/api/now/table/problem", Some(&token)).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn the_current_user_through_both_apis() {
    let sn = instance();
    let token = sn.token().await;
    let me = sn
        .get("/api/now/ui/user/current_user", Some(&token))
        .await
        .json();
    assert_eq!(me["result"]["user_name"], "snowcard.integration");
    assert_eq!(me["result"]["user_display_name"], "Snowcard Integration");
    let uri =
        "/api/now/table/sys_user?sysparm_query=sys_id%3Djavascript:gs.getUserID()&sysparm_limit=1";
    let rows = sn.get(uri, Some(&token)).await.json();
    assert_eq!(rows["result"].as_array().map(Vec::len), Some(1));
    assert_eq!(rows["result"][0]["sys_id"], me["result"]["user_sys_id"]);
    assert_eq!(rows["result"][0]["name"], "Snowcard Integration");
}

#[tokio::test]
async fn an_api_access_policy_can_refuse_the_current_user_api_but_not_sys_user() {
    let sn = instance_with(|config| config.user_api_restricted = true);
    let token = sn.token().await;
    let refused = sn.get("/api/now/ui/user/current_user", Some(&token)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["status"], "failure");
    let uri =
        "/api/now/table/sys_user?sysparm_query=sys_id%3Djavascript:gs.getUserID()&sysparm_limit=1";
    let rows = sn.get(uri, Some(&token)).await.json();
    assert_eq!(rows["result"][0]["user_name"], "snowcard.integration");
    sn.control.set_user_api_restricted(false);
    let open = sn.get("/api/now/ui/user/current_user", Some(&token)).await;
    assert_eq!(open.status, StatusCode::OK);
}

#[tokio::test]
async fn ten_thousand_tickets_page_quickly() {
    let sn = instance();
    let token = sn.token().await;
    let before = sn.control.records("incident").len();
    sn.control.seed_tickets("incident", 10_000);
    let reply = sn
        .get(
            "/api/now/table/incident?sysparm_limit=100&sysparm_offset=9950&sysparm_fields=number",
            Some(&token),
        )
        .await;
    assert_eq!(
        reply.header("x-total-count"),
        Some((before + 10_000).to_string().as_str())
    );
    assert_eq!(
        reply.json()["result"].as_array().map(Vec::len),
        Some(before + 10_000 - 9950)
    );
    assert!(
        !reply
            .header("link")
            .unwrap_or_default()
            .contains("rel=\"next\""),
        "last page"
    );
}

#[tokio::test]
async fn groups_are_searched_by_name_and_retired_ones_are_left_out() {
    let sn = instance();
    let token = sn.token().await;
    let uri = "/api/now/table/sys_user_group?sysparm_query=active%3Dtrue%5EnameLIKEnet%5EORDERBYname&sysparm_fields=sys_id,name";
    let reply = sn.get(uri, Some(&token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let names: Vec<String> = reply.json()["result"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .filter_map(|r| r["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(names, ["Network"]);
    let all = sn
        .get(
            "/api/now/table/sys_user_group?sysparm_query=active%3Dtrue",
            Some(&token),
        )
        .await;
    assert!(!all.body.contains("Mainframe Support"), "{}", all.body);
    let reply = sn
        .send_json(
            axum::http::Method::POST,
            "/api/now/table/sys_user_group",
            &token,
            &serde_json::json!({"name": "x"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "read-only");
}

#[tokio::test]
async fn the_change_model_table_exists_only_on_a_model_based_instance() {
    let sn = instance();
    let token = sn.token().await;
    let uri = "/api/now/table/chg_model?sysparm_query=active%3Dtrue%5Ename%3DNormal&sysparm_fields=sys_id,name";
    let reply = sn.get(uri, Some(&token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        reply.json()["result"][0]["sys_id"],
        sn.control.change_model_sys_id("Normal").as_str()
    );
    sn.control.set_change_models(false);
    let reply = sn.get(uri, Some(&token)).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert_eq!(reply.json()["error"]["message"], "Invalid table chg_model");
}
