//! End to end: every view has an address. Back and Forward move between views with their
//! filters, a reload stays, an address opened in a fresh tab leads there once connected, a
//! wrong address lands on home with a note, and an embedded snowcard keeps its view only
//! where the portal lets it.

use snowcard_e2e::portal::{ELEMENT, PANEL};
use snowcard_e2e::{World, DEMO_CLIENT_ID, USER};

/// Generated change requests: every fifth is a firewall rule, so the search fills two pages.
const SEEDED: usize = 200;
const SEARCH: &str = "Firewall rule";
const DISCONNECTED: &str = "Do you use ServiceNow?";

/// How many change requests match `SEARCH`, as the instance stores them.
fn matching(world: &World) -> usize {
    world.change_requests_with(SEARCH)
}

async fn connected_with_tickets() -> World {
    let world = World::start().await;
    world
        .sandbox
        .control()
        .seed_tickets("change_request", SEEDED);
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    world.toggle("Show every ticket").await;
    world
}

/// From home: the change requests, searched, on their second page.
async fn second_page_of_the_search(world: &World, total: usize) {
    world.click("View all tickets").await;
    world.wait_for_text("All tickets").await;
    world.fill("Search number or name", SEARCH).await;
    world.click("Search").await;
    world.wait_for_text(&format!("1–25 of {total}")).await;
    world.click("Next page").await;
    world
        .wait_for_text(&format!("26–{} of {total}", total.min(50)))
        .await;
}

async fn title(world: &World) -> String {
    world
        .run_script("return document.title;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn back_and_forward_move_between_views_and_bring_their_filters_back() {
    let world = connected_with_tickets().await;
    let total = matching(&world);
    assert!(total > 25 && total <= 50, "two pages of results: {total}");
    let page_two = format!("26–{total} of {total}");
    second_page_of_the_search(&world, total).await;
    let address = world.url().await;
    assert!(
        address.ends_with("#/tickets?table=change_request&q=Firewall+rule&page=2"),
        "the list's address names its table, search and page: {address}"
    );
    assert_eq!(title(&world).await, "All tickets · snowcard");

    world.click("Back").await;
    world.wait_for_text("Change management").await;
    world.click("Manage ServiceNow configuration").await;
    world.wait_for_text("Customize ticket state names").await;
    assert_eq!(title(&world).await, "ServiceNow configuration · snowcard");

    world.browser.back().await.expect("back");
    world.wait_for_text("Change management").await;
    world.browser.back().await.expect("back again");
    world.wait_for_text(&page_two).await;
    assert_eq!(world.value_of("Search number or name").await, SEARCH);
    assert_eq!(world.url().await, address);
    // Focus is on the view's heading, as after any move.
    let focused = world
        .run_script("return document.activeElement.textContent;", vec![])
        .await;
    assert_eq!(focused.as_str(), Some("All tickets"));

    // Back once more: the first page of the same search; Forward: the second again.
    world.browser.back().await.expect("back to page 1");
    world.wait_for_text(&format!("1–25 of {total}")).await;
    world.browser.forward().await.expect("forward");
    world.wait_for_text(&page_two).await;
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_stays_on_the_filtered_page() {
    let world = connected_with_tickets().await;
    let total = matching(&world);
    second_page_of_the_search(&world, total).await;
    let address = world.url().await;
    world.browser.refresh().await.expect("reload");
    world.wait_for_text(&format!("26–{total} of {total}")).await;
    assert_eq!(world.value_of("Search number or name").await, SEARCH);
    assert_eq!(world.url().await, address);
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_opened_in_a_fresh_tab_leads_to_its_view_once_connected() {
    let world = World::start().await;
    world
        .sandbox
        .control()
        .seed_tickets("change_request", SEEDED);
    let shared = format!(
        "{}#/tickets?table=change_request&q=Firewall+rule",
        world.app_url()
    );
    world
        .browser
        .goto(&shared)
        .await
        .expect("the address opens");
    // No session in this tab: the connection card, on the address it was given.
    world.wait_for_text(DISCONNECTED).await;
    assert_eq!(world.url().await, shared);
    world.click("Connect to ServiceNow").await;
    world.fill("Instance", &world.sandbox.url()).await;
    world.fill("Client ID", DEMO_CLIENT_ID).await;
    world.click("Authorize").await;
    world.fill("User name", USER.0).await;
    world.fill("Password", USER.1).await;
    world.click("Log in").await;
    world.click("Allow").await;

    world.wait_for_text("All tickets").await;
    assert_eq!(world.value_of("Search number or name").await, SEARCH);
    assert_eq!(world.value_of("Tickets").await, "change_request");
    assert_eq!(
        world.url().await,
        shared,
        "the redirect URL stayed fixed; the view came back from storage"
    );
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_address_lands_on_home_with_a_note() {
    let world = World::start().await;
    for wrong in ["#/nowhere", "#/tickets?page=zero", "#tickets"] {
        world
            .browser
            .goto(&format!("{}{wrong}", world.app_url()))
            .await
            .expect("the address opens");
        world
            .wait_for_text("That address does not lead to a snowcard page")
            .await;
        world.wait_for_text(DISCONNECTED).await;
        assert_eq!(
            world.url().await,
            world.app_url(),
            "{wrong} is replaced by home"
        );
    }
    // An address edited by hand on a loaded page is followed too.
    world.click("Connect to ServiceNow").await;
    world.wait_for_text("ServiceNow setup").await;
    world
        .run_script("window.location.hash = '#/status';", vec![])
        .await;
    world.wait_for_text("Connection status").await;
    world
        .run_script("window.location.hash = '#/tickets?page=%';", vec![])
        .await;
    world
        .wait_for_text("That address does not lead to a snowcard page")
        .await;
    world.stop().await;
}

async fn history_length(world: &World) -> i64 {
    world
        .run_script("return history.length;", vec![])
        .await
        .as_i64()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_embedded_snowcard_touches_the_portals_address_only_as_asked() {
    let world = World::start_portal().await;
    // `none` (the default, the sidebar's element): the address and the history stay.
    let portal = "?tab=security#overview";
    world.open_portal(portal).await;
    world.wait_for_component_text(ELEMENT, DISCONNECTED).await;
    let before = history_length(&world).await;
    world.click_in(ELEMENT, "Connect to ServiceNow").await;
    world.wait_for_component_text(ELEMENT, "Authorize").await;
    assert_eq!(world.url().await, world.portal_url(portal));
    assert_eq!(history_length(&world).await, before);

    // `query` (the panel, `?routing=query`): only its `sc` parameter comes and goes.
    let portal = "?tab=security&routing=query#overview";
    world.open_portal(portal).await;
    world.wait_for_component_text(PANEL, DISCONNECTED).await;
    world.click_in(PANEL, "Connect to ServiceNow").await;
    world.wait_for_component_text(PANEL, "Authorize").await;
    assert_eq!(
        world.url().await,
        world.portal_url("?tab=security&routing=query&sc=setup#overview")
    );
    world.browser.back().await.expect("back");
    world.wait_for_component_text(PANEL, DISCONNECTED).await;
    assert_eq!(world.url().await, world.portal_url(portal));
    world.browser.forward().await.expect("forward");
    world.wait_for_component_text(PANEL, "Authorize").await;
    world.stop().await;
}
