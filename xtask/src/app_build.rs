//! The release build of the app into `dist/`: the wasm32 library in release mode, then
//! `wasm-bindgen --target web` into `dist/pkg` (made a package a portal can copy or install:
//! see `package`), plus `index.html` and `www/` beside it.
//! No wasm-opt: Debian's is too old for the wasm that current rustc emits.

use std::fs;
use std::io;
use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::cmd;
use crate::deploy;
use crate::install::{self, Tools};
use crate::locales;
use crate::package;
use crate::workspace::Workspace;

/// The step name that build errors carry.
pub const STEP: &str = "release build";

/// `cargo xtask build [--instance URL]… [--allowed-instance URL]… [--token-url URL]
/// [--token-storage memory]`: install what is missing, then build `dist/`; with options, its
/// pages' `connect-src` names those origins instead of the sandbox's, the standalone page
/// carries the settings its code passes to `start()` (see [`deploy::build_page_attributes`]),
/// and keeps its tokens in memory when asked.
pub fn run(args: &[String]) -> Result<()> {
    let (token_storage, args) = take_token_storage(args)?;
    let connect_src = deploy::parse_build_args(&args)?;
    let attributes = deploy::build_page_attributes(&args)?;
    let ws = Workspace::locate();
    let tools = install::build_tools(&ws)?;
    build(&ws, &tools)?;
    if let Some(mode) = token_storage {
        let index = ws.dist().join("index.html");
        let html = fs::read_to_string(&index)
            .with_context(|| format!("could not read {}", index.display()))?;
        fs::write(&index, with_token_storage(&html, mode)?)
            .with_context(|| format!("could not write {}", index.display()))?;
        println!("{}: tokens kept in {mode}", index.display());
    }
    // The end-to-end tests of this build read the tables that went into it.
    locales::write(&ws, &tools.path)?;
    if !connect_src.is_empty() {
        for page in deploy::write_connect_src(&ws.dist(), &connect_src)? {
            println!(
                "{}: connect-src 'self' {}",
                page.display(),
                connect_src.join(" ")
            );
        }
    }
    if !attributes.is_empty() {
        let index = ws.dist().join("index.html");
        let html = fs::read_to_string(&index)
            .with_context(|| format!("could not read {}", index.display()))?;
        fs::write(&index, deploy::with_root_attributes(&html, &attributes)?)
            .with_context(|| format!("could not write {}", index.display()))?;
        for (name, value) in &attributes {
            println!("{}: {name}=\"{value}\"", index.display());
        }
    }
    println!("Built {}", ws.dist().display());
    Ok(())
}

/// Writes the JS glue and the wasm of the release build into `pkg`; `keep_names` keeps the
/// wasm's name section (for a profile that names Rust functions), else it and the producers
/// section are removed, as shipped.
pub fn bindgen(
    ws: &Workspace,
    tools: &Tools,
    pkg: &Path,
    keep_names: bool,
    step: &str,
) -> Result<()> {
    let wasm = ws
        .target_dir
        .join("wasm32-unknown-unknown/release/snowcard.wasm");
    let mut bindgen = Command::new(&tools.wasm_bindgen);
    bindgen
        .current_dir(&ws.root)
        .env("PATH", &tools.path)
        .args(["--target", "web", "--out-dir"])
        .arg(pkg);
    if !keep_names {
        bindgen.args(["--remove-name-section", "--remove-producers-section"]);
    }
    bindgen.arg(&wasm);
    cmd::run(step, &mut bindgen)
}

/// Builds the release app into a fresh `dist/`.
pub fn build(ws: &Workspace, tools: &Tools) -> Result<()> {
    let dist = ws.dist();
    // A failed build must not leave an older app behind for `serve` or the e2e tests.
    remove_dir_if_present(&dist)?;

    let mut cargo = ws.cargo(&tools.path);
    cargo.args(["build", "-p", "snowcard", "--lib", "--release"]);
    cargo.args(["--target", "wasm32-unknown-unknown"]);
    cmd::run(STEP, &mut cargo)?;

    bindgen(ws, tools, &dist.join("pkg"), false, STEP)?;
    package::write(ws, &mut ws.cargo(&tools.path), &dist.join("pkg"))?;

    let index = ws.root.join("index.html");
    if !index.is_file() {
        bail!("{STEP}: {} is missing", index.display());
    }
    fs::copy(&index, dist.join("index.html"))
        .with_context(|| format!("{STEP}: could not copy {}", index.display()))?;
    let www = ws.root.join("www");
    if !www.is_dir() {
        bail!("{STEP}: {} is missing", www.display());
    }
    copy_dir(&www, &dist.join("www"))
        .with_context(|| format!("{STEP}: could not copy {}", www.display()))
}

