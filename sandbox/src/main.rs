//! `snowcard-sandbox`: runs a local ServiceNow stand-in for the snowcard app, with the
//! Microsoft identity platform and Graph stand-in on the same port, until Ctrl-C.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use snowcard_sandbox::microsoft::{MicrosoftConfig, MS_PASSWORD};
use snowcard_sandbox::{
    Config, Sandbox, DEMO_CLIENT_ID, PORTAL_ELEMENT_CLIENT_ID, PORTAL_MOUNTED_CLIENT_ID,
};

const USAGE: &str = "usage: snowcard-sandbox [--port 8701] [--app-origin http://127.0.0.1:8700] \
[--redirect-uri http://127.0.0.1:8700/] [--access-token-ttl SECS] [--cors-max-age SECS] \
[--restrict-user-api] [--no-seed] [--refresh-tokens] [--rfc6749-token-errors] [--strict] [--no-iss] \
[--mandatory TABLE=FIELD[,FIELD…]]… [--type-based-changes] \
[--ms-consent-missing] [--ms-redirect-type-web] [--ms-user-not-in-tenant] [--ms-admin-consented] \
[--ms-keep-used-refresh-tokens] [--ms-page-size N]";

struct Args {
    port: u16,
    app_origin: String,
    redirect_uri: String,
    access_token_ttl: Option<u64>,
    /// The CORS rule's max age; ServiceNow's default is 0 (every call preflighted).
    cors_max_age: u32,
    restrict_user_api: bool,
    seed: bool,
    refresh_tokens: bool,
    rfc6749_token_errors: bool,
    /// Refresh tokens issued, rotated on every refresh, a reused one revoking its grant.
    strict: bool,
    send_iss: bool,
    /// Data policies: (table, fields).
    mandatory: Vec<(String, Vec<String>)>,
    type_based_changes: bool,
    /// The Microsoft stand-in's switches.
    ms: MsFlags,
}

