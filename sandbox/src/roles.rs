//! Roles as an instance records them: `sys_user_role` (one record per role) and
//! `sys_user_has_role` (one record per user and role, with `user` and `role` references and
//! a `state`), read through the Table API like any table, e.g.
//! `sysparm_query=user=javascript:gs.getUserID()&sysparm_fields=role.name`.
//!
//! Read ACL: an administrator (or `user_admin`) reads every grant; anyone else reads only
//! their own, and only while the instance lets users read their own roles. An instance
//! whose ACL hides them answers, like ServiceNow, with no rows rather than an error.

use std::collections::BTreeSet;

use crate::auth::ApiUser;
use crate::config::SandboxUser;
use crate::ids;
use crate::schema::{sys, Kind, Table};
use crate::store::{Record, Store};

/// States of a role grant.
const GRANT_STATES: &[(&str, &str)] = &[
    ("active", "Active"),
    ("requested", "Requested"),
    ("pending", "Pending"),
];

pub static SYS_USER_ROLE: Table = Table {
    name: "sys_user_role",
    numbering: None,
    default_state: "",
    inactive_states: &[],
    insert_roles: &[],
    fields: &[
        sys("sys_id", Kind::Text),
        sys("name", Kind::Text),
        sys("description", Kind::Text),
        sys("elevated_privilege", Kind::Bool),
        sys("sys_class_name", Kind::Text),
    ],
};

pub static SYS_USER_HAS_ROLE: Table = Table {
    name: "sys_user_has_role",
    numbering: None,
    default_state: "",
    inactive_states: &[],
    insert_roles: &[],
    fields: &[
        sys("sys_id", Kind::Text),
        sys("user", Kind::User),
        sys("role", Kind::Reference("sys_user_role")),
        sys("state", Kind::TextChoice(GRANT_STATES)),
        sys("inherited", Kind::Bool),
        sys("sys_created_on", Kind::DateTime),
        sys("sys_class_name", Kind::Text),
    ],
};

/// Adds a `sys_user_role` record for every role the users hold and one active, direct
/// `sys_user_has_role` grant per user and role.
pub fn seed(store: &mut Store, users: &[SandboxUser], now: &str) {
    let names: BTreeSet<&str> = users
        .iter()
        .flat_map(|u| u.roles.iter().map(String::as_str))
        .collect();
    for name in names {
        store.push(
            SYS_USER_ROLE.name,
            record(&[
                ("sys_id", role_sys_id(name)),
                ("name", name.to_owned()),
                ("description", String::new()),
                ("elevated_privilege", (name == "admin").to_string()),
                ("sys_class_name", SYS_USER_ROLE.name.to_owned()),
            ]),
        );
    }
    for user in users {
        for role in &user.roles {
            let user_id = ids::stable_sys_id(&user.user_name);
            store.push(
                SYS_USER_HAS_ROLE.name,
                record(&[
                    ("sys_id", ids::stable_sys_id(&format!("{user_id}:{role}"))),
                    ("user", user_id),
                    ("role", role_sys_id(role)),
                    ("state", "active".to_owned()),
                    ("inherited", "false".to_owned()),
                    ("sys_created_on", now.to_owned()),
                    ("sys_class_name", SYS_USER_HAS_ROLE.name.to_owned()),
                ]),
            );
        }
    }
}

/// Whether `user` may read this grant; `own_readable` is the instance's ACL choice.
pub fn grant_visible(user: &ApiUser, rec: &Record, own_readable: bool) -> bool {
    user.user.has_any_role(&["user_admin"])
        || (own_readable && rec.get("user") == Some(&user.sys_id))
}

fn role_sys_id(name: &str) -> String {
    ids::stable_sys_id(&format!("sys_user_role:{name}"))
}

fn record(values: &[(&str, String)]) -> Record {
    values
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}
