//! The "View all tickets" list: which page is shown, loading it, and moving between pages.
//! One table pages by its `Link` header; both tables page by where each one stopped.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::use_connection;
use crate::app::tickets::{load_merged, Cursor};
use crate::app::TicketsScope;
use crate::servicenow::listing::list_path;
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
    /// Both tables, page `page` (1-based) counted from the first: where it starts is found by
    /// reading the pages before it (an address, a reload, or Back, name only the number).
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

    /// Page `page` (1-based) of `query` in `scope`.
    pub fn numbered(scope: TicketsScope, query: &TicketQuery, page: u32) -> PageAt {
        let before = u64::from(page.max(1) - 1) * u64::from(PAGE_SIZE);
        match scope {
            TicketsScope::Only(kind) => PageAt::Table {
                kind,
                path: list_path(kind, query, PAGE_SIZE, before),
            },
            TicketsScope::All if page <= 1 => PageAt::first(scope, query),
            TicketsScope::All => PageAt::BothNumbered { page },
        }
    }
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

async fn load(
    client: &ServiceNowClient,
    query: &TicketQuery,
    at: &PageAt,
) -> Result<Listed, ApiError> {
    match at {
        PageAt::Table { kind, path } => {
            let page = client.list_page(*kind, path).await?;
            // Without a readable `Link` (a CORS rule that does not expose it, or links naming
            // another host), the pages are found by offset, as the Link header would give them.
            let at_offset = |offset: u64| list_path(*kind, query, PAGE_SIZE, offset);
            let size = u64::from(PAGE_SIZE);
            let more = match page.total {
                Some(total) => page.offset + size < total,
                None => page.rows.len() as u64 == size,
            };
            let earlier = page.offset > 0;
            let to = |path: String| PageAt::Table { kind: *kind, path };
            let links = page.links;
            Ok(Listed {
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
            })
        }
        PageAt::BothNumbered { page } => {
            // Reads forward to the page's start; a list shorter than that ends on its last page.
            let (mut start, mut history) = (Cursor::default(), Vec::new());
            for _ in 1..*page {
                let read = load_merged(client, query, start, PAGE_SIZE).await?;
                if read.rows.len() < PAGE_SIZE as usize || read.next == start {
                    break;
                }
                history.push(start);
                start = read.next;
            }
            Box::pin(load(client, query, &PageAt::Both { start, history })).await
        }
        PageAt::Both { start, history } => {
            let page = load_merged(client, query, *start, PAGE_SIZE).await?;
            let more = match page.total {
                Some(total) => page.next.position() < total,
                None => page.rows.len() as u32 == PAGE_SIZE,
            };
            let next = more.then(|| PageAt::Both {
                start: page.next,
                history: history.iter().copied().chain([*start]).collect(),
            });
            let prev = history.split_last().map(|(last, rest)| PageAt::Both {
                start: *last,
                history: rest.to_vec(),
            });
            let first = (!history.is_empty()).then(|| PageAt::Both {
                start: Cursor::default(),
                history: Vec::new(),
            });
            Ok(Listed {
                rows: page.rows,
                total: page.total,
                offset: start.position(),
                first,
                prev,
                next,
            })
        }
    }
}

/// What the list shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListState {
    pub listed: Option<Listed>,
    pub error: Option<ApiError>,
    pub loading: bool,
}

/// The list for `query` in `scope` at the page `at`; `retry` changing loads it again. What is
/// shown stays while the next page loads, and only the newest request's answer is kept.
#[hook]
pub fn use_ticket_list(
    scope: TicketsScope,
    query: TicketQuery,
    at: PageAt,
    retry: u32,
) -> ListState {
    let connection = use_connection();
    let state = use_state(|| ListState {
        loading: true,
        ..Default::default()
    });
    let generation = use_mut_ref(|| 0u64);
    {
        let state = state.clone();
        use_effect_with((scope, query.clone(), at.clone(), retry), move |_| {
            let current = {
                let mut g = generation.borrow_mut();
                *g += 1;
                *g
            };
            state.set(ListState {
                loading: true,
                ..(*state).clone()
            });
            let Some(client) = connection.client() else {
                state.set(ListState {
                    error: Some(ApiError::SessionEnded),
                    ..Default::default()
                });
                return;
            };
            let generation = Rc::clone(&generation);
            spawn_local(async move {
                let result = load(&client, &query, &at).await;
                if *generation.borrow() != current {
                    return;
                }
                state.set(match result {
                    Ok(listed) => ListState {
                        listed: Some(listed),
                        error: None,
                        loading: false,
                    },
                    Err(error) => ListState {
                        error: Some(error),
                        loading: false,
                        ..(*state).clone()
                    },
                });
            });
        });
    }
    (*state).clone()
}
