//! Paging "View all tickets": where a page is ([`PageAt`]), including a page named by its
//! 1-based number as an address carries it (`page=2`), and which pages are next to the one
//! loaded ([`Listed`]). One table pages by its `Link` header (by offset when the header is not
//! readable); both tables page by where each one stopped ([`Cursor`]), so the start of a
//! numbered page of both is found by merging what comes before it.

use futures::future::try_join;

use super::tickets::{load_merged, merge, Cursor, MergedPage};
use super::TicketsScope;
use crate::servicenow::listing::{list_path, Page};
use crate::servicenow::{ApiError, ServiceNowClient, TicketKind, TicketQuery, TicketRow};

/// Rows per page.
pub const PAGE_SIZE: u32 = 25;

/// Where a page is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageAt {
    /// A Table API path: the first page, or a link from the `Link` header.
    Table { kind: TicketKind, path: String },
    /// Both tables from these positions; `history` holds the earlier pages' starts.
    Both { start: Cursor, history: Vec<Cursor> },
    /// Page `page` (1-based) of both tables, before its start is known.
    BothNumbered { page: u32 },
}

impl PageAt {
    /// The first page of `query` in `scope`.
    pub fn first(scope: TicketsScope, query: &TicketQuery) -> PageAt {
        match scope {
            TicketsScope::Only(kind) => PageAt::Table {
                kind,
                path: list_path(kind, query, PAGE_SIZE, 0),
            },
            TicketsScope::All => PageAt::Both {
                start: Cursor::default(),
                history: Vec::new(),
            },
        }
    }

    /// Page `page` of `query` in `scope`, counting from 1 as a person does (0 is read as 1).
    /// A page past the end loads empty, as the Table API answers an offset past the end.
    pub fn numbered(scope: TicketsScope, query: &TicketQuery, page: u32) -> PageAt {
        match scope {
            _ if page <= 1 => PageAt::first(scope, query),
            TicketsScope::Only(kind) => PageAt::Table {
                kind,
                path: list_path(kind, query, PAGE_SIZE, rows_before(page)),
            },
            TicketsScope::All => PageAt::BothNumbered { page },
        }
    }
}

/// How many rows come before page `page` (1-based).
fn rows_before(page: u32) -> u64 {
    u64::from(page.saturating_sub(1)) * u64::from(PAGE_SIZE)
}

/// How many pages `total` tickets fill: at least one, the empty list's.
pub fn page_count(total: u64) -> u32 {
    let pages = total.div_ceil(u64::from(PAGE_SIZE)).max(1);
    u32::try_from(pages).unwrap_or(u32::MAX)
}

/// A loaded page and its neighbours.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub rows: Vec<TicketRow>,
    pub total: Option<u64>,
    /// Tickets before this page.
    pub offset: u64,
    pub first: Option<PageAt>,
    pub prev: Option<PageAt>,
    pub next: Option<PageAt>,
}

impl Listed {
    /// This page's number, counting from 1.
    pub fn page_number(&self) -> u32 {
        let page = self.offset / u64::from(PAGE_SIZE) + 1;
        u32::try_from(page).unwrap_or(u32::MAX)
    }

    /// How many pages there are, when the instance said how many tickets match.
    pub fn page_count(&self) -> Option<u32> {
        self.total.map(page_count)
    }
}

/// The page `at` of `query`, and where its neighbours are.
pub async fn load_page(
    client: &ServiceNowClient,
    query: &TicketQuery,
    at: &PageAt,
) -> Result<Listed, ApiError> {
    match at {
        PageAt::Table { kind, path } => {
            let page = client.list_page(*kind, path).await?;
            Ok(table_listed(*kind, query, page))
        }
        PageAt::Both { start, history } => {
            let page = load_merged(client, query, *start, PAGE_SIZE).await?;
            Ok(both_listed(history, page))
        }
        PageAt::BothNumbered { page } if *page <= 1 => {
            let page = load_merged(client, query, Cursor::default(), PAGE_SIZE).await?;
            Ok(both_listed(&[], page))
        }
        PageAt::BothNumbered { page } => {
            // Everything before the page, from each table, tells where each one stops.
            let before = u32::try_from(rows_before(*page)).unwrap_or(u32::MAX);
            let (changes, incidents) = try_join(
                client.list_tickets(TicketKind::ChangeRequest, query, before, 0),
                client.list_tickets(TicketKind::Incident, query, before, 0),
            )
            .await?;
            let history = starts_before(&changes.rows, &incidents.rows, query, *page);
            let start = history.last().copied().unwrap_or_default();
            let history = &history[..history.len().saturating_sub(1)];
            let loaded = load_merged(client, query, start, PAGE_SIZE).await?;
            Ok(both_listed(history, loaded))
        }
    }
}

/// The starts of pages 1 to `page` of both tables, from the rows that come before `page`
/// in each (each in `query`'s order, from the top).
pub fn starts_before(
    changes: &[TicketRow],
    incidents: &[TicketRow],
    query: &TicketQuery,
    page: u32,
) -> Vec<Cursor> {
    (1..=page.max(1))
        .map(|n| {
            let size = usize::try_from(rows_before(n)).unwrap_or(usize::MAX);
            let (_, from_changes, from_incidents) = merge(changes, incidents, query.sort, size);
            Cursor {
                changes: from_changes,
                incidents: from_incidents,
            }
        })
        .collect()
}

/// One table's loaded `page` and its neighbours: the `Link` header's, else found by offset
/// (a CORS rule that does not expose the header, or links naming another host), as the header
/// would give them.
pub fn table_listed(kind: TicketKind, query: &TicketQuery, page: Page) -> Listed {
    let at_offset = |offset: u64| list_path(kind, query, PAGE_SIZE, offset);
    let size = u64::from(PAGE_SIZE);
    let more = match page.total {
        Some(total) => page.offset + size < total,
        None => page.rows.len() as u64 == size,
    };
    let earlier = page.offset > 0;
    let to = |path: String| PageAt::Table { kind, path };
    let links = page.links;
    Listed {
        first: earlier.then(|| to(links.first.unwrap_or_else(|| at_offset(0)))),
        prev: earlier.then(|| {
            to(links
                .prev
                .unwrap_or_else(|| at_offset(page.offset.saturating_sub(size))))
        }),
        next: links
            .next
            .or_else(|| more.then(|| at_offset(page.offset + size)))
            .map(to),
        rows: page.rows,
        total: page.total,
        offset: page.offset,
    }
}

/// Both tables' loaded `page`, reached through the earlier pages' starts `history`, and its
/// neighbours.
pub fn both_listed(history: &[Cursor], page: MergedPage) -> Listed {
    let more = match page.total {
        Some(total) => page.next.position() < total,
        None => page.rows.len() as u32 == PAGE_SIZE,
    };
    let start = page.start;
    let next = more.then(|| PageAt::Both {
        start: page.next,
        history: history.iter().copied().chain([start]).collect(),
    });
    let prev = history.split_last().map(|(last, rest)| PageAt::Both {
        start: *last,
        history: rest.to_vec(),
    });
    let first = (!history.is_empty()).then(|| PageAt::Both {
        start: Cursor::default(),
        history: Vec::new(),
    });
    Listed {
        rows: page.rows,
        total: page.total,
        offset: start.position(),
        first,
        prev,
        next,
    }
}

#[cfg(test)]
#[path = "ticket_paging_tests.rs"]
mod tests;
