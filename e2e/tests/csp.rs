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
    // Planted on purpose, and checked above.
    world.stop_with_violations().await;
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

/// The page's policy (the sandbox host's header and the page's `<meta>`, as shipped) makes
/// every string given to an HTML or script sink throw (Trusted Types with no policy), loads
/// no plugin content, and lets no form submit; the browser reports each violation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trusted_types_object_src_and_form_action_bite() {
    let world = World::start().await;
    world.open_app().await;
    world.wait_for_text("Connect to ServiceNow").await;
    let before = world.url().await;
    let outcome = world
        .run_script(
            r#"
            window.__violations = [];
            document.addEventListener('securitypolicyviolation',
                e => window.__violations.push(e.effectiveDirective));
            const tried = {};
            const attempt = (name, f) => {
                try { f(); tried[name] = 'allowed'; } catch (e) { tried[name] = e.name; }
            };
            attempt('insertAdjacentHTML', () =>
                document.body.insertAdjacentHTML('beforeend', '<b id="sc-injected">x</b>'));
            attempt('script.src', () => {
                const script = document.createElement('script');
                script.src = '/injected.js';
                document.body.append(script);
            });
            attempt('object.data', () => {
                const object = document.createElement('object');
                object.data = '/index.html';
                document.body.append(object);
            });
            const form = document.createElement('form');
            form.action = '/submitted';
            form.method = 'get';
            document.body.append(form);
            attempt('form.submit', () => form.submit());
            tried.injected = document.getElementById('sc-injected') !== null;
            return tried;
            "#,
            vec![],
        )
        .await;
    assert_eq!(
        outcome["insertAdjacentHTML"],
        json!("TypeError"),
        "{outcome}"
    );
    assert_eq!(outcome["script.src"], json!("TypeError"), "{outcome}");
    assert_eq!(outcome["injected"], json!(false), "{outcome}");
    // Chromium may not treat `object.data` as a Trusted Types sink; then object-src 'none'
    // refuses to load it, which the reports below must show.
    let object_threw = outcome["object.data"] == json!("TypeError");

    let mut wanted = vec!["require-trusted-types-for", "form-action"];
    if !object_threw {
        wanted.push("object-src");
    }
    let host = &world.app;
    let reported = |directive: &str| {
        host.csp_reports().iter().any(|report| {
            serde_json::from_str::<Value>(report)
                .map(|r| r["csp-report"]["effective-directive"] == json!(directive))
                .unwrap_or(false)
        })
    };
    world
        .wait_until("a report of each violation", || {
            wanted.iter().all(|d| reported(d))
        })
        .await;
    let seen = world
        .run_script("return window.__violations;", vec![])
        .await;
    for directive in &wanted {
        assert!(
            seen.as_array()
                .is_some_and(|v| v.iter().any(|d| d == &json!(directive))),
            "the page saw no {directive} violation: {seen}"
        );
    }
    assert_eq!(world.url().await, before, "the form did not submit");
    // Planted on purpose, and checked above.
    world.stop_with_violations().await;
}
