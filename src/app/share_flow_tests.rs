//! Native tests of sending: duplicates, lost responses, rate limits, against a small fake
//! instance that keeps records in memory.

use std::cell::RefCell;
use std::rc::Rc;

use futures::executor::block_on;
use oauth2::http::HeaderValue;
use serde_json::{json, Value};

use super::*;
use crate::servicenow::fake::{json as reply, FakeTransport};
use crate::servicenow::{Priority, TicketKind};

/// What the fake instance should do to the next create.
#[derive(Clone, Copy, PartialEq)]
enum Next {
    Normal,
    LoseResponseAfterCommit,
    RateLimitOnce,
    RateLimitForAnHour,
    /// The connection closes without an answer before the record is stored; the browser
    /// then reports a failed fetch, which the probe after it tells as `Blocked`.
    DropBeforeCommit,
    /// The record is stored, then the connection closes without an answer.
    DropAfterCommit,
    /// The record is stored, the connection closes, and the browser sends the create again
    /// by itself: a second record, and its 201 is all the page sees.
    BrowserResends,
    /// The record is stored, the connection closes, and the probe after the failed fetch is
    /// redirected (a gateway sending unauthenticated requests to its login page).
    RedirectedAfterCommit,
}

/// The signed-in user of these tests.
const ME: &str = "snowcard.integration";
/// A colleague sharing the same improvement action on the same instance.
const COLLEAGUE: &str = "kim.colleague";

thread_local! {
    /// Every create body the fake instance was sent (rate-limited ones excepted).
    static POSTED: Rc<RefCell<Vec<Value>>> = Rc::default();
    /// The Normal model's sys_id, when the fake instance is model-based.
    static MODEL: RefCell<Option<&'static str>> = const { RefCell::new(None) };
    /// A user whose create lands between this send's duplicate check and its look-up.
    static MEANWHILE: RefCell<Option<&'static str>> = const { RefCell::new(None) };
}

/// A ticket record as the fake instance stores it.
fn record(n: usize, correlation_id: &Value, created_by: &str) -> Value {
    json!({"sys_id": format!("id{n}"), "number": format!("CHG00300{n:02}"),
        "correlation_id": correlation_id, "active": "true", "sys_created_by": created_by})
}

