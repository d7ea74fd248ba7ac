//! A card that says what is happening while connecting takes a moment.

use yew::prelude::*;

use crate::app::Step;
use crate::hooks::{use_focus_on_arrival, use_texts};

use super::live_region::step_text;

#[derive(Properties, PartialEq)]
pub struct BusyCardProps {
    pub step: Step,
}

#[component]
pub fn BusyCard(props: &BusyCardProps) -> Html {
    let texts = use_texts();
    // The page that started this (the removal dialog, the setup form) is gone: focus comes
    // here rather than to the page's body.
    let heading = use_focus_on_arrival();
    let title = match props.step {
        Step::Removing => texts.manage.remove_button,
        _ => texts.connecting_title,
    };
    html! {
        <section class="sc-card" aria-busy="true">
            <h2 class="sc-card-title" tabindex="-1" ref={heading}>{ title }</h2>
            <p class="sc-progress"><span class="sc-spinner" aria-hidden="true"></span>{ step_text(texts, props.step) }</p>
        </section>
    }
}
