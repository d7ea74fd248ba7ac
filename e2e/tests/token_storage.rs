//! End to end: the demo portal configured with `"tokenStorage": "memory"` (portal.json), which
//! mounts its panel with `tokenStorage: "memory"` (and gives its element
//! `token-storage="memory"`). Signed in, no
//! token is in session storage; a reload asks to sign in again; the share draft survives it.

use snowcard_e2e::portal::PANEL;
use snowcard_e2e::{World, USER};

/// The portal's own query and hash, which must survive the OAuth round trip.
const MEMORY: &str = "?tab=security#overview";
/// The first of the portal's own improvement actions (`www/portal/portal.js`).
const PASSWORDS: &str = "Set the password expiration policy so that passwords never expire";
const DISCONNECTED: &str = "Do you use ServiceNow?";
const TYPED: &str = "Typed before the reload: roll out with the helpdesk first.";

/// Every value in this tab's session storage that holds a token, by key.
async fn tokens_in_session_storage(world: &World) -> Vec<String> {
    let found = world
        .run_script(
            "return Object.keys(sessionStorage).filter(k => {\
               const v = sessionStorage.getItem(k) || '';\
               return v.includes('access_token') || v.includes('refresh_token'); });",
            vec![],
        )
        .await;
    snowcard_e2e::strings(&found)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_memory_mode_no_token_is_stored_a_reload_signs_in_again_and_the_draft_survives() {
    let world = World::start_portal_with(serde_json::json!({"tokenStorage": "memory"})).await;
    world.open_portal(MEMORY).await;
    world.wait_for_component_text(PANEL, DISCONNECTED).await;
    world.click_in(PANEL, "Connect to ServiceNow").await;
    world.click_in(PANEL, "Authorize").await;
    world.fill("User name", USER.0).await;
    world.fill("Password", USER.1).await;
    world.click("Log in").await;
    world.click("Allow").await;
    let connected = format!(
        "Connected to {} as Snowcard Integration",
        world.instance_label()
    );
    world.wait_for_component_text(PANEL, &connected).await;
    assert_eq!(world.url().await, world.portal_url(MEMORY));
    assert_eq!(
        tokens_in_session_storage(&world).await,
        Vec::<String>::new(),
        "signed in, and no token in session storage"
    );
    assert!(
        !world
            .session_keys()
            .await
            .iter()
            .any(|k| k.ends_with(":session") || k.ends_with(":previous-tokens")),
        "{:?}",
        world.session_keys().await
    );

    // A share draft, typed but not sent.
    world.portal_send(PASSWORDS).await;
    world
        .wait_for_component_text(PANEL, "Share to ServiceNow")
        .await;
    world.fill_in(PANEL, "Task description", TYPED).await;
    assert!(
        world
            .session_keys()
            .await
            .iter()
            .any(|k| k.ends_with(":share-drafts")),
        "drafts stay in session storage"
    );

    // A reload: the tokens went with the page, the draft did not.
    world.browser.refresh().await.expect("reloaded");
    world
        .wait_until_script(
            "the portal to start again",
            "return document.documentElement.dataset.portal === 'ready';",
        )
        .await;
    world.wait_for_component_text(PANEL, DISCONNECTED).await;
    assert!(!world.component_text(PANEL).await.contains(&connected));

    // Signing in again (the instance remembers the browser) brings the draft back as typed.
    world.click_in(PANEL, "Connect to ServiceNow").await;
    world.click_in(PANEL, "Authorize").await;
    world.click("Allow").await;
    world
        .wait_for_component_text(PANEL, "Share to ServiceNow")
        .await;
    assert_eq!(world.value_in(PANEL, "Task description").await, TYPED);
    assert_eq!(world.value_in(PANEL, "Task name").await, PASSWORDS);
    assert_eq!(
        tokens_in_session_storage(&world).await,
        Vec::<String>::new()
    );
    assert_eq!(
        world.sandbox.control().grants().authorization_code,
        2,
        "the reload signed in again"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_memory_mode_re_authorizing_revokes_the_tokens_before_the_page_leaves() {
    let world = World::start_portal_with(serde_json::json!({"tokenStorage": "memory"})).await;
    world.open_portal(MEMORY).await;
    world.wait_for_component_text(PANEL, DISCONNECTED).await;
    world.click_in(PANEL, "Connect to ServiceNow").await;
    world.click_in(PANEL, "Authorize").await;
    world.fill("User name", USER.0).await;
    world.fill("Password", USER.1).await;
    world.click("Log in").await;
    world.click("Allow").await;
    world
        .wait_for_component_text(PANEL, "as Snowcard Integration")
        .await;
    let control = world.sandbox.control();
    assert_eq!(control.grants().revoked, 0);

    world
        .click_in(PANEL, "Manage ServiceNow configuration")
        .await;
    world.click_in(PANEL, "Re-authorize").await;
    // On the instance's consent page: the page has left, and what it held in memory with it.
    world.wait_for_text("Allow").await;
    assert!(
        control.grants().revoked >= 1,
        "the replaced tokens were revoked before the page left, not after the new sign-in"
    );
    world.click("Allow").await;
    world
        .wait_for_component_text(PANEL, "Customize ticket state names")
        .await;
    assert_eq!(control.grants().authorization_code, 2);
    assert_eq!(
        tokens_in_session_storage(&world).await,
        Vec::<String>::new()
    );
    world.stop().await;
}
