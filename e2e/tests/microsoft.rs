//! End to end: connecting to Microsoft 365 (the sandbox's identity platform and Graph
//! stand-in) beside ServiceNow, the tenant's live Secure Score and every improvement action
//! across Graph's pages, and disconnecting.

use snowcard_e2e::microsoft::ADELE;
use snowcard_e2e::World;
use snowcard_sandbox::microsoft::{MS_CLIENT_ID, TENANT_DOMAIN};

/// The `shown` and `total` of "{shown} of {total} improvement actions" on the page.
fn counts(text: &str) -> Option<(usize, usize)> {
    let line = text.lines().find(|l| l.ends_with("improvement actions"))?;
    let mut numbers = line
        .split_whitespace()
        .filter_map(|w| w.replace(',', "").parse::<usize>().ok());
    Some((numbers.next()?, numbers.next()?))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_consent_and_throttling_are_explained_with_what_to_do() {
    let world = World::start().await;
    world
        .sandbox
        .control()
        .microsoft()
        .set_consent_missing(true);
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    world.click("Improvement actions").await;
    world.wait_for_text("Connect to Microsoft 365").await;
    world.sign_in_to_microsoft().await;
    world.enter_microsoft_account(ADELE).await;
    world
        .wait_for_text("An administrator has not consented to snowcard's permissions yet")
        .await;
    let text = world.text().await;
    assert!(
        text.contains(&format!(
            "/{TENANT_DOMAIN}/adminconsent?client_id={MS_CLIENT_ID}"
        )),
        "the admin-consent address to send an administrator: {text}"
    );
    assert!(world.url().await.ends_with("#/actions"));

    // Consent granted, a second sign-in works; then Graph throttles the list for longer than
    // the page waits out by itself (a minute).
    world
        .sandbox
        .control()
        .microsoft()
        .set_consent_missing(false);
    world.sandbox.control().microsoft().throttle(61, 1);
    assert_eq!(
        world.value_of("Tenant").await,
        TENANT_DOMAIN,
        "nothing typed is lost"
    );
    world.click("Sign in").await;
    world.wait_for_text("Permissions requested").await;
    world.click("Accept").await;
    world
        .wait_for_text("Microsoft Graph asked snowcard to wait. Try again in 61 seconds.")
        .await;
    // The throttling was for one request: Retry loads the list.
    world.click("Retry").await;
    world.wait_for_text("Live from Microsoft 365.").await;
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_connects_to_microsoft_365_and_sees_the_tenants_live_actions() {
    let world = World::start().await;
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    world.click("Improvement actions").await;
    world.wait_for_text("Connect to Microsoft 365").await;
    world
        .wait_for_text("Sample data. Connect to Microsoft 365")
        .await;

    world.sign_in_to_microsoft().await;
    world.enter_microsoft_account(ADELE).await;
    world.click("Accept").await;

    world
        .wait_for_text("Connected to Microsoft 365 as Adele Vance (contoso.onmicrosoft.com)")
        .await;
    world.wait_for_text("Secure Score: ").await;
    world.wait_for_text("Live from Microsoft 365.").await;
    let text = world.text().await;
    let (shown, total) = counts(&text).expect("the count of actions");
    assert_eq!(shown, total, "{text}");
    assert!(total >= 300, "every page of profiles is read: {total}");
    assert!(
        world.url().await.ends_with("#/actions"),
        "back on the page the sign-in left from"
    );
    // ServiceNow's connection is untouched.
    assert!(world.session_storage("snowcard:session").await.is_some());

    // Share the first action: its ticket shows on its row, found for the whole list at once.
    let title = world.share_first_action().await;
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;
    let number = world.created_records("change_request")[0]
        .get("number")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    assert!(number.starts_with("CHG"), "{number}");
    world.click("Back to improvement actions").await;
    world
        .wait_until_script(
            "the ticket on the shared action's row",
            &format!(
                "const row = [...document.querySelectorAll('.sc-action-row')].find(r => r.querySelector('.sc-action-title').textContent === {title:?}); \
                 return !!row && row.innerText.includes({number:?});"
            ),
        )
        .await;

    // The live list's filters are the address's: only shared actions (the sandbox's seed has
    // snowcard tickets of its own, so more than the one just shared), then by status.
    world.select("Shared to ServiceNow", "Shared").await;
    world
        .wait_until_script(
            "only shared actions listed",
            &format!(
                "const rows = [...document.querySelectorAll('.sc-action-row')]; \
                 return rows.length > 0 && rows.length < 300 && rows.every(r => r.innerText.includes('Tickets: ')) \
                   && rows.some(r => r.innerText.includes({number:?}));"
            ),
        )
        .await;
    assert!(world.url().await.contains("shared=yes"));
    world.select("Shared to ServiceNow", "Shared or not").await;
    world.select("Status", "Risk accepted").await;
    world
        .wait_until_script(
            "only risk-accepted actions",
            "const rows = [...document.querySelectorAll('.sc-action-row')]; \
             return rows.length > 0 && rows.every(r => r.innerText.includes('Status: Risk accepted'));",
        )
        .await;
    world.select("Sort by", "Points still to gain").await;
    assert!(world.url().await.contains("sort=gain"));

    world.click("Disconnect from Microsoft 365").await;
    world
        .wait_for_text("Sample data. Connect to Microsoft 365")
        .await;
    assert_eq!(
        world.value_of("Tenant").await,
        TENANT_DOMAIN,
        "what was typed stays"
    );
    assert!(world.session_storage("snowcard:ms-session").await.is_none());
    assert!(world.session_storage("snowcard:session").await.is_some());
    world.stop().await;
}
