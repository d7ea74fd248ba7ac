//! Role grants through the Table API: `sys_user_has_role` with dot-walked `role.name`,
//! each user reading their own, and a read ACL that can hide them.

use axum::http::StatusCode;
use serde_json::Value;

use crate::common::{instance, Instance, INSTANCE};

const OWN_ROLES: &str = "/api/now/table/sys_user_has_role?sysparm_query=user%3Djavascript%3Ags.getUserID()%5Estate%3Dactive&sysparm_fields=role.name";

async fn role_names(sn: &Instance, token: &str, uri: &str) -> Vec<String> {
    let reply = sn.get(uri, Some(token)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let rows = reply.json()["result"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut names: Vec<String> = rows
        .iter()
        .map(|r| r["role.name"].as_str().unwrap_or("<missing>").to_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn each_user_reads_their_own_active_roles_by_name() {
    let sn = instance();
    let integration = sn.token().await;
    assert_eq!(
        role_names(&sn, &integration, OWN_ROLES).await,
        ["change_manager", "itil"]
    );
    let (beth, _) = sn.tokens("beth.anglin", "sandbox-demo").await;
    assert_eq!(role_names(&sn, &beth, OWN_ROLES).await, ["itil"]);
    let (abel, _) = sn.tokens("abel.tuter", "no-roles").await;
    assert!(role_names(&sn, &abel, OWN_ROLES).await.is_empty());
}

#[tokio::test]
async fn other_users_grants_stay_hidden_from_a_non_admin() {
    let sn = instance();
    let (beth, _) = sn.tokens("beth.anglin", "sandbox-demo").await;
    let all = "/api/now/table/sys_user_has_role?sysparm_fields=role.name";
    assert_eq!(role_names(&sn, &beth, all).await, ["itil"]);
    let (admin, _) = sn.tokens("admin", "sandbox-admin").await;
    assert_eq!(
        role_names(&sn, &admin, all).await,
        ["admin", "change_manager", "itil", "itil"]
    );
}

#[tokio::test]
async fn a_read_acl_can_hide_a_users_own_roles_with_an_empty_answer() {
    let sn = instance();
    let integration = sn.token().await;
    sn.control.set_own_roles_readable(false);
    assert!(role_names(&sn, &integration, OWN_ROLES).await.is_empty());
    let (admin, _) = sn.tokens("admin", "sandbox-admin").await;
    assert_eq!(role_names(&sn, &admin, OWN_ROLES).await, ["admin"]);
}

#[tokio::test]
async fn a_grant_references_its_role_record() {
    let sn = instance();
    let token = sn.token().await;
    let uri = "/api/now/table/sys_user_has_role?sysparm_query=role.name%3Ditil%5Euser%3Djavascript%3Ags.getUserID()&sysparm_fields=role,role.name&sysparm_display_value=all";
    let reply = sn.get(uri, Some(&token)).await;
    let rows = reply.json()["result"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rows.len(), 1, "{}", reply.body);
    let role = &rows[0]["role"];
    assert_eq!(role["display_value"], Value::from("itil"));
    let id = role["value"].as_str().unwrap_or_default();
    assert_eq!(
        role["link"],
        Value::from(format!("{INSTANCE}/api/now/table/sys_user_role/{id}"))
    );
    let record = sn
        .get(&format!("/api/now/table/sys_user_role/{id}"), Some(&token))
        .await;
    assert_eq!(record.json()["result"]["name"], Value::from("itil"));
    let write = sn
        .send_json(
            axum::http::Method::POST,
            "/api/now/table/sys_user_has_role",
            &token,
            &serde_json::json!({"role": id}),
        )
        .await;
    assert_eq!(write.status, StatusCode::FORBIDDEN, "{}", write.body);
}
