//! Hooks that give components the app's state and intents.

pub mod use_catalog;
pub mod use_connection;
pub mod use_focus;
pub mod use_instance_states;
pub mod use_share_sender;
pub mod use_status_checks;
pub mod use_ticket_card;
pub mod use_ticket_list;
pub mod use_visible_interval;

pub use use_catalog::{use_catalog, CatalogFailure, CatalogHandle, CatalogState};
pub use use_connection::{use_connection, ConnectionHandle, ConnectionProvider};
pub use use_focus::use_focus_on_arrival;
pub use use_instance_states::{use_instance_states, InstanceStates};
pub use use_share_sender::{use_share_sender, ShareSender, ShareStatus};
pub use use_status_checks::{use_status_checks, StatusChecks};
pub use use_ticket_card::{use_ticket_card, CardState};
pub use use_ticket_list::{use_ticket_list, ListState, Listed, PageAt, PAGE_SIZE};
pub use use_visible_interval::use_visible_interval;
