//! What an administrator sets up on the instance, and what leaves the browser: folded
//! away below the form, open for whoever needs it.

use yew::prelude::*;

use crate::app::describe::host_of;
use crate::hooks::use_texts;
use crate::i18n::fill;

#[derive(Properties, PartialEq)]
pub struct SetupGuideProps {
    pub redirect_uri: AttrValue,
    pub origin: AttrValue,
}

#[component]
pub fn SetupGuide(props: &SetupGuideProps) -> Html {
    let texts = use_texts();
    let host = host_of(&props.origin);
    let values = [
        ("redirect", props.redirect_uri.as_str()),
        ("origin", props.origin.as_str()),
        ("host", host.as_str()),
    ];
    html! {
        <>
            <details class="sc-guide">
                <summary>{ texts.checklist_title }</summary>
                <ol class="sc-checklist">
                    { for texts.checklist.iter().map(|item| html! { <li>{ fill(item, &values) }</li> }) }
                </ol>
            </details>
            <details class="sc-guide">
                <summary>{ texts.data_title }</summary>
                <ul class="sc-data">{ for texts.data_items.iter().map(|item| html! { <li>{ *item }</li> }) }</ul>
            </details>
        </>
    }
}
