//! `cargo xtask test`: every test of the workspace, in the order CI runs them. Each step
//! prints a `==> step` banner; the first failing step stops the run and is named in the
//! error, and a summary with each step's duration closes the output either way
//! (see `report`).

use anyhow::Result;

use crate::app_build;
use crate::cmd;
use crate::install::{self, Tools, CHROMEDRIVER, CHROMIUM};
use crate::locales;
use crate::workspace::Workspace;

mod deny;
mod report;

use report::Report;

/// The steps of a test run, in order.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    Install,
    Dependencies,
    Native,
    Browser,
    Build,
    EndToEnd,
}

impl Step {
    const ALL: [Step; 6] = [
        Step::Install,
        Step::Dependencies,
        Step::Native,
        Step::Browser,
        Step::Build,
        Step::EndToEnd,
    ];

    fn name(self) -> &'static str {
        match self {
            Step::Install => install::STEP,
            Step::Dependencies => deny::STEP,
            Step::Native => "native tests",
            Step::Browser => "browser tests",
            Step::Build => app_build::STEP,
            Step::EndToEnd => "end-to-end tests",
        }
    }
}

/// Runs every step until one fails, then prints the summary.
pub fn run() -> Result<()> {
    let ws = Workspace::locate();
    let mut report = Report::default();
    let result = run_steps(&ws, &mut report);
    report.print_summary();
    result
}

fn run_steps(ws: &Workspace, report: &mut Report) -> Result<()> {
    let tools = report.step(Step::Install, || {
        let tools = install::build_tools(ws)?;
        let deny = install::ensure_deny(ws)?;
        install::ensure_browser()?;
        let axe = install::ensure_axe(ws)?;
        Ok((tools, axe, deny))
    })?;
    let (tools, axe, deny) = (&tools.0, tools.1, tools.2);
    report.step(Step::Dependencies, || deny::run(ws, &deny, &tools.path))?;
    report.step(Step::Native, || native(ws, tools))?;
    report.step(Step::Browser, || browser(ws, tools))?;
    report.step(Step::Build, || app_build::build(ws, tools))?;
    report.step(Step::EndToEnd, || end_to_end(ws, tools, &axe))
}

fn native(ws: &Workspace, tools: &Tools) -> Result<()> {
    let mut cargo = ws.cargo(&tools.path);
    cargo.args(["test", "--workspace", "--exclude", "snowcard-e2e"]);
    cmd::run(Step::Native.name(), &mut cargo)
}

fn browser(ws: &Workspace, tools: &Tools) -> Result<()> {
    let mut cargo = ws.cargo(&tools.path);
    cargo
        .args([
            "test",
            "-p",
            "snowcard",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .arg("--tests")
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120")
        // The runner reads webdriver.json from its working directory; name it outright,
        // and run test binaries that lack `run_in_browser` in Chromium too, not in Node.
        .env(
            "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
            ws.root.join("webdriver.json"),
        )
        .env("WASM_BINDGEN_USE_BROWSER", "1");
    // The runner prefers these drivers over CHROMEDRIVER when they are set.
    for driver in ["GECKODRIVER", "SAFARIDRIVER", "MSEDGEDRIVER"] {
        cargo
            .env_remove(driver)
            .env_remove(format!("{driver}_REMOTE"));
    }
    cmd::run(Step::Browser.name(), &mut cargo)
}

fn end_to_end(ws: &Workspace, tools: &Tools, axe: &std::path::Path) -> Result<()> {
    // The tests click what each language's table says.
    locales::write(ws, &tools.path)?;
    let mut cargo = ws.cargo(&tools.path);
    cargo
        // `--tests`: the run's closing line is then the last suite's count, not the empty
        // doc-test run's "0 passed".
        .args([
            "test",
            "-p",
            "snowcard-e2e",
            "--tests",
            "--",
            "--test-threads=1",
        ])
        .env("SNOWCARD_DIST", ws.dist())
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("CHROME", CHROMIUM)
        .env("AXE_CORE", axe)
        .env("SNOWCARD_LOCALES", locales::path(ws));
    cmd::run(Step::EndToEnd.name(), &mut cargo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_in_ci_order() {
        let names: Vec<_> = Step::ALL.iter().map(|step| step.name()).collect();
        assert_eq!(
            names,
            [
                "install tools",
                "dependency checks",
                "native tests",
                "browser tests",
                "release build",
                "end-to-end tests"
            ]
        );
    }
}
