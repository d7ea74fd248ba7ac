//! The share icon button of an improvement action, and its menu ("ServiceNow", "Copy link"),
//! keyboard-operable as a menu button: Enter, Space or ArrowDown open it with focus on the
//! first item, the arrows move between items, Escape closes it and focus returns to the button.
//!
//! A long list renders [`closed_share_button`] on every row (plain markup, no component, no
//! handler: the list has one for all of them) and a [`ShareMenu`] only on the row whose menu
//! is open: 500 components with their hooks and effects cost more than the rows themselves.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::hooks::use_texts;

#[derive(Properties, PartialEq)]
pub struct ShareMenuProps {
    /// Used to tie the menu to its button.
    pub id: AttrValue,
    pub on_servicenow: Callback<()>,
    pub on_copy_link: Callback<()>,
    /// Starts open, with focus on the first item (the row's closed button was just used).
    #[prop_or_default]
    pub open_at_start: bool,
}

/// The share icon and its name for screen readers. Its size and colour are the stylesheet's
/// (`.sc-share-icon`): fewer attributes for each of a long list's rows to set.
fn share_icon(label: &'static str) -> Html {
    html! {
        <>
            <svg class="sc-share-icon" aria-hidden="true" viewBox="0 0 24 24">
                <path d="M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7l-6.7 3.4a3 3 0 1 0 0 3.2L15 17a3 3 0 1 0 3-1z"/>
            </svg>
            <span class="sc-visually-hidden">{ label }</span>
        </>
    }
}

/// The class that marks [`closed_share_button`]s, for [`closed_share_target`].
const CLOSED: &str = "sc-share-closed";
/// A closed button's classes: [`ShareMenu`]'s button's, and [`CLOSED`].
const CLOSED_CLASSES: &str = "sc-button sc-icon-button sc-share-closed";

/// The share button of a row whose menu is closed, as [`ShareMenu`] shows it, with no
/// handler of its own: the list handles a click (or Enter, Space) and ArrowDown or ArrowUp
/// on any of its closed buttons (see [`closed_share_target`] and [`opens_menu`]) by putting
/// a [`ShareMenu`] with `open_at_start` in its place. One handler for the list rather than
/// two per row.
pub fn closed_share_button(id: AttrValue, label: &'static str) -> Html {
    html! {
        <div class="sc-share">
            <button type="button" class={CLOSED_CLASSES} {id}
                aria-haspopup="menu" aria-expanded="false">
                { share_icon(label) }
            </button>
        </div>
    }
}

/// The [`closed_share_button`] an event happened on or inside, if any.
pub fn closed_share_target(event: &Event) -> Option<web_sys::Element> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    target.closest(&format!("button.{CLOSED}")).ok().flatten()
}

/// Whether a key pressed on a closed share button opens its menu (Enter and Space do, as
/// clicks).
pub fn opens_menu(event: &KeyboardEvent) -> bool {
    matches!(event.key().as_str(), "ArrowDown" | "ArrowUp")
}

#[component]
pub fn ShareMenu(props: &ShareMenuProps) -> Html {
    let texts = &use_texts().share;
    let open = use_state(|| props.open_at_start);
    let (button, items) = (use_node_ref(), [use_node_ref(), use_node_ref()]);
    let menu_id = format!("{}-menu", props.id);
    {
        // Opening puts focus on the first item.
        let first = items[0].clone();
        use_effect_with(*open, move |open| {
            if *open {
                if let Some(item) = first.cast::<HtmlElement>() {
                    let _ = item.focus();
                }
            }
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let onkeydown = {
        let (open, button, items) = (open.clone(), button.clone(), items.clone());
        Callback::from(move |event: KeyboardEvent| {
            let focus = |node: &NodeRef| {
                if let Some(element) = node.cast::<HtmlElement>() {
                    let _ = element.focus();
                }
            };
            let on_item = |node: &NodeRef| {
                node.cast::<web_sys::Element>().is_some_and(|item| {
                    event
                        .target()
                        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok())
                        .is_some_and(|t| item.is_same_node(Some(&t)))
                })
            };
            match event.key().as_str() {
                "Escape" if *open => {
                    event.prevent_default();
                    open.set(false);
                    focus(&button);
                }
                "ArrowDown" | "ArrowUp" if !*open => {
                    event.prevent_default();
                    open.set(true);
                }
                // Two items: either arrow moves to the other one (wrapping around).
                "ArrowDown" | "ArrowUp" => {
                    event.prevent_default();
                    focus(if on_item(&items[0]) {
                        &items[1]
                    } else {
                        &items[0]
                    });
                }
                "Home" | "End" => {
                    event.prevent_default();
                    focus(&items[usize::from(event.key() == "End")]);
                }
                "Tab" => open.set(false),
                _ => {}
            }
        })
    };
    // Choosing closes the menu; focus goes back to its button (choosing ServiceNow then opens
    // the share form, whose heading takes focus).
    let choose = |action: Callback<()>| {
        let (open, button) = (open.clone(), button.clone());
        Callback::from(move |_| {
            open.set(false);
            if let Some(button) = button.cast::<HtmlElement>() {
                let _ = button.focus();
            }
            action.emit(());
        })
    };
    html! {
        <div class="sc-share" {onkeydown}>
            <button type="button" class="sc-button sc-icon-button" id={props.id.clone()} ref={button.clone()}
                aria-haspopup="menu" aria-expanded={open.to_string()} aria-controls={menu_id.clone()} onclick={toggle}>
                { share_icon(texts.share_button) }
            </button>
            if *open {
                <ul class="sc-menu" role="menu" id={menu_id} aria-labelledby={props.id.clone()}>
                    <li role="none">
                        <button type="button" role="menuitem" class="sc-menu-item" ref={items[0].clone()}
                            onclick={choose(props.on_servicenow.clone())}>
                            { texts.share_to_servicenow }
                        </button>
                    </li>
                    <li role="none">
                        <button type="button" role="menuitem" class="sc-menu-item" ref={items[1].clone()}
                            onclick={choose(props.on_copy_link.clone())}>
                            { texts.copy_link }
                        </button>
                    </li>
                </ul>
            }
        </div>
    }
}

/// "Copy link": copies `url`, telling `on_copied` first that it runs (`None`), then whether
/// it worked, so copying again is told again.
pub fn copy_link(on_copied: &Callback<Option<bool>>, url: String) -> Callback<()> {
    let on_copied = on_copied.clone();
    Callback::from(move |_| {
        let (on_copied, url) = (on_copied.clone(), url.clone());
        on_copied.emit(None);
        yew::platform::spawn_local(async move {
            on_copied.emit(Some(super::redirect_box::copy(&url).await))
        });
    })
}
