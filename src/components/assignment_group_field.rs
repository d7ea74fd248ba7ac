//! The share form's optional assignment group: an input searching the instance's active
//! groups (`sys_user_group`, by name) as the person types, with the matches offered in a
//! `<datalist>` (keyboard and screen reader support come with the browser's own list). A
//! group is chosen when the text is exactly one of the matches' names. A search that fails is
//! told as a failure (why, in a few words), never as "no match".

use gloo_timers::callback::Timeout;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::app::ConnectError;
use crate::hooks::{use_connection, use_describer, use_texts};
use crate::i18n::fill;
use crate::servicenow::{ApiError, AssignmentGroup};

/// How long typing must pause before the instance is asked, in milliseconds.
const DEBOUNCE_MS: u32 = 300;

#[derive(Properties, PartialEq)]
pub struct AssignmentGroupFieldProps {
    pub value: Option<AssignmentGroup>,
    /// The instance's own demand for the field (a data policy), already worded.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub onchange: Callback<Option<AssignmentGroup>>,
}

/// Where the search for the typed text stands.
#[derive(Debug, Clone, PartialEq)]
enum Search {
    /// Nothing was answered for the text yet.
    Idle,
    /// The instance answered; its matches are the options.
    Answered,
    /// The groups could not be read (an ACL, a blocked request, an ended session, a rate
    /// limit): said so, never passed off as "no match". Typing searches again.
    Failed(ApiError),
}

/// The group among `options` whose name is exactly `text` (ignoring case and outer spaces).
fn exact(options: &[AssignmentGroup], text: &str) -> Option<AssignmentGroup> {
    let text = text.trim();
    options
        .iter()
        .find(|g| !text.is_empty() && g.name.trim().eq_ignore_ascii_case(text))
        .cloned()
}

#[component]
pub fn AssignmentGroupField(props: &AssignmentGroupFieldProps) -> Html {
    let connection = use_connection();
    let describer = use_describer();
    let texts_all = use_texts();
    let texts = &texts_all.share;
    let id = "sc-assignment-group";
    let text = {
        let name = props.value.as_ref().map(|g| g.name.clone());
        use_state(move || name.unwrap_or_default())
    };
    let options = use_state(Vec::<AssignmentGroup>::new);
    let search = use_state(|| Search::Idle);
    let timer = use_mut_ref(|| None::<Timeout>);
    // Counts the changes of the text (typing, a group set from outside, leaving the form): an
    // answer is used only while its count is still the current one, so a slower, older answer
    // never replaces the one for the latest text, and none lands after the field is gone.
    let generation = use_mut_ref(|| 0_u64);
    // The latest callback, not the one of the render when the search began.
    let onchange = use_mut_ref(|| props.onchange.clone());
    *onchange.borrow_mut() = props.onchange.clone();
    {
        let (timer, generation) = (timer.clone(), generation.clone());
        use_effect_with((), move |_| {
            move || {
                *generation.borrow_mut() += 1;
                timer.borrow_mut().take();
            }
        });
    }
    {
        // A group set from outside (the one remembered for the tab) shows its name.
        let (text, timer, generation) = (text.clone(), timer.clone(), generation.clone());
        use_effect_with(props.value.clone(), move |value| {
            if let Some(group) = value {
                if !group.name.trim().eq_ignore_ascii_case(text.trim()) {
                    *generation.borrow_mut() += 1;
                    timer.borrow_mut().take();
                    text.set(group.name.clone());
                }
            }
        });
    }
    let oninput = {
        let (text, options, search, timer, generation, onchange) = (
            text.clone(),
            options.clone(),
            search.clone(),
            timer.clone(),
            generation.clone(),
            onchange.clone(),
        );
        let (value, connection) = (props.value.clone(), connection.clone());
        Callback::from(move |e: InputEvent| {
            let typed = e.target_unchecked_into::<HtmlInputElement>().value();
            text.set(typed.clone());
            let asked = {
                let mut current = generation.borrow_mut();
                *current += 1;
                *current
            };
            let chosen = exact(&options, &typed);
            if chosen != value {
                let emit = onchange.borrow().clone();
                emit.emit(chosen.clone());
            }
            timer.borrow_mut().take();
            if typed.trim().is_empty() || chosen.is_some() {
                search.set(Search::Idle);
                return;
            }
            let Some(client) = connection.client() else {
                return;
            };
            let (options, search, generation, onchange) = (
                options.clone(),
                search.clone(),
                generation.clone(),
                onchange.clone(),
            );
            let ask = move || {
                spawn_local(async move {
                    let answer = client.find_groups(&typed).await;
                    if *generation.borrow() != asked {
                        return;
                    }
                    match answer {
                        Ok(found) => {
                            if let Some(group) = exact(&found, &typed) {
                                let emit = onchange.borrow().clone();
                                emit.emit(Some(group));
                            }
                            search.set(Search::Answered);
                            options.set(found);
                        }
                        Err(error) => search.set(Search::Failed(error)),
                    }
                });
            };
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, ask));
        })
    };
    let hint_id = format!("{id}-hint");
    let status_id = format!("{id}-status");
    let error_id = format!("{id}-error");
    let mut described_by = vec![hint_id.clone(), status_id.clone()];
    if props.error.is_some() {
        described_by.push(error_id.clone());
    }
    let status = match (&props.value, &*search) {
        (Some(group), _) => fill(texts.assignment_group_chosen, &[("name", &group.name)]),
        (None, Search::Failed(error)) => {
            let why = describer.describe(&ConnectError::Api(error.clone())).title;
            fill(texts.assignment_group_failed, &[("detail", &why)])
        }
        (None, Search::Answered) if options.is_empty() && !text.trim().is_empty() => {
            texts.assignment_group_none.to_owned()
        }
        _ => String::new(),
    };
    html! {
        <div class={classes!("sc-field", props.error.as_ref().map(|_| "sc-invalid"))}>
            <label for={id}>{ texts.assignment_group_label }</label>
            <input id={id} type="text" list={format!("{id}-options")} value={(*text).clone()} {oninput}
                autocomplete="off" spellcheck="false"
                aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={described_by.join(" ")} />
            <datalist id={format!("{id}-options")}>
                { for options.iter().map(|g| html! { <option value={g.name.clone()} /> }) }
            </datalist>
            <p id={hint_id} class="sc-hint">{ texts.assignment_group_hint }</p>
            <p id={status_id} class="sc-hint" role="status">{ status }</p>
            if let Some(error) = &props.error {
                <p id={error_id} class="sc-field-error">{ error.clone() }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str) -> AssignmentGroup {
        AssignmentGroup {
            sys_id: format!("id-{name}"),
            name: name.to_owned(),
        }
    }

    #[test]
    fn a_group_is_chosen_only_by_its_whole_name() {
        let options = [group("Network"), group("Network Operations")];
        assert_eq!(exact(&options, " network "), Some(group("Network")));
        assert_eq!(exact(&options, "Netw"), None);
        assert_eq!(exact(&options, ""), None);
        assert_eq!(exact(&[], "Network"), None);
    }
}
