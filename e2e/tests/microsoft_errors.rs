//! End to end: the Microsoft 365 refusals a person can act on, each shown with its fix in
//! the real app against the sandbox's identity platform and Graph: a missing role, a
//! session that ended, an account outside the tenant, a redirect URL registered as "Web",
//! and Graph's throttling waited out by itself; and the live list kept for the session.

use snowcard_e2e::microsoft::{ADELE, ALEX, LEE};
use snowcard_e2e::World;
use snowcard_sandbox::microsoft::{MS_CLIENT_ID, TENANT_DOMAIN};

const LIVE: &str = "Live from Microsoft 365.";

/// The Graph requests that read the list: pages of profiles and the score.
fn graph_reads(world: &World) -> u32 {
    let seen = world.sandbox.control().microsoft().requests();
    seen.profile_pages + seen.scores
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_role_is_named_and_retry_loads_the_list_once_it_is_granted() {
    let world = World::start().await;
    world.connect_both_as(ALEX).await;
    world
        .wait_for_text("Connected to Microsoft 365 as Alex Wilber")
        .await;
    world
        .wait_for_text("Ask an administrator of the tenant for the Security Reader role")
        .await;
    assert!(!world.text().await.contains(LIVE));

    // An administrator grants the role; Retry reads the list.
    let granted = world
        .sandbox
        .control()
        .microsoft()
        .set_user_roles(ALEX, &["Security Reader"]);
    assert!(granted);
    world.click("Retry").await;
    world.wait_for_text(LIVE).await;
    world.wait_for_text("Secure Score: ").await;
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_is_read_once_per_session_and_again_only_on_refresh() {
    let world = World::start().await;
    world.connect_both_as(ADELE).await;
    world.wait_for_text(LIVE).await;
    let pages = world.sandbox.control().microsoft().requests().profile_pages;
    assert!(pages >= 2, "every page of profiles: {pages}");

    world.sandbox.control().microsoft().reset_requests();
    world.click("Back").await; // the actions page's own, to the home page
    world.wait_for_text("Connection status").await;
    assert!(!world.text().await.contains(LIVE), "on the home page");
    world.click("Improvement actions").await;
    world.wait_for_text(LIVE).await;
    world.wait_for_text("Secure Score: ").await;
    assert_eq!(
        graph_reads(&world),
        0,
        "the kept list, with no Graph request"
    );

    world.click("Refresh from Microsoft 365").await;
    world
        .wait_until("the list read again", || {
            world.sandbox.control().microsoft().requests().scores == 1
        })
        .await;
    world.wait_for_text(LIVE).await;
    let again = world.sandbox.control().microsoft().requests();
    assert_eq!(again.profile_pages, pages, "every page once more");

    // Disconnecting forgets the list: connecting again reads it afresh.
    world.click("Disconnect from Microsoft 365").await;
    world
        .wait_for_text("Sample data. Connect to Microsoft 365")
        .await;
    world.sandbox.control().microsoft().reset_requests();
    world.click("Sign in").await;
    world.wait_for_text(LIVE).await;
    assert_eq!(
        world.sandbox.control().microsoft().requests().profile_pages,
        pages
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ended_session_asks_to_sign_in_again_and_keeps_servicenow_the_form_and_the_drafts() {
    let world = World::start().await;
    world.connect_both_as(ADELE).await;
    world.wait_for_text(LIVE).await;

    // A draft in progress for the first action.
    let title = world
        .run_script(
            "return document.querySelector('.sc-action-title').textContent;",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned();
    world.share_action(&title, "ServiceNow").await;
    world.wait_for_text("Share to ServiceNow").await;
    world
        .fill("Task name", "Draft kept across the Microsoft 365 sign-in")
        .await;
    world.browser.back().await.expect("back to the actions");
    world.wait_for_text(LIVE).await;

    // 24 hours later: the access token has expired and the refresh token is refused.
    world.sandbox.control().microsoft().expire_access_tokens();
    world.sandbox.control().microsoft().expire_refresh_tokens();
    world.click("Refresh from Microsoft 365").await;
    world
        .wait_for_text("Your Microsoft 365 session has ended. Sign in to Microsoft 365 again")
        .await;
    let text = world.text().await;
    assert!(!text.contains("Connected to Microsoft 365 as"), "{text}");
    assert!(text.contains("Sample data."), "{text}");
    assert!(
        text.contains("as Snowcard Integration"),
        "ServiceNow stays: {text}"
    );
    assert_eq!(world.value_of("Tenant").await, TENANT_DOMAIN);
    assert_eq!(
        world.value_of("Application (client) ID").await,
        MS_CLIENT_ID
    );
    assert!(
        world.session_storage("snowcard:ms-session").await.is_none(),
        "the Microsoft tokens are dropped"
    );
    assert!(world.session_storage("snowcard:session").await.is_some());

    // Signing in again (Microsoft remembers the person) brings the list and the draft back.
    world.click("Sign in").await;
    world
        .wait_for_text("Connected to Microsoft 365 as Adele Vance")
        .await;
    world.wait_for_text(LIVE).await;
    world.share_action(&title, "ServiceNow").await;
    world.wait_for_text("Share to ServiceNow").await;
    assert_eq!(
        world.value_of("Task name").await,
        "Draft kept across the Microsoft 365 sign-in"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_outside_the_tenant_is_told_to_use_one_of_it_or_be_invited() {
    let world = World::start().await;
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    world.click("Improvement actions").await;
    world.wait_for_text("Connect to Microsoft 365").await;
    world.sign_in_to_microsoft().await;
    world.enter_microsoft_account(LEE).await;
    world
        .wait_for_text(&format!(
            "That account is not a member or guest of the tenant {TENANT_DOMAIN}. Sign in with an account of that tenant, or ask one of its administrators to invite you as a guest."
        ))
        .await;
    assert!(world.url().await.ends_with("#/actions"));
    assert_eq!(world.value_of("Tenant").await, TENANT_DOMAIN);
    assert_eq!(
        world.value_of("Application (client) ID").await,
        MS_CLIENT_ID
    );
    assert_eq!(
        world.value_of("Sign-in authority").await,
        world.sandbox.url()
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redirect_url_registered_as_web_is_told_to_be_registered_as_spa() {
    let world = World::start().await;
    world
        .sandbox
        .control()
        .microsoft()
        .set_redirect_type_web(true);
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    world.click("Improvement actions").await;
    world.wait_for_text("Connect to Microsoft 365").await;
    world.sign_in_to_microsoft().await;
    world.enter_microsoft_account(ADELE).await;
    world.click("Accept").await;
    world
        .wait_for_text("The redirect URL is registered as Web. Register it under Single-page application instead")
        .await;
    assert!(world.session_storage("snowcard:ms-session").await.is_none());

    // Registered as SPA, signing in again connects.
    world
        .sandbox
        .control()
        .microsoft()
        .set_redirect_type_web(false);
    world.click("Sign in").await;
    world.wait_for_text(LIVE).await;
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_short_graph_throttle_is_counted_down_and_the_list_loads_by_itself() {
    let world = World::start().await;
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    world.click("Improvement actions").await;
    world.wait_for_text("Connect to Microsoft 365").await;
    world.sandbox.control().microsoft().throttle(3, 2);
    world.sign_in_to_microsoft().await;
    world.enter_microsoft_account(ADELE).await;
    world.click("Accept").await;
    world
        .wait_for_text(
            "Microsoft Graph asked snowcard to wait 3 seconds. The list loads again by itself.",
        )
        .await;
    world.wait_for_text("Loading again in ").await;
    world.wait_for_text(LIVE).await;

    // A wait over a minute is the person's to retry, and so is a fourth 429 in one load.
    world.sandbox.control().microsoft().throttle(90, 1);
    world.click("Refresh from Microsoft 365").await;
    world
        .wait_for_text("Microsoft Graph asked snowcard to wait. Try again in 90 seconds.")
        .await;
    world.sandbox.control().microsoft().throttle(1, 4);
    world.click("Retry").await;
    world
        .wait_for_text("Microsoft Graph asked snowcard to wait. Try again in 1 second.")
        .await;
    world.click("Retry").await;
    world.wait_for_text(LIVE).await;
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_missing_from_the_registration_is_named_with_the_url_to_register() {
    let world = World::start_with(|config| {
        config.microsoft.app.spa_redirect_uris = vec!["https://snowcard.contoso.example/".into()];
    })
    .await;
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    world.click("Improvement actions").await;
    world.wait_for_text("Connect to Microsoft 365").await;
    world.sign_in_to_microsoft().await;
    // Microsoft does not send a person to an address it does not know: it says so itself.
    world.wait_for_text("AADSTS50011").await;
    let page = world.app_url();
    assert!(
        world
            .text()
            .await
            .contains(&format!("The redirect URI '{page}' specified")),
        "Microsoft names the address it was sent"
    );
    world.browser.back().await.expect("back to snowcard");
    world
        .wait_for_text(&format!(
            "If Microsoft's page named AADSTS50011, this page is not a redirect URL of the application: register exactly {page} as a Single-page application redirect URL"
        ))
        .await;
    assert_eq!(
        world.value_of("Tenant").await,
        TENANT_DOMAIN,
        "nothing typed is lost"
    );
    assert!(
        !world.text().await.contains("Signing in to Microsoft 365"),
        "the form is not left busy"
    );
    // Reloaded, the page says the same.
    world.browser.refresh().await.expect("reloaded");
    world.wait_for_text("did not come back to snowcard").await;
    world.stop().await;
}
