//! One component per file, named for what a person sees.

pub mod app;
pub mod busy_card;
pub mod connected_card;
pub mod connection_card;
pub mod error_panel;
pub mod live_region;
pub mod redirect_box;
pub mod setup_guide;
pub mod setup_page;
pub mod text_field;
