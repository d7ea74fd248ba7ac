//! The root: the connection provider around the page that fits the state.

use yew::prelude::*;

use crate::app::{AppOptions, Connection, Services, View};
use crate::hooks::{use_connection, ConnectionProvider};

use super::actions_page::ActionsPage;
use super::busy_card::BusyCard;
use super::connected_card::ConnectedCard;
use super::connection_card::ConnectionCard;
use super::error_panel::ErrorPanel;
use super::live_region::LiveRegion;
use super::setup_page::SetupPage;
use super::share_form::ShareForm;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub services: Services,
    pub options: AppOptions,
}

/// snowcard, ready to mount.
#[component]
pub fn App(props: &AppProps) -> Html {
    html! {
        <ConnectionProvider services={props.services.clone()} options={props.options.clone()}>
            <Shell />
        </ConnectionProvider>
    }
}

#[component]
fn Shell() -> Html {
    let connection = use_connection();
    let state = connection.state();
    let page = match (state.view, &state.connection) {
        (View::Setup, _) => html! { <SetupPage /> },
        (View::Home, Connection::Disconnected) => html! { <ConnectionCard /> },
        (View::Home, Connection::Busy(step)) => html! { <BusyCard step={*step} /> },
        (View::Home, Connection::Connected(connected)) => {
            html! { <ConnectedCard connected={connected.clone()} /> }
        }
        (View::Home, Connection::Failed(error)) => html! { <ErrorPanel error={error.clone()} /> },
        (View::Actions, Connection::Connected(_)) => html! { <ActionsPage /> },
        (View::Share, Connection::Connected(_))
            if connection.share_drafts().open_draft().is_some() =>
        {
            html! { <ShareForm /> }
        }
        (View::Share, Connection::Connected(_)) => html! { <ActionsPage /> },
        // Signed out or failed mid-way: the drafts wait in storage for the reconnect.
        (View::Actions | View::Share, Connection::Failed(error)) => {
            html! { <ErrorPanel error={error.clone()} /> }
        }
        (View::Actions | View::Share, Connection::Busy(step)) => {
            html! { <BusyCard step={*step} /> }
        }
        (View::Actions | View::Share, Connection::Disconnected) => html! { <ConnectionCard /> },
    };
    html! {
        <div class="snowcard" lang={connection.texts_locale()}>
            <LiveRegion />
            { page }
        </div>
    }
}
