//! The tenant's live improvement actions, loaded once per page while connected to Microsoft
//! 365 (see [`crate::app::live_actions`]).

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use super::{use_microsoft, MicrosoftState};
use crate::app::live_actions::{self, LiveList};
use crate::microsoft::SessionError;

/// Where the live list stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LiveState {
    /// Not connected to Microsoft 365: the sample list stands in.
    Off,
    Loading,
    Loaded(Rc<LiveList>),
    Failed(SessionError),
}

/// The live list, and a way to load it again (after a refusal such as Graph's 429).
#[hook]
pub fn use_live_list() -> (LiveState, Callback<()>) {
    let microsoft = use_microsoft();
    let connected = matches!(microsoft.state, MicrosoftState::Connected { .. });
    let state = use_state(|| LiveState::Off);
    let attempt = use_state(|| 0u32);
    {
        let set = state.setter();
        use_effect_with((connected, *attempt), move |(connected, _)| {
            let session = microsoft.session().filter(|_| *connected);
            match session {
                None => set.set(LiveState::Off),
                Some(session) => {
                    set.set(LiveState::Loading);
                    spawn_local(async move {
                        set.set(match live_actions::load(&session).await {
                            Ok(list) => LiveState::Loaded(Rc::new(list)),
                            Err(error) => LiveState::Failed(error),
                        })
                    });
                }
            }
        });
    }
    let retry = Callback::from(move |()| attempt.set(attempt.wrapping_add(1)));
    ((*state).clone(), retry)
}
