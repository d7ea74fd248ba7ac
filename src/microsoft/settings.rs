//! Where and as whom the app signs in to Microsoft 365: the tenant, the application (client)
//! ID, the sign-in authority and the Microsoft Graph root, checked field by field the way
//! `app::setup` checks the ServiceNow form.
//!
//! The identity platform's `{tenant}` path segment takes a tenant identifier (the directory
//! ID, a GUID, or a verified domain name), `organizations`, `common` or `consumers`
//! (identity-platform/v2-oauth2-auth-code-flow.md, "Request an authorization code").
//! Secure Score is not available to personal Microsoft accounts ("Delegated (personal
//! Microsoft account): Not supported", graph api-reference/v1.0/api/security-list-securescores.md),
//! so `common` and `consumers` are refused with their own reason.

use std::fmt;

use oauth2::{ClientId, RedirectUrl};
use serde::{Deserialize, Serialize};
use url::{Host, Url};

use crate::app::trust::Trust;

/// The global cloud's sign-in authority.
pub const DEFAULT_AUTHORITY: &str = "https://login.microsoftonline.com";
/// The global cloud's Microsoft Graph.
pub const DEFAULT_GRAPH: &str = "https://graph.microsoft.com";

/// Which directory people sign in to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Tenant {
    /// The directory (tenant) ID, lower case.
    Id(String),
    /// A verified domain of the directory, e.g. `contoso.onmicrosoft.com`, lower case.
    Domain(String),
    /// Any work or school account; the directory is the signed-in user's.
    Organizations,
}

/// Why the typed tenant was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantError {
    Empty,
    /// `common` or `consumers`: they admit personal accounts, which have no Secure Score.
    PersonalAccounts,
    /// Neither a GUID, a domain name nor `organizations`.
    Invalid,
}

impl Tenant {
    /// Parses what a person typed into the "Tenant" field.
    pub fn parse(input: &str) -> Result<Self, TenantError> {
        let input = input.trim().to_ascii_lowercase();
        if input.is_empty() {
            return Err(TenantError::Empty);
        }
        if input == "organizations" {
            return Ok(Tenant::Organizations);
        }
        if input == "common" || input == "consumers" {
            return Err(TenantError::PersonalAccounts);
        }
        if is_guid(&input) {
            return Ok(Tenant::Id(input));
        }
        if is_domain(&input) {
            return Ok(Tenant::Domain(input));
        }
        Err(TenantError::Invalid)
    }

    /// The path segment of the endpoints.
    pub fn as_str(&self) -> &str {
        match self {
            Tenant::Id(id) => id,
            Tenant::Domain(domain) => domain,
            Tenant::Organizations => "organizations",
        }
    }
}

impl fmt::Display for Tenant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for Tenant {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Tenant::parse(&value).map_err(|e| format!("not a tenant: {e:?}"))
    }
}

impl From<Tenant> for String {
    fn from(value: Tenant) -> Self {
        value.as_str().to_owned()
    }
}

