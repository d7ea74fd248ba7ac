//! The dictionary of the tables the sandbox serves (`incident`, `change_request`,
//! `sys_user`, and the role tables of `crate::roles`): their fields, field types and numbering.

use crate::choices::{
    CHANGE_STATES, CHANGE_TYPES, IMPACT_URGENCY, INCIDENT_CATEGORIES, INCIDENT_STATES, PRIORITIES,
    RISKS,
};

/// A field's type, which decides how its display value is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text; display value = value.
    Text,
    /// An integer-valued choice list of (value, label).
    Choice(&'static [(&'static str, &'static str)]),
    /// A string-valued choice list of (value, label).
    TextChoice(&'static [(&'static str, &'static str)]),
    /// A reference to a `sys_user` record (value = its `sys_id`).
    User,
    /// A reference to a record of another table (value = its `sys_id`; shown by its `name`).
    Reference(&'static str),
    /// A UTC date-time `YYYY-MM-DD HH:MM:SS`.
    DateTime,
    /// `"true"` or `"false"`.
    Bool,
    /// A whole number.
    Integer,
}

/// One field of a table; `limit` is the column length in characters.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub limit: Option<usize>,
    /// Whether the Table API may write it (system and computed fields are ignored).
    pub writable: bool,
}

/// A table: its name, its numbering, and its fields.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    /// Number prefix and first number, e.g. ("INC", 10001).
    pub numbering: Option<(&'static str, u32)>,
    /// The `state` a new record gets.
    pub default_state: &'static str,
    /// States in which the record is no longer `active`.
    pub inactive_states: &'static [&'static str],
    /// Roles that may insert (admin always may); empty = read-only table.
    pub insert_roles: &'static [&'static str],
    pub fields: &'static [Field],
}

impl Table {
    /// The field of that name, if the table has it.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// The table of that name, if the sandbox serves it.
pub fn table(name: &str) -> Option<&'static Table> {
    [
        &INCIDENT,
        &CHANGE_REQUEST,
        &SYS_USER,
        &crate::roles::SYS_USER_ROLE,
        &crate::roles::SYS_USER_HAS_ROLE,
        &crate::groups::SYS_USER_GROUP,
        &crate::groups::CHG_MODEL,
    ]
    .into_iter()
    .find(|t| t.name == name)
}

const fn f(name: &'static str, kind: Kind, limit: Option<usize>, writable: bool) -> Field {
    Field {
        name,
        kind,
        limit,
        writable,
    }
}
/// A field only the instance writes (sys fields, references it fills in).
pub(crate) const fn sys(name: &'static str, kind: Kind) -> Field {
    f(name, kind, None, false)
}
const fn text(name: &'static str, limit: usize) -> Field {
    f(name, Kind::Text, Some(limit), true)
}

macro_rules! task_fields {
    ($states:expr, $($extra:expr),* $(,)?) => {
        &[
            sys("sys_id", Kind::Text), sys("number", Kind::Text),
            text("short_description", 160), text("description", 4000),
            f("state", Kind::Choice($states), None, true),
            f("impact", Kind::Choice(IMPACT_URGENCY), None, true),
            f("urgency", Kind::Choice(IMPACT_URGENCY), None, true),
            // Writable: a change request's priority is its own field; an incident's is
            // recomputed from impact and urgency after every write (`store::derive`).
            f("priority", Kind::Choice(PRIORITIES), None, true), sys("active", Kind::Bool),
            f("assignment_group", Kind::Reference("sys_user_group"), None, true),
            text("correlation_id", 100), text("correlation_display", 100),
            f("due_date", Kind::DateTime, None, true), f("assigned_to", Kind::User, None, true),
            sys("opened_at", Kind::DateTime), sys("opened_by", Kind::User),
            sys("sys_created_on", Kind::DateTime), sys("sys_created_by", Kind::Text),
            sys("sys_updated_on", Kind::DateTime), sys("sys_updated_by", Kind::Text),
            sys("sys_mod_count", Kind::Integer), sys("sys_class_name", Kind::Text),
            $($extra),*
        ]
    };
}

pub static INCIDENT: Table = Table {
    name: "incident",
    numbering: Some(("INC", 10001)),
    default_state: "1",
    inactive_states: &["7", "8"],
    insert_roles: &["itil", "change_manager"],
    fields: task_fields!(
        INCIDENT_STATES,
        f(
            "category",
            Kind::TextChoice(INCIDENT_CATEGORIES),
            None,
            true
        ),
        f("caller_id", Kind::User, None, true),
    ),
};

pub static CHANGE_REQUEST: Table = Table {
    name: "change_request",
    numbering: Some(("CHG", 30001)),
    default_state: "-5",
    inactive_states: &["3", "4"],
    insert_roles: &["itil", "change_manager"],
    fields: task_fields!(
        CHANGE_STATES,
        f("type", Kind::TextChoice(CHANGE_TYPES), None, true),
        f("chg_model", Kind::Reference("chg_model"), None, true),
        f("risk", Kind::Choice(RISKS), None, true),
        text("category", 40),
        f("requested_by", Kind::User, None, true),
        f("start_date", Kind::DateTime, None, true),
        f("end_date", Kind::DateTime, None, true),
    ),
};

pub static SYS_USER: Table = Table {
    name: "sys_user",
    numbering: None,
    default_state: "",
    inactive_states: &[],
    insert_roles: &[],
    fields: &[
        sys("sys_id", Kind::Text),
        sys("user_name", Kind::Text),
        sys("first_name", Kind::Text),
        sys("last_name", Kind::Text),
        sys("name", Kind::Text),
        sys("email", Kind::Text),
        sys("title", Kind::Text),
        sys("active", Kind::Bool),
        sys("time_zone", Kind::Text),
        sys("sys_created_on", Kind::DateTime),
        sys("sys_created_by", Kind::Text),
        sys("sys_updated_on", Kind::DateTime),
        sys("sys_updated_by", Kind::Text),
        sys("sys_mod_count", Kind::Integer),
        sys("sys_class_name", Kind::Text),
    ],
};

/// A field's label as the instance's dictionary gives it (what a data policy names).
pub fn label(field: &str) -> String {
    let known = [
        ("assignment_group", "Assignment group"),
        ("assigned_to", "Assigned to"),
        ("caller_id", "Caller"),
        ("chg_model", "Model"),
        ("cmdb_ci", "Configuration item"),
        ("due_date", "Due date"),
        ("start_date", "Planned start date"),
        ("end_date", "Planned end date"),
    ];
    if let Some((_, label)) = known.iter().find(|(name, _)| *name == field) {
        return (*label).to_owned();
    }
    let words = field.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_know_their_fields() {
        assert!(table("incident")
            .and_then(|t| t.field("caller_id"))
            .is_some());
        assert!(table("change_request")
            .and_then(|t| t.field("type"))
            .is_some());
        assert!(table("problem").is_none());
        assert!(table("change_request")
            .and_then(|t| t.field("chg_model"))
            .is_some_and(|f| f.writable));
    }

    #[test]
    fn labels_read_as_the_dictionary_writes_them() {
        assert_eq!(label("assignment_group"), "Assignment group");
        assert_eq!(label("short_description"), "Short description");
        assert_eq!(label("caller_id"), "Caller");
    }
}
