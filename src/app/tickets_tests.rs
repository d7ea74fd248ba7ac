//! Native tests of card data and the combined list's order and paging.

use chrono::{Duration, TimeZone, Utc};
use futures::executor::block_on;
use serde_json::json;

use super::*;
use crate::servicenow::fake::{connected_client, json, FakeTransport};
use crate::servicenow::Shown;

fn shown(value: &str, display: &str) -> Shown {
    Shown {
        value: value.into(),
        display: display.into(),
    }
}

fn count(value: &str, display: &str, n: u64) -> StateCount {
    StateCount {
        state: shown(value, display),
        count: n,
    }
}

fn row(kind: TicketKind, number: &str, minutes_ago: i64, priority: &str) -> TicketRow {
    let base = Utc
        .with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
        .single()
        .unwrap_or_default();
    TicketRow {
        kind,
        sys_id: number.to_lowercase(),
        number: number.into(),
        name: format!("ticket {number}"),
        state: shown("1", "New"),
        priority: shown(priority, ""),
        due: None,
        created: Some(base - Duration::minutes(minutes_ago)),
        active: true,
    }
}

#[test]
fn bars_follow_the_workflow_then_unknown_states_and_use_custom_names() {
    let mut names = StateNames::default();
    names.set(TicketKind::ChangeRequest, "-4", "Triage");
    let counts = [
        count("3", "Closed", 2),
        count("99", "Awaiting vendor", 1),
        count("-4", "Assess", 4),
        count("-5", "New", 0),
        count("-1", "", 3),
    ];
    let bars = bars(
        TicketKind::ChangeRequest,
        &counts,
        &names,
        &crate::i18n::Locale::En.texts().tickets,
    );
    let shown: Vec<(&str, u64)> = bars.iter().map(|b| (b.name.as_str(), b.count)).collect();
    assert_eq!(
        shown,
        [
            ("Triage", 4),
            ("Implement", 3),
            ("Closed", 2),
            ("Awaiting vendor", 1)
        ]
    );
    let data = CardData {
        counts: counts.to_vec(),
        recent: vec![],
    };
    assert_eq!(data.total(), 10);
}

#[test]
fn merging_keeps_the_sort_across_tables_and_counts_what_each_gave() {
    let sort = Sort::default();
    let changes = [
        row(TicketKind::ChangeRequest, "CHG1", 1, "3"),
        row(TicketKind::ChangeRequest, "CHG2", 5, "3"),
        row(TicketKind::ChangeRequest, "CHG3", 9, "3"),
    ];
    let incidents = [
        row(TicketKind::Incident, "INC1", 2, "1"),
        row(TicketKind::Incident, "INC2", 3, "1"),
    ];
    let (rows, a, b) = merge(&changes, &incidents, sort, 4);
    let numbers: Vec<&str> = rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(numbers, ["CHG1", "INC1", "INC2", "CHG2"]);
    assert_eq!((a, b), (2, 2));

    let by_priority = Sort {
        field: SortField::Priority,
        descending: false,
    };
    let (rows, a, b) = merge(&changes, &incidents, by_priority, 10);
    let numbers: Vec<&str> = rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(numbers, ["INC1", "INC2", "CHG1", "CHG2", "CHG3"]);
    assert_eq!((a, b), (3, 2));
}

#[test]
fn empty_due_dates_come_first_ascending_and_last_descending() {
    let mut dated = row(TicketKind::Incident, "INC1", 1, "1");
    dated.due = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).single();
    let undated = row(TicketKind::Incident, "INC2", 2, "1");
    let ascending = Sort {
        field: SortField::DueDate,
        descending: false,
    };
    assert_eq!(compare_rows(&undated, &dated, ascending), Ordering::Less);
    let descending = Sort {
        descending: true,
        ..ascending
    };
    assert_eq!(
        compare_rows(&undated, &dated, descending),
        Ordering::Greater
    );
}

/// An instance with `n` tickets per table, newest first, answering limit and offset.
fn instance(changes: u64, incidents: u64) -> FakeTransport {
    FakeTransport::new(move |req| {
        let url = url::Url::parse(&req.uri().to_string())
            .map_err(|_| crate::servicenow::TransportError::Unreachable { url: String::new() })?;
        let param = |name: &str| {
            url.query_pairs()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<u64>().ok())
                .unwrap_or(0)
        };
        let (prefix, n, step) = if url.path().ends_with("change_request") {
            ("CHG", changes, 2)
        } else {
            ("INC", incidents, 3)
        };
        let (limit, offset) = (param("sysparm_limit"), param("sysparm_offset"));
        let rows: Vec<_> = (offset..n.min(offset + limit))
            .map(|i| {
                let created = Utc
                    .with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
                    .single()
                    .unwrap_or_default()
                    - Duration::minutes((i * step) as i64);
                json!({
                    "sys_id": {"value": format!("{prefix}{i}")},
                    "number": {"value": format!("{prefix}{i:07}"), "display_value": format!("{prefix}{i:07}")},
                    "sys_created_on": {"value": created.format("%Y-%m-%d %H:%M:%S").to_string()},
                })
            })
            .collect();
        let mut response = json(200, &json!({ "result": rows }).to_string())?;
        response.headers_mut().insert(
            "x-total-count",
            n.to_string()
                .parse()
                .map_err(|_| crate::servicenow::TransportError::Unreachable {
                    url: String::new(),
                })?,
        );
        Ok(response)
    })
}

