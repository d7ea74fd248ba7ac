//! Integration tests of the sandbox instance, in-process through its router (and over
//! real sockets for `Sandbox::start` and the app file server).

mod aggregate;
mod app_host;
mod common;
mod cors;
mod faults;
mod hibernation;
mod ms_common;
mod ms_graph;
mod ms_identity;
mod oauth_errors;
mod oauth_flow;
mod roles;
mod strict_refresh;
mod table_read;
mod table_write;
