//! Serving and building for a real instance: what `--instance`, `--token-url` and
//! `--client-id` mean, the origins they add to the pages' Content-Security-Policy
//! (`connect-src`), and the values an administrator registers on the instance.
//!
//! The instance is parsed by the very code the setup page uses
//! (`src/servicenow/instance.rs`), so `acme`, `acme.service-now.com` and
//! `https://acme.service-now.com` mean the same here as there.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use snowcard_sandbox::app_host::{page_policy, with_meta_policy};
use url::Url;

#[allow(dead_code)] // Only `parse` and `as_str` are needed here.
#[path = "../../src/servicenow/instance.rs"]
mod instance;

use instance::InstanceError;
pub use instance::InstanceUrl;

/// The pages of `dist/` that carry a CSP `<meta>`: the app's own page and the demo portal.
pub const PAGES: [&str; 2] = ["index.html", "www/portal/index.html"];

/// The `<meta>` a page must carry for its policy to be rewritten.
const META: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// The instance's origin from what a person would type on the setup page; plain http only
/// for a loopback address, as there.
pub fn instance(input: &str) -> Result<InstanceUrl> {
    InstanceUrl::parse(input).map_err(|error| match error {
        InstanceError::InsecureScheme => anyhow::anyhow!(
            "--instance {input}: ServiceNow instances are served over https; plain http is \
             only allowed for a loopback address (a local sandbox). Use https://…"
        ),
        other => anyhow::anyhow!(
            "--instance {input}: {other}. Give the instance as `acme`, \
             `acme.service-now.com` or `https://acme.service-now.com`."
        ),
    })
}

/// The origin the page must be allowed to call for a token URL: `None` for a path on the
/// page's own origin (`/servicenow/oauth_token.do`), which `'self'` already allows.
pub fn token_url_origin(input: &str) -> Result<Option<String>> {
    let input = input.trim();
    if input.starts_with('/') && !input.starts_with("//") {
        return Ok(None);
    }
    let url = Url::parse(input).map_err(|_| {
        anyhow::anyhow!(
            "--token-url {input}: not a URL. Give an absolute https URL \
             (https://proxy.example/oauth_token.do) or a path on the page's origin \
             (/servicenow/oauth_token.do)."
        )
    })?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        _ => bail!(
            "--token-url {input}: the token URL must be https (plain http only for a \
             loopback address), or a path on the page's origin."
        ),
    }
    Ok(Some(url.origin().ascii_serialization()))
}

/// Microsoft 365's global cloud, the app's defaults for "Sign-in authority" and "Microsoft
/// Graph": the token endpoint and Graph are fetched, so `connect-src` must name both.
pub const MICROSOFT_CLOUD: [&str; 2] = [
    "https://login.microsoftonline.com",
    "https://graph.microsoft.com",
];

/// The origin of a Microsoft sign-in authority or Graph given as `--microsoft-authority` /
/// `--microsoft-graph` (a national cloud such as `https://login.microsoftonline.us` with
/// `https://graph.microsoft.us`): https only.
pub fn microsoft_origin(flag: &str, input: &str) -> Result<String> {
    match Url::parse(input.trim()) {
        Ok(url) if url.scheme() == "https" && url.host().is_some() => {
            Ok(url.origin().ascii_serialization())
        }
        _ => bail!(
            "{flag} {input}: give the cloud's https address, e.g. \
             https://login.microsoftonline.us (authority) or https://graph.microsoft.us (Graph)."
        ),
    }
}

/// The `connect-src` origins a Microsoft 365 option of `build` or `serve` adds: `--microsoft`
/// (the global cloud), `--microsoft-authority URL`, `--microsoft-graph URL`; `None` for
/// another option. `value` reads the option's URL.
pub fn microsoft_option(
    flag: &str,
    value: impl FnOnce() -> Result<String>,
) -> Option<Result<Vec<String>>> {
    match flag {
        "--microsoft" => Some(Ok(MICROSOFT_CLOUD.map(str::to_owned).to_vec())),
        "--microsoft-authority" | "--microsoft-graph" => Some(
            value()
                .and_then(|v| microsoft_origin(flag, &v))
                .map(|o| vec![o]),
        ),
        _ => None,
    }
}

/// `cargo xtask build`'s options: the origins to allow in `connect-src`, in the order
/// given, each once. Empty: the build is as always (the sandbox's origin).
pub fn parse_build_args(args: &[String]) -> Result<Vec<String>> {
    let mut origins: Vec<String> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .with_context(|| format!("{flag} needs a URL"))
        };
        let added: Vec<String> = match flag {
            "--instance" | "--allowed-instance" => {
                vec![instance(&value()?)?.as_str().to_owned()]
            }
            "--token-url" => token_url_origin(&value()?)?.into_iter().collect(),
            // `--microsoft` takes no value, even `--microsoft=…`.
            "--microsoft" if inline.is_some() => bail!("--microsoft takes no value"),
            _ => match microsoft_option(flag, &mut value) {
                Some(origins) => origins?,
                None => bail!(
                    "unknown option `{arg}` for build; it takes --instance URL (repeatable), \
                     --allowed-instance URL (repeatable), --token-url URL, and for Microsoft 365 --microsoft (the global cloud) or \
                     --microsoft-authority URL with --microsoft-graph URL (a national cloud)"
                ),
            },
        };
        for origin in added {
            if !origins.contains(&origin) {
                origins.push(origin);
            }
        }
    }
    Ok(origins)
}

