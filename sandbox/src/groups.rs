//! Two read-only tables a base instance has beside its tickets: `sys_user_group` (the groups
//! a ticket is assigned to through `assignment_group`) and `chg_model` (the change models of
//! Change Management's model foundation data: Normal, Emergency, Standard, …, see
//! it-service-management/change-management/change-models.md).
//!
//! On a model-based instance (`com.snc.change_management.change_model.type_compatibility`
//! false, what a new instance has: the documentation sets the change model properties to
//! true only "for upgrade users", change-models-properties.md) a change request follows its
//! `chg_model`; one created with `type` alone is filed under no model. The sandbox's
//! type-based mode (an instance without change models) has no `chg_model` table at all.

use crate::ids;
use crate::schema::{sys, Kind, Table};
use crate::store::{Record, Store};

pub static SYS_USER_GROUP: Table = Table {
    name: "sys_user_group",
    numbering: None,
    default_state: "",
    inactive_states: &[],
    insert_roles: &[],
    fields: &[
        sys("sys_id", Kind::Text),
        sys("name", Kind::Text),
        sys("description", Kind::Text),
        sys("email", Kind::Text),
        sys("active", Kind::Bool),
        sys("type", Kind::Text),
        sys("sys_created_on", Kind::DateTime),
        sys("sys_class_name", Kind::Text),
    ],
};

pub static CHG_MODEL: Table = Table {
    name: "chg_model",
    numbering: None,
    default_state: "",
    inactive_states: &[],
    insert_roles: &[],
    fields: &[
        sys("sys_id", Kind::Text),
        sys("name", Kind::Text),
        sys("description", Kind::Text),
        sys("active", Kind::Bool),
        sys("default_change_model", Kind::Bool),
        sys("available_in_create_new", Kind::Bool),
        sys("sys_created_on", Kind::DateTime),
        sys("sys_class_name", Kind::Text),
    ],
};

/// (name, description, active) of the seed groups; one is retired (inactive).
const GROUPS: &[(&str, &str, bool)] = &[
    ("Service Desk", "First line support for every request", true),
    ("Network", "Routers, switches, firewalls and VPN", true),
    ("Database", "Database administration", true),
    ("Hardware", "Laptops, desktops and peripherals", true),
    ("Software", "Installed and licensed applications", true),
    ("Change Management", "Coordinates changes and the CAB", true),
    ("CAB Approval", "Change Advisory Board", true),
    ("IT Securities", "Security operations and identity", true),
    (
        "Identity and Access Management",
        "Accounts, MFA and Conditional Access",
        true,
    ),
    (
        "Endpoint Management",
        "Intune, device compliance and patching",
        true,
    ),
    (
        "セキュリティ運用 (東京)",
        "Security operations, Tokyo office",
        true,
    ),
    ("Mainframe Support", "Retired with the mainframe", false),
];

/// (name, description, active) of the base change models; only Normal is the default.
const MODELS: &[(&str, &str, bool)] = &[
    ("Normal", "Change model used for ITIL mode 1 Normal changes.", true),
    ("Emergency", "Change model used for ITIL mode 1 Emergency changes.", true),
    ("Standard", "Change model used for ITIL mode 1 Standard changes.", true),
    ("Change Registration", "Change model used to capture change requests in an external system.", true),
    ("Cloud Infrastructure", "Change model used for change requests that commission and decommission Cloud infrastructure services.", true),
    ("Site Reliability Ops", "Change model used for site reliability operations.", true),
    ("Unauthorized Change", "Change model used for change requests that are created from the unauthorized change events.", true),
    ("DevOps", "Change model used for DevOps change requests.", true),
];

/// The stable `sys_id` of a seed group.
pub fn group_sys_id(name: &str) -> String {
    ids::stable_sys_id(&format!("sys_user_group:{name}"))
}

/// The stable `sys_id` of a base change model.
pub fn model_sys_id(name: &str) -> String {
    ids::stable_sys_id(&format!("chg_model:{name}"))
}

/// Adds the seed groups and the base change models.
pub fn seed(store: &mut Store, now: &str) {
    for (name, description, active) in GROUPS {
        let email = format!(
            "{}@example.com",
            name.to_ascii_lowercase()
                .replace(|c: char| !c.is_ascii_alphanumeric(), ".")
        );
        store.push(
            SYS_USER_GROUP.name,
            record(&[
                ("sys_id", group_sys_id(name)),
                ("name", (*name).to_owned()),
                ("description", (*description).to_owned()),
                ("email", email),
                ("active", active.to_string()),
                ("type", String::new()),
                ("sys_created_on", now.to_owned()),
                ("sys_class_name", SYS_USER_GROUP.name.to_owned()),
            ]),
        );
    }
    for (name, description, active) in MODELS {
        store.push(
            CHG_MODEL.name,
            record(&[
                ("sys_id", model_sys_id(name)),
                ("name", (*name).to_owned()),
                ("description", (*description).to_owned()),
                ("active", active.to_string()),
                ("default_change_model", (*name == "Normal").to_string()),
                ("available_in_create_new", "true".to_owned()),
                ("sys_created_on", now.to_owned()),
                ("sys_class_name", CHG_MODEL.name.to_owned()),
            ]),
        );
    }
}

fn record(values: &[(&str, String)]) -> Record {
    values
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}
