//! The live list: control profiles joined with the newest Secure Score, each action's status,
//! the tenant total, and sorting and filtering as pure functions.
//!
//! `controlScores[].controlName` names a profile's `id` (controlscore.md: "Control unique
//! name"); the two sets differ, so a profile without a score has none (not zero), and a score
//! without a profile is left out. The status follows Secure Score's own: the latest
//! `controlStateUpdates` entry says risk accepted (`Ignored`) or resolved through a third
//! party (`ThirdParty`); otherwise the points say completed (all of them) or to address
//! (securescorecontrolprofile-update.md: `Default`, `Ignored`, `ThirdParty`, `Reviewed`).

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use super::records::{ControlProfile, ControlState, SecureScore};

/// Where an improvement action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionStatus {
    ToAddress,
    Completed,
    RiskAccepted,
    ResolvedThirdParty,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::ToAddress,
        ActionStatus::Completed,
        ActionStatus::RiskAccepted,
        ActionStatus::ResolvedThirdParty,
    ];
}

/// One improvement action as the live list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveAction {
    pub id: String,
    pub title: String,
    pub category: String,
    pub service: String,
    /// Points achieved today; `None` when today's score names no such control.
    pub score: Option<f64>,
    pub max_score: f64,
    pub status: ActionStatus,
    pub state: ControlState,
    pub rank: Option<i32>,
    pub user_impact: String,
    pub implementation_cost: String,
    pub tier: String,
    pub action_url: String,
    pub deprecated: bool,
    /// What to do, and what it changes for users (the share form's description).
    pub remediation: String,
    pub remediation_impact: String,
}

impl LiveAction {
    /// Points still to gain: the maximum less what is achieved, never below zero.
    pub fn to_gain(&self) -> f64 {
        (self.max_score - self.score.unwrap_or(0.0)).max(0.0)
    }
}

/// The status of a control from its latest state entry and its points.
pub fn status(state: &ControlState, score: Option<f64>, max_score: f64) -> ActionStatus {
    match state {
        ControlState::Ignored => ActionStatus::RiskAccepted,
        ControlState::ThirdParty => ActionStatus::ResolvedThirdParty,
        _ if max_score > 0.0 && score.is_some_and(|s| s >= max_score - 1e-9) => {
            ActionStatus::Completed
        }
        _ => ActionStatus::ToAddress,
    }
}

/// Joins every profile with its score of the day (`None` when there is no score at all).
pub fn join(profiles: &[ControlProfile], latest: Option<&SecureScore>) -> Vec<LiveAction> {
    let scores: HashMap<&str, Option<f64>> = latest
        .map(|s| {
            s.control_scores
                .iter()
                .map(|c| (c.control_name.as_str(), c.score))
                .collect()
        })
        .unwrap_or_default();
    profiles
        .iter()
        .map(|p| {
            let score = scores.get(p.id.as_str()).copied().flatten();
            let max_score = p.max_score.unwrap_or(0.0);
            let state = p.state();
            LiveAction {
                id: p.id.clone(),
                title: if p.title.trim().is_empty() {
                    p.id.clone()
                } else {
                    p.title.clone()
                },
                category: p.control_category.clone(),
                service: p.service.clone(),
                score,
                max_score,
                status: status(&state, score, max_score),
                state,
                rank: p.rank,
                user_impact: p.user_impact.clone(),
                implementation_cost: p.implementation_cost.clone(),
                tier: p.tier.clone(),
                action_url: p.action_url.clone(),
                deprecated: p.deprecated,
                remediation: p.remediation.clone(),
                remediation_impact: p.remediation_impact.clone(),
            }
        })
        .collect()
}

/// The tenant's Secure Score: "{current} of {max} points ({percent})".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TenantTotal {
    pub current: f64,
    pub max: f64,
}

impl TenantTotal {
    pub fn of(score: &SecureScore) -> Self {
        Self {
            current: score.current_score,
            max: score.max_score,
        }
    }

    /// The share achieved, in percent; `None` when there is nothing to achieve.
    pub fn percent(&self) -> Option<f64> {
        (self.max > 0.0).then(|| self.current / self.max * 100.0)
    }
}

/// Points as people read them: whole numbers without a fraction, others to two places.
pub fn points(value: f64) -> String {
    if (value - value.round()).abs() < 0.005 {
        format!("{}", value.round())
    } else {
        format!("{value:.2}")
    }
}

/// The orders the list offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ActionSort {
    /// Microsoft's rank, 1 first; unranked last.
    #[default]
    Rank,
    /// The most points still to gain first.
    ToGain,
    /// Alphabetical by title.
    Title,
}

impl ActionSort {
    pub const ALL: [ActionSort; 3] = [ActionSort::Rank, ActionSort::ToGain, ActionSort::Title];
}

/// Sorts in place (actions or references to them); ties fall back to rank, then title,
/// then id, so the order is stable.
pub fn sort<A: std::borrow::Borrow<LiveAction>>(actions: &mut [A], by: ActionSort) {
    let rank = |a: &LiveAction| a.rank.unwrap_or(i32::MAX);
    let title = |a: &LiveAction| a.title.to_lowercase();
    actions.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        let first = match by {
            ActionSort::Rank => rank(a).cmp(&rank(b)),
            ActionSort::ToGain => b
                .to_gain()
                .partial_cmp(&a.to_gain())
                .unwrap_or(Ordering::Equal),
            ActionSort::Title => title(a).cmp(&title(b)),
        };
        first
            .then_with(|| rank(a).cmp(&rank(b)))
            .then_with(|| title(a).cmp(&title(b)))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// What the list is narrowed to; the default shows every current action.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    pub category: Option<String>,
    pub status: Option<ActionStatus>,
    pub service: Option<String>,
    /// Every word must appear in the title, id, category or service (any case).
    pub search: String,
    pub show_deprecated: bool,
    /// `Some(true)`: only actions with a ServiceNow ticket; `Some(false)`: only those without.
    pub shared: Option<bool>,
}

impl ActionFilter {
    /// `shared`: the action has a ServiceNow ticket (from the correlation lookup).
    pub fn matches(&self, action: &LiveAction, shared: bool) -> bool {
        let same = |want: &Option<String>, have: &str| {
            want.as_deref()
                .is_none_or(|w| w.trim().eq_ignore_ascii_case(have.trim()))
        };
        let haystack = format!(
            "{} {} {} {}",
            action.title, action.id, action.category, action.service
        )
        .to_lowercase();
        (self.show_deprecated || !action.deprecated)
            && same(&self.category, &action.category)
            && same(&self.service, &action.service)
            && self.status.is_none_or(|s| s == action.status)
            && self.shared.is_none_or(|want| want == shared)
            && self
                .search
                .to_lowercase()
                .split_whitespace()
                .all(|word| haystack.contains(word))
    }
}

/// The actions `filter` lets through, in their order; `is_shared` says which have a ticket.
pub fn filter<'a>(
    actions: &'a [LiveAction],
    filter: &ActionFilter,
    is_shared: impl Fn(&LiveAction) -> bool,
) -> Vec<&'a LiveAction> {
    actions
        .iter()
        .filter(|a| filter.matches(a, is_shared(a)))
        .collect()
}

/// The distinct categories, for the filter's choices.
pub fn categories(actions: &[LiveAction]) -> Vec<String> {
    distinct(actions.iter().map(|a| a.category.as_str()))
}

/// The distinct services, for the filter's choices.
pub fn services(actions: &[LiveAction]) -> Vec<String> {
    distinct(actions.iter().map(|a| a.service.as_str()))
}

fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    values
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