/// `--token-storage session|memory` (or `--token-storage=…`) taken out of `args`: the mode,
/// and the other arguments.
fn take_token_storage(args: &[String]) -> Result<(Option<&'static str>, Vec<String>)> {
    let (mut mode, mut rest) = (None, Vec::new());
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.split_once('=') {
            Some(("--token-storage", value)) => Some(value.to_owned()),
            None if arg == "--token-storage" => Some(args.next().cloned().unwrap_or_default()),
            _ => None,
        };
        match value.as_deref() {
            None => rest.push(arg.clone()),
            Some("memory") => mode = Some("memory"),
            Some("session") => mode = Some("session"),
            Some(other) => bail!("--token-storage takes session or memory, not {other:?}"),
        }
    }
    Ok((mode, rest))
}

/// `html` (the built `index.html`) with `data-token-storage` on `<main id="snowcard">`,
/// which `www/boot.js` passes to `start()` as `tokenStorage`.
fn with_token_storage(html: &str, mode: &str) -> Result<String> {
    const ROOT: &str = "<main id=\"snowcard\"";
    let Some(at) = html.find(ROOT).map(|i| i + ROOT.len()) else {
        bail!("index.html has no <main id=\"snowcard\"> to give the token storage to");
    };
    Ok(format!(
        "{} data-token-storage=\"{mode}\"{}",
        &html[..at],
        &html[at..]
    ))
}

fn remove_dir_if_present(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => {
            Err(error).with_context(|| format!("{STEP}: could not remove {}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// Copies the tree `from` to `to`, which must not exist yet.
fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn token_storage_is_taken_out_of_the_arguments() {
        let (mode, rest) = take_token_storage(&strings(&[
            "--instance",
            "acme",
            "--token-storage",
            "memory",
        ]))
        .unwrap();
        assert_eq!(mode, Some("memory"));
        assert_eq!(rest, strings(&["--instance", "acme"]));
        let (mode, rest) = take_token_storage(&strings(&["--token-storage=session"])).unwrap();
        assert_eq!((mode, rest.len()), (Some("session"), 0));
        assert_eq!(take_token_storage(&[]).unwrap(), (None, Vec::new()));
        for wrong in [&["--token-storage", "local"][..], &["--token-storage"]] {
            let error = take_token_storage(&strings(wrong)).unwrap_err();
            assert!(error.to_string().contains("session or memory"), "{error}");
        }
    }

    #[test]
    fn the_page_is_told_to_keep_tokens_in_memory() {
        let html = "<body><main id=\"snowcard\"></main></body>";
        assert_eq!(
            with_token_storage(html, "memory").unwrap(),
            "<body><main id=\"snowcard\" data-token-storage=\"memory\"></main></body>"
        );
        assert!(with_token_storage("<body></body>", "memory").is_err());
    }

    #[test]
    fn copies_a_nested_tree() {
        let base = std::env::temp_dir().join(format!("xtask-copy-{}", std::process::id()));
        let (from, to) = (base.join("www"), base.join("dist/www"));
        fs::create_dir_all(from.join("icons")).unwrap();
        fs::write(from.join("boot.js"), "import '../pkg/snowcard.js';").unwrap();
        fs::write(from.join("icons/app.svg"), "<svg/>").unwrap();

        copy_dir(&from, &to).unwrap();

        assert_eq!(
            fs::read_to_string(to.join("boot.js")).unwrap(),
            "import '../pkg/snowcard.js';"
        );
        assert_eq!(
            fs::read_to_string(to.join("icons/app.svg")).unwrap(),
            "<svg/>"
        );
        remove_dir_if_present(&base).unwrap();
        assert!(!base.exists());
    }
}
