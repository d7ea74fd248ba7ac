//! Improvement actions, read from JSON in the shape Microsoft Graph returns for
//! `GET /security/secureScoreControlProfiles` (`{"value": [secureScoreControlProfile, …]}`).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Secure Score's control categories.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub enum Category {
    #[default]
    Identity,
    Data,
    Device,
    Apps,
    Infrastructure,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Identity,
        Category::Data,
        Category::Device,
        Category::Apps,
        Category::Infrastructure,
    ];

    /// Graph's `controlCategory` (the seed product said "Devices" for "Device").
    pub fn parse(text: &str) -> Option<Category> {
        match text.trim().to_ascii_lowercase().as_str() {
            "identity" => Some(Category::Identity),
            "data" => Some(Category::Data),
            "device" | "devices" => Some(Category::Device),
            "apps" => Some(Category::Apps),
            "infrastructure" => Some(Category::Infrastructure),
            _ => None,
        }
    }
}

/// One improvement action, as shown and shared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImprovementAction {
    pub id: String,
    pub title: String,
    pub category: Category,
    pub remediation: String,
    pub remediation_impact: String,
    pub action_url: String,
    pub service: String,
    pub max_score: Option<f64>,
    pub rank: Option<i64>,
}

/// What is wrong with a catalog file, precisely enough to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogError {
    NotJson { line: usize, column: usize },
    NoValueList,
    Empty,
    Entry { index: usize, problem: EntryProblem },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryProblem {
    NotAnObject,
    MissingText(&'static str),
    UnknownCategory(String),
}

impl fmt::Display for EntryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryProblem::NotAnObject => f.write_str("not an object"),
            EntryProblem::MissingText(field) => write!(f, "{field}"),
            EntryProblem::UnknownCategory(c) => write!(f, "{c}"),
        }
    }
}

/// Reads a catalog; deprecated actions are left out.
pub fn parse(text: &str) -> Result<Vec<ImprovementAction>, CatalogError> {
    let json: Value = serde_json::from_str(text).map_err(|e| CatalogError::NotJson {
        line: e.line(),
        column: e.column(),
    })?;
    let list = json
        .get("value")
        .and_then(Value::as_array)
        .ok_or(CatalogError::NoValueList)?;
    let mut actions = Vec::with_capacity(list.len());
    for (index, entry) in list.iter().enumerate() {
        let parsed = parse_profile(entry).map_err(|problem| CatalogError::Entry {
            index: index + 1,
            problem,
        })?;
        if let Some(action) = parsed {
            actions.push(action);
        }
    }
    if actions.is_empty() {
        return Err(CatalogError::Empty);
    }
    actions.sort_by_key(|a| a.rank.unwrap_or(i64::MAX));
    Ok(actions)
}

/// Reads one `secureScoreControlProfile` object; `Ok(None)` when it is deprecated.
pub fn parse_profile(entry: &Value) -> Result<Option<ImprovementAction>, EntryProblem> {
    let object = entry.as_object().ok_or(EntryProblem::NotAnObject)?;
    if object.get("deprecated").and_then(Value::as_bool) == Some(true) {
        return Ok(None);
    }
    let text = |key: &'static str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let required = |key: &'static str| {
        let value = text(key);
        if value.is_empty() {
            Err(EntryProblem::MissingText(key))
        } else {
            Ok(value)
        }
    };
    let id = required("id")?;
    let title = required("title")?;
    let category_text = required("controlCategory")?;
    let category = Category::parse(&category_text)
        .ok_or_else(|| EntryProblem::UnknownCategory(category_text.clone()))?;
    Ok(Some(ImprovementAction {
        id,
        title,
        category,
        remediation: text("remediation"),
        remediation_impact: text("remediationImpact"),
        action_url: text("actionUrl"),
        service: text("service"),
        max_score: object.get("maxScore").and_then(Value::as_f64),
        rank: object.get("rank").and_then(Value::as_i64),
    }))
}

/// Actions whose title, id or service contains `search` (any case), in `category` if given.
pub fn filter<'a>(
    actions: &'a [ImprovementAction],
    search: &str,
    category: Option<Category>,
) -> Vec<&'a ImprovementAction> {
    let needle = search.trim().to_lowercase();
    actions
        .iter()
        .filter(|a| category.is_none_or(|c| a.category == c))
        .filter(|a| {
            needle.is_empty()
                || a.title.to_lowercase().contains(&needle)
                || a.id.to_lowercase().contains(&needle)
                || a.service.to_lowercase().contains(&needle)
        })
        .collect()
}

#[cfg(test)]
#[path = "catalog_tests.rs"]
mod tests;
