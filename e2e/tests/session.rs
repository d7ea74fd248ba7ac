//! End to end: how a ServiceNow session ends, as instances really do it. Public clients may
//! get no refresh token (the sandbox's documented default), a refused refresh comes in
//! ServiceNow's own format, the authorization answer names its issuer (RFC 9207), and
//! re-authorizing retires the session it replaces.

use std::time::{Duration, Instant};

use snowcard_e2e::{World, DEMO_CLIENT_ID};
use snowcard_sandbox::TokenFault;

const MFA: &str = "Require multifactor authentication for administrative roles";
const ENDED: &str = "Your ServiceNow session has ended";

fn connected_text(world: &World) -> String {
    format!(
        "Connected to {} as Snowcard Integration",
        world.instance_label()
    )
}

/// Waits for `text` for up to `limit` (a session's lifetime can be longer than the usual
/// deadline), polling.
async fn wait_long_for_text(world: &World, text: &str, limit: Duration) {
    let start = Instant::now();
    loop {
        let shown = world.text().await;
        if shown.contains(text) {
            return;
        }
        assert!(
            start.elapsed() < limit,
            "timed out waiting for {text:?}; the page shows:\n{shown}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_without_refresh_token_ends_and_sign_in_again_keeps_the_draft_and_the_page() {
    let world = World::start_with(|config| config.access_token_ttl = Duration::from_secs(30)).await;
    world.connect("Allow").await;
    world.wait_for_text(&connected_text(&world)).await;
    let text = world.text().await;
    assert!(
        text.contains("Session ends at") && !text.contains("renews the session by itself"),
        "the connected card says when the session ends: {text}"
    );
    world.click("Improvement actions").await;
    world.wait_for_text(MFA).await;
    world.share_action(MFA, "ServiceNow").await;
    world.wait_for_text("Share to ServiceNow").await;
    world
        .fill("Task name", "Written while the session ran out")
        .await;

    // A third of the 29-second lifetime before the end: the warning, with the button.
    wait_long_for_text(
        &world,
        "Your ServiceNow session ends at",
        Duration::from_secs(40),
    )
    .await;
    assert!(world
        .text()
        .await
        .contains("your drafts, this page and your settings are kept"));
    // Then the end, said plainly; the dead session is gone from storage.
    wait_long_for_text(&world, ENDED, Duration::from_secs(40)).await;
    assert!(world
        .text()
        .await
        .contains("Choose Sign in again; your drafts, this page and your settings are kept."));
    assert_eq!(world.session_storage("snowcard:session").await, None);
    let control = world.sandbox.control();
    assert_eq!(control.grants().refresh_token, 0, "nothing to refresh with");

    world.click("Sign in again").await;
    // Still signed in on the instance: straight to the consent page.
    world.click("Allow").await;
    world.wait_for_text("Share to ServiceNow").await;
    assert_eq!(
        world.value_of("Task name").await,
        "Written while the session ran out",
        "the draft and the page it was on came back"
    );
    assert_eq!(control.grants().authorization_code, 2);
    assert!(
        !world.url().await.contains("code="),
        "the address bar was cleaned"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_again_from_the_warning_returns_to_the_same_page_and_retires_the_old_token() {
    let world = World::start_with(|config| config.access_token_ttl = Duration::from_secs(20)).await;
    world.connect("Allow").await;
    world.wait_for_text(&connected_text(&world)).await;
    let old = world.stored_access_token().await;
    world.click("View all tickets").await;
    wait_long_for_text(
        &world,
        "Your ServiceNow session ends at",
        Duration::from_secs(30),
    )
    .await;
    world.click("Sign in again").await;
    world.click("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    world
        .wait_until_script(
            "the ticket list again",
            "return !!document.querySelector('.sc-table');",
        )
        .await;
    let control = world.sandbox.control();
    world
        .wait_until("the replaced access token revoked", || {
            !control.access_token_valid(&old)
        })
        .await;
    let new = world.stored_access_token().await;
    assert_ne!(new, old);
    assert!(control.access_token_valid(&new), "never the new one");
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_refused_in_servicenows_format_says_sign_in_again_and_forgets_the_session() {
    let world = World::start_with(|config| config.public_refresh_tokens = true).await;
    world.connect("Allow").await;
    world.wait_for_text(&connected_text(&world)).await;
    let text = world.text().await;
    assert!(text.contains("renews the session by itself"), "{text}");
    let control = world.sandbox.control();
    // The instance will refuse the refresh token: 401 server_error / access_denied.
    control.expire_refresh_tokens();
    control.expire_access_tokens();
    world.browser.refresh().await.expect("reloaded");
    world.wait_for_text(ENDED).await;
    assert_eq!(
        world.session_storage("snowcard:session").await,
        None,
        "the dead session is gone from storage, so no reload brings it back"
    );
    world.click("Sign in again").await;
    world.click("Allow").await;
    world.wait_for_text(&connected_text(&world)).await;
    assert_eq!(control.grants().authorization_code, 2);
    assert_eq!(control.grants().refresh_token, 0, "the refresh was refused");
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_from_another_issuer_is_refused_before_any_exchange() {
    let world = World::start().await;
    let control = world.sandbox.control();
    control.set_wrong_iss(Some("https://evil.example".into()));
    world.connect("Allow").await;
    world
        .wait_for_text("The sign-in answer came from another server")
        .await;
    let text = world.text().await;
    assert!(
        text.contains(&world.sandbox.url()) && text.contains("https://evil.example"),
        "both servers are named: {text}"
    );
    assert_eq!(
        control.grants().authorization_code,
        0,
        "no code was exchanged"
    );
    let url = world.url().await;
    assert!(!url.contains("code=") && !url.contains("iss="), "{url}");
    assert_eq!(world.session_storage("snowcard:session").await, None);
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_endpoint_down_for_a_moment_is_tried_once_more() {
    let world = World::start().await;
    let control = world.sandbox.control();
    control.fail_token_endpoint(TokenFault::Unavailable, 1);
    world.connect("Allow").await;
    world.wait_for_text(&connected_text(&world)).await;
    assert_eq!(control.grants().authorization_code, 1);
    assert_eq!(
        control.requests().token,
        2,
        "the 503 and exactly one more try"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn re_authorize_comes_back_to_manage_and_the_old_access_token_is_refused() {
    let world = World::start().await;
    world.connect("Allow").await;
    world.wait_for_text(&connected_text(&world)).await;
    let old = world.stored_access_token().await;
    world.click("Manage ServiceNow configuration").await;
    world.wait_for_text("Customize ticket state names").await;
    assert!(world.text().await.contains(DEMO_CLIENT_ID));
    world.click("Re-authorize").await;
    world.click("Allow").await;
    world.wait_for_text("Customize ticket state names").await;
    let control = world.sandbox.control();
    world
        .wait_until("the old access token refused", || {
            !control.access_token_valid(&old)
        })
        .await;
    let new = world.stored_access_token().await;
    assert_ne!(new, old);
    assert!(control.access_token_valid(&new));
    assert_eq!(control.grants().authorization_code, 2);
    world.stop().await;
}
