//! What the app was given to run with: its services, the embedding page's options and
//! listener. It changes only when the embedding page changes an option.

use yew::prelude::*;

use crate::app::host_events::HostEventsHandle;
use crate::app::preferences::Preferences;
use crate::app::{AppOptions, Services};

/// The services, options and host listener, as one context.
#[derive(Clone, PartialEq)]
pub struct Environment {
    pub services: Services,
    pub options: AppOptions,
    pub events: Option<HostEventsHandle>,
}

impl Environment {
    /// The redirect URI to register: configured, or this page without query and hash.
    pub fn redirect_uri(&self) -> String {
        self.options.redirect_uri.clone().unwrap_or_else(|| {
            crate::app::services::default_redirect_uri(&self.services.browser.current_url())
        })
    }

    /// This page's origin, as the instance's CORS settings must name it.
    pub fn origin(&self) -> String {
        crate::app::services::origin_of(&self.services.browser.current_url())
    }

    /// The person's preferences and drafts in this tab.
    pub fn preferences(&self) -> Preferences {
        self.services.preferences()
    }
}

#[hook]
pub fn use_environment() -> Environment {
    super::render_probe::note();
    match use_context::<Environment>() {
        Some(environment) => environment,
        None => panic!("use_environment must be called under snowcard's App"),
    }
}

/// The app's services (transport, storage, page, clock).
#[hook]
pub fn use_services() -> Services {
    use_environment().services
}

/// The person's preferences and drafts in this tab: the one way to session storage.
#[hook]
pub fn use_preferences() -> Preferences {
    use_environment().preferences()
}
