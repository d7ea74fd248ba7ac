//! The setup page: what the administrator registers, what leaves the browser, and the form
//! that starts the OAuth flow. Every keystroke is kept in session storage.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::app::setup::{self, SetupCheck};
use crate::app::{Connection, View};
use crate::hooks::use_connection;
use crate::i18n::fill;
use crate::storage::{keys, SetupDraft};

use super::error_panel::ErrorPanel;
use super::live_region::step_text;
use super::text_field::TextField;

#[component]
pub fn SetupPage() -> Html {
    let connection = use_connection();
    let texts = connection.texts;
    let draft = {
        let connection = connection.clone();
        use_state(move || initial_draft(&connection))
    };
    let check = use_state(|| None::<SetupCheck>);
    let copied = use_state(|| None::<bool>);
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let redirect = connection.redirect_uri();
    let origin = connection.origin();
    let busy = matches!(connection.state().connection, Connection::Busy(_));

    let edit = |field: fn(&mut SetupDraft, String)| {
        let (draft, check, connection) = (draft.clone(), check.clone(), connection.clone());
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            field(&mut next, value);
            // Nothing typed is lost: a failed attempt or a reload brings it back.
            let _ = connection.services.store.save(keys::SETUP_DRAFT, &next);
            if check.is_some() {
                let page = connection.services.browser.current_url();
                check.set(setup::validate(&next, &page, &connection.redirect_uri()).err());
            }
            draft.set(next);
        })
    };
    let onsubmit = {
        let (draft, check, connection) = (draft.clone(), check.clone(), connection.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            check.set(connection.authorize(&draft).err());
        })
    };
    let oncopy = {
        let (copied, redirect) = (copied.clone(), redirect.clone());
        Callback::from(move |_| {
            let (copied, redirect) = (copied.clone(), redirect.clone());
            spawn_local(async move { copied.set(Some(copy(&redirect).await)) });
        })
    };
    let onback = {
        let connection = connection.clone();
        Callback::from(move |_| connection.show(View::Home))
    };
    let error_of = |pick: fn(&SetupCheck) -> &Option<setup::FieldError>| {
        check
            .as_ref()
            .and_then(|c| pick(c).as_ref())
            .map(|e| AttrValue::Static(e.message(texts)))
    };
    let required = Some(AttrValue::Static(texts.required_mark));
    let values = [("redirect", redirect.as_str()), ("origin", origin.as_str())];

    html! {
        <section class="sc-card sc-setup" aria-labelledby="sc-setup-title">
            <h2 id="sc-setup-title" class="sc-card-title" tabindex="-1" ref={heading}>{ texts.setup_title }</h2>
            <p>{ texts.setup_intro }</p>
            if let Connection::Failed(error) = &connection.state().connection {
                <ErrorPanel error={error.clone()} />
            }
            <div class="sc-redirect">
                <p class="sc-label" id="sc-redirect-label">{ texts.redirect_label }</p>
                <p class="sc-redirect-row">
                    <code aria-labelledby="sc-redirect-label">{ redirect.clone() }</code>
                    <button type="button" class="sc-button" onclick={oncopy}>{ texts.copy_button }</button>
                </p>
                <p class="sc-hint">{ texts.redirect_hint }</p>
                <p class="sc-hint" role="status">
                    { match *copied { Some(true) => texts.copied, Some(false) => texts.copy_failed, None => "" } }
                </p>
            </div>
            <h3>{ texts.checklist_title }</h3>
            <ol class="sc-checklist">
                { for texts.checklist.iter().map(|item| html! { <li>{ fill(item, &values) }</li> }) }
            </ol>
            <h3>{ texts.data_title }</h3>
            <ul class="sc-data">{ for texts.data_items.iter().map(|item| html! { <li>{ *item }</li> }) }</ul>
            <form class="sc-form" novalidate=true {onsubmit}>
                if check.as_ref().is_some_and(|c| !c.is_ok()) {
                    <p class="sc-form-error" role="alert">{ texts.fix_fields }</p>
                }
                <TextField id="sc-instance" label={texts.instance_label} hint={texts.instance_hint}
                    value={draft.instance.clone()} placeholder="acme.service-now.com" required_mark={required.clone()}
                    error={error_of(|c| &c.instance)} oninput={edit(|d, v| d.instance = v)} />
                <TextField id="sc-client-id" label={texts.client_id_label} hint={texts.client_id_hint}
                    value={draft.client_id.clone()} required_mark={required}
                    error={error_of(|c| &c.client_id)} oninput={edit(|d, v| d.client_id = v)} />
                <details class="sc-advanced" open={!draft.token_url.is_empty() || error_of(|c| &c.token_url).is_some()}>
                    <summary>{ texts.advanced_label }</summary>
                    <TextField id="sc-token-url" label={texts.token_url_label} hint={texts.token_url_hint}
                        value={draft.token_url.clone()} input_type="url" placeholder="https://"
                        error={error_of(|c| &c.token_url)} oninput={edit(|d, v| d.token_url = v)} />
                </details>
                <div class="sc-actions">
                    <button type="submit" class="sc-button sc-primary" disabled={busy}>{ texts.authorize_button }</button>
                    <button type="button" class="sc-button" onclick={onback}>{ texts.back_button }</button>
                </div>
                if let Connection::Busy(step) = connection.state().connection {
                    <p class="sc-progress"><span class="sc-spinner" aria-hidden="true"></span>{ step_text(texts, step) }</p>
                }
            </form>
        </section>
    }
}

/// What the person typed before (this tab), else what the embedding page suggests.
fn initial_draft(connection: &crate::hooks::ConnectionHandle) -> SetupDraft {
    match connection
        .services
        .store
        .load_or_clear::<SetupDraft>(keys::SETUP_DRAFT)
    {
        Ok(Some(draft)) => draft,
        _ => SetupDraft {
            instance: connection.options.instance.clone(),
            client_id: connection.options.client_id.clone(),
            token_url: String::new(),
        },
    }
}

async fn copy(text: &str) -> bool {
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
