//! What a sandbox instance is set up with: its OAuth clients, users, CORS settings and
//! token lifetimes, and the demo configuration the binary and end-to-end tests start from.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

/// The client id of the demo OAuth client: 32 hex characters, like ServiceNow's.
pub const DEMO_CLIENT_ID: &str = "9d4c3b2a1f0e4d5c8b7a6f5e4d3c2b1a";
/// Where the demo portal page (`www/portal/`) is served on the app's origin.
pub const PORTAL_PATH: &str = "/www/portal/";
/// The client id of the demo portal's `<snowcard-app>` element.
pub const PORTAL_ELEMENT_CLIENT_ID: &str = "4f1e2d3c4b5a49788796a5b4c3d2e1f0";
/// The client id of the demo portal's component mounted with `mount()`.
pub const PORTAL_MOUNTED_CLIENT_ID: &str = "a7b6c5d4e3f2410f9e8d7c6b5a4f3e2d";

/// ServiceNow's default access token lifetime (1800 s).
pub const DEFAULT_ACCESS_TOKEN_TTL: Duration = Duration::from_secs(1800);
/// ServiceNow's default refresh token lifetime (100 days).
pub const DEFAULT_REFRESH_TOKEN_TTL: Duration = Duration::from_secs(8_640_000);
/// How long an authorization code stays redeemable.
pub const DEFAULT_CODE_TTL: Duration = Duration::from_secs(60);

/// How one sandbox instance behaves.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The origin of the CORS rule for `/api/*`; `None` means no CORS rule exists.
    pub api_cors_origin: Option<String>,
    /// `glide.oauth.cors.allowed.origin` for `/oauth_token.do`: ServiceNow documents its
    /// value as "a single hostname" or `*` (an empty string, the default, blocks browsers;
    /// so does `None`). A value written as a whole origin is compared as one.
    pub oauth_cors_origin: Option<String>,
    /// The CORS rule's "Max age" in seconds (`Access-Control-Max-Age` on preflights). A new
    /// rule's max age is 0, so a browser preflights every API call that carries an
    /// `Authorization` header.
    pub cors_max_age_secs: u32,
    /// Whether a REST API access policy refuses the current-user API with 403 (none does
    /// on a new instance).
    pub user_api_restricted: bool,
    /// Whether users may read their own `sys_user_has_role` records (an instance's read
    /// ACL may hide them; administrators read them either way).
    pub own_roles_readable: bool,
    /// Registered OAuth clients (public clients, PKCE, no secret).
    pub clients: Vec<OAuthClient>,
    /// Users who can log in.
    pub users: Vec<SandboxUser>,
    /// Lifetime of access tokens.
    pub access_token_ttl: Duration,
    /// Lifetime of refresh tokens.
    pub refresh_token_ttl: Duration,
    /// Lifetime of authorization codes.
    pub code_ttl: Duration,
    /// Whether to load the realistic seed incidents and change requests.
    pub seed: bool,
    /// Whether public clients get a refresh token. ServiceNow's authorization-workflow
    /// documentation returns "an access token (and a refresh token, if it's a private
    /// client)" and calls renewal "private clients only", so the default is `false`; some
    /// releases do issue one (`true`, `--refresh-tokens`).
    pub public_refresh_tokens: bool,
    /// Whether the token endpoint refuses grants RFC 6749 style (`400`/`401`
    /// `invalid_grant`) instead of ServiceNow's `401 {"error":"server_error",
    /// "error_description":"access_denied"}` (the default, as instances answer).
    pub rfc6749_token_errors: bool,
    /// Strict mode, OAuth 2.1 as RFC 9700 recommends it rather than as ServiceNow answers:
    /// each refresh rotates the refresh token, a replaced one presented again revokes its
    /// whole grant (RFC 9700 section 4.14.2), and refusals are RFC 6749's `invalid_grant`.
    /// Stock ServiceNow returns the refresh token unchanged (`tokens.rs`), hence off by
    /// default. Public clients still get refresh tokens only with `public_refresh_tokens`.
    pub strict: bool,
    /// Whether authorization responses carry RFC 9207's `iss` (the instance's origin).
    pub send_iss: bool,
    /// Data policies: per table, the fields a new record must have (a base instance has
    /// none; instances commonly require `assignment_group`). A create without them is
    /// refused with ServiceNow's `403 Data Policy Exception`.
    pub mandatory_fields: BTreeMap<String, Vec<String>>,
    /// Whether change requests follow change models (`chg_model`), as on a new instance
    /// (the default); `false` is a type-based instance, with no `chg_model` table.
    pub change_models: bool,
    /// The Microsoft identity platform and Graph stand-in served alongside.
    pub microsoft: crate::microsoft::MicrosoftConfig,
}

