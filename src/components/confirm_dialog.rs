//! A modal question with a confirm and a cancel button, on the browser's own `<dialog>`:
//! `showModal()` makes the rest of the page inert and the dialog `aria-modal`. Focus moves to
//! Cancel (the safe choice), Escape or Cancel closes, and focus returns to the opener.

use web_sys::{HtmlDialogElement, HtmlElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    /// A prefix for the ids that tie the title and the text to the dialog.
    pub id: AttrValue,
    pub title: AttrValue,
    pub body: AttrValue,
    pub confirm_label: AttrValue,
    pub cancel_label: AttrValue,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
    /// What takes focus back when the dialog goes away.
    pub return_focus: NodeRef,
}

#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let dialog = use_node_ref();
    let cancel = use_node_ref();
    {
        let (dialog, cancel, opener) = (dialog.clone(), cancel.clone(), props.return_focus.clone());
        use_effect_with((), move |_| {
            let shown = dialog.cast::<HtmlDialogElement>();
            if let Some(shown) = &shown {
                // Fails only if already open; then it is shown anyway.
                let _ = shown.show_modal();
            }
            if let Some(button) = cancel.cast::<HtmlElement>() {
                let _ = button.focus();
            }
            move || {
                if let Some(shown) = shown {
                    shown.close();
                }
                if let Some(opener) = opener.cast::<HtmlElement>() {
                    let _ = opener.focus();
                }
            }
        });
    }
    let onkeydown = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                event.prevent_default();
                on_cancel.emit(());
            }
        })
    };
    // Escape as the browser reports it ("cancel"): kept open until the owner unmounts it.
    let oncancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |event: Event| {
            event.prevent_default();
            on_cancel.emit(());
        })
    };
    let title_id = format!("{}-title", props.id);
    let body_id = format!("{}-body", props.id);
    html! {
        <dialog class="sc-dialog" ref={dialog} aria-labelledby={title_id.clone()}
            aria-describedby={body_id.clone()} {onkeydown} {oncancel}>
            <h2 id={title_id} class="sc-card-title">{ props.title.clone() }</h2>
            <p id={body_id}>{ props.body.clone() }</p>
            <div class="sc-actions">
                <button type="button" class="sc-button sc-danger"
                    onclick={props.on_confirm.reform(|_| ())}>{ props.confirm_label.clone() }</button>
                <button type="button" class="sc-button" ref={cancel}
                    onclick={props.on_cancel.reform(|_| ())}>{ props.cancel_label.clone() }</button>
            </div>
        </dialog>
    }
}
