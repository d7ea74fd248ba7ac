//! The language menu: every locale under its own name, the choice remembered for the tab.
//! Hidden when the embedding page set `lang` (the page speaks for its person then).

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::hooks::use_locale;
use crate::i18n::Locale;

#[component]
pub fn LanguageMenu() -> Html {
    let locale = use_locale();
    if !locale.choosable {
        return html! {};
    }
    let (current, texts_all) = (locale.locale, locale.texts());
    let onchange = Callback::from(move |e: Event| {
        let tag = e.target_unchecked_into::<HtmlSelectElement>().value();
        if let Some(chosen) = Locale::from_tag(&tag) {
            locale.choose(chosen);
        }
    });
    html! {
        <div class="sc-language">
            <label for="sc-language">{ texts_all.language_label }</label>
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
