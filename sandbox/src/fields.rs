//! Field paths and display values: resolves `field` and dot-walked `reference.field`
//! paths on a record, and turns stored values into what a person sees ("New",
//! "3 - Moderate", "Beth Anglin").

use crate::schema::{self, Kind, Table};
use crate::store::{Record, Store};

/// The type of the field a path ends on, if the path is valid for the table.
pub fn path_kind(table: &Table, path: &str) -> Option<Kind> {
    match path.split_once('.') {
        None => table.field(path).map(|f| f.kind),
        Some((head, rest)) => match table.field(head)?.kind {
            Kind::User => path_kind(&schema::SYS_USER, rest),
            Kind::Reference(target) => path_kind(schema::table(target)?, rest),
            _ => None,
        },
    }
}

/// The stored value at a path (empty when a reference in between is empty);
/// `None` when the path is not valid for the table.
pub fn value_at(store: &Store, table: &Table, rec: &Record, path: &str) -> Option<String> {
    match path.split_once('.') {
        None => {
            table.field(path)?;
            Some(rec.get(path).cloned().unwrap_or_default())
        }
        Some((head, rest)) => {
            let target_table = match table.field(head)?.kind {
                Kind::User => &schema::SYS_USER,
                Kind::Reference(target) => schema::table(target)?,
                _ => return None,
            };
            let target = rec
                .get(head)
                .and_then(|id| store.get(target_table.name, id));
            match target {
                Some(found) => value_at(store, target_table, found, rest),
                None => path_kind(target_table, rest).map(|_| String::new()),
            }
        }
    }
}

/// The display value of a stored value of this kind.
pub fn display(store: &Store, kind: Kind, value: &str) -> String {
    match kind {
        Kind::Choice(choices) | Kind::TextChoice(choices) => {
            // Unknown values show as themselves, as on an instance with a customised list.
            crate::choices::label(choices, value)
                .unwrap_or(value)
                .to_owned()
        }
        Kind::User => store
            .user(value)
            .and_then(|u| u.get("name").cloned())
            .unwrap_or_default(),
        Kind::Reference(target) => store
            .get(target, value)
            .and_then(|r| r.get("name").cloned())
            .unwrap_or_default(),
        Kind::Text | Kind::DateTime | Kind::Bool | Kind::Integer => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::INCIDENT;

    #[test]
    fn dot_walks_only_through_references() {
        assert!(path_kind(&INCIDENT, "caller_id.user_name").is_some());
        assert!(path_kind(&INCIDENT, "state.user_name").is_none());
        assert!(path_kind(&INCIDENT, "no_such_field").is_none());
    }

    #[test]
    fn choice_display_falls_back_to_the_value() {
        let store = Store::default();
        let state = INCIDENT.field("state").map(|f| f.kind);
        let Some(kind) = state else {
            panic!("incident has a state")
        };
        assert_eq!(display(&store, kind, "2"), "In Progress");
        assert_eq!(display(&store, kind, "42"), "42");
    }
}
