//! A failure told as what happened and what to do next, with the button for that step.

use yew::prelude::*;

use crate::app::describe::NextAction;
use crate::app::{ConnectError, View};
use crate::hooks::use_connection;

#[derive(Properties, PartialEq)]
pub struct ErrorPanelProps {
    pub error: ConnectError,
}

#[component]
pub fn ErrorPanel(props: &ErrorPanelProps) -> Html {
    let connection = use_connection();
    let texts = connection.texts;
    let told = connection.describe(&props.error);
    let button = match told.action {
        NextAction::Setup => {
            let onclick = Callback::from(move |_| connection.show(View::Setup));
            html! { <button type="button" class="sc-button sc-primary" {onclick}>{ texts.try_again }</button> }
        }
        NextAction::Reconnect => {
            let onclick = Callback::from(move |_| connection.reconnect());
            html! { <button type="button" class="sc-button sc-primary" {onclick}>{ texts.reconnect }</button> }
        }
        NextAction::Wait => html! {},
    };
    html! {
        <section class="sc-card sc-error" role="alert" aria-labelledby="sc-error-title">
            <h2 id="sc-error-title" class="sc-card-title">
                <span class="sc-visually-hidden">{ texts.error_prefix }{" "}</span>{ told.title }
            </h2>
            if !told.detail.is_empty() { <p class="sc-error-detail">{ told.detail }</p> }
            <p class="sc-error-next">{ told.next }</p>
            { button }
        </section>
    }
}
