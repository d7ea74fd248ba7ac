//! `cargo xtask bench --profile`: where snowcard's time goes between Graph's last answer and
//! the 500th row painted. A build whose wasm keeps its function names, then fresh loads of
//! the improvement actions page, each under Chromium's sampling CPU profiler (DevTools
//! `Profiler`), and the self time per function inside that window, summed over the loads.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use serde_json::{json, Value};

use crate::install::Tools;
use crate::workspace::Workspace;

use super::{actions, harness};

/// Functions printed, by self time.
const TOP: usize = 25;

/// Writes `dist/pkg` again from the release wasm, this time with its name section, so the
/// profile names Rust functions rather than `wasm-function[1234]`.
pub fn keep_names(ws: &Workspace, tools: &Tools, pkg: &Path) -> Result<()> {
    crate::app_build::bindgen(ws, tools, pkg, true, "profile build")
}

/// One function's share of the profiled windows.
struct Entry {
    name: String,
    self_ms: f64,
}

/// Profiles `loads` fresh loads of snowcard's page, then of the baseline, and prints the top
/// functions of each.
pub async fn run(loads: usize) {
    let (world, app, baseline) = actions::prepare().await;
    for (page, url) in [("snowcard", app), ("vanilla JS (baseline)", baseline)] {
        harness::fresh_load(&world, &url).await;
        let mut by_function: HashMap<String, f64> = HashMap::new();
        let (mut window_ms, mut sampled_ms) = (0.0, 0.0);
        for _ in 0..loads {
            let (window, sampled) = profile_load(&world, &url, &mut by_function).await;
            window_ms += window;
            sampled_ms += sampled;
        }
        let mut entries: Vec<Entry> = by_function
            .into_iter()
            .map(|(name, self_ms)| Entry { name, self_ms })
            .collect();
        entries.sort_by(|a, b| b.self_ms.total_cmp(&a.self_ms));
        println!(
            "\n{page}: CPU profile of {loads} loads, Graph's last answer to the last row painted: {window_ms:.0} ms in all, {sampled_ms:.0} ms sampled\n"
        );
        for e in entries.iter().take(TOP) {
            let share = 100.0 * e.self_ms / sampled_ms.max(f64::MIN_POSITIVE);
            println!("  {:>8.1} ms {:>5.1}%  {}", e.self_ms, share, e.name);
        }
    }
    world.stop().await;
}

/// One fresh load of `url` under the profiler: its window's milliseconds and those sampled.
async fn profile_load(
    world: &snowcard_e2e::World,
    url: &str,
    by_function: &mut HashMap<String, f64>,
) -> (f64, f64) {
    world.browser.goto("about:blank").await.expect("blank page");
    world.devtools("Profiler.enable", json!({})).await;
    let interval = json!({ "interval": 100 });
    world
        .devtools("Profiler.setSamplingInterval", interval)
        .await;
    world.devtools("Performance.enable", json!({})).await;
    world.devtools("Profiler.start", json!({})).await;
    let load = harness::fresh_load(world, url).await;
    let metrics = world.devtools("Performance.getMetrics", json!({})).await;
    let profile = world.devtools("Profiler.stop", json!({})).await;
    let Some(navigation) = metric(&metrics, "NavigationStart") else {
        eprintln!("no NavigationStart metric; load skipped");
        return (0.0, 0.0);
    };
    // Both in microseconds of the same monotonic clock.
    let from = navigation * 1e6 + load.answered * 1e3;
    let to = navigation * 1e6 + load.painted * 1e3;
    let sampled = self_times(&profile["profile"], from, to, by_function);
    (load.painted - load.answered, sampled)
}

fn metric(metrics: &Value, name: &str) -> Option<f64> {
    metrics["metrics"]
        .as_array()?
        .iter()
        .find(|m| m["name"] == name)?["value"]
        .as_f64()
}

/// Adds, per function, the time of the samples of `profile` (a DevTools `Profiler.Profile`)
/// taken between `from` and `to` (microseconds); returns the milliseconds added.
fn self_times(profile: &Value, from: f64, to: f64, out: &mut HashMap<String, f64>) -> f64 {
    let mut names: HashMap<i64, String> = HashMap::new();
    for node in profile["nodes"].as_array().into_iter().flatten() {
        let frame = &node["callFrame"];
        let function = frame["functionName"].as_str().unwrap_or_default();
        let url = frame["url"].as_str().unwrap_or_default();
        let file = url.rsplit('/').next().unwrap_or_default();
        let name = match (function, file) {
            ("", "") => "(anonymous)".to_owned(),
            (f, "") => f.to_owned(),
            ("", file) => format!("(anonymous) {file}"),
            (f, file) => format!("{f}  [{file}]"),
        };
        names.insert(node["id"].as_i64().unwrap_or(-1), name);
    }
    let samples = profile["samples"].as_array().cloned().unwrap_or_default();
    let deltas = profile["timeDeltas"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut at = profile["startTime"].as_f64().unwrap_or(0.0);
    let mut total = 0.0;
    // A sample's time is the gap to the next one.
    for (i, sample) in samples.iter().enumerate() {
        at += deltas.get(i).and_then(Value::as_f64).unwrap_or(0.0);
        let next = deltas.get(i + 1).and_then(Value::as_f64).unwrap_or(0.0);
        if at < from || at > to {
            continue;
        }
        let name = names
            .get(&sample.as_i64().unwrap_or(-1))
            .cloned()
            .unwrap_or_default();
        *out.entry(name).or_default() += next / 1e3;
        total += next / 1e3;
    }
    total
}
