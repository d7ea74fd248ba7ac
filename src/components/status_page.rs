//! The connection status page: every check the instance must pass for this page, run one
//! after another, each line saying what it found and how to fix it. Reachable connected or
//! not (from an error); checks that need a token then say so.

use yew::prelude::*;

use crate::app::route::Route;

use crate::app::describe::Context;
use crate::app::status_text;
use crate::app::View;
use crate::hooks::{
    use_connection, use_environment, use_focus_on_arrival, use_nav, use_status_checks, use_texts,
};
use crate::i18n::fill;

use super::status_line::StatusLine;

#[component]
pub fn StatusPage() -> Html {
    let connection = use_connection();
    let environment = use_environment();
    let nav = use_nav();
    let texts_all = use_texts();
    let heading = use_focus_on_arrival();
    let checks = use_status_checks();
    let t = &texts_all.status;
    let context = Context {
        origin: environment.origin(),
        redirect_uri: environment.redirect_uri(),
    };
    let running = checks.board.running();
    let (passed, failed, skipped) = checks.board.tally();
    let summary = if running {
        t.running.to_owned()
    } else {
        let count = |n: usize| n.to_string();
        fill(
            t.summary,
            &[
                ("passed", &count(passed)),
                ("failed", &count(failed)),
                ("skipped", &count(skipped)),
            ],
        )
    };
    let intro = fill(
        t.intro,
        &[
            ("origin", &context.origin),
            ("redirect", &context.redirect_uri),
        ],
    );
    let lines = checks
        .board
        .lines
        .iter()
        .map(|(check, outcome)| status_text::line(*check, outcome, texts_all, &context));
    let again = {
        let rerun = checks.rerun.clone();
        Callback::from(move |_| rerun.emit(()))
    };
    let authorize = {
        let (connection, nav) = (connection.clone(), nav.clone());
        Callback::from(move |_| {
            // Leave the page first, so the sign-in's progress or failure shows as usual.
            nav.push(&Route::of_view(View::Home));
            connection.reconnect();
        })
    };
    let back = {
        let nav = nav.clone();
        Callback::from(move |_| nav.push(&Route::of_view(View::Home)))
    };
    html! {
        <section class="sc-card sc-status" aria-labelledby="sc-status-title">
            <h2 id="sc-status-title" class="sc-card-title" tabindex="-1" ref={heading}>{ t.title }</h2>
            <p class="sc-muted">{ intro }</p>
            <p class="sc-status-summary" role="status" aria-live="polite">{ summary }</p>
            <ul class="sc-status-list" aria-label={t.list_label} aria-busy={running.to_string()}>
                { for lines.map(|line| html! { <StatusLine {line} fix_label={t.fix_label} /> }) }
            </ul>
            <div class="sc-actions">
                <button type="button" class="sc-button sc-primary" onclick={again}>{ t.check_again }</button>
                <button type="button" class="sc-button" onclick={authorize}>{ t.authorize }</button>
                <button type="button" class="sc-button" onclick={back}>{ t.back }</button>
            </div>
        </section>
    }
}
