//! "Customize ticket state names": one field per state of each table, labelled and
//! placeholdered with the ServiceNow name; saved in session storage, or reset.

use std::collections::HashMap;

use yew::prelude::*;

use crate::app::state_names::{states_to_name, NamedState, StateNames, NAME_MAX, TABLES};
use crate::hooks::{
    use_describer, use_instance_states, use_preferences, use_texts, InstanceStates,
};
use crate::i18n::{fill, ManageTexts};
use crate::servicenow::TicketKind;

use super::settings_transfer::SettingsTransfer;
use super::text_field::TextField;

/// The names as typed, by table and state value.
type Draft = HashMap<(TicketKind, String), String>;

fn draft_of(names: &StateNames) -> Draft {
    TABLES
        .into_iter()
        .flat_map(|kind| {
            names
                .table(kind)
                .iter()
                .map(move |(value, name)| ((kind, value.clone()), name.clone()))
        })
        .collect()
}

fn names_of(draft: &Draft) -> StateNames {
    let mut names = StateNames::default();
    for ((kind, value), name) in draft {
        names.set(*kind, value, name);
    }
    names
}

fn too_long(name: &str) -> bool {
    name.trim().chars().count() > NAME_MAX
}

/// What the last button did, announced in the form's status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Saved,
    Reset,
    SaveFailed,
    FixNames,
}

impl Outcome {
    fn text(self, texts: &ManageTexts) -> &'static str {
        match self {
            Outcome::Saved => texts.names_saved,
            Outcome::Reset => texts.names_reset,
            Outcome::SaveFailed => texts.names_save_failed,
            Outcome::FixNames => texts.fix_names,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Outcome::Saved | Outcome::Reset => "sc-ok",
            Outcome::SaveFailed | Outcome::FixNames => "sc-form-error",
        }
    }
}

#[component]
pub fn StateNamesForm() -> Html {
    let describer = use_describer();
    let preferences = use_preferences();
    let texts_all = use_texts();
    let texts = &texts_all.manage;
    let saved = {
        let preferences = preferences.clone();
        use_state(move || preferences.state_names())
    };
    let draft = {
        let saved = saved.clone();
        use_state(move || draft_of(&saved))
    };
    let outcome = use_state(|| None::<Outcome>);
    let instance = use_instance_states();

    let store = {
        let (saved, outcome) = (saved.clone(), outcome.clone());
        move |names: StateNames, done: Outcome| match preferences.save_state_names(&names) {
            Ok(()) => {
                saved.set(names);
                outcome.set(Some(done));
            }
            Err(_) => outcome.set(Some(Outcome::SaveFailed)),
        }
    };
    let onsubmit = {
        let (draft, outcome, store) = (draft.clone(), outcome.clone(), store.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if draft.values().any(|name| too_long(name)) {
                outcome.set(Some(Outcome::FixNames));
                return;
            }
            store(names_of(&draft), Outcome::Saved);
        })
    };
    let onreset = {
        let draft = draft.clone();
        Callback::from(move |_| {
            draft.set(Draft::new());
            store(StateNames::default(), Outcome::Reset);
        })
    };
    let on_imported = {
        let (draft, saved, outcome) = (draft.clone(), saved.clone(), outcome.clone());
        Callback::from(move |names: StateNames| {
            draft.set(draft_of(&names));
            saved.set(names);
            outcome.set(None);
        })
    };
    let note = match &*instance {
        InstanceStates::Loading => html! { <p class="sc-progress">{ texts.names_loading }</p> },
        InstanceStates::Loaded(Err(error)) => {
            let detail = describer.describe(error).title;
            html! { <p class="sc-muted">{ fill(texts.names_instance_failed, &[("detail", &detail)]) }</p> }
        }
        InstanceStates::Loaded(Ok(_)) => html! {},
    };
    let on_name = {
        let (draft, outcome) = (draft.clone(), outcome.clone());
        Callback::from(move |(key, text): ((TicketKind, String), String)| {
            let mut next = (*draft).clone();
            next.insert(key, text);
            draft.set(next);
            outcome.set(None);
        })
    };
    let tables = TABLES.into_iter().enumerate().map(|(index, kind)| {
        // Fields come from the saved names, so emptying one does not make it vanish.
        let states: Vec<NamedState> =
            states_to_name(kind, instance.of(index), &saved, &texts_all.tickets);
        let typed = states
            .iter()
            .map(|s| {
                draft
                    .get(&(kind, s.value.clone()))
                    .cloned()
                    .unwrap_or_default()
            })
            .collect::<Vec<String>>();
        html! {
            <StateNamesTable {kind} legend={texts.table_legends[index]} {states} {typed}
                on_name={on_name.clone()} />
        }
    });
    let status = outcome.map(|o| (o.class(), o.text(texts)));
    html! {
        <>
            <section class="sc-card sc-state-names" aria-labelledby="sc-names-title">
                <h2 id="sc-names-title" class="sc-card-title">{ texts.names_heading }</h2>
                <p class="sc-muted">{ texts.names_intro }</p>
                { note }
                <form {onsubmit} novalidate=true>
                    <div class="sc-state-tables">{ for tables }</div>
                    <div class="sc-actions">
                        <button type="submit" class="sc-button sc-primary">{ texts.save_names }</button>
                        <button type="button" class="sc-button" onclick={onreset}>{ texts.reset_names }</button>
                    </div>
                </form>
                <p role="status" class={classes!("sc-names-status", status.map(|(class, _)| class))}>
                    { status.map(|(_, text)| text).unwrap_or_default() }
                </p>
            </section>
            <SettingsTransfer saved={(*saved).clone()} {on_imported} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct StateNamesTableProps {
    kind: TicketKind,
    legend: &'static str,
    /// The table's states to name, in order.
    states: Vec<NamedState>,
    /// What is typed for each of them, in the same order.
    typed: Vec<String>,
    on_name: Callback<((TicketKind, String), String)>,
}

/// One table's states: a field each, labelled with the ServiceNow name.
#[component]
fn StateNamesTable(props: &StateNamesTableProps) -> Html {
    let texts = &use_texts().manage;
    let kind = props.kind;
    let fields = props.states.iter().zip(&props.typed).map(|(state, value)| {
        let error = too_long(value).then(|| {
            AttrValue::from(fill(
                texts.name_too_long,
                &[("limit", &NAME_MAX.to_string())],
            ))
        });
        let oninput = {
            let (on_name, key) = (props.on_name.clone(), (kind, state.value.clone()));
            Callback::from(move |text: String| on_name.emit((key.clone(), text)))
        };
        html! {
            <TextField
                id={format!("sc-state-{}-{}", kind.table(), state.value)}
                label={state.servicenow_name.clone()}
                placeholder={state.servicenow_name.clone()}
                hint={fill(texts.state_value_hint, &[("value", &state.value)])}
                value={value.clone()}
                {error}
                {oninput}
            />
        }
    });
    html! {
        <fieldset class="sc-state-table">
            <legend>{ props.legend }</legend>
            { for fields }
        </fieldset>
    }
}
