//! Native tests of reading tickets: the request made, rows decoded, paging and counts.

use futures::executor::block_on;
use oauth2::http::HeaderValue;
use serde_json::json;

use super::*;
use crate::servicenow::fake::{connected_client, json, FakeTransport};
use crate::servicenow::ticket_query::{Sort, SortField};

fn row(number: &str, state: (&str, &str), due: &str, active: bool) -> serde_json::Value {
    json!({
        "sys_id": {"value": format!("id-{number}"), "display_value": format!("id-{number}")},
        "number": {"value": number, "display_value": number},
        "short_description": {"value": "<b>MFA</b> für Admins", "display_value": "<b>MFA</b> für Admins"},
        "state": {"value": state.0, "display_value": state.1},
        "priority": {"value": "2", "display_value": "2 - High"},
        "due_date": {"value": due, "display_value": "22/11/2026 09:00:00"},
        "sys_created_on": {"value": "2026-11-20 10:00:00", "display_value": "20/11/2026 11:00:00"},
        "active": {"value": active, "display_value": active.to_string()},
    })
}

fn with_headers(
    body: serde_json::Value,
    headers: &'static [(&'static str, &'static str)],
) -> FakeTransport {
    FakeTransport::new(move |_| {
        let mut response = json(200, &json!({ "result": body }).to_string())?;
        for (name, value) in headers {
            response
                .headers_mut()
                .insert(*name, HeaderValue::from_static(value));
        }
        Ok(response)
    })
}

#[test]
fn a_page_asks_only_for_the_shown_fields_and_reads_rows_links_and_total() {
    let transport = with_headers(
        json!([row("INC0010001", ("2", "In Progress"), "2026-11-21 23:59:59", true)]),
        &[
            ("x-total-count", "10000"),
            (
                "link",
                "<https://acme.service-now.com/api/now/table/incident?sysparm_offset=25&sysparm_limit=25>;rel=\"next\"",
            ),
        ],
    );
    let client = connected_client(&transport);
    let query = TicketQuery {
        sort: Sort {
            field: SortField::Priority,
            descending: false,
        },
        ..Default::default()
    };
    let page = block_on(client.list_tickets(TicketKind::Incident, &query, 25, 0)).expect("page");

    let sent = &transport.requests()[0];
    assert_eq!(sent.method, "GET");
    let url = url::Url::parse(&sent.url).expect("url");
    assert_eq!(url.path(), "/api/now/table/incident");
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    assert_eq!(param("sysparm_fields").as_deref(), Some(ROW_FIELDS));
    assert_eq!(param("sysparm_display_value").as_deref(), Some("all"));
    assert_eq!(param("sysparm_limit").as_deref(), Some("25"));
    assert_eq!(param("sysparm_offset").as_deref(), Some("0"));
    assert_eq!(
        param("sysparm_query").as_deref(),
        Some("correlation_display=snowcard^ORDERBYpriority^ORDERBYDESCsys_created_on")
    );

    assert_eq!(page.total, Some(10_000));
    assert_eq!(page.offset, 0);
    assert_eq!(
        page.links.next.as_deref(),
        Some("/api/now/table/incident?sysparm_offset=25&sysparm_limit=25")
    );
    let ticket = &page.rows[0];
    assert_eq!(ticket.number, "INC0010001");
    assert_eq!(ticket.name, "<b>MFA</b> für Admins", "text stays as sent");
    assert_eq!(
        (ticket.state.value.as_str(), ticket.state.display.as_str()),
        ("2", "In Progress")
    );
    assert_eq!(
        ticket.priority_level(),
        Some(crate::servicenow::Priority::High)
    );
    assert_eq!(ticket.due, parse_datetime("2026-11-21 23:59:59"));
    let now = parse_datetime("2026-11-22 08:00:00").expect("time");
    assert!(ticket.is_overdue(now));
}

#[test]
fn following_a_link_reads_its_offset_and_closed_or_undated_tickets_are_not_overdue() {
    let transport = with_headers(
        json!([
            row("CHG0030001", ("3", "Closed"), "2020-01-01 00:00:00", false),
            row("CHG0030002", ("-5", "New"), "", true),
        ]),
        &[],
    );
    let client = connected_client(&transport);
    let path = "/api/now/table/change_request?sysparm_offset=50&sysparm_limit=25";
    let page = block_on(client.list_page(TicketKind::ChangeRequest, path)).expect("page");
    assert_eq!(
        transport.requests()[0].url,
        format!("https://acme.service-now.com{path}")
    );
    assert_eq!(page.offset, 50);
    assert_eq!(page.total, None, "no header, no invented total");
    let now = parse_datetime("2026-11-22 08:00:00").expect("time");
    assert!(page.rows.iter().all(|r| !r.is_overdue(now)));
    assert_eq!(page.rows[1].due, None);
}

#[test]
fn counts_come_from_the_aggregate_api_grouped_by_state() {
    let transport = with_headers(
        json!([
            {"stats": {"count": "3"}, "groupby_fields": [{"field": "state", "value": "-5", "display_value": "New"}]},
            {"stats": {"count": "12"}, "groupby_fields": [{"field": "state", "value": "77", "display_value": ""}]},
        ]),
        &[],
    );
    let client = connected_client(&transport);
    let counts =
        block_on(client.state_counts(TicketKind::ChangeRequest, Whose::Snowcard)).expect("counts");
    let url = url::Url::parse(&transport.requests()[0].url).expect("url");
    assert_eq!(url.path(), "/api/now/stats/change_request");
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    for expected in [
        ("sysparm_count", "true"),
        ("sysparm_group_by", "state"),
        ("sysparm_display_value", "all"),
        ("sysparm_query", "correlation_display=snowcard"),
    ] {
        assert!(
            pairs.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {pairs:?}"
        );
    }
    assert_eq!(counts.len(), 2);
    assert_eq!((counts[0].state.value.as_str(), counts[0].count), ("-5", 3));
    assert_eq!(
        (counts[1].state.value.as_str(), counts[1].count),
        ("77", 12)
    );
    let everyone = counts_path(TicketKind::Incident, Whose::Everyone);
    assert!(!everyone.contains("sysparm_query"));
}

#[test]
fn an_answer_that_is_not_a_list_is_an_unexpected_response() {
    let transport = FakeTransport::new(|_| json(200, "<html>login</html>"));
    let client = connected_client(&transport);
    let result = block_on(client.list_tickets(TicketKind::Incident, &TicketQuery::default(), 5, 0));
    assert!(
        matches!(result, Err(ApiError::UnexpectedResponse(_))),
        "{result:?}"
    );
}
