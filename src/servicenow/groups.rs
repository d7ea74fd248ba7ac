//! Assignment groups (`sys_user_group`), searched by name for the share form's chooser.

use serde::{Deserialize, Serialize};

use super::client::ServiceNowClient;
use super::error::ApiError;
use super::ticket_query::search_text;

/// How many groups one search shows.
pub const GROUP_LIMIT: usize = 20;

/// A group a ticket can be assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentGroup {
    pub sys_id: String,
    pub name: String,
}

#[derive(Deserialize)]
struct Groups {
    result: Vec<AssignmentGroup>,
}

/// The Table API path listing active groups whose name contains `typed`, by name. The text
/// cannot add conditions: `^` and control characters become spaces, and it is URL-encoded.
pub fn group_query_path(typed: &str) -> String {
    let text = search_text(typed);
    let mut query = String::from("active=true");
    if !text.is_empty() {
        query.push_str("^nameLIKE");
        query.push_str(&text);
    }
    query.push_str("^ORDERBYname");
    let encoded: String = url::form_urlencoded::byte_serialize(query.as_bytes()).collect();
    format!(
        "/api/now/table/sys_user_group?sysparm_query={encoded}&sysparm_fields=sys_id%2Cname&sysparm_exclude_reference_link=true&sysparm_limit={GROUP_LIMIT}"
    )
}

impl ServiceNowClient {
    /// Active groups whose name contains `typed`, sorted by name, at most [`GROUP_LIMIT`].
    pub async fn find_groups(&self, typed: &str) -> Result<Vec<AssignmentGroup>, ApiError> {
        let body: Groups = self.get_json(&group_query_path(typed)).await?;
        Ok(body
            .result
            .into_iter()
            .filter(|g| !g.sys_id.is_empty())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query_of(path: &str) -> String {
        let (_, query) = path.split_once('?').unwrap_or_default();
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == "sysparm_query")
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default()
    }

    #[test]
    fn a_search_asks_for_active_groups_by_name() {
        let path = group_query_path("Net");
        assert!(path.starts_with("/api/now/table/sys_user_group?"), "{path}");
        assert!(path.contains("sysparm_fields=sys_id%2Cname"), "{path}");
        assert_eq!(query_of(&path), "active=true^nameLIKENet^ORDERBYname");
        assert_eq!(query_of(&group_query_path("  ")), "active=true^ORDERBYname");
    }

    #[test]
    fn hostile_text_cannot_add_conditions_or_parameters() {
        let path = group_query_path("x^ORactive=false^NQsys_id!=0&sysparm_limit=10000#\n");
        let query = query_of(&path);
        assert_eq!(query.matches('^').count(), 2, "{query}");
        assert!(query.starts_with("active=true^nameLIKEx ORactive=false NQsys_id!=0"));
        assert!(query.ends_with("^ORDERBYname"), "{query}");
        assert_eq!(path.matches("sysparm_limit=").count(), 1, "{path}");
        assert!(!path.contains('#') && !path.contains('\n'), "{path}");
    }

    #[test]
    fn names_in_any_script_are_kept() {
        assert_eq!(
            query_of(&group_query_path("セキュリティ")),
            "active=true^nameLIKEセキュリティ^ORDERBYname"
        );
    }
}
