//! Hooks that give components the app's state and intents.

pub mod use_catalog;
pub mod use_connection;
pub mod use_focus;
pub mod use_share_sender;
pub mod use_status_checks;

pub use use_catalog::{use_catalog, CatalogHandle, CatalogState};
pub use use_connection::{use_connection, ConnectionHandle, ConnectionProvider};
pub use use_focus::use_focus_on_arrival;
pub use use_share_sender::{use_share_sender, ShareSender, ShareStatus};
pub use use_status_checks::{use_status_checks, StatusChecks};
