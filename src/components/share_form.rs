//! The share form: the ticket generated from an improvement action, reviewed and sent.
//! Every edit is kept in session storage; one click sends at most one ticket.

use std::cell::RefCell;
use std::collections::BTreeSet;

use yew::prelude::*;

use crate::app::data_policy_field::{self, PolicyField};
use crate::app::preferences::Preferences;
use crate::app::route::{ActionsFilter, Route};
use crate::app::share::{self, ShareDraft, Source};
use crate::app::share_flow::ShareStep;
use crate::app::ConnectError;
use crate::hooks::{use_connection, use_focus_on_arrival, use_preferences, use_texts, ShareStatus};
use crate::i18n::fill;
use crate::servicenow::data_policy::mandatory_fields;
use crate::servicenow::{ApiError, AssignmentGroup};

use super::dates::{end_of_day_local, today_local};
use super::error_panel::ErrorPanel;
use super::share_fields::{Edit, ShareFields};
use super::share_outcome::{AlreadyOpenNotice, DataPolicyNotice, SentCard};
use super::share_reason::reason_text;

#[component]
pub fn ShareForm() -> Html {
    let connection = use_connection();
    let preferences = use_preferences();
    let texts_all = use_texts();
    let heading = use_focus_on_arrival();
    let texts = &texts_all.share;
    let sender = crate::hooks::use_share_sender();
    let draft = {
        let preferences = preferences.clone();
        use_state(move || preferences.share_drafts().open_draft().cloned())
    };
    // The draft with every edit so far: callbacks made at an older render (a group search
    // answering after the person moved on to another field) build on it, never on the draft
    // of their own render, so no later edit is undone.
    let latest = {
        let draft = draft.clone();
        use_mut_ref(move || (*draft).clone())
    };
    let touched = use_state(BTreeSet::<&'static str>::new);
    {
        // A new draft starts with the group chosen last in this tab.
        let (draft, latest, preferences) = (draft.clone(), latest.clone(), preferences.clone());
        use_effect_with((), move |_| {
            let ungrouped = latest
                .borrow()
                .as_ref()
                .is_some_and(|d| d.assignment_group.is_none());
            if let Some(group) = preferences.remembered_group().filter(|_| ungrouped) {
                change_draft(&preferences, &latest, &draft, |d| {
                    d.assignment_group = Some(group)
                });
            }
        });
    }
    let Some(current) = (*draft).clone() else {
        // Nothing to share (the draft was closed in another view): the list to pick from.
        return html! { <super::actions_page::ActionsPage filter={ActionsFilter::default()} /> };
    };
    if let ShareStatus::Sent(ticket, others) = &sender.status {
        let on_retry_note = {
            let sender = sender.clone();
            Callback::from(move |()| sender.retry_note())
        };
        return html! { <SentCard ticket={ticket.clone()} others={others.clone()} note={sender.note.clone()}
        note_comment={sender.note_comment()} {on_retry_note} /> };
    }

    let today = today_local();
    let verdict = share::validate(&current, today, &end_of_day_local);
    let check = verdict.clone().err().unwrap_or_default();
    let busy = matches!(sender.status, ShareStatus::Working(_));
    let on_edit = {
        let (draft, latest, touched, preferences) = (
            draft.clone(),
            latest.clone(),
            touched.clone(),
            preferences.clone(),
        );
        Callback::from(move |(field, apply): Edit| {
            if !change_draft(&preferences, &latest, &draft, |d| apply(d)) {
                return;
            }
            let mut seen = (*touched).clone();
            seen.insert(field);
            touched.set(seen);
        })
    };
    let choose_group = {
        let (draft, latest, preferences) = (draft.clone(), latest.clone(), preferences.clone());
        Callback::from(move |group: Option<AssignmentGroup>| {
            let chosen = group.clone();
            if change_draft(&preferences, &latest, &draft, |d| {
                d.assignment_group = chosen
            }) {
                preferences.remember_group(group.as_ref());
            }
        })
    };
    // A data policy's refusal: the labels the instance named (in its own language), each
    // shown at its field.
    let policy: Option<Vec<String>> = match &sender.status {
        ShareStatus::Failed(ApiError::Forbidden { detail }) => mandatory_fields(detail),
        _ => None,
    };
    let all_on_form = policy.as_deref().is_some_and(|named| {
        data_policy_field::all_on_form(named, &data_policy_field::form_fields(texts))
    });
    let group_error = policy
        .as_deref()
        .and_then(|named| {
            data_policy_field::demand_for(&PolicyField::assignment_group(texts), named)
        })
        .filter(|_| current.assignment_group.is_none())
        .map(|label| AttrValue::from(fill(texts.requires, &[("fields", label)])));
    // Offered for an action of the tenant's live list while Microsoft 365 is connected with
    // the write permission; what was chosen stays in the draft either way.
    let note_offered = sender.can_note()
        && current.from_tenant
        && current.source == Source::Microsoft
        && current.action_id.is_some();
    let note_on = current
        .action_id
        .clone()
        .filter(|_| note_offered && current.note_in_microsoft);
    let on_note = {
        let (draft, latest, preferences) = (draft.clone(), latest.clone(), preferences.clone());
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            change_draft(&preferences, &latest, &draft, |d| d.note_in_microsoft = on);
        })
    };
    let send = {
        let (sender, verdict) = (sender.clone(), verdict.clone());
        Callback::from(move |anyway: bool| {
            if let Ok(ticket) = &verdict {
                sender.send(ticket.clone(), anyway, note_on.clone());
            }
        })
    };
    let onsubmit = {
        let send = send.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send.emit(false);
        })
    };
    let oncancel = {
        let connection = connection.clone();
        Callback::from(move |_| connection.close_share(true, Route::actions()))
    };
    let intro = match &current.action_id {
        Some(_) if current.source == Source::Microsoft => {
            fill(texts.form_for_action, &[("title", &current.name)])
        }
        _ => texts.form_for_user.to_owned(),
    };
    let reason = check
        .first()
        .map(|p| fill(texts.send_blocked, &[("reason", &reason_text(texts, p))]));

    html! {
        <section class="sc-card sc-share-form" aria-labelledby="sc-share-title">
            <h2 id="sc-share-title" class="sc-card-title" tabindex="-1" ref={heading}>{ texts.form_title }</h2>
            <p>{ intro }</p>
            <form class="sc-form" novalidate=true {onsubmit}>
                <ShareFields draft={current.clone()} check={check.clone()} touched={(*touched).clone()}
                    {group_error} on_edit={on_edit} on_group={choose_group} />
                if note_offered {
                    <div class="sc-switch">
                        <input id="sc-share-note" type="checkbox" checked={current.note_in_microsoft}
                            onchange={on_note} aria-describedby="sc-share-note-hint" />
                        <label for="sc-share-note">{ texts.note_label }</label>
                        <p id="sc-share-note-hint" class="sc-hint">{ texts.note_hint }</p>
                    </div>
                }
                <div class="sc-actions">
                    <button type="submit" class="sc-button sc-primary" disabled={reason.is_some()}
                        aria-disabled={busy.then_some("true")} aria-describedby="sc-send-reason">{ texts.send_button }</button>
                    <button type="button" class="sc-button" onclick={oncancel}>{ texts.cancel_button }</button>
                </div>
                <p id="sc-send-reason" class="sc-hint">{ reason.unwrap_or_else(|| texts.draft_saved.to_owned()) }</p>
                <p class="sc-progress" role="status">
                    if let ShareStatus::Working(step) = &sender.status {
                        <span class="sc-spinner" aria-hidden="true"></span>{ step_text(texts_all, *step) }
                    }
                </p>
                if let ShareStatus::AlreadyOpen(found) = &sender.status {
                    <AlreadyOpenNotice found={found.clone()} on_create_anyway={send.reform(|_| true)} />
                }
                if let Some(fields) = &policy {
                    <DataPolicyNotice fields={fields.clone()} {all_on_form} />
                } else if let ShareStatus::Failed(error) = &sender.status {
                    <ErrorPanel error={ConnectError::Api(error.clone())} inline=true sending=true />
                }
            </form>
        </section>
    }
}

/// Applies `change` to the latest draft, keeps it for the tab and shows it; `false` when no
/// draft is open.
fn change_draft(
    preferences: &Preferences,
    latest: &RefCell<Option<ShareDraft>>,
    draft: &UseStateHandle<Option<ShareDraft>>,
    change: impl FnOnce(&mut ShareDraft),
) -> bool {
    let Some(mut next) = latest.borrow().clone() else {
        return false;
    };
    change(&mut next);
    let mut drafts = preferences.share_drafts();
    drafts.update(next.clone());
    preferences.save_share_drafts(&drafts);
    *latest.borrow_mut() = Some(next.clone());
    draft.set(Some(next));
    true
}

fn step_text(all: &'static crate::i18n::Texts, step: ShareStep) -> String {
    let texts = &all.share;
    match step {
        ShareStep::CheckingDuplicates => texts.checking_duplicates.to_owned(),
        ShareStep::Sending => texts.sending.to_owned(),
        ShareStep::RateLimited { seconds } => {
            fill(texts.rate_limited, &[("seconds", &all.seconds(seconds))])
        }
        ShareStep::Verifying => texts.verifying.to_owned(),
    }
}
