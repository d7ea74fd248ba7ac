//! "Connect to Microsoft 365": the tenant, the application, and (under Advanced) the cloud's
//! sign-in authority and Graph; or, once connected, who is signed in and "Disconnect". Every
//! keystroke is kept for the tab; a refusal says what to fix.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::microsoft_flow::MicrosoftConnectError;
use crate::hooks::{use_environment, use_microsoft, use_preferences, use_texts, MicrosoftState};
use crate::i18n::{fill, MicrosoftTexts};
use crate::microsoft::error::admin_consent_url;
use crate::microsoft::settings::{validate, EndpointError, FieldError};
use crate::microsoft::{SignInError, TenantCheck, TenantDraft};
use crate::storage::StorageError;

use super::text_field::TextField;

/// What a refusal means and what to do, in words.
pub fn refusal_text(
    texts: &MicrosoftTexts,
    error: &MicrosoftConnectError,
    draft: &TenantDraft,
    redirect: &str,
) -> String {
    let MicrosoftConnectError::SignIn(error) = error else {
        return fill(texts.error_other, &[("detail", &error.to_string())]);
    };
    match error {
        SignInError::ConsentRequired { .. } => {
            let url = validate(draft, redirect)
                .map(|settings| admin_consent_url(&settings))
                .unwrap_or_default();
            fill(texts.error_consent, &[("url", &url)])
        }
        SignInError::RedirectUriMismatch { .. } => {
            fill(texts.error_redirect, &[("redirect", redirect)])
        }
        SignInError::NotSpa => texts.error_not_spa.to_owned(),
        SignInError::UserNotInTenant { .. } => fill(
            texts.error_not_in_tenant,
            &[("tenant", draft.tenant.trim())],
        ),
        SignInError::SignInAgain { .. } => texts.error_sign_in_again.to_owned(),
        SignInError::Expired => texts.error_expired.to_owned(),
        other => fill(texts.error_other, &[("detail", &other.to_string())]),
    }
}

fn field_text(texts: &MicrosoftTexts, error: &Option<FieldError>) -> Option<AttrValue> {
    error.as_ref().map(|e| {
        AttrValue::Static(match e {
            FieldError::Tenant(_) => texts.field_tenant,
            FieldError::ClientIdEmpty | FieldError::ClientIdNotGuid => texts.field_client_id,
            FieldError::Authority(EndpointError::UnknownCloud)
            | FieldError::Graph(EndpointError::UnknownCloud) => texts.field_cloud,
            _ => texts.field_url,
        })
    })
}

