//! Running child processes: echo each command before it runs, and turn a failure into an
//! error that names the step it belongs to.

use std::ffi::OsStr;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// Runs `command` with inherited stdio; an error names `step` and the command.
pub fn run(step: &str, command: &mut Command) -> Result<()> {
    let shown = describe(command);
    println!("$ {shown}");
    let status = command
        .status()
        .with_context(|| format!("{step}: could not start `{shown}`"))?;
    if !status.success() {
        bail!("{step} failed: `{shown}` exited with {status}");
    }
    Ok(())
}

/// Runs `command` quietly and returns its stdout; for probes such as `--version`.
pub fn stdout_of(command: &mut Command) -> Result<String> {
    let shown = describe(command);
    let output = command
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .with_context(|| format!("could not start `{shown}`"))?;
    if !output.status.success() {
        bail!("`{shown}` exited with {}", output.status);
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The command as a person would type it, with the variables we set in front (but not
/// `PATH`, which is long and the same everywhere).
pub fn describe(command: &Command) -> String {
    let envs = command
        .get_envs()
        .filter(|(key, _)| *key != "PATH")
        .filter_map(|(key, value)| Some(format!("{}={}", show(key), show(value?))));
    let program = std::iter::once(show(command.get_program()));
    let args = command.get_args().map(show);
    envs.chain(program)
        .chain(args)
        .collect::<Vec<_>>()
        .join(" ")
}

fn show(word: &OsStr) -> String {
    let word = word.to_string_lossy();
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_=./,:+@".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.into_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_shows_set_variables_program_and_quoted_args() {
        let mut command = Command::new("cargo");
        command
            .args(["test", "-p", "snowcard", "--", "a b"])
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .env("PATH", "/somewhere");
        assert_eq!(
            describe(&command),
            "CHROMEDRIVER=/usr/bin/chromedriver cargo test -p snowcard -- 'a b'"
        );
    }

    #[test]
    fn run_names_the_step_when_the_command_fails() {
        let error = run("native tests", &mut Command::new("false")).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("native tests failed: `false`"));
    }

    #[test]
    fn run_names_the_step_when_the_program_is_missing() {
        let error = run("release build", &mut Command::new("no-such-program-xtask")).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("release build: could not start"));
    }
}