fn instance(records: Rc<RefCell<Vec<Value>>>, next: Rc<RefCell<Next>>) -> FakeTransport {
    let posted = POSTED.with(Rc::clone);
    FakeTransport::new(move |req| {
        if req.uri().path() == crate::servicenow::user::CURRENT_USER_PATH {
            return reply(
                200,
                &json!({"result": {"user_sys_id": "u1", "user_name": ME,
                    "user_display_name": "Snowcard Integration"}})
                .to_string(),
            );
        }
        if req.uri().path().ends_with("/chg_model") {
            return match MODEL.with(|m| *m.borrow()) {
                Some(id) => reply(
                    200,
                    &json!({"result": [{"sys_id": id, "name": "Normal"}]}).to_string(),
                ),
                None => reply(
                    400,
                    r#"{"error":{"message":"Invalid table chg_model","detail":null},"status":"failure"}"#,
                ),
            };
        }
        if req.method() == "POST" {
            let planned = *next.borrow();
            if matches!(planned, Next::RateLimitOnce | Next::RateLimitForAnHour) {
                let seconds = if planned == Next::RateLimitOnce {
                    *next.borrow_mut() = Next::Normal;
                    "2"
                } else {
                    "3600"
                };
                let mut r = reply(
                    429,
                    r#"{"error":{"message":"Rate limit exceeded"},"status":"failure"}"#,
                )?;
                r.headers_mut()
                    .insert("retry-after", HeaderValue::from_static(seconds));
                return Ok(r);
            }
            let blocked = || {
                Err(TransportError::Blocked {
                    url: req.uri().to_string(),
                })
            };
            let body: Value = serde_json::from_slice(req.body()).unwrap_or_default();
            // The colleague's create, landing before this send's look-up.
            let meanwhile = || {
                if let Some(user) = MEANWHILE.with(|m| m.borrow_mut().take()) {
                    let n = records.borrow().len() + 1;
                    let theirs = record(n, &body["correlation_id"], user);
                    records.borrow_mut().push(theirs);
                }
            };
            if planned == Next::DropBeforeCommit {
                *next.borrow_mut() = Next::Normal;
                meanwhile();
                return blocked();
            }
            if planned == Next::BrowserResends {
                // The first of the two sends: stored, its answer never seen.
                *next.borrow_mut() = Next::Normal;
                let n = records.borrow().len() + 1;
                let first = record(n, &body["correlation_id"], ME);
                records.borrow_mut().push(first);
            }
            posted.borrow_mut().push(body.clone());
            let n = records.borrow().len() + 1;
            let record = record(n, &body["correlation_id"], ME);
            records.borrow_mut().push(record.clone());
            meanwhile();
            if planned == Next::LoseResponseAfterCommit {
                *next.borrow_mut() = Next::Normal;
                return reply(503, "<html>Service Unavailable</html>");
            }
            if planned == Next::DropAfterCommit {
                *next.borrow_mut() = Next::Normal;
                return blocked();
            }
            if planned == Next::RedirectedAfterCommit {
                *next.borrow_mut() = Next::Normal;
                return Err(TransportError::Redirected {
                    url: req.uri().to_string(),
                });
            }
            return reply(201, &json!({"result": record}).to_string());
        }
        let query = url::Url::parse(&req.uri().to_string()).ok().and_then(|u| {
            u.query_pairs()
                .find(|(k, _)| k == "sysparm_query")
                .map(|(_, v)| v.into_owned())
        });
        let wanted = query.unwrap_or_default();
        // Newest first, as `ORDERBYDESCsys_created_on` asks.
        let rows: Vec<Value> = records
            .borrow()
            .iter()
            .rev()
            .filter(|r| {
                wanted.starts_with(&format!(
                    "correlation_id={}^",
                    r["correlation_id"].as_str().unwrap_or("?")
                ))
            })
            .map(|r| {
                json!({"sys_id": {"value": r["sys_id"]}, "number": {"display_value": r["number"]},
                "state": {"display_value": "New"}, "active": {"value": r["active"]},
                "sys_created_by": {"value": r["sys_created_by"],
                    "display_value": r["sys_created_by"]}})
            })
            .collect();
        reply(200, &json!({"result": rows}).to_string())
    })
}

fn client(transport: FakeTransport) -> ServiceNowClient {
    crate::servicenow::fake::connected_client(&transport)
}

fn ticket() -> NewTicket {
    NewTicket {
        kind: TicketKind::ChangeRequest,
        name: "Block legacy authentication".into(),
        description: "d".into(),
        priority: Priority::High,
        due: None,
        correlation_id: "snowcard:BlockLegacyAuthentication".into(),
        assignment_group: None,
        change_model: None,
    }
}

fn no_wait(_: u32) -> LocalFuture<'static, ()> {
    Box::pin(async {})
}

fn run(
    records: &Rc<RefCell<Vec<Value>>>,
    next: Next,
    anyway: bool,
) -> (Result<ShareOutcome, ApiError>, Vec<ShareStep>) {
    run_as(records, next, anyway, Some(ME))
}

/// [`run`], with the signed-in user's name as the page knows it (`None`: not yet).
fn run_as(
    records: &Rc<RefCell<Vec<Value>>>,
    next: Next,
    anyway: bool,
    user_name: Option<&str>,
) -> (Result<ShareOutcome, ApiError>, Vec<ShareStep>) {
    let steps = RefCell::new(Vec::new());
    let client = client(instance(records.clone(), Rc::new(RefCell::new(next))));
    let outcome = block_on(share(
        &client,
        &ticket(),
        anyway,
        user_name,
        &|s| steps.borrow_mut().push(s),
        &no_wait,
    ));
    (outcome, steps.into_inner())
}

