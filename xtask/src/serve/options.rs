//! What `cargo xtask serve` is asked to do: the ports (see `ports`), and, for a real
//! instance, `--instance URL` with an optional `--client-id ID` to fill the setup page in;
//! `--sandbox` starts the sandbox instance as well (without `--instance` it always starts).

use anyhow::{bail, Context, Result};

use super::ports::{parse_ports, Ports};
use crate::deploy::{self, InstanceUrl};

/// The options of one `serve`.
#[derive(Debug)]
pub struct Options {
    pub ports: Ports,
    /// The real instance the app is served for, when given.
    pub instance: Option<InstanceUrl>,
    pub client_id: Option<String>,
    /// Whether the sandbox instance starts: always without `--instance`.
    pub sandbox: bool,
    /// Microsoft 365's origins to allow (`--microsoft`, `--microsoft-authority`,
    /// `--microsoft-graph`), for a real tenant.
    pub microsoft: Vec<String>,
}

/// Reads `args` (and the port variables through `env`).
pub fn parse(args: &[String], env: impl Fn(&str) -> Option<String>) -> Result<Options> {
    let (mut instance, mut client_id, mut sandbox_asked) = (None, None, false);
    let mut microsoft: Vec<String> = Vec::new();
    let mut port_args = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .with_context(|| format!("{flag} needs {what}"))
        };
        match flag {
            "--instance" => instance = Some(deploy::instance(&value("the instance's URL")?)?),
            "--client-id" => {
                let id = value("the client ID registered on the instance")?;
                if id.trim().is_empty() {
                    bail!("--client-id needs the client ID registered on the instance");
                }
                client_id = Some(id.trim().to_owned());
            }
            "--sandbox" if inline.is_none() => sandbox_asked = true,
            _ => match deploy::microsoft_option(flag, || value("the cloud's https address")) {
                Some(origins) => microsoft.extend(origins?),
                None => port_args.push(arg.clone()),
            },
        }
    }
    if instance.is_none() && client_id.is_some() {
        bail!("--client-id fills in the setup page for --instance; give --instance URL too");
    }
    let sandbox = instance.is_none() || sandbox_asked;
    let moves_sandbox = port_args
        .iter()
        .any(|arg| arg.starts_with("--instance-port"));
    if moves_sandbox && !sandbox {
        bail!("--instance-port is the sandbox instance's port; add --sandbox to start it");
    }
    let ports = parse_ports(&port_args, env)?;
    Ok(Options {
        ports,
        instance,
        client_id,
        sandbox,
        microsoft,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(list: &[&str]) -> Result<Options> {
        let args: Vec<String> = list.iter().map(|arg| (*arg).to_owned()).collect();
        parse(&args, |_| None)
    }

    #[test]
    fn without_an_instance_the_sandbox_serves_as_before() {
        let options = parsed(&["--app-port", "9000"]).unwrap();
        assert!(options.sandbox && options.instance.is_none());
        assert_eq!(options.ports.app, 9000);
    }

    #[test]
    fn microsoft_365s_clouds_are_allowed_on_request() {
        let options = parsed(&["--instance", "acme", "--microsoft"]).unwrap();
        assert_eq!(options.microsoft, deploy::MICROSOFT_CLOUD);
        let options = parsed(&[
            "--microsoft-authority",
            "https://login.microsoftonline.us/",
            "--microsoft-graph=https://graph.microsoft.us",
        ])
        .unwrap();
        assert_eq!(
            options.microsoft,
            [
                "https://login.microsoftonline.us",
                "https://graph.microsoft.us"
            ]
        );
        assert!(parsed(&["--microsoft-graph", "http://graph.example"]).is_err());
    }

    #[test]
    fn an_instance_starts_no_sandbox_unless_asked() {
        let options = parsed(&["--instance", "acme", "--client-id=abc123"]).unwrap();
        assert_eq!(
            options.instance.as_ref().map(InstanceUrl::as_str),
            Some("https://acme.service-now.com")
        );
        assert_eq!(options.client_id.as_deref(), Some("abc123"));
        assert!(!options.sandbox);
        let both = parsed(&["--instance=https://acme.service-now.com", "--sandbox"]).unwrap();
        assert!(both.sandbox);
    }

    #[test]
    fn mistakes_are_named() {
        let message = |list: &[&str]| parsed(list).unwrap_err().to_string();
        assert!(message(&["--instance", "http://acme.example.com"]).contains("https"));
        assert!(message(&["--client-id", "abc"]).contains("--instance"));
        assert!(message(&["--instance", "acme", "--instance-port", "9001"]).contains("--sandbox"));
        assert!(message(&["--instance"]).contains("needs"));
        assert!(message(&["--instance", "acme", "--client-id", " "]).contains("client ID"));
        assert!(parsed(&["--verbose"]).is_err());
    }
}
