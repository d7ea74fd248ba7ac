//! Browser tests of the cards' refresh beat: it runs while the page is visible, stops while
//! it is hidden, beats at once when the page shows again, and ends with the component.

#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use snowcard::hooks::use_visible_interval;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const PERIOD_MS: u32 = 40;

#[derive(Properties)]
struct BeatProps {
    beats: Rc<Cell<u32>>,
}

impl PartialEq for BeatProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.beats, &other.beats)
    }
}

#[component]
fn Beating(props: &BeatProps) -> Html {
    let beats = props.beats.clone();
    use_visible_interval(
        PERIOD_MS,
        Callback::from(move |()| beats.set(beats.get() + 1)),
    );
    html! { <p>{ "beating" }</p> }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Makes the page report itself hidden or visible, as the browser does for a tab.
fn set_hidden(hidden: bool) {
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).expect("set");
    js_sys::Reflect::set(&descriptor, &"value".into(), &JsValue::from_bool(hidden)).expect("set");
    js_sys::Object::define_property(document().as_ref(), &"hidden".into(), &descriptor);
    let event = web_sys::Event::new("visibilitychange").expect("an event");
    document().dispatch_event(&event).expect("dispatched");
}

/// Waits (at most 5 s) until `beats` reaches `at_least`.
async fn wait_for_beats(beats: &Cell<u32>, at_least: u32) {
    let start = js_sys::Date::now();
    while beats.get() < at_least {
        assert!(
            js_sys::Date::now() - start < 5_000.0,
            "only {} beats",
            beats.get()
        );
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
}

/// Lets as much time pass as `periods` beats would take.
async fn let_periods_pass(periods: u32) {
    gloo_timers::future::TimeoutFuture::new(PERIOD_MS * periods).await;
}

#[wasm_bindgen_test]
async fn beats_only_while_visible_and_not_after_unmount() {
    let root = common::new_root();
    let beats = Rc::new(Cell::new(0));
    let app = yew::Renderer::<Beating>::with_root_and_props(
        root,
        BeatProps {
            beats: beats.clone(),
        },
    )
    .render();
    wait_for_beats(&beats, 2).await;

    set_hidden(true);
    let hidden_at = beats.get();
    let_periods_pass(6).await;
    assert_eq!(beats.get(), hidden_at, "no beat while hidden");

    set_hidden(false);
    assert_eq!(
        beats.get(),
        hidden_at + 1,
        "a beat as soon as the page shows"
    );
    wait_for_beats(&beats, hidden_at + 3).await;

    app.destroy();
    let gone_at = beats.get();
    let_periods_pass(6).await;
    assert_eq!(beats.get(), gone_at, "nothing runs after unmount");
    set_hidden(false);
    assert_eq!(beats.get(), gone_at, "no listener left behind");
}
