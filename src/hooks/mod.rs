//! Hooks that give components the app's state and intents, one context per concern: the
//! environment (services, options), the language, announcements, the route, and the
//! connection. A component subscribes only to what it reads.

pub mod render_probe;
pub mod use_announcer;
pub mod use_catalog;
pub mod use_connection;
pub mod use_describe;
pub mod use_environment;
pub mod use_focus;
pub mod use_instance_states;
pub mod use_live_list;
pub mod use_locale;
pub mod use_microsoft;
pub mod use_route;
pub mod use_share_sender;
pub mod use_status_checks;
pub mod use_storage;
pub mod use_ticket_card;
pub mod use_ticket_list;
pub mod use_visible_interval;

pub use use_announcer::{use_announcement, use_announcer, Announcer, AnnouncerProvider};
pub use use_catalog::{use_catalog, CatalogHandle};
pub use use_connection::{use_connection, ConnectionHandle, ConnectionProvider};
pub use use_describe::{use_describer, Describer};
pub use use_environment::{use_environment, use_preferences, use_services, Environment};
pub use use_focus::use_focus_on_arrival;
pub use use_instance_states::{use_instance_states, InstanceStates};
pub use use_live_list::{use_live_list, LiveState};
pub use use_locale::{use_locale, use_texts, LocaleHandle, LocaleProvider};
pub use use_microsoft::{use_microsoft, MicrosoftHandle, MicrosoftProvider, MicrosoftState};
pub use use_route::{
    use_nav, use_route, use_route_state, Nav, RouteNote, RouteProvider, RouteState,
};
pub use use_share_sender::{use_share_sender, NoteStatus, ShareSender, ShareStatus};
pub use use_status_checks::{use_status_checks, StatusChecks};
pub use use_storage::{use_storage_state, StorageState};
pub use use_ticket_card::{use_ticket_card, CardState};
pub use use_ticket_list::{use_ticket_list, ListState, Listed, PageAt, PAGE_SIZE};
pub use use_visible_interval::use_visible_interval;

pub use crate::app::catalog_source::{CatalogFailure, CatalogState};
