//! Turns stored records into Table API JSON according to `sysparm_display_value`,
//! `sysparm_fields` and `sysparm_exclude_reference_link`.

use serde_json::{json, Map, Value};

use crate::fields;
use crate::schema::{Kind, Table};
use crate::store::{Record, Store};

/// `sysparm_display_value`: `false` (default), `true` or `all`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisplayMode {
    Value,
    Display,
    All,
}

impl DisplayMode {
    /// Reads the parameter; anything but `true`/`all` means stored values.
    pub fn parse(param: Option<&str>) -> DisplayMode {
        match param.map(str::to_ascii_lowercase).as_deref() {
            Some("true") => DisplayMode::Display,
            Some("all") => DisplayMode::All,
            _ => DisplayMode::Value,
        }
    }
}

/// How to render records of one table for one request.
pub struct Render<'a> {
    pub store: &'a Store,
    pub table: &'static Table,
    pub mode: DisplayMode,
    pub exclude_links: bool,
    /// `sysparm_fields`; invalid names are ignored, `None` = every field.
    pub fields: Option<Vec<String>>,
    /// The instance URL for reference links.
    pub base_url: &'a str,
}

impl Render<'_> {
    /// The field paths to output, in request order without duplicates.
    pub fn paths(&self) -> Vec<String> {
        match &self.fields {
            Some(list) => {
                let mut out: Vec<String> = Vec::new();
                for path in list {
                    if fields::path_kind(self.table, path).is_some() && !out.contains(path) {
                        out.push(path.clone());
                    }
                }
                out
            }
            None => self
                .table
                .fields
                .iter()
                .map(|f| f.name.to_owned())
                .collect(),
        }
    }

    /// One record as a JSON object.
    pub fn record(&self, rec: &Record) -> Map<String, Value> {
        let mut out = Map::new();
        for path in self.paths() {
            let (Some(kind), Some(value)) = (
                fields::path_kind(self.table, &path),
                fields::value_at(self.store, self.table, rec, &path),
            ) else {
                continue;
            };
            out.insert(path, self.field(kind, value));
        }
        out
    }

    fn field(&self, kind: Kind, value: String) -> Value {
        let shown = fields::display(self.store, kind, &value);
        let target = match kind {
            Kind::User => Some("sys_user"),
            Kind::Reference(target) => Some(target),
            _ => None,
        };
        let link = target
            .filter(|_| !value.is_empty() && !self.exclude_links)
            .map(|t| format!("{}/api/now/table/{t}/{value}", self.base_url));
        match (self.mode, link) {
            (DisplayMode::Value, None) => Value::String(value),
            (DisplayMode::Display, None) => Value::String(shown),
            (DisplayMode::All, None) => json!({ "display_value": shown, "value": value }),
            (DisplayMode::Value, Some(link)) => json!({ "link": link, "value": value }),
            (DisplayMode::Display, Some(link)) => json!({ "display_value": shown, "link": link }),
            (DisplayMode::All, Some(link)) => {
                json!({ "display_value": shown, "link": link, "value": value })
            }
        }
    }
}
