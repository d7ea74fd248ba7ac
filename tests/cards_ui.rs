//! Browser tests of the ticket cards: skeletons while loading, the chart's text, the most
//! recent tickets, an empty card, and one card failing (with "Retry") while the other works.
//! Headless Chromium, fake instance.

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use common::{mount, mount_through, signed_in, CURRENT_USER};
use serde_json::json as value;
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::servicenow::http::LocalFuture;
use snowcard::servicenow::{HttpRequest, HttpResponse, Transport, TransportError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://portal.example/security/";

fn stats(groups: &[(&str, &str, u64)]) -> String {
    let result: Vec<_> = groups
        .iter()
        .map(|(v, d, n)| value!({"stats": {"count": n.to_string()}, "groupby_fields": [{"field": "state", "value": v, "display_value": d}]}))
        .collect();
    value!({ "result": result }).to_string()
}

fn rows(numbers: &[(&str, &str, &str)]) -> String {
    let result: Vec<_> = numbers
        .iter()
        .map(|(number, name, due)| {
            value!({
                "sys_id": {"value": format!("id-{number}"), "display_value": ""},
                "number": {"value": number, "display_value": number},
                "short_description": {"value": name, "display_value": name},
                "state": {"value": "-4", "display_value": "Assess"},
                "priority": {"value": "2", "display_value": "2 - High"},
                "due_date": {"value": due, "display_value": due},
                "sys_created_on": {"value": "2026-11-20 10:00:00", "display_value": ""},
                "active": {"value": "true", "display_value": "true"},
            })
        })
        .collect();
    value!({ "result": result }).to_string()
}

/// Changes: 3 New, 4 Assess, 1 in a state the app does not know; incidents: `incidents`.
fn instance(incidents: fn(&HttpRequest) -> Result<HttpResponse, TransportError>) -> FakeTransport {
    FakeTransport::new(move |req| {
        let path = req.uri().path().to_owned();
        match path.as_str() {
            "/api/now/stats/change_request" => json(
                200,
                &stats(&[
                    ("-5", "New", 3),
                    ("-4", "Assess", 4),
                    ("77", "Waiting for vendor", 1),
                ]),
            ),
            "/api/now/table/change_request" => json(
                200,
                &rows(&[
                    (
                        "CHG0030001",
                        "<img src=x onerror=alert(1)> Block legacy auth",
                        "2000-01-01 00:00:00",
                    ),
                    (
                        "CHG0030002",
                        "Turn on audit log search",
                        "2999-01-01 00:00:00",
                    ),
                ]),
            ),
            p if p.contains("incident") => incidents(req),
            _ => json(200, CURRENT_USER),
        }
    })
}

fn no_incidents(_: &HttpRequest) -> Result<HttpResponse, TransportError> {
    json(200, r#"{"result":[]}"#)
}

fn card_text(app: &common::Mounted, title: &str) -> String {
    let cards = app.root.query_selector_all("section").expect("query");
    (0..cards.length())
        .filter_map(|i| cards.get(i))
        .filter_map(|n| n.text_content())
        .find(|t| t.starts_with(title))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_loaded_card_shows_counts_as_text_and_the_recent_tickets() {
    let app = mount(PAGE, instance(no_incidents), signed_in(PAGE));
    app.wait_for_text("8 tickets").await;
    let change = card_text(&app, "Change management");
    for text in [
        "New: 3",
        "Assess: 4",
        "Waiting for vendor: 1",
        "CHG0030001",
        "CHG0030002",
        "1 overdue",
    ] {
        assert!(change.contains(text), "{text:?} in {change:?}");
    }
    assert!(
        change.contains("<img src=x onerror=alert(1)> Block legacy auth"),
        "ticket names show as text"
    );
    assert!(
        app.root.query_selector("img").expect("query").is_none(),
        "no markup from names"
    );
    let chart = app
        .root
        .query_selector("ul[aria-label='Change management: Tickets by state']")
        .expect("query");
    assert!(chart.is_some(), "the chart is named for screen readers");
    let link = app
        .root
        .query_selector("a.sc-ticket-number")
        .expect("query")
        .and_then(|a| a.get_attribute("href"))
        .unwrap_or_default();
    assert_eq!(
        link,
        "https://acme.service-now.com/nav_to.do?uri=change_request.do%3Fsys_id%3Did-CHG0030001"
    );
    for action in [
        "Create a ticket",
        "View all tickets",
        "Manage ServiceNow configuration",
    ] {
        assert!(app.find_button(action).is_some(), "{action}");
    }
}

#[wasm_bindgen_test]
async fn an_empty_card_says_how_to_get_tickets() {
    let app = mount(PAGE, instance(no_incidents), signed_in(PAGE));
    app.wait_for_text("No tickets from snowcard yet").await;
    let incident = card_text(&app, "Incident management");
    assert!(incident.contains("0 tickets"), "{incident}");
}

#[wasm_bindgen_test]
async fn a_failing_card_offers_retry_while_the_other_keeps_working() {
    thread_local!(static FAIL: Cell<bool> = const { Cell::new(true) });
    fn flaky(req: &HttpRequest) -> Result<HttpResponse, TransportError> {
        if FAIL.with(Cell::get) {
            json(
                503,
                r#"{"error":{"message":"Service Unavailable"},"status":"failure"}"#,
            )
        } else if req.uri().path().starts_with("/api/now/stats/") {
            json(200, &stats(&[("1", "New", 2)]))
        } else {
            json(200, r#"{"result":[]}"#)
        }
    }
    let app = mount(PAGE, instance(flaky), signed_in(PAGE));
    app.wait_for_text("The tickets could not be loaded").await;
    assert!(card_text(&app, "Change management").contains("8 tickets"));
    let incident = card_text(&app, "Incident management");
    assert!(
        incident.contains("The tickets could not be loaded"),
        "{incident}"
    );
    assert!(!card_text(&app, "Change management").contains("could not be loaded"));
    FAIL.with(|f| f.set(false));
    app.click("Retry").await;
    app.wait_for("the retried card", |a| {
        !a.text().contains("The tickets could not be loaded")
    })
    .await;
    assert!(card_text(&app, "Incident management").contains("2 tickets"));
}

/// Holds every answer until `open` is called.
#[derive(Clone, Default)]
struct Gate {
    open: Rc<Cell<bool>>,
    waiting: Rc<RefCell<Vec<Waker>>>,
}

impl Gate {
    fn open(&self) {
        self.open.set(true);
        self.waiting.borrow_mut().drain(..).for_each(Waker::wake);
    }
}

struct Held(Gate);

impl Future for Held {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0.open.get() {
            Poll::Ready(())
        } else {
            self.0.waiting.borrow_mut().push(cx.waker().clone());
            Poll::Pending
        }
    }
}

struct Gated(Gate, FakeTransport);

impl Transport for Gated {
    fn send(&self, request: HttpRequest) -> LocalFuture<'_, Result<HttpResponse, TransportError>> {
        let (held, answer) = (Held(self.0.clone()), self.1.send(request));
        Box::pin(async move {
            held.await;
            answer.await
        })
    }
}

#[wasm_bindgen_test]
async fn cards_show_skeletons_until_the_instance_answers() {
    let gate = Gate::default();
    let fake = instance(no_incidents);
    let app = mount_through(
        PAGE,
        Rc::new(Gated(gate.clone(), fake.clone())),
        fake,
        signed_in(PAGE),
    );
    app.wait_for("two skeletons", |a| {
        a.root
            .query_selector_all(".sc-skeleton")
            .map(|l| l.length())
            .unwrap_or(0)
            == 2
    })
    .await;
    assert!(app.text().contains("Loading tickets…"));
    let busy = app
        .root
        .query_selector_all("[aria-busy='true']")
        .expect("query");
    assert_eq!(busy.length(), 2, "both cards say they are busy");
    gate.open();
    app.wait_for_text("8 tickets").await;
    assert!(app
        .root
        .query_selector(".sc-skeleton")
        .expect("query")
        .is_none());
}

/// Makes the page report itself hidden or visible, as the browser does for a tab.
fn set_hidden(hidden: bool) {
    use wasm_bindgen::JsValue;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("a document");
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).expect("set");
    js_sys::Reflect::set(&descriptor, &"value".into(), &JsValue::from_bool(hidden)).expect("set");
    js_sys::Object::define_property(document.as_ref(), &"hidden".into(), &descriptor);
    let event = web_sys::Event::new("visibilitychange").expect("an event");
    document.dispatch_event(&event).expect("dispatched");
}

fn stats_requests(app: &common::Mounted) -> usize {
    app.transport
        .requests()
        .iter()
        .filter(|r| r.url.contains("/api/now/stats/"))
        .count()
}

#[wasm_bindgen_test]
async fn cards_refresh_when_the_page_shows_again_without_blanking() {
    let app = mount(PAGE, instance(no_incidents), signed_in(PAGE));
    app.wait_for_text("8 tickets").await;
    let before = stats_requests(&app);
    assert_eq!(before, 2, "one count per card");
    set_hidden(true);
    set_hidden(false);
    app.wait_for("both cards asked again", |a| {
        stats_requests(a) == before + 2
    })
    .await;
    assert!(
        app.root
            .query_selector(".sc-skeleton")
            .expect("query")
            .is_none(),
        "a refresh keeps what is shown instead of going back to skeletons"
    );
    assert!(app.text().contains("8 tickets"));
}

#[wasm_bindgen_test]
async fn a_card_hitting_an_hour_long_rate_limit_says_when_to_try_again() {
    fn limited(_: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut response = json(
            429,
            r#"{"error":{"message":"Rate limit exceeded","detail":"Rate limit of 100 requests per hour for Table API exceeded"},"status":"failure"}"#,
        )?;
        response.headers_mut().insert(
            "retry-after",
            oauth2::http::HeaderValue::from_static("3600"),
        );
        Ok(response)
    }
    let app = mount(PAGE, instance(limited), signed_in(PAGE));
    app.wait_for_text("ServiceNow's rate limit was reached. Try again after ")
        .await;
    let incident = card_text(&app, "Incident management");
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&"en".into()), &{
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
        options
    })
    .format();
    let expected: Vec<String> = [3600e3, 3540e3]
        .iter()
        .filter_map(|ms| {
            let at = js_sys::Date::new(&(js_sys::Date::now() + ms).into());
            format
                .call1(&wasm_bindgen::JsValue::UNDEFINED, &at)
                .ok()?
                .as_string()
        })
        .collect();
    assert!(
        expected
            .iter()
            .any(|t| incident.contains(&format!("Try again after {t}."))),
        "{expected:?} not in {incident}"
    );
    assert!(
        !incident.contains("3600"),
        "no countdown in seconds: {incident}"
    );
    assert!(card_text(&app, "Change management").contains("8 tickets"));
}
