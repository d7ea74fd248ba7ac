//! `cargo xtask bench`: build the app, then time pages of it in a headless Chromium against
//! the sandbox, each beside a hand-written page doing the same work, over fresh loads, and
//! print the medians and their ratio. Timings are reported, never asserted: the smoke test
//! (`e2e/tests/bench.rs`) checks only what the pages showed and the requests they made.
//!
//! A measurement is one async function returning a [`harness::Comparison`] (see
//! `actions::measure`); [`measure_all`] lists them.

use anyhow::{bail, Context, Result};

use crate::app_build;
use crate::install::{self, CHROMEDRIVER, CHROMIUM};
use crate::workspace::Workspace;

mod actions;
mod harness;
mod profile;

use harness::{median, Comparison};

/// Fresh loads per page when `--runs` is not given.
const DEFAULT_RUNS: usize = 7;
/// snowcard's goal: at most this many times the hand-written page's time.
const GOAL_RATIO: f64 = 1.5;

/// Builds what the benchmark needs, runs every measurement and prints the table.
pub fn run(args: &[String]) -> Result<()> {
    // `--profile`: a CPU profile of snowcard's loads instead of the comparison.
    let profiling = args.first().is_some_and(|a| a == "--profile");
    let runs = parse_runs(&args[usize::from(profiling)..])?;
    let ws = Workspace::locate();
    let tools = install::build_tools(&ws)?;
    install::ensure_browser()?;
    app_build::build(&ws, &tools)?;
    if profiling {
        profile::keep_names(&ws, &tools, &ws.dist().join("pkg"))?;
    }
    // The e2e harness finds the build and the browser through these, as in `cargo xtask
    // test`; set before the runtime starts any thread.
    std::env::set_var("SNOWCARD_DIST", ws.dist());
    std::env::set_var("CHROMEDRIVER", CHROMEDRIVER);
    std::env::set_var("CHROME", CHROMIUM);
    let runtime = tokio::runtime::Runtime::new().context("could not start the tokio runtime")?;
    if profiling {
        runtime.block_on(profile::run(runs));
        return Ok(());
    }
    println!("\n==> benchmark: {runs} fresh loads of each page\n");
    let results = runtime.block_on(measure_all(runs))?;
    for comparison in &results {
        print!("{}", table(comparison));
    }
    Ok(())
}

/// Every measurement, in the order printed.
async fn measure_all(runs: usize) -> Result<Vec<Comparison>> {
    let actions = actions::measure(runs).await;
    fair(&actions.comparison, actions.problems())?;
    Ok(vec![actions.comparison])
}

/// Refuses to print a comparison whose pages did not do the same work.
fn fair(comparison: &Comparison, problems: Vec<String>) -> Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    bail!(
        "{}: the pages did not do the same work, so no times are printed:\n  {}",
        comparison.name,
        problems.join("\n  ")
    )
}

fn parse_runs(args: &[String]) -> Result<usize> {
    match args {
        [] => Ok(DEFAULT_RUNS),
        [flag, n] if flag == "--runs" => match n.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => bail!("--runs takes a number of loads, at least 1, not `{n}`"),
        },
        _ => bail!("usage: cargo xtask bench [--profile] [--runs N]"),
    }
}

/// One comparison as printed: both pages' medians, the ratio against the goal, the notes.
fn table(c: &Comparison) -> String {
    let row = |page: &str, times: &harness::Times| {
        let answer = &times.answer_to_rows;
        let (min, max) = answer.iter().fold((f64::INFINITY, 0.0_f64), |(lo, hi), t| {
            (lo.min(*t), hi.max(*t))
        });
        format!(
            "  {page:<22} {:>10.1} ms {:>9.0}-{:<6.0} {:>14.1} ms   {}\n",
            median(answer),
            min,
            max,
            median(&times.navigation_to_rows),
            answer.len(),
        )
    };
    let ratio = median(&c.snowcard.answer_to_rows) / median(&c.baseline.answer_to_rows);
    let verdict = if ratio <= GOAL_RATIO {
        "within"
    } else {
        "over"
    };
    let mut text = format!(
        "{}\n  timed from {} to the last row painted\n  (median of fresh loads, after one warm-up load of each page)\n\n  {:<22} {:>13} {:>16} {:>17}   loads\n",
        c.name, c.answer, "page", "answer → rows", "(min-max ms)", "navigation → rows"
    );
    text += &row("snowcard", &c.snowcard);
    text += &row("vanilla JS (baseline)", &c.baseline);
    text += &format!(
        "\n  ratio snowcard / baseline: {ratio:.2}x ({verdict} the goal of {GOAL_RATIO}x)\n"
    );
    for note in &c.notes {
        text += &format!("  {note}\n");
    }
    text + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_default_to_seven_and_must_be_a_positive_number() {
        assert_eq!(parse_runs(&[]).unwrap(), 7);
        assert_eq!(parse_runs(&["--runs".into(), "3".into()]).unwrap(), 3);
        assert!(parse_runs(&["--runs".into(), "0".into()]).is_err());
        assert!(parse_runs(&["--fast".into()]).is_err());
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }
}
