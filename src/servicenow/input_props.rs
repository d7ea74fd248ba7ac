//! Properties of everything the ServiceNow client reads from outside: the instance a person
//! types, the `Link` header, the encoded query built from search text, and token answers.

use chrono::{TimeZone, Utc};
use futures::executor::block_on;
use proptest::prelude::*;

use super::fake::FakeTransport;
use super::oauth::{begin, exchange_code, refresh, OAuthSettings, RefreshToken};
use super::paging::{offset_of, Links};
use super::ticket_query::{TicketQuery, Whose};
use super::{HttpResponse, InstanceUrl, OAuthError};
use crate::props::{hostile_text, json_object_with, link_target};

const ACME: &str = "https://acme.service-now.com";

fn acme() -> InstanceUrl {
    InstanceUrl::parse("acme").unwrap_or_else(|e| panic!("acme: {e}"))
}

fn settings() -> OAuthSettings {
    OAuthSettings {
        instance: acme(),
        client_id: oauth2::ClientId::new("client".into()),
        redirect_uri: oauth2::RedirectUrl::new("https://portal.example/".into())
            .unwrap_or_else(|e| panic!("{e}")),
        token_url: None,
    }
}

fn answer(status: u16, body: String) -> HttpResponse {
    let mut response = HttpResponse::new(body.into_bytes());
    *response.status_mut() = oauth2::http::StatusCode::from_u16(status).unwrap_or_default();
    response
}

/// One link-value with a target and arbitrary parameters (quoted or not).
fn link_value() -> impl Strategy<Value = String> {
    (
        link_target(ACME),
        prop::collection::vec(
            (
                "(rel|title|REL|type|anchor)",
                prop_oneof![
                    "(next|prev|first|last|\"next prev\"|previous)".prop_map(String::from),
                    hostile_text().prop_map(|t| format!("\"{}\"", t.replace('"', "\\\""))),
                    hostile_text(),
                ],
            ),
            0..4,
        ),
    )
        .prop_map(|(target, params)| {
            let params: String = params
                .into_iter()
                .map(|(name, value)| format!("; {name}={value}"))
                .collect();
            format!("<{target}>{params}")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever is typed, parsing answers, and an accepted instance is an origin only
    /// (no path, query, credentials) that parses back to itself.
    #[test]
    fn instance_urls_never_panic_and_round_trip(input in prop_oneof![
        hostile_text(),
        link_target(ACME),
        "[a-z0-9-]{1,20}",
    ]) {
        if let Ok(instance) = InstanceUrl::parse(&input) {
            let again = InstanceUrl::parse(instance.as_str());
            prop_assert_eq!(again.as_ref(), Ok(&instance));
            let url = url::Url::parse(instance.as_str()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(url.username().is_empty() && url.password().is_none());
            prop_assert_eq!(url.path(), "/");
            prop_assert!(url.query().is_none() && url.fragment().is_none());
        }
    }

    /// A `Link` header never panics the parser, and every link it keeps is a path on the
    /// instance: one to another origin is never followed.
    #[test]
    fn link_headers_keep_only_instance_paths(values in prop::collection::vec(link_value(), 0..5),
                                             glue in "[ ,]{1,3}") {
        let header = values.join(&glue);
        let links = Links::parse(&header, &acme());
        for link in [&links.first, &links.prev, &links.next, &links.last].into_iter().flatten() {
            prop_assert!(link.starts_with('/') && !link.starts_with("//"), "{}", link);
            let joined = url::Url::parse(ACME)
                .and_then(|base| base.join(link))
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(joined.origin().ascii_serialization(), ACME);
            let _ = offset_of(link);
        }
    }

    /// A search text adds exactly one condition (`numberLIKE…^ORshort_descriptionLIKE…`),
    /// whatever it holds, and the encoded query it is sent in stays one URL parameter.
    #[test]
    fn search_text_never_adds_a_condition_or_a_parameter(search in hostile_text()) {
        let plain = TicketQuery { whose: Whose::Snowcard, ..TicketQuery::default() };
        let searched = TicketQuery { search: search.clone(), ..plain.clone() };
        let base = plain.encoded();
        let encoded = searched.encoded();
        let conditions = |q: &str| q.split('^').count();
        let added = conditions(&encoded) - conditions(&base);
        prop_assert!(added == 0 || added == 2, "{} -> {}", search, encoded);
        prop_assert!(!encoded.contains('\n') && !encoded.contains('\r'));
        let mut url = url::Url::parse(&format!("{ACME}/api/now/table/incident"))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        url.query_pairs_mut().append_pair("sysparm_query", &encoded);
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        prop_assert_eq!(pairs, vec![("sysparm_query".to_owned(), encoded.clone())]);
    }

    /// Any answer of the token endpoint is classified without a panic; a 5xx never ends the
    /// session, whatever its body says.
    #[test]
    fn token_answers_never_panic_and_a_5xx_never_ends_the_session(
        status in prop_oneof![Just(200u16), Just(400u16), Just(401u16), 500u16..600, 100u16..600],
        body in prop_oneof![
            json_object_with(&["access_token", "token_type", "expires_in", "refresh_token",
                               "error", "error_description", "scope"]).prop_map(|v| v.to_string()),
            hostile_text(),
        ],
    ) {
        let transport = FakeTransport::new(move |_| Ok(answer(status, body.clone())));
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).single().unwrap_or_default();
        let result = block_on(refresh(&transport, &settings(), &RefreshToken::new("RT".into()), now));
        if (500..600).contains(&status) {
            prop_assert!(result.is_err());
            if let Err(error) = &result {
                prop_assert!(!error.ends_session(), "{:?}", error);
            }
        }
        if let Ok(tokens) = result {
            prop_assert!((1..=86_400).contains(&tokens.lifetime_secs));
            prop_assert!(tokens.refresh_at() < tokens.expires_at);
        }
        let (_, pending) = begin(settings(), now).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let exchanged = block_on(exchange_code(&transport, pending, oauth2::AuthorizationCode::new("c".into()), now));
        if (500..600).contains(&status) {
            prop_assert!(matches!(exchanged, Err(OAuthError::Unavailable { .. })), "{:?}", exchanged);
        }
    }
}
