//! The language menu: every locale under its own name, the choice remembered for the tab.
//! Hidden when the embedding page set `lang` (the page speaks for its person then).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::hooks::use_connection;
use crate::i18n::Locale;

#[component]
pub fn LanguageMenu() -> Html {
    let connection = use_connection();
    if !connection.language_is_choosable() {
        return html! {};
    }
    let current = connection.locale();
    let onchange = {
        let connection = connection.clone();
        Callback::from(move |e: Event| {
            let tag = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(locale) = Locale::from_tag(&tag) {
                connection.choose_locale(locale);
            }
        })
    };
    html! {
        <div class="sc-language">
            <label for="sc-language">{ connection.texts.language_label }</label>
            <select id="sc-language" {onchange}>
                { for Locale::ALL.iter().map(|locale| html! {
                    // Each name is in its own language, so it says so.
                    <option value={locale.tag()} lang={locale.tag()} selected={*locale == current}>
                        { locale.endonym() }
                    </option>
                }) }
            </select>
        </div>
    }
}
