//! snowcard: send Microsoft Secure Score improvement actions to ServiceNow and track the
//! tickets, from a browser module with no server of its own.

pub mod app;
pub mod i18n;
pub mod servicenow;
pub mod storage;
