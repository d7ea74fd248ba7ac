//! "Keep these settings": export the saved state names as a settings file, and import one.
//! A bad file is explained next to the file field and the current names stay.

use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::app::settings_file::{self, SettingsFileError, FILE_NAME};
use crate::app::state_names::{StateNames, NAME_MAX};
use crate::hooks::{use_preferences, use_texts};
use crate::i18n::{fill, ManageTexts};

#[derive(Properties, PartialEq)]
pub struct SettingsTransferProps {
    /// The saved names: what an export writes.
    pub saved: StateNames,
    /// Told of names imported (and already saved).
    pub on_imported: Callback<StateNames>,
}

/// The sentence that names what is wrong with a settings file.
pub fn settings_file_error_text(texts: &ManageTexts, error: &SettingsFileError) -> String {
    let t = &texts.file;
    let limit = NAME_MAX.to_string();
    match error {
        SettingsFileError::NotJson { line, column } => fill(
            t.not_json,
            &[("line", &line.to_string()), ("column", &column.to_string())],
        ),
        SettingsFileError::NotAnObject => t.not_object.to_owned(),
        SettingsFileError::FormatMissing => t.format_missing.to_owned(),
        SettingsFileError::OtherFormat { found } => fill(t.other_format, &[("found", found)]),
        SettingsFileError::VersionMissing => t.version_missing.to_owned(),
        SettingsFileError::UnsupportedVersion { found } => {
            fill(t.unsupported_version, &[("found", found)])
        }
        SettingsFileError::StateNamesMissing => t.state_names_missing.to_owned(),
        SettingsFileError::StateNamesNotObject => t.state_names_not_object.to_owned(),
        SettingsFileError::UnknownTable { table } => fill(t.unknown_table, &[("table", table)]),
        SettingsFileError::TableNotObject { table } => {
            fill(t.table_not_object, &[("table", table)])
        }
        SettingsFileError::NotAStateValue { table, value } => {
            fill(t.not_a_state_value, &[("table", table), ("value", value)])
        }
        SettingsFileError::NameNotText { table, value } => {
            fill(t.name_not_text, &[("table", table), ("value", value)])
        }
        SettingsFileError::NameTooLong { table, value } => fill(
            t.name_too_long,
            &[("table", table), ("value", value), ("limit", &limit)],
        ),
    }
}

/// Offers `text` as a download; `false` when the browser refuses (or outside a browser).
fn download(text: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        crate::web::download::save_text(FILE_NAME, "application/json", text)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        false
    }
}

/// How the last export or import went.
#[derive(Debug, Clone, PartialEq)]
enum Transfer {
    Exported,
    ExportFailed,
    Unreadable,
    Refused(SettingsFileError),
    SaveFailed,
    Imported(usize),
}

#[component]
pub fn SettingsTransfer(props: &SettingsTransferProps) -> Html {
    let preferences = use_preferences();
    let texts_all = use_texts();
    let texts = &texts_all.manage;
    let locale = texts_all.locale;
    // What happened, not its words: a language switch re-tells it.
    let outcome = use_state(|| None::<Transfer>);
    let message = (*outcome).as_ref().map(|outcome| match outcome {
        Transfer::Exported => (true, fill(texts.exported, &[("file", FILE_NAME)])),
        Transfer::ExportFailed => (false, texts.export_failed.to_owned()),
        Transfer::Unreadable => (false, texts.import_unreadable.to_owned()),
        Transfer::Refused(error) => (
            false,
            format!(
                "{} {}",
                settings_file_error_text(texts, error),
                texts.import_unchanged
            ),
        ),
        Transfer::SaveFailed => (false, texts.names_save_failed.to_owned()),
        Transfer::Imported(count) => (
            true,
            super::dates::counted(*count as u64, &texts.imported, locale),
        ),
    });
    let onexport = {
        let (saved, outcome) = (props.saved.clone(), outcome.clone());
        Callback::from(move |_| {
            let done = download(&settings_file::export(&saved));
            outcome.set(Some(if done {
                Transfer::Exported
            } else {
                Transfer::ExportFailed
            }));
        })
    };
    let apply = {
        let (preferences, outcome, on_imported) = (
            preferences.clone(),
            outcome.clone(),
            props.on_imported.clone(),
        );
        move |text: Option<String>| {
            let Some(text) = text else {
                outcome.set(Some(Transfer::Unreadable));
                return;
            };
            let names = match settings_file::import(&text) {
                Ok(names) => names,
                Err(error) => {
                    outcome.set(Some(Transfer::Refused(error)));
                    return;
                }
            };
            if preferences.save_state_names(&names).is_err() {
                outcome.set(Some(Transfer::SaveFailed));
                return;
            }
            let count = names.change_request.len() + names.incident.len();
            on_imported.emit(names);
            outcome.set(Some(Transfer::Imported(count)));
        }
    };
    let onchange = Callback::from(move |event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Cleared so that choosing the same file again, once fixed, reads it again.
        input.set_value("");
        let apply = apply.clone();
        spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            apply(text.ok().and_then(|t| t.as_string()));
        });
    });
    let failed = message.as_ref().is_some_and(|(ok, _)| !ok);
    let described_by = if failed {
        "sc-settings-import-hint sc-settings-message"
    } else {
        "sc-settings-import-hint"
    };
    html! {
        <section class="sc-card sc-settings-transfer" aria-labelledby="sc-transfer-title">
            <h2 id="sc-transfer-title" class="sc-card-title">{ texts.transfer_heading }</h2>
            <p class="sc-muted">{ texts.transfer_intro }</p>
            <div class="sc-actions">
                <button type="button" class="sc-button" onclick={onexport}>{ texts.export_button }</button>
            </div>
            <div class={classes!("sc-field", failed.then_some("sc-invalid"))}>
                <label for="sc-settings-import">{ texts.import_label }</label>
                <input id="sc-settings-import" type="file" accept="application/json,.json"
                    aria-describedby={described_by} aria-invalid={failed.then_some("true")} {onchange} />
                <p id="sc-settings-import-hint" class="sc-hint">{ texts.import_hint }</p>
            </div>
            <p id="sc-settings-message" role="status"
                class={classes!(message.as_ref().map(|(ok, _)| if *ok { "sc-ok" } else { "sc-field-error" }))}>
                { message.as_ref().map(|(_, text)| text.clone()).unwrap_or_default() }
            </p>
        </section>
    }
}
