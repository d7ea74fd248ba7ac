//! The share form's fields: ticket type, name, description, priority, due date, assignment
//! group, source, category and requester, each with its hint and, once touched, its problem.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::share::{self, ShareCheck, ShareDraft, Source};
use crate::hooks::use_texts;
use crate::i18n::fill;
use crate::servicenow::{AssignmentGroup, Priority, TicketKind};

use super::actions_page::category_index;
use super::assignment_group_field::AssignmentGroupField;
use super::choice_field::{ChoiceField, TextAreaField};
use super::share_reason::reason_text;
use super::text_field::TextField;

/// An edit of the draft: which field, and what it does to the draft.
pub type Edit = (&'static str, Rc<dyn Fn(&mut ShareDraft)>);

#[derive(Properties, PartialEq)]
pub struct ShareFieldsProps {
    pub draft: ShareDraft,
    pub check: ShareCheck,
    /// The fields the person has changed: only theirs show a problem.
    pub touched: BTreeSet<&'static str>,
    /// What a data policy demands of the group, when it refused the ticket.
    pub group_error: Option<AttrValue>,
    pub on_edit: Callback<Edit>,
    pub on_group: Callback<Option<AssignmentGroup>>,
}

#[component]
pub fn ShareFields(props: &ShareFieldsProps) -> Html {
    let texts_all = use_texts();
    let texts = &texts_all.share;
    let draft = &props.draft;
    let check = &props.check;
    let today = super::dates::today_local();
    let edit = |field: &'static str, apply: fn(&mut ShareDraft, String)| {
        let on_edit = props.on_edit.clone();
        Callback::from(move |value: String| {
            on_edit.emit((
                field,
                Rc::new(move |d: &mut ShareDraft| apply(d, value.clone())),
            ))
        })
    };
    let error = |field: &'static str, problem: Option<share::ShareProblem>| {
        problem
            .filter(|_| props.touched.contains(field))
            .map(|p| AttrValue::from(reason_text(texts, p)))
    };
    let required = Some(AttrValue::Static(texts_all.required_mark));
    type Options = Vec<(AttrValue, AttrValue)>;
    let kind_options: Options = vec![
        ("ChangeRequest".into(), texts.change_request.into()),
        ("Incident".into(), texts.incident.into()),
    ];
    // A change request offers 1 – 4: ServiceNow's change priorities have no "5 - Planning".
    let priority_options: Options = Priority::ALL
        .iter()
        .zip(texts.priorities)
        .filter(|(p, _)| Priority::choices(draft.kind).contains(p))
        .map(|(p, t)| (p.number().to_string().into(), t.into()))
        .collect();
    let priority_hint = match draft.kind {
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
    let limit = draft.kind.name_limit();
    let counter = fill(
        texts.name_counter,
        &[
            ("count", &draft.name.chars().count().to_string()),
            ("limit", &limit.to_string()),
        ],
    );
    html! {
        <>
            <ChoiceField id="sc-kind" label={texts.ticket_type_label} options={kind_options}
                selected={format!("{:?}", draft.kind)}
                onchange={edit("kind", |d, v| {
                    d.kind = if v == "Incident" { TicketKind::Incident } else { TicketKind::ChangeRequest };
                    d.priority = d.priority.for_kind(d.kind);
                })} />
            <TextField id="sc-name" label={texts.name_label} hint={counter} value={draft.name.clone()}
                required_mark={required.clone()} error={error("name", check.name)} oninput={edit("name", |d, v| d.name = v)} />
            <TextAreaField id="sc-description" label={texts.description_label} hint={texts.description_hint}
                value={draft.description.clone()} required_mark={required.clone()}
                error={error("description", check.description)} oninput={edit("description", |d, v| d.description = v)} />
            <ChoiceField id="sc-priority" label={texts.priority_label} options={priority_options} hint={Some(AttrValue::Static(priority_hint))}
                selected={draft.priority.for_kind(draft.kind).number().to_string()}
                onchange={edit("priority", |d, v| d.priority = v.parse().ok().and_then(Priority::from_number).unwrap_or(d.priority))} />
            <TextField id="sc-due" label={texts.due_label} hint="" input_type="date" value={draft.due_date.clone()}
                min={Some(AttrValue::from(today.format("%Y-%m-%d").to_string()))} required_mark={required.clone()}
                error={error("due", check.due_date)} oninput={edit("due", |d, v| d.due_date = v)} />
            <AssignmentGroupField value={draft.assignment_group.clone()} error={props.group_error.clone()} onchange={props.on_group.clone()} />
            <ChoiceField id="sc-source" label={texts.source_label} options={source_options}
                selected={format!("{:?}", draft.source)}
                onchange={edit("source", |d, v| d.source = if v == "User" { Source::User } else { Source::Microsoft })} />
            <ChoiceField id="sc-category-field" label={texts.category_field_label} options={category_options}
                selected={format!("{:?}", draft.category)}
                onchange={edit("category", |d, v| d.category = crate::app::catalog::Category::parse(&v).unwrap_or(d.category))} />
            <TextField id="sc-requested-by" label={texts.requested_by_label} hint={texts.requested_by_hint}
                value={draft.requested_by.clone()} required_mark={required}
                error={error("requested_by", check.requested_by)} oninput={edit("requested_by", |d, v| d.requested_by = v)} />
        </>
    }
}
