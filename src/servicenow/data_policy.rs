//! Data policies: the fields an instance requires before it creates a record, read from the
//! detail of its `403` answer (`Data Policy Exception: \n The following fields are
//! mandatory: Assignment group`, as public integrations report it; the GlideRecord
//! documentation shows the single-field form "Data Policy Exception: … is mandatory").

/// The field labels a data policy exception names, in the order given; `None` when the
/// detail is not a data policy exception (an ACL, another business rule).
pub fn mandatory_fields(detail: &str) -> Option<Vec<String>> {
    let flat = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = flat.to_ascii_lowercase();
    let start = lower.find("data policy exception")?;
    let rest = &flat[start + "data policy exception".len()..];
    let rest_lower = rest.to_ascii_lowercase();
    let list = if let Some(at) = rest_lower.find("mandatory:") {
        &rest[at + "mandatory:".len()..]
    } else if let Some(at) = rest_lower.rfind(" is mandatory") {
        rest[..at].trim_start_matches(|c: char| c == ':' || c.is_whitespace())
    } else {
        return None;
    };
    let fields: Vec<String> = list
        .split(',')
        .map(|f| f.trim().trim_end_matches('.').trim().to_owned())
        .filter(|f| !f.is_empty())
        .collect();
    (!fields.is_empty()).then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servicenows_detail_names_one_field() {
        assert_eq!(
            mandatory_fields(
                "Data Policy Exception: \n The following fields are mandatory: Assignment group"
            ),
            Some(vec!["Assignment group".to_owned()])
        );
    }

    #[test]
    fn several_fields_are_comma_separated() {
        assert_eq!(
            mandatory_fields(
                "Data Policy Exception: The following fields are mandatory: Assignment group, Category,Configuration item"
            ),
            Some(vec![
                "Assignment group".to_owned(),
                "Category".to_owned(),
                "Configuration item".to_owned()
            ])
        );
    }

    #[test]
    fn odd_whitespace_and_case_do_not_matter() {
        assert_eq!(
            mandatory_fields(
                "  data policy exception:\r\n\t The following fields are mandatory:\n  Assignment\tgroup ,  Due date \n"
            ),
            Some(vec!["Assignment group".to_owned(), "Due date".to_owned()])
        );
    }

    #[test]
    fn the_single_field_form_is_read_too() {
        assert_eq!(
            mandatory_fields("Data Policy Exception: Assignment group is mandatory"),
            Some(vec!["Assignment group".to_owned()])
        );
    }

    #[test]
    fn other_refusals_are_not_data_policies() {
        assert_eq!(
            mandatory_fields("ACL Exception Insert Failed due to security constraints"),
            None
        );
        assert_eq!(mandatory_fields("Data Policy Exception: "), None);
        assert_eq!(
            mandatory_fields("Data Policy Exception: The following fields are mandatory: , "),
            None
        );
        assert_eq!(mandatory_fields(""), None);
    }
}
