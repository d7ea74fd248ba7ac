//! A failure told as what happened and what to do next, with the button for that step.
//! It takes focus when it appears after an action, so it is read out and seen. Failures the
//! instance's setup may cause also offer the connection status page.

use yew::prelude::*;

use crate::app::route::Route;

use crate::app::describe::{self, NextAction};
use crate::app::{ConnectError, View};
use crate::hooks::{use_connection, use_describer, use_focus_on_arrival, use_nav, use_texts};

#[derive(Properties, PartialEq)]
pub struct ErrorPanelProps {
    pub error: ConnectError,
    /// Shown inside a form: a sub-heading, no "Try again" (the form's button is there), and
    /// no alert role (focus moves to it, which is announced once).
    #[prop_or_default]
    pub inline: bool,
    /// Shown for a send (the share form): an answer that never arrived is told as such,
    /// not as the instance's setup.
    #[prop_or_default]
    pub sending: bool,
}

#[component]
pub fn ErrorPanel(props: &ErrorPanelProps) -> Html {
    let connection = use_connection();
    let describer = use_describer();
    let nav = use_nav();
    let texts_all = use_texts();
    let heading = use_focus_on_arrival();
    let texts = texts_all;
    let until = use_memo(props.error.clone(), |error| {
        describe::long_wait(error)
            .map(|secs| super::dates::now_utc() + chrono::Duration::seconds(i64::from(secs)))
    });
    let told = match *until {
        Some(at) => {
            describe::rate_limited_until(texts, &super::dates::local_time(at, texts.locale))
        }
        None if props.sending && describe::answer_lost(&props.error) => {
            describe::lost_answer(texts)
        }
        None => describer.describe(&props.error),
    };
    let button = match (told.action, props.inline) {
        (NextAction::Setup, false) => {
            let connection = connection.clone();
            let onclick = Callback::from(move |_| connection.open_setup());
            Some(
                html! { <button type="button" class="sc-button sc-primary" {onclick}>{ texts.try_again }</button> },
            )
        }
        (NextAction::Reconnect | NextAction::SignInAgain, _) => {
            let connection = connection.clone();
            let onclick = Callback::from(move |_| connection.reconnect());
            let label = if told.action == NextAction::SignInAgain {
                texts.sign_in_again
            } else {
                texts.reconnect
            };
            Some(
                html! { <button type="button" class="sc-button sc-primary" {onclick}>{ label }</button> },
            )
        }
        _ => None,
    };
    let check = describe::worth_checking(&props.error).then(|| {
        let nav = nav.clone();
        let onclick = Callback::from(move |_| nav.push(&Route::of_view(View::Status)));
        html! { <button type="button" class="sc-button" {onclick}>{ texts.status.check_button }</button> }
    });
    let title = html! {
        <>
            <span class="sc-visually-hidden">{ texts.error_prefix }{" "}</span>{ told.title }
        </>
    };
    html! {
        <section class={classes!("sc-error", if props.inline { "sc-error-inline" } else { "sc-card" })}
            role={(!props.inline).then_some("alert")} aria-labelledby="sc-error-title">
            if props.inline {
                <h3 id="sc-error-title" class="sc-error-title" tabindex="-1" ref={heading}>{ title }</h3>
            } else {
                <h2 id="sc-error-title" class="sc-card-title sc-error-title" tabindex="-1" ref={heading}>{ title }</h2>
            }
            if !told.detail.is_empty() { <p class="sc-error-detail">{ told.detail }</p> }
            <p class="sc-error-next">{ told.next }</p>
            if button.is_some() || check.is_some() {
                <div class="sc-actions">{ button }{ check }</div>
            }
        </section>
    }
}
