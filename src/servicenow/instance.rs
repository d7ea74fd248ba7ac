//! The address of a ServiceNow instance, parsed from what a person types.
//!
//! Accepts `acme`, `acme.service-now.com` or a full `https://` URL; plain `http` only for a
//! loopback address (the local sandbox instance). Only the origin is kept: a pasted link
//! into the instance's UI still names the instance.

use std::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use url::{Host, Url};

/// The suffix of ServiceNow-hosted instances, appended to a bare instance name.
const HOSTED_SUFFIX: &str = ".service-now.com";

/// Why a typed instance address was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InstanceError {
    #[error("no instance given")]
    Empty,
    #[error("plain http is only allowed for a loopback address")]
    InsecureScheme,
    #[error("unsupported scheme {0}")]
    UnsupportedScheme(String),
    #[error("an instance address must not carry a user name or password")]
    Credentials,
    #[error("not an instance name or address")]
    Invalid,
}

/// The origin of a ServiceNow instance, e.g. `https://acme.service-now.com`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InstanceUrl(Url);

impl InstanceUrl {
    /// Parses what a person typed into the "Instance" field.
    pub fn parse(input: &str) -> Result<Self, InstanceError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(InstanceError::Empty);
        }
        let candidate = if input.contains("://") {
            input.to_owned()
        } else if is_bare_name(input) {
            format!("https://{}{HOSTED_SUFFIX}", input.to_ascii_lowercase())
        } else if is_loopback_host(host_part(input)) {
            format!("http://{input}")
        } else {
            format!("https://{input}")
        };
        let url = Url::parse(&candidate).map_err(|_| InstanceError::Invalid)?;
        match url.scheme() {
            "https" => {}
            "http" if url.host().is_some_and(|h| is_loopback(&h)) => {}
            "http" => return Err(InstanceError::InsecureScheme),
            other => return Err(InstanceError::UnsupportedScheme(other.to_owned())),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(InstanceError::Credentials);
        }
        match url.host() {
            Some(Host::Domain(d)) if d.contains('.') || d == "localhost" => {}
            Some(Host::Ipv4(_) | Host::Ipv6(_)) => {}
            _ => return Err(InstanceError::Invalid),
        }
        let origin = url.origin().ascii_serialization();
        Url::parse(&origin)
            .map(Self)
            .map_err(|_| InstanceError::Invalid)
    }

    /// The origin without a trailing slash, e.g. `https://acme.service-now.com`.
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    /// The host (and port, when not the default) a person recognises the instance by.
    pub fn host_label(&self) -> String {
        let host = self.0.host_str().unwrap_or_default();
        match self.0.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }

    /// An absolute URL on the instance for `path` (which starts with `/`).
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.as_str())
    }

    /// The authorization endpoint.
    pub fn authorize_url(&self) -> String {
        self.join("/oauth_auth.do")
    }

    /// The token endpoint, unless an administrator points it at a same-origin proxy.
    pub fn token_url(&self) -> String {
        self.join("/oauth_token.do")
    }

    /// The token revocation endpoint.
    pub fn revoke_url(&self) -> String {
        self.join("/oauth_revoke_token.do")
    }

    /// Where a record opens in the instance's UI.
    pub fn record_url(&self, table: &str, sys_id: &str) -> String {
        let target = format!("{table}.do?sys_id={sys_id}");
        let encoded: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
        self.join(&format!("/nav_to.do?uri={encoded}"))
    }
}

impl fmt::Display for InstanceUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for InstanceUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "InstanceUrl({})", self.as_str())
    }
}