/// What `cargo xtask build`'s options tell the standalone page's code (`www/boot.js` reads
/// them from `<main id="snowcard">`): `data-token-url` for an absolute `--token-url` (a proxy
/// on another origin is trusted only when set this way or by `mount()`), `data-allowed-
/// instances` for every `--allowed-instance`, and `data-microsoft-authority` /
/// `data-microsoft-graph`. Call after [`parse_build_args`] accepted `args`.
pub fn build_page_attributes(args: &[String]) -> Result<Vec<(&'static str, String)>> {
    let mut attributes: Vec<(&'static str, String)> = Vec::new();
    let mut allowed: Vec<String> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .with_context(|| format!("{flag} needs a URL"))
        };
        match flag {
            "--allowed-instance" => {
                let origin = instance(&value()?)?.as_str().to_owned();
                if !allowed.contains(&origin) {
                    allowed.push(origin);
                }
            }
            "--token-url" => {
                let url = value()?;
                if token_url_origin(&url)?.is_some() {
                    attributes.push(("data-token-url", url.trim().to_owned()));
                }
            }
            "--microsoft-authority" => {
                attributes.push(("data-microsoft-authority", value()?.trim().to_owned()))
            }
            "--microsoft-graph" => {
                attributes.push(("data-microsoft-graph", value()?.trim().to_owned()))
            }
            "--instance" => {
                value()?;
            }
            _ => {}
        }
    }
    if !allowed.is_empty() {
        attributes.push(("data-allowed-instances", allowed.join(" ")));
    }
    Ok(attributes)
}

/// `html` with `attributes` added to its `<main id="snowcard">`, escaped.
pub fn with_root_attributes(html: &str, attributes: &[(&str, String)]) -> Result<String> {
    const ROOT: &str = "<main id=\"snowcard\"";
    let Some(at) = html.find(ROOT).map(|i| i + ROOT.len()) else {
        bail!("index.html has no <main id=\"snowcard\"> to give the build settings to");
    };
    let added: String = attributes
        .iter()
        .map(|(name, value)| format!(" {name}=\"{}\"", escape(value)))
        .collect();
    Ok(format!("{}{added}{}", &html[..at], &html[at..]))
}

/// Writes the policy allowing `connect_src` into every page of [`PAGES`] under `dist`;
/// fails when a page has no policy to rewrite, rather than ship one that blocks them.
pub fn write_connect_src(dist: &Path, connect_src: &[String]) -> Result<Vec<PathBuf>> {
    let policy = page_policy(connect_src);
    let mut written = Vec::new();
    for page in PAGES {
        let path = dist.join(page);
        let html = fs::read_to_string(&path)
            .with_context(|| format!("could not read {}", path.display()))?;
        if !html.contains(META) {
            bail!(
                "{} has no <meta http-equiv=\"Content-Security-Policy\"> to write the \
                 instance into",
                path.display()
            );
        }
        fs::write(&path, with_meta_policy(&html, &policy))
            .with_context(|| format!("could not write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// What an administrator registers on the instance for the app page at `page_url`
/// (`http://127.0.0.1:8700/`): the redirect URL, the CORS rules' origin and the value of
/// `glide.oauth.cors.allowed.origin`, which ServiceNow documents as a single hostname or
/// `*` (platform-security/instance-security-hardening-settings/
/// sc-allow-cors-origins-for-oauth-endpoints.md).
#[derive(Debug, PartialEq, Eq)]
pub struct Registration {
    pub redirect_url: String,
    pub origin: String,
    pub oauth_cors_host: String,
}

impl Registration {
    pub fn for_page(page_url: &str) -> Result<Self> {
        let url = Url::parse(page_url).with_context(|| format!("{page_url} is not a URL"))?;
        Ok(Self {
            redirect_url: url.as_str().to_owned(),
            origin: url.origin().ascii_serialization(),
            oauth_cors_host: url.host_str().unwrap_or_default().to_owned(),
        })
    }
}

/// `html` (the app's `index.html`) with `data-instance` / `data-client-id` on its
/// `<main id="snowcard">`, which `www/boot.js` passes to `start()` to fill the setup page.
pub fn with_start_options(html: &str, instance: &str, client_id: Option<&str>) -> Result<String> {
    const ROOT: &str = "<main id=\"snowcard\"";
    let Some(at) = html.find(ROOT).map(|i| i + ROOT.len()) else {
        bail!("index.html has no <main id=\"snowcard\"> to give the instance to");
    };
    let mut attributes = format!(" data-instance=\"{}\"", escape(instance));
    if let Some(client_id) = client_id {
        attributes += &format!(" data-client-id=\"{}\"", escape(client_id));
    }
    Ok(format!("{}{attributes}{}", &html[..at], &html[at..]))
}

fn escape(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
#[path = "deploy_tests.rs"]
mod tests;
