//! End to end: the connection status page of the built app against the sandbox instance,
//! healthy and with the instance's settings broken the ways administrators break them.

use serde_json::json;
use snowcard_e2e::World;

const CHECKS: [&str; 8] = [
    "Instance reachable",
    "Token valid",
    "Table API readable: incidents",
    "Table API readable: change requests",
    "Token endpoint reachable from this browser",
    "This page's Content-Security-Policy allows the instance and the token URL",
    "Creating incidents allowed (itil role)",
    "Creating change requests allowed (itil or change_manager role)",
];

/// Signs in as the integration user and opens the status page once its checks are done.
async fn connected_status_page(world: &World, before_opening: impl FnOnce()) {
    world.connect("Allow").await;
    world
        .wait_for_text(&format!(
            "Connected to {} as Snowcard Integration",
            world.instance_label()
        ))
        .await;
    before_opening();
    world.click("Connection status").await;
    world.wait_for_text("Checks done:").await;
}

/// The visible text of the status line named `name`.
async fn line(world: &World, name: &str) -> String {
    let script = "const items = [...document.querySelectorAll('ul.sc-status-list > li')];\
        const item = items.find(li => li.querySelector('.sc-status-name')?.textContent === arguments[0]);\
        return item ? item.innerText : null;";
    let found = world.run_script(script, vec![json!(name)]).await;
    match found.as_str() {
        Some(text) => text.to_owned(),
        None => panic!(
            "no status line {name:?}; the page shows:\n{}",
            world.text().await
        ),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_api_without_a_cors_rule_for_the_app_fails_with_the_fix() {
    let world = World::start().await;
    let control = world.sandbox.control();
    connected_status_page(&world, || {
        control.set_api_cors_origin(Some("http://elsewhere.example".into()))
    })
    .await;
    let origin = world.app.url().trim_end_matches('/').to_owned();
    let instance = line(&world, "Instance reachable").await;
    assert!(instance.contains("Passed"), "{instance}");
    for name in [
        "Table API readable: incidents",
        "Table API readable: change requests",
    ] {
        let text = line(&world, name).await;
        assert!(
            text.contains("Failed")
                && text.contains(&format!(
                    "adds a rule for the REST API \"Table API\" with domain {origin},"
                )),
            "{name}: {text}"
        );
    }
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_well_set_up_instance_passes_every_check_and_keeps_the_session() {
    let world = World::start().await;
    connected_status_page(&world, || {}).await;
    assert!(world
        .text()
        .await
        .contains("Checks done: 8 passed, 0 failed, 0 not checked."));
    for name in CHECKS {
        let text = line(&world, name).await;
        assert!(text.contains("Passed"), "{name}: {text}");
    }
    let grants = world.sandbox.control().grants();
    assert_eq!(
        (grants.authorization_code, grants.refresh_token),
        (1, 0),
        "the made-up refresh token got nothing, and the session was not refreshed"
    );
    world.click("Back").await;
    world.wait_for_text("Snowcard Integration").await;
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roles_hidden_by_the_instance_are_not_checked_rather_than_passed() {
    let world = World::start().await;
    let control = world.sandbox.control();
    connected_status_page(&world, || control.set_own_roles_readable(false)).await;
    for name in [
        "Creating incidents allowed (itil role)",
        "Creating change requests allowed (itil or change_manager role)",
    ] {
        let text = line(&world, name).await;
        assert!(
            text.contains("Not checked") && text.contains("Could not be checked"),
            "{name}: {text}"
        );
    }
    assert!(line(&world, "Token valid").await.contains("Passed"));
    world.stop().await;
}
