//! The card shown once connected: which instance, as whom, and until when.

use yew::prelude::*;

use crate::app::route::Route;

use crate::app::state::Connected;
use crate::hooks::{use_connection, use_focus_on_arrival, use_nav, use_texts};
use crate::i18n::fill;

use super::live_region::status_text;

#[derive(Properties, PartialEq)]
pub struct ConnectedCardProps {
    pub connected: Connected,
}

#[component]
pub fn ConnectedCard(props: &ConnectedCardProps) -> Html {
    let connection = use_connection();
    let nav = use_nav();
    let texts_all = use_texts();
    let heading = use_focus_on_arrival();
    let texts = texts_all;
    let status = status_text(texts, &connection.state().connection);
    let until = super::dates::local_time(props.connected.expires_at, texts.locale);
    // Without a refresh token the session ends then; with one snowcard renews it.
    let until_text = if props.connected.renewable {
        texts.token_renews
    } else {
        texts.session_ends
    };
    let show_actions = {
        let nav = nav.clone();
        Callback::from(move |_| nav.push(&Route::of_view(crate::app::View::Actions)))
    };
    let show_status = {
        let nav = nav.clone();
        Callback::from(move |_| nav.push(&Route::of_view(crate::app::View::Status)))
    };
    html! {
        <section class="sc-card sc-connected" aria-labelledby="sc-connected-title">
            <h2 id="sc-connected-title" class="sc-card-title" tabindex="-1" ref={heading}>{ texts.connected_title }</h2>
            <p class="sc-connected-status"><span class="sc-dot" aria-hidden="true"></span>{ status }</p>
            <p class="sc-muted">{ fill(until_text, &[("time", &until)]) }</p>
            <div class="sc-actions">
                <button type="button" class="sc-button sc-primary" onclick={show_actions}>{ texts.share.show_actions }</button>
                <button type="button" class="sc-button" onclick={show_status}>{ texts.status.open_button }</button>
            </div>
        </section>
    }
}
