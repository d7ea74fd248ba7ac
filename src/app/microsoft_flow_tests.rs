//! The Microsoft 365 connection in storage and through the redirect, against scripted
//! identity-platform answers (shaped as v2-oauth2-auth-code-flow.md documents them).

use std::rc::Rc;

use futures::executor::block_on;

use super::*;
use crate::app::services::FakeBrowser;
use crate::app::Browser;
use crate::microsoft::id_token::tests::{jwt, CLIENT, TID};
use crate::microsoft::settings::{validate, TenantDraft};
use crate::servicenow::fake::{json, FakeTransport};
use crate::storage::{MemoryStorage, StorageBackend, Store};

const PAGE: &str = "https://portal.example/snowcard/";

fn services(transport: FakeTransport, page: &str) -> (Services, Rc<FakeBrowser>, MemoryStorage) {
    let memory = MemoryStorage::default();
    let backend: Rc<dyn StorageBackend> = Rc::new(memory.clone());
    let browser = Rc::new(FakeBrowser::at(page));
    let services = Services {
        tabs: Default::default(),
        transport: Rc::new(transport),
        store: Store::new(backend, "snowcard"),
        browser: browser.clone(),
        clock: Rc::new(chrono::Utc::now),
    };
    (services, browser, memory)
}

fn settings() -> TenantSettings {
    let draft = TenantDraft {
        tenant: TID.into(),
        client_id: CLIENT.into(),
        ..TenantDraft::default()
    };
    validate(&draft, PAGE).expect("valid")
}

/// The answer the identity platform redirects back with.
fn answer(browser: &FakeBrowser, query: &str) {
    let url = url::Url::parse(&format!("{PAGE}?{query}")).expect("a URL");
    browser.replace_url(&url);
}

fn token_body(nonce: &str) -> String {
    let id_token = jwt(&serde_json::json!({
        "aud": CLIENT,
        "iss": format!("https://login.microsoftonline.com/{TID}/v2.0"),
        "tid": TID,
        "nonce": nonce,
        "name": "Adele Vance",
        "preferred_username": "adelev@contoso.onmicrosoft.com",
    }));
    serde_json::json!({
        "access_token": "MSAT",
        "token_type": "Bearer",
        "expires_in": 3599,
        "scope": "https://graph.microsoft.com/SecurityEvents.Read.All",
        "refresh_token": "MSRT",
        "id_token": id_token,
    })
    .to_string()
}

#[test]
fn signing_in_leaves_for_the_authorize_endpoint_and_comes_back_connected() {
    let transport = FakeTransport::new(|_| json(500, "{}"));
    let page = format!("{PAGE}#/actions");
    let (services, browser, memory) = services(transport, &page);
    start(&services, settings()).expect("started");
    let to = browser.redirected_to().expect("redirected");
    assert!(
        to.starts_with(&format!(
            "https://login.microsoftonline.com/{TID}/oauth2/v2.0/authorize?"
        )),
        "{to}"
    );
    assert!(memory.get("snowcard:ms-pending").is_some());
    // Nothing of ServiceNow's is touched.
    assert!(memory.get("snowcard:pending").is_none());

    let pending: PendingSignIn = services
        .store
        .load(keys::MS_PENDING)
        .ok()
        .flatten()
        .expect("pending");
    let (state, nonce) = (
        pending.state.secret().clone(),
        pending.nonce.secret().clone(),
    );
    let body = token_body(&nonce);
    let transport = FakeTransport::new(move |_| json(200, &body));
    let services = Services {
        transport: Rc::new(transport),
        ..services
    };
    answer(&browser, &format!("code=c0de&state={state}"));
    let callback = callback_for_microsoft(&services).expect("the answer is Microsoft's");
    let session = block_on(complete(&services, callback)).expect("connected");
    assert_eq!(session.account.name, "Adele Vance");
    assert_eq!(session.account.tenant_domain, "contoso.onmicrosoft.com");
    assert!(!session.can_write);
    assert_eq!(
        browser.current_url().as_str(),
        page,
        "the page's address is back"
    );
    assert!(memory.get("snowcard:ms-pending").is_none());
    let restored = restore(&services).expect("kept for the tab");
    assert_eq!(restored.tokens.access_token.secret(), "MSAT");

    disconnect(&services);
    assert!(restore(&services).is_none());
}

