//! Where things live: the workspace root, the cargo target directory and `dist/`.

use std::env;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Paths of the workspace the xtask was built from.
pub struct Workspace {
    /// The directory holding the workspace `Cargo.toml`.
    pub root: PathBuf,
    /// Cargo's target directory: `$CARGO_TARGET_DIR` when set, else `<root>/target`.
    pub target_dir: PathBuf,
}

impl Workspace {
    /// The workspace this binary belongs to; `xtask/` sits right under its root.
    pub fn locate() -> Self {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf();
        let target_dir = match env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
            // Cargo reads a relative CARGO_TARGET_DIR from the directory it was started in.
            Some(dir) => env::current_dir()
                .unwrap_or_else(|_| root.clone())
                .join(dir),
            None => root.join("target"),
        };
        Self { root, target_dir }
    }

    /// The deployable app: `index.html`, `www/` and `pkg/`.
    pub fn dist(&self) -> PathBuf {
        self.root.join("dist")
    }

    /// The cargo that runs us, started in the workspace root with `path` as its `PATH`;
    /// a relative `CARGO_TARGET_DIR` is passed on as absolute, so nested builds agree on
    /// where things go.
    pub fn cargo(&self, path: &OsStr) -> Command {
        let mut command = Command::new(cargo_program());
        command.current_dir(&self.root).env("PATH", path);
        if env::var_os("CARGO_TARGET_DIR").is_some_and(|dir| !dir.is_empty()) {
            command.env("CARGO_TARGET_DIR", &self.target_dir);
        }
        command
    }
}

/// The cargo that started us (`$CARGO`), so nested runs use the same toolchain.
pub fn cargo_program() -> OsString {
    env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}
