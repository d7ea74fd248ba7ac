//! End to end: sharing improvement actions to the sandbox instance in Chromium, and reading
//! the created records back from the sandbox.

use serde_json::{Map, Value};
use snowcard_e2e::{Fault, World};

const MFA: &str = "Require multifactor authentication for administrative roles";
const LEGACY: &str = "Block sign-ins that use legacy authentication protocols";
const AUDIT: &str = "Turn on audit log search";

async fn connected() -> World {
    let world = World::start().await;
    world.connect("Allow").await;
    world.wait_for_text("Connected to").await;
    world.wait_for_text("as Snowcard Integration").await;
    world
}

/// The records created in `table` during the test (the sandbox also has seed records).
fn created(world: &World, table: &str) -> Vec<Map<String, Value>> {
    world.created_records(table)
}

fn field<'a>(record: &'a Map<String, Value>, name: &str) -> &'a str {
    record.get(name).and_then(Value::as_str).unwrap_or_default()
}

async fn open_form(world: &World, title: &str) {
    world.click("Improvement actions").await;
    world.wait_for_text(title).await;
    world.share_action(title, "ServiceNow").await;
    world.wait_for_text("Share to ServiceNow").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_action_becomes_a_change_request_and_another_an_incident() {
    let world = connected().await;
    open_form(&world, MFA).await;
    assert_eq!(world.value_of("Task name").await, MFA);
    assert_eq!(world.value_of("Requested by").await, "snowcard.integration");
    world.fill("Requested by", "sec.admin@contoso.com").await;
    world.select("Priority", "1 - Critical").await;
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;

    let changes = created(&world, "change_request");
    assert_eq!(changes.len(), 1, "exactly one change request");
    let change = &changes[0];
    assert_eq!(
        field(change, "short_description"),
        format!("Security and configuration change: {MFA}")
    );
    assert_eq!(field(change, "type"), "normal");
    assert_eq!(
        (
            field(change, "impact"),
            field(change, "urgency"),
            field(change, "priority")
        ),
        ("1", "1", "1")
    );
    assert_eq!(field(change, "correlation_id"), "snowcard:AdminMFAV2");
    let description = field(change, "description");
    for expected in [
        "Recommendation source: Microsoft recommendation",
        "Recommendation category: Identity",
        "Requested by: sec.admin@contoso.com",
        "Improvement action: AdminMFAV2",
    ] {
        assert!(
            description.contains(expected),
            "{expected:?} missing from {description:?}"
        );
    }
    let due = field(change, "due_date");
    assert_eq!(due.len(), 19, "YYYY-MM-DD HH:MM:SS, got {due:?}");
    let number = field(change, "number").to_owned();
    assert!(world
        .text()
        .await
        .contains(&format!("ServiceNow created {number}")));
    let link = world
        .run_script("return document.querySelector('.sc-sent a').href;", vec![])
        .await;
    assert!(link.as_str().unwrap_or_default().contains(&format!(
        "nav_to.do?uri=change_request.do%3Fsys_id%3D{}",
        field(change, "sys_id")
    )));

    world.click("Back to improvement actions").await;
    world.share_action(AUDIT, "ServiceNow").await;
    world.wait_for_text("Share to ServiceNow").await;
    world.select("Ticket type", "Incident").await;
    world.select("Priority", "4 - Low").await;
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;
    let incidents = created(&world, "incident");
    assert_eq!(incidents.len(), 1);
    let incident = &incidents[0];
    assert_eq!(field(incident, "short_description"), AUDIT);
    assert_eq!(
        (
            field(incident, "impact"),
            field(incident, "urgency"),
            field(incident, "priority")
        ),
        ("2", "3", "4")
    );
    assert_eq!(field(incident, "correlation_id"), "snowcard:AuditLogSearch");
    assert_eq!(created(&world, "change_request").len(), 1);
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sharing_an_action_twice_warns_about_the_open_ticket() {
    let world = connected().await;
    open_form(&world, MFA).await;
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;
    let number = field(&created(&world, "change_request")[0], "number").to_owned();
    world.click("Back to improvement actions").await;
    world.share_action(MFA, "ServiceNow").await;
    world.click("Send to ServiceNow").await;
    world.wait_for_text("An open ticket already exists").await;
    assert!(
        world.text().await.contains(&format!("{number} (New)")),
        "{}",
        world.text().await
    );
    assert_eq!(
        created(&world, "change_request").len(),
        1,
        "nothing created yet"
    );
    world.click("Create another anyway").await;
    world.wait_for_text("Ticket created").await;
    assert_eq!(created(&world, "change_request").len(), 2);
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_response_does_not_create_a_second_ticket() {
    let world = connected().await;
    open_form(&world, LEGACY).await;
    world
        .sandbox
        .control()
        .inject(Fault::UnavailableAfterCommit, 1);
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;
    let changes = created(&world, "change_request");
    assert_eq!(
        changes.len(),
        1,
        "the ticket created before the 503 was found, not made again"
    );
    assert!(world.text().await.contains(field(&changes[0], "number")));
    assert_eq!(
        world.sandbox.control().created_requests("change_request"),
        1
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limit_is_waited_out() {
    let world = connected().await;
    open_form(&world, LEGACY).await;
    world.sandbox.control().inject(
        Fault::TooManyRequests {
            retry_after_secs: 2,
        },
        1,
    );
    world.click("Send to ServiceNow").await;
    world
        .wait_for_text("ServiceNow asked snowcard to wait; sending again in 2 seconds.")
        .await;
    world.wait_for_text("Ticket created").await;
    assert_eq!(created(&world, "change_request").len(), 1);
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_mid_draft_keeps_the_text() {
    let world = connected().await;
    open_form(&world, MFA).await;
    world
        .fill("Task name", "Enforce MFA for every admin role — 管理者")
        .await;
    world.browser.refresh().await.expect("reloaded");
    world.wait_for_text("Share to ServiceNow").await;
    assert_eq!(
        world.value_of("Task name").await,
        "Enforce MFA for every admin role — 管理者"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ended_session_keeps_the_draft_across_the_reconnect() {
    let world = connected().await;
    open_form(&world, MFA).await;
    world
        .fill("Task name", "Draft written before the session ended")
        .await;
    // End the session for good: revoke the refresh token (if one was issued) and expire the
    // access token.
    let revoke = "const s = JSON.parse(sessionStorage.getItem('snowcard:session'));\
        return fetch(arguments[0] + '/oauth_revoke_token.do?token=' + encodeURIComponent(s.data.tokens.refresh_token), {method: 'POST', mode: 'no-cors'}).then(() => true);";
    world
        .run_script(revoke, vec![Value::from(world.sandbox.url())])
        .await;
    world.sandbox.control().expire_access_tokens();
    world.click("Send to ServiceNow").await;
    world
        .wait_for_text("Your ServiceNow session has ended")
        .await;
    world.click("Sign in again").await;
    world.click("Allow").await;
    world.wait_for_text("Share to ServiceNow").await;
    assert_eq!(
        world.value_of("Task name").await,
        "Draft written before the session ended"
    );
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;
    let changes = created(&world, "change_request");
    assert_eq!(changes.len(), 1);
    assert_eq!(
        field(&changes[0], "short_description"),
        "Security and configuration change: Draft written before the session ended"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_request_keeps_the_chosen_priority_and_its_normal_model() {
    let world = connected().await;
    open_form(&world, MFA).await;
    assert_eq!(
        world.options_of("Priority").await,
        ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"],
        "a change request offers no 5 - Planning"
    );
    // Not the sandbox's default for a change (4 - Low), so only a sent priority passes.
    world.select("Priority", "2 - High").await;
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;
    let changes = created(&world, "change_request");
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(
        field(change, "priority"),
        "2",
        "stored as chosen, not derived"
    );
    assert_eq!(
        (field(change, "impact"), field(change, "urgency")),
        ("1", "2"),
        "impact and urgency read the same as the priority"
    );
    assert_eq!(field(change, "type"), "normal");
    assert_eq!(
        field(change, "chg_model"),
        world.sandbox.control().change_model_sys_id("Normal"),
        "a model-based instance files the change under its Normal model"
    );

    world.click("Back to improvement actions").await;
    world.share_action(AUDIT, "ServiceNow").await;
    world.wait_for_text("Share to ServiceNow").await;
    world.select("Ticket type", "Incident").await;
    assert!(world
        .options_of("Priority")
        .await
        .contains(&"5 - Planning".to_owned()));
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_type_based_instance_gets_a_normal_change_by_its_type() {
    let world = World::start_with(|config| config.change_models = false).await;
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    open_form(&world, MFA).await;
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;
    let changes = created(&world, "change_request");
    assert_eq!(changes.len(), 1);
    assert_eq!(field(&changes[0], "type"), "normal");
    assert_eq!(field(&changes[0], "chg_model"), "");
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_data_policy_on_the_assignment_group_is_named_then_satisfied_through_the_form() {
    let world = connected().await;
    world
        .sandbox
        .control()
        .set_mandatory_fields("change_request", &["assignment_group"]);
    open_form(&world, LEGACY).await;
    world.click("Send to ServiceNow").await;
    world
        .wait_for_text("ServiceNow requires: Assignment group")
        .await;
    let (invalid, told) = world.described("Assignment group").await;
    assert!(invalid, "the field is marked invalid");
    assert!(
        told.contains("ServiceNow requires: Assignment group"),
        "the demand is tied to the field: {told:?}"
    );
    assert!(
        created(&world, "change_request").is_empty(),
        "nothing created"
    );
    assert_eq!(
        world.value_of("Task name").await,
        LEGACY,
        "the draft is kept"
    );

    world.fill("Assignment group", "Network").await;
    world
        .wait_for_text("The ticket is assigned to Network.")
        .await;
    assert!(!world.described("Assignment group").await.0);
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;
    let changes = created(&world, "change_request");
    assert_eq!(changes.len(), 1);
    assert_eq!(
        field(&changes[0], "assignment_group"),
        world.sandbox.control().group_sys_id("Network")
    );
    // The group is remembered for the tab: the next draft starts with it.
    world.click("Back to improvement actions").await;
    world.share_action(AUDIT, "ServiceNow").await;
    world.wait_for_text("Share to ServiceNow").await;
    world
        .wait_for_text("The ticket is assigned to Network.")
        .await;
    assert_eq!(world.value_of("Assignment group").await, "Network");
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limit_of_an_hour_names_a_clock_time_and_keeps_the_draft() {
    let world = connected().await;
    open_form(&world, LEGACY).await;
    world.fill("Task name", "Block legacy sign-ins, kept").await;
    world.sandbox.control().inject(
        Fault::TooManyRequests {
            retry_after_secs: 3600,
        },
        1,
    );
    world.click("Send to ServiceNow").await;
    world
        .wait_for_text("ServiceNow's rate limit was reached. Try again after ")
        .await;
    // The clock time an hour from now, as the browser writes it for this person.
    let expected = world
        .run_script(
            "const f = new Intl.DateTimeFormat('en', {timeStyle: 'short'});\
             return [f.format(new Date(Date.now() + 3600e3)), f.format(new Date(Date.now() + 3540e3))];",
            vec![],
        )
        .await;
    let text = world.text().await;
    assert!(
        expected
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .any(|t| text.contains(&format!("Try again after {t}."))),
        "{expected:?} not in {text}"
    );
    assert!(
        !text.contains("sending again in"),
        "nothing is spun in the page"
    );
    assert_eq!(
        world.value_of("Task name").await,
        "Block legacy sign-ins, kept"
    );
    assert!(created(&world, "change_request").is_empty());
    // The button works again, and sends once.
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;
    assert_eq!(created(&world, "change_request").len(), 1);
    world.stop().await;
}
