//! The card shown while not connected: "Do you use ServiceNow?", with how a removed
//! connection went when that is why it shows.

use yew::prelude::*;

use crate::hooks::{use_connection, use_focus_on_arrival, use_texts};

use super::removal_notice::RemovalNotice;

#[component]
pub fn ConnectionCard() -> Html {
    let connection = use_connection();
    let texts_all = use_texts();
    let texts = texts_all;
    let removed = connection.state().removed.clone();
    // Arriving here (back from setup or status, or after "Remove connection", whose dialog
    // and page are gone) puts focus on the heading; the first load does not.
    let heading = use_focus_on_arrival();
    let onclick = Callback::from(move |_| connection.open_setup());
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
