//! Writes snowcard's translation tables as JSON for the end-to-end tests:
//! `cargo run -p snowcard --example locales -- <file>` (what `cargo xtask locales` runs).
//! One object per locale tag, each string under its key path (see `snowcard::i18n::export`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: locales <file.json>");
        return ExitCode::from(2);
    };
    let json = match serde_json::to_string_pretty(&snowcard::i18n::export::tables()) {
        Ok(json) => json,
        Err(error) => {
            eprintln!("the tables did not serialize: {error}");
            return ExitCode::FAILURE;
        }
    };
    match std::fs::write(&path, json + "\n") {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}: {error}", std::path::Path::new(&path).display());
            ExitCode::FAILURE
        }
    }
}