#[component]
pub fn MicrosoftCard() -> Html {
    let microsoft = use_microsoft();
    let texts_all = use_texts();
    let texts = &texts_all.microsoft;
    let (environment, preferences) = (use_environment(), use_preferences());
    let draft = {
        let preferences = preferences.clone();
        use_state(move || preferences.microsoft_draft().unwrap_or_default())
    };
    let check = use_state(TenantCheck::default);
    if let MicrosoftState::Connected { account, .. } = &microsoft.state {
        let ondisconnect = {
            let microsoft = microsoft.clone();
            Callback::from(move |_| microsoft.disconnect())
        };
        return html! {
            <section class="sc-card sc-microsoft" aria-labelledby="sc-ms-title">
                <h2 id="sc-ms-title" class="sc-card-title">{ "Microsoft 365" }</h2>
                <p class="sc-connected-status"><span class="sc-dot" aria-hidden="true"></span>
                    { fill(texts.connected_as, &[("name", &account.name), ("tenant", &account.tenant_domain)]) }</p>
                <button type="button" class="sc-button" onclick={ondisconnect}>{ texts.disconnect_button }</button>
            </section>
        };
    }
    let busy = microsoft.state == MicrosoftState::Busy;
    let edit = |set: fn(&mut TenantDraft, String)| {
        let (draft, preferences) = (draft.clone(), preferences.clone());
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            set(&mut next, value);
            preferences.save_microsoft_draft(&next);
            draft.set(next);
        })
    };
    let onwrite = {
        let (draft, preferences) = (draft.clone(), preferences.clone());
        Callback::from(move |e: Event| {
            let mut next = (*draft).clone();
            next.write = e.target_unchecked_into::<HtmlInputElement>().checked();
            preferences.save_microsoft_draft(&next);
            draft.set(next);
        })
    };
    let onsubmit = {
        let (draft, check, microsoft) = (draft.clone(), check.clone(), microsoft.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if busy {
                return;
            }
            check.set(microsoft.sign_in(&draft).err().unwrap_or_default());
        })
    };
    let redirect = environment.redirect_uri();
    let failure = match &microsoft.state {
        // This tab cannot keep the sign-in across the redirect: the general words for it.
        MicrosoftState::Failed(MicrosoftConnectError::Storage(StorageError::Unavailable {
            ..
        })) => {
            let text = &texts_all.errors.storage_unavailable;
            Some(format!("{} {}", text.title, text.next))
        }
        MicrosoftState::Failed(error) => Some(refusal_text(texts, error, &draft, &redirect)),
        // Whatever refused the renewal, signing in again is what to do next.
        MicrosoftState::Ended(_) => Some(texts.error_sign_in_again.to_owned()),
        MicrosoftState::Unanswered => {
            Some(fill(texts.error_unanswered, &[("redirect", &redirect)]))
        }
        _ => None,
    };
    html! {
        <section class="sc-card sc-microsoft" aria-labelledby="sc-ms-title">
            <h2 id="sc-ms-title" class="sc-card-title">{ texts.connect_title }</h2>
            <p>{ texts.connect_intro }</p>
            if let Some(failure) = failure {
                <p class="sc-form-error" role="alert">{ failure }</p>
            }
            <form class="sc-form" novalidate=true {onsubmit}>
                <TextField id="sc-ms-tenant" label={texts.tenant_label} hint={texts.tenant_hint}
                    value={draft.tenant.clone()} placeholder="contoso.onmicrosoft.com" readonly={busy}
                    error={field_text(texts, &check.tenant)} oninput={edit(|d, v| d.tenant = v)} />
                <TextField id="sc-ms-client-id" label={texts.client_id_label} hint={texts.client_id_hint}
                    value={draft.client_id.clone()} readonly={busy}
                    error={field_text(texts, &check.client_id)} oninput={edit(|d, v| d.client_id = v)} />
                <details class="sc-advanced" open={!draft.authority.is_empty() || !draft.graph.is_empty()}>
                    <summary>{ texts.advanced_label }</summary>
                    <TextField id="sc-ms-authority" label={texts.authority_label} hint={texts.authority_hint}
                        value={draft.authority.clone()} input_type="url" placeholder="https://login.microsoftonline.com"
                        readonly={busy} error={field_text(texts, &check.authority)} oninput={edit(|d, v| d.authority = v)} />
                    <TextField id="sc-ms-graph" label={texts.graph_label} hint={texts.graph_hint}
                        value={draft.graph.clone()} input_type="url" placeholder="https://graph.microsoft.com"
                        readonly={busy} error={field_text(texts, &check.graph)} oninput={edit(|d, v| d.graph = v)} />
                </details>
                <div class="sc-switch">
                    <input id="sc-ms-write" type="checkbox" checked={draft.write} onchange={onwrite} />
                    <label for="sc-ms-write">{ texts.write_label }</label>
                </div>
                <div class="sc-actions">
                    <button type="submit" class="sc-button sc-primary" aria-disabled={busy.then_some("true")}>
                        { texts.sign_in_button }</button>
                </div>
                if busy {
                    <p class="sc-progress"><span class="sc-spinner" aria-hidden="true"></span>{ texts.signing_in }</p>
                }
            </form>
            <details class="sc-guide">
                <summary>{ texts.register_title }</summary>
                <ol>
                    { for texts.register_steps.iter().map(|step| html! {
                        <li>{ fill(step, &[("redirect", &redirect)]) }</li>
                    }) }
                </ol>
            </details>
        </section>
    }
}
