//! axe-core, the accessibility checker the end-to-end tests inject into every screen:
//! installed from npm into `target/npm` when that exact version is not there yet.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Result};

use super::STEP;
use crate::cmd;
use crate::workspace::Workspace;

/// The axe-core release the tests run (its rules decide what "no violations" means).
pub const AXE_VERSION: &str = "4.14.1";

/// Makes sure `target/npm/node_modules/axe-core` holds [`AXE_VERSION`]; returns the path of
/// its `axe.min.js`.
pub fn ensure(ws: &Workspace) -> Result<PathBuf> {
    let prefix = ws.target_dir.join("npm");
    let package = prefix.join("node_modules").join("axe-core");
    let script = package.join("axe.min.js");
    if installed_version(&package).as_deref() == Some(AXE_VERSION) && script.is_file() {
        println!("axe-core: installed ({AXE_VERSION})");
        return Ok(script);
    }
    std::fs::create_dir_all(&prefix)?;
    cmd::run(
        STEP,
        Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                "--prefix",
            ])
            .arg(&prefix)
            .arg(format!("axe-core@{AXE_VERSION}")),
    )?;
    if installed_version(&package).as_deref() != Some(AXE_VERSION) || !script.is_file() {
        bail!("{STEP}: npm finished but {} is missing", script.display());
    }
    Ok(script)
}

/// The `version` of the package.json in `package`, if there is one.
fn installed_version(package: &Path) -> Option<String> {
    let text = std::fs::read_to_string(package.join("package.json")).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json.get("version")?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_installed_version() {
        let dir = std::env::temp_dir().join(format!("snowcard-axe-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("made");
        assert_eq!(installed_version(&dir), None);
        std::fs::write(
            dir.join("package.json"),
            r#"{"name":"axe-core","version":"4.1.0"}"#,
        )
        .expect("written");
        assert_eq!(installed_version(&dir).as_deref(), Some("4.1.0"));
        std::fs::remove_dir_all(&dir).expect("removed");
    }
}
