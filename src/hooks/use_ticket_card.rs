//! A ticket card's data: loaded on mount, again on every beat and on "Retry", keeping what
//! is shown while it refreshes (no flicker), and ignoring answers that arrive out of order.
//! After a rate limit longer than a minute, beats ask nothing until the instance's
//! `Retry-After` has passed (ServiceNow's limits count per hour: every skipped beat is
//! two requests not charged against the person's quota); "Retry" still asks at once.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use chrono::{DateTime, Duration, Utc};

use super::{use_connection, use_services};
use crate::app::share_flow::waits_in_page;
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
    let services = use_services();
    let state = use_reducer(|| CardState {
        loading: true,
        ..Default::default()
    });
    let retries = use_state(|| 0u32);
    let generation = use_mut_ref(|| 0u64);
    let shown_whose = use_mut_ref(|| None::<Whose>);
    let quiet_until = use_mut_ref(|| None::<DateTime<Utc>>);
    let last_trigger = use_mut_ref(|| None::<(TicketKind, Whose, u32)>);
    {
        let dispatcher = state.dispatcher();
        use_effect_with(
            (kind, whose, beat, *retries),
            move |&(kind, whose, _beat, tries)| {
                let now = (services.clock)();
                let only_the_beat =
                    last_trigger.replace(Some((kind, whose, tries))) == Some((kind, whose, tries));
                if beat_is_quiet(only_the_beat, *quiet_until.borrow(), now) {
                    return;
                }
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
                        *quiet_until.borrow_mut() = quiet_after(&result, now);
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
            },
        );
    }
    let retry = {
        let retries = retries.clone();
        Callback::from(move |()| retries.set(retries.wrapping_add(1)))
    };
    (Rc::new((*state).clone()), retry)
}

/// Until when beats stay quiet after this answer: a rate limit longer than the page waits
/// out keeps them quiet until its `Retry-After` has passed.
fn quiet_after(
    result: &Result<CardData, ApiError>,
    asked_at: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    match result {
        Err(ApiError::RateLimited { retry_after_secs }) if !waits_in_page(*retry_after_secs) => {
            Some(asked_at + Duration::seconds(i64::from(*retry_after_secs)))
        }
        _ => None,
    }
}

/// Whether a reload that only the beat asked for is skipped.
fn beat_is_quiet(
    only_the_beat: bool,
    quiet_until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    only_the_beat && quiet_until.is_some_and(|until| now < until)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_790_000_000 + secs, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn an_hour_long_rate_limit_quiets_the_beats_until_it_has_passed() {
        let limited = Err(ApiError::RateLimited {
            retry_after_secs: 3600,
        });
        let until = quiet_after(&limited, at(0));
        assert_eq!(until, Some(at(3600)));
        assert!(beat_is_quiet(true, until, at(30)));
        assert!(beat_is_quiet(true, until, at(3599)));
        assert!(!beat_is_quiet(true, until, at(3600)), "then it asks again");
        assert!(
            !beat_is_quiet(false, until, at(30)),
            "Retry or a new scope asks at once"
        );
    }

    #[test]
    fn a_short_rate_limit_or_any_other_answer_keeps_the_beats() {
        let short = Err(ApiError::RateLimited {
            retry_after_secs: 30,
        });
        assert_eq!(quiet_after(&short, at(0)), None);
        assert_eq!(quiet_after(&Err(ApiError::SessionEnded), at(0)), None);
        assert!(!beat_is_quiet(true, None, at(0)));
    }
}
