//! A callback on a steady beat while the page is visible: paused while the tab is hidden
//! (no requests nobody sees), and run at once when it shows again.

use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use yew::prelude::*;

/// Calls `tick` every `period_ms` while the document is visible, and once when it becomes
/// visible after being hidden. Everything stops when the component unmounts.
#[hook]
pub fn use_visible_interval(period_ms: u32, tick: Callback<()>) {
    // The latest callback is called, though the timer is set up only once per period.
    let latest = use_mut_ref(|| tick.clone());
    *latest.borrow_mut() = tick;
    use_effect_with(period_ms, move |period| {
        let period = *period;
        let tick = Callback::from(move |()| {
            let current = latest.borrow().clone();
            current.emit(());
        });
        let tick = Rc::new(tick);
        let document = web_sys::window().and_then(|w| w.document());
        let start = {
            let tick = Rc::clone(&tick);
            move || {
                let tick = Rc::clone(&tick);
                Interval::new(period, move || tick.emit(()))
            }
        };
        let hidden = |doc: &web_sys::Document| doc.hidden();
        let interval = Rc::new(std::cell::RefCell::new(
            document.as_ref().filter(|d| !hidden(d)).map(|_| start()),
        ));
        let listener = document.as_ref().map(|target| {
            let (doc, interval) = (target.clone(), Rc::clone(&interval));
            EventListener::new(target.as_ref(), "visibilitychange", move |_| {
                if hidden(&doc) {
                    interval.borrow_mut().take();
                } else if interval.borrow().is_none() {
                    tick.emit(());
                    *interval.borrow_mut() = Some(start());
                }
            })
        });
        move || {
            drop(listener);
            interval.borrow_mut().take();
        }
    });
}
