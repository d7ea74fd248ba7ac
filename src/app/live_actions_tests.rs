//! The live list against scripted Graph and Table API answers (shapes as
//! security-list-securescorecontrolprofiles.md and security-list-securescores.md show them).

use std::rc::Rc;

use chrono::{Duration, TimeZone, Utc};
use futures::executor::block_on;
use oauth2::{AccessToken, RefreshToken};

use super::*;
use crate::microsoft::settings::{validate, TenantDraft};
use crate::microsoft::ActionStatus;
use crate::servicenow::fake::{connected_client, json, FakeTransport};
use crate::servicenow::TokenSet;

fn session(transport: &FakeTransport) -> MicrosoftSession {
    let settings = validate(
        &TenantDraft {
            tenant: "contoso.onmicrosoft.com".into(),
            client_id: "00001111-aaaa-2222-bbbb-3333cccc4444".into(),
            ..TenantDraft::default()
        },
        "https://portal.example/",
    )
    .expect("valid");
    let now = || {
        Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
            .single()
            .expect("valid time")
    };
    let tokens = TokenSet {
        access_token: AccessToken::new("MSAT".into()),
        refresh_token: Some(RefreshToken::new("MSRT".into())),
        expires_at: now() + Duration::seconds(3000),
        lifetime_secs: 3599,
    };
    MicrosoftSession::new(
        Rc::new(transport.clone()),
        settings,
        tokens,
        Rc::new(now),
        |_| {},
    )
}

fn profile(id: &str, rank: i32, max: f64) -> serde_json::Value {
    serde_json::json!({"id": id, "title": format!("Title of {id}"), "controlCategory": "Identity",
        "service": "AzureAD", "maxScore": max, "rank": rank, "deprecated": false,
        "controlStateUpdates": []})
}

/// Two pages of profiles (`@odata.nextLink`), and today's score for two of the three.
fn graph() -> FakeTransport {
    FakeTransport::new(|req| {
        let url = req.uri().to_string();
        if url.contains("secureScores") {
            return json(
                200,
                &serde_json::json!({"value": [{"id": "t_2026-11-22",
                "currentScore": 18.0, "maxScore": 40.0,
                "controlScores": [{"controlName": "MFA", "score": 10.0},
                                  {"controlName": "Legacy", "score": 3.0}]}]})
                .to_string(),
            );
        }
        if url.contains("skiptoken") {
            return json(
                200,
                &serde_json::json!({"value": [profile("Audit", 3, 5.0)]}).to_string(),
            );
        }
        json(200, &serde_json::json!({
            "value": [profile("MFA", 1, 10.0), profile("Legacy", 2, 8.0)],
            "@odata.nextLink": "https://graph.microsoft.com/v1.0/security/secureScoreControlProfiles?$top=2&$skiptoken=2"
        }).to_string())
    })
}

#[test]
fn every_page_is_read_and_joined_with_the_latest_score_in_pages_plus_one_requests() {
    let transport = graph();
    let list = block_on(load(&session(&transport))).expect("loaded");
    let ids: Vec<&str> = list.actions.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["MFA", "Legacy", "Audit"]);
    assert_eq!(list.graph_requests, 3, "2 pages of profiles + 1 score");
    assert_eq!(transport.requests().len(), 3);
    let mfa = &list.actions[0];
    assert_eq!((mfa.score, mfa.max_score), (Some(10.0), 10.0));
    assert_eq!(mfa.status, ActionStatus::Completed);
    assert_eq!(list.actions[1].status, ActionStatus::ToAddress);
    assert_eq!(list.actions[2].score, None, "no score today is not zero");
    let total = list.total.expect("a score");
    assert_eq!(total.percent(), Some(45.0));
    let tokens: Vec<Option<String>> = transport
        .requests()
        .into_iter()
        .map(|r| r.authorization)
        .collect();
    assert!(tokens.iter().all(|t| t.as_deref() == Some("Bearer MSAT")));
}

#[test]
fn the_tickets_of_the_whole_list_take_one_request_per_table() {
    let transport = graph();
    let list = block_on(load(&session(&transport))).expect("loaded");
    let instance = FakeTransport::new(|req| {
        let query = req.uri().query().unwrap_or_default().to_owned();
        assert!(query.contains("correlation_idIN"), "{query}");
        if req.uri().path().ends_with("/change_request") {
            let correlation = crate::servicenow::tickets::correlation_id("MFA");
            json(
                200,
                &serde_json::json!({"result": [{
                    "sys_id": {"value": "s1", "display_value": "s1"},
                    "number": {"value": "CHG0030001", "display_value": "CHG0030001"},
                    "state": {"value": "-5", "display_value": "New"},
                    "active": {"value": "true", "display_value": "true"},
                    "correlation_id": {"value": correlation, "display_value": correlation}
                }]})
                .to_string(),
            )
        } else {
            json(200, r#"{"result": []}"#)
        }
    });
    let client = connected_client(&instance);
    let found = block_on(tickets_of(&client, &list.actions)).expect("found");
    assert_eq!(found.requests, 2);
    assert_eq!(instance.requests().len(), 2);
    let mfa = found.by_action.get("MFA").expect("MFA's ticket");
    assert_eq!(mfa[0].number, "CHG0030001");
    assert!(!found.by_action.contains_key("Legacy"));
}