#[derive(Default)]
struct MsFlags {
    consent_missing: bool,
    redirect_type_web: bool,
    user_not_in_tenant: bool,
    admin_consented: bool,
    keep_used_refresh_tokens: bool,
    page_size: Option<usize>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut out = Args {
        port: 8701,
        app_origin: "http://127.0.0.1:8700".to_owned(),
        redirect_uri: "http://127.0.0.1:8700/".to_owned(),
        access_token_ttl: None,
        cors_max_age: 0,
        restrict_user_api: false,
        seed: true,
        refresh_tokens: false,
        rfc6749_token_errors: false,
        strict: false,
        send_iss: true,
        mandatory: Vec::new(),
        type_based_changes: false,
        ms: MsFlags::default(),
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => {
                out.port = value()?
                    .parse()
                    .map_err(|_| "--port must be a port number")?
            }
            "--app-origin" => out.app_origin = value()?,
            "--redirect-uri" => out.redirect_uri = value()?,
            "--access-token-ttl" => {
                let secs = value()?
                    .parse()
                    .map_err(|_| "--access-token-ttl must be seconds")?;
                out.access_token_ttl = Some(secs);
            }
            "--cors-max-age" => {
                out.cors_max_age = value()?
                    .parse()
                    .map_err(|_| "--cors-max-age must be seconds")?
            }
            "--restrict-user-api" => out.restrict_user_api = true,
            "--no-seed" => out.seed = false,
            "--refresh-tokens" => out.refresh_tokens = true,
            "--rfc6749-token-errors" => out.rfc6749_token_errors = true,
            "--strict" => out.strict = true,
            "--no-iss" => out.send_iss = false,
            "--mandatory" => {
                let spec = value()?;
                let (table, fields) = spec
                    .split_once('=')
                    .ok_or("--mandatory takes TABLE=FIELD[,FIELD…]")?;
                let fields = fields.split(',').map(|f| f.trim().to_owned()).collect();
                out.mandatory.push((table.trim().to_owned(), fields));
            }
            "--type-based-changes" => out.type_based_changes = true,
            "--ms-consent-missing" => out.ms.consent_missing = true,
            "--ms-redirect-type-web" => out.ms.redirect_type_web = true,
            "--ms-user-not-in-tenant" => out.ms.user_not_in_tenant = true,
            "--ms-admin-consented" => out.ms.admin_consented = true,
            "--ms-keep-used-refresh-tokens" => out.ms.keep_used_refresh_tokens = true,
            "--ms-page-size" => {
                let size: usize = value()?
                    .parse()
                    .map_err(|_| "--ms-page-size must be a number")?;
                out.ms.page_size = Some(size.max(1));
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(out)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut config = Config::demo(&args.app_origin, &args.redirect_uri);
    config.addr = SocketAddr::from((Ipv4Addr::LOCALHOST, args.port));
    config.seed = args.seed;
    config.cors_max_age_secs = args.cors_max_age;
    config.user_api_restricted = args.restrict_user_api;
    // Strict mode is about refresh tokens: it issues them too.
    config.public_refresh_tokens = args.refresh_tokens || args.strict;
    config.strict = args.strict;
    config.rfc6749_token_errors = args.rfc6749_token_errors;
    config.send_iss = args.send_iss;
    config.change_models = !args.type_based_changes;
    config
        .mandatory_fields
        .extend(args.mandatory.iter().cloned());
    if let Some(secs) = args.access_token_ttl {
        config.access_token_ttl = Duration::from_secs(secs);
    }
    let ms = &mut config.microsoft;
    ms.consent_missing = args.ms.consent_missing;
    ms.redirect_type_web = args.ms.redirect_type_web;
    ms.user_not_in_tenant = args.ms.user_not_in_tenant;
    ms.admin_consented = args.ms.admin_consented;
    ms.revoke_used_refresh_tokens = !args.ms.keep_used_refresh_tokens;
    if let Some(size) = args.ms.page_size {
        ms.graph_page_size = size;
    }
    let microsoft = config.microsoft.clone();
    let users = config.users.clone();
    let sandbox = match Sandbox::start(config).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("cannot start the sandbox on port {}: {error}", args.port);
            return ExitCode::FAILURE;
        }
    };
    println!("ServiceNow sandbox instance: {}", sandbox.url());
    println!("OAuth client id:             {DEMO_CLIENT_ID} (public client, PKCE S256)");
    println!("Redirect URL:                {}", args.redirect_uri);
    let portal = snowcard_sandbox::portal_redirect_uri(&args.app_origin);
    println!("Demo portal clients:         {PORTAL_ELEMENT_CLIENT_ID}, {PORTAL_MOUNTED_CLIENT_ID} (redirect URL {portal})");
    println!(
        "CORS:                        API rule {}, glide.oauth.cors.allowed.origin {}, max age {} s",
        args.app_origin,
        snowcard_sandbox::host_of(&args.app_origin),
        args.cors_max_age
    );
    println!("Users:");
    for user in &users {
        let roles = user.roles.join(", ");
        println!(
            "  {:<22} {:<14} {} ({roles})",
            user.user_name,
            user.password,
            user.display_name()
        );
    }
    println!(
        "Refresh tokens for public clients: {}",
        if args.strict {
            "issued, rotated on every refresh; a reused one revokes its grant (--strict)"
        } else if args.refresh_tokens {
            "issued (--refresh-tokens)"
        } else {
            "none, as documented"
        }
    );
    println!("Controls: POST /sandbox/faults, POST /sandbox/expire-tokens, PUT /sandbox/cors, GET /sandbox/records/{{table}}");
    println!("          GET|DELETE /sandbox/requests, PUT /sandbox/user-api");
    println!("          PUT /sandbox/oauth, POST /sandbox/token-faults, POST /sandbox/expire-refresh-tokens");
    println!("          PUT /sandbox/mandatory-fields, PUT /sandbox/change-models");
    print!("{}", microsoft_banner(&sandbox.url(), &microsoft));
    println!("Press Ctrl-C to stop.");
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("cannot listen for Ctrl-C: {error}");
    }
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}

