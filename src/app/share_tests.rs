//! Native tests of the share draft: generation from an action, validation, the ticket.

use chrono::TimeZone;

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn utc_end_of_day(date: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&date.and_hms_opt(23, 59, 59).unwrap_or_default())
}

fn action() -> ImprovementAction {
    ImprovementAction {
        id: "AdminMFAV2".into(),
        title: "Require MFA for administrative roles".into(),
        category: Category::Identity,
        remediation: "Create a Conditional Access policy.".into(),
        remediation_impact: "Admins sign in with a second factor.".into(),
        action_url: "https://portal.azure.com/#blade/Conditional".into(),
        service: "AzureAD".into(),
        max_score: Some(10.0),
        rank: Some(1),
    }
}

#[test]
fn a_draft_from_an_action_is_ready_to_send() {
    let draft = ShareDraft::from_action(&action(), "sec.admin@contoso.com", today());
    assert_eq!(draft.kind, TicketKind::ChangeRequest);
    assert_eq!(draft.source, Source::Microsoft);
    assert_eq!(draft.correlation_id, "snowcard:AdminMFAV2");
    assert_eq!(draft.due_date, "2026-12-22");
    // The editable text is the action's remediation only; its facts go below it when sent.
    assert_eq!(draft.description, action().remediation);
    let ticket = validate(&draft, today(), &utc_end_of_day).expect("valid");
    assert!(
        ticket.description.contains("\nImpact: Admins sign in")
            && ticket
                .description
                .contains("\nAction: https://portal.azure.com")
            && ticket
                .description
                .contains("\nImprovement action: AdminMFAV2")
    );
    assert!(ticket
        .description
        .contains("Recommendation source: Microsoft recommendation"));
    assert!(ticket
        .description
        .contains("Recommendation category: Identity"));
    assert!(ticket
        .description
        .contains("Requested by: sec.admin@contoso.com"));
    assert_eq!(
        ticket.due,
        Some(utc_end_of_day(
            NaiveDate::from_ymd_opt(2026, 12, 22).unwrap_or_default()
        ))
    );
}

#[test]
fn every_missing_or_wrong_field_is_named_and_the_first_one_is_the_reason() {
    let mut draft = ShareDraft::blank("", "n1", today());
    draft.due_date = "2026-11-21".into();
    let check = validate(&draft, today(), &utc_end_of_day)
        .err()
        .unwrap_or_default();
    assert_eq!(check.name, Some(ShareProblem::NameMissing));
    assert_eq!(check.description, Some(ShareProblem::DescriptionMissing));
    assert_eq!(check.due_date, Some(ShareProblem::DueDatePast));
    assert_eq!(check.requested_by, Some(ShareProblem::RequesterMissing));
    assert_eq!(check.first(), Some(ShareProblem::NameMissing));
    draft.due_date = "not a date".into();
    assert_eq!(
        validate(&draft, today(), &utc_end_of_day)
            .err()
            .and_then(|c| c.due_date),
        Some(ShareProblem::DueDateInvalid)
    );
    draft.due_date = "2026-11-22".into();
    assert_eq!(
        validate(&draft, today(), &utc_end_of_day)
            .err()
            .and_then(|c| c.due_date),
        None,
        "today is fine"
    );
}

#[test]
fn the_name_limit_follows_the_ticket_type() {
    let mut draft = ShareDraft::from_action(&action(), "me", today());
    draft.name = "x".repeat(150);
    let check = validate(&draft, today(), &utc_end_of_day)
        .err()
        .unwrap_or_default();
    assert_eq!(
        check.name,
        Some(ShareProblem::NameTooLong {
            limit: TicketKind::ChangeRequest.name_limit()
        })
    );
    draft.kind = TicketKind::Incident;
    assert!(validate(&draft, today(), &utc_end_of_day).is_ok());
}

#[test]
fn a_user_recommendation_gets_its_own_stable_correlation_id() {
    let a = ShareDraft::blank("me", "abc123", today());
    let b = ShareDraft::blank("me", "def456", today());
    assert_eq!(a.source, Source::User);
    assert_ne!(a.correlation_id, b.correlation_id);
    assert!(a.correlation_id.starts_with("snowcard:user-"));
}

#[test]
fn reopening_an_action_brings_back_what_was_typed() {
    let mut drafts = ShareDrafts::default();
    let mut draft = ShareDraft::from_action(&action(), "me", today());
    drafts.open(draft.clone());
    draft.name = "Edited name".into();
    drafts.update(draft);
    drafts.close(false);
    assert_eq!(drafts.open_draft(), None);
    drafts.open(ShareDraft::from_action(&action(), "me", today()));
    assert_eq!(
        drafts.open_draft().map(|d| d.name.as_str()),
        Some("Edited name")
    );
    drafts.close(true);
    drafts.open(ShareDraft::from_action(&action(), "me", today()));
    assert_eq!(
        drafts.open_draft().map(|d| d.name.as_str()),
        Some("Require MFA for administrative roles")
    );
}

#[test]
fn a_change_request_never_carries_planning_and_an_incident_may() {
    let mut draft = ShareDraft::from_action(&action(), "sec.admin@contoso.com", today());
    draft.priority = Priority::Planning;
    let change = validate(&draft, today(), &utc_end_of_day).expect("valid");
    assert_eq!(change.priority, Priority::Low);
    draft.kind = TicketKind::Incident;
    let incident = validate(&draft, today(), &utc_end_of_day).expect("valid");
    assert_eq!(incident.priority, Priority::Planning);
}

#[test]
fn the_chosen_group_is_sent_by_its_sys_id() {
    let mut draft = ShareDraft::from_action(&action(), "sec.admin@contoso.com", today());
    assert_eq!(
        validate(&draft, today(), &utc_end_of_day)
            .expect("valid")
            .assignment_group,
        None
    );
    draft.assignment_group = Some(AssignmentGroup {
        sys_id: "287ebd7da9fe198100f92cc8d1d2154e".into(),
        name: "Network".into(),
    });
    let ticket = validate(&draft, today(), &utc_end_of_day).expect("valid");
    assert_eq!(
        ticket.assignment_group.as_deref(),
        Some("287ebd7da9fe198100f92cc8d1d2154e")
    );
}

#[test]
fn a_draft_reopened_from_the_tenants_list_keeps_what_was_typed_and_may_be_noted() {
    let mut drafts = ShareDrafts::default();
    let mut sample = ShareDraft::from_action(&action(), "me", today());
    assert!(
        !sample.from_tenant,
        "the sample's actions are not the tenant's"
    );
    sample.name = "Edited name".into();
    drafts.open(sample);
    drafts.close(false);
    let mut live = ShareDraft::from_action(&action(), "me", today());
    live.from_tenant = true;
    drafts.open(live);
    let open = drafts.open_draft().expect("open");
    assert_eq!(open.name, "Edited name");
    assert!(open.from_tenant);
    // Opened again from the sample, it stays the tenant's.
    drafts.close(false);
    drafts.open(ShareDraft::from_action(&action(), "me", today()));
    assert!(drafts.open_draft().is_some_and(|d| d.from_tenant));
}
