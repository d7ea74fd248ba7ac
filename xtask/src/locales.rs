//! `cargo xtask locales`: the app's translation tables as JSON (`<target>/locales.json`),
//! written by the snowcard crate's own `locales` example from its `Texts`, for the
//! end-to-end tests to read (see `e2e/src/locale.rs`). `cargo xtask build` and the
//! end-to-end step of `cargo xtask test` write it as well.

use std::ffi::OsStr;
use std::path::PathBuf;

use anyhow::Result;

use crate::cmd;
use crate::workspace::Workspace;

/// The step name that errors carry.
pub const STEP: &str = "translation tables";

/// Where the tables go; the end-to-end tests are told through `SNOWCARD_LOCALES`.
pub fn path(ws: &Workspace) -> PathBuf {
    ws.target_dir.join("locales.json")
}

/// `cargo xtask locales`.
pub fn run() -> Result<()> {
    let ws = Workspace::locate();
    write(&ws, &std::env::var_os("PATH").unwrap_or_default())?;
    println!("Wrote {}", path(&ws).display());
    Ok(())
}

/// Writes the tables to [`path`], with `search_path` as the child cargo's `PATH`.
pub fn write(ws: &Workspace, search_path: &OsStr) -> Result<()> {
    let mut cargo = ws.cargo(search_path);
    cargo
        .args([
            "run",
            "--quiet",
            "-p",
            "snowcard",
            "--example",
            "locales",
            "--",
        ])
        .arg(path(ws));
    cmd::run(STEP, &mut cargo)
}
