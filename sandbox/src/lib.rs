//! A local stand-in for a ServiceNow instance, strict where ServiceNow is strict:
//! OAuth 2.0 authorization code with PKCE (login and consent pages, token, refresh and
//! revoke endpoints), CORS rules, the Table API, the Aggregate API and the current-user
//! API over realistic seed records, and injectable faults for resilience tests; and, on the
//! same server, a Microsoft identity platform and Microsoft Graph Secure Score stand-in
//! ([`microsoft`]).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use snowcard_sandbox::{Config, Sandbox};
//! let config = Config::demo("http://127.0.0.1:8700", "http://127.0.0.1:8700/");
//! let sandbox = Sandbox::start(config).await?;
//! println!("instance at {}", sandbox.url());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod aggregate;
pub mod app_host;
mod auth;
mod auth_request;
mod authorize;
mod choices;
mod config;
mod control;
mod control_http;
mod cors;
mod errors;
mod faults;
mod fields;
mod front_door;
mod groups;
mod ids;
pub mod microsoft;
mod oauth_error;
mod pages;
mod params;
mod pkce;
mod query;
mod render;
mod roles;
mod schema;
mod seed;
mod seed_data;
mod server;
mod state;
mod store;
mod table;
mod token;
mod tokens;
mod user_api;

pub use app_host::{serve_app, AppHost};
pub use config::{
    host_of, portal_redirect_uri, Config, OAuthClient, SandboxUser, DEMO_CLIENT_ID,
    PORTAL_ELEMENT_CLIENT_ID, PORTAL_MOUNTED_CLIENT_ID, PORTAL_PATH,
};
pub use control::{Control, GrantCounts, RequestCounts};
pub use faults::{Fault, TokenFault};
pub use server::{router, Sandbox};
