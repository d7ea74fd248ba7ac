//! The ServiceNow client: plain Rust, no Yew, no browser.
//!
//! Everything here speaks ServiceNow's real protocol (OAuth 2.0 authorization code with PKCE,
//! the Table API, the UI user API) over an injected [`Transport`], so `cargo test` exercises it
//! natively against scripted responses and the browser only adds a `fetch`-based transport.

pub mod client;
pub mod correlation;
pub mod data_policy;
pub mod error;
#[cfg(any(test, feature = "testing"))]
pub mod fake;
pub mod groups;
pub mod http;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod input_props;
pub mod instance;
pub mod listing;
pub mod oauth;
pub mod paging;
pub mod priority;
pub mod revoke;
pub mod ticket;
pub mod ticket_query;
pub mod tickets;
pub mod user;

pub use client::{Clock, ServiceNowClient};
pub use error::{ApiError, OAuthError, TransportError};
pub use groups::AssignmentGroup;
pub use http::{HttpRequest, HttpResponse, Transport};
pub use instance::{InstanceError, InstanceUrl};
pub use listing::{Page, Shown, StateCount, TicketRow};
pub use oauth::{OAuthSettings, PendingAuthorization, TokenSet};
pub use priority::Priority;
pub use revoke::NotConfirmed;
pub use ticket::{CreatedTicket, FoundTicket, NewTicket, TicketKind};
pub use ticket_query::{Sort, SortField, TicketQuery, Whose};
pub use user::UserInfo;
