//! The join, status, total, sort and filter, on records shaped as Graph documents them.

use serde_json::json;

use super::*;

fn profile(id: &str, extra: serde_json::Value) -> ControlProfile {
    let mut value = json!({"id": id, "title": format!("Title {id}"), "controlCategory": "Identity",
                           "service": "AzureAD", "maxScore": 10.0, "rank": 5, "deprecated": false});
    if let (Some(base), Some(more)) = (value.as_object_mut(), extra.as_object()) {
        base.extend(more.clone());
    }
    serde_json::from_value(value).expect("profile")
}

fn state(value: &str, at: &str) -> serde_json::Value {
    json!({"assignedTo": null, "comment": null, "state": value, "updatedBy": null,
           "updatedDateTime": at})
}

fn score(entries: &[(&str, f64)]) -> SecureScore {
    serde_json::from_value(json!({
        "currentScore": 387.0, "maxScore": 697.0,
        "controlScores": entries.iter().map(|(name, score)|
            json!({"controlName": name, "score": score, "controlCategory": "Identity"}))
            .collect::<Vec<_>>()
    }))
    .expect("score")
}

#[test]
fn control_names_join_to_profile_ids_and_the_sets_may_differ() {
    let profiles = [
        profile("AdminMFA", json!({})),
        profile("DLPEnabled", json!({})),
    ];
    let latest = score(&[("AdminMFA", 4.0), ("NotAProfile", 9.0)]);
    let actions = join(&profiles, Some(&latest));
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0].id, "AdminMFA");
    assert_eq!(actions[0].score, Some(4.0));
    assert_eq!(actions[0].to_gain(), 6.0);
    assert_eq!(actions[1].score, None);
    assert_eq!(actions[1].to_gain(), 10.0);
    assert_eq!(join(&profiles, None)[0].score, None);
}

#[test]
fn status_comes_from_the_latest_state_entry_then_the_points() {
    let profiles = [
        // Ignored later than Default: risk accepted.
        profile(
            "A",
            json!({"controlStateUpdates": [
            state("Ignored", "2019-04-01T00:00:00Z"), state("Default", "2019-03-19T22:37:14Z")]}),
        ),
        // The resource page's spelling `thirdParty`.
        profile(
            "B",
            json!({"controlStateUpdates": [state("thirdParty", "2019-04-01T00:00:00Z")]}),
        ),
        // All points achieved, reviewed: completed.
        profile(
            "C",
            json!({"controlStateUpdates": [state("Reviewed", "2019-04-01T00:00:00Z")]}),
        ),
        // Some points: to address.
        profile("D", json!({"controlStateUpdates": null})),
        // Back to Default after being ignored: to address again.
        profile(
            "E",
            json!({"controlStateUpdates": [
            state("Ignored", "2019-03-01T00:00:00Z"), state("Default", "2019-04-01T00:00:00Z")]}),
        ),
    ];
    let latest = score(&[("A", 0.0), ("B", 10.0), ("C", 10.0), ("D", 3.0), ("E", 0.0)]);
    let statuses: Vec<ActionStatus> = join(&profiles, Some(&latest))
        .iter()
        .map(|a| a.status)
        .collect();
    assert_eq!(
        statuses,
        [
            ActionStatus::RiskAccepted,
            ActionStatus::ResolvedThirdParty,
            ActionStatus::Completed,
            ActionStatus::ToAddress,
            ActionStatus::ToAddress,
        ]
    );
    assert_eq!(
        status(&ControlState::Default, None, 0.0),
        ActionStatus::ToAddress
    );
}

#[test]
fn the_tenant_total_reads_current_of_max_in_percent() {
    // security-list-securescores.md's example: 387 of 697.
    let total = TenantTotal::of(&score(&[]));
    assert_eq!(
        (points(total.current), points(total.max)),
        ("387".into(), "697".into())
    );
    let percent = total.percent().expect("a maximum");
    assert!((percent - 55.523_672).abs() < 1e-3, "{percent}");
    assert_eq!(points(12.345), "12.35");
    assert_eq!(
        TenantTotal {
            current: 0.0,
            max: 0.0
        }
        .percent(),
        None
    );
}

fn actions() -> Vec<LiveAction> {
    let profiles = [
        profile(
            "a",
            json!({"title": "Block legacy authentication", "rank": 2, "maxScore": 8.0}),
        ),
        profile(
            "b",
            json!({"title": "Apply DLP policies", "rank": 1, "maxScore": 20.0,
                             "controlCategory": "Data", "service": "IP"}),
        ),
        profile(
            "c",
            json!({"title": "Enable MFA for admins", "rank": null, "maxScore": 10.0}),
        ),
        profile(
            "d",
            json!({"title": "Old control", "rank": 3, "deprecated": true}),
        ),
    ];
    join(
        &profiles,
        Some(&score(&[("a", 0.0), ("b", 18.0), ("c", 1.0)])),
    )
}

fn ids(actions: &[LiveAction]) -> Vec<&str> {
    actions.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn sorting_by_rank_points_to_gain_or_title() {
    let mut list = actions();
    sort(&mut list, ActionSort::Rank);
    assert_eq!(ids(&list), ["b", "a", "d", "c"]);
    sort(&mut list, ActionSort::ToGain);
    // d: 10 to gain (no score today), c: 9, a: 8, b: 2.
    assert_eq!(ids(&list), ["d", "c", "a", "b"]);
    sort(&mut list, ActionSort::Title);
    assert_eq!(ids(&list), ["b", "a", "c", "d"]);
}

#[test]
fn filters_combine_and_deprecated_actions_stay_hidden_unless_asked() {
    let list = actions();
    let shown = |f: &ActionFilter| -> Vec<String> {
        filter(&list, f, |a| a.id == "b")
            .iter()
            .map(|a| a.id.clone())
            .collect()
    };
    assert_eq!(shown(&ActionFilter::default()), ["a", "b", "c"]);
    let with_old = ActionFilter {
        show_deprecated: true,
        ..ActionFilter::default()
    };
    assert_eq!(shown(&with_old), ["a", "b", "c", "d"]);
    let data = ActionFilter {
        category: Some("data".into()),
        ..ActionFilter::default()
    };
    assert_eq!(shown(&data), ["b"]);
    let service = ActionFilter {
        service: Some("AzureAD".into()),
        search: "  ENABLE mfa ".into(),
        ..ActionFilter::default()
    };
    assert_eq!(shown(&service), ["c"]);
    let to_address = ActionFilter {
        status: Some(ActionStatus::ToAddress),
        ..ActionFilter::default()
    };
    assert_eq!(shown(&to_address), ["a", "b", "c"]);
    let shared = ActionFilter {
        shared: Some(true),
        ..ActionFilter::default()
    };
    assert_eq!(shown(&shared), ["b"]);
    let not_shared = ActionFilter {
        shared: Some(false),
        ..ActionFilter::default()
    };
    assert_eq!(shown(&not_shared), ["a", "c"]);
    assert_eq!(categories(&list), ["Data", "Identity"]);
    assert_eq!(services(&list), ["AzureAD", "IP"]);
}
