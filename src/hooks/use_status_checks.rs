//! The status page's checks as a side effect: each run asks the instance again and fills
//! the board line by line; a new run makes the old one's late answers irrelevant.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::app::status::{self, Board, BoardAction, Target};

use super::{use_connection, use_environment, use_services};

/// The board and the intent to check again.
#[derive(Clone)]
pub struct StatusChecks {
    pub board: Rc<Board>,
    /// Starts a new run (the page starts one when it opens).
    pub rerun: Callback<()>,
}

#[hook]
pub fn use_status_checks() -> StatusChecks {
    let connection = use_connection();
    let environment = use_environment();
    let services = use_services();
    let board = use_reducer(Board::default);
    let runs = use_mut_ref(|| 0_u32);
    let rerun = {
        let dispatcher = board.dispatcher();
        Callback::from(move |()| {
            let run = {
                let mut runs = runs.borrow_mut();
                *runs += 1;
                *runs
            };
            dispatcher.dispatch(BoardAction::Start(run));
            let target = Target::find(
                &services,
                connection.client(),
                &environment.redirect_uri(),
                &environment.options.trust,
            );
            let dispatcher = dispatcher.clone();
            spawn_local(async move {
                let report = |check, outcome| {
                    dispatcher.dispatch(BoardAction::Report(run, check, outcome));
                };
                status::run(&target, &report).await;
            });
        })
    };
    {
        let rerun = rerun.clone();
        use_effect_with((), move |_| rerun.emit(()));
    }
    StatusChecks {
        board: Rc::new((*board).clone()),
        rerun,
    }
}