/// How to reach the Microsoft stand-in and whom to sign in as.
fn microsoft_banner(url: &str, ms: &MicrosoftConfig) -> String {
    let mut text = format!(
        "Microsoft 365 (same port):\n  Sign-in authority: {url}\n  Microsoft Graph:   {url}\n  \
         Tenant:            {} or {} ({})\n  Application (client) ID: {} (SPA redirect URIs: {})\n  \
         Users (password {MS_PASSWORD}):\n",
        ms.tenant_domain,
        ms.tenant_id,
        ms.tenant_name,
        ms.app.client_id,
        ms.app.spa_redirect_uris.join(", "),
    );
    for user in &ms.users {
        let roles = if user.roles.is_empty() {
            "no role".to_owned()
        } else {
            user.roles.join(", ")
        };
        let member = if user.home_tenant == ms.tenant_id {
            roles
        } else {
            "another tenant's user".to_owned()
        };
        text += &format!("    {:<38} {member}\n", user.upn);
    }
    text += "  Controls: PUT /sandbox/microsoft/switches, POST /sandbox/microsoft/faults, \
             POST /sandbox/microsoft/expire-tokens,\n            POST /sandbox/microsoft/expire-refresh-tokens, \
             GET|DELETE /sandbox/microsoft/requests, GET /sandbox/microsoft/profiles/{id}, \
             PUT /sandbox/microsoft/roles\n";
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Args, String> {
        parse(list.iter().map(|a| (*a).to_owned()))
    }

    #[test]
    fn data_policies_and_type_based_changes_are_flags() {
        let parsed = args(&[
            "--mandatory",
            "change_request=assignment_group, category",
            "--mandatory",
            "incident=assignment_group",
            "--type-based-changes",
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            parsed.mandatory,
            [
                (
                    "change_request".to_owned(),
                    vec!["assignment_group".to_owned(), "category".to_owned()]
                ),
                ("incident".to_owned(), vec!["assignment_group".to_owned()])
            ]
        );
        assert!(parsed.type_based_changes);
        let defaults = args(&[]).unwrap_or_else(|e| panic!("{e}"));
        assert!(defaults.mandatory.is_empty() && !defaults.type_based_changes);
        assert!(args(&["--mandatory", "no-equals-sign"]).is_err());
    }

    #[test]
    fn strict_is_a_flag_and_off_by_default() {
        assert!(args(&["--strict"]).is_ok_and(|a| a.strict));
        assert!(args(&[]).is_ok_and(|a| !a.strict && !a.refresh_tokens));
    }

    #[test]
    fn microsoft_switches_are_flags_and_the_banner_names_tenant_client_and_users() {
        let parsed = args(&["--ms-consent-missing", "--ms-page-size", "100"])
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(parsed.ms.consent_missing && !parsed.ms.redirect_type_web);
        assert_eq!(parsed.ms.page_size, Some(100));
        assert!(args(&["--ms-page-size", "many"]).is_err());
        let config = Config::demo("http://127.0.0.1:8700", "http://127.0.0.1:8700/");
        let text = microsoft_banner("http://127.0.0.1:8701", &config.microsoft);
        assert!(text.contains("Sign-in authority: http://127.0.0.1:8701\n"));
        assert!(text.contains("contoso.onmicrosoft.com or 4f8c2b1a-7d3e-4a6b-9c5d-2e1f0a9b8c7d"));
        assert!(text.contains("Application (client) ID: 0c6f3e2d-8b1a-4c5d-9e7f-3a2b1c0d9e8f"));
        assert!(text.contains("adele.vance@contoso.onmicrosoft.com"));
        assert!(text.contains("Security Reader, Security Administrator"));
    }
}
