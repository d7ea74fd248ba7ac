//! What every measurement of `cargo xtask bench` shares: a probe the browser runs in every
//! page before the page's own scripts, a fresh load timed by it, and medians. Used by
//! `cargo xtask bench` and, through `#[path]`, by its smoke test in `e2e/tests/bench.rs`,
//! so it depends only on what both crates have (the e2e harness, serde_json).

use std::time::{Duration, Instant};

use snowcard_e2e::World;

/// How long one load may take before the measurement gives up on it.
const LOAD_DEADLINE: Duration = Duration::from_secs(60);

/// One page's side of a comparison: milliseconds per load.
#[derive(Debug, Clone, Default)]
pub struct Times {
    /// From the last answer the page waited for to its rows painted.
    pub answer_to_rows: Vec<f64>,
    /// From navigation start to the rows painted.
    pub navigation_to_rows: Vec<f64>,
}

impl Times {
    /// Adds one load's times.
    pub fn push(&mut self, load: &Load) {
        self.answer_to_rows.push(load.painted - load.answered);
        self.navigation_to_rows.push(load.painted);
    }
}

/// A measurement's result: snowcard and the hand-written baseline, timed the same way.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub name: String,
    /// What "answer" means for this measurement, for the printed table.
    pub answer: String,
    pub snowcard: Times,
    pub baseline: Times,
    /// Lines printed under the table (request counts and the like).
    pub notes: Vec<String>,
}

/// The median of `values` (the mean of the middle two for an even count); `NaN` if empty.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// What the probe saw on one load; times in milliseconds since navigation start.
#[derive(Debug, Clone)]
pub struct Load {
    /// When the last response from an address starting with the probe's `answer_prefix`
    /// had arrived (Resource Timing's `responseEnd`), as the rows were painted.
    pub answered: f64,
    /// After the frame that first showed `rows` rows: a task queued from the
    /// `requestAnimationFrame` callback that follows the mutation, so it runs once that
    /// frame is painted.
    pub painted: f64,
    /// How many rows matched then.
    pub rows: usize,
    /// The text of the first and the last row then.
    pub first_row: String,
    pub last_row: String,
    /// The addresses the page had fetched by the time [`Load::settle`] returned.
    pub fetched: Vec<String>,
}

/// Installs, in every page the browser opens from now on, an observer that notes when
/// `rows` elements matching `selector` are first in the document and painted, and when the
/// last answer from `answer_prefix` had arrived then. Call once per browser.
pub async fn install_probe(world: &World, selector: &str, rows: usize, answer_prefix: &str) {
    let script = PROBE
        .replace(
            "__SELECTOR__",
            &serde_json::Value::from(selector).to_string(),
        )
        .replace("__ROWS__", &rows.to_string())
        .replace(
            "__PREFIX__",
            &serde_json::Value::from(answer_prefix).to_string(),
        );
    world.on_every_document(&script).await;
}

const PROBE: &str = r#"(() => {
  const probe = (window.__benchProbe = { done: false });
  const seen = () => {
    const rows = document.querySelectorAll(__SELECTOR__);
    if (rows.length < __ROWS__) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => {
      probe.painted = performance.now();
      const answers = performance.getEntriesByType("resource")
        .filter((e) => e.name.startsWith(__PREFIX__)).map((e) => e.responseEnd);
      probe.answered = answers.length ? Math.max(...answers) : NaN;
      const now = document.querySelectorAll(__SELECTOR__);
      probe.rows = now.length;
      probe.first = now[0].innerText;
      probe.last = now[now.length - 1].innerText;
      probe.done = true;
    }, 0));
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true });
})();"#;

/// Opens `url` as a fresh document (by way of `about:blank`, so a change of fragment alone
/// is a new load too) and waits for the probe; panics with the page's text past the deadline.
pub async fn fresh_load(world: &World, url: &str) -> Load {
    let blank = world.browser.goto("about:blank").await;
    blank.expect("about:blank opens");
    world.browser.goto(url).await.expect("the page opens");
    let start = Instant::now();
    loop {
        let probe = world
            .run_script("return window.__benchProbe || null;", vec![])
            .await;
        if probe["done"] == true {
            let number = |key: &str| probe[key].as_f64().unwrap_or(f64::NAN);
            let text = |key: &str| probe[key].as_str().unwrap_or_default().to_owned();
            return Load {
                answered: number("answered"),
                painted: number("painted"),
                rows: probe["rows"].as_u64().map_or(0, |n| n as usize),
                first_row: text("first"),
                last_row: text("last"),
                fetched: Vec::new(),
            };
        }
        assert!(
            start.elapsed() < LOAD_DEADLINE,
            "{url} never showed its rows; the page shows:\n{}",
            world.text().await
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

impl Load {
    /// Waits until `done` holds for the addresses the page has fetched (the requests that
    /// follow the rows, such as ticket lookups), at most `deadline`, and keeps them.
    pub async fn settle(
        &mut self,
        world: &World,
        deadline: Duration,
        done: impl Fn(&[String]) -> bool,
    ) {
        let start = Instant::now();
        loop {
            let names = world
                .run_script(
                    "return performance.getEntriesByType('resource').map((e) => e.name);",
                    vec![],
                )
                .await;
            self.fetched = snowcard_e2e::strings(&names);
            if done(&self.fetched) || start.elapsed() > deadline {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
