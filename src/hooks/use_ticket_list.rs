//! The "View all tickets" list as a side effect: the page shown loads, again on "Retry", and
//! what is shown stays while the next one loads. Where pages are, and their neighbours, is
//! [`crate::app::ticket_paging`].

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::use_connection;
use crate::app::ticket_paging::load_page;
pub use crate::app::ticket_paging::{Listed, PageAt, PAGE_SIZE};
use crate::app::TicketsScope;
use crate::servicenow::{ApiError, TicketQuery};

/// What the list shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListState {
    pub listed: Option<Listed>,
    pub error: Option<ApiError>,
    pub loading: bool,
}

/// The list for `query` in `scope` at the page `at`; `retry` changing loads it again. What is
/// shown stays while the next page loads, and only the newest request's answer is kept.
#[hook]
pub fn use_ticket_list(
    scope: TicketsScope,
    query: TicketQuery,
    at: PageAt,
    retry: u32,
) -> ListState {
    let connection = use_connection();
    let state = use_state(|| ListState {
        loading: true,
        ..Default::default()
    });
    let generation = use_mut_ref(|| 0u64);
    {
        let state = state.clone();
        use_effect_with((scope, query.clone(), at.clone(), retry), move |_| {
            let current = {
                let mut g = generation.borrow_mut();
                *g += 1;
                *g
            };
            state.set(ListState {
                loading: true,
                ..(*state).clone()
            });
            let Some(client) = connection.client() else {
                state.set(ListState {
                    error: Some(ApiError::SessionEnded),
                    ..Default::default()
                });
                return;
            };
            let generation = Rc::clone(&generation);
            spawn_local(async move {
                let result = load_page(&client, &query, &at).await;
                if *generation.borrow() != current {
                    return;
                }
                state.set(match result {
                    Ok(listed) => ListState {
                        listed: Some(listed),
                        error: None,
                        loading: false,
                    },
                    Err(error) => ListState {
                        error: Some(error),
                        loading: false,
                        ..(*state).clone()
                    },
                });
            });
        });
    }
    (*state).clone()
}
