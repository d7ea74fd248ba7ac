//! A labelled text input with its hint and error tied to it for assistive technology.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub hint: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required_mark: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    /// Shown but not editable (while the form is being sent).
    #[prop_or_default]
    pub readonly: bool,
    /// The earliest value, for date inputs.
    #[prop_or_default]
    pub min: Option<AttrValue>,
    pub oninput: Callback<String>,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let hint_id = format!("{}-hint", props.id);
    let error_id = format!("{}-error", props.id);
    let described_by = match props.error {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let oninput = props
        .oninput
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    // Also on `change`: a value set without `input` events (a cleared field, some autofill)
    // still reaches the form's state, so the next render cannot put the old text back.
    let onchange = props
        .oninput
        .reform(|event: Event| event.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <div class={classes!("sc-field", props.error.as_ref().map(|_| "sc-invalid"))}>
            <label for={props.id.clone()}>
                { props.label.clone() }
                if let Some(mark) = &props.required_mark {
                    <span class="sc-required">{" "}{ mark.clone() }</span>
                }
            </label>
            <input
                id={props.id.clone()}
                type={props.input_type.clone()}
                value={props.value.clone()}
                placeholder={props.placeholder.clone()}
                min={props.min.clone()}
                readonly={props.readonly}
                required={props.required_mark.is_some()}
                aria-required={props.required_mark.as_ref().map(|_| "true")}
                aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={described_by}
                autocomplete="off"
                spellcheck="false"
                {oninput}
                {onchange}
            />
            <p id={hint_id} class="sc-hint">{ props.hint.clone() }</p>
            if let Some(error) = &props.error {
                <p id={error_id} class="sc-field-error">{ error.clone() }</p>
            }
        </div>
    }
}
