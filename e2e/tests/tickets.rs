//! End to end: the ticket cards and "View all tickets" against the sandbox in Chromium.

use std::time::Instant;

use snowcard_e2e::World;

const MFA: &str = "Require multifactor authentication for administrative roles";
const AUDIT: &str = "Turn on audit log search";

async fn connected() -> World {
    let world = World::start().await;
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    world
}

/// How many of `table`'s records snowcard made, as the sandbox stores them.
fn snowcards(world: &World, table: &str) -> usize {
    world
        .sandbox
        .control()
        .records(table)
        .iter()
        .filter(|r| r.get("correlation_display").and_then(|v| v.as_str()) == Some("snowcard"))
        .count()
}

/// The texts of the elements matching `selector` in the card headed `title`.
async fn card_part(world: &World, title: &str, selector: &str) -> Vec<String> {
    let script = "const h = [...document.querySelectorAll('section h2')].find(e => e.textContent === arguments[0]); \
                  return h ? [...h.closest('section').querySelectorAll(arguments[1])].map(e => e.textContent.trim()) : [];";
    let found = world
        .run_script(script, vec![title.into(), selector.into()])
        .await;
    snowcard_e2e::strings(&found)
}

/// The text of the card headed `title`.
async fn card(world: &World, title: &str) -> String {
    let script = "const h = [...document.querySelectorAll('section h2')].find(e => e.textContent === arguments[0]); \
                  return h ? h.closest('section').innerText : '';";
    world
        .run_script(script, vec![title.into()])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Shares `title` from the improvement action list as `kind`.
async fn share(world: &World, title: &str, kind: &str) {
    world.wait_for_text(title).await;
    world.share_action(title, "ServiceNow").await;
    world.wait_for_text("Share to ServiceNow").await;
    world.select("Ticket type", kind).await;
    world.click("Send to ServiceNow").await;
    world.wait_for_text("Ticket created").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cards_count_the_tickets_just_shared() {
    let world = connected().await;
    let (changes, incidents) = (
        snowcards(&world, "change_request"),
        snowcards(&world, "incident"),
    );
    world.click("Improvement actions").await;
    share(&world, MFA, "Change request").await;
    world.click("Back to improvement actions").await;
    share(&world, AUDIT, "Incident").await;
    assert_eq!(snowcards(&world, "change_request"), changes + 1);
    assert_eq!(snowcards(&world, "incident"), incidents + 1);

    world.open_app().await;
    world.wait_for_text("Most recent").await;
    let total = |n: usize| {
        if n == 1 {
            "1 ticket".to_owned()
        } else {
            format!("{n} tickets")
        }
    };
    world
        .wait_until_script(
            "both cards loaded",
            "return document.querySelectorAll('.sc-card-total').length === 2;",
        )
        .await;
    assert_eq!(
        card_part(&world, "Change management", ".sc-card-total").await,
        [total(changes + 1)]
    );
    assert_eq!(
        card_part(&world, "Incident management", ".sc-card-total").await,
        [total(incidents + 1)]
    );
    let change = card(&world, "Change management").await;
    assert!(
        change.contains(&format!("Security and configuration change: {MFA}")),
        "{change}"
    );
    let incident = card(&world, "Incident management").await;
    assert!(incident.contains(AUDIT), "{incident}");
    // The chart's New bar counts the new incident with the seed's new snowcard incidents.
    let new_incidents = world
        .sandbox
        .control()
        .records("incident")
        .iter()
        .filter(|r| {
            r.get("correlation_display").and_then(|v| v.as_str()) == Some("snowcard")
                && r.get("state").and_then(|v| v.as_str()) == Some("1")
        })
        .count();
    let rows = card_part(&world, "Incident management", ".sc-chart-row").await;
    assert!(
        rows.contains(&format!("New: {new_incidents}")),
        "{rows:?} has New: {new_incidents}"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn view_all_tickets_pages_through_ten_thousand_change_requests() {
    let world = World::start().await;
    world
        .sandbox
        .control()
        .seed_tickets("change_request", 10_000);
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    world.toggle("Show every ticket").await;
    let total = world.sandbox.control().records("change_request").len();
    // Written as English writes numbers, through the browser's Intl: 10,008.
    let total_text = format!("{},{:03}", total / 1000, total % 1000);
    world.wait_for_text(&format!("{total_text} tickets")).await;

    world.click("View all tickets").await;
    world.wait_for_text(&format!("1–25 of {total_text}")).await;
    for (from, to) in [(26, 50), (51, 75)] {
        let start = Instant::now();
        world.click("Next page").await;
        world
            .wait_for_text(&format!("{from}–{to} of {total_text}"))
            .await;
        eprintln!(
            "bench: page {from}–{to} of {total} change requests shown in {} ms",
            start.elapsed().as_millis()
        );
    }
    world.click("Previous page").await;
    world.wait_for_text(&format!("26–50 of {total_text}")).await;
    world.click("First page").await;
    world.wait_for_text(&format!("1–25 of {total_text}")).await;

    // Searching is done by the instance: only the matching tickets come back.
    let term = "Firewall rule #10";
    let matching = world.change_requests_with(term);
    assert!(matching > 1);
    world.fill("Search number or name", term).await;
    world.click("Search").await;
    world
        .wait_for_text(&format!("1–{} of {matching}", matching.min(25)))
        .await;
    let names = world
        .run_script(
            "return [...document.querySelectorAll('.sc-table .sc-ticket-name')].map(e => e.textContent);",
            vec![],
        )
        .await;
    let names: Vec<&str> = names
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(names.len(), matching.min(25));
    let lower = term.to_lowercase();
    assert!(
        names.iter().all(|n| n.to_lowercase().contains(&lower)),
        "{names:?}"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_whose_text_is_an_injection_attempt_shows_as_text() {
    let world = connected().await;
    world.toggle("Show every ticket").await;
    world.click("View all tickets").await;
    world.wait_for_text("All tickets").await;
    world.select("Tickets", "Incidents").await;
    world.fill("Search number or name", "Printer queue").await;
    world.click("Search").await;
    world
        .wait_for_text("<img src=x onerror=alert(1)> Printer queue stuck")
        .await;
    let injected = world
        .run_script(
            "return document.querySelectorAll('#snowcard img, #snowcard script, #snowcard b').length;",
            vec![],
        )
        .await;
    assert_eq!(
        injected.as_u64(),
        Some(0),
        "nothing from the ticket became markup"
    );
    world.stop().await;
}

/// Prints what a reload of the connected home page costs at the instance: API requests,
/// CORS preflights (a real CORS rule's max age is 0, so each call is preflighted) and JSON
/// bytes; the current user is kept for the session, so the cards' requests are all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_home_page_load_requests_and_bytes() {
    let world = connected().await;
    world.wait_for_text("Incident management").await;
    let loaded = || {
        world.wait_until_script(
            "both cards loaded",
            "return document.querySelectorAll('section h2').length >= 2 \
                 && document.querySelectorAll('[aria-busy=\"true\"]').length === 0 \
                 && document.body.innerText.includes('Most recent');",
        )
    };
    loaded().await;
    let control = world.sandbox.control();
    let first = control.requests();
    eprintln!(
        "bench: signing in and the first home page made {} API requests (the current user \
         once), {} CORS preflights, {} token requests",
        first.api, first.preflights, first.token
    );
    control.reset_requests();
    world.open_app().await;
    world.wait_for_text("Most recent").await;
    loaded().await;
    let counts = control.requests();
    // Every request the page made to the instance, fetched again the same way to weigh it
    // (the instance sends no Timing-Allow-Origin, so the browser hides transfer sizes).
    let report = world
        .run_script(
            "const session = Object.keys(sessionStorage).find(k => k.endsWith(':session'));
             const token = JSON.parse(sessionStorage.getItem(session)).data.tokens.access_token;
             const urls = performance.getEntriesByType('resource')
                 .map(e => e.name).filter(u => u.includes('/api/now/'));
             return Promise.all(urls.map(u => fetch(u, { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } })
                 .then(r => r.text()).then(t => [u, t.length])));",
            vec![],
        )
        .await;
    let rows = report.as_array().cloned().unwrap_or_default();
    let bytes: u64 = rows.iter().filter_map(|r| r[1].as_u64()).sum();
    for row in &rows {
        eprintln!(
            "bench:   {} bytes  {}",
            row[1],
            row[0].as_str().unwrap_or_default()
        );
    }
    eprintln!(
        "bench: a reload of the connected home page makes {} API requests and {} CORS \
         preflights, {} token requests, {bytes} bytes of JSON",
        counts.api, counts.preflights, counts.token
    );
    assert_eq!(
        rows.len() as u32,
        counts.api,
        "the page's own record of its API calls matches the instance's: {rows:?}"
    );
    assert_eq!(
        counts.api, 4,
        "both cards asked for counts and tickets, and nothing else was asked: {counts:?} {rows:?}"
    );
    assert!(
        !rows
            .iter()
            .any(|r| r[0].as_str().unwrap_or_default().contains("current_user")),
        "the current user is kept for the session: {rows:?}"
    );
    world.stop().await;
}
