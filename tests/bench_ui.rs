//! Benchmark, not a timing assertion: how long the ticket table takes to render 1,000 rows
//! in headless Chromium. Prints the figure; asserts only that every row is there.

#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use chrono::Utc;
use snowcard::app::services::FakeBrowser;
use snowcard::app::{AppOptions, Services};
use snowcard::components::app::Contexts;
use snowcard::components::ticket_table::TicketTable;
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::servicenow::{Shown, TicketKind, TicketRow};
use snowcard::storage::{MemoryStorage, StorageBackend, Store};
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Properties, PartialEq)]
struct BenchProps {
    services: Services,
    rows: Vec<TicketRow>,
}

#[component]
fn Bench(props: &BenchProps) -> Html {
    html! {
        <Contexts services={props.services.clone()} options={AppOptions::default()}>
            <TicketTable rows={props.rows.clone()} both_tables={true} caption="bench" />
        </Contexts>
    }
}

fn rows(n: usize) -> Vec<TicketRow> {
    (0..n)
        .map(|i| TicketRow {
            kind: if i % 2 == 0 {
                TicketKind::ChangeRequest
            } else {
                TicketKind::Incident
            },
            sys_id: format!("{i:032x}"),
            number: format!("CHG{i:07}"),
            name: format!("Security and configuration change: improvement action #{i}"),
            state: Shown {
                value: "-4".into(),
                display: "Assess".into(),
            },
            priority: Shown {
                value: "2".into(),
                display: "2 - High".into(),
            },
            due: Some(Utc::now()),
            created: Some(Utc::now()),
            active: true,
        })
        .collect()
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[wasm_bindgen_test]
async fn bench_render_a_thousand_ticket_rows() {
    let root = common::new_root();
    let backend: Rc<dyn StorageBackend> = Rc::new(MemoryStorage::default());
    let services = Services {
        tabs: Default::default(),
        transport: Rc::new(FakeTransport::new(|_| json(200, "{}"))),
        store: Store::new(backend, "bench"),
        browser: Rc::new(FakeBrowser::at("https://portal.example/")),
        clock: Rc::new(Utc::now),
    };
    let props = BenchProps {
        services,
        rows: rows(1_000),
    };
    let start = now_ms();
    yew::Renderer::<Bench>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let elapsed = now_ms() - start;
    let rendered = root
        .query_selector_all("tbody tr")
        .map(|l| l.length())
        .unwrap_or(0);
    assert_eq!(rendered, 1_000, "every row rendered");
    console_log!("bench: 1,000 ticket rows rendered in {elapsed:.1} ms");
}