impl TryFrom<String> for InstanceUrl {
    type Error = InstanceError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<InstanceUrl> for String {
    fn from(value: InstanceUrl) -> Self {
        value.as_str().to_owned()
    }
}

/// `acme`, `acme-dev`: an instance name without a domain.
fn is_bare_name(input: &str) -> bool {
    let mut chars = input.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && input.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !input.eq_ignore_ascii_case("localhost")
}

/// The host of a scheme-less `host[:port][/path]`, brackets kept for IPv6.
fn host_part(input: &str) -> &str {
    let authority = input.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.starts_with('[') {
        return authority.split(']').next().map_or(authority, |h| &h[1..]);
    }
    authority.split(':').next().unwrap_or_default()
}

fn is_loopback_host(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> String {
        InstanceUrl::parse(input)
            .map(|u| u.to_string())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn accepts_the_three_documented_forms() {
        assert_eq!(ok("acme"), "https://acme.service-now.com");
        assert_eq!(ok("  Acme-Dev "), "https://acme-dev.service-now.com");
        assert_eq!(ok("acme.service-now.com"), "https://acme.service-now.com");
        assert_eq!(
            ok("https://acme.service-now.com/"),
            "https://acme.service-now.com"
        );
        assert_eq!(
            ok("https://acme.service-now.com/now/nav/ui/home?x=1#y"),
            "https://acme.service-now.com"
        );
        assert_eq!(
            ok("https://servicenow.example.org:8443"),
            "https://servicenow.example.org:8443"
        );
    }

    #[test]
    fn allows_http_only_on_loopback() {
        assert_eq!(ok("http://127.0.0.1:8701"), "http://127.0.0.1:8701");
        assert_eq!(ok("127.0.0.1:8701"), "http://127.0.0.1:8701");
        assert_eq!(ok("localhost:8701"), "http://localhost:8701");
        assert_eq!(ok("http://[::1]:8701"), "http://[::1]:8701");
        assert_eq!(
            InstanceUrl::parse("http://acme.service-now.com"),
            Err(InstanceError::InsecureScheme)
        );
        assert_eq!(
            InstanceUrl::parse("http://10.0.0.5"),
            Err(InstanceError::InsecureScheme)
        );
    }

    #[test]
    fn rejects_what_is_not_an_instance() {
        assert_eq!(InstanceUrl::parse("   "), Err(InstanceError::Empty));
        assert_eq!(
            InstanceUrl::parse("ftp://acme.service-now.com"),
            Err(InstanceError::UnsupportedScheme("ftp".into()))
        );
        assert_eq!(
            InstanceUrl::parse("javascript:alert(1)"),
            Err(InstanceError::Invalid)
        );
        assert_eq!(
            InstanceUrl::parse("https://bob:pw@acme.service-now.com"),
            Err(InstanceError::Credentials)
        );
        assert_eq!(InstanceUrl::parse("acme corp"), Err(InstanceError::Invalid));
        assert_eq!(
            InstanceUrl::parse("https://intranet"),
            Err(InstanceError::Invalid)
        );
        assert_eq!(InstanceUrl::parse("-acme"), Err(InstanceError::Invalid));
    }

    #[test]
    fn builds_endpoints_and_record_links() {
        let instance = InstanceUrl::parse("acme").expect("valid");
        assert_eq!(
            instance.authorize_url(),
            "https://acme.service-now.com/oauth_auth.do"
        );
        assert_eq!(
            instance.token_url(),
            "https://acme.service-now.com/oauth_token.do"
        );
        assert_eq!(instance.host_label(), "acme.service-now.com");
        assert_eq!(
            instance.record_url("incident", "abc123"),
            "https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsys_id%3Dabc123"
        );
    }

    #[test]
    fn round_trips_through_serde_and_rejects_bad_stored_values() {
        let instance = InstanceUrl::parse("http://127.0.0.1:8701").expect("valid");
        let json = serde_json::to_string(&instance).expect("serialize");
        assert_eq!(json, "\"http://127.0.0.1:8701\"");
        assert_eq!(
            serde_json::from_str::<InstanceUrl>(&json).ok(),
            Some(instance)
        );
        assert!(serde_json::from_str::<InstanceUrl>("\"http://evil.example\"").is_err());
    }
}
