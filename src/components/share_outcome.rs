//! What sending ended in: an open ticket that already exists, or the ticket just created.

use yew::prelude::*;

use crate::app::route::Route;

use crate::hooks::{
    use_announcer, use_connection, use_focus_on_arrival, use_nav, use_texts, NoteStatus,
};
use crate::i18n::{fill, Texts};
use crate::microsoft::{GraphError, SessionError};
use crate::servicenow::{CreatedTicket, FoundTicket, TicketKind};

/// A link that opens a record in the instance's UI, in a new tab.
#[derive(Properties, PartialEq)]
pub struct RecordLinkProps {
    pub kind: TicketKind,
    pub sys_id: AttrValue,
    pub number: AttrValue,
}

#[component]
pub fn RecordLink(props: &RecordLinkProps) -> Html {
    let connection = use_connection();
    let texts_all = use_texts();
    let texts = &texts_all.share;
    let href = connection.client().map(|c| {
        c.settings()
            .instance
            .record_url(props.kind.table(), &props.sys_id)
    });
    html! {
        <a href={href} target="_blank" rel="noopener noreferrer">
            { fill(texts.sent_link, &[("number", &props.number)]) }
            <span class="sc-visually-hidden">{" "}{ texts.opens_new_tab }</span>
        </a>
    }
}

#[derive(Properties, PartialEq)]
pub struct AlreadyOpenProps {
    pub found: Vec<FoundTicket>,
    pub on_create_anyway: Callback<()>,
}

#[component]
pub fn AlreadyOpenNotice(props: &AlreadyOpenProps) -> Html {
    let texts = &use_texts().share;
    let heading = use_focus_on_arrival();
    let onclick = props.on_create_anyway.reform(|_| ());
    html! {
        <section class="sc-notice" role="alert" aria-labelledby="sc-duplicate-title">
            <h3 id="sc-duplicate-title" tabindex="-1" ref={heading}>{ texts.duplicate_title }</h3>
            <p>{ texts.duplicate_body }</p>
            <ul>
                { for props.found.iter().map(|t| html! {
                    <li key={t.sys_id.clone()}>
                        { fill(texts.duplicate_item, &[("number", &t.number), ("state", &t.state)]) }{" — "}
                        <RecordLink kind={t.kind} sys_id={t.sys_id.clone()} number={t.number.clone()} />
                    </li>
                }) }
            </ul>
            <button type="button" class="sc-button" {onclick}>{ texts.create_anyway }</button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SentCardProps {
    pub ticket: CreatedTicket,
    /// Noting the ticket on its improvement action in Microsoft 365, when asked for.
    #[prop_or_default]
    pub note: NoteStatus,
    #[prop_or_default]
    pub on_retry_note: Callback<()>,
}

#[component]
pub fn SentCard(props: &SentCardProps) -> Html {
    let announcer = use_announcer();
    let nav = use_nav();
    let texts_all = use_texts();
    let heading = use_focus_on_arrival();
    let texts = &texts_all.share;
    {
        let number = props.ticket.number.clone();
        use_effect_with(number, move |number| {
            announcer.announce(fill(texts_all.share.sent_body, &[("number", number)]));
        });
    }
    let back = Callback::from(move |_| nav.push(&Route::actions()));
    let number = props.ticket.number.as_str();
    html! {
        <section class="sc-card sc-sent" aria-labelledby="sc-sent-title">
            <h2 id="sc-sent-title" class="sc-card-title" tabindex="-1" ref={heading}>{ texts.sent_title }</h2>
            <p class="sc-connected-status"><span class="sc-dot" aria-hidden="true"></span>
                { fill(texts.sent_body, &[("number", number)]) }</p>
            <p><RecordLink kind={props.ticket.kind} sys_id={props.ticket.sys_id.clone()} number={props.ticket.number.clone()} /></p>
            // A status region of its own: the note's outcome is read out when it arrives.
            <div class="sc-note" role="status">
                { match &props.note {
                    NoteStatus::Off => html! {},
                    NoteStatus::Writing => html! {
                        <p class="sc-progress"><span class="sc-spinner" aria-hidden="true"></span>
                            { fill(texts.noting, &[("number", number)]) }</p>
                    },
                    NoteStatus::Written => html! { <p>{ fill(texts.noted, &[("number", number)]) }</p> },
                    NoteStatus::Failed(error) => html! {
                        <div class="sc-error sc-error-inline">
                            <p class="sc-error-title">{ fill(texts.note_failed, &[("number", number)]) }</p>
                            <p>{ note_reason(texts_all, error) }</p>
                            <p class="sc-hint">{ texts.note_retry_hint }</p>
                            <button type="button" class="sc-button" onclick={props.on_retry_note.reform(|_| ())}>
                                { texts.note_retry }</button>
                        </div>
                    },
                } }
            </div>
            <button type="button" class="sc-button sc-primary" onclick={back}>{ texts.back_to_actions }</button>
        </section>
    }
}

/// Why the note could not be written, and what to do.
fn note_reason(all: &Texts, error: &SessionError) -> String {
    let ms = &all.microsoft;
    match error {
        SessionError::Graph(GraphError::Forbidden { .. }) => all.share.note_forbidden.to_owned(),
        SessionError::Graph(GraphError::RateLimited { retry_after_secs }) => fill(
            ms.error_rate_limited,
            &[("seconds", &all.seconds(*retry_after_secs))],
        ),
        SessionError::SignIn(e) if e.ends_session() => ms.error_sign_in_again.to_owned(),
        other => fill(ms.error_other, &[("detail", &other.to_string())]),
    }
}

#[derive(Properties, PartialEq)]
pub struct DataPolicyNoticeProps {
    /// The field labels the instance named.
    pub fields: Vec<String>,
    /// Whether the form has a field for every one of them.
    pub all_on_form: bool,
}

/// A data policy refused the ticket: what the instance requires, and where to give it.
#[component]
pub fn DataPolicyNotice(props: &DataPolicyNoticeProps) -> Html {
    let texts_all = use_texts();
    let heading = use_focus_on_arrival();
    let texts = &texts_all.share;
    let next = if props.all_on_form {
        texts.requires_next
    } else {
        texts.requires_elsewhere
    };
    html! {
        <section class="sc-error sc-error-inline" aria-labelledby="sc-policy-title">
            <h3 id="sc-policy-title" class="sc-error-title" tabindex="-1" ref={heading}>
                <span class="sc-visually-hidden">{ texts_all.error_prefix }{" "}</span>
                { fill(texts.requires, &[("fields", &props.fields.join(", "))]) }
            </h3>
            <p class="sc-error-next">{ next }</p>
        </section>
    }
}
