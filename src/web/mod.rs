//! The browser side: the `fetch` transport, the page, and the entry point JavaScript calls.
//! Compiled for wasm32 only; everything it serves is defined by traits in `crate::app` and
//! `crate::servicenow`.

pub mod clipboard;
pub mod download;
pub mod element_events;
pub mod embed;
pub mod embed_types;
pub mod entry;
pub mod page;
pub mod page_policy;
pub mod tabs;
pub mod transport;
