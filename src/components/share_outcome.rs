//! What sending ended in: an open ticket that already exists, or the ticket just created.

use yew::prelude::*;

use crate::app::route::Route;

use crate::hooks::{
    use_announcer, use_connection, use_focus_on_arrival, use_nav, use_texts, NoteStatus,
};
use crate::i18n::fill;
use crate::microsoft::SessionError;
use crate::servicenow::{CreatedTicket, FoundTicket, TicketKind};

use super::live_action_list::graph_refusal;

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
    /// Other tickets the same send made (the browser resent the create), to be cancelled.
    #[prop_or_default]
    pub others: Vec<FoundTicket>,
    /// Noting the ticket on its improvement action in Microsoft 365, when asked for.
    #[prop_or_default]
    pub note: NoteStatus,
    #[prop_or_default]
    pub on_retry_note: Callback<()>,
    /// The note's comment, for adding it by hand when snowcard no longer can.
    #[prop_or_default]
    pub note_comment: Option<String>,
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
            if !props.others.is_empty() {
                <div class="sc-notice" role="alert">
                    <p>{ fill(texts.sent_twice, &[("numbers", &numbers(&props.others))]) }</p>
                    <ul>
                        { for props.others.iter().map(|t| html! {
                            <li key={t.sys_id.clone()}>
                                <RecordLink kind={t.kind} sys_id={t.sys_id.clone()} number={t.number.clone()} />
                            </li>
                        }) }
                    </ul>
                </div>
            }
            <NoteOutcome note={props.note.clone()} number={props.ticket.number.clone()}
                comment={props.note_comment.clone()} on_retry={props.on_retry_note.clone()} />
            <button type="button" class="sc-button sc-primary" onclick={back}>{ texts.back_to_actions }</button>
        </section>
    }
}

/// The tickets' numbers, as a list in running text.
fn numbers(tickets: &[FoundTicket]) -> String {
    let numbers: Vec<&str> = tickets.iter().map(|t| t.number.as_str()).collect();
    numbers.join(", ")
}

#[derive(Properties, PartialEq)]
struct NoteOutcomeProps {
    note: NoteStatus,
    number: AttrValue,
    comment: Option<String>,
    on_retry: Callback<()>,
}

/// How noting the ticket in Microsoft 365 went. The message is a status region of its own
/// (read out when it changes); "Note it again" stays outside it and stays on the page while
/// the note is written again, so focus is never lost.
#[component]
fn NoteOutcome(props: &NoteOutcomeProps) -> Html {
    let texts_all = use_texts();
    let texts = &texts_all.share;
    let retried = use_state(|| false);
    let message_ref = use_node_ref();
    {
        // Written after "Note it again": the button goes, so focus goes to what happened.
        let (message_ref, retried) = (message_ref.clone(), *retried);
        use_effect_with(props.note.clone(), move |note| {
            if retried && *note == NoteStatus::Written {
                if let Some(message) = message_ref.cast::<web_sys::HtmlElement>() {
                    let _ = message.focus();
                }
            }
        });
    }
    let number = props.number.as_str();
    let writing = props.note == NoteStatus::Writing;
    // A session that ended (or a disconnect) cannot be tried again from here: signing in
    // leaves the page. The comment is given to add by hand instead.
    let by_hand = match &props.note {
        NoteStatus::NotConnected => true,
        NoteStatus::Failed(SessionError::SignIn(e)) => e.ends_session(),
        _ => false,
    };
    let retry_shown =
        !by_hand && (matches!(props.note, NoteStatus::Failed(_)) || (writing && *retried));
    let message = match &props.note {
        NoteStatus::Off => html! {},
        NoteStatus::Writing => html! {
            <p class="sc-progress"><span class="sc-spinner" aria-hidden="true"></span>
                { fill(texts.noting, &[("number", number)]) }</p>
        },
        NoteStatus::Written => html! { <p>{ fill(texts.noted, &[("number", number)]) }</p> },
        NoteStatus::Failed(_) | NoteStatus::NotConnected => {
            let reason = match &props.note {
                NoteStatus::Failed(error) => graph_refusal(texts_all, error, texts.note_forbidden),
                _ => texts_all.microsoft.error_sign_in_again.to_owned(),
            };
            html! {
                <div class="sc-error sc-error-inline">
                    <p class="sc-error-title">{ fill(texts.note_failed, &[("number", number)]) }</p>
                    <p>{ reason }</p>
                    if let Some(comment) = props.comment.as_ref().filter(|_| by_hand) {
                        <p>{ texts.note_by_hand }</p>
                        <p><code class="sc-note-comment">{ comment.clone() }</code></p>
                    }
                </div>
            }
        }
    };
    let onclick = {
        let (retried, on_retry) = (retried.clone(), props.on_retry.clone());
        Callback::from(move |_| {
            if !writing {
                retried.set(true);
                on_retry.emit(());
            }
        })
    };
    html! {
        <div class="sc-note">
            <div role="status" tabindex="-1" ref={message_ref}>{ message }</div>
            if retry_shown {
                <p class="sc-hint" id="sc-note-retry-hint">{ texts.note_retry_hint }</p>
                <button type="button" class="sc-button" aria-describedby="sc-note-retry-hint"
                    aria-disabled={writing.then_some("true")} {onclick}>{ texts.note_retry }</button>
            }
        </div>
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
