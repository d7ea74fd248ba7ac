//! Browser tests of how a failed request is matched with the page's Content-Security-Policy
//! violation: the event may come before or after the failure, only an enforced policy
//! blocks, and only a violation for the request's origin explains it.

#![cfg(target_arch = "wasm32")]

use snowcard::servicenow::TransportError;
use snowcard::web::page_policy;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// What the browser does when its policy blocks a request to `blocked`: a
/// `securitypolicyviolation` event on the document (built through the constructor, as
/// `disposition` is `"enforce"` or `"report"`).
fn violate(blocked: &str, disposition: &str) {
    let init = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        js_sys::Reflect::set(&init, &key.into(), &value).expect("a field");
    };
    set("blockedURI", blocked.into());
    set("documentURI", "https://portal.example/".into());
    set("effectiveDirective", "connect-src".into());
    set("violatedDirective", "connect-src".into());
    set(
        "originalPolicy",
        "default-src 'self'; connect-src 'self'".into(),
    );
    set("disposition", disposition.into());
    set("statusCode", 200.into());
    set("bubbles", true.into());
    set("composed", true.into());
    let window = web_sys::window().expect("a window");
    let class = js_sys::Reflect::get(&window, &"SecurityPolicyViolationEvent".into())
        .expect("the event class")
        .unchecked_into::<js_sys::Function>();
    let args = js_sys::Array::of2(&"securitypolicyviolation".into(), &init);
    let event = js_sys::Reflect::construct(&class, &args)
        .expect("an event")
        .unchecked_into::<web_sys::Event>();
    let document = window.document().expect("a document");
    document.dispatch_event(&event).expect("dispatched");
}

fn refused(origin: &str) -> Option<TransportError> {
    Some(TransportError::PagePolicy {
        origin: origin.into(),
        directive: "connect-src".into(),
    })
}

#[wasm_bindgen_test]
async fn a_violation_before_the_failure_explains_it() {
    let mark = page_policy::mark();
    violate("https://before.example/oauth_token.do", "enforce");
    let found = page_policy::explain("https://before.example/oauth_token.do", mark).await;
    assert_eq!(found, refused("https://before.example"));
}

#[wasm_bindgen_test]
async fn a_violation_after_the_failure_is_waited_for() {
    let mark = page_policy::mark();
    let _later =
        gloo_timers::callback::Timeout::new(30, || violate("https://after.example/", "enforce"));
    let found = page_policy::explain("https://after.example/api/now/table/incident", mark).await;
    assert_eq!(found, refused("https://after.example"));
}

#[wasm_bindgen_test]
async fn a_report_only_policy_or_another_origin_explains_nothing() {
    let mark = page_policy::mark();
    violate("https://report-only.example/", "report");
    violate("https://elsewhere.example/", "enforce");
    assert_eq!(
        page_policy::explain("https://report-only.example/", mark).await,
        None
    );
    assert_eq!(
        page_policy::explain("https://instance.example/", mark).await,
        None
    );
}
