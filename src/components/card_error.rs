//! What failed inside a card, and the next step: "Retry", or signing in again when the
//! session has ended. It does not take focus: the other card and the page keep working.

use yew::prelude::*;

use crate::app::route::Route;

use crate::app::describe::{self, NextAction};
use crate::app::{ConnectError, View};
use crate::hooks::{use_connection, use_describer, use_nav, use_texts};
use crate::servicenow::ApiError;

#[derive(Properties, PartialEq)]
pub struct CardErrorProps {
    pub error: ApiError,
    pub on_retry: Callback<()>,
}

#[component]
pub fn CardError(props: &CardErrorProps) -> Html {
    let connection = use_connection();
    let describer = use_describer();
    let nav = use_nav();
    let texts_all = use_texts();
    let texts = texts_all;
    let error = ConnectError::Api(props.error.clone());
    // A long rate limit says when to try again, as a clock time fixed when it arrived.
    let until = use_memo(error.clone(), |error| {
        describe::long_wait(error)
            .map(|secs| super::dates::now_utc() + chrono::Duration::seconds(i64::from(secs)))
    });
    let told = match *until {
        Some(at) => {
            describe::rate_limited_until(texts, &super::dates::local_time(at, texts.locale))
        }
        None => describer.describe(&error),
    };
    // Card failures are most often the instance's CORS rules or roles: the status page says which.
    let check = describe::worth_checking(&error).then(|| {
        let nav = nav.clone();
        html! {
            <button type="button" class="sc-button"
                onclick={Callback::from(move |_| nav.push(&Route::of_view(View::Status)))}>{ texts.status.check_button }</button>
        }
    });
    let retry = props.on_retry.reform(|_: MouseEvent| ());
    let reconnect =
        matches!(told.action, NextAction::Reconnect | NextAction::SignInAgain).then(|| {
            let connection = connection.clone();
            let label = if told.action == NextAction::SignInAgain {
                texts.sign_in_again
            } else {
                texts.reconnect
            };
            html! {
                <button type="button" class="sc-button sc-primary"
                    onclick={Callback::from(move |_| connection.reconnect())}>{ label }</button>
            }
        });
    html! {
        <div class="sc-card-error" role="alert">
            <p class="sc-error-title">
                <span class="sc-visually-hidden">{ texts.error_prefix }{" "}</span>
                { texts.tickets.load_failed }{ texts.colon }{ told.title }
            </p>
            if !told.detail.is_empty() { <p class="sc-error-detail">{ told.detail }</p> }
            <p class="sc-error-next">{ told.next }</p>
            <div class="sc-actions">
                { for reconnect }
                <button type="button" class="sc-button" onclick={retry}>{ texts.tickets.retry }</button>
                { for check }
            </div>
        </div>
    }
}
