//! A ticket card's data: loaded on mount, again on every beat and on "Retry", keeping what
//! is shown while it refreshes (no flicker), and ignoring answers that arrive out of order.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::use_connection;
use crate::app::tickets::{load_card, CardData};
use crate::servicenow::{ApiError, TicketKind, Whose};

/// What a card knows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CardState {
    /// The last data loaded for the card's current scope.
    pub data: Option<CardData>,
    /// Why the last load failed, until the next one succeeds.
    pub error: Option<ApiError>,
    /// A load is under way.
    pub loading: bool,
    generation: u64,
}

pub enum CardAction {
    /// A load starts; `fresh` forgets the data (another scope was chosen).
    Start { generation: u64, fresh: bool },
    Done {
        generation: u64,
        result: Result<CardData, ApiError>,
    },
}

impl Reducible for CardState {
    type Action = CardAction;
    fn reduce(self: Rc<Self>, action: CardAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            CardAction::Start { generation, fresh } => {
                next.generation = generation;
                next.loading = true;
                if fresh {
                    next.data = None;
                    next.error = None;
                }
            }
            CardAction::Done { generation, .. } if generation != self.generation => return self,
            CardAction::Done { result, .. } => {
                next.loading = false;
                match result {
                    Ok(data) => {
                        next.data = Some(data);
                        next.error = None;
                    }
                    Err(error) => next.error = Some(error),
                }
            }
        }
        Rc::new(next)
    }
}

/// The card's state and a "Retry" callback. `beat` changing reloads.
#[hook]
pub fn use_ticket_card(kind: TicketKind, whose: Whose, beat: u32) -> (Rc<CardState>, Callback<()>) {
    let connection = use_connection();
    let state = use_reducer(|| CardState {
        loading: true,
        ..Default::default()
    });
    let retries = use_state(|| 0u32);
    let generation = use_mut_ref(|| 0u64);
    let shown_whose = use_mut_ref(|| None::<Whose>);
    {
        let dispatcher = state.dispatcher();
        use_effect_with((kind, whose, beat, *retries), move |_| {
            let current = {
                let mut g = generation.borrow_mut();
                *g += 1;
                *g
            };
            let fresh = shown_whose.replace(Some(whose)) != Some(whose);
            dispatcher.dispatch(CardAction::Start {
                generation: current,
                fresh,
            });
            match connection.client() {
                Some(client) => spawn_local(async move {
                    let result = load_card(&client, kind, whose).await;
                    dispatcher.dispatch(CardAction::Done {
                        generation: current,
                        result,
                    });
                }),
                None => dispatcher.dispatch(CardAction::Done {
                    generation: current,
                    result: Err(ApiError::SessionEnded),
                }),
            }
        });
    }
    let retry = {
        let retries = retries.clone();
        Callback::from(move |()| retries.set(retries.wrapping_add(1)))
    };
    (Rc::new((*state).clone()), retry)
}