#[test]
fn an_answer_of_another_sign_in_is_not_microsofts_and_a_refusal_is_classified() {
    let (services, browser, memory) = services(FakeTransport::new(|_| json(500, "{}")), PAGE);
    start(&services, settings()).expect("started");
    answer(&browser, "code=c0de&state=someone-elses");
    assert!(callback_for_microsoft(&services).is_none());
    // ServiceNow's sign-in reports an answer no one asked for; never Microsoft's own.
    assert!(crate::app::flow::callback_for_this(&services).is_some());

    let pending: PendingSignIn = services
        .store
        .load(keys::MS_PENDING)
        .ok()
        .flatten()
        .expect("pending");
    answer(
        &browser,
        &format!(
            "error=consent_required&error_description=AADSTS65001%3A+The+user+or+administrator+has+not+consented&state={}",
            pending.state.secret()
        ),
    );
    let callback = callback_for_microsoft(&services).expect("ours");
    assert!(
        crate::app::flow::callback_for_this(&services).is_none(),
        "the ServiceNow sign-in leaves Microsoft's answer alone"
    );
    let refused = block_on(complete(&services, callback)).expect_err("refused");
    assert!(
        matches!(
            refused,
            MicrosoftConnectError::SignIn(SignInError::ConsentRequired { .. })
        ),
        "{refused:?}"
    );
    assert!(
        memory.get("snowcard:ms-pending").is_none(),
        "never replayed"
    );
    assert_eq!(browser.current_url().as_str(), PAGE);
}

#[test]
fn a_sign_in_that_never_answered_is_told_apart_from_one_answering_now() {
    let transport = FakeTransport::new(|_| json(500, "{}"));
    let page = format!("{PAGE}#/actions");
    let (services, browser, _) = services(transport, &page);
    assert!(!unanswered(&services), "nothing was started");
    start(&services, settings()).expect("started");
    // Back from Microsoft's own error page (AADSTS50011): the page, and no answer on it.
    assert!(unanswered(&services));
    answer(&browser, "code=c0de&state=any");
    assert!(!unanswered(&services), "an answer is on the address");
    disconnect(&services);
    browser.replace_url(&url::Url::parse(&page).expect("a URL"));
    assert!(!unanswered(&services), "forgotten");
}

/// Signs in at a clock the test moves, answers `seconds` later; the outcome, the storage and
/// how many requests reached the token endpoint.
fn ms_answer_after(
    seconds: i64,
    state_of: impl Fn(&str) -> String,
) -> (
    Result<StoredMicrosoftSession, MicrosoftConnectError>,
    MemoryStorage,
    usize,
) {
    let started = chrono::Utc::now();
    let now = Rc::new(std::cell::Cell::new(started));
    let (services, _browser, memory) = services(FakeTransport::new(|_| json(500, "{}")), PAGE);
    let clock = now.clone();
    let services = Services {
        clock: Rc::new(move || clock.get()),
        ..services
    };
    start(&services, settings()).expect("started");
    let pending: PendingSignIn = services
        .store
        .load(keys::MS_PENDING)
        .ok()
        .flatten()
        .expect("pending");
    let body = token_body(pending.nonce.secret());
    let transport = FakeTransport::new(move |_| json(200, &body));
    let services = Services {
        transport: Rc::new(transport.clone()),
        ..services
    };
    now.set(started + chrono::Duration::seconds(seconds));
    let callback = Callback {
        code: Some("c0de".into()),
        state: Some(state_of(pending.state.secret())),
        ..Callback::default()
    };
    let result = block_on(complete(&services, callback));
    (result, memory, transport.requests().len())
}

#[test]
fn a_microsoft_sign_in_answered_within_ten_minutes_connects() {
    for seconds in [599, 600] {
        let (result, memory, requests) = ms_answer_after(seconds, str::to_owned);
        assert!(result.is_ok(), "{seconds} s: {result:?}");
        assert_eq!(requests, 1);
        assert!(memory.get("snowcard:ms-pending").is_none());
    }
}

