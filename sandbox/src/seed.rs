//! Loads the seed records into the store (with past creation dates, callers and
//! correlation ids), and generates bulk tickets for volume tests.

use chrono::{Duration, Utc};
use serde_json::{Map, Value};

use crate::config::SandboxUser;
use crate::ids::{self, format_time};
use crate::schema;
use crate::seed_data::{CHANGES, CHANGE_TYPES, INCIDENTS};
use crate::store::{Actor, Store};

/// Loads the seed incidents and change requests.
pub fn load(store: &mut Store, users: &[SandboxUser]) {
    for (table, seeds) in [
        (&schema::INCIDENT, INCIDENTS),
        (&schema::CHANGE_REQUEST, CHANGES),
    ] {
        for (i, seed) in seeds.iter().enumerate() {
            let (short, description, state, impact, urgency, days_ago, by, snowcard) = *seed;
            let mut input = fields(&[("short_description", short), ("description", description)]);
            input.extend(fields(&[
                ("state", state),
                ("impact", impact),
                ("urgency", urgency),
            ]));
            if !snowcard.is_empty() {
                let id = format!("snowcard:{snowcard}");
                input.extend(fields(&[
                    ("correlation_id", &id),
                    ("correlation_display", "snowcard"),
                ]));
            }
            if table.name == "incident" {
                input.insert("caller_id".into(), Value::String(ids::stable_sys_id(by)));
            } else {
                input.insert("type".into(), CHANGE_TYPES[i % CHANGE_TYPES.len()].into());
                // Changes carry their own priority: the seeds keep the one their pair reads as.
                let priority = crate::choices::priority_for(impact, urgency).unwrap_or("4");
                input.insert("priority".into(), priority.into());
            }
            let due = format_time(Utc::now() + Duration::days(14 - days_ago));
            input.insert("due_date".into(), Value::String(due));
            let user = users.iter().find(|u| u.user_name == by).or(users.first());
            let (name, sys_id) = match user {
                Some(u) => (u.user_name.clone(), ids::stable_sys_id(&u.user_name)),
                None => ("system".to_owned(), String::new()),
            };
            let when = format_time(
                Utc::now() - Duration::days(days_ago) - Duration::minutes(i as i64 * 37),
            );
            store.insert(
                table,
                &input,
                Actor {
                    user_name: &name,
                    sys_id: &sys_id,
                },
                &when,
            );
        }
    }
}

/// Adds `count` generated tickets to a ticket table (other tables are left alone).
pub fn generate(store: &mut Store, table: &str, count: usize) {
    let Some(table) = schema::table(table).filter(|t| t.numbering.is_some()) else {
        return;
    };
    let states: &[&str] = if table.name == "incident" {
        &["1", "2", "3", "6", "7"]
    } else {
        &["-5", "-4", "-2", "0", "3"]
    };
    let topics = [
        "Password reset",
        "Laptop replacement",
        "Shared mailbox access",
        "Firewall rule",
        "Printer driver",
    ];
    let start = Utc::now();
    let admin = ids::stable_sys_id("admin");
    for i in 0..count {
        let short = format!("{} #{}", topics[i % topics.len()], i + 1);
        let state = states[i % states.len()];
        let impact = ["1", "2", "3"][i % 3];
        let urgency = ["1", "2", "3"][(i / 3) % 3];
        let mut input = fields(&[("short_description", &short), ("state", state)]);
        input.extend(fields(&[("impact", impact), ("urgency", urgency)]));
        if table.name == "change_request" {
            let priority = crate::choices::priority_for(impact, urgency).unwrap_or("4");
            input.insert("priority".into(), priority.into());
        }
        let when = format_time(start - Duration::minutes(i as i64));
        store.insert(
            table,
            &input,
            Actor {
                user_name: "admin",
                sys_id: &admin,
            },
            &when,
        );
    }
}

fn fields(pairs: &[(&str, &str)]) -> Map<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
        .collect()
}