#[test]
fn a_new_ticket_is_created_once() {
    let records = Rc::default();
    let (outcome, steps) = run(&records, Next::Normal, false);
    assert!(
        matches!(outcome, Ok(ShareOutcome::Created(ref c)) if c.number == "CHG0030001"),
        "{outcome:?}"
    );
    assert_eq!(steps, [ShareStep::CheckingDuplicates, ShareStep::Sending]);
    assert_eq!(records.borrow().len(), 1);
}

#[test]
fn an_open_ticket_with_the_same_correlation_id_stops_the_send_unless_asked() {
    let records = Rc::default();
    let _first = run(&records, Next::Normal, false);
    let (outcome, _) = run(&records, Next::Normal, false);
    assert!(
        matches!(outcome, Ok(ShareOutcome::AlreadyOpen(ref open)) if open[0].number == "CHG0030001"),
        "{outcome:?}"
    );
    assert_eq!(records.borrow().len(), 1, "nothing created");
    let (anyway, _) = run(&records, Next::Normal, true);
    assert!(matches!(anyway, Ok(ShareOutcome::Created(_))));
    assert_eq!(records.borrow().len(), 2);
}

#[test]
fn a_lost_response_finds_the_ticket_the_instance_created() {
    let records = Rc::default();
    let (outcome, steps) = run(&records, Next::LoseResponseAfterCommit, false);
    assert!(
        matches!(outcome, Ok(ShareOutcome::Created(ref c)) if c.sys_id == "id1"),
        "{outcome:?}"
    );
    assert_eq!(steps.last(), Some(&ShareStep::Verifying));
    assert_eq!(records.borrow().len(), 1);
}

#[test]
fn a_lost_response_while_creating_anyway_is_not_mistaken_for_the_older_ticket() {
    let records = Rc::default();
    let _first = run(&records, Next::Normal, false);
    let (outcome, _) = run(&records, Next::LoseResponseAfterCommit, true);
    assert!(
        matches!(outcome, Ok(ShareOutcome::Created(ref c)) if c.sys_id == "id2"),
        "{outcome:?}"
    );
}

#[test]
fn a_rate_limit_is_waited_out_and_said() {
    let records = Rc::default();
    let (outcome, steps) = run(&records, Next::RateLimitOnce, false);
    assert!(matches!(outcome, Ok(ShareOutcome::Created(_))));
    assert_eq!(
        steps,
        [
            ShareStep::CheckingDuplicates,
            ShareStep::Sending,
            ShareStep::RateLimited { seconds: 2 },
            ShareStep::Sending
        ]
    );
    assert_eq!(records.borrow().len(), 1);
}

#[test]
fn a_rate_limit_of_an_hour_is_not_waited_in_the_page_and_creates_nothing() {
    let records: Rc<RefCell<Vec<Value>>> = Rc::default();
    let steps = RefCell::new(Vec::new());
    let slept = RefCell::new(Vec::new());
    let sleep = |seconds: u32| -> LocalFuture<'static, ()> {
        slept.borrow_mut().push(seconds);
        Box::pin(async {})
    };
    let client = client(instance(
        records.clone(),
        Rc::new(RefCell::new(Next::RateLimitForAnHour)),
    ));
    let outcome = block_on(share(
        &client,
        &ticket(),
        false,
        Some(ME),
        &|s| steps.borrow_mut().push(s),
        &sleep,
    ));
    assert_eq!(
        outcome,
        Err(ApiError::RateLimited {
            retry_after_secs: 3600
        })
    );
    assert!(
        slept.borrow().is_empty(),
        "nothing is waited out in the page"
    );
    assert_eq!(
        steps.into_inner(),
        [ShareStep::CheckingDuplicates, ShareStep::Sending]
    );
    assert!(records.borrow().is_empty());
}

