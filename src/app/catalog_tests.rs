//! Native tests of catalog parsing: good exports, and bad ones named precisely.

use super::*;

const GOOD: &str = r#"{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#security/secureScoreControlProfiles",
  "value": [
    {"id": "BlockLegacyAuthentication", "title": "Block legacy authentication", "controlCategory": "Identity",
     "remediation": "Create a Conditional Access policy.", "remediationImpact": "Old clients stop working.",
     "actionUrl": "https://portal.azure.com/", "service": "AzureAD", "maxScore": 8, "rank": 2, "deprecated": false},
    {"id": "AdminMFAV2", "title": "Require MFA for administrative roles", "controlCategory": "Identity",
     "service": "AzureAD", "maxScore": 10, "rank": 1},
    {"id": "OldThing", "title": "Retired", "controlCategory": "Data", "deprecated": true},
    {"id": "mdatp_tamper", "title": "Turn on tamper protection", "controlCategory": "Devices", "service": "MDATP", "rank": 3}
  ]
}"#;

#[test]
fn a_graph_export_reads_in_rank_order_without_deprecated_actions() {
    let actions = parse(GOOD).expect("a good catalog");
    let ids: Vec<_> = actions.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["AdminMFAV2", "BlockLegacyAuthentication", "mdatp_tamper"]
    );
    assert_eq!(
        actions[1].remediation,
        "Create a Conditional Access policy."
    );
    assert_eq!(actions[2].category, Category::Device);
}

#[test]
fn bad_files_say_what_is_wrong() {
    assert_eq!(
        parse("{\n  \"value\": [,]\n}"),
        Err(CatalogError::NotJson {
            line: 2,
            column: 13
        })
    );
    assert_eq!(parse(r#"{"values": []}"#), Err(CatalogError::NoValueList));
    assert_eq!(parse(r#"[{"id":"a"}]"#), Err(CatalogError::NoValueList));
    assert_eq!(parse(r#"{"value": []}"#), Err(CatalogError::Empty));
    assert_eq!(
        parse(
            r#"{"value": [{"id":"a","title":"A","controlCategory":"Data"}, {"id":"b","controlCategory":"Data"}]}"#
        ),
        Err(CatalogError::Entry {
            index: 2,
            problem: EntryProblem::MissingText("title")
        })
    );
    assert_eq!(
        parse(r#"{"value": [{"id":"a","title":"A","controlCategory":"Network"}]}"#),
        Err(CatalogError::Entry {
            index: 1,
            problem: EntryProblem::UnknownCategory("Network".into())
        })
    );
    assert_eq!(
        parse(r#"{"value": [42]}"#),
        Err(CatalogError::Entry {
            index: 1,
            problem: EntryProblem::NotAnObject
        })
    );
}

#[test]
fn search_and_category_filter_together() {
    let actions = parse(GOOD).expect("a good catalog");
    let ids =
        |found: Vec<&ImprovementAction>| found.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(filter(&actions, "mfa", None)), ["AdminMFAV2"]);
    assert_eq!(
        ids(filter(&actions, "", Some(Category::Device))),
        ["mdatp_tamper"]
    );
    assert_eq!(
        ids(filter(&actions, "azuread", Some(Category::Identity))).len(),
        2
    );
    assert!(filter(&actions, "mfa", Some(Category::Data)).is_empty());
}
