//! Native tests of paging "View all tickets": numbered pages, page counts, the neighbours of
//! a page of one table and of both, the empty list, a short last page, an unknown total, and
//! a numbered page of both tables landing where paging there one page at a time does.

use chrono::{Duration, TimeZone, Utc};
use futures::executor::block_on;
use serde_json::json;

use super::*;
use crate::servicenow::fake::{connected_client, json, FakeTransport};
use crate::servicenow::paging::{offset_of, Links};
use crate::servicenow::{Shown, TransportError};

const CHANGES: TicketKind = TicketKind::ChangeRequest;

fn row(kind: TicketKind, i: u64) -> TicketRow {
    let base = Utc
        .with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
        .single()
        .unwrap_or_default();
    TicketRow {
        kind,
        sys_id: format!("{kind:?}{i}"),
        number: format!("{kind:?}{i:07}"),
        name: String::new(),
        state: Shown::default(),
        priority: Shown::default(),
        due: None,
        created: Some(base - Duration::minutes(i as i64)),
        active: true,
    }
}

/// A page of one table at `offset` holding `rows` rows, of `total` tickets (if said).
fn table_page(offset: u64, rows: u64, total: Option<u64>) -> Page {
    Page {
        rows: (offset..offset + rows).map(|i| row(CHANGES, i)).collect(),
        total,
        offset,
        links: Links::default(),
    }
}

/// The offset a page target of one table asks for.
fn offset(at: &Option<PageAt>) -> Option<u64> {
    match at {
        Some(PageAt::Table { path, .. }) => Some(offset_of(path)),
        _ => None,
    }
}

#[test]
fn a_numbered_page_of_one_table_starts_after_the_pages_before_it() {
    let query = TicketQuery::default();
    let scope = TicketsScope::Only(CHANGES);
    let first = PageAt::first(scope, &query);
    assert_eq!(PageAt::numbered(scope, &query, 1), first);
    assert_eq!(PageAt::numbered(scope, &query, 0), first, "0 is read as 1");
    let PageAt::Table { kind, path } = PageAt::numbered(scope, &query, 3) else {
        panic!("one table pages by path");
    };
    assert_eq!(kind, CHANGES);
    assert_eq!(offset_of(&path), 50);
    assert!(path.contains("sysparm_limit=25"), "{path}");
}

#[test]
fn a_numbered_page_of_both_tables_is_found_when_loaded() {
    let query = TicketQuery::default();
    assert_eq!(
        PageAt::numbered(TicketsScope::All, &query, 1),
        PageAt::first(TicketsScope::All, &query)
    );
    assert_eq!(
        PageAt::numbered(TicketsScope::All, &query, 2),
        PageAt::BothNumbered { page: 2 }
    );
}

#[test]
fn pages_are_counted_and_numbered_from_one() {
    assert_eq!(page_count(0), 1, "the empty list is one empty page");
    assert_eq!(page_count(25), 1);
    assert_eq!(page_count(26), 2);
    assert_eq!(page_count(60), 3);
    let last = table_listed(
        CHANGES,
        &TicketQuery::default(),
        table_page(50, 10, Some(60)),
    );
    assert_eq!((last.page_number(), last.page_count()), (3, Some(3)));
    // The last page is the numbered page the count names.
    let query = TicketQuery::default();
    let scope = TicketsScope::Only(CHANGES);
    assert_eq!(
        offset(&Some(PageAt::numbered(scope, &query, page_count(60)))),
        Some(50)
    );
}

#[test]
fn one_tables_first_middle_and_short_last_page_know_their_neighbours() {
    let query = TicketQuery::default();
    let first = table_listed(CHANGES, &query, table_page(0, 25, Some(60)));
    assert_eq!((first.first.clone(), first.prev.clone()), (None, None));
    assert_eq!(offset(&first.next), Some(25));
    assert_eq!(first.offset, 0);

    let middle = table_listed(CHANGES, &query, table_page(25, 25, Some(60)));
    assert_eq!(offset(&middle.first), Some(0));
    assert_eq!(offset(&middle.prev), Some(0));
    assert_eq!(offset(&middle.next), Some(50));

    let last = table_listed(CHANGES, &query, table_page(50, 10, Some(60)));
    assert_eq!(offset(&last.prev), Some(25));
    assert_eq!(last.next, None, "nothing after the short last page");
    assert_eq!(last.rows.len(), 10);
}

#[test]
fn without_a_total_a_full_page_has_a_next_and_a_short_one_does_not() {
    let query = TicketQuery::default();
    let full = table_listed(CHANGES, &query, table_page(25, 25, None));
    assert_eq!(offset(&full.next), Some(50));
    assert_eq!(full.page_count(), None);
    let short = table_listed(CHANGES, &query, table_page(50, 3, None));
    assert_eq!(short.next, None);
    assert_eq!(offset(&short.prev), Some(25));
}

#[test]
fn the_link_header_wins_over_offsets() {
    let mut page = table_page(25, 25, Some(100));
    page.links = Links {
        first: Some("/first".into()),
        prev: Some("/prev".into()),
        next: Some("/next".into()),
        last: Some("/last".into()),
    };
    let listed = table_listed(CHANGES, &TicketQuery::default(), page);
    let path = |at: Option<PageAt>| match at {
        Some(PageAt::Table { path, .. }) => path,
        other => format!("{other:?}"),
    };
    assert_eq!(path(listed.first), "/first");
    assert_eq!(path(listed.prev), "/prev");
    assert_eq!(path(listed.next), "/next");
}

