//! The tenant's live improvement actions: every control profile (all pages) joined with the
//! latest Secure Score, and the ServiceNow tickets of the whole list in a bounded number of
//! requests (one per page of correlation ids per table, never one per row). A short Graph
//! throttle is waited out with a countdown; the list, once loaded, is kept for the session
//! ([`LiveCache`]).

use std::rc::Rc;

use crate::app::share_flow::{waits_in_page, Sleep};
use crate::microsoft::score::{self, LiveAction, TenantTotal};
use crate::microsoft::{GraphError, MicrosoftSession, SessionError};
use crate::servicenow::correlation::ActionTickets;
use crate::servicenow::{ApiError, ServiceNowClient, TicketKind};

/// The live list and what it took to load.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveList {
    pub actions: Vec<LiveAction>,
    /// The tenant's latest score; `None` when Graph has none yet.
    pub total: Option<TenantTotal>,
    /// Graph requests: one per page of profiles, and one for the score.
    pub graph_requests: usize,
}

/// Where the live list stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LiveState {
    /// Not connected to Microsoft 365 (or not asked for yet): the sample list stands in.
    Off,
    Loading,
    /// Waiting out Graph's `Retry-After` of `asked` seconds; loading again in `left`.
    Waiting {
        asked: u32,
        left: u32,
    },
    Loaded(Rc<LiveList>),
    Failed(SessionError),
}

/// The live list kept for the Microsoft 365 session, so the actions page shows it at once
/// on every visit and Graph is asked again only on purpose. Each load has an id; what a
/// load reports counts only while it is the latest, so a load overtaken by a refresh or a
/// disconnect changes nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveCache {
    pub state: LiveState,
    load: Option<u64>,
}

impl Default for LiveCache {
    fn default() -> Self {
        Self {
            state: LiveState::Off,
            load: None,
        }
    }
}

/// What happens to the kept list.
#[derive(Debug, Clone, PartialEq)]
pub enum CacheEvent {
    /// Load `id` starts; earlier loads no longer count.
    Start(u64),
    Step(u64, LoadStep),
    Done(u64, Result<Rc<LiveList>, SessionError>),
    /// Disconnected, or the session ended: forget the list.
    Drop,
}

impl LiveCache {
    /// Whether the list still has to be asked for: nothing loaded or loading yet.
    pub fn needs_load(&self) -> bool {
        self.load.is_none()
    }

    /// The cache after `event`.
    pub fn after(&self, event: CacheEvent) -> LiveCache {
        let current = |id| self.load == Some(id);
        match event {
            CacheEvent::Start(id) => LiveCache {
                state: LiveState::Loading,
                load: Some(id),
            },
            CacheEvent::Step(id, step) if current(id) => LiveCache {
                state: match step {
                    LoadStep::Loading => LiveState::Loading,
                    LoadStep::Waiting { asked, left } => LiveState::Waiting { asked, left },
                },
                load: self.load,
            },
            CacheEvent::Done(id, result) if current(id) => LiveCache {
                state: match result {
                    Ok(list) => LiveState::Loaded(list),
                    Err(error) => LiveState::Failed(error),
                },
                load: self.load,
            },
            CacheEvent::Drop => LiveCache::default(),
            CacheEvent::Step(..) | CacheEvent::Done(..) => self.clone(),
        }
    }
}

impl yew::Reducible for LiveCache {
    type Action = CacheEvent;

    fn reduce(self: Rc<Self>, event: CacheEvent) -> Rc<Self> {
        Rc::new(self.after(event))
    }
}

/// How many Graph throttles one load waits out in the page before the person is asked.
pub const RATE_LIMIT_TRIES: u32 = 3;

/// What a load is doing, for the person to see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadStep {
    Loading,
    /// Graph answered 429 asking to wait `asked` seconds: loading again in `left`.
    Waiting {
        asked: u32,
        left: u32,
    },
}

/// [`load`], waiting out Graph's `Retry-After` when it is short (at most a minute, as the
/// share flow does: [`waits_in_page`]) and trying again, up to [`RATE_LIMIT_TRIES`] times
/// per load. Graph asks a throttled client to wait the `Retry-After` seconds before the
/// next request (graph concepts/throttling.md, "Best practices to handle throttling"). A
/// long wait, or a fourth 429, is the caller's to tell.
pub async fn load_patiently(
    session: &MicrosoftSession,
    on_step: &dyn Fn(LoadStep),
    sleep: Sleep<'_>,
) -> Result<LiveList, SessionError> {
    let mut waits = 0;
    loop {
        on_step(LoadStep::Loading);
        match load(session).await {
            Err(SessionError::Graph(GraphError::RateLimited { retry_after_secs }))
                if waits < RATE_LIMIT_TRIES && waits_in_page(retry_after_secs) =>
            {
                waits += 1;
                // One second at a time, so the page counts down.
                for left in (1..=retry_after_secs).rev() {
                    let asked = retry_after_secs;
                    on_step(LoadStep::Waiting { asked, left });
                    sleep(1).await;
                }
            }
            other => return other,
        }
    }
}

/// Loads the list: the pages of profiles, then the latest score, through `session` (which
/// renews its token when due and once after a 401).
pub async fn load(session: &MicrosoftSession) -> Result<LiveList, SessionError> {
    let listing = session
        .call(|graph| async move { graph.control_profiles().await })
        .await?;
    let latest = session
        .call(|graph| async move { graph.latest_score().await })
        .await?;
    Ok(LiveList {
        actions: score::join(&listing.profiles, latest.as_ref()),
        total: latest.as_ref().map(TenantTotal::of),
        graph_requests: listing.requests + 1,
    })
}

/// The tickets of every action in `actions`, both tables, newest first per action.
pub async fn tickets_of(
    client: &ServiceNowClient,
    actions: &[LiveAction],
) -> Result<ActionTickets, ApiError> {
    let ids: Vec<&str> = actions.iter().map(|a| a.id.as_str()).collect();
    let mut all = ActionTickets::default();
    for kind in [TicketKind::ChangeRequest, TicketKind::Incident] {
        let found = client.tickets_for_actions(kind, &ids).await?;
        all.requests += found.requests;
        all.truncated |= found.truncated;
        for (action, tickets) in found.by_action {
            all.by_action.entry(action).or_default().extend(tickets);
        }
    }
    Ok(all)
}

/// A live action as the share form takes it.
pub fn to_shareable(action: &LiveAction) -> crate::app::catalog::ImprovementAction {
    crate::app::catalog::ImprovementAction {
        id: action.id.clone(),
        title: action.title.clone(),
        category: crate::app::catalog::Category::parse(&action.category).unwrap_or_default(),
        remediation: action.remediation.clone(),
        remediation_impact: action.remediation_impact.clone(),
        action_url: action.action_url.clone(),
        service: action.service.clone(),
        max_score: Some(action.max_score),
        rank: action.rank.map(i64::from),
    }
}

#[cfg(test)]
#[path = "live_actions_tests.rs"]
mod tests;
