//! The tenant's live improvement actions: every control profile (all pages) joined with the
//! latest Secure Score, and the ServiceNow tickets of the whole list in a bounded number of
//! requests (one per page of correlation ids per table, never one per row).

use crate::microsoft::score::{self, LiveAction, TenantTotal};
use crate::microsoft::{MicrosoftSession, SessionError};
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
