//! Browser tests of the language: chosen from the browser's preferences, then from the
//! language menu (remembered for the tab), unless the embedding page set `lang`; switching
//! re-renders in place and keeps the draft being typed; dates and numbers come from the
//! browser's `Intl`. Headless Chromium, fake instance.

#![cfg(target_arch = "wasm32")]

mod common;

use std::rc::Rc;

use common::{mount_as, Mounted};
use snowcard::app::AppOptions;
use snowcard::components::dates::{counted, decimal, end_of_day_local, local_date, number};
use snowcard::i18n::Locale;
use snowcard::servicenow::fake::{json, FakeTransport};
use snowcard::storage::MemoryStorage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = "https://portal.example/security/";
const CATALOG: &str = include_str!("../www/catalog/secure-score-actions.json");
const MFA: &str = "Require multifactor authentication for administrative roles";

fn instance() -> FakeTransport {
    FakeTransport::new(|req| {
        if req.uri().path().ends_with(".json") {
            return json(200, CATALOG);
        }
        json(200, common::CURRENT_USER)
    })
}

fn open(storage: MemoryStorage, options: AppOptions, languages: &[&str]) -> Mounted {
    let transport = instance();
    mount_as(
        PAGE,
        Rc::new(transport.clone()),
        transport,
        storage,
        options,
        languages,
    )
}

fn lang_of(app: &Mounted) -> String {
    app.root
        .query_selector(".snowcard")
        .ok()
        .flatten()
        .and_then(|e| e.get_attribute("lang"))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_browser_language_is_used_until_the_menu_says_otherwise_and_is_remembered() {
    let storage = MemoryStorage::default();
    let app = open(
        storage.clone(),
        AppOptions::default(),
        &["fr-FR", "sv-SE", "en"],
    );
    app.wait_for_text("Anslut till ServiceNow").await;
    assert_eq!(lang_of(&app), "sv");
    assert!(!app.text().contains("Connect to ServiceNow"));

    app.choose("Språk", "ja").await;
    app.wait_for_text("ServiceNow に接続").await;
    assert_eq!(lang_of(&app), "ja");

    // Reloaded in the same tab: the choice wins over the browser's Swedish.
    let again = open(storage, AppOptions::default(), &["sv-SE"]);
    again.wait_for_text("ServiceNow に接続").await;
    assert_eq!(lang_of(&again), "ja");
}

#[wasm_bindgen_test]
async fn an_unknown_browser_language_falls_back_to_english() {
    let app = open(
        MemoryStorage::default(),
        AppOptions::default(),
        &["fr-FR", "zh-CN"],
    );
    app.wait_for_text("Connect to ServiceNow").await;
    assert_eq!(lang_of(&app), "en");
}

#[wasm_bindgen_test]
async fn the_embedding_pages_lang_wins_and_hides_the_menu() {
    let options = AppOptions {
        locale: Some(Locale::ZhTw),
        ..AppOptions::default()
    };
    let storage = MemoryStorage::default();
    snowcard::app::language::remember(&common::store_of(&storage), Locale::Nl);
    let app = open(storage, options, &["sv"]);
    app.wait_for_text("連線至 ServiceNow").await;
    assert_eq!(lang_of(&app), "zh-TW");
    assert!(
        app.root
            .query_selector("#sc-language")
            .ok()
            .flatten()
            .is_none(),
        "no language menu when the page chose the language"
    );
}

#[wasm_bindgen_test]
async fn switching_language_keeps_the_draft_being_typed() {
    let app = open(common::signed_in(PAGE), AppOptions::default(), &["en"]);
    app.click("Improvement actions").await;
    app.wait_for_text(MFA).await;
    app.root
        .query_selector("button[aria-haspopup='menu']")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        .expect("a Share button")
        .click();
    app.click("ServiceNow").await;
    app.wait_for_text("Share to ServiceNow").await;
    app.fill("Task name", "Our own words for this task").await;

    app.choose("Language", "nl").await;
    app.wait_for_text("Taaknaam").await;
    assert_eq!(
        app.input("Taaknaam").value(),
        "Our own words for this task",
        "the draft survived the switch"
    );
    assert!(!app.text().contains("Task name"));
}

#[wasm_bindgen_test]
fn dates_and_numbers_are_written_by_the_browser_for_each_language() {
    assert_eq!(number(10_000, Locale::En), "10,000");
    assert_eq!(number(10_000, Locale::Nl), "10.000");
    // Swedish groups with a no-break space.
    assert_eq!(number(10_000, Locale::Sv), "10\u{a0}000");
    assert_eq!(decimal(8.5, Locale::Nl), "8,5");
    assert_eq!(decimal(8.5, Locale::Ja), "8.5");
    let tickets = &Locale::Sv.texts().tickets.count;
    assert_eq!(counted(1, tickets, Locale::Sv), "1 ärende");
    assert_eq!(counted(2_500, tickets, Locale::Sv), "2\u{a0}500 ärenden");

    // The end of 9 March where the browser is: 9 March in whatever time zone it runs in.
    let at = end_of_day_local(chrono::NaiveDate::from_ymd_opt(2026, 3, 9).expect("a date"));
    let ja = local_date(at, Locale::Ja);
    assert!(
        ja.contains("2026") && ja.contains('3') && ja.contains('9'),
        "{ja}"
    );
    assert!(
        local_date(at, Locale::Sv).contains("mars"),
        "{}",
        local_date(at, Locale::Sv)
    );
    assert!(
        local_date(at, Locale::Nl).contains("mrt"),
        "{}",
        local_date(at, Locale::Nl)
    );
    assert!(
        local_date(at, Locale::En).contains("Mar"),
        "{}",
        local_date(at, Locale::En)
    );
}
