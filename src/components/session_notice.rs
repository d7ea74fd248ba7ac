//! The warning shortly before a session the instance will not renew ends (no refresh token):
//! when, and "Sign in again", which keeps drafts, the open page and settings.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::app::session_end::{self, Phase};
use crate::app::Connection;
use crate::hooks::{use_connection, use_services, use_texts};
use crate::i18n::fill;

use super::dates::local_time;

#[component]
pub fn SessionNotice() -> Html {
    let connection = use_connection();
    let services = use_services();
    let texts_all = use_texts();
    // Bumped when the phase is due to change, so the notice appears on time.
    let tick = use_state(|| 0_u32);
    let ends = match (&connection.state().connection, connection.client()) {
        (Connection::Connected(c), Some(client)) if !c.renewable => {
            Some((c.expires_at, client.tokens().lifetime_secs))
        }
        _ => None,
    };
    let now = (services.clock)();
    let phase = ends.map(|(ends_at, lifetime)| session_end::phase_of(ends_at, lifetime, now));
    {
        let tick = tick.clone();
        let wait = phase.and_then(|p| session_end::until_next_change(p, now));
        let deps = (ends.map(|(at, _)| at), *tick);
        use_effect_with(deps, move |(_, count)| {
            let count = *count;
            let timer = wait.map(|wait| {
                let millis = wait.num_milliseconds().clamp(0, i64::from(i32::MAX));
                let millis = u32::try_from(millis).unwrap_or(u32::MAX);
                Timeout::new(millis, move || tick.set(count.wrapping_add(1)))
            });
            move || drop(timer)
        });
    }
    let Some(Phase::Ending { ends_at }) = phase else {
        return html! {};
    };
    let texts = texts_all;
    let time = local_time(ends_at, texts.locale);
    let onclick = {
        let connection = connection.clone();
        Callback::from(move |_| connection.reconnect())
    };
    html! {
        <section class="sc-notice sc-session-ending" role="alert" aria-labelledby="sc-session-ending-title">
            <h2 id="sc-session-ending-title" class="sc-card-title">{ fill(texts.session_ending_title, &[("time", &time)]) }</h2>
            <p>{ texts.session_ending_body }</p>
            <div class="sc-actions">
                <button type="button" class="sc-button sc-primary" {onclick}>{ texts.sign_in_again }</button>
            </div>
        </section>
    }
}
