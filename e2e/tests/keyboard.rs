//! End to end with the keyboard alone: Tab, Shift+Tab, Enter, Space, arrows and Escape, never
//! a click. Every flow: connect, share, view and filter tickets, customise state names and
//! remove the connection. Along the way: focus lands on each page's heading, goes into the
//! removal dialog and back out to the button that opened it, every focused control shows a
//! focus outline, and status changes reach the live regions screen readers announce.

use snowcard_e2e::a11y::key;
use snowcard_e2e::{Fault, World, DEMO_CLIENT_ID, USER};

/// The text of the app's own polite live regions, there from the first render.
async fn app_live_regions(world: &World) -> String {
    let text = world
        .run_script(
            "return [...document.querySelectorAll('.snowcard > [aria-live]')].map(e => e.textContent).join('\\n');",
            vec![],
        )
        .await;
    text.as_str().unwrap_or_default().to_owned()
}

/// Connects from the connection card with the keyboard.
async fn connect(world: &World) {
    world.open_app().await;
    world.activate("Connect to ServiceNow").await;
    world.wait_for_focus("ServiceNow setup").await;
    world.type_into("Instance", &world.sandbox.url()).await;
    world.type_into("Client ID", DEMO_CLIENT_ID).await;
    world.activate("Authorize").await;
    // The sandbox's own sign-in and consent pages, also by keyboard.
    world.wait_for_text("Log in").await;
    world.type_into("User name", USER.0).await;
    world.type_into("Password", USER.1).await;
    world.activate("Log in").await;
    world.wait_for_text("Allow").await;
    world.activate("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_flow_with_the_keyboard_alone() {
    let world = World::start().await;

    // Connect: a mistake first, so the error is tied to its field.
    world.open_app().await;
    world.activate("Connect to ServiceNow").await;
    world.wait_for_focus("ServiceNow setup").await;
    world.activate("Authorize").await;
    world.wait_for_text("Enter the instance").await;
    let described = world
        .run_script(
            "const i = document.getElementById(document.evaluate(\"//label[starts-with(normalize-space(.), 'Instance')]/@for\", document, null, 2, null).stringValue);
             return (i.getAttribute('aria-describedby') || '').split(' ')
               .map(id => document.getElementById(id).textContent).join(' ') + '|' + i.getAttribute('aria-invalid');",
            vec![],
        )
        .await;
    let described = described.as_str().unwrap_or_default();
    assert!(
        described.contains("Enter the instance") && described.ends_with("|true"),
        "the Instance field's error is not tied to it: {described:?}"
    );
    connect(&world).await;
    // The callback loaded the page afresh: the app's own region now says where it stands.
    assert!(app_live_regions(&world).await.contains("Connected to"));
    world.listen_for_announcements().await;

    // Share: find the action, open its menu, choose ServiceNow, pick a priority, send.
    world.activate("Improvement actions").await;
    world.wait_for_focus("Improvement actions").await;
    world
        .type_into("Search", "multifactor authentication for administrative")
        .await;
    world.wait_for_text("1 of").await;
    world.activate("Share").await;
    // The menu opens with focus on its first item; the arrows move, Escape closes.
    world.wait_for_focus("ServiceNow").await;
    world.press(key::DOWN).await;
    world.wait_for_focus("Copy link").await;
    world.press(key::ESCAPE).await;
    world.wait_for_focus("Share").await;
    world.press(key::DOWN).await;
    world.wait_for_focus("ServiceNow").await;
    world.press(key::ENTER).await;
    world.wait_for_focus("Share to ServiceNow").await;
    let suggested: u32 = world
        .value_of("Priority")
        .await
        .parse()
        .expect("a priority value");
    world.tab_to("Priority").await;
    world.press(key::DOWN).await;
    // ServiceNow asks to wait once: the wait is announced, in the singular, and waited out.
    world.sandbox.control().inject(
        Fault::TooManyRequests {
            retry_after_secs: 1,
        },
        1,
    );
    world.activate("Send to ServiceNow").await;
    world.wait_heard("Looking for an open ticket").await;
    world
        .wait_heard("ServiceNow asked snowcard to wait; sending again in 1 second.")
        .await;
    world.wait_for_text("Ticket created").await;
    let created = world.created_records("change_request");
    assert_eq!(created.len(), 1, "exactly one change request");
    let chosen = (suggested + 1).to_string();
    assert_eq!(
        created[0]["priority"],
        chosen.as_str(),
        "ArrowDown chose the next priority"
    );
    let number = created[0]["number"].as_str().unwrap_or_default().to_owned();
    world.wait_heard(&number).await;
    world.activate("Back to improvement actions").await;
    world.wait_for_focus("Improvement actions").await;
    world.activate("Back").await;

    // View and filter tickets.
    world.wait_for_text("Change management").await;
    world.activate("View all tickets").await;
    world.wait_for_focus("All tickets").await;
    world.wait_for_text(&number).await;
    world.type_into("Search number or name", &number).await;
    world.press(key::ENTER).await;
    world.wait_heard("1–1 of 1").await;
    world.activate("Clear filters").await;
    world.tab_to("Priority").await;
    // "Any priority", then "1 - Critical", "2 - High" and on, to the one just sent.
    for _ in 0..=suggested {
        world.press(key::DOWN).await;
    }
    world.wait_for_text(&number).await;
    let rows = world
        .run_script(
            "return [...document.querySelectorAll('tbody tr')].map(r => r.innerText);",
            vec![],
        )
        .await;
    let rows: Vec<&str> = rows
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| row.as_str())
        .collect();
    assert!(
        !rows.is_empty() && rows.iter().all(|row| row.contains(&format!("{chosen} - "))),
        "only priority {chosen} tickets are listed: {rows:#?}"
    );
    world.activate("Back").await;

    // Customise a state name.
    world.activate("Manage ServiceNow configuration").await;
    world.wait_for_focus("ServiceNow configuration").await;
    world.type_into("Assess", "Triage").await;
    world.activate("Save state names").await;
    world.wait_heard("saved").await;
    world.activate("Back").await;
    world.wait_for_text("Triage").await;

    // Remove the connection: into the dialog, out with Escape, back in, then Remove.
    world.activate("Manage ServiceNow configuration").await;
    world.activate("Remove connection").await;
    let inside = world
        .run_script(
            "return !!document.activeElement.closest('dialog[open]');",
            vec![],
        )
        .await;
    assert_eq!(
        inside,
        serde_json::Value::Bool(true),
        "focus moved into the dialog"
    );
    world.press(key::ESCAPE).await;
    world.wait_for_focus("Remove connection").await;
    world.press(key::ENTER).await;
    world.tab_to("Remove").await;
    world.press(key::ENTER).await;
    world.wait_for_focus("Do you use ServiceNow?").await;
    world.wait_heard("Connection removed").await;
    assert!(
        world.session_storage("snowcard:session").await.is_none(),
        "the session is gone"
    );
    let text = app_live_regions(&world).await;
    assert!(!text.contains("Connected to"), "{text}");
    world.stop().await;
}

/// Spinners and loading skeletons move only for people who have not asked for less motion.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_moves_for_people_who_prefer_reduced_motion() {
    let world = World::start().await;
    world.open_app().await;
    world.wait_for_text("Connect to ServiceNow").await;
    // One of each moving thing, in the app, styled by the app's own sheet.
    world
        .run_script(
            "const app = document.querySelector('.snowcard');
             for (const c of ['sc-spinner', 'sc-skeleton-line']) {
               const e = document.createElement('span'); e.className = c; e.dataset.probe = c; app.append(e);
             }",
            vec![],
        )
        .await;
    let animations = "return [...document.querySelectorAll('[data-probe]')].map(e => getComputedStyle(e).animationName);";
    world.prefer_reduced_motion(false).await;
    let moving = world.run_script(animations, vec![]).await;
    assert!(
        moving
            .as_array()
            .is_some_and(|a| a.len() == 2 && a.iter().all(|n| n != "none")),
        "both move without a preference: {moving}"
    );
    world.prefer_reduced_motion(true).await;
    let still = world.run_script(animations, vec![]).await;
    assert_eq!(still, serde_json::json!(["none", "none"]), "nothing moves");
    world.stop().await;
}
