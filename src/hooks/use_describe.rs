//! A failure in words, in the language in use, with this page's facts filled in.

use yew::prelude::*;

use super::{use_environment, use_locale, Environment, LocaleHandle};
use crate::app::describe::{self, Described};
use crate::app::ConnectError;

/// Tells failures in words.
#[derive(Clone, PartialEq)]
pub struct Describer {
    environment: Environment,
    locale: LocaleHandle,
}

impl Describer {
    pub fn describe(&self, error: &ConnectError) -> Described {
        let context = describe::Context {
            origin: self.environment.origin(),
            redirect_uri: self.environment.redirect_uri(),
        };
        describe::describe(error, self.locale.texts(), &context)
    }
}

#[hook]
pub fn use_describer() -> Describer {
    Describer {
        environment: use_environment(),
        locale: use_locale(),
    }
}
