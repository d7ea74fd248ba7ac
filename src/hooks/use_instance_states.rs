//! The state values each table uses on the instance, read once when a component mounts.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::app::state_names::TABLES;
use crate::app::ConnectError;
use crate::servicenow::{Shown, Whose};

use super::use_connection;

/// Where reading the instance's states stands.
#[derive(Debug, Clone, PartialEq)]
pub enum InstanceStates {
    Loading,
    /// One list per table, in `TABLES` order.
    Loaded(Result<[Vec<Shown>; 2], ConnectError>),
}

impl InstanceStates {
    /// The values of table `index` in `TABLES`, empty while loading or after a failure.
    pub fn of(&self, index: usize) -> &[Shown] {
        match self {
            InstanceStates::Loaded(Ok(tables)) => tables.get(index).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }
}

/// Reads both tables' state values through the connected client, once it is there.
#[hook]
pub fn use_instance_states() -> UseStateHandle<InstanceStates> {
    let connection = use_connection();
    let states = use_state(|| InstanceStates::Loading);
    {
        let states = states.clone();
        let client = connection.client();
        // Runs again when the client arrives (it is adopted just after the first render).
        use_effect_with(client.is_some(), move |_| {
            let Some(client) = client else {
                return;
            };
            spawn_local(async move {
                let mut tables: [Vec<Shown>; 2] = Default::default();
                for (slot, kind) in tables.iter_mut().zip(TABLES) {
                    match client.state_counts(kind, Whose::Everyone).await {
                        Ok(counts) => *slot = counts.into_iter().map(|c| c.state).collect(),
                        Err(error) => {
                            states.set(InstanceStates::Loaded(Err(error.into())));
                            return;
                        }
                    }
                }
                states.set(InstanceStates::Loaded(Ok(tables)));
            });
        });
    }
    states
}
