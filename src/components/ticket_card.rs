//! "Change management" or "Incident management": counts by state as a chart, the most
//! recent tickets, and the card's actions. Skeletons while loading, the error and "Retry"
//! when loading failed; the last data stays while it refreshes.

use yew::prelude::*;

use crate::app::route::Route;

use super::dates::counted;
use crate::app::share::ShareDraft;
use crate::app::tickets::bars;
use crate::app::{Services, TicketsScope};
use crate::hooks::{
    use_connection, use_nav, use_preferences, use_services, use_texts, use_ticket_card, Nav,
};
use crate::servicenow::{TicketKind, Whose};

use super::card_error::CardError;
use super::recent_tickets::RecentTickets;
use super::state_chart::StateChart;

#[derive(Properties, PartialEq)]
pub struct TicketCardProps {
    pub kind: TicketKind,
    pub whose: Whose,
    /// Changes on every refresh beat.
    pub beat: u32,
}

#[component]
pub fn TicketCard(props: &TicketCardProps) -> Html {
    let connection = use_connection();
    let nav = use_nav();
    let preferences = use_preferences();
    let services = use_services();
    let texts_all = use_texts();
    let texts = &texts_all.tickets;
    let locale = texts_all.locale;
    let (card, retry) = use_ticket_card(props.kind, props.whose, props.beat);
    let (title, id) = match props.kind {
        TicketKind::ChangeRequest => (texts.change_title, "sc-card-change"),
        TicketKind::Incident => (texts.incident_title, "sc-card-incident"),
    };
    let body = match (&card.data, &card.error) {
        (None, None) => skeleton(texts.loading),
        (data, error) => {
            let error = error.as_ref().map(|error| {
                html! { <CardError error={error.clone()} on_retry={retry.clone()} /> }
            });
            let data = data.as_ref().map(|data| {
                let names = preferences.state_names();
                let now = (services.clock)();
                let overdue = data.recent.iter().filter(|t| t.is_overdue(now)).count() as u64;
                let empty = match props.whose {
                    Whose::Snowcard => texts.empty_mine,
                    Whose::Everyone => texts.empty_all,
                };
                html! {
                    <>
                        <p class="sc-card-total">{ counted(data.total(), &texts.count, locale) }</p>
                        if data.total() == 0 {
                            <p class="sc-muted">{ empty }</p>
                        } else {
                            <StateChart bars={bars(props.kind, &data.counts, &names, &texts_all.tickets)}
                                label={format!("{title}{}{}", texts_all.colon, texts.chart_label)} />
                        }
                        if !data.recent.is_empty() {
                            <h3>
                                { texts.recent_label }
                                if overdue > 0 {
                                    {" · "}<span class="sc-overdue">{ counted(overdue, &texts.overdue_count, locale) }</span>
                                }
                            </h3>
                            <RecentTickets tickets={data.recent.clone()}
                                label={format!("{title}{}{}", texts_all.colon, texts.recent_label)} />
                        }
                    </>
                }
            });
            html! { <>{ for error }{ for data }</> }
        }
    };
    html! {
        <section class="sc-card sc-ticket-card" aria-labelledby={id} aria-busy={card.loading.to_string()}>
            <h2 id={id} class="sc-card-title">{ title }</h2>
            { body }
            <div class="sc-actions sc-card-actions">
                <button type="button" class="sc-button sc-primary" onclick={create(&connection, &services, props.kind)}>
                    { texts_all.share.create_ticket }</button>
                <button type="button" class="sc-button"
                    onclick={show(&nav, Route::tickets(TicketsScope::Only(props.kind)))}>{ texts.view_all }</button>
                <button type="button" class="sc-button" onclick={show(&nav, Route::Manage)}>{ texts.manage }</button>
            </div>
        </section>
    }
}

fn skeleton(loading: &'static str) -> Html {
    html! {
        <div class="sc-skeleton">
            <span class="sc-visually-hidden">{ loading }</span>
            <span class="sc-skeleton-line sc-skeleton-short" aria-hidden="true"></span>
            <span class="sc-skeleton-line" aria-hidden="true"></span>
            <span class="sc-skeleton-line" aria-hidden="true"></span>
            <span class="sc-skeleton-line sc-skeleton-short" aria-hidden="true"></span>
        </div>
    }
}

fn show(nav: &Nav, route: Route) -> Callback<MouseEvent> {
    let nav = nav.clone();
    Callback::from(move |_| nav.push(&route))
}

/// A blank share form for this card's kind of ticket.
fn create(
    connection: &crate::hooks::ConnectionHandle,
    services: &Services,
    kind: TicketKind,
) -> Callback<MouseEvent> {
    let (connection, services) = (connection.clone(), services.clone());
    Callback::from(move |_| {
        let nonce = (services.clock)().timestamp_millis().to_string();
        let today = super::dates::today_local();
        let mut draft = ShareDraft::blank(&connection.default_requester(), &nonce, today);
        draft.kind = kind;
        connection.open_share(draft);
    })
}