/// `8-4-4-4-12` hexadecimal digits.
pub fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// At least two labels of letters, digits and inner hyphens, ending in a letter label.
fn is_domain(text: &str) -> bool {
    let labels: Vec<&str> = text.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    labels.len() >= 2
        && text.len() <= 253
        && labels.iter().all(label_ok)
        && labels
            .last()
            .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Why a typed authority or Graph address was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointError {
    /// Plain `http` on a host that is not this machine.
    InsecureScheme,
    /// Neither `https` nor `http` (the field shows what was typed).
    UnsupportedScheme,
    Credentials,
    /// A query or fragment, which the endpoints' paths would be appended after.
    QueryOrFragment,
    Invalid,
    /// An https address of no known Microsoft cloud, not set by the page's code: it would
    /// receive the code and the PKCE verifier (or every Graph call's token).
    UnknownCloud,
}

/// The sign-in authorities of the Microsoft clouds: global, US Government, and China
/// operated by 21Vianet (microsoftgraph/microsoft-graph-docs-contrib concepts/deployments.md,
/// "App registration and token service root endpoints"; `login.partner.microsoftonline.cn`
/// is the China endpoint MicrosoftDocs' identity-platform authentication-national-cloud.md
/// names beside it).
pub const KNOWN_AUTHORITIES: [&str; 4] = [
    "login.microsoftonline.com",
    "login.microsoftonline.us",
    "login.chinacloudapi.cn",
    "login.partner.microsoftonline.cn",
];

/// Microsoft Graph's service roots: global, US Government L4 and L5 (DOD), China operated
/// by 21Vianet (concepts/deployments.md, "Microsoft Graph and Graph Explorer service root
/// endpoints").
pub const KNOWN_GRAPHS: [&str; 4] = [
    "graph.microsoft.com",
    "graph.microsoft.us",
    "dod-graph.microsoft.us",
    "microsoftgraph.chinacloudapi.cn",
];

/// An `https` origin with an optional path prefix and no trailing slash, e.g.
/// `https://login.microsoftonline.us`; plain `http` only on a loopback address (the sandbox).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Endpoint(Url);

impl Endpoint {
    /// Parses a typed address; a bare host name means `https`.
    pub fn parse(input: &str) -> Result<Self, EndpointError> {
        let input = input.trim();
        let candidate = if input.contains("://") {
            input.to_owned()
        } else {
            format!("https://{input}")
        };
        let url = Url::parse(&candidate).map_err(|_| EndpointError::Invalid)?;
        let host = url.host().ok_or(EndpointError::Invalid)?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&host) => {}
            "http" => return Err(EndpointError::InsecureScheme),
            _ => return Err(EndpointError::UnsupportedScheme),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(EndpointError::Credentials);
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(EndpointError::QueryOrFragment);
        }
        match host {
            Host::Domain(d) if d.contains('.') || d == "localhost" => {}
            Host::Ipv4(_) | Host::Ipv6(_) => {}
            Host::Domain(_) => return Err(EndpointError::Invalid),
        }
        Ok(Self(url))
    }

    /// The address without a trailing slash.
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }

    /// `scheme://host[:port]`, what a next link's origin is compared with.
    pub fn origin(&self) -> String {
        self.0.origin().ascii_serialization()
    }

    /// Whether this address may receive tokens: an https host of `known`, a loopback address
    /// (the sandbox), or an origin the page's code set (`trust`).
    fn is_allowed(&self, known: &[&str], trust: &Trust) -> bool {
        let known_host = self.0.scheme() == "https"
            && self.0.port().is_none()
            && self
                .0
                .host_str()
                .is_some_and(|host| known.iter().any(|k| k.eq_ignore_ascii_case(host)));
        let loopback = self.0.host().is_some_and(|host| is_loopback(&host));
        known_host || loopback || trust.trusts_microsoft_origin(&self.0)
    }

    /// `path` (starting with `/`) under this address.
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.as_str())
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Endpoint({})", self.as_str())
    }
}

impl TryFrom<String> for Endpoint {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Endpoint::parse(&value).map_err(|e| format!("not an endpoint: {e:?}"))
    }
}

impl From<Endpoint> for String {
    fn from(value: Endpoint) -> Self {
        value.as_str().to_owned()
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// The checked settings of one Microsoft 365 connection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantSettings {
    pub tenant: Tenant,
    pub client_id: ClientId,
    /// The sign-in authority, e.g. `https://login.microsoftonline.com`.
    pub authority: Endpoint,
    /// Microsoft Graph's root, e.g. `https://graph.microsoft.com`.
    pub graph: Endpoint,
    /// Must equal the SPA redirect URI registered for the application.
    pub redirect_uri: RedirectUrl,
    /// The person opted in to noting tickets on improvement actions (the ReadWrite scope).
    pub write: bool,
}

impl TenantSettings {
    /// `{authority}/{tenant}/oauth2/v2.0/{endpoint}`.
    pub fn endpoint(&self, endpoint: &str) -> String {
        self.authority
            .join(&format!("/{}/oauth2/v2.0/{endpoint}", self.tenant))
    }
}

/// The form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantDraft {
    pub tenant: String,
    pub client_id: String,
    /// Empty means [`DEFAULT_AUTHORITY`].
    #[serde(default)]
    pub authority: String,
    /// Empty means [`DEFAULT_GRAPH`].
    #[serde(default)]
    pub graph: String,
    #[serde(default)]
    pub write: bool,
}

