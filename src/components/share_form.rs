//! The share form: the ticket generated from an improvement action, reviewed and sent.
//! Every edit is kept in session storage; one click sends at most one ticket.

use std::cell::RefCell;
use std::collections::BTreeSet;

use yew::prelude::*;

use crate::app::data_policy_field::{self, PolicyField};
use crate::app::share::{self, ShareDraft, Source};
use crate::app::share_flow::ShareStep;
use crate::app::{ConnectError, View};
use crate::hooks::{use_connection, use_focus_on_arrival, ConnectionHandle, ShareStatus};
use crate::i18n::fill;
use crate::servicenow::data_policy::mandatory_fields;
use crate::servicenow::{ApiError, AssignmentGroup, Priority, TicketKind};

use super::actions_page::category_index;
use super::assignment_group_field::AssignmentGroupField;
use super::choice_field::{ChoiceField, TextAreaField};
use super::dates::{end_of_day_local, today_local};
use super::error_panel::ErrorPanel;
use super::share_outcome::{AlreadyOpenNotice, DataPolicyNotice, SentCard};
use super::share_reason::reason_text;
use super::text_field::TextField;

#[component]
pub fn ShareForm() -> Html {
    let connection = use_connection();
    let heading = use_focus_on_arrival();
    let texts = &connection.texts.share;
    let sender = crate::hooks::use_share_sender();
    let draft = {
        let connection = connection.clone();
        use_state(move || connection.share_drafts().open_draft().cloned())
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
        let (draft, latest, connection) = (draft.clone(), latest.clone(), connection.clone());
        use_effect_with((), move |_| {
            let ungrouped = latest
                .borrow()
                .as_ref()
                .is_some_and(|d| d.assignment_group.is_none());
            if let Some(group) = connection.remembered_group().filter(|_| ungrouped) {
                change_draft(&connection, &latest, &draft, |d| {
                    d.assignment_group = Some(group)
                });
            }
        });
    }
    let Some(current) = (*draft).clone() else {
        // Nothing to share (the draft was closed in another view): the list to pick from.
        return html! { <super::actions_page::ActionsPage /> };
    };
    if let ShareStatus::Sent(ticket) = &sender.status {
        return html! { <SentCard ticket={ticket.clone()} /> };
    }

    let today = today_local();
    let verdict = share::validate(&current, today, &end_of_day_local);
    let check = verdict.clone().err().unwrap_or_default();
    let busy = matches!(sender.status, ShareStatus::Working(_));
    let edit = |field: &'static str, apply: fn(&mut share::ShareDraft, String)| {
        let (draft, latest, touched, connection) = (
            draft.clone(),
            latest.clone(),
            touched.clone(),
            connection.clone(),
        );
        Callback::from(move |value: String| {
            if !change_draft(&connection, &latest, &draft, |d| apply(d, value)) {
                return;
            }
            let mut seen = (*touched).clone();
            seen.insert(field);
            touched.set(seen);
        })
    };
    let error = |field: &'static str, problem: Option<share::ShareProblem>| {
        problem
            .filter(|_| touched.contains(field))
            .map(|p| AttrValue::from(reason_text(texts, p)))
    };
    let choose_group = {
        let (draft, latest, connection) = (draft.clone(), latest.clone(), connection.clone());
        Callback::from(move |group: Option<AssignmentGroup>| {
            let chosen = group.clone();
            if change_draft(&connection, &latest, &draft, |d| {
                d.assignment_group = chosen
            }) {
                connection.remember_group(group.as_ref());
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
    let send = {
        let (sender, verdict) = (sender.clone(), verdict.clone());
        Callback::from(move |anyway: bool| {
            if let Ok(ticket) = &verdict {
                sender.send(ticket.clone(), anyway);
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
        Callback::from(move |_| connection.close_share(true, View::Actions))
    };
    let required = Some(AttrValue::Static(connection.texts.required_mark));
    type Options = Vec<(AttrValue, AttrValue)>;
    let kind_options: Options = vec![
        ("ChangeRequest".into(), texts.change_request.into()),
        ("Incident".into(), texts.incident.into()),
    ];
    // A change request offers 1 – 4: ServiceNow's change priorities have no "5 - Planning".
    let priority_options: Options = Priority::ALL
        .iter()
        .zip(texts.priorities)
        .filter(|(p, _)| Priority::choices(current.kind).contains(p))
        .map(|(p, t)| (p.number().to_string().into(), t.into()))
        .collect();
    let priority_hint = match current.kind {
        TicketKind::Incident => texts.priority_hint,
        TicketKind::ChangeRequest => texts.priority_hint_change,
    };
    let source_options: Options = vec![
        ("Microsoft".into(), texts.source_microsoft.into()),
        ("User".into(), texts.source_user.into()),
    ];
    let category_options: Options = crate::app::catalog::Category::ALL
        .iter()
        .map(|c| {
            (
                format!("{c:?}").into(),
                texts.categories[category_index(*c)].into(),
            )
        })
        .collect();
    let limit = current.kind.name_limit();
    let counter = fill(
        texts.name_counter,
        &[
            ("count", &current.name.chars().count().to_string()),
            ("limit", &limit.to_string()),
        ],
    );
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
                <ChoiceField id="sc-kind" label={texts.ticket_type_label} options={kind_options}
                    selected={format!("{:?}", current.kind)}
                    onchange={edit("kind", |d, v| {
                        d.kind = if v == "Incident" { TicketKind::Incident } else { TicketKind::ChangeRequest };
                        d.priority = d.priority.for_kind(d.kind);
                    })} />
                <TextField id="sc-name" label={texts.name_label} hint={counter} value={current.name.clone()}
                    required_mark={required.clone()} error={error("name", check.name)} oninput={edit("name", |d, v| d.name = v)} />
                <TextAreaField id="sc-description" label={texts.description_label} hint={texts.description_hint}
                    value={current.description.clone()} required_mark={required.clone()}
                    error={error("description", check.description)} oninput={edit("description", |d, v| d.description = v)} />
                <ChoiceField id="sc-priority" label={texts.priority_label} options={priority_options} hint={Some(AttrValue::Static(priority_hint))}
                    selected={current.priority.for_kind(current.kind).number().to_string()}
                    onchange={edit("priority", |d, v| d.priority = v.parse().ok().and_then(Priority::from_number).unwrap_or(d.priority))} />
                <TextField id="sc-due" label={texts.due_label} hint="" input_type="date" value={current.due_date.clone()}
                    min={Some(AttrValue::from(today.format("%Y-%m-%d").to_string()))} required_mark={required.clone()}
                    error={error("due", check.due_date)} oninput={edit("due", |d, v| d.due_date = v)} />
                <AssignmentGroupField value={current.assignment_group.clone()} error={group_error} onchange={choose_group} />
                <ChoiceField id="sc-source" label={texts.source_label} options={source_options}
                    selected={format!("{:?}", current.source)}
                    onchange={edit("source", |d, v| d.source = if v == "User" { Source::User } else { Source::Microsoft })} />
                <ChoiceField id="sc-category-field" label={texts.category_field_label} options={category_options}
                    selected={format!("{:?}", current.category)}
                    onchange={edit("category", |d, v| d.category = crate::app::catalog::Category::parse(&v).unwrap_or(d.category))} />
                <TextField id="sc-requested-by" label={texts.requested_by_label} hint={texts.requested_by_hint}
                    value={current.requested_by.clone()} required_mark={required}
                    error={error("requested_by", check.requested_by)} oninput={edit("requested_by", |d, v| d.requested_by = v)} />
                <div class="sc-actions">
                    <button type="submit" class="sc-button sc-primary" disabled={reason.is_some()}
                        aria-disabled={busy.then_some("true")} aria-describedby="sc-send-reason">{ texts.send_button }</button>
                    <button type="button" class="sc-button" onclick={oncancel}>{ texts.cancel_button }</button>
                </div>
                <p id="sc-send-reason" class="sc-hint">{ reason.unwrap_or_else(|| texts.draft_saved.to_owned()) }</p>
                <p class="sc-progress" role="status">
                    if let ShareStatus::Working(step) = &sender.status {
                        <span class="sc-spinner" aria-hidden="true"></span>{ step_text(connection.texts, *step) }
                    }
                </p>
                if let ShareStatus::AlreadyOpen(found) = &sender.status {
                    <AlreadyOpenNotice found={found.clone()} on_create_anyway={send.reform(|_| true)} />
                }
                if let Some(fields) = &policy {
                    <DataPolicyNotice fields={fields.clone()} {all_on_form} />
                } else if let ShareStatus::Failed(error) = &sender.status {
                    <ErrorPanel error={ConnectError::Api(error.clone())} inline=true />
                }
            </form>
        </section>
    }
}

/// Applies `change` to the latest draft, keeps it for the tab and shows it; `false` when no
/// draft is open.
fn change_draft(
    connection: &ConnectionHandle,
    latest: &RefCell<Option<ShareDraft>>,
    draft: &UseStateHandle<Option<ShareDraft>>,
    change: impl FnOnce(&mut ShareDraft),
) -> bool {
    let Some(mut next) = latest.borrow().clone() else {
        return false;
    };
    change(&mut next);
    let mut drafts = connection.share_drafts();
    drafts.update(next.clone());
    connection.save_share_drafts(&drafts);
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
