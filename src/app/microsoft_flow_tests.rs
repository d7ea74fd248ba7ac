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
