//! The live list against scripted Graph and Table API answers (shapes as
//! security-list-securescorecontrolprofiles.md and security-list-securescores.md show them).

use std::rc::Rc;

use futures::executor::block_on;

use super::*;
use crate::microsoft::fake::session;
use crate::microsoft::ActionStatus;
use crate::servicenow::fake::{connected_client, json, FakeTransport};

fn profile(id: &str, rank: i32, max: f64) -> serde_json::Value {
    serde_json::json!({"id": id, "title": format!("Title of {id}"), "controlCategory": "Identity",
        "service": "AzureAD", "maxScore": max, "rank": rank, "deprecated": false,
        "controlStateUpdates": []})
}

/// Two pages of profiles (`@odata.nextLink`), and today's score for two of the three.
fn graph() -> FakeTransport {
    FakeTransport::new(graph_answer)
}

fn graph_answer(
    req: &crate::servicenow::HttpRequest,
) -> Result<crate::servicenow::HttpResponse, crate::servicenow::TransportError> {
    {
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
    }
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

/// Graph as [`graph`], but the first `throttled` requests get 429 with `Retry-After: secs`.
fn throttling(throttled: usize, secs: &'static str) -> FakeTransport {
    let seen = std::cell::Cell::new(0usize);
    FakeTransport::new(move |req| {
        seen.set(seen.get() + 1);
        if seen.get() <= throttled {
            let mut response = json(
                429,
                r#"{"error":{"code":"TooManyRequests","message":"Too many requests."}}"#,
            )?;
            response
                .headers_mut()
                .insert("retry-after", oauth2::http::HeaderValue::from_static(secs));
            return Ok(response);
        }
        graph_answer(req)
    })
}

/// Loads patiently with a sleep that only records how long it was asked to wait.
fn load_recording(
    transport: &FakeTransport,
) -> (Result<LiveList, SessionError>, Vec<LoadStep>, Vec<u32>) {
    let steps = std::cell::RefCell::new(Vec::new());
    let slept = std::cell::RefCell::new(Vec::new());
    let sleep = |seconds: u32| -> crate::servicenow::http::LocalFuture<'static, ()> {
        slept.borrow_mut().push(seconds);
        Box::pin(async {})
    };
    let result = block_on(load_patiently(
        &session(transport),
        &|s| steps.borrow_mut().push(s),
        &sleep,
    ));
    (result, steps.into_inner(), slept.into_inner())
}

#[test]
fn a_short_retry_after_is_counted_down_and_the_list_loads_by_itself() {
    let transport = throttling(1, "3");
    let (result, steps, slept) = load_recording(&transport);
    assert_eq!(result.expect("loaded").actions.len(), 3);
    let waiting = |left| LoadStep::Waiting { asked: 3, left };
    assert_eq!(
        steps,
        [
            LoadStep::Loading,
            waiting(3),
            waiting(2),
            waiting(1),
            LoadStep::Loading
        ]
    );
    assert_eq!(slept, [1, 1, 1], "three seconds, one at a time");
    assert_eq!(
        transport.requests().len(),
        1 + 3,
        "the refused one, then the list"
    );
}

#[test]
fn three_throttles_are_waited_out_and_the_fourth_is_the_persons_to_retry() {
    let transport = throttling(4, "2");
    let (result, steps, slept) = load_recording(&transport);
    assert_eq!(
        result,
        Err(SessionError::Graph(GraphError::RateLimited {
            retry_after_secs: 2
        }))
    );
    assert_eq!(slept.len(), 3 * 2, "three waits of two seconds");
    let loads = steps.iter().filter(|s| **s == LoadStep::Loading).count();
    assert_eq!(loads, 4);
    assert_eq!(transport.requests().len(), 4, "no fifth request");

    let three = throttling(3, "2");
    let (result, _, slept) = load_recording(&three);
    assert!(result.is_ok(), "the fourth try loads");
    assert_eq!(slept.len(), 6);
}

#[test]
fn a_retry_after_over_a_minute_is_not_waited_in_the_page() {
    let transport = throttling(1, "61");
    let (result, steps, slept) = load_recording(&transport);
    assert_eq!(
        result,
        Err(SessionError::Graph(GraphError::RateLimited {
            retry_after_secs: 61
        }))
    );
    assert!(slept.is_empty());
    assert_eq!(steps, [LoadStep::Loading]);
    assert_eq!(transport.requests().len(), 1);
}

fn a_list() -> Rc<LiveList> {
    Rc::new(LiveList {
        actions: Vec::new(),
        total: None,
        graph_requests: 2,
    })
}

#[test]
fn the_kept_list_is_asked_for_once_and_what_an_overtaken_load_reports_is_ignored() {
    let empty = LiveCache::default();
    assert!(empty.needs_load());
    assert_eq!(empty.state, LiveState::Off);
    let first = empty.after(CacheEvent::Start(1));
    assert!(!first.needs_load(), "a load in flight is not started twice");
    assert_eq!(first.state, LiveState::Loading);
    let waiting = first.after(CacheEvent::Step(1, LoadStep::Waiting { asked: 5, left: 4 }));
    assert_eq!(waiting.state, LiveState::Waiting { asked: 5, left: 4 });
    let loaded = waiting.after(CacheEvent::Done(1, Ok(a_list())));
    assert_eq!(loaded.state, LiveState::Loaded(a_list()));
    assert!(
        !loaded.needs_load(),
        "kept: the next visit asks Graph nothing"
    );

    // Refresh while an older load is still out: only the newest one counts.
    let refreshing = loaded.after(CacheEvent::Start(2));
    let stale = refreshing.after(CacheEvent::Done(1, Ok(a_list())));
    assert_eq!(stale.state, LiveState::Loading);
    let failed = stale.after(CacheEvent::Done(
        2,
        Err(SessionError::Graph(GraphError::Forbidden {
            code: "Forbidden".into(),
            message: "no role".into(),
        })),
    ));
    assert!(matches!(failed.state, LiveState::Failed(_)));

    // Disconnected (or the session ended): forgotten, and a late answer changes nothing.
    let dropped = failed.after(CacheEvent::Drop);
    assert!(dropped.needs_load());
    let late = dropped.after(CacheEvent::Done(2, Ok(a_list())));
    assert_eq!(late, LiveCache::default());
}
