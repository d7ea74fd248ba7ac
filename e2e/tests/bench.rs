//! The smoke test of `cargo xtask bench`, so its harness cannot rot: the 500-action
//! measurement, once, asserting what both pages showed and the requests loading the list
//! took, never a time. The measurement's code is `xtask`'s own, compiled here as it is.

#[path = "../../xtask/src/bench/actions.rs"]
mod actions;
#[path = "../../xtask/src/bench/harness.rs"]
mod harness;

use actions::{Requests, PROFILES};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_pages_show_every_action_with_the_requests_the_formula_says() {
    let run = actions::measure(1).await;
    let c = &run.comparison;
    // Printed for whoever reads the log; the numbers are not checked.
    eprintln!(
        "{}: snowcard {:.0} ms, baseline {:.0} ms from {} (navigation: {:.0} / {:.0} ms)",
        c.name,
        harness::median(&c.snowcard.answer_to_rows),
        harness::median(&c.baseline.answer_to_rows),
        c.answer,
        harness::median(&c.snowcard.navigation_to_rows),
        harness::median(&c.baseline.navigation_to_rows),
    );
    for note in &c.notes {
        eprintln!("  {note}");
    }

    assert_eq!(run.snowcard_rows, [PROFILES], "snowcard lists every action");
    assert_eq!(run.baseline_rows, [PROFILES], "so does the baseline");
    assert!(run.same_rows, "the baseline renders the same rows");
    let (app, hand) = (&run.snowcard_requests[0], &run.baseline_requests[0]);
    assert_eq!(Requests::graph_formula(), 3, "ceil(500 / 250) + 1");
    assert_eq!(app.graph, Requests::graph_formula());
    assert_eq!(hand.graph, Requests::graph_formula());
    // The tickets of the whole list: every action asked for once per table, in pages of
    // correlation ids; the load's ServiceNow requests stay far from one per row.
    let mut lookups = 0;
    for table in ["change_request", "incident"] {
        let (pages, ids) = app.lookups.get(table).copied().unwrap_or_default();
        assert_eq!(ids, PROFILES, "{table}: {:?}", app.lookups);
        assert!(
            (1..=PROFILES / 50).contains(&pages),
            "{table}: {pages} pages"
        );
        lookups += pages;
    }
    let servicenow = app.servicenow as usize;
    assert!((lookups..PROFILES / 10).contains(&servicenow), "{app:?}");
    assert!(run.problems().is_empty(), "{:?}", run.problems());
}
