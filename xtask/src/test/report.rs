//! The running record of a test run: a banner as each step starts, its outcome and
//! duration as it ends, and the closing summary with a line per step.

use std::time::{Duration, Instant};

use anyhow::Result;

use super::Step;

/// How a step ended.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Outcome {
    Passed(Duration),
    Failed(Duration),
    Skipped,
}

/// The outcome of each step run so far.
#[derive(Default)]
pub struct Report {
    outcomes: Vec<(Step, Outcome)>,
}

impl Report {
    /// Runs `body` under a banner for `step` and records how it ended.
    pub fn step<T>(&mut self, step: Step, body: impl FnOnce() -> Result<T>) -> Result<T> {
        println!("\n==> {}", step.name());
        let started = Instant::now();
        let result = body();
        let took = started.elapsed();
        match &result {
            Ok(_) => self.outcomes.push((step, Outcome::Passed(took))),
            Err(_) => {
                println!("\n==> FAILED: {}", step.name());
                self.outcomes.push((step, Outcome::Failed(took)));
            }
        }
        result
    }

    /// Prints every step, the ones never reached as skipped.
    pub fn print_summary(&self) {
        let mut outcomes = self.outcomes.clone();
        for step in Step::ALL.into_iter().skip(outcomes.len()) {
            outcomes.push((step, Outcome::Skipped));
        }
        println!("\n==> summary");
        for line in summary(&outcomes) {
            println!("{line}");
        }
    }
}

/// One line per step with its outcome and duration, then the total.
fn summary(outcomes: &[(Step, Outcome)]) -> Vec<String> {
    let mut total = Duration::ZERO;
    let mut lines: Vec<String> = outcomes
        .iter()
        .map(|&(step, outcome)| {
            let (label, took) = match outcome {
                Outcome::Passed(took) => ("ok", Some(took)),
                Outcome::Failed(took) => ("FAILED", Some(took)),
                Outcome::Skipped => ("skipped", None),
            };
            total += took.unwrap_or_default();
            let took = took.map(format_duration).unwrap_or_default();
            let line = format!("  {label:<8} {:<18} {took:>8}", step.name());
            line.trim_end().to_owned()
        })
        .collect();
    lines.push(format!(
        "  {:<8} {:<18} {:>8}",
        "",
        "total",
        format_duration(total)
    ));
    lines
}

/// `4.2s` under a minute, `3m 07s` above.
fn format_duration(took: Duration) -> String {
    let secs = took.as_secs();
    if secs < 60 {
        format!("{:.1}s", took.as_secs_f64())
    } else {
        format!("{}m {:02}s", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_durations_for_people() {
        assert_eq!(format_duration(Duration::from_millis(4_230)), "4.2s");
        assert_eq!(format_duration(Duration::from_secs(59)), "59.0s");
        assert_eq!(format_duration(Duration::from_secs(187)), "3m 07s");
    }

    #[test]
    fn summary_has_a_line_per_step_and_a_total() {
        let outcomes = [
            (Step::Install, Outcome::Passed(Duration::from_secs(2))),
            (Step::Native, Outcome::Passed(Duration::from_secs(70))),
            (Step::Browser, Outcome::Failed(Duration::from_secs(30))),
            (Step::Build, Outcome::Skipped),
            (Step::EndToEnd, Outcome::Skipped),
        ];
        let lines = summary(&outcomes);
        assert_eq!(lines.len(), 6);
        assert_eq!(lines[0], "  ok       install tools          2.0s");
        assert_eq!(lines[1], "  ok       native tests         1m 10s");
        assert_eq!(lines[2], "  FAILED   browser tests         30.0s");
        assert_eq!(lines[3], "  skipped  release build");
        assert_eq!(lines[5], "           total                1m 42s");
    }
}
