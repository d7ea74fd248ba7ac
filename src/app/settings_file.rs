//! The settings file: what an administrator exports to keep snowcard's settings beyond the
//! browser session, and imports again. Versioned, and read strictly: a bad file is named
//! precisely and changes nothing.
//!
//! ```json
//! {"format": "snowcard-settings", "version": 1,
//!  "stateNames": {"change_request": {"-4": "Triage"}, "incident": {"2": "Working on it"}}}
//! ```

use serde::Serialize;
use serde_json::{Map, Value};
use thiserror::Error;

use super::state_names::{is_state_value, StateNames, NAME_MAX, TABLES};
use crate::servicenow::TicketKind;

/// The `format` every settings file names.
pub const FORMAT: &str = "snowcard-settings";
/// The version this build writes and reads.
pub const VERSION: u64 = 1;
/// The name offered for the downloaded file.
pub const FILE_NAME: &str = "snowcard-settings.json";

/// What is wrong with a settings file, precisely enough to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SettingsFileError {
    #[error("not JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    #[error("the file is not a JSON object")]
    NotAnObject,
    #[error("no \"format\" field")]
    FormatMissing,
    #[error("format {found} is not {FORMAT}")]
    OtherFormat { found: String },
    #[error("no \"version\" field")]
    VersionMissing,
    #[error("version {found} is not supported")]
    UnsupportedVersion { found: String },
    #[error("no \"stateNames\" field")]
    StateNamesMissing,
    #[error("\"stateNames\" is not an object")]
    StateNamesNotObject,
    #[error("unknown table {table}")]
    UnknownTable { table: String },
    #[error("the names of {table} are not an object")]
    TableNotObject { table: String },
    #[error("{value} in {table} is not a state value")]
    NotAStateValue { table: String, value: String },
    #[error("the name of state {value} in {table} is not text")]
    NameNotText { table: String, value: String },
    #[error("the name of state {value} in {table} is longer than {NAME_MAX} characters")]
    NameTooLong { table: String, value: String },
}

#[derive(Serialize)]
struct SettingsFile<'a> {
    format: &'static str,
    version: u64,
    #[serde(rename = "stateNames")]
    state_names: &'a StateNames,
}

/// The settings file for `names`, as pretty-printed JSON.
pub fn export(names: &StateNames) -> String {
    let file = SettingsFile {
        format: FORMAT,
        version: VERSION,
        state_names: names,
    };
    // Serialising string maps cannot fail; an empty object is still a readable file.
    serde_json::to_string_pretty(&file).unwrap_or_else(|_| "{}".to_owned())
}

/// Reads a settings file; on any problem, the first one found.
pub fn import(text: &str) -> Result<StateNames, SettingsFileError> {
    let value: Value = serde_json::from_str(text).map_err(|e| SettingsFileError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    let file = value.as_object().ok_or(SettingsFileError::NotAnObject)?;
    match file.get("format") {
        None => return Err(SettingsFileError::FormatMissing),
        Some(Value::String(format)) if format == FORMAT => {}
        Some(other) => {
            return Err(SettingsFileError::OtherFormat {
                found: shown(other),
            })
        }
    }
    match file.get("version") {
        None => return Err(SettingsFileError::VersionMissing),
        Some(version) if version.as_u64() == Some(VERSION) => {}
        Some(other) => {
            return Err(SettingsFileError::UnsupportedVersion {
                found: shown(other),
            })
        }
    }
    let tables = match file.get("stateNames") {
        None => return Err(SettingsFileError::StateNamesMissing),
        Some(Value::Object(tables)) => tables,
        Some(_) => return Err(SettingsFileError::StateNamesNotObject),
    };
    let mut names = StateNames::default();
    for (table, entries) in tables {
        let kind = TABLES
            .into_iter()
            .find(|k| k.table() == table)
            .ok_or_else(|| SettingsFileError::UnknownTable {
                table: table.clone(),
            })?;
        let entries = entries
            .as_object()
            .ok_or_else(|| SettingsFileError::TableNotObject {
                table: table.clone(),
            })?;
        read_table(kind, entries, &mut names)?;
    }
    Ok(names)
}

fn read_table(
    kind: TicketKind,
    entries: &Map<String, Value>,
    names: &mut StateNames,
) -> Result<(), SettingsFileError> {
    let table = || kind.table().to_owned();
    for (value, name) in entries {
        if !is_state_value(value) {
            return Err(SettingsFileError::NotAStateValue {
                table: table(),
                value: value.clone(),
            });
        }
        let Value::String(name) = name else {
            return Err(SettingsFileError::NameNotText {
                table: table(),
                value: value.clone(),
            });
        };
        if name.trim().chars().count() > NAME_MAX {
            return Err(SettingsFileError::NameTooLong {
                table: table(),
                value: value.clone(),
            });
        }
        // A blank name means "ServiceNow's name", as in the form.
        names.set(kind, value, name);
    }
    Ok(())
}

/// A JSON value as it appears in the file, shortened so a message stays readable.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 40 {
        return text;
    }
    let short: String = text.chars().take(40).collect();
    format!("{short}…")
}

#[cfg(test)]
#[path = "settings_file_tests.rs"]
mod tests;