/// An OAuth application registry entry for a public client.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuthClient {
    /// The client id the app sends.
    pub client_id: String,
    /// The name shown on the consent page.
    pub name: String,
    /// The one redirect URL registered for it; requests must match it exactly.
    pub redirect_uri: String,
}

impl OAuthClient {
    /// A registration from its parts.
    pub fn new(client_id: &str, name: &str, redirect_uri: &str) -> Self {
        OAuthClient {
            client_id: client_id.to_owned(),
            name: name.to_owned(),
            redirect_uri: redirect_uri.to_owned(),
        }
    }
}

/// The redirect URL of the demo portal served on `app_origin`: the page without query or
/// hash, which is what snowcard sends by default.
pub fn portal_redirect_uri(app_origin: &str) -> String {
    format!("{}{PORTAL_PATH}", app_origin.trim_end_matches('/'))
}

/// The host name of an origin (`http://127.0.0.1:8700` → `127.0.0.1`): what an
/// administrator enters in `glide.oauth.cors.allowed.origin`.
pub fn host_of(origin: &str) -> String {
    let rest = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or(rest);
    match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6).to_owned(),
        None => authority.split(':').next().unwrap_or(authority).to_owned(),
    }
}

/// A `sys_user` who can log in to the instance.
#[derive(Clone, PartialEq, Eq)]
pub struct SandboxUser {
    /// The login name (`sys_user.user_name`).
    pub user_name: String,
    /// The password typed on the login page.
    pub password: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Email address.
    pub email: String,
    /// Roles such as `itil`, `change_manager` or `admin`.
    pub roles: Vec<String>,
}

impl std::fmt::Debug for SandboxUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The password stays out of logs and test output.
        f.debug_struct("SandboxUser")
            .field("user_name", &self.user_name)
            .field("password", &"[redacted]")
            .field("roles", &self.roles)
            .finish_non_exhaustive()
    }
}

impl SandboxUser {
    /// A user from its parts; the email is derived from the user name.
    pub fn new(user_name: &str, password: &str, first: &str, last: &str, roles: &[&str]) -> Self {
        SandboxUser {
            user_name: user_name.to_owned(),
            password: password.to_owned(),
            first_name: first.to_owned(),
            last_name: last.to_owned(),
            email: format!("{user_name}@example.com"),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    /// "First Last", ServiceNow's display value for a user.
    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_owned()
    }

    /// Whether the user has any of these roles (`admin` has every role).
    pub fn has_any_role(&self, roles: &[&str]) -> bool {
        self.roles
            .iter()
            .any(|r| r == "admin" || roles.contains(&r.as_str()))
    }
}

impl Config {
    /// The demo instance: a client named "snowcard" for the app at `redirect_uri`, two for
    /// the two components of the demo portal at [`PORTAL_PATH`] on `app_origin` (a
    /// registration has one redirect URL, and each component its own client id), three
    /// users, both CORS settings open to `app_origin` (the token endpoint's property by its
    /// host name, as documented), preflights not cached (max age 0, a new CORS rule's
    /// default), seed records, and an ephemeral port on 127.0.0.1.
    pub fn demo(app_origin: &str, redirect_uri: &str) -> Config {
        Config {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            api_cors_origin: Some(app_origin.to_owned()),
            oauth_cors_origin: Some(host_of(app_origin)),
            cors_max_age_secs: 0,
            user_api_restricted: false,
            own_roles_readable: true,
            clients: vec![
                OAuthClient::new(DEMO_CLIENT_ID, "snowcard", redirect_uri),
                OAuthClient::new(
                    PORTAL_ELEMENT_CLIENT_ID,
                    "Contoso portal: snowcard element",
                    &portal_redirect_uri(app_origin),
                ),
                OAuthClient::new(
                    PORTAL_MOUNTED_CLIENT_ID,
                    "Contoso portal: snowcard panel",
                    &portal_redirect_uri(app_origin),
                ),
            ],
            users: vec![
                SandboxUser::new(
                    "snowcard.integration",
                    "sandbox-demo",
                    "Snowcard",
                    "Integration",
                    &["itil", "change_manager"],
                ),
                SandboxUser::new("beth.anglin", "sandbox-demo", "Beth", "Anglin", &["itil"]),
                SandboxUser::new(
                    "admin",
                    "sandbox-admin",
                    "System",
                    "Administrator",
                    &["admin"],
                ),
            ],
            access_token_ttl: DEFAULT_ACCESS_TOKEN_TTL,
            refresh_token_ttl: DEFAULT_REFRESH_TOKEN_TTL,
            code_ttl: DEFAULT_CODE_TTL,
            seed: true,
            public_refresh_tokens: false,
            rfc6749_token_errors: false,
            strict: false,
            send_iss: true,
            mandatory_fields: BTreeMap::new(),
            change_models: true,
            microsoft: crate::microsoft::MicrosoftConfig::demo(app_origin, redirect_uri),
        }
    }
}
