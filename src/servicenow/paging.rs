//! Paging as the Table API offers it: an RFC 8288 `Link` header (`first`, `prev`, `next`,
//! `last`) and the `X-Total-Count` header.

use url::Url;

use super::instance::InstanceUrl;

/// The page links of a Table API answer, as paths on the instance (`/api/now/table/…?…`).
///
/// A link to any other origin is dropped: following it would send the Bearer token there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    pub first: Option<String>,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub last: Option<String>,
}

impl Links {
    /// Reads a `Link` header value, keeping only links on `instance`.
    pub fn parse(header: &str, instance: &InstanceUrl) -> Links {
        let mut links = Links::default();
        for (target, rels) in link_values(header) {
            let Some(path) = same_origin_path(&target, instance) else {
                continue;
            };
            for rel in rels.split_ascii_whitespace() {
                let slot = match rel.to_ascii_lowercase().as_str() {
                    "first" => &mut links.first,
                    "prev" | "previous" => &mut links.prev,
                    "next" => &mut links.next,
                    "last" => &mut links.last,
                    _ => continue,
                };
                slot.get_or_insert_with(|| path.clone());
            }
        }
        links
    }
}

/// The `sysparm_offset` a page link asks for (0 when it names none).
pub fn offset_of(link: &str) -> u64 {
    let query = link.split_once('?').map_or("", |(_, q)| q);
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "sysparm_offset")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0)
}

/// `(target, rel)` pairs of a `Link` header. Commas inside `<…>` or quotes do not split.
fn link_values(header: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = header;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            break;
        };
        let target = after[..close].trim().to_owned();
        let params = &after[close + 1..];
        let (params, next) = split_params(params);
        out.push((target, rel_of(params)));
        rest = next;
    }
    out
}

/// The parameters of one link-value, and what follows its separating comma. A comma inside
/// a quoted-string (RFC 8288 section 3, RFC 7230 section 3.2.6: `"`, with `\` escaping the
/// next character) does not separate.
fn split_params(text: &str) -> (&str, &str) {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ',' if !quoted => return (&text[..i], &text[i + 1..]),
            _ => {}
        }
    }
    (text, "")
}

/// The `rel` of one link-value's parameters (`;`-separated `name=value`, the value a token or
/// a quoted-string). A `;` or `rel=` inside a quoted value such as `title="a; rel=next"` is
/// the value's text, not a parameter; RFC 8288 section 3.3: a second `rel` is ignored.
fn rel_of(params: &str) -> String {
    link_params(params)
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("rel"))
        .map(|(_, value)| value)
        .unwrap_or_default()
}

/// `(name, value)` of each `; name=value` (or bare `; name`, with an empty value).
fn link_params(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ';').is_some() {}
        if chars.peek().is_none() {
            return out;
        }
        let mut name = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && *c != ';') {
            name.push(c);
        }
        let mut value = String::new();
        if chars.next_if_eq(&'=').is_some() {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            if chars.next_if_eq(&'"').is_some() {
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => value.extend(chars.next()),
                        c => value.push(c),
                    }
                }
                // Whatever follows the closing quote up to the next `;` is not part of it.
                while chars.next_if(|c| *c != ';').is_some() {}
            } else {
                while let Some(c) = chars.next_if(|c| *c != ';') {
                    value.push(c);
                }
                value = value.trim().to_owned();
            }
        }
        out.push((name.trim().to_owned(), value));
    }
}

fn same_origin_path(target: &str, instance: &InstanceUrl) -> Option<String> {
    let base = Url::parse(&instance.join("/")).ok()?;
    let url = base.join(target).ok()?;
    // A path beginning `//` is on the instance as written, but read as a reference it names
    // another host (`//evil.example/…`): such a link is dropped too.
    if url.origin() != base.origin() || url.path().starts_with("//") {
        return None;
    }
    Some(match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> InstanceUrl {
        InstanceUrl::parse("acme").expect("valid")
    }

    #[test]
    fn reads_every_relation_as_an_instance_path() {
        let header = "<https://acme.service-now.com/api/now/table/incident?sysparm_offset=0&sysparm_limit=20>;rel=\"first\",\
            <https://acme.service-now.com/api/now/table/incident?sysparm_offset=20&sysparm_limit=20>;rel=\"prev\",\
            <https://acme.service-now.com/api/now/table/incident?sysparm_offset=60&sysparm_limit=20>;rel=\"next\",\
            <https://acme.service-now.com/api/now/table/incident?sysparm_offset=9980&sysparm_limit=20>;rel=\"last\"";
        let links = Links::parse(header, &acme());
        assert_eq!(
            links.first.as_deref(),
            Some("/api/now/table/incident?sysparm_offset=0&sysparm_limit=20")
        );
        assert_eq!(offset_of(links.prev.as_deref().unwrap_or("")), 20);
        assert_eq!(offset_of(links.next.as_deref().unwrap_or("")), 60);
        assert_eq!(offset_of(links.last.as_deref().unwrap_or("")), 9980);
    }

    #[test]
    fn commas_in_targets_and_unquoted_or_multiple_rels_are_understood() {
        let header = "</api/now/table/incident?sysparm_fields=number,state&sysparm_offset=5>; rel=next ,\
            <https://acme.service-now.com/api/now/table/incident?sysparm_offset=0>; title=\"a, b\"; rel=\"first prev\"";
        let links = Links::parse(header, &acme());
        assert_eq!(
            links.next.as_deref(),
            Some("/api/now/table/incident?sysparm_fields=number,state&sysparm_offset=5")
        );
        assert_eq!(links.first, links.prev);
        assert_eq!(offset_of(links.first.as_deref().unwrap_or("x")), 0);
        assert_eq!(links.last, None);
    }

    #[test]
    fn a_quoted_title_cannot_add_a_relation() {
        let header = "</api/now/table/incident?sysparm_offset=0>; title=\"page ; rel=next\"; rel=first,\
            </api/now/table/incident?sysparm_offset=40>; title=\"say \\\"hi\\\"; rel=last\"; rel=\"next\"; rel=prev";
        let links = Links::parse(header, &acme());
        assert_eq!(
            links.first.as_deref(),
            Some("/api/now/table/incident?sysparm_offset=0")
        );
        assert_eq!(
            links.next.as_deref(),
            Some("/api/now/table/incident?sysparm_offset=40")
        );
        assert_eq!(links.prev, None, "a second rel is ignored (RFC 8288 3.3)");
        assert_eq!(links.last, None);
    }

    #[test]
    fn links_to_another_origin_are_dropped() {
        let header =
            "<https://evil.example/api/now/table/incident?sysparm_offset=20>;rel=\"next\",\
            <http://acme.service-now.com/api/now/table/incident>;rel=\"last\"";
        assert_eq!(Links::parse(header, &acme()), Links::default());
    }

    #[test]
    fn a_path_that_reads_as_another_host_is_dropped() {
        // Found by `link_headers_keep_only_instance_paths` (minimal case `…com//`).
        let header =
            "<https://acme.service-now.com//evil.example/api?sysparm_offset=20>; rel=next,\
            <https://acme.service-now.com//>; REL=last";
        assert_eq!(Links::parse(header, &acme()), Links::default());
    }

    #[test]
    fn garbage_gives_no_links() {
        for header in ["", "nonsense", "<unterminated;rel=next", ";rel=\"next\""] {
            assert_eq!(Links::parse(header, &acme()), Links::default(), "{header}");
        }
        assert_eq!(offset_of("/api/now/table/incident"), 0);
        assert_eq!(offset_of("/x?sysparm_offset=abc"), 0);
    }
}
