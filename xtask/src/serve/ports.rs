//! Which ports `cargo xtask serve` listens on: `--app-port N` and `--instance-port N`
//! (or `--flag=N`), else `SNOWCARD_APP_PORT` and `SNOWCARD_INSTANCE_PORT`, else 8700 and
//! 8701. Fixed ports, because the redirect URI registered with the sandbox names one.

use anyhow::{bail, Context, Result};

/// The two listeners, for messages that say which one and how to move it.
#[derive(Clone, Copy)]
pub enum Listener {
    App,
    Instance,
}

impl Listener {
    pub fn what(self) -> &'static str {
        match self {
            Listener::App => "the app",
            Listener::Instance => "the sandbox instance",
        }
    }

    pub fn flag(self) -> &'static str {
        match self {
            Listener::App => "--app-port",
            Listener::Instance => "--instance-port",
        }
    }

    pub fn env(self) -> &'static str {
        match self {
            Listener::App => "SNOWCARD_APP_PORT",
            Listener::Instance => "SNOWCARD_INSTANCE_PORT",
        }
    }

    fn default_port(self) -> u16 {
        match self {
            Listener::App => 8700,
            Listener::Instance => 8701,
        }
    }
}

/// The ports to listen on, on 127.0.0.1.
#[derive(Debug, PartialEq)]
pub struct Ports {
    /// The app's port.
    pub app: u16,
    /// The sandbox instance's port.
    pub instance: u16,
}

/// Ports from `--app-port N` / `--instance-port N` (or `--flag=N`), else from the
/// environment, else the defaults 8700 and 8701.
pub fn parse_ports(args: &[String], env: impl Fn(&str) -> Option<String>) -> Result<Ports> {
    let from_env = |listener: Listener| -> Result<Option<u16>> {
        env(listener.env())
            .map(|value| parse_port(&value, listener.env()))
            .transpose()
    };
    let (mut app, mut instance) = (from_env(Listener::App)?, from_env(Listener::Instance)?);
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let slot = match flag {
            "--app-port" => &mut app,
            "--instance-port" => &mut instance,
            _ => bail!(
                "unknown option `{arg}` for serve; it takes --app-port N, --instance-port N, \
                 --instance URL, --client-id ID and --sandbox"
            ),
        };
        let value = inline
            .or_else(|| args.next().cloned())
            .with_context(|| format!("{flag} needs a port number"))?;
        *slot = Some(parse_port(&value, flag)?);
    }
    let ports = Ports {
        app: app.unwrap_or(Listener::App.default_port()),
        instance: instance.unwrap_or(Listener::Instance.default_port()),
    };
    if ports.app == ports.instance {
        bail!(
            "the app and the instance need different ports, both are {}",
            ports.app
        );
    }
    Ok(ports)
}

fn parse_port(value: &str, source: &str) -> Result<u16> {
    match value.trim().parse::<u16>() {
        Ok(port) if port != 0 => Ok(port),
        _ => bail!("{source}: `{value}` is not a port number from 1 to 65535"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|arg| (*arg).to_owned()).collect()
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn defaults_to_8700_and_8701() {
        let ports = parse_ports(&[], no_env).unwrap();
        assert_eq!(
            ports,
            Ports {
                app: 8700,
                instance: 8701
            }
        );
    }

    #[test]
    fn flags_beat_the_environment() {
        let env = |name: &str| (name == "SNOWCARD_APP_PORT").then(|| "9000".to_owned());
        assert_eq!(
            parse_ports(&[], env).unwrap(),
            Ports {
                app: 9000,
                instance: 8701
            }
        );
        let flags = args(&["--app-port", "9100", "--instance-port=9101"]);
        assert_eq!(
            parse_ports(&flags, env).unwrap(),
            Ports {
                app: 9100,
                instance: 9101
            }
        );
    }

    #[test]
    fn rejects_bad_ports_and_unknown_options() {
        for bad in [
            &["--app-port"][..],
            &["--app-port", "0"],
            &["--app-port=70000"],
            &["--port", "1"],
        ] {
            assert!(
                parse_ports(&args(bad), no_env).is_err(),
                "{bad:?} was accepted"
            );
        }
        assert!(parse_ports(&args(&["--app-port", "8701"]), no_env).is_err());
        let env = |_: &str| Some("eighty".to_owned());
        assert!(parse_ports(&[], env).is_err());
    }
}
