//! `cargo xtask serve`: build the app, start the sandbox instance, serve the app on its own
//! origin, and tell the person at the terminal where to go and how to sign in.

use std::env;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use snowcard_sandbox::microsoft::{MicrosoftConfig, MS_PASSWORD};
use snowcard_sandbox::{app_host, Config, Sandbox, SandboxUser, DEMO_CLIENT_ID, PORTAL_PATH};

use crate::app_build;
use crate::deploy::{self, InstanceUrl, Registration};
use crate::install;
use crate::workspace::Workspace;

mod options;
mod portal;
mod ports;

use options::Options;
use ports::Listener;

/// Builds, starts the servers asked for, and waits for Ctrl-C.
pub fn run(args: &[String]) -> Result<()> {
    let options = options::parse(args, |name| env::var(name).ok())?;
    let app_addr = SocketAddr::from((Ipv4Addr::LOCALHOST, options.ports.app));
    let sandbox_addr = options
        .sandbox
        .then(|| SocketAddr::from((Ipv4Addr::LOCALHOST, options.ports.instance)));
    // Say so before a build of several minutes, not after it.
    ensure_free(app_addr, Listener::App)?;
    if let Some(addr) = sandbox_addr {
        ensure_free(addr, Listener::Instance)?;
    }

    let ws = Workspace::locate();
    let tools = install::build_tools(&ws)?;
    app_build::build(&ws, &tools)?;

    let runtime = tokio::runtime::Runtime::new().context("could not start the tokio runtime")?;
    runtime.block_on(serve(ws.dist(), app_addr, sandbox_addr, options))
}

async fn serve(
    dist: PathBuf,
    app_addr: SocketAddr,
    sandbox_addr: Option<SocketAddr>,
    options: Options,
) -> Result<()> {
    let app_origin = format!("http://{app_addr}");
    let mut csp_connect_src = Vec::new();
    let mut text = String::new();
    let sandbox = match sandbox_addr {
        Some(addr) => {
            let sandbox = start_sandbox(&dist, &app_origin, addr).await?;
            csp_connect_src.push(sandbox.0.url().trim_end_matches('/').to_owned());
            Some(sandbox)
        }
        None => None,
    };
    if let Some(instance) = &options.instance {
        csp_connect_src.push(instance.as_str().to_owned());
        // The setup page opens filled in: `www/boot.js` passes these to `start()`.
        let index = dist.join("index.html");
        let html = std::fs::read_to_string(&index)
            .with_context(|| format!("could not read {}", index.display()))?;
        let html =
            deploy::with_start_options(&html, instance.as_str(), options.client_id.as_deref())?;
        std::fs::write(&index, html)
            .with_context(|| format!("could not write {}", index.display()))?;
    }
    csp_connect_src.extend(options.microsoft.iter().cloned());
    let mut seen = std::collections::HashSet::new();
    csp_connect_src.retain(|origin| seen.insert(origin.clone()));
    let app = app_host::serve_app(dist, app_addr, csp_connect_src.clone())
        .await
        .map_err(|error| listen_error(error, app_addr, Listener::App))?;

    if let Some(instance) = &options.instance {
        let client_id = options.client_id.as_deref();
        text += &instance_banner(&app.url(), instance, client_id, &csp_connect_src)?;
    }
    match &sandbox {
        Some((sandbox, users, microsoft)) => {
            let microsoft = microsoft_banner(&sandbox.url(), microsoft);
            text += &banner_with(&app.url(), &sandbox.url(), users, &microsoft);
        }
        None => text += "\n  Press Ctrl-C to stop.\n",
    }
    println!("{text}");
    tokio::signal::ctrl_c()
        .await
        .context("could not listen for Ctrl-C")?;
    println!("\nStopping.");
    app.shutdown().await;
    if let Some((sandbox, _, _)) = sandbox {
        sandbox.shutdown().await;
    }
    Ok(())
}

/// Starts the sandbox instance for the app at `app_origin`, and points the demo portal's
/// `portal.json` at it.
async fn start_sandbox(
    dist: &Path,
    app_origin: &str,
    addr: SocketAddr,
) -> Result<(Sandbox, Vec<SandboxUser>, MicrosoftConfig)> {
    let redirect_uri = format!("{app_origin}/");
    let mut config = Config::demo(app_origin, &redirect_uri);
    config.addr = addr;
    let users = config.users.clone();
    let microsoft = config.microsoft.clone();
    let sandbox = Sandbox::start(config)
        .await
        .map_err(|error| listen_error(error, addr, Listener::Instance))?;
    let portal_config = dist.join("www/portal/portal.json");
    std::fs::write(&portal_config, portal::config_json(&sandbox.url()))
        .with_context(|| format!("could not write {}", portal_config.display()))?;
    Ok((sandbox, users, microsoft))
}

