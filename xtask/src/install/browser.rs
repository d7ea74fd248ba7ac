//! Debian's Chromium and ChromeDriver, which the browser and end-to-end tests drive:
//! installed with apt when either binary is missing.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Result};

use super::STEP;
use crate::cmd;

/// Debian's Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's ChromeDriver, matching [`CHROMIUM`].
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Makes sure `/usr/bin/chromium` and `/usr/bin/chromedriver` exist, installing Debian's
/// packages when one is missing (as root; otherwise says what to run).
pub fn ensure() -> Result<()> {
    let present = || Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file();
    if !present() {
        let user = cmd::stdout_of(Command::new("id").arg("-u")).unwrap_or_default();
        if user.trim() != "0" {
            bail!(
                "{STEP}: {CHROMIUM} or {CHROMEDRIVER} is missing and this is not root; run\n    \
                 sudo apt-get update && sudo apt-get install -y chromium chromium-driver\n\
                 then try again"
            );
        }
        // Wait for another apt run to let go of its lock instead of failing at once.
        let apt = |args: &[&str]| {
            let mut command = Command::new("apt-get");
            command
                .args(["-o", "DPkg::Lock::Timeout=600"])
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive");
            command
        };
        cmd::run(STEP, &mut apt(&["update"]))?;
        cmd::run(
            STEP,
            &mut apt(&["install", "-y", "chromium", "chromium-driver"]),
        )?;
        if !present() {
            bail!("{STEP}: apt-get finished but {CHROMIUM} or {CHROMEDRIVER} is still missing");
        }
    }
    let version = cmd::stdout_of(Command::new(CHROMEDRIVER).arg("--version")).unwrap_or_default();
    println!("Chromium and ChromeDriver: installed ({})", version.trim());
    Ok(())
}
