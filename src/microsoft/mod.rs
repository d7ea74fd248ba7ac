//! The Microsoft 365 client: plain Rust, no Yew, no browser.
//!
//! It speaks the Microsoft identity platform's v2.0 endpoints (authorization code with PKCE,
//! as a single-page application: a public client with no secret) and Microsoft Graph's two
//! Secure Score APIs, over the same injected [`Transport`](crate::servicenow::Transport) as
//! the ServiceNow client, so `cargo test` runs all of it natively against scripted answers.
//!
//! Layers: [`settings`] (what a person types, checked), [`oauth`] and [`id_token`] (signing
//! in), [`error`] (what went wrong, with the AADSTS codes a person can act on), [`graph`] and
//! [`records`] (the Graph calls and their JSON), [`session`] (renewal ahead of expiry and on
//! a 401), [`score`] (the live list: the join of
//! profiles and scores, status, sorting and filtering).

pub mod error;
#[cfg(test)]
pub mod fake;
pub mod graph;
pub mod id_token;
pub mod oauth;
pub mod records;
pub mod score;
pub mod session;
pub mod settings;

pub use error::{GraphError, SignInError};
pub use graph::{GraphClient, ProfileListing};
pub use id_token::Account;
pub use oauth::{PendingSignIn, SignedIn};
pub use records::{ControlProfile, ControlScore, ControlState, ControlStateUpdate, SecureScore};
pub use score::{ActionFilter, ActionSort, ActionStatus, LiveAction, TenantTotal};
pub use session::{MicrosoftSession, SessionError};
pub use settings::{Endpoint, Tenant, TenantCheck, TenantDraft, TenantSettings};
