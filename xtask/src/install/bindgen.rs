//! The `wasm-bindgen` CLI at exactly the version of the `wasm-bindgen` crate in
//! `Cargo.lock` (the CLI and the crate must match): found on `PATH` or where `cargo install`
//! puts binaries, else installed with `cargo install wasm-bindgen-cli --version =X`.

use std::env;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use super::{cargo_home, Tools, STEP};
use crate::cmd;
use crate::workspace::{self, Workspace};

/// Finds or installs the right `wasm-bindgen`.
pub fn ensure(ws: &Workspace) -> Result<Tools> {
    let lock_path = ws.root.join("Cargo.lock");
    let lock = fs::read_to_string(&lock_path)
        .with_context(|| format!("{STEP}: could not read {}", lock_path.display()))?;
    let wanted = locked_version(&lock, "wasm-bindgen").context(STEP)?;
    let install_bin = cargo_install_bin_dir();
    let path = env::var_os("PATH");
    for dir in candidate_dirs(path.as_deref(), &install_bin) {
        match installed_version(&dir) {
            Some(version) if version == wanted => {
                println!("wasm-bindgen {wanted}: found in {}", dir.display());
                return tools_in(&dir, path.as_deref());
            }
            Some(version) => println!(
                "wasm-bindgen in {} is {version}, Cargo.lock wants {wanted}",
                dir.display()
            ),
            None => {}
        }
    }
    println!("wasm-bindgen {wanted}: installing (a few minutes)");
    let mut install = Command::new(workspace::cargo_program());
    install
        .args(["install", "wasm-bindgen-cli", "--version"])
        .arg(format!("={wanted}"))
        .current_dir(&ws.root);
    cmd::run(STEP, &mut install)?;
    match installed_version(&install_bin) {
        Some(version) if version == wanted => tools_in(&install_bin, path.as_deref()),
        _ => bail!(
            "{STEP}: `cargo install` finished but {} has no wasm-bindgen {wanted}",
            install_bin.display()
        ),
    }
}

fn tools_in(dir: &Path, path: Option<&OsStr>) -> Result<Tools> {
    Ok(Tools {
        wasm_bindgen: dir.join("wasm-bindgen"),
        path: path_with_first(dir, path)?,
    })
}

/// The version of the `wasm-bindgen` in `dir`, if it has one and the test runner beside it.
fn installed_version(dir: &Path) -> Option<String> {
    let exe = dir.join("wasm-bindgen");
    if !exe.is_file() || !dir.join("wasm-bindgen-test-runner").is_file() {
        return None;
    }
    let output = cmd::stdout_of(Command::new(exe).arg("--version")).ok()?;
    parse_version_output(&output).map(str::to_owned)
}

/// Where `cargo install` puts binaries: `$CARGO_INSTALL_ROOT/bin`, else the `bin` of
/// `$CARGO_HOME` (default `~/.cargo`). CI may not have it on `PATH`.
pub(super) fn cargo_install_bin_dir() -> PathBuf {
    match env::var_os("CARGO_INSTALL_ROOT").filter(|root| !root.is_empty()) {
        Some(root) => PathBuf::from(root).join("bin"),
        None => cargo_home().join("bin"),
    }
}

/// The version of `package` in a `Cargo.lock`; an error when it is absent or ambiguous.
fn locked_version(lock: &str, package: &str) -> Result<String> {
    let name_line = format!("name = \"{package}\"");
    let mut versions = Vec::new();
    let mut in_package = false;
    for line in lock.lines().map(str::trim) {
        if line == "[[package]]" {
            in_package = false;
        } else if line == name_line {
            in_package = true;
        } else if let (true, Some(rest)) = (in_package, line.strip_prefix("version = \"")) {
            versions.push(rest.trim_end_matches('"').to_owned());
            in_package = false;
        }
    }
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => bail!("Cargo.lock has no `{package}` package"),
        _ => bail!("Cargo.lock has several `{package}` versions: {versions:?}"),
    }
}

/// The version in the output of `wasm-bindgen --version`, e.g. `wasm-bindgen 0.2.130`.
fn parse_version_output(output: &str) -> Option<&str> {
    let mut words = output.lines().next()?.split_whitespace();
    match (words.next(), words.next()) {
        (Some("wasm-bindgen"), Some(version)) => Some(version),
        _ => None,
    }
}

/// The directories to look for `wasm-bindgen` in: `PATH` in order, then the install dir.
fn candidate_dirs(path: Option<&OsStr>, install_bin: &Path) -> Vec<PathBuf> {
    let on_path = path.map(env::split_paths).into_iter().flatten();
    let mut dirs = Vec::new();
    for dir in on_path.chain([install_bin.to_path_buf()]) {
        if !dir.as_os_str().is_empty() && !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    dirs
}

/// `path` with `first` moved to its front.
fn path_with_first(first: &Path, path: Option<&OsStr>) -> Result<OsString> {
    let rest = path.map(env::split_paths).into_iter().flatten();
    let dirs = std::iter::once(first.to_path_buf()).chain(rest.filter(|dir| dir != first));
    env::join_paths(dirs).context("a PATH entry contains a `:`")
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.131"
"#;

    #[test]
    fn reads_the_locked_version_of_exactly_that_package() {
        assert_eq!(locked_version(LOCK, "wasm-bindgen").unwrap(), "0.2.130");
        assert_eq!(
            locked_version(LOCK, "wasm-bindgen-macro").unwrap(),
            "0.2.131"
        );
    }

    #[test]
    fn a_missing_or_duplicated_package_is_an_error() {
        assert!(locked_version(LOCK, "yew").is_err());
        let twice = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n");
        assert!(locked_version(&twice, "wasm-bindgen").is_err());
    }

    #[test]
    fn parses_wasm_bindgen_version_output() {
        assert_eq!(
            parse_version_output("wasm-bindgen 0.2.130\n"),
            Some("0.2.130")
        );
        assert_eq!(
            parse_version_output("wasm-bindgen 0.2.130 (8f2d3ce0b)\n"),
            Some("0.2.130")
        );
        assert_eq!(parse_version_output("wasm-opt version 116\n"), None);
        assert_eq!(parse_version_output(""), None);
    }

    #[test]
    fn candidates_are_path_then_install_dir_without_duplicates() {
        let path = OsString::from("/usr/bin:/root/.cargo/bin::/usr/bin");
        let dirs = candidate_dirs(Some(&path), Path::new("/root/.cargo/bin"));
        assert_eq!(dirs, [Path::new("/usr/bin"), Path::new("/root/.cargo/bin")]);
        let dirs = candidate_dirs(None, Path::new("/root/.cargo/bin"));
        assert_eq!(dirs, [Path::new("/root/.cargo/bin")]);
    }

    #[test]
    fn the_tool_dir_goes_first_on_path_once() {
        let path = OsString::from("/usr/bin:/root/.cargo/bin");
        let joined = path_with_first(Path::new("/root/.cargo/bin"), Some(&path)).unwrap();
        assert_eq!(joined, "/root/.cargo/bin:/usr/bin");
        let alone = path_with_first(Path::new("/opt/bin"), None).unwrap();
        assert_eq!(alone, "/opt/bin");
    }
}
