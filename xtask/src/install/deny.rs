//! cargo-deny at a pinned version: found where `cargo install` puts binaries or on `PATH`,
//! else installed with `cargo install --locked cargo-deny --version =X`.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Result};

use super::bindgen::cargo_install_bin_dir;
use super::STEP;
use crate::cmd;
use crate::workspace::{self, Workspace};

/// The cargo-deny `cargo xtask test` runs (its rust-version, 1.88, is the toolchain's
/// business, not the workspace's 1.84: it is a tool, never linked into snowcard).
pub const VERSION: &str = "0.20.2";

/// The path of a `cargo-deny` binary at [`VERSION`], installing it when none is found.
pub fn ensure(ws: &Workspace) -> Result<PathBuf> {
    let install_bin = cargo_install_bin_dir();
    let on_path = env::var_os("PATH")
        .map(|path| env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    for dir in std::iter::once(install_bin.clone()).chain(on_path) {
        match installed_version(&dir) {
            Some(version) if version == VERSION => {
                println!("cargo-deny {VERSION}: found in {}", dir.display());
                return Ok(dir.join("cargo-deny"));
            }
            Some(version) => println!(
                "cargo-deny in {} is {version}, cargo xtask wants {VERSION}",
                dir.display()
            ),
            None => {}
        }
    }
    println!("cargo-deny {VERSION}: installing (several minutes)");
    let mut install = Command::new(workspace::cargo_program());
    install
        .args(["install", "--locked", "cargo-deny", "--version"])
        .arg(format!("={VERSION}"))
        .current_dir(&ws.root);
    cmd::run(STEP, &mut install)?;
    match installed_version(&install_bin) {
        Some(version) if version == VERSION => Ok(install_bin.join("cargo-deny")),
        _ => bail!(
            "{STEP}: `cargo install` finished but {} has no cargo-deny {VERSION}",
            install_bin.display()
        ),
    }
}

fn installed_version(dir: &Path) -> Option<String> {
    let exe = dir.join("cargo-deny");
    if !exe.is_file() {
        return None;
    }
    let output = cmd::stdout_of(Command::new(exe).arg("--version")).ok()?;
    parse_version_output(&output).map(str::to_owned)
}

/// The version in the output of `cargo-deny --version`, e.g. `cargo-deny 0.20.2`.
fn parse_version_output(output: &str) -> Option<&str> {
    let mut words = output.lines().next()?.split_whitespace();
    match (words.next(), words.next()) {
        (Some("cargo-deny"), Some(version)) => Some(version),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_line() {
        assert_eq!(parse_version_output("cargo-deny 0.20.2\n"), Some("0.20.2"));
        assert_eq!(parse_version_output("wasm-bindgen 0.2.130"), None);
        assert_eq!(parse_version_output(""), None);
    }
}
