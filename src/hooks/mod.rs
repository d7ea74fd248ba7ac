//! Hooks that give components the app's state and intents.

pub mod use_connection;

pub use use_connection::{use_connection, ConnectionHandle, ConnectionProvider};
