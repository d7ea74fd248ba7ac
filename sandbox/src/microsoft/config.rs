//! How the Microsoft stand-in is set up: the seeded tenant, its registered application,
//! its users and their directory roles, token lifetimes, Graph paging, CORS and the error
//! switches, with the demo configuration the binary and the end-to-end tests start from.

use std::time::Duration;

/// The seeded tenant's directory (tenant) ID.
pub const TENANT_ID: &str = "4f8c2b1a-7d3e-4a6b-9c5d-2e1f0a9b8c7d";
/// The seeded tenant's initial domain.
pub const TENANT_DOMAIN: &str = "contoso.onmicrosoft.com";
/// The seeded tenant's display name.
pub const TENANT_NAME: &str = "Contoso";
/// The Application (client) ID of the registered snowcard application.
pub const MS_CLIENT_ID: &str = "0c6f3e2d-8b1a-4c5d-9e7f-3a2b1c0d9e8f";
/// The password of every seeded Microsoft user.
pub const MS_PASSWORD: &str = "sandbox-demo";
/// A tenant other than the seeded one, whose user is not a member of it.
pub const OTHER_TENANT_ID: &str = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";

/// Access tokens live about an hour; the documentation's example says `expires_in: 3599`
/// (entra-docs, identity-platform/v2-oauth2-auth-code-flow.md, "Successful response").
pub const MS_ACCESS_TOKEN_TTL: Duration = Duration::from_secs(3600);
/// "Refresh tokens sent to a redirect URI registered as spa expire after 24 hours", and
/// later ones "carry over that expiration time" (identity-platform/refresh-tokens.md).
pub const SPA_REFRESH_TOKEN_TTL: Duration = Duration::from_secs(24 * 3600);
/// Authorization codes "expire after about 10 minutes" (v2-oauth2-auth-code-flow.md).
pub const MS_CODE_TTL: Duration = Duration::from_secs(600);
/// The page size of `secureScoreControlProfiles` when no `$top` is given. Microsoft's
/// reference does not state it; a public integration reports a first page of "up to 250
/// items" (Galvnyz/M365-Assess#663) [reported, not documented].
pub const GRAPH_PAGE_SIZE: usize = 250;

/// Directory roles that can read Secure Score (Security Reader and above).
pub const READ_ROLES: &[&str] = &[
    "Security Reader",
    "Security Operator",
    "Security Administrator",
    "Global Reader",
    "Global Administrator",
];
/// Directory roles that can update a control profile.
pub const WRITE_ROLES: &[&str] = &["Security Administrator", "Global Administrator"];

/// A user who can sign in on the Microsoft sign-in page.
#[derive(Clone, PartialEq, Eq)]
pub struct MicrosoftUser {
    /// The user principal name typed on the sign-in page.
    pub upn: String,
    pub password: String,
    pub display_name: String,
    /// The object ID (`oid`).
    pub object_id: String,
    /// The user's home tenant; a user from another tenant is not a member of the seeded one.
    pub home_tenant: String,
    /// Directory roles such as "Security Reader".
    pub roles: Vec<String>,
}

impl std::fmt::Debug for MicrosoftUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MicrosoftUser")
            .field("upn", &self.upn)
            .field("password", &"[redacted]")
            .field("roles", &self.roles)
            .finish_non_exhaustive()
    }
}

