//! Loading an administrator's own Secure Score export, from a file or pasted; a bad file is
//! explained and the current list stays.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::app::catalog::{CatalogError, EntryProblem};
use crate::hooks::{use_texts, CatalogHandle};
use crate::i18n::{fill, ShareTexts};

#[derive(Properties, PartialEq)]
pub struct CatalogImportProps {
    pub catalog: CatalogHandle,
}

/// The sentence that names what is wrong with an export.
pub fn catalog_error_text(texts: &'static ShareTexts, error: &CatalogError) -> String {
    match error {
        CatalogError::NotJson { line, column } => fill(
            texts.catalog_not_json,
            &[("line", &line.to_string()), ("column", &column.to_string())],
        ),
        CatalogError::NoValueList => texts.catalog_no_value.to_owned(),
        CatalogError::Empty => texts.catalog_empty.to_owned(),
        CatalogError::Entry { index, problem } => {
            let index = index.to_string();
            match problem {
                EntryProblem::NotAnObject => fill(texts.catalog_not_object, &[("index", &index)]),
                EntryProblem::MissingText(field) => fill(
                    texts.catalog_missing_field,
                    &[("index", &index), ("field", field)],
                ),
                EntryProblem::UnknownCategory(c) => fill(
                    texts.catalog_bad_category,
                    &[("index", &index), ("category", c)],
                ),
            }
        }
    }
}

#[component]
pub fn CatalogImport(props: &CatalogImportProps) -> Html {
    let texts = &use_texts().share;
    let pasted = use_state(String::new);
    // The outcome, not its words: a language switch re-tells it.
    let outcome = use_state(|| None::<Result<usize, CatalogError>>);
    let apply = {
        let (catalog, outcome) = (props.catalog.clone(), outcome.clone());
        move |text: String| outcome.set(Some(catalog.import(&text)))
    };
    let message = (*outcome).as_ref().map(|outcome| match outcome {
        Ok(count) => (true, fill(texts.imported, &[("count", &count.to_string())])),
        Err(error) => (
            false,
            format!(
                "{} {}",
                catalog_error_text(texts, error),
                texts.catalog_unchanged
            ),
        ),
    });
    let onfile = {
        let apply = apply.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            let apply = apply.clone();
            spawn_local(async move {
                if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    apply(text.as_string().unwrap_or_default());
                }
            });
        })
    };
    let onpaste = {
        let pasted = pasted.clone();
        Callback::from(move |event: InputEvent| {
            pasted.set(event.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let onload = {
        let pasted = pasted.clone();
        Callback::from(move |_| apply((*pasted).clone()))
    };
    let onreset = {
        let (catalog, outcome) = (props.catalog.clone(), outcome.clone());
        Callback::from(move |_| {
            outcome.set(None);
            catalog.reset();
        })
    };
    html! {
        <details class="sc-guide sc-import">
            <summary>{ texts.import_title }</summary>
            <p class="sc-hint">{ texts.import_hint }</p>
            <div class="sc-field">
                <label for="sc-import-file">{ texts.import_file_label }</label>
                <input id="sc-import-file" type="file" accept="application/json,.json" onchange={onfile} />
            </div>
            <div class="sc-field">
                <label for="sc-import-paste">{ texts.import_paste_label }</label>
                <textarea id="sc-import-paste" rows="4" value={(*pasted).clone()} oninput={onpaste} spellcheck="false" />
            </div>
            <div class="sc-actions">
                <button type="button" class="sc-button" onclick={onload}>{ texts.import_button }</button>
                <button type="button" class="sc-button" onclick={onreset}>{ texts.reset_catalog }</button>
            </div>
            <p role="status" class={classes!(message.as_ref().map(|(ok, _)| if *ok { "sc-ok" } else { "sc-field-error" }))}>
                { message.as_ref().map(|(_, text)| text.clone()).unwrap_or_default() }
            </p>
        </details>
    }
}
