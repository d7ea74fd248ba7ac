//! Hooks that give components the app's state and intents.

pub mod use_connection;
pub mod use_focus;

pub use use_connection::{use_connection, ConnectionHandle, ConnectionProvider};
pub use use_focus::use_focus_on_arrival;
