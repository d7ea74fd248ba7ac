//! End to end: two tabs, one session. A second tab opened from the first (`window.open`
//! copies session storage) holds the same refresh token; against an instance in strict mode
//! (refresh tokens rotate, a replaced one presented again revokes the grant, RFC 9700
//! section 4.14.2) both tabs refresh, on their renewal timers at the same moment and after
//! the instance expired their access token, and both stay signed in: no refresh token was
//! ever presented twice.

use std::time::{Duration, Instant};

use fantoccini::wd::WindowHandle;
use snowcard_e2e::World;

const ENDED: &str = "Your ServiceNow session has ended";

fn connected_text(world: &World) -> String {
    format!(
        "Connected to {} as Snowcard Integration",
        world.instance_label()
    )
}

async fn switch(world: &World, tab: &WindowHandle) {
    world
        .browser
        .switch_to_window(tab.clone())
        .await
        .expect("the tab is there");
}

/// Opens the ticket list in `tab` and waits for its rows.
async fn tickets_load(world: &World, tab: &WindowHandle) {
    switch(world, tab).await;
    world.click("View all tickets").await;
    world
        .wait_until_script(
            "the ticket list",
            "return !!document.querySelector('.sc-table');",
        )
        .await;
    let text = world.text().await;
    assert!(!text.contains(ENDED), "{text}");
    world.open_app().await;
    world.wait_for_text(&connected_text(world)).await;
    world.wait_for_text("Most recent").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_tabs_of_one_session_refresh_in_turn_and_both_stay_signed_in() {
    let world = World::start_with(|config| {
        config.public_refresh_tokens = true;
        config.strict = true;
        // expires_in 19: each tab renews 9 seconds before the end, both at the same moment.
        config.access_token_ttl = Duration::from_secs(20);
    })
    .await;
    let control = world.sandbox.control();
    world.connect("Allow").await;
    world.wait_for_text(&connected_text(&world)).await;
    let first = world.browser.window().await.expect("a tab");
    let copied = world.stored_access_token().await;

    world
        .run_script("window.open(window.location.href, '_blank');", vec![])
        .await;
    let start = Instant::now();
    let second = loop {
        let tabs = world.browser.windows().await.expect("the tabs");
        if let Some(other) = tabs.into_iter().find(|t| *t != first) {
            break other;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "no second tab");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    switch(&world, &second).await;
    world.wait_for_text(&connected_text(&world)).await;
    assert_eq!(
        world.stored_access_token().await,
        copied,
        "the second tab started from a copy of the first one's session"
    );

    // Both renewal timers are due at the same moment, round after round: the tabs take
    // turns, and the one that comes second takes the other's set instead of refreshing.
    let start = Instant::now();
    while control.grants().refresh_token < 3 {
        assert_eq!(
            control.reuse_revocations(),
            0,
            "a refresh token was spent twice"
        );
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "three renewals did not happen: {:?}",
            control.grants()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The instance ends the access token early; each tab finds out on its next request.
    control.expire_access_tokens();
    tickets_load(&world, &second).await;
    tickets_load(&world, &first).await;

    assert_eq!(control.reuse_revocations(), 0, "no grant was revoked");
    let in_first = world.stored_access_token().await;
    switch(&world, &second).await;
    let in_second = world.stored_access_token().await;
    assert_eq!(in_first, in_second, "both tabs saved the newest set");
    assert!(control.access_token_valid(&in_second));
    world.stop().await;
}