#[test]
fn an_empty_list_has_no_other_pages() {
    let query = TicketQuery::default();
    let one = table_listed(CHANGES, &query, table_page(0, 0, Some(0)));
    assert_eq!((one.first, one.prev, one.next), (None, None, None));
    let both = both_listed(
        &[],
        MergedPage {
            rows: Vec::new(),
            start: Cursor::default(),
            next: Cursor::default(),
            total: Some(0),
        },
    );
    assert_eq!((both.page_number(), both.page_count()), (1, Some(1)));
    assert_eq!((both.first, both.prev, both.next), (None, None, None));
}

#[test]
fn a_page_of_both_tables_goes_back_through_the_starts_it_came_by() {
    let at = |changes, incidents| Cursor { changes, incidents };
    let history = [at(0, 0), at(15, 10)];
    let page = MergedPage {
        rows: (0..25).map(|i| row(CHANGES, i)).collect(),
        start: at(30, 20),
        next: at(40, 35),
        total: None,
    };
    let listed = both_listed(&history, page);
    assert_eq!(listed.offset, 50);
    assert_eq!(listed.page_number(), 3);
    assert_eq!(
        listed.prev,
        Some(PageAt::Both {
            start: at(15, 10),
            history: vec![at(0, 0)],
        })
    );
    assert_eq!(
        listed.first,
        Some(PageAt::Both {
            start: Cursor::default(),
            history: Vec::new(),
        })
    );
    // Unknown total, full page: there may be more.
    assert_eq!(
        listed.next,
        Some(PageAt::Both {
            start: at(40, 35),
            history: vec![at(0, 0), at(15, 10), at(30, 20)],
        })
    );
}

/// An instance with `changes` and `incidents` tickets, newest first (changes every 2
/// minutes, incidents every 3), answering `sysparm_limit` and `sysparm_offset`.
fn instance(changes: u64, incidents: u64) -> FakeTransport {
    FakeTransport::new(move |req| {
        let unreadable = || TransportError::Unreachable { url: String::new() };
        let url = url::Url::parse(&req.uri().to_string()).map_err(|_| unreadable())?;
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
        let base = Utc
            .with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
            .single()
            .unwrap_or_default();
        let rows: Vec<_> = (offset..n.min(offset + limit))
            .map(|i| {
                let created = base - Duration::minutes((i * step) as i64);
                json!({
                    "sys_id": {"value": format!("{prefix}{i}")},
                    "number": {"value": format!("{prefix}{i:07}"), "display_value": format!("{prefix}{i:07}")},
                    "sys_created_on": {"value": created.format("%Y-%m-%d %H:%M:%S").to_string()},
                })
            })
            .collect();
        let mut response = json(200, &json!({ "result": rows }).to_string())?;
        let total = n.to_string().parse().map_err(|_| unreadable())?;
        response.headers_mut().insert("x-total-count", total);
        Ok(response)
    })
}

fn numbers(listed: &Listed) -> Vec<String> {
    listed.rows.iter().map(|r| r.number.clone()).collect()
}

#[test]
fn a_numbered_page_of_both_tables_is_the_page_reached_by_next() {
    // 52 tickets: pages of 25, 25 and 2.
    let transport = instance(30, 22);
    let client = connected_client(&transport);
    let query = TicketQuery::default();
    let load = |at: &PageAt| block_on(load_page(&client, &query, at)).expect("a page");

    let first = load(&PageAt::first(TicketsScope::All, &query));
    let second = load(first.next.as_ref().expect("a second page"));
    let third = load(second.next.as_ref().expect("a third page"));
    assert_eq!(third.rows.len(), 2, "the last page is short");
    assert_eq!(third.next, None);

    for (page, walked) in [(2, &second), (3, &third)] {
        let numbered = load(&PageAt::numbered(TicketsScope::All, &query, page));
        assert_eq!(numbers(&numbered), numbers(walked), "page {page}");
        assert_eq!(numbered.offset, walked.offset);
        assert_eq!(numbered.page_number(), page);
        assert_eq!(
            numbered.prev, walked.prev,
            "page {page} goes back the same way"
        );
        assert_eq!(numbered.first, walked.first);
        assert_eq!(numbered.next, walked.next);
    }
    assert_eq!(third.page_count(), Some(3));
}

#[test]
fn a_numbered_page_past_the_end_of_both_tables_is_empty() {
    let transport = instance(3, 2);
    let client = connected_client(&transport);
    let query = TicketQuery::default();
    let listed = block_on(load_page(
        &client,
        &query,
        &PageAt::numbered(TicketsScope::All, &query, 4),
    ))
    .expect("a page");
    assert!(listed.rows.is_empty());
    assert_eq!(listed.next, None);
    assert_eq!(listed.total, Some(5));
}

#[test]
fn a_numbered_page_of_one_table_loads_from_its_offset() {
    let transport = instance(60, 0);
    let client = connected_client(&transport);
    let query = TicketQuery::default();
    let at = PageAt::numbered(TicketsScope::Only(CHANGES), &query, 3);
    let listed = block_on(load_page(&client, &query, &at)).expect("a page");
    assert_eq!(listed.offset, 50);
    assert_eq!(listed.rows.len(), 10);
    assert_eq!(
        listed.rows.first().map(|r| r.number.as_str()),
        Some("CHG0000050")
    );
    assert_eq!(offset(&listed.prev), Some(25));
    assert_eq!(listed.next, None);
}
