//! Graph answers from anywhere: any page body and any `@odata.nextLink` is read without a
//! panic, and the token never goes to another origin than Graph's.

use futures::executor::block_on;
use proptest::prelude::*;

use super::*;
use crate::props::{hostile_text, json_value, link_target};
use crate::servicenow::fake::{json, FakeTransport};

const GRAPH: &str = "https://graph.microsoft.com";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn next_links_to_another_origin_are_never_followed(
        links in prop::collection::vec(link_target(GRAPH), 1..4),
        value in prop_oneof![json_value(), Just(serde_json::json!([]))],
        status in prop_oneof![4 => Just(200u16), 1 => 400u16..600],
    ) {
        let answers = std::cell::RefCell::new(links.clone().into_iter());
        let transport = FakeTransport::new(move |_| {
            let mut page = serde_json::json!({ "value": value.clone() });
            if let Some(link) = answers.borrow_mut().next() {
                page["@odata.nextLink"] = serde_json::Value::String(link);
            }
            json(status, &page.to_string())
        });
        let endpoint = Endpoint::parse(GRAPH).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let client = GraphClient::new(Rc::new(transport.clone()), endpoint, AccessToken::new("AT".into()));
        let _ = block_on(client.control_profiles());
        for request in transport.requests() {
            let url = Url::parse(&request.url).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(url.origin().ascii_serialization(), GRAPH, "{}", request.url);
        }
    }

    #[test]
    fn error_answers_never_panic(status in 400u16..600, body in prop_oneof![
        json_value().prop_map(|v| serde_json::json!({"error": v}).to_string()),
        hostile_text(),
    ]) {
        let transport = FakeTransport::new(move |_| json(status, &body));
        let endpoint = Endpoint::parse(GRAPH).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let client = GraphClient::new(Rc::new(transport), endpoint, AccessToken::new("AT".into()));
        prop_assert!(block_on(client.latest_score()).is_err());
    }
}
