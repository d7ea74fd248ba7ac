//! The npm-style package in `dist/pkg`: what wasm-bindgen wrote, the component's stylesheet,
//! and a `package.json` in the shape wasm-pack writes, so a portal can use snowcard with
//! no Rust toolchain (copy the folder, or `npm install ./dist/pkg`).

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

use crate::cmd;
use crate::workspace::Workspace;

/// The stylesheet a host page may link; the same file `www/` uses.
pub const CSS: &str = "snowcard.css";
/// The module that loads snowcard on import, for pages that only use `<snowcard-app>`.
pub const ELEMENT_LOADER: &str = "snowcard-element.js";

/// What `package.json` says about the crate, from `cargo metadata`.
#[derive(Debug, PartialEq, Eq)]
pub struct Meta {
    pub name: String,
    pub version: String,
    pub description: Option<String>,
    pub license: Option<String>,
}

/// Copies the stylesheet into `pkg` and writes `pkg/package.json` listing every file there.
pub fn write(ws: &Workspace, cargo: &mut std::process::Command, pkg: &Path) -> Result<()> {
    let step = crate::app_build::STEP;
    let css = ws.root.join("www").join(CSS);
    let loader = ws.root.join("package").join(ELEMENT_LOADER);
    for (from, name) in [(&css, CSS), (&loader, ELEMENT_LOADER)] {
        fs::copy(from, pkg.join(name))
            .with_context(|| format!("{step}: could not copy {}", from.display()))?;
    }
    cargo.args(["metadata", "--format-version", "1", "--no-deps"]);
    let metadata = cmd::stdout_of(cargo).with_context(|| format!("{step}: cargo metadata"))?;
    let meta = meta_of(&metadata, "snowcard")?;
    let mut files = Vec::new();
    for entry in fs::read_dir(pkg)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // wasm-bindgen puts inline JS snippets in `snippets/`; a folder is listed whole.
        files.push(if entry.file_type()?.is_dir() {
            format!("{name}/")
        } else {
            name
        });
    }
    let text = package_json(&meta, files)?;
    fs::write(pkg.join("package.json"), text)
        .with_context(|| format!("{step}: could not write {}/package.json", pkg.display()))
}

/// The crate `name` in the output of `cargo metadata --format-version 1`.
pub fn meta_of(metadata: &str, name: &str) -> Result<Meta> {
    let value: Value = serde_json::from_str(metadata).context("cargo metadata is not JSON")?;
    let packages = value["packages"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let Some(package) = packages.iter().find(|p| p["name"] == name) else {
        bail!("cargo metadata lists no package {name}");
    };
    let text = |key: &str| package[key].as_str().map(str::to_owned);
    Ok(Meta {
        name: name.to_owned(),
        version: text("version").context("the package has no version")?,
        description: text("description"),
        license: text("license"),
    })
}

/// `package.json` for `files` (the names in `pkg`; the manifest itself is left out).
pub fn package_json(meta: &Meta, mut files: Vec<String>) -> Result<String> {
    let main = format!("{}.js", meta.name);
    let types = format!("{}.d.ts", meta.name);
    for needed in [&main, &types, &format!("{}_bg.wasm", meta.name)] {
        if !files.contains(needed) {
            bail!("{needed} is missing from the package");
        }
    }
    files.retain(|f| f != "package.json");
    files.sort();
    let mut manifest = json!({
        "name": meta.name,
        "version": meta.version,
        "type": "module",
        "files": files,
        "main": main,
        "module": main,
        "types": types,
        // Importing the module does nothing until `init()`; wasm-bindgen's snippets (as
        // wasm-pack declares) and the element loader, which calls `init()`, do.
        "sideEffects": ["./snippets/*", format!("./{ELEMENT_LOADER}")],
    });
    for (key, value) in [
        ("description", &meta.description),
        ("license", &meta.license),
    ] {
        if let Some(value) = value {
            manifest[key] = json!(value);
        }
    }
    Ok(serde_json::to_string_pretty(&manifest)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Meta {
        Meta {
            name: "snowcard".into(),
            version: "0.3.1".into(),
            description: Some("Send \"Secure Score\" actions".into()),
            license: Some("MIT OR Apache-2.0".into()),
        }
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn writes_a_wasm_pack_style_manifest() {
        let files = names(&[
            "snowcard_bg.wasm",
            "snowcard.js",
            "snowcard.d.ts",
            "package.json",
            "snowcard.css",
            "snowcard_bg.wasm.d.ts",
        ]);
        let text = package_json(&meta(), files).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value,
            json!({
                "name": "snowcard",
                "version": "0.3.1",
                "description": "Send \"Secure Score\" actions",
                "license": "MIT OR Apache-2.0",
                "type": "module",
                "files": ["snowcard.css", "snowcard.d.ts", "snowcard.js",
                          "snowcard_bg.wasm", "snowcard_bg.wasm.d.ts"],
                "main": "snowcard.js",
                "module": "snowcard.js",
                "types": "snowcard.d.ts",
                "sideEffects": ["./snippets/*", "./snowcard-element.js"],
            })
        );
        assert!(text.ends_with("}\n"));
    }

    #[test]
    fn refuses_a_package_without_its_declarations() {
        let error = package_json(&meta(), names(&["snowcard.js", "snowcard_bg.wasm"]));
        assert_eq!(
            error.unwrap_err().to_string(),
            "snowcard.d.ts is missing from the package"
        );
    }

    #[test]
    fn reads_name_version_and_license_from_cargo_metadata() {
        let metadata = r#"{"packages":[
            {"name":"xtask","version":"0.1.0","description":null,"license":null},
            {"name":"snowcard","version":"0.2.0","description":"d","license":"MIT"}]}"#;
        assert_eq!(
            meta_of(metadata, "snowcard").unwrap(),
            Meta {
                name: "snowcard".into(),
                version: "0.2.0".into(),
                description: Some("d".into()),
                license: Some("MIT".into()),
            }
        );
        assert!(meta_of(metadata, "other").is_err());
    }

    #[test]
    fn the_real_manifest_comes_from_this_workspace() {
        let ws = Workspace::locate();
        let mut cargo = ws.cargo(&std::env::var_os("PATH").unwrap_or_default());
        cargo.args(["metadata", "--format-version", "1", "--no-deps"]);
        let meta = meta_of(&cmd::stdout_of(&mut cargo).unwrap(), "snowcard").unwrap();
        assert_eq!(meta.license.as_deref(), Some("MIT OR Apache-2.0"));
        assert!(!meta.version.is_empty());
    }
}
