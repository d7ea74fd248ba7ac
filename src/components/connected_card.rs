//! The card shown once connected: which instance, as whom, and until when.

use yew::prelude::*;

use crate::app::state::Connected;
use crate::hooks::use_connection;
use crate::i18n::fill;

use super::live_region::status_text;

#[derive(Properties, PartialEq)]
pub struct ConnectedCardProps {
    pub connected: Connected,
}

#[component]
pub fn ConnectedCard(props: &ConnectedCardProps) -> Html {
    let connection = use_connection();
    let texts = connection.texts;
    let status = status_text(texts, &connection.state().connection);
    let until = local_time(props.connected.expires_at);
    html! {
        <section class="sc-card sc-connected" aria-labelledby="sc-connected-title">
            <h2 id="sc-connected-title" class="sc-card-title">{ texts.connected_title }</h2>
            <p class="sc-connected-status"><span class="sc-dot" aria-hidden="true"></span>{ status }</p>
            <p class="sc-muted">{ fill(texts.token_renews, &[("time", &until)]) }</p>
        </section>
    }
}

/// A time in the person's own time zone and format, through the browser's `Intl`.
fn local_time(at: chrono::DateTime<chrono::Utc>) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let millis = wasm_bindgen::JsValue::from_f64(at.timestamp_millis() as f64);
        let date = js_sys::Date::new(&millis);
        String::from(date.to_locale_time_string("default"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        at.format("%H:%M UTC").to_string()
    }
}
