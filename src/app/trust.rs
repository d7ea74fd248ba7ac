//! Where tokens can be sent: what the embedding page's *code* allows beyond the defaults.
//!
//! Whoever the token URL names receives the authorization code, the PKCE verifier and every
//! refresh token; whoever the Microsoft sign-in authority names receives the same for
//! Microsoft 365. A person's typing (or a CMS writing attributes) may only point them at
//! this page's origin or the instance's (ServiceNow), or at a known Microsoft cloud
//! (Microsoft 365). Another origin is trusted only when code sets it: the `mount()` /
//! `update()` options `tokenUrl`, `microsoftAuthority`, `microsoftGraph`, or the build
//! settings the standalone page reads (`data-token-url`, …, written by `cargo xtask build`).
//! No HTML attribute of `<snowcard-app>` maps to them (see `embed_tests`).
//!
//! The other way round, a portal can *narrow* where a component connects:
//! `allowed-instances` (attribute or option), checked before the browser leaves to sign in.

use thiserror::Error;
use url::Url;

use crate::servicenow::InstanceUrl;

/// The policy in force for one component.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trust {
    /// A token URL the page's code set: its origin may receive tokens; it also fills the
    /// "Token URL" field when nothing was typed yet.
    pub token_url: Option<Url>,
    /// The instances this component may connect to; empty: any instance.
    pub allowed_instances: Vec<InstanceUrl>,
    /// A Microsoft sign-in authority the page's code set (besides the known clouds).
    pub microsoft_authority: Option<Url>,
    /// A Microsoft Graph root the page's code set (besides the known clouds).
    pub microsoft_graph: Option<Url>,
}

/// An `allowed-instances` entry, or a code-set address, that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TrustError {
    #[error(
        "allowed-instances entry {0:?} is not an instance: give `acme`, \
         `acme.service-now.com` or `https://acme.service-now.com`, separated by spaces or commas"
    )]
    Instance(String),
    #[error(
        "{option} {value:?} is not usable: give an absolute https:// URL \
         (plain http only for a loopback address)"
    )]
    Address { option: &'static str, value: String },
}

/// The instance a sign-in was about to go to is not one the page allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAllowed {
    /// The instance refused, as its host.
    pub instance: String,
    /// The hosts that are allowed, comma separated.
    pub allowed: String,
}

impl Trust {
    /// Whether `instance` may be connected to.
    pub fn check_instance(&self, instance: &InstanceUrl) -> Result<(), NotAllowed> {
        if self.allowed_instances.is_empty() || self.allowed_instances.contains(instance) {
            Ok(())
        } else {
            Err(NotAllowed {
                instance: instance.host_label(),
                allowed: self.allowed_hosts(),
            })
        }
    }

    /// The allowed instances' hosts, as the refusal names them.
    pub fn allowed_hosts(&self) -> String {
        self.allowed_instances
            .iter()
            .map(InstanceUrl::host_label)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether a token URL on `origin` was set by code.
    pub fn trusts_token_origin(&self, url: &Url) -> bool {
        self.token_url
            .as_ref()
            .is_some_and(|trusted| trusted.origin() == url.origin())
    }

    /// Whether a token URL may receive a sign-in at `instance`: on this page's origin, the
    /// instance's, or an origin the page's code set. Whoever it names receives the code, the
    /// verifier and every refresh token; the same rule holds for a typed token URL and for
    /// one a stored session carries.
    pub fn allows_token_url(&self, url: &Url, page: &Url, instance: Option<&InstanceUrl>) -> bool {
        let on_instance = instance
            .and_then(|instance| Url::parse(instance.as_str()).ok())
            .is_some_and(|instance| instance.origin() == url.origin());
        url.origin() == page.origin() || on_instance || self.trusts_token_origin(url)
    }

    /// Whether the page's code set a Microsoft authority or Graph on `url`'s origin.
    pub fn trusts_microsoft_origin(&self, url: &Url) -> bool {
        [&self.microsoft_authority, &self.microsoft_graph]
            .into_iter()
            .flatten()
            .any(|trusted| trusted.origin() == url.origin())
    }
}

/// Reads `allowed-instances`: entries separated by spaces and/or commas, each as the setup
/// page reads an instance; a malformed one is refused with what to write instead.
pub fn parse_allowed_instances(text: &str) -> Result<Vec<InstanceUrl>, TrustError> {
    let mut allowed: Vec<InstanceUrl> = Vec::new();
    for entry in text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|e| !e.is_empty())
    {
        let instance =
            InstanceUrl::parse(entry).map_err(|_| TrustError::Instance(entry.to_owned()))?;
        if !allowed.contains(&instance) {
            allowed.push(instance);
        }
    }
    Ok(allowed)
}

/// Reads an address set by code (`tokenUrl`, `microsoftAuthority`, `microsoftGraph`): an
/// absolute URL, https, or plain http on a loopback address (the sandbox).
pub fn parse_code_address(option: &'static str, value: &str) -> Result<Url, TrustError> {
    let refused = || TrustError::Address {
        option,
        value: value.to_owned(),
    };
    let url = Url::parse(value.trim()).map_err(|_| refused())?;
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => return Err(refused()),
    };
    let secure = url.scheme() == "https" || (url.scheme() == "http" && loopback);
    if !secure || !url.username().is_empty() || url.password().is_some() {
        return Err(refused());
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instance(text: &str) -> InstanceUrl {
        InstanceUrl::parse(text).expect("instance")
    }

    #[test]
    fn allowed_instances_read_spaces_commas_and_every_instance_form() {
        let allowed = parse_allowed_instances(
            " acme, https://dev.service-now.com/now/nav  acme.service-now.com,,",
        )
        .expect("valid");
        assert_eq!(
            allowed,
            [instance("acme"), instance("dev")],
            "each once, in the order given"
        );
        assert_eq!(parse_allowed_instances("  "), Ok(vec![]));
    }

    #[test]
    fn a_malformed_entry_is_refused_by_name() {
        let error = parse_allowed_instances("acme http://evil.example").expect_err("refused");
        assert_eq!(error, TrustError::Instance("http://evil.example".into()));
        assert!(error.to_string().contains("acme.service-now.com"));
    }

    #[test]
    fn only_the_allowed_instances_pass_and_the_refusal_names_them() {
        let trust = Trust {
            allowed_instances: vec![instance("acme"), instance("dev")],
            ..Trust::default()
        };
        assert_eq!(trust.check_instance(&instance("acme")), Ok(()));
        assert_eq!(
            trust.check_instance(&instance("evil")),
            Err(NotAllowed {
                instance: "evil.service-now.com".into(),
                allowed: "acme.service-now.com, dev.service-now.com".into(),
            })
        );
        assert_eq!(
            Trust::default().check_instance(&instance("evil")),
            Ok(()),
            "nothing pinned: any instance"
        );
    }

    #[test]
    fn code_addresses_are_absolute_and_secure() {
        assert!(parse_code_address("tokenUrl", "https://proxy.example/t").is_ok());
        assert!(parse_code_address("tokenUrl", "http://127.0.0.1:8701/t").is_ok());
        for bad in [
            "/relative",
            "http://proxy.example/t",
            "ftp://x/",
            "https://u:p@x/",
        ] {
            assert!(parse_code_address("tokenUrl", bad).is_err(), "{bad}");
        }
    }
}
