//! A labelled `<select>` and a labelled `<textarea>`, with hints and errors tied to them.

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChoiceFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// (value, shown text) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub selected: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub onchange: Callback<String>,
}

#[component]
pub fn ChoiceField(props: &ChoiceFieldProps) -> Html {
    let hint_id = format!("{}-hint", props.id);
    let onchange = props
        .onchange
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    html! {
        <div class="sc-field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} {onchange} aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())}>
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={*value == props.selected}>{ text.clone() }</option>
                }) }
            </select>
            if let Some(hint) = &props.hint { <p id={hint_id} class="sc-hint">{ hint.clone() }</p> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextAreaFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub hint: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required_mark: Option<AttrValue>,
    pub oninput: Callback<String>,
}

#[component]
pub fn TextAreaField(props: &TextAreaFieldProps) -> Html {
    let (hint_id, error_id) = (format!("{}-hint", props.id), format!("{}-error", props.id));
    let described_by = match props.error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let oninput = props
        .oninput
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    html! {
        <div class={classes!("sc-field", props.error.as_ref().map(|_| "sc-invalid"))}>
            <label for={props.id.clone()}>
                { props.label.clone() }
                if let Some(mark) = &props.required_mark { <span class="sc-required">{" "}{ mark.clone() }</span> }
            </label>
            <textarea id={props.id.clone()} rows="7" value={props.value.clone()} {oninput}
                required={props.required_mark.is_some()} aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={described_by} />
            <p id={hint_id} class="sc-hint">{ props.hint.clone() }</p>
            if let Some(error) = &props.error { <p id={error_id} class="sc-field-error">{ error.clone() }</p> }
        </div>
    }
}
