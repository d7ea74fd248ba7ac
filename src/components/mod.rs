//! One component per file, named for what a person sees.

pub mod actions_page;
pub mod app;
pub mod busy_card;
pub mod catalog_import;
pub mod choice_field;
pub mod connected_card;
pub mod connection_card;
pub mod dates;
pub mod error_panel;
pub mod live_region;
pub mod redirect_box;
pub mod setup_guide;
pub mod setup_page;
pub mod share_form;
pub mod share_menu;
pub mod share_outcome;
pub mod share_reason;
pub mod status_line;
pub mod status_page;
pub mod text_field;
