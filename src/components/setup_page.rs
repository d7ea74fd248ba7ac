//! The setup page: the form that starts the OAuth flow, the redirect URL to register, and
//! the administrator's guide. Every keystroke is kept in session storage.

use yew::prelude::*;

use crate::app::route::Route;
use crate::app::setup::{FieldError, SetupCheck};
use crate::app::Connection;
use crate::hooks::{
    use_connection, use_environment, use_focus_on_arrival, use_nav, use_preferences, use_texts,
    Environment,
};
use crate::servicenow::InstanceUrl;
use crate::storage::SetupDraft;

use super::error_panel::ErrorPanel;
use super::live_region::step_text;
use super::redirect_box::RedirectBox;
use super::setup_guide::SetupGuide;
use super::text_field::TextField;

type Setter = fn(&mut SetupDraft, String);
type Picker = fn(&mut SetupCheck) -> &mut Option<FieldError>;

#[component]
pub fn SetupPage() -> Html {
    let connection = use_connection();
    let environment = use_environment();
    let (nav, preferences) = (use_nav(), use_preferences());
    let texts = use_texts();
    let heading = use_focus_on_arrival();
    let draft = {
        let environment = environment.clone();
        use_state(move || initial_draft(&environment))
    };
    let check = use_state(SetupCheck::default);
    let attempts = use_state(|| 0_u32);
    // The instance the "You will sign in at" line names: the field's value once the person
    // leaves it (and as the page opens), not at every keystroke, so the line never changes
    // under the typing (a line that changed mid-typing made typed keys go astray).
    let named_instance = {
        let draft = draft.clone();
        use_state(move || draft.instance.clone())
    };
    let onfocusout = {
        let (draft, named_instance) = (draft.clone(), named_instance.clone());
        Callback::from(move |_: FocusEvent| {
            // Only when it changed: a render at every blur (WebDriver's clear() blurs too)
            // has no use.
            if *named_instance != draft.instance {
                named_instance.set(draft.instance.clone());
            }
        })
    };
    let busy = matches!(connection.state().connection, Connection::Busy(_));

    let edit = |set: Setter, pick: Picker| {
        let (draft, check, connection, preferences) = (
            draft.clone(),
            check.clone(),
            connection.clone(),
            preferences.clone(),
        );
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            set(&mut next, value);
            // Nothing typed is lost: a failed attempt or a reload brings it back.
            preferences.save_setup_draft(&next);
            // The field's message goes while it is being corrected; Authorize checks again.
            let mut cleared = (*check).clone();
            *pick(&mut cleared) = None;
            check.set(cleared);
            draft.set(next);
            // An error about the previous attempt no longer applies to what is typed now.
            if matches!(connection.state().connection, Connection::Failed(_)) {
                connection.open_setup();
            }
        })
    };
    let onsubmit = {
        let (draft, check, attempts, connection) = (
            draft.clone(),
            check.clone(),
            attempts.clone(),
            connection.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if busy {
                return;
            }
            attempts.set(*attempts + 1);
            let verdict = connection.authorize(&draft).err().unwrap_or_default();
            focus_first_invalid(&verdict, event.target_dyn_into::<web_sys::Element>());
            check.set(verdict);
        })
    };
    let onback = Callback::from(move |_| {
        // While the instance is checked the page is about to leave; Back waits.
        if !busy {
            nav.push(&Route::Home)
        }
    });
    let error_of =
        |field: &Option<FieldError>| field.as_ref().map(|e| AttrValue::from(e.message(texts)));
    // Where the browser is about to go, before it goes: the host, in bold.
    let sign_in_host = InstanceUrl::parse(&named_instance)
        .ok()
        .map(|instance| instance.host_label());
    // Always the same element, only its text changing: a node that came and went between
    // the fields as the instance became readable made the browser lose the focus mid-typing.
    let sign_in_at = match sign_in_host {
        Some(host) => {
            let (before, after) = texts
                .sign_in_at
                .split_once("{host}")
                .unwrap_or((texts.sign_in_at, ""));
            html! { <p class="sc-sign-in-at">{ before }<strong>{ host }</strong>{ after }</p> }
        }
        None => html! { <p class="sc-sign-in-at" hidden=true></p> },
    };
    let required = Some(AttrValue::Static(texts.required_mark));
    let redirect = AttrValue::from(environment.redirect_uri());

    html! {
        <section class="sc-card sc-setup" aria-labelledby="sc-setup-title">
            <h2 id="sc-setup-title" class="sc-card-title" tabindex="-1" ref={heading}>{ texts.setup_title }</h2>
            <p>{ texts.setup_intro }</p>
            <RedirectBox redirect_uri={redirect.clone()} />
            <form class="sc-form" novalidate=true {onsubmit}>
                if !check.is_ok() {
                    <p class="sc-form-error" role="alert" key={attempts.to_string()}>{ texts.fix_fields }</p>
                }
                <div class="sc-field-group" {onfocusout}>
                    <TextField id="sc-instance" label={texts.instance_label} hint={texts.instance_hint}
                        value={draft.instance.clone()} placeholder="acme.service-now.com" required_mark={required.clone()} readonly={busy}
                        error={error_of(&check.instance)} oninput={edit(|d, v| d.instance = v, |c| &mut c.instance)} />
                </div>
                <TextField id="sc-client-id" label={texts.client_id_label} hint={texts.client_id_hint}
                    value={draft.client_id.clone()} required_mark={required} readonly={busy}
                    error={error_of(&check.client_id)} oninput={edit(|d, v| d.client_id = v, |c| &mut c.client_id)} />
                <details class="sc-advanced" open={!draft.token_url.is_empty() || check.token_url.is_some()}>
                    <summary>{ texts.advanced_label }</summary>
                    <TextField id="sc-token-url" label={texts.token_url_label} hint={texts.token_url_hint}
                        value={draft.token_url.clone()} input_type="url" placeholder="https://" readonly={busy}
                        error={error_of(&check.token_url)} oninput={edit(|d, v| d.token_url = v, |c| &mut c.token_url)} />
                </details>
                { sign_in_at }
                <div class="sc-actions">
                    <button type="submit" class="sc-button sc-primary" aria-disabled={busy.then_some("true")}>
                        { texts.authorize_button }
                    </button>
                    <button type="button" class="sc-button" onclick={onback} aria-disabled={busy.then_some("true")}>
                        { texts.back_button }
                    </button>
                </div>
                if let Connection::Busy(step) = connection.state().connection {
                    <p class="sc-progress"><span class="sc-spinner" aria-hidden="true"></span>{ step_text(texts, step) }</p>
                }
                if let Connection::Failed(error) = &connection.state().connection {
                    <ErrorPanel error={error.clone()} inline=true />
                }
            </form>
            <SetupGuide redirect_uri={redirect} origin={environment.origin()} />
        </section>
    }
}

/// What the person typed before (this tab), else what the embedding page suggests.
fn initial_draft(environment: &Environment) -> SetupDraft {
    match environment.preferences().setup_draft() {
        Ok(Some(draft)) => draft,
        _ => SetupDraft {
            instance: environment.options.instance.clone(),
            client_id: environment.options.client_id.clone(),
            token_url: environment
                .options
                .trust
                .token_url
                .as_ref()
                .map(|url| url.to_string())
                .unwrap_or_default(),
        },
    }
}

/// Moves focus to the first field of `form` whose value was refused, so the person lands on
/// it. Looked up inside the form, not the document: in a shadow root the document can't see it.
fn focus_first_invalid(check: &SetupCheck, form: Option<web_sys::Element>) {
    let id = [
        ("sc-instance", &check.instance),
        ("sc-client-id", &check.client_id),
        ("sc-token-url", &check.token_url),
    ]
    .into_iter()
    .find_map(|(id, error)| error.as_ref().map(|_| id));
    let element = id
        .zip(form)
        .and_then(|(id, form)| form.query_selector(&format!("#{id}")).ok().flatten());
    if let Some(input) =
        element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = input.focus();
    }
}