impl MicrosoftUser {
    /// A member of the seeded tenant.
    pub fn member(upn: &str, display_name: &str, object_id: &str, roles: &[&str]) -> Self {
        MicrosoftUser {
            upn: upn.to_owned(),
            password: MS_PASSWORD.to_owned(),
            display_name: display_name.to_owned(),
            object_id: object_id.to_owned(),
            home_tenant: TENANT_ID.to_owned(),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    /// Whether the user holds one of these roles.
    pub fn has_any_role(&self, roles: &[&str]) -> bool {
        self.roles.iter().any(|r| roles.contains(&r.as_str()))
    }
}

/// The application registration in the seeded tenant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppRegistration {
    pub client_id: String,
    /// The name shown on the consent page.
    pub name: String,
    /// Redirect URIs of the "Single-page application" platform.
    pub spa_redirect_uris: Vec<String>,
    /// Redirect URIs of the "Web" platform.
    pub web_redirect_uris: Vec<String>,
}

/// How the Microsoft identity platform and Graph stand-in behaves.
#[derive(Clone, Debug)]
pub struct MicrosoftConfig {
    pub tenant_id: String,
    pub tenant_domain: String,
    pub tenant_name: String,
    pub app: AppRegistration,
    pub users: Vec<MicrosoftUser>,
    pub access_token_ttl: Duration,
    pub spa_refresh_token_ttl: Duration,
    pub code_ttl: Duration,
    /// `secureScoreControlProfiles` page size without `$top` ([`GRAPH_PAGE_SIZE`]).
    pub graph_page_size: usize,
    /// Origins Graph answers CORS requests for (the app's origin by default).
    pub graph_cors_origins: Vec<String>,
    /// Whether an administrator consented for the whole tenant (no consent page then).
    /// Off by default, so a person sees the consent page once.
    pub admin_consented: bool,
    /// The consent is missing and the user may not give it: sign-in answers `AADSTS65001`.
    pub consent_missing: bool,
    /// The registration's redirect URIs are of type "Web" instead of "SPA": the token
    /// endpoint answers `AADSTS9002326` to the browser.
    pub redirect_type_web: bool,
    /// The signed-in user is not a member of the tenant: sign-in answers `AADSTS50020`.
    pub user_not_in_tenant: bool,
    /// Whether a used refresh token stops working. Microsoft documents that it "doesn't
    /// revoke old refresh tokens when used" (refresh-tokens.md); the sandbox is stricter by
    /// default, so an app that keeps an old one is caught; `false` is Microsoft's behaviour.
    pub revoke_used_refresh_tokens: bool,
    /// Whether to load the control profiles and 90 days of scores.
    pub seed: bool,
}

impl MicrosoftConfig {
    /// The demo tenant: Contoso with the snowcard registration (SPA redirect URIs
    /// `redirect_uri` and the demo portal's page), four users, Graph open to `app_origin`.
    pub fn demo(app_origin: &str, redirect_uri: &str) -> MicrosoftConfig {
        let portal = crate::config::portal_redirect_uri(app_origin);
        let mut spa = vec![redirect_uri.to_owned()];
        if portal != redirect_uri {
            spa.push(portal);
        }
        let mut outsider = MicrosoftUser::member(
            "lee.gu@fabrikam.onmicrosoft.com",
            "Lee Gu",
            "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
            &["Global Administrator"],
        );
        outsider.home_tenant = OTHER_TENANT_ID.to_owned();
        MicrosoftConfig {
            tenant_id: TENANT_ID.to_owned(),
            tenant_domain: TENANT_DOMAIN.to_owned(),
            tenant_name: TENANT_NAME.to_owned(),
            app: AppRegistration {
                client_id: MS_CLIENT_ID.to_owned(),
                name: "snowcard".to_owned(),
                spa_redirect_uris: spa,
                web_redirect_uris: Vec::new(),
            },
            users: vec![
                MicrosoftUser::member(
                    "adele.vance@contoso.onmicrosoft.com",
                    "Adele Vance",
                    "6e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b",
                    &["Security Reader", "Security Administrator"],
                ),
                MicrosoftUser::member(
                    "megan.bowen@contoso.onmicrosoft.com",
                    "Megan Bowen",
                    "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                    &["Security Reader"],
                ),
                MicrosoftUser::member(
                    "alex.wilber@contoso.onmicrosoft.com",
                    "Alex Wilber",
                    "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",
                    &[],
                ),
                outsider,
            ],
            access_token_ttl: MS_ACCESS_TOKEN_TTL,
            spa_refresh_token_ttl: SPA_REFRESH_TOKEN_TTL,
            code_ttl: MS_CODE_TTL,
            graph_page_size: GRAPH_PAGE_SIZE,
            graph_cors_origins: vec![crate::state::normalize_origin(app_origin)],
            admin_consented: false,
            consent_missing: false,
            redirect_type_web: false,
            user_not_in_tenant: false,
            revoke_used_refresh_tokens: true,
            seed: true,
        }
    }
}
