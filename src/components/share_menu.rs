//! The share icon button of an improvement action, and its menu ("ServiceNow", "Copy link").

use yew::prelude::*;

use crate::hooks::use_connection;

#[derive(Properties, PartialEq)]
pub struct ShareMenuProps {
    /// Used to tie the menu to its button.
    pub id: AttrValue,
    pub on_servicenow: Callback<()>,
    pub on_copy_link: Callback<()>,
}

#[component]
pub fn ShareMenu(props: &ShareMenuProps) -> Html {
    let texts = &use_connection().texts.share;
    let open = use_state(|| false);
    let menu_id = format!("{}-menu", props.id);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                open.set(false);
            }
        })
    };
    let choose = |action: Callback<()>| {
        let open = open.clone();
        Callback::from(move |_| {
            open.set(false);
            action.emit(());
        })
    };
    html! {
        <div class="sc-share" {onkeydown}>
            <button type="button" class="sc-button sc-icon-button" id={props.id.clone()}
                aria-haspopup="menu" aria-expanded={open.to_string()} aria-controls={menu_id.clone()} onclick={toggle}>
                <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" focusable="false">
                    <path d="M18 16a3 3 0 0 0-2.4 1.2l-6.7-3.4a3 3 0 0 0 0-1.6l6.7-3.4A3 3 0 1 0 15 7l-6.7 3.4a3 3 0 1 0 0 3.2L15 17a3 3 0 1 0 3-1z" fill="currentColor"/>
                </svg>
                <span class="sc-visually-hidden">{ texts.share_button }</span>
            </button>
            if *open {
                <ul class="sc-menu" role="menu" id={menu_id} aria-labelledby={props.id.clone()}>
                    <li role="none">
                        <button type="button" role="menuitem" class="sc-menu-item" onclick={choose(props.on_servicenow.clone())}>
                            { texts.share_to_servicenow }
                        </button>
                    </li>
                    <li role="none">
                        <button type="button" role="menuitem" class="sc-menu-item" onclick={choose(props.on_copy_link.clone())}>
                            { texts.copy_link }
                        </button>
                    </li>
                </ul>
            }
        </div>
    }
}
