//! The app's logic without the UI, natively tested: state and its reducer, the setup form's
//! validation, the connection flow and how failures are told to a person; the improvement
//! action catalog, share drafts and sending; what the ticket cards and lists show; state
//! names, the settings file, removal and the status checks; the language, the embedding
//! options and the events the host hears.

pub mod catalog;
pub mod catalog_source;
pub mod data_policy_field;
pub mod describe;
pub mod embed;
pub mod flow;
pub mod host_events;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod input_props;
pub mod language;
pub mod live_actions;
pub mod microsoft_flow;
pub mod page_policy;
pub mod preferences;
pub mod removal;
pub mod route;
pub mod services;
pub mod session_end;
pub mod settings_file;
pub mod setup;
pub mod share;
pub mod share_flow;
pub mod state;
pub mod state_names;
pub mod status;
pub mod status_checks;
pub mod status_roles;
pub mod status_text;
pub mod ticket_note;
pub mod ticket_paging;
pub mod tickets;
pub mod trust;

pub use services::{AppOptions, Browser, Services};
pub use state::{Action, AppState, ConnectError, Connection, Step, TicketsScope, View};
