//! `cargo xtask serve`: build the app, start the sandbox instance, serve the app on its own
//! origin, and tell the person at the terminal where to go and how to sign in.

use std::env;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;

use anyhow::{Context, Result};
use snowcard_sandbox::{app_host, Config, Sandbox, SandboxUser, DEMO_CLIENT_ID, PORTAL_PATH};

use crate::app_build;
use crate::install;
use crate::workspace::Workspace;

mod portal;
mod ports;

use ports::{parse_ports, Listener};

/// Builds, starts both servers, and waits for Ctrl-C.
pub fn run(args: &[String]) -> Result<()> {
    let ports = parse_ports(args, |name| env::var(name).ok())?;
    let app_addr = SocketAddr::from((Ipv4Addr::LOCALHOST, ports.app));
    let instance_addr = SocketAddr::from((Ipv4Addr::LOCALHOST, ports.instance));
    // Say so before a build of several minutes, not after it.
    ensure_free(app_addr, Listener::App)?;
    ensure_free(instance_addr, Listener::Instance)?;

    let ws = Workspace::locate();
    let tools = install::build_tools(&ws)?;
    app_build::build(&ws, &tools)?;

    let runtime = tokio::runtime::Runtime::new().context("could not start the tokio runtime")?;
    runtime.block_on(serve(ws.dist(), app_addr, instance_addr))
}

async fn serve(dist: PathBuf, app_addr: SocketAddr, instance_addr: SocketAddr) -> Result<()> {
    let app_origin = format!("http://{app_addr}");
    let redirect_uri = format!("{app_origin}/");
    let mut config = Config::demo(&app_origin, &redirect_uri);
    config.addr = instance_addr;
    let users = config.users.clone();
    let sandbox = Sandbox::start(config)
        .await
        .map_err(|error| listen_error(error, instance_addr, Listener::Instance))?;
    let instance_url = sandbox.url();
    let portal_config = dist.join("www/portal/portal.json");
    std::fs::write(&portal_config, portal::config_json(&instance_url))
        .with_context(|| format!("could not write {}", portal_config.display()))?;

    let csp_connect_src = vec![instance_url.clone()];
    let app = app_host::serve_app(dist, app_addr, csp_connect_src)
        .await
        .map_err(|error| listen_error(error, app_addr, Listener::App))?;

    println!("{}", banner(&app.url(), &instance_url, &users));
    tokio::signal::ctrl_c()
        .await
        .context("could not listen for Ctrl-C")?;
    println!("\nStopping the app and the sandbox instance.");
    app.shutdown().await;
    sandbox.shutdown().await;
    Ok(())
}

/// What to open and how to sign in: the first demo user is the integration user.
fn banner(app_url: &str, instance_url: &str, users: &[SandboxUser]) -> String {
    let app_url = format!("{}/", app_url.trim_end_matches('/'));
    let instance_url = instance_url.trim_end_matches('/');
    let portal_url = format!("{}{PORTAL_PATH}", app_url.trim_end_matches('/'));
    let mut text = format!(
        "\nsnowcard is running.\n\
         \n  Open {app_url} in a browser and connect with:\n\
         \n  Instance:   {instance_url}\
         \n  Client ID:  {DEMO_CLIENT_ID}\n"
    );
    if let Some((first, others)) = users.split_first() {
        let login = |user: &SandboxUser| format!("{} / {}", user.user_name, user.password);
        text += &format!("  Sign in as: {}\n", login(first));
        if !others.is_empty() {
            let others: Vec<String> = others.iter().map(login).collect();
            text += &format!("              (also {})\n", others.join(", "));
        }
    }
    text += &format!(
        "\n  The demo portal, embedding snowcard twice: {portal_url}?tab=security#overview\
         \n  (its own client ids and redirect URL are registered; add &hostile=1 for a\
         \n  portal stylesheet that restyles button, input and div)\n"
    );
    text + "\n  Press Ctrl-C to stop.\n"
}

/// Fails with a clear message when `addr` is taken.
fn ensure_free(addr: SocketAddr, listener: Listener) -> Result<()> {
    TcpListener::bind(addr)
        .map(drop)
        .map_err(|error| listen_error(error, addr, listener))
}

fn listen_error(error: io::Error, addr: SocketAddr, listener: Listener) -> anyhow::Error {
    if error.kind() == io::ErrorKind::AddrInUse {
        anyhow::anyhow!(
            "port {port} on {ip} is busy, so {what} cannot listen there. Stop what holds it \
             (another `cargo xtask serve`?) or pick another port with `{flag} N` or {env}=N.",
            port = addr.port(),
            ip = addr.ip(),
            what = listener.what(),
            flag = listener.flag(),
            env = listener.env(),
        )
    } else {
        anyhow::Error::new(error).context(format!("{} could not listen on {addr}", listener.what()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_port_is_named_with_how_to_move() {
        let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let addr = taken.local_addr().unwrap();
        let message = ensure_free(addr, Listener::Instance)
            .unwrap_err()
            .to_string();
        assert!(message.contains(&format!("port {} on 127.0.0.1 is busy", addr.port())));
        assert!(
            message.contains("--instance-port N") && message.contains("SNOWCARD_INSTANCE_PORT")
        );
    }

    #[test]
    fn banner_says_where_to_go_and_how_to_sign_in() {
        let users = Config::demo("http://127.0.0.1:8700", "http://127.0.0.1:8700/").users;
        let text = banner("http://127.0.0.1:8700", "http://127.0.0.1:8701/", &users);
        assert!(text.contains("Open http://127.0.0.1:8700/ in a browser"));
        assert!(text.contains("Instance:   http://127.0.0.1:8701\n"));
        assert!(text.contains(&format!("Client ID:  {DEMO_CLIENT_ID}\n")));
        assert!(text.contains("Sign in as: snowcard.integration / sandbox-demo\n"));
        assert!(text.contains("(also beth.anglin / sandbox-demo, admin / sandbox-admin)"));
        assert!(text.contains("Ctrl-C"));
        assert!(text.contains(
            "embedding snowcard twice: http://127.0.0.1:8700/www/portal/?tab=security#overview"
        ));
    }
}
