//! The card shown while not connected: "Do you use ServiceNow?", with how a removed
//! connection went when that is why it shows.

use yew::prelude::*;

use crate::app::View;
use crate::hooks::use_connection;

use super::removal_notice::RemovalNotice;

#[component]
pub fn ConnectionCard() -> Html {
    let connection = use_connection();
    let texts = connection.texts;
    let removed = connection.state().removed.clone();
    let heading = use_node_ref();
    {
        // After "Remove connection" the dialog and its page are gone: focus lands here.
        let (heading, moved) = (heading.clone(), removed.is_some());
        use_effect_with((), move |_| {
            if let Some(element) = heading.cast::<web_sys::HtmlElement>().filter(|_| moved) {
                let _ = element.focus();
            }
        });
    }
    let onclick = Callback::from(move |_| connection.show(View::Setup));
    html! {
        <section class="sc-card sc-connect" aria-labelledby="sc-connect-title">
            <h2 id="sc-connect-title" class="sc-card-title" tabindex="-1" ref={heading}>{ texts.connect_card_title }</h2>
            if let Some(removal) = removed {
                <RemovalNotice {removal} />
            }
            <p>{ texts.connect_card_body }</p>
            <button type="button" class="sc-button sc-primary" {onclick}>{ texts.connect_button }</button>
        </section>
    }
}
