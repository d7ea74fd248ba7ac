//! "Manage ServiceNow configuration": the connection (instance, client ID, user, expiry),
//! re-authorizing, removing the connection, and the ticket state names.

use yew::prelude::*;

use crate::app::route::Route;

use crate::app::state::Connected;
use crate::app::View;
use crate::hooks::{use_connection, use_focus_on_arrival, use_nav, use_texts};
use crate::i18n::fill;

use super::confirm_dialog::ConfirmDialog;
use super::dates::local_time;
use super::state_names_form::StateNamesForm;

#[derive(Properties, PartialEq)]
pub struct ManagePageProps {
    pub connected: Connected,
}

#[component]
pub fn ManagePage(props: &ManagePageProps) -> Html {
    let connection = use_connection();
    let nav = use_nav();
    let texts_all = use_texts();
    let heading = use_focus_on_arrival();
    let texts = &texts_all.manage;
    let confirming = use_state(|| false);
    let opener = use_node_ref();
    let connected = &props.connected;
    let client_id = connection
        .settings()
        .map(|s| s.client_id.as_str().to_owned())
        .unwrap_or_default();
    let user = match &connected.user {
        Some(user) if user.display_name != user.user_name => fill(
            texts.user_value,
            &[("name", &user.display_name), ("user_name", &user.user_name)],
        ),
        Some(user) => user.user_name.clone(),
        None => texts.user_loading.to_owned(),
    };
    let expires_text = if connected.renewable {
        texts.expires_value
    } else {
        texts.ends_value
    };
    let expires = fill(
        expires_text,
        &[("time", &local_time(connected.expires_at, texts_all.locale))],
    );
    let onback = {
        let nav = nav.clone();
        Callback::from(move |_| nav.push(&Route::of_view(View::Home)))
    };
    let onreauthorize = {
        let connection = connection.clone();
        Callback::from(move |_| connection.reconnect())
    };
    let onremove = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let on_cancel = {
        let confirming = confirming.clone();
        Callback::from(move |()| confirming.set(false))
    };
    let on_confirm = {
        let connection = connection.clone();
        Callback::from(move |()| connection.remove_connection())
    };
    html! {
        <div class="sc-manage">
            <section class="sc-card" aria-labelledby="sc-manage-title">
                <h2 id="sc-manage-title" class="sc-card-title" tabindex="-1" ref={heading}>{ texts.title }</h2>
                <h3>{ texts.connection_heading }</h3>
                <dl class="sc-facts">
                    <dt>{ texts.instance_term }</dt>
                    <dd>{ connected.instance.as_str() }</dd>
                    <dt>{ texts.client_id_term }</dt>
                    <dd><code>{ client_id }</code></dd>
                    <dt>{ texts.user_term }</dt>
                    <dd>{ user }</dd>
                    <dt>{ texts.expires_term }</dt>
                    <dd>{ expires }</dd>
                </dl>
                <div class="sc-actions sc-wrap">
                    <button type="button" class="sc-button" onclick={onreauthorize}
                        aria-describedby="sc-reauthorize-hint">{ texts.reauthorize_button }</button>
                    <button type="button" class="sc-button sc-danger" onclick={onremove} ref={opener.clone()}
                        aria-describedby="sc-remove-hint" aria-haspopup="dialog">{ texts.remove_button }</button>
                    <button type="button" class="sc-button" onclick={onback}>{ texts.back_button }</button>
                </div>
                <p id="sc-reauthorize-hint" class="sc-hint">{ texts.reauthorize_hint }</p>
                <p id="sc-remove-hint" class="sc-hint">{ texts.remove_hint }</p>
            </section>
            <StateNamesForm />
            if *confirming {
                <ConfirmDialog
                    id="sc-remove-dialog"
                    title={texts.confirm_title}
                    body={fill(texts.confirm_body, &[("instance", &connected.instance.host_label())])}
                    confirm_label={texts.confirm_remove}
                    cancel_label={texts.confirm_cancel}
                    {on_confirm}
                    {on_cancel}
                    return_focus={opener}
                />
            }
        </div>
    }
}
