//! The redirect URL an administrator registers, with a button that copies it.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::hooks::use_texts;

#[derive(Properties, PartialEq)]
pub struct RedirectBoxProps {
    pub redirect_uri: AttrValue,
}

#[component]
pub fn RedirectBox(props: &RedirectBoxProps) -> Html {
    let texts = use_texts();
    let copied = use_state(|| None::<bool>);
    let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let oncopy = {
        let (copied, redirect) = (copied.clone(), props.redirect_uri.clone());
        Callback::from(move |_| {
            let (copied, redirect, timer) = (copied.clone(), redirect.clone(), timer.clone());
            copied.set(None);
            spawn_local(async move {
                copied.set(Some(copy(&redirect).await));
                // Clear the message, so the next copy is announced again.
                let clear = copied.clone();
                *timer.borrow_mut() = Some(Timeout::new(5_000, move || clear.set(None)));
            });
        })
    };
    let message = match *copied {
        Some(true) => texts.copied,
        Some(false) => texts.copy_failed,
        None => "",
    };
    html! {
        <div class="sc-redirect" role="group" aria-labelledby="sc-redirect-label">
            <p class="sc-label" id="sc-redirect-label">{ texts.redirect_label }</p>
            <p class="sc-redirect-row">
                <code>{ props.redirect_uri.clone() }</code>
                <button type="button" class="sc-button" onclick={oncopy}>{ texts.copy_button }</button>
            </p>
            <p class="sc-hint">{ texts.redirect_hint }</p>
            <p class="sc-hint sc-copy-status" role="status">{ message }</p>
        </div>
    }
}

/// Copies `text` to the clipboard; `false` when the browser refuses.
pub async fn copy(text: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        crate::web::clipboard::copy(text).await
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        false
    }
}
