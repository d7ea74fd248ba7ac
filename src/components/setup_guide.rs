//! What an administrator sets up on the instance, and what leaves the browser: folded
//! away below the form, open for whoever needs it.

use yew::prelude::*;

use crate::app::describe::host_of;
use crate::hooks::{use_storage_state, use_texts};
use crate::i18n::fill;

#[derive(Properties, PartialEq)]
pub struct SetupGuideProps {
    pub redirect_uri: AttrValue,
    pub origin: AttrValue,
}

#[component]
pub fn SetupGuide(props: &SetupGuideProps) -> Html {
    let texts = use_texts();
    let storage = use_storage_state();
    let host = host_of(&props.origin);
    // Where tokens are kept is this component's store's to say, not a fixed sentence.
    let mut data_items = texts.data_items;
    if storage.tokens_in_memory {
        data_items[1] = texts.data_tokens_memory;
    }
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
                <ul class="sc-data">{ for data_items.iter().map(|item| html! { <li>{ *item }</li> }) }</ul>
            </details>
        </>
    }
}
