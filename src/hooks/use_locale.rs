//! The language in use and its texts, as a context of its own: a switch re-renders what
//! shows text, and nothing else changes with it.

use yew::prelude::*;

use crate::app::{language, Services};
use crate::i18n::{Locale, Texts};

/// The language in use, whether the person may choose it, and how to.
#[derive(Clone, PartialEq)]
pub struct LocaleHandle {
    pub locale: Locale,
    /// Not when the embedding page set `lang`: the page speaks for its person then.
    pub choosable: bool,
    choose: Callback<Locale>,
}

impl LocaleHandle {
    pub fn texts(&self) -> &'static Texts {
        self.locale.texts()
    }

    /// Speaks `locale` from now on, in place: pages re-render, drafts and focus stay.
    pub fn choose(&self, locale: Locale) {
        self.choose.emit(locale);
    }
}

#[derive(Properties, PartialEq)]
pub struct LocaleProviderProps {
    pub services: Services,
    /// The embedding page's `lang`, which wins (and may change).
    pub host: Option<Locale>,
    #[prop_or_default]
    pub children: Html,
}

/// Owns the language for everything below it.
#[component]
pub fn LocaleProvider(props: &LocaleProviderProps) -> Html {
    // What the person speaks when the embedding page does not say: their menu choice, else
    // the browser's languages.
    let chosen = {
        let services = props.services.clone();
        use_state(move || {
            let remembered = services.preferences().language();
            language::choose(None, remembered, &services.browser.languages())
        })
    };
    let choose = {
        let (chosen, services) = (chosen.setter(), props.services.clone());
        use_callback((), move |locale: Locale, _| {
            services.preferences().remember_language(locale);
            chosen.set(locale);
        })
    };
    let handle = LocaleHandle {
        locale: props.host.unwrap_or(*chosen),
        choosable: props.host.is_none(),
        choose,
    };
    html! {
        <ContextProvider<LocaleHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<LocaleHandle>>
    }
}

#[hook]
pub fn use_locale() -> LocaleHandle {
    super::render_probe::note();
    match use_context::<LocaleHandle>() {
        Some(handle) => handle,
        None => panic!("use_locale must be called under <LocaleProvider>"),
    }
}

/// The texts of the language in use.
#[hook]
pub fn use_texts() -> &'static Texts {
    use_locale().texts()
}