#[test]
fn waits_up_to_a_minute_stay_in_the_page_and_longer_ones_do_not() {
    assert!(waits_in_page(0) && waits_in_page(30) && waits_in_page(60));
    assert!(!waits_in_page(61) && !waits_in_page(3600));
}

#[test]
fn a_change_goes_with_the_normal_model_where_the_instance_has_one() {
    POSTED.with(|p| p.borrow_mut().clear());
    MODEL.with(|m| *m.borrow_mut() = Some("e55d0bfec343101035ae3f52c1d3ae49"));
    let records = Rc::default();
    let (outcome, _) = run(&records, Next::Normal, false);
    MODEL.with(|m| *m.borrow_mut() = None);
    assert!(
        matches!(outcome, Ok(ShareOutcome::Created(_))),
        "{outcome:?}"
    );
    let posted = POSTED.with(|p| p.borrow().clone());
    assert_eq!(posted.len(), 1);
    assert_eq!(posted[0]["chg_model"], "e55d0bfec343101035ae3f52c1d3ae49");
    assert_eq!(posted[0]["type"], "normal");
    assert_eq!(posted[0]["priority"], "2");
}

#[test]
fn a_change_on_a_type_based_instance_goes_with_its_type_alone() {
    POSTED.with(|p| p.borrow_mut().clear());
    let records = Rc::default();
    let (outcome, _) = run(&records, Next::Normal, false);
    assert!(
        matches!(outcome, Ok(ShareOutcome::Created(_))),
        "{outcome:?}"
    );
    let posted = POSTED.with(|p| p.borrow().clone());
    assert_eq!(posted.len(), 1);
    assert!(posted[0].get("chg_model").is_none(), "{:?}", posted[0]);
    assert_eq!(posted[0]["type"], "normal");
}

#[test]
fn a_connection_closed_after_the_commit_finds_the_ticket_instead_of_failing() {
    let records = Rc::default();
    let (outcome, steps) = run(&records, Next::DropAfterCommit, false);
    assert!(
        matches!(outcome, Ok(ShareOutcome::Created(ref c)) if c.sys_id == "id1"),
        "{outcome:?}"
    );
    assert_eq!(steps.last(), Some(&ShareStep::Verifying));
    assert_eq!(records.borrow().len(), 1);
}

#[test]
fn a_connection_closed_before_the_commit_is_reported_once_nothing_is_found() {
    let records: Rc<RefCell<Vec<Value>>> = Rc::default();
    let (outcome, steps) = run(&records, Next::DropBeforeCommit, false);
    assert!(
        matches!(
            outcome,
            Err(ApiError::Transport(TransportError::Blocked { .. }))
        ),
        "{outcome:?}"
    );
    assert_eq!(steps.last(), Some(&ShareStep::Verifying), "looked first");
    assert!(records.borrow().is_empty());
}

