//! Query parameters of the REST APIs (`sysparm_*` and name-value filters), and the
//! RFC 8288 `Link` header the Table API pages with.

use crate::render::{DisplayMode, Render};
use crate::schema::Table;
use crate::store::Store;

/// The Table API's default and largest page.
pub const DEFAULT_LIMIT: usize = 10_000;

/// A request's decoded query parameters, in order.
#[derive(Debug, Default, Clone)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Decodes a raw query string (undecodable input gives no parameters).
    pub fn parse(raw: Option<&str>) -> Params {
        Params(
            raw.and_then(|q| serde_urlencoded::from_str(q).ok())
                .unwrap_or_default(),
        )
    }

    /// The first value of a parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether a flag parameter is `true`.
    pub fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// Parameters that are not `sysparm_*`: name-value filters.
    pub fn name_value_pairs(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .filter(|(k, _)| !k.starts_with("sysparm_"))
            .cloned()
            .collect()
    }

    /// `sysparm_limit` and `sysparm_offset`; invalid or non-positive limits mean the default.
    pub fn paging(&self) -> (usize, usize) {
        let limit = self
            .get("sysparm_limit")
            .and_then(|v| v.trim().parse::<usize>().ok());
        let limit = limit.filter(|l| *l > 0).unwrap_or(DEFAULT_LIMIT);
        let offset = self
            .get("sysparm_offset")
            .and_then(|v| v.trim().parse::<usize>().ok());
        (limit, offset.unwrap_or(0))
    }

    /// How to render records for this request.
    pub fn render<'a>(
        &self,
        store: &'a Store,
        table: &'static Table,
        base_url: &'a str,
    ) -> Render<'a> {
        let fields = self.get("sysparm_fields").map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
                .collect()
        });
        Render {
            store,
            table,
            mode: DisplayMode::parse(self.get("sysparm_display_value")),
            exclude_links: self.flag("sysparm_exclude_reference_link"),
            fields,
            base_url,
        }
    }

    /// The `Link` header for a page: first, prev, next and last, as absolute URLs that
    /// keep every other parameter of the request.
    pub fn link_header(&self, url: &str, limit: usize, offset: usize, total: usize) -> String {
        let page = |offset: usize| {
            let mut params: Vec<(String, String)> = self
                .0
                .iter()
                .filter(|(k, _)| k != "sysparm_offset" && k != "sysparm_limit")
                .cloned()
                .collect();
            params.push(("sysparm_offset".into(), offset.to_string()));
            params.push(("sysparm_limit".into(), limit.to_string()));
            let query = serde_urlencoded::to_string(&params).unwrap_or_default();
            format!("<{url}?{query}>")
        };
        let last = total.saturating_sub(1) / limit * limit;
        let mut links = vec![format!("{};rel=\"first\"", page(0))];
        if offset > 0 {
            links.push(format!(
                "{};rel=\"prev\"",
                page(offset.saturating_sub(limit))
            ));
        }
        if offset.saturating_add(limit) < total {
            links.push(format!("{};rel=\"next\"", page(offset + limit)));
        }
        links.push(format!("{};rel=\"last\"", page(last)));
        links.join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_header_pages_and_keeps_other_parameters() {
        let params = Params::parse(Some(
            "sysparm_query=active%3Dtrue&sysparm_limit=5&sysparm_offset=5",
        ));
        let link = params.link_header("http://sn/api/now/table/incident", 5, 5, 12);
        assert!(link.contains(
            "sysparm_query=active%3Dtrue&sysparm_offset=0&sysparm_limit=5>;rel=\"first\""
        ));
        assert!(link.contains("sysparm_offset=0&sysparm_limit=5>;rel=\"prev\""));
        assert!(link.contains("sysparm_offset=10&sysparm_limit=5>;rel=\"next\""));
        assert!(link.contains("sysparm_offset=10&sysparm_limit=5>;rel=\"last\""));
    }

    #[test]
    fn paging_defaults() {
        assert_eq!(Params::parse(None).paging(), (DEFAULT_LIMIT, 0));
        assert_eq!(
            Params::parse(Some("sysparm_limit=abc&sysparm_offset=-1")).paging(),
            (DEFAULT_LIMIT, 0)
        );
    }
}
