//! A Microsoft 365 session over a scripted transport, for the native tests of what calls
//! Graph through it.

use std::rc::Rc;

use chrono::{Duration, TimeZone, Utc};
use oauth2::{AccessToken, RefreshToken};

use super::settings::{validate, TenantDraft};
use super::MicrosoftSession;
use crate::servicenow::fake::FakeTransport;
use crate::servicenow::TokenSet;

/// A session for contoso.onmicrosoft.com whose access token "MSAT" is fresh for 50 minutes.
pub fn session(transport: &FakeTransport) -> MicrosoftSession {
    let settings = validate(
        &TenantDraft {
            tenant: "contoso.onmicrosoft.com".into(),
            client_id: "00001111-aaaa-2222-bbbb-3333cccc4444".into(),
            ..TenantDraft::default()
        },
        "https://portal.example/",
    )
    .expect("valid");
    let now = || {
        Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
            .single()
            .expect("valid time")
    };
    let tokens = TokenSet {
        access_token: AccessToken::new("MSAT".into()),
        refresh_token: Some(RefreshToken::new("MSRT".into())),
        expires_at: now() + Duration::seconds(3000),
        lifetime_secs: 3599,
    };
    MicrosoftSession::new(
        Rc::new(transport.clone()),
        settings,
        tokens,
        Rc::new(now),
        |_| {},
    )
}
