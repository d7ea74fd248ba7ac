//! Native tests of the request body: fields, date format, truncation, correlation id.

use chrono::TimeZone;

use super::*;

fn ticket(kind: TicketKind) -> NewTicket {
    NewTicket {
        kind,
        name: "Require MFA for administrative roles".into(),
        description: "Remediation steps".into(),
        priority: Priority::High,
        due: Utc.with_ymd_and_hms(2026, 12, 31, 22, 59, 59).single(),
        correlation_id: "snowcard:AdminMFAV2".into(),
        assignment_group: None,
        change_model: None,
    }
}

#[test]
fn an_incident_body_carries_impact_and_urgency_never_priority() {
    let body = ticket(TicketKind::Incident).body();
    assert_eq!(
        body["short_description"],
        "Require MFA for administrative roles"
    );
    assert_eq!(body["impact"], "1");
    assert_eq!(body["urgency"], "2");
    assert!(body.get("priority").is_none());
    assert_eq!(body["due_date"], "2026-12-31 22:59:59");
    assert_eq!(body["correlation_id"], "snowcard:AdminMFAV2");
    assert_eq!(body["correlation_display"], "snowcard");
    assert!(body.get("type").is_none());
    assert!(body.get("chg_model").is_none());
    assert!(body.get("assignment_group").is_none());
}

#[test]
fn a_change_request_carries_its_priority_and_the_pair_that_reads_the_same() {
    for (priority, sent, impact, urgency) in [
        (Priority::Critical, "1", "1", "1"),
        (Priority::High, "2", "1", "2"),
        (Priority::Moderate, "3", "2", "2"),
        (Priority::Low, "4", "2", "3"),
        // A change has no "5 - Planning": the nearest it offers is sent.
        (Priority::Planning, "4", "2", "3"),
    ] {
        let mut change = ticket(TicketKind::ChangeRequest);
        change.priority = priority;
        let body = change.body();
        assert_eq!(body["priority"], sent, "{priority:?}");
        assert_eq!(
            (&body["impact"], &body["urgency"]),
            (&json!(impact), &json!(urgency))
        );
    }
}

#[test]
fn the_model_and_the_group_are_sent_when_known() {
    let mut change = ticket(TicketKind::ChangeRequest);
    change.change_model = Some("e55d0bfec343101035ae3f52c1d3ae49".into());
    change.assignment_group = Some("287ebd7da9fe198100f92cc8d1d2154e".into());
    let body = change.body();
    assert_eq!(body["type"], "normal");
    assert_eq!(body["chg_model"], "e55d0bfec343101035ae3f52c1d3ae49");
    assert_eq!(body["assignment_group"], "287ebd7da9fe198100f92cc8d1d2154e");
    let mut incident = ticket(TicketKind::Incident);
    incident.change_model = Some("ignored for incidents".into());
    incident.assignment_group = Some(String::new());
    let body = incident.body();
    assert!(body.get("chg_model").is_none());
    assert!(
        body.get("assignment_group").is_none(),
        "an empty group is not sent"
    );
}

#[test]
fn a_change_request_is_a_normal_security_and_configuration_change() {
    let body = ticket(TicketKind::ChangeRequest).body();
    assert_eq!(body["type"], "normal");
    assert_eq!(
        body["short_description"],
        "Security and configuration change: Require MFA for administrative roles"
    );
}

#[test]
fn long_text_is_cut_to_servicenows_limits_on_character_boundaries() {
    let mut long = ticket(TicketKind::ChangeRequest);
    long.name = "多要素認証".repeat(60);
    long.correlation_id = format!("snowcard:{}", "x".repeat(200));
    let body = long.body();
    let short = body["short_description"].as_str().unwrap_or_default();
    assert_eq!(short.chars().count(), SHORT_DESCRIPTION_MAX);
    assert!(short.starts_with(CHANGE_PREFIX));
    assert_eq!(
        body["correlation_id"].as_str().map(|s| s.chars().count()),
        Some(CORRELATION_ID_MAX)
    );
    assert_eq!(
        TicketKind::ChangeRequest.name_limit() + CHANGE_PREFIX.chars().count(),
        160
    );
}

#[test]
fn no_due_date_means_no_field() {
    let mut open = ticket(TicketKind::Incident);
    open.due = None;
    assert!(open.body().get("due_date").is_none());
}
