//! The one notice that session storage is unavailable (a sandboxed iframe, site data
//! blocked, storage full): snowcard goes on with everything in the page's memory, and says
//! what a reload costs. Dismissed, it stays away for the life of the component.

use yew::prelude::*;

use crate::hooks::{use_storage_state, use_texts};

#[component]
pub fn StorageNotice() -> Html {
    let texts = use_texts();
    let storage = use_storage_state();
    let dismissed = use_state(|| false);
    if !storage.fell_back || *dismissed {
        return html! {};
    }
    let onclick = Callback::from(move |_| dismissed.set(true));
    html! {
        <section class="sc-notice sc-storage-notice" role="status">
            <p>{ texts.storage_memory_notice }</p>
            <div class="sc-actions">
                <button type="button" class="sc-button" {onclick}>{ texts.dismiss }</button>
            </div>
        </section>
    }
}