/// What to open for a real instance, and what to register on it for this page.
fn instance_banner(
    app_url: &str,
    instance: &InstanceUrl,
    client_id: Option<&str>,
    connect_src: &[String],
) -> Result<String> {
    let page = format!("{}/", app_url.trim_end_matches('/'));
    let registration = Registration::for_page(&page)?;
    let client = client_id.unwrap_or("(the Client ID of the registration below)");
    Ok(format!(
        "\nsnowcard is running for {instance}.\n\
         \n  Open {page} in a browser and connect with:\n\
         \n  Instance:   {instance}\
         \n  Client ID:  {client}\n\
         \n  Register this page on the instance (README: \"Connecting a real ServiceNow instance\"):\
         \n  Redirect URL:     {redirect}\
         \n  CORS rules (Table API, Aggregate API), Domain: {origin}\
         \n  System property glide.oauth.cors.allowed.origin: {host}\
         \n    (a single hostname, or *; create it in sys_properties if it is missing)\n\
         \n  This page's Content-Security-Policy allows connect-src 'self' {connect}\n",
        redirect = registration.redirect_url,
        origin = registration.origin,
        host = registration.oauth_cors_host,
        connect = connect_src.join(" "),
    ))
}

/// What to open and how to sign in: the first demo user is the integration user.
#[cfg(test)]
fn banner(app_url: &str, instance_url: &str, users: &[SandboxUser]) -> String {
    banner_with(app_url, instance_url, users, "")
}

/// [`banner`] with more text (the Microsoft 365 stand-in's) before "Press Ctrl-C".
fn banner_with(app_url: &str, instance_url: &str, users: &[SandboxUser], more: &str) -> String {
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
    text + more + "\n  Press Ctrl-C to stop.\n"
}

/// The Microsoft 365 stand-in on the same port: what to type into "Connect to Microsoft
/// 365" (its "Advanced" fields included) and whom to sign in as. One server, so the app's
/// Content-Security-Policy `connect-src` already covers it and no second port can be busy.
fn microsoft_banner(instance_url: &str, ms: &MicrosoftConfig) -> String {
    let url = instance_url.trim_end_matches('/');
    let member = ms.users.iter().find(|u| u.home_tenant == ms.tenant_id);
    let mut text = format!(
        "\n  Microsoft 365 (sandbox, same port), connect with:\n\
         \n  Tenant:                  {domain} (or {id})\
         \n  Application (client) ID: {client}\
         \n  Sign-in authority:       {url}\
         \n  Microsoft Graph:         {url}\n",
        domain = ms.tenant_domain,
        id = ms.tenant_id,
        client = ms.app.client_id,
    );
    if let Some(user) = member {
        text += &format!("  Sign in as: {} / {MS_PASSWORD}\n", user.upn);
    }
    let others: Vec<String> = ms
        .users
        .iter()
        .filter(|u| Some(*u) != member)
        .map(|u| {
            let what = if u.home_tenant != ms.tenant_id {
                "not in the tenant".to_owned()
            } else if u.roles.is_empty() {
                "no role".to_owned()
            } else {
                u.roles.join(", ")
            };
            format!("{} ({what})", u.upn)
        })
        .collect();
    if !others.is_empty() {
        text += &format!("              (also {})\n", others.join(", "));
    }
    text
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

    #[test]
    fn the_microsoft_banner_names_tenant_client_id_urls_and_the_user() {
        let config = Config::demo("http://127.0.0.1:8700", "http://127.0.0.1:8700/");
        let text = microsoft_banner("http://127.0.0.1:8701/", &config.microsoft);
        assert!(text.contains("Tenant:                  contoso.onmicrosoft.com (or 4f8c2b1a-"));
        assert!(text.contains("Application (client) ID: 0c6f3e2d-8b1a-4c5d-9e7f-3a2b1c0d9e8f\n"));
        assert!(text.contains("Sign-in authority:       http://127.0.0.1:8701\n"));
        assert!(text.contains("Microsoft Graph:         http://127.0.0.1:8701\n"));
        assert!(text.contains("Sign in as: adele.vance@contoso.onmicrosoft.com / sandbox-demo\n"));
        assert!(text.contains("megan.bowen@contoso.onmicrosoft.com (Security Reader)"));
        assert!(text.contains("lee.gu@fabrikam.onmicrosoft.com (not in the tenant)"));
    }

    #[test]
    fn the_instance_banner_names_what_to_register() {
        let instance = deploy::instance("acme").unwrap();
        let connect_src = ["https://acme.service-now.com".to_owned()];
        let text = instance_banner(
            "http://127.0.0.1:8700",
            &instance,
            Some("c1d2"),
            &connect_src,
        )
        .unwrap();
        assert!(text.contains("Open http://127.0.0.1:8700/ in a browser"));
        assert!(text.contains("Instance:   https://acme.service-now.com\n"));
        assert!(text.contains("Client ID:  c1d2\n"));
        assert!(text.contains("Redirect URL:     http://127.0.0.1:8700/\n"));
        assert!(text.contains("Domain: http://127.0.0.1:8700\n"));
        assert!(text.contains("glide.oauth.cors.allowed.origin: 127.0.0.1\n"));
        assert!(text.contains("create it in sys_properties"));
        assert!(text.contains("connect-src 'self' https://acme.service-now.com\n"));
        assert!(
            !text.contains("Sign in as"),
            "no sandbox user for a real instance"
        );
    }
}
