//! Native tests of the settings file: the round trip, and each kind of bad file.

use super::*;

fn customised() -> StateNames {
    let mut names = StateNames::default();
    names.set(TicketKind::ChangeRequest, "-4", "Triage");
    names.set(TicketKind::ChangeRequest, "21", "Awaiting vendor — 待機");
    names.set(TicketKind::Incident, "2", "Working on it");
    names
}

fn error_of(text: &str) -> SettingsFileError {
    match import(text) {
        Ok(names) => panic!("{text} was accepted as {names:?}"),
        Err(error) => error,
    }
}

#[test]
fn an_export_imports_back_to_the_same_names() {
    let names = customised();
    let text = export(&names);
    assert_eq!(import(&text), Ok(names));
    assert_eq!(
        import(&export(&StateNames::default())),
        Ok(StateNames::default())
    );
}

#[test]
fn the_export_has_the_documented_shape() {
    let value: Value = serde_json::from_str(&export(&customised())).expect("JSON");
    assert_eq!(
        value,
        serde_json::json!({
            "format": "snowcard-settings",
            "version": 1,
            "stateNames": {
                "change_request": {"-4": "Triage", "21": "Awaiting vendor — 待機"},
                "incident": {"2": "Working on it"}
            }
        })
    );
}

#[test]
fn a_hand_written_file_may_leave_a_table_out_and_blank_names_mean_none() {
    let text = r#"{"format":"snowcard-settings","version":1,
        "stateNames":{"incident":{"1":"  Fresh ","2":"  "}}}"#;
    let mut expected = StateNames::default();
    expected.set(TicketKind::Incident, "1", "Fresh");
    assert_eq!(import(text), Ok(expected));
}

#[test]
fn text_that_is_not_json_names_where_it_breaks() {
    assert_eq!(
        error_of("{\"format\": \"snowcard-settings\",\n  oops}"),
        SettingsFileError::NotJson { line: 2, column: 3 }
    );
    assert!(matches!(error_of(""), SettingsFileError::NotJson { .. }));
    assert_eq!(error_of("[1, 2]"), SettingsFileError::NotAnObject);
}

#[test]
fn another_format_or_none_is_refused() {
    assert_eq!(
        error_of(r#"{"version":1,"stateNames":{}}"#),
        SettingsFileError::FormatMissing
    );
    assert_eq!(
        error_of(r#"{"value":[],"format":"secure-score","version":1}"#),
        SettingsFileError::OtherFormat {
            found: "\"secure-score\"".into()
        }
    );
    assert_eq!(
        error_of(r#"{"format":7,"version":1,"stateNames":{}}"#),
        SettingsFileError::OtherFormat { found: "7".into() }
    );
}

#[test]
fn only_version_1_is_read() {
    let with_version =
        |v: &str| format!(r#"{{"format":"snowcard-settings","version":{v},"stateNames":{{}}}}"#);
    assert_eq!(
        error_of(&with_version("2")),
        SettingsFileError::UnsupportedVersion { found: "2".into() }
    );
    assert_eq!(
        error_of(&with_version("\"1\"")),
        SettingsFileError::UnsupportedVersion {
            found: "\"1\"".into()
        }
    );
    assert_eq!(
        error_of(&with_version("1.5")),
        SettingsFileError::UnsupportedVersion {
            found: "1.5".into()
        }
    );
    assert_eq!(
        error_of(r#"{"format":"snowcard-settings","stateNames":{}}"#),
        SettingsFileError::VersionMissing
    );
}

#[test]
fn state_names_of_the_wrong_type_are_named() {
    let file = |names: &str| {
        format!(r#"{{"format":"snowcard-settings","version":1,"stateNames":{names}}}"#)
    };
    assert_eq!(
        error_of(r#"{"format":"snowcard-settings","version":1}"#),
        SettingsFileError::StateNamesMissing
    );
    assert_eq!(
        error_of(&file("[]")),
        SettingsFileError::StateNamesNotObject
    );
    assert_eq!(
        error_of(&file(r#"{"problem":{}}"#)),
        SettingsFileError::UnknownTable {
            table: "problem".into()
        }
    );
    assert_eq!(
        error_of(&file(r#"{"incident":["New"]}"#)),
        SettingsFileError::TableNotObject {
            table: "incident".into()
        }
    );
    assert_eq!(
        error_of(&file(r#"{"incident":{"2":2}}"#)),
        SettingsFileError::NameNotText {
            table: "incident".into(),
            value: "2".into()
        }
    );
    assert_eq!(
        error_of(&file(r#"{"change_request":{"Assess":"Triage"}}"#)),
        SettingsFileError::NotAStateValue {
            table: "change_request".into(),
            value: "Assess".into()
        }
    );
}

#[test]
fn a_name_longer_than_80_characters_is_refused_and_80_is_fine() {
    let file = |name: &str| {
        format!(
            r#"{{"format":"snowcard-settings","version":1,"stateNames":{{"incident":{{"6":"{name}"}}}}}}"#
        )
    };
    let fits = "é".repeat(NAME_MAX);
    assert!(import(&file(&fits)).is_ok());
    assert_eq!(
        error_of(&file(&format!("{fits}x"))),
        SettingsFileError::NameTooLong {
            table: "incident".into(),
            value: "6".into()
        }
    );
}

#[test]
fn a_long_foreign_value_is_shortened_in_the_message() {
    let long = "x".repeat(100);
    let error = error_of(&format!(r#"{{"format":"{long}"}}"#));
    let SettingsFileError::OtherFormat { found } = error else {
        panic!("{error:?}");
    };
    assert_eq!(found.chars().count(), 41);
    assert!(found.ends_with('…'));
}
