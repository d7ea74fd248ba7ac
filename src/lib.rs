//! snowcard: send Microsoft Secure Score improvement actions to ServiceNow and track the
//! tickets, from a browser module with no server of its own.
//!
//! Layers, bottom up: [`servicenow`] and [`microsoft`] (the protocols, plain Rust),
//! [`storage`] (session storage schema), [`i18n`] (every visible string, per locale), [`app`]
//! (state, flow, messages), [`tabs`] (refreshes coordinated across tabs),
//! [`hooks`] and [`components`] (Yew), and `web` (the browser's fetch, page and entry
//! points; wasm32 only).

pub mod app;
pub mod components;
pub mod hooks;
pub mod i18n;
pub mod microsoft;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod props;
pub mod servicenow;
pub mod storage;
pub mod tabs;
#[cfg(target_arch = "wasm32")]
pub mod web;