/// A field's problem, shown beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldError {
    Tenant(TenantError),
    ClientIdEmpty,
    /// The application (client) ID the Entra admin center shows is a GUID.
    ClientIdNotGuid,
    Authority(EndpointError),
    Graph(EndpointError),
    /// The page's own address cannot be a redirect URI.
    RedirectUri,
}

/// Each field's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TenantCheck {
    pub tenant: Option<FieldError>,
    pub client_id: Option<FieldError>,
    pub authority: Option<FieldError>,
    pub graph: Option<FieldError>,
    pub redirect_uri: Option<FieldError>,
}

impl TenantCheck {
    pub fn is_ok(&self) -> bool {
        *self == TenantCheck::default()
    }
}

/// Checks every field at once, trusting no address beyond the known clouds and loopback; on
/// success, the settings to sign in with.
pub fn validate(draft: &TenantDraft, redirect_uri: &str) -> Result<TenantSettings, TenantCheck> {
    validate_trusting(draft, redirect_uri, &Trust::default())
}

/// [`validate`], also accepting the authority and Graph origins the page's code set.
pub fn validate_trusting(
    draft: &TenantDraft,
    redirect_uri: &str,
    trust: &Trust,
) -> Result<TenantSettings, TenantCheck> {
    let tenant = Tenant::parse(&draft.tenant).map_err(FieldError::Tenant);
    let client_id = check_client_id(&draft.client_id);
    let allowed = |endpoint: Endpoint, known: &[&str]| {
        if endpoint.is_allowed(known, trust) {
            Ok(endpoint)
        } else {
            Err(EndpointError::UnknownCloud)
        }
    };
    let authority = or_default(&draft.authority, DEFAULT_AUTHORITY)
        .and_then(|e| allowed(e, &KNOWN_AUTHORITIES))
        .map_err(FieldError::Authority);
    let graph = or_default(&draft.graph, DEFAULT_GRAPH)
        .and_then(|e| allowed(e, &KNOWN_GRAPHS))
        .map_err(FieldError::Graph);
    let redirect = RedirectUrl::new(redirect_uri.to_owned()).map_err(|_| FieldError::RedirectUri);
    match (tenant, client_id, authority, graph, redirect) {
        (Ok(tenant), Ok(client_id), Ok(authority), Ok(graph), Ok(redirect_uri)) => {
            Ok(TenantSettings {
                tenant,
                client_id,
                authority,
                graph,
                redirect_uri,
                write: draft.write,
            })
        }
        (tenant, client_id, authority, graph, redirect) => Err(TenantCheck {
            tenant: tenant.err(),
            client_id: client_id.err(),
            authority: authority.err(),
            graph: graph.err(),
            redirect_uri: redirect.err(),
        }),
    }
}

fn or_default(input: &str, default: &str) -> Result<Endpoint, EndpointError> {
    let input = input.trim();
    Endpoint::parse(if input.is_empty() { default } else { input })
}

fn check_client_id(input: &str) -> Result<ClientId, FieldError> {
    let id = input.trim().to_ascii_lowercase();
    if id.is_empty() {
        Err(FieldError::ClientIdEmpty)
    } else if !is_guid(&id) {
        Err(FieldError::ClientIdNotGuid)
    } else {
        Ok(ClientId::new(id))
    }
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
