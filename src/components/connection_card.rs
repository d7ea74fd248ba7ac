//! The card shown while not connected: "Do you use ServiceNow?"

use yew::prelude::*;

use crate::app::View;
use crate::hooks::use_connection;

#[component]
pub fn ConnectionCard() -> Html {
    let connection = use_connection();
    let texts = connection.texts;
    let onclick = Callback::from(move |_| connection.show(View::Setup));
    html! {
        <section class="sc-card sc-connect" aria-labelledby="sc-connect-title">
            <h2 id="sc-connect-title" class="sc-card-title">{ texts.connect_card_title }</h2>
            <p>{ texts.connect_card_body }</p>
            <button type="button" class="sc-button sc-primary" {onclick}>{ texts.connect_button }</button>
        </section>
    }
}
