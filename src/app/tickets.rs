//! What the ticket cards and "View all tickets" show, fetched and put in order: a card's
//! counts and most recent tickets, chart bars in workflow order, and one list over both
//! tables that pages correctly even though each table pages on its own.

use std::cmp::Ordering;

use futures::future::try_join;

use crate::servicenow::{
    ApiError, ServiceNowClient, Sort, SortField, StateCount, TicketKind, TicketQuery, TicketRow,
    Whose,
};

use super::state_names::{default_states, StateNames};
use crate::i18n::TicketsTexts;

/// How many recent tickets a card lists.
pub const RECENT_ON_CARD: u32 = 5;

/// What one card shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardData {
    pub counts: Vec<StateCount>,
    pub recent: Vec<TicketRow>,
}

impl CardData {
    /// Every ticket counted, in any state.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|c| c.count).sum()
    }
}

/// A card's two requests, sent together: counts by state and the newest tickets.
pub async fn load_card(
    client: &ServiceNowClient,
    kind: TicketKind,
    whose: Whose,
) -> Result<CardData, ApiError> {
    let query = TicketQuery {
        whose,
        ..Default::default()
    };
    let (counts, recent) = try_join(
        client.state_counts(kind, whose),
        client.list_tickets(kind, &query, RECENT_ON_CARD, 0),
    )
    .await?;
    Ok(CardData {
        counts,
        recent: recent.rows,
    })
}

/// One bar of a card's chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub value: String,
    pub name: String,
    pub count: u64,
}

/// Bars in ServiceNow's workflow order, then states the defaults do not know (by value);
/// empty states are left out. Names follow the person's customisations.
pub fn bars(
    kind: TicketKind,
    counts: &[StateCount],
    names: &StateNames,
    texts: &'static TicketsTexts,
) -> Vec<Bar> {
    let rank = |value: &str| {
        default_states(kind, texts)
            .position(|(v, _)| v == value.trim())
            .unwrap_or(usize::MAX)
    };
    let mut bars: Vec<(usize, Bar)> = counts
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| {
            let bar = Bar {
                value: c.state.value.clone(),
                name: names.name(kind, &c.state.value, &c.state.display, texts),
                count: c.count,
            };
            (rank(&c.state.value), bar)
        })
        .collect();
    bars.sort_by(|(ra, a), (rb, b)| ra.cmp(rb).then_with(|| compare_values(&a.value, &b.value)));
    bars.into_iter().map(|(_, bar)| bar).collect()
}

/// Numbers by number, other text by text.
fn compare_values(a: &str, b: &str) -> Ordering {
    match (a.trim().parse::<i64>(), b.trim().parse::<i64>()) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        _ => a.cmp(b),
    }
}

/// The order ServiceNow sorts a table's rows in for `sort`, to merge two tables' pages.
/// Empty values come first in ascending order, as the instance sorts them.
pub fn compare_rows(a: &TicketRow, b: &TicketRow, sort: Sort) -> Ordering {
    let primary = match sort.field {
        SortField::Created => a.created.cmp(&b.created),
        SortField::DueDate => a.due.cmp(&b.due),
        SortField::Priority => compare_values(&a.priority.value, &b.priority.value),
        SortField::State => compare_values(&a.state.value, &b.state.value),
    };
    let primary = if sort.descending {
        primary.reverse()
    } else {
        primary
    };
    primary.then_with(|| b.created.cmp(&a.created))
}

/// Where the combined list's page starts in each table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub changes: u64,
    pub incidents: u64,
}

impl Cursor {
    /// Tickets before this page, over both tables.
    pub fn position(self) -> u64 {
        self.changes + self.incidents
    }
}

/// One page of the combined list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedPage {
    pub rows: Vec<TicketRow>,
    pub start: Cursor,
    /// Where the next page starts.
    pub next: Cursor,
    /// Both tables' `X-Total-Count`s added up.
    pub total: Option<u64>,
}

/// The first `size` rows of two lists that are each already in `sort` order, and how
/// many were taken from each.
pub fn merge(
    changes: &[TicketRow],
    incidents: &[TicketRow],
    sort: Sort,
    size: usize,
) -> (Vec<TicketRow>, u64, u64) {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(size);
    while out.len() < size && (i < changes.len() || j < incidents.len()) {
        let take_change = match (changes.get(i), incidents.get(j)) {
            (Some(c), Some(n)) => compare_rows(c, n, sort) != Ordering::Greater,
            (Some(_), None) => true,
            _ => false,
        };
        if take_change {
            out.push(changes[i].clone());
            i += 1;
        } else {
            out.push(incidents[j].clone());
            j += 1;
        }
    }
    (out, i as u64, j as u64)
}

/// The combined page starting at `start`: `size` rows from each table, merged.
pub async fn load_merged(
    client: &ServiceNowClient,
    query: &TicketQuery,
    start: Cursor,
    size: u32,
) -> Result<MergedPage, ApiError> {
    let (changes, incidents) = try_join(
        client.list_tickets(TicketKind::ChangeRequest, query, size, start.changes),
        client.list_tickets(TicketKind::Incident, query, size, start.incidents),
    )
    .await?;
    let (rows, from_changes, from_incidents) =
        merge(&changes.rows, &incidents.rows, query.sort, size as usize);
    let total = changes.total.zip(incidents.total).map(|(a, b)| a + b);
    Ok(MergedPage {
        rows,
        start,
        next: Cursor {
            changes: start.changes + from_changes,
            incidents: start.incidents + from_incidents,
        },
        total,
    })
}

#[cfg(test)]
#[path = "tickets_tests.rs"]
mod tests;