#[test]
fn a_create_the_browser_sent_twice_names_the_other_ticket() {
    let records = Rc::default();
    let (outcome, steps) = run(&records, Next::BrowserResends, false);
    match outcome {
        Ok(ShareOutcome::CreatedMore { created, others }) => {
            assert_eq!(created.sys_id, "id2", "the ticket whose answer came back");
            let others: Vec<&str> = others.iter().map(|t| t.number.as_str()).collect();
            assert_eq!(others, ["CHG0030001"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        steps,
        [ShareStep::CheckingDuplicates, ShareStep::Sending],
        "the lookup after the create is not a step of its own"
    );
}

#[test]
fn a_ticket_created_before_the_send_is_not_named_as_made_by_it() {
    let records = Rc::default();
    let _first = run(&records, Next::Normal, false);
    let (outcome, _) = run(&records, Next::Normal, true);
    assert!(
        matches!(outcome, Ok(ShareOutcome::Created(ref c)) if c.sys_id == "id2"),
        "{outcome:?}"
    );
}

#[test]
fn a_colleagues_ticket_created_between_the_check_and_the_look_up_is_not_named_as_an_extra() {
    let records: Rc<RefCell<Vec<Value>>> = Rc::default();
    MEANWHILE.with(|m| *m.borrow_mut() = Some(COLLEAGUE));
    let (outcome, _) = run(&records, Next::Normal, false);
    assert!(
        matches!(outcome, Ok(ShareOutcome::Created(ref c)) if c.sys_id == "id1"),
        "{outcome:?}"
    );
    assert_eq!(records.borrow().len(), 2, "the colleague's ticket is there");
}

#[test]
fn a_colleagues_ticket_is_not_named_beside_this_persons_own_resend() {
    let records: Rc<RefCell<Vec<Value>>> = Rc::default();
    MEANWHILE.with(|m| *m.borrow_mut() = Some(COLLEAGUE));
    let (outcome, _) = run(&records, Next::BrowserResends, false);
    match outcome {
        Ok(ShareOutcome::CreatedMore { created, others }) => {
            assert_eq!(created.sys_id, "id2", "the ticket whose answer came back");
            let others: Vec<&str> = others.iter().map(|t| t.number.as_str()).collect();
            assert_eq!(
                others,
                ["CHG0030001"],
                "this person's resend, not CHG0030003"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(records.borrow().len(), 3);
}

#[test]
fn after_a_lost_answer_a_colleagues_newer_ticket_is_not_taken_for_this_sends() {
    let records: Rc<RefCell<Vec<Value>>> = Rc::default();
    MEANWHILE.with(|m| *m.borrow_mut() = Some(COLLEAGUE));
    let (outcome, steps) = run(&records, Next::LoseResponseAfterCommit, false);
    assert!(
        matches!(outcome, Ok(ShareOutcome::Created(ref c)) if c.sys_id == "id1"),
        "this person's ticket, not the colleague's newer id2: {outcome:?}"
    );
    assert_eq!(steps.last(), Some(&ShareStep::Verifying));
}

#[test]
fn after_a_dropped_create_only_a_colleagues_ticket_leaves_the_failure_standing() {
    let records: Rc<RefCell<Vec<Value>>> = Rc::default();
    MEANWHILE.with(|m| *m.borrow_mut() = Some(COLLEAGUE));
    let (outcome, steps) = run(&records, Next::DropBeforeCommit, false);
    assert!(
        matches!(
            outcome,
            Err(ApiError::Transport(TransportError::Blocked { .. }))
        ),
        "{outcome:?}"
    );
    assert_eq!(steps.last(), Some(&ShareStep::Verifying), "looked first");
    assert_eq!(records.borrow().len(), 1, "only the colleague's ticket");
}

#[test]
fn the_signed_in_user_is_asked_for_when_the_page_does_not_know_it_yet() {
    let records: Rc<RefCell<Vec<Value>>> = Rc::default();
    MEANWHILE.with(|m| *m.borrow_mut() = Some(COLLEAGUE));
    let (outcome, _) = run_as(&records, Next::BrowserResends, false, None);
    match outcome {
        Ok(ShareOutcome::CreatedMore { created, others }) => {
            assert_eq!(created.sys_id, "id2");
            let others: Vec<&str> = others.iter().map(|t| t.number.as_str()).collect();
            assert_eq!(others, ["CHG0030001"]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_redirected_probe_after_the_commit_finds_the_ticket_instead_of_failing() {
    let records: Rc<RefCell<Vec<Value>>> = Rc::default();
    let (outcome, steps) = run(&records, Next::RedirectedAfterCommit, false);
    assert!(
        matches!(outcome, Ok(ShareOutcome::Created(ref c)) if c.sys_id == "id1"),
        "{outcome:?}"
    );
    assert_eq!(steps.last(), Some(&ShareStep::Verifying));
    assert_eq!(records.borrow().len(), 1);
}
