//! Table API writes: generated fields, the priority lookup, column lengths, ACLs.

use axum::body::Body;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use crate::common::{instance, Instance, INSTANCE};

async fn create(sn: &Instance, token: &str, table: &str, body: Value) -> Value {
    let reply = sn
        .send_json(
            Method::POST,
            &format!("/api/now/table/{table}"),
            token,
            &body,
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let json = reply.json();
    let sys_id = json["result"]["sys_id"].as_str().expect("sys_id");
    assert_eq!(
        reply.header("location"),
        Some(format!("{INSTANCE}/api/now/table/{table}/{sys_id}").as_str())
    );
    json["result"].clone()
}

fn is_date_time(text: &str) -> bool {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").is_ok()
}

#[tokio::test]
async fn create_generates_servicenow_fields_and_computes_priority() {
    let sn = instance();
    let token = sn.token().await;
    let body = json!({"short_description": "Turn on MFA", "impact": "2", "urgency": "1", "priority": "5", "u_unknown": "x"});
    let rec = create(&sn, &token, "incident", body).await;
    let sys_id = rec["sys_id"].as_str().unwrap_or_default();
    assert!(
        sys_id.len() == 32
            && sys_id
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert_eq!(
        rec["number"], "INC0010013",
        "numbers continue after the seed records"
    );
    assert_eq!(
        rec["priority"], "2",
        "priority comes from impact 2 / urgency 1, not the body"
    );
    assert_eq!(
        (rec["state"].as_str(), rec["active"].as_str()),
        (Some("1"), Some("true"))
    );
    assert_eq!(rec["sys_created_by"], "snowcard.integration");
    assert!(rec["opened_by"]["value"]
        .as_str()
        .is_some_and(|v| v.len() == 32));
    assert!(is_date_time(
        rec["sys_created_on"].as_str().unwrap_or_default()
    ));
    assert!(rec.get("u_unknown").is_none());
    let change = create(
        &sn,
        &token,
        "change_request",
        json!({"short_description": "c", "type": "standard"}),
    )
    .await;
    assert_eq!(
        (change["number"].as_str(), change["state"].as_str()),
        (Some("CHG0030009"), Some("-5"))
    );
    assert_eq!(
        (
            change["impact"].as_str(),
            change["urgency"].as_str(),
            change["priority"].as_str()
        ),
        (Some("3"), Some("3"), Some("4")),
        "a change's priority is not derived: its dictionary default is 4 - Low"
    );
}

#[tokio::test]
async fn a_change_keeps_the_priority_it_is_sent_and_an_incident_does_not() {
    let sn = instance();
    let token = sn.token().await;
    let body = json!({"short_description": "c", "impact": "1", "urgency": "1", "priority": "3"});
    let change = create(&sn, &token, "change_request", body.clone()).await;
    assert_eq!(change["priority"], "3");
    let incident = create(&sn, &token, "incident", body).await;
    assert_eq!(
        incident["priority"], "1",
        "derived from impact 1 / urgency 1"
    );
}

#[tokio::test]
async fn a_data_policy_refuses_a_create_without_its_fields_in_servicenows_words() {
    let sn = instance();
    let token = sn.token().await;
    sn.control
        .set_mandatory_fields("change_request", &["assignment_group"]);
    let before = sn.control.records("change_request").len();
    let reply = sn
        .send_json(
            Method::POST,
            "/api/now/table/change_request",
            &token,
            &json!({"short_description": "no group"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.body);
    assert_eq!(
        reply.json(),
        json!({"error": {"message": "Operation Failed",
            "detail": "Data Policy Exception: \n The following fields are mandatory: Assignment group"},
            "status": "failure"})
    );
    assert_eq!(
        sn.control.records("change_request").len(),
        before,
        "nothing created"
    );
    sn.control
        .set_mandatory_fields("change_request", &["assignment_group", "short_description"]);
    let reply = sn
        .send_json(
            Method::POST,
            "/api/now/table/change_request",
            &token,
            &json!({}),
        )
        .await;
    assert!(
        reply
            .body
            .contains("mandatory: Assignment group, Short description"),
        "{}",
        reply.body
    );
    let group = sn.control.group_sys_id("Network");
    let rec = create(
        &sn,
        &token,
        "change_request",
        json!({"short_description": "with group", "assignment_group": group}),
    )
    .await;
    assert_eq!(rec["assignment_group"]["value"], group.as_str());
    let incident = create(
        &sn,
        &token,
        "incident",
        json!({"short_description": "other table"}),
    )
    .await;
    assert_eq!(incident["short_description"], "other table");
}

#[tokio::test]
async fn a_normal_change_keeps_its_model_and_without_one_is_filed_under_none() {
    let sn = instance();
    let token = sn.token().await;
    let normal = sn.control.change_model_sys_id("Normal");
    let with = create(
        &sn,
        &token,
        "change_request",
        json!({"short_description": "m", "type": "normal", "chg_model": normal}),
    )
    .await;
    assert_eq!(with["chg_model"]["value"], normal.as_str());
    let without = create(
        &sn,
        &token,
        "change_request",
        json!({"short_description": "t", "type": "normal"}),
    )
    .await;
    assert_eq!(without["chg_model"], "");
    sn.control.set_change_models(false);
    let typed = create(
        &sn,
        &token,
        "change_request",
        json!({"short_description": "t", "type": "normal", "chg_model": normal}),
    )
    .await;
    assert_eq!(
        typed["chg_model"], "",
        "a type-based instance has no models"
    );
}

#[tokio::test]
async fn text_is_cut_to_the_column_length_and_bad_dates_are_dropped() {
    let sn = instance();
    let token = sn.token().await;
    let long = "å".repeat(200);
    let body = json!({"short_description": long, "correlation_id": "x".repeat(150), "description": long,
        "due_date": "2030-01-31T12:00:00Z", "start_date": "2030-02-01"});
    let rec = create(&sn, &token, "change_request", body).await;
    assert_eq!(
        rec["short_description"].as_str().map(|s| s.chars().count()),
        Some(160)
    );
    assert_eq!(rec["correlation_id"].as_str().map(str::len), Some(100));
    assert_eq!(
        rec["description"].as_str().map(|s| s.chars().count()),
        Some(200)
    );
    assert_eq!(
        (rec["due_date"].as_str(), rec["start_date"].as_str()),
        (Some(""), Some("2030-02-01 00:00:00"))
    );
}

#[tokio::test]
async fn patch_updates_and_recomputes() {
    let sn = instance();
    let token = sn.token().await;
    let rec = create(&sn, &token, "incident", json!({"short_description": "x"})).await;
    let uri = format!(
        "/api/now/table/incident/{}",
        rec["sys_id"].as_str().unwrap_or_default()
    );
    let reply = sn
        .send_json(
            Method::PATCH,
            &uri,
            &token,
            &json!({"urgency": "1", "state": "7", "priority": "1"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let updated = &reply.json()["result"];
    assert_eq!(
        (updated["priority"].as_str(), updated["active"].as_str()),
        (Some("3"), Some("false"))
    );
    assert_eq!(updated["sys_mod_count"], "1");
}

#[tokio::test]
async fn a_user_without_roles_cannot_create() {
    let sn = instance();
    let (token, _) = sn.tokens("abel.tuter", "no-roles").await;
    let before = sn.control.records("incident").len();
    let reply = sn
        .send_json(
            Method::POST,
            "/api/now/table/incident",
            &token,
            &json!({"short_description": "x"}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let expected = json!({"error": {"message": "Operation Failed", "detail": "ACL Exception Insert Failed due to security constraints"}, "status": "failure"});
    assert_eq!(reply.json(), expected);
    assert_eq!(sn.control.records("incident").len(), before);
    assert_eq!(sn.control.created_requests("incident"), 0);
    let visible = sn.get("/api/now/table/incident", Some(&token)).await;
    assert_eq!(
        visible.header("x-total-count"),
        Some("0"),
        "no ticket of theirs to read"
    );
}

#[tokio::test]
async fn bodies_must_be_json_objects() {
    let sn = instance();
    let token = sn.token().await;
    let not_json = Instance::request(Method::POST, "/api/now/table/incident")
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from("{\"short_description\":"))
        .expect("request");
    let reply = sn.send(not_json).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["status"], "failure");
    let text = Instance::request(Method::POST, "/api/now/table/incident")
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .header(CONTENT_TYPE, "text/plain")
        .body(Body::from("{}"))
        .expect("request");
    assert_eq!(
        sn.send(text).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let users = sn
        .send_json(
            Method::POST,
            "/api/now/table/sys_user",
            &token,
            &json!({"user_name": "x"}),
        )
        .await;
    assert_eq!(users.status, StatusCode::FORBIDDEN, "sys_user is read-only");
    assert_eq!(sn.control.created_requests("incident"), 0);
}
