//! The dependency checks: `cargo deny check` with the workspace's `deny.toml` (advisories,
//! bans, licences, sources). RustSec's advisory database is a git repository fetched from
//! the network; where it cannot be fetched the advisories check is skipped, with a line that
//! says so and why, and the other three still run, since they need only `Cargo.lock` and the
//! crates' manifests.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::Result;

use crate::cmd;
use crate::workspace::Workspace;

pub const STEP: &str = "dependency checks";

/// Every check when the database is at hand, else all but `advisories`.
fn checks(database_fetched: bool) -> &'static [&'static str] {
    if database_fetched {
        &["advisories", "bans", "licenses", "sources"]
    } else {
        &["bans", "licenses", "sources"]
    }
}

/// Fetches the advisory database, then runs the checks it allows.
pub fn run(ws: &Workspace, deny: &Path, path: &std::ffi::OsStr) -> Result<()> {
    let mut fetch = Command::new(deny);
    fetch
        .args(["fetch", "db"])
        .current_dir(&ws.root)
        .env("PATH", path)
        .stdin(Stdio::null());
    println!("$ {}", cmd::describe(&fetch));
    let fetched = match fetch.output() {
        Ok(output) if output.status.success() => true,
        Ok(output) => {
            let why = String::from_utf8_lossy(&output.stderr);
            let why = why
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            println!(
                "advisories: SKIPPED, the advisory database could not be fetched ({}): {why}",
                output.status
            );
            false
        }
        Err(error) => {
            println!("advisories: SKIPPED, could not run `cargo-deny fetch db`: {error}");
            false
        }
    };
    let mut check = Command::new(deny);
    check
        // Without `advisories` in the list, `check` fetches nothing from the network.
        .arg("check")
        .args(checks(fetched))
        .current_dir(&ws.root)
        .env("PATH", path);
    cmd::run(STEP, &mut check)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_the_database_only_advisories_are_skipped() {
        assert_eq!(checks(true), ["advisories", "bans", "licenses", "sources"]);
        assert_eq!(checks(false), ["bans", "licenses", "sources"]);
    }
}
