//! The share form's optional assignment group: an input searching the instance's active
//! groups (`sys_user_group`, by name) as the person types, with the matches offered in a
//! `<datalist>` (keyboard and screen reader support come with the browser's own list). A
//! group is chosen when the text is exactly one of the matches' names.

use gloo_timers::callback::Timeout;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::hooks::use_connection;
use crate::i18n::fill;
use crate::servicenow::AssignmentGroup;

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
    let texts = &connection.texts.share;
    let id = "sc-assignment-group";
    let text = {
        let name = props.value.as_ref().map(|g| g.name.clone());
        use_state(move || name.unwrap_or_default())
    };
    {
        // A group set from outside (the one remembered for the tab) shows its name.
        let text = text.clone();
        use_effect_with(props.value.clone(), move |value| {
            if let Some(group) = value {
                if !group.name.trim().eq_ignore_ascii_case(text.trim()) {
                    text.set(group.name.clone());
                }
            }
        });
    }
    let options = use_state(Vec::<AssignmentGroup>::new);
    let searched = use_state(|| false);
    let timer = use_mut_ref(|| None::<Timeout>);
    let latest = use_mut_ref(String::new);
    let oninput = {
        let (text, options, searched, timer, latest) = (
            text.clone(),
            options.clone(),
            searched.clone(),
            timer.clone(),
            latest.clone(),
        );
        let (onchange, value, connection) = (
            props.onchange.clone(),
            props.value.clone(),
            connection.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let typed = e.target_unchecked_into::<HtmlInputElement>().value();
            text.set(typed.clone());
            *latest.borrow_mut() = typed.clone();
            let chosen = exact(&options, &typed);
            if chosen != value {
                onchange.emit(chosen.clone());
            }
            timer.borrow_mut().take();
            if typed.trim().is_empty() || chosen.is_some() {
                searched.set(false);
                return;
            }
            let Some(client) = connection.client() else {
                return;
            };
            let (options, searched, latest, onchange) = (
                options.clone(),
                searched.clone(),
                latest.clone(),
                onchange.clone(),
            );
            let search = move || {
                spawn_local(async move {
                    let found = client.find_groups(&typed).await.unwrap_or_default();
                    // A slower, older answer never replaces the one for the latest text.
                    if *latest.borrow() != typed {
                        return;
                    }
                    if let Some(group) = exact(&found, &typed) {
                        onchange.emit(Some(group));
                    }
                    searched.set(true);
                    options.set(found);
                });
            };
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, search));
        })
    };
    let hint_id = format!("{id}-hint");
    let status_id = format!("{id}-status");
    let error_id = format!("{id}-error");
    let mut described_by = vec![hint_id.clone(), status_id.clone()];
    if props.error.is_some() {
        described_by.push(error_id.clone());
    }
    let status = match (&props.value, *searched, options.is_empty()) {
        (Some(group), _, _) => fill(texts.assignment_group_chosen, &[("name", &group.name)]),
        (None, true, true) if !text.trim().is_empty() => texts.assignment_group_none.to_owned(),
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
