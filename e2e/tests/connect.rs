//! End to end: a person connects the built app to the sandbox instance in Chromium.

use snowcard_e2e::World;

fn connected_text(world: &World) -> String {
    format!(
        "Connected to {} as Snowcard Integration",
        world.instance_label()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_connects_through_sign_in_and_consent() {
    let world = World::start().await;
    world.connect("Allow").await;
    world.wait_for_text(&connected_text(&world)).await;
    let url = world.url().await;
    assert!(url.starts_with(&world.app_url()), "back on the app: {url}");
    assert!(
        !url.contains("code=") && !url.contains("state="),
        "the address bar was cleaned: {url}"
    );
    assert!(
        world.session_storage("snowcard:session").await.is_some(),
        "tokens kept in session storage"
    );
    assert!(
        world.session_storage("snowcard:pending").await.is_none(),
        "the PKCE verifier is gone"
    );
    assert_eq!(world.sandbox.control().grants().authorization_code, 1);

    world.browser.refresh().await.expect("reloaded");
    world.wait_for_text(&connected_text(&world)).await;
    assert_eq!(
        world.sandbox.control().grants().authorization_code,
        1,
        "a reload reuses the session"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn denying_consent_shows_access_denied_with_the_next_step() {
    let world = World::start().await;
    world.connect("Deny").await;
    world.wait_for_text("Access was denied").await;
    assert!(world.text().await.contains("choose Try again, then Allow"));
    assert_eq!(world.sandbox.control().grants().authorization_code, 0);
    world.click("Try again").await;
    world.wait_for_text("ServiceNow setup").await;
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_tokens_are_refreshed_without_asking_the_person() {
    // Refresh tokens for public clients are a switch: the documented default issues none.
    let world = World::start_with(|config| config.public_refresh_tokens = true).await;
    world.connect("Allow").await;
    world.wait_for_text(&connected_text(&world)).await;
    let control = world.sandbox.control();
    control.expire_access_tokens();
    world.browser.refresh().await.expect("reloaded");
    world
        .wait_until("a refresh-token grant", || {
            control.grants().refresh_token >= 1
        })
        .await;
    world.wait_for_text(&connected_text(&world)).await;
    assert!(
        world.url().await.starts_with(&world.app_url()),
        "no sign-in page was shown"
    );
    assert_eq!(control.grants().authorization_code, 1, "no second sign-in");
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_renewed_ahead_of_expiry() {
    let world = World::start_with(|config| {
        config.access_token_ttl = std::time::Duration::from_secs(8);
        config.public_refresh_tokens = true;
    })
    .await;
    world.connect("Allow").await;
    world.wait_for_text(&connected_text(&world)).await;
    let control = world.sandbox.control();
    world
        .wait_until("a renewal before expiry", || {
            control.grants().refresh_token >= 1
        })
        .await;
    world.wait_for_text(&connected_text(&world)).await;
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_endpoint_closed_to_the_browser_is_explained() {
    let world = World::start_with(|config| config.oauth_cors_origin = None).await;
    world.connect("Allow").await;
    world
        .wait_for_text("Your browser may not read the instance's token endpoint")
        .await;
    let text = world.text().await;
    // The property holds a host name (ServiceNow documents "a single hostname" or `*`).
    assert!(
        text.contains("glide.oauth.cors.allowed.origin to 127.0.0.1 (this page's host name;"),
        "{text}"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_instance_address_is_caught_before_leaving_the_page() {
    let world = World::start().await;
    world.open_app().await;
    world.click("Connect to ServiceNow").await;
    world.fill("Instance", "http://127.0.0.1:9").await;
    world.fill("Client ID", snowcard_e2e::DEMO_CLIENT_ID).await;
    world.click("Authorize").await;
    world
        .wait_for_text("The instance could not be reached")
        .await;
    assert!(
        world.url().await.starts_with(&world.app_url()),
        "still on the app"
    );
    world.stop().await;
}
