//! Any answer of Microsoft's token endpoint is classified without a panic, and a 5xx never
//! ends the session.

use chrono::TimeZone;
use futures::executor::block_on;
use proptest::prelude::*;

use super::*;
use crate::microsoft::settings::{validate, TenantDraft};
use crate::props::{hostile_text, json_object_with};
use crate::servicenow::fake::{json, FakeTransport};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn token_answers_never_panic_and_a_5xx_never_ends_the_session(
        status in prop_oneof![Just(200u16), Just(400u16), 500u16..600, 100u16..600],
        body in prop_oneof![
            json_object_with(&["access_token", "token_type", "expires_in", "refresh_token",
                "error", "error_description", "error_codes", "scope", "id_token"])
                .prop_map(|v| v.to_string()),
            hostile_text(),
        ],
    ) {
        let draft = TenantDraft {
            tenant: "contoso.onmicrosoft.com".into(),
            client_id: "6731de76-14a6-49ae-97bc-6eba6914391e".into(),
            ..TenantDraft::default()
        };
        let settings = validate(&draft, "https://portal.example/")
            .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let transport = FakeTransport::new(move |_| json(status, &body));
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).single().unwrap_or_default();
        let result = block_on(refresh(&transport, &settings, &RefreshToken::new("RT".into()), now));
        if (500..600).contains(&status) {
            prop_assert!(matches!(&result, Err(e) if !e.ends_session()), "{:?}", result);
        }
        if let Ok(tokens) = result {
            prop_assert!((1..=86_400).contains(&tokens.lifetime_secs));
        }
    }
}