#[test]
fn a_microsoft_sign_in_older_than_ten_minutes_is_refused_and_cleared() {
    let (result, memory, requests) = ms_answer_after(601, str::to_owned);
    assert_eq!(
        result.err(),
        Some(MicrosoftConnectError::SignIn(SignInError::Expired))
    );
    assert_eq!(requests, 0, "the code was not sent");
    assert!(memory.get("snowcard:ms-pending").is_none(), "cleared");
    assert!(memory.get("snowcard:ms-session").is_none());
    let texts = crate::i18n::Locale::En.texts();
    let told = crate::components::microsoft_card::refusal_text(
        &texts.microsoft,
        &SignInError::Expired.into(),
        &TenantDraft::default(),
        PAGE,
    );
    assert!(
        told.contains("10 minutes") && told.contains("Sign in again"),
        "{told}"
    );
}

#[test]
fn a_forged_answer_leaves_the_microsoft_sign_in_in_flight() {
    let (result, memory, requests) = ms_answer_after(5, |_| "forged".to_owned());
    assert_eq!(
        result.err(),
        Some(MicrosoftConnectError::SignIn(SignInError::StateMismatch))
    );
    assert_eq!(requests, 0);
    assert!(memory.get("snowcard:ms-pending").is_some(), "it stays");
}

/// A Microsoft 365 sign-in started, then the page back `seconds` later with no answer on its
/// address (ServiceNow's sign-in in flight too, started at the same time).
fn ms_back_after(seconds: i64) -> (Services, MemoryStorage) {
    let started = chrono::Utc::now();
    let now = Rc::new(std::cell::Cell::new(started));
    let (services, browser, memory) = services(FakeTransport::new(|_| json(500, "{}")), PAGE);
    let clock = now.clone();
    let services = Services {
        clock: Rc::new(move || clock.get()),
        ..services
    };
    start(&services, settings()).expect("started");
    let servicenow = crate::servicenow::OAuthSettings {
        instance: crate::servicenow::InstanceUrl::parse("acme").expect("valid"),
        client_id: oauth2::ClientId::new("cid".into()),
        redirect_uri: oauth2::RedirectUrl::new(PAGE.into()).expect("valid"),
        token_url: None,
    };
    crate::app::flow::start_authorization(
        &services,
        &crate::app::trust::Trust::default(),
        servicenow,
    )
    .expect("started");
    browser.replace_url(&url::Url::parse(PAGE).expect("a URL"));
    now.set(started + chrono::Duration::seconds(seconds));
    (services, memory)
}

#[test]
fn an_abandoned_microsoft_sign_in_is_forgotten_on_load_and_no_longer_told_unanswered() {
    let (services, memory) = ms_back_after(599);
    assert!(!forget_abandoned_sign_in(&services));
    assert!(unanswered(&services), "599 s: it may still answer");
    assert!(memory.get("snowcard:ms-pending").is_some());

    let (services, memory) = ms_back_after(601);
    // ServiceNow's own sign-in is not older: it stays whatever Microsoft's does.
    let servicenow = memory.get("snowcard:pending");
    assert!(forget_abandoned_sign_in(&services));
    assert!(
        memory.get("snowcard:ms-pending").is_none(),
        "601 s: forgotten"
    );
    assert!(memory.get("snowcard:ms-return-to").is_none());
    assert!(!unanswered(&services), "nothing to tell: it was abandoned");
    assert!(servicenow.is_some());
    assert_eq!(
        memory.get("snowcard:pending"),
        servicenow,
        "ServiceNow's stays"
    );
}

#[test]
fn the_unanswered_check_itself_forgets_an_abandoned_microsoft_sign_in() {
    let (services, memory) = ms_back_after(601);
    assert!(!unanswered(&services));
    assert!(memory.get("snowcard:ms-pending").is_none());
}

#[test]
fn a_microsoft_sign_in_whose_verifier_the_full_storage_refused_never_leaves_the_page() {
    let (services, browser, _) = services(
        FakeTransport::new(|_| json(200, "{}")),
        "http://127.0.0.1:8700/",
    );
    let backend: Rc<dyn StorageBackend> = Rc::new(crate::storage::doubles::FullStorage);
    let services = Services {
        store: Store::new(backend, "snowcard"),
        ..services
    };
    let refused = start(&services, settings());
    assert!(
        matches!(
            refused,
            Err(MicrosoftConnectError::Storage(
                StorageError::Unavailable { .. }
            ))
        ),
        "{refused:?}"
    );
    assert_eq!(browser.redirected_to(), None, "the verifier would be lost");
}