#[test]
fn the_combined_list_pages_through_every_ticket_once_in_order() {
    let transport = instance(7, 5);
    let client = connected_client(&transport);
    let query = TicketQuery::default();
    let mut start = Cursor::default();
    let mut seen = Vec::new();
    loop {
        let page = block_on(load_merged(&client, &query, start, 4)).expect("page");
        assert_eq!(page.total, Some(12));
        assert_eq!(page.start.position(), seen.len() as u64);
        if page.rows.is_empty() {
            break;
        }
        seen.extend(page.rows.iter().map(|r| (r.created, r.number.clone())));
        start = page.next;
    }
    assert_eq!(seen.len(), 12, "every ticket exactly once");
    let mut sorted = seen.clone();
    sorted.sort_by_key(|r| std::cmp::Reverse(r.0));
    assert_eq!(seen, sorted, "newest first across both tables");
}

#[test]
fn a_card_asks_for_counts_and_the_newest_few_of_its_own_tickets() {
    let transport = FakeTransport::new(|req| {
        if req.uri().path().starts_with("/api/now/stats/") {
            json(
                200,
                r#"{"result":[{"stats":{"count":"2"},"groupby_fields":[{"field":"state","value":"1","display_value":"New"}]}]}"#,
            )
        } else {
            json(200, r#"{"result":[]}"#)
        }
    });
    let client = connected_client(&transport);
    let data = block_on(load_card(&client, TicketKind::Incident, Whose::Snowcard)).expect("card");
    assert_eq!(data.total(), 2);
    let urls: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
    assert_eq!(
        urls.len(),
        2,
        "one request for counts, one for the list: {urls:?}"
    );
    assert!(urls.iter().any(|u| u.contains("/api/now/stats/incident")));
    assert!(urls
        .iter()
        .any(|u| u.contains("/api/now/table/incident") && u.contains("sysparm_limit=5")));
}

/// An instance whose tables sort by priority then newest first, as `ORDERBYpriority` asks.
fn sorting_instance() -> FakeTransport {
    FakeTransport::new(move |req| {
        let fail = || crate::servicenow::TransportError::Unreachable { url: String::new() };
        let url = url::Url::parse(&req.uri().to_string()).map_err(|_| fail())?;
        let param = |name: &str| {
            url.query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        };
        assert!(param("sysparm_query").contains("ORDERBYpriority"));
        let (prefix, n) = if url.path().ends_with("change_request") {
            ("CHG", 9u64)
        } else {
            ("INC", 6u64)
        };
        let base = Utc
            .with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
            .single()
            .unwrap_or_default();
        let mut all: Vec<(u64, i64, String)> = (0..n)
            .map(|i| {
                (
                    1 + (i * 7 + prefix.len() as u64) % 5,
                    i as i64,
                    format!("{prefix}{i}"),
                )
            })
            .collect();
        all.sort_by_key(|(priority, age, _)| (*priority, *age));
        let limit: usize = param("sysparm_limit").parse().unwrap_or(0);
        let offset: usize = param("sysparm_offset").parse().unwrap_or(0);
        let rows: Vec<_> = all
            .iter()
            .skip(offset)
            .take(limit)
            .map(|(priority, age, number)| {
                let created = base - Duration::minutes(*age);
                json!({
                    "sys_id": {"value": number},
                    "number": {"value": number, "display_value": number},
                    "priority": {"value": priority.to_string()},
                    "sys_created_on": {"value": created.format("%Y-%m-%d %H:%M:%S").to_string()},
                })
            })
            .collect();
        let mut response = json(200, &json!({ "result": rows }).to_string())?;
        response
            .headers_mut()
            .insert("x-total-count", n.to_string().parse().map_err(|_| fail())?);
        Ok(response)
    })
}

#[test]
fn the_combined_list_sorted_by_priority_pages_in_priority_order() {
    let transport = sorting_instance();
    let client = connected_client(&transport);
    let query = TicketQuery {
        sort: Sort {
            field: SortField::Priority,
            descending: false,
        },
        ..Default::default()
    };
    let mut start = Cursor::default();
    let mut seen: Vec<(String, Option<chrono::DateTime<Utc>>)> = Vec::new();
    let mut numbers = Vec::new();
    for _ in 0..10 {
        let page = block_on(load_merged(&client, &query, start, 4)).expect("page");
        if page.rows.is_empty() {
            break;
        }
        seen.extend(
            page.rows
                .iter()
                .map(|r| (r.priority.value.clone(), r.created)),
        );
        numbers.extend(page.rows.iter().map(|r| r.number.clone()));
        start = page.next;
    }
    assert_eq!(numbers.len(), 15, "every ticket once: {numbers:?}");
    let mut unique = numbers.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 15);
    let priorities: Vec<&str> = seen.iter().map(|(p, _)| p.as_str()).collect();
    let mut sorted = priorities.clone();
    sorted.sort();
    assert_eq!(priorities, sorted, "priority order across pages and tables");
}
