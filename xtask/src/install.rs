//! Installing what the build and the tests need when it is missing: the
//! `wasm32-unknown-unknown` rustup target, the `wasm-bindgen` CLI at the version pinned in
//! `Cargo.lock`, cargo-deny at a pinned version, Debian's Chromium and ChromeDriver, and npm's axe-core for the accessibility
//! checks. Each check is cheap, so every
//! command runs them and a fresh machine needs nothing but a Rust toolchain.

use std::env;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd;
use crate::workspace::Workspace;

mod axe;
mod bindgen;
mod browser;
mod deny;

pub use axe::ensure as ensure_axe;
pub use browser::{ensure as ensure_browser, CHROMEDRIVER, CHROMIUM};
pub use deny::ensure as ensure_deny;

/// The step name that install errors carry.
pub const STEP: &str = "install tools";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Where the build tools are, once [`build_tools`] made sure they exist.
pub struct Tools {
    /// The `wasm-bindgen` binary whose version matches `Cargo.lock`.
    pub wasm_bindgen: PathBuf,
    /// `PATH` for child processes: the directory of `wasm-bindgen` (and of
    /// `wasm-bindgen-test-runner` beside it) first, then the inherited `PATH`.
    pub path: OsString,
}

/// Makes sure the wasm32 target and the right `wasm-bindgen` CLI are installed.
pub fn build_tools(ws: &Workspace) -> Result<Tools> {
    ensure_wasm_target(ws)?;
    bindgen::ensure(ws)
}

fn ensure_wasm_target(ws: &Workspace) -> Result<()> {
    let rustup = rustup_program();
    let mut list = Command::new(&rustup);
    list.args(["target", "list", "--installed"])
        .current_dir(&ws.root);
    let installed = cmd::stdout_of(&mut list).with_context(|| {
        format!("{STEP}: could not ask rustup for its targets; is the toolchain managed by rustup?")
    })?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("rustup target {WASM_TARGET}: installed");
        return Ok(());
    }
    let mut add = Command::new(&rustup);
    add.args(["target", "add", WASM_TARGET])
        .current_dir(&ws.root);
    cmd::run(STEP, &mut add)
}

/// `rustup` from `PATH`, else from `$CARGO_HOME/bin`, where rustup installs itself.
fn rustup_program() -> PathBuf {
    let on_path = env::var_os("PATH")
        .map(|path| env::split_paths(&path).any(|dir| dir.join("rustup").is_file()))
        .unwrap_or(false);
    let in_cargo_home = cargo_home().join("bin/rustup");
    if !on_path && in_cargo_home.is_file() {
        in_cargo_home
    } else {
        PathBuf::from("rustup")
    }
}

/// `$CARGO_HOME`, default `~/.cargo`.
fn cargo_home() -> PathBuf {
    let var = |name| env::var_os(name).filter(|value: &OsString| !value.is_empty());
    var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(var("HOME").unwrap_or_default()).join(".cargo"))
}
