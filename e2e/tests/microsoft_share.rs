//! End to end: connecting to Microsoft 365 from the home page, and noting a shared ticket on
//! its improvement action in Microsoft 365 (the write-back opt-in), refused first for want of
//! a role and then written, with the ticket created once.

use snowcard_e2e::microsoft::MEGAN;
use snowcard_e2e::World;
use snowcard_sandbox::microsoft::TENANT_DOMAIN;

const WRITE_OPT_IN: &str = "Also let snowcard note each ticket on its improvement action";
const NOTE_LABEL: &str = "Note the ticket on the improvement action in Microsoft 365";

/// The `controlStateUpdates` of the sandbox's profile `id`.
fn updates(world: &World, id: &str) -> Vec<serde_json::Value> {
    let profile = world
        .sandbox
        .control()
        .microsoft()
        .profile(id)
        .expect("the profile exists");
    profile["controlStateUpdates"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_is_noted_on_its_action_in_microsoft_365_once_the_role_allows_it() {
    let world = World::start().await;
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;

    // Home offers Microsoft 365's connection while it is not connected.
    world.wait_for_text("Connect to Microsoft 365").await;
    world.toggle(WRITE_OPT_IN).await;
    world.sign_in_to_microsoft().await;
    world.enter_microsoft_account(MEGAN).await;
    world.wait_for_text("Permissions requested").await;
    world.click("Accept").await;
    world
        .wait_for_text(&format!(
            "Connected to Microsoft 365 as Megan Bowen ({TENANT_DOMAIN})"
        ))
        .await;
    let home = world.url().await;
    assert!(
        !home.contains("#/") || home.ends_with("#/"),
        "back on the home page the sign-in left from: {home}"
    );

    world.click("Improvement actions").await;
    world.wait_for_text("Live from Microsoft 365.").await;
    world.share_first_action().await;
    // The share form's address names the action: `#/share?action=ID`.
    let address = url::Url::parse(&world.url().await).expect("an address");
    let fragment = url::Url::parse(&format!(
        "https://x{}",
        address.fragment().unwrap_or_default()
    ))
    .expect("a route");
    let id = fragment
        .query_pairs()
        .find(|(name, _)| name == "action")
        .map(|(_, value)| value.into_owned())
        .expect("the share form's address names the action");
    let before = updates(&world, &id);

    // Megan reads Secure Score but may not change it: the ticket is made, the note refused.
    world.toggle(NOTE_LABEL).await;
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;
    world
        .wait_for_text("could not be noted on the improvement action in Microsoft 365.")
        .await;
    world
        .wait_for_text("Your account may not change improvement actions.")
        .await;
    let created = world.created_records("change_request");
    assert_eq!(created.len(), 1, "one ticket");
    let number = created[0]["number"].as_str().unwrap_or_default().to_owned();
    let sys_id = created[0]["sys_id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(updates(&world, &id), before, "nothing written yet");

    // An administrator grants the role; only the note is tried again.
    assert!(world
        .sandbox
        .control()
        .microsoft()
        .set_user_roles(MEGAN, &["Security Reader", "Security Administrator"]));
    world.click("Note it again").await;
    world
        .wait_for_text(&format!(
            "{number} is noted on the improvement action in Microsoft 365."
        ))
        .await;
    assert_eq!(
        world.created_records("change_request").len(),
        1,
        "the ticket is never created twice"
    );
    let after = updates(&world, &id);
    assert_eq!(after.len(), before.len() + 1, "one entry added: {after:?}");
    let entry = after.last().expect("the note");
    let comment = entry["comment"].as_str().unwrap_or_default();
    assert!(
        comment.starts_with(&format!("ServiceNow {number}: "))
            && comment.contains(&sys_id)
            && comment.contains("change_request"),
        "the note names the ticket and links to it: {comment}"
    );
    assert_eq!(entry["assignedTo"], MEGAN);
    // The action's state is its newest entry's (by `updatedDateTime`), as Graph keeps it.
    let state_before = before
        .iter()
        .max_by_key(|u| u["updatedDateTime"].as_str().unwrap_or_default().to_owned())
        .and_then(|u| u["state"].as_str())
        .unwrap_or("Default");
    assert_eq!(
        entry["state"], state_before,
        "the action's state is unchanged"
    );
    world.stop().await;
}
