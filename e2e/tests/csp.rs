//! End to end: a deployment whose Content-Security-Policy does not allow the instance. The
//! browser refuses the requests before they leave it, and snowcard says so (the policy, the
//! directive and the origin to add) instead of blaming the network. And a page served for
//! an instance (`cargo xtask serve --instance … --client-id …`) opens its setup page filled in.

use serde_json::{json, Value};
use snowcard_e2e::{World, DEMO_CLIENT_ID};

/// The status page's line about the page's policy.
const POLICY_LINE: &str =
    "This page's Content-Security-Policy allows the instance and the token URL";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_policy_without_the_instance_is_named_with_what_to_add() {
    // Built for another instance: the sandbox's origin is not in connect-src.
    let world = World::start_with_connect_src(&["https://acme.service-now.com"]).await;
    let instance = world.sandbox.url().trim_end_matches('/').to_owned();
    world.open_app().await;
    world.click("Connect to ServiceNow").await;
    world.fill("Instance", &instance).await;
    world.fill("Client ID", DEMO_CLIENT_ID).await;
    world.click("Authorize").await;

    world
        .wait_for_text(&format!(
            "This page's Content-Security-Policy blocks {instance}"
        ))
        .await;
    let text = world.text().await;
    assert!(
        text.contains(&format!("adds {instance} to connect-src")),
        "the fix names the directive and the origin:\n{text}"
    );
    assert!(
        !text.contains("could not be reached") && !text.contains("your network connection"),
        "not told as a network problem:\n{text}"
    );
    assert_eq!(
        world.value_of("Instance").await,
        instance,
        "what was typed is kept"
    );

    world.click("Check the connection").await;
    world.wait_for_text("Checks done:").await;
    let line = status_line(&world, POLICY_LINE).await;
    assert!(
        line.contains("Failed")
            && line.contains(&instance)
            && line.contains("connect-src")
            && line.contains(&format!("adds {instance} to connect-src")),
        "{line}"
    );

    // The browser reported exactly what it refused: requests to the sandbox, by connect-src.
    let host = &world.app;
    world
        .wait_until("the browser's report of the refused request", || {
            !host.csp_reports().is_empty()
        })
        .await;
    for report in host.csp_reports() {
        let report: Value = serde_json::from_str(&report).expect("a JSON report");
        let report = &report["csp-report"];
        assert_eq!(
            report["effective-directive"],
            json!("connect-src"),
            "{report}"
        );
        let blocked = report["blocked-uri"].as_str().unwrap_or_default();
        assert!(blocked.starts_with(&instance), "{report}");
    }
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_served_for_an_instance_opens_its_setup_page_filled_in() {
    let world = World::start_prefilled(DEMO_CLIENT_ID).await;
    world.open_app().await;
    world.click("Connect to ServiceNow").await;
    assert_eq!(world.value_of("Instance").await, world.sandbox.url());
    assert_eq!(world.value_of("Client ID").await, DEMO_CLIENT_ID);
    world.click("Authorize").await;
    // Straight on to the instance's sign-in page: nothing had to be typed.
    world.fill("User name", snowcard_e2e::USER.0).await;
    world.stop().await;
}

/// The visible text of the status line named `name`.
async fn status_line(world: &World, name: &str) -> String {
    let script = "const items = [...document.querySelectorAll('ul.sc-status-list > li')];\
        const item = items.find(li => li.querySelector('.sc-status-name')?.textContent === arguments[0]);\
        return item ? item.innerText : null;";
    match world.run_script(script, vec![json!(name)]).await.as_str() {
        Some(text) => text.to_owned(),
        None => panic!(
            "no status line {name:?}; the page shows:\n{}",
            world.text().await
        ),
    }
}
