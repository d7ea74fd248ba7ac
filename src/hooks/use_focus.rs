//! Moving focus to what a person's action brought up, so keyboard and screen reader users
//! land on it; never on first load, so an embedding page keeps its own focus.

use yew::prelude::*;

use super::{use_connection, use_route_state};

/// Returns a ref for the element (a heading with `tabindex="-1"`) that takes focus when the
/// component mounts, if the person has moved or the connection has changed since the app
/// loaded.
#[hook]
pub fn use_focus_on_arrival() -> NodeRef {
    let node = use_node_ref();
    // Both hooks run on every render (hooks are called in the same order each time).
    let (routed, connection) = (use_route_state(), use_connection());
    let moved = routed.navigated || connection.has_changed_since_load();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if moved {
                if let Some(element) = node.cast::<web_sys::HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
    }
    node
}
