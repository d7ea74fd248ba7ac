//! App state as a reducer: where the connection stands. Which page is shown is the route's
//! (see [`super::route`]); the reducer hears of each move to forget what belonged to the last.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use thiserror::Error;
use yew::Reducible;

use super::removal::Removal;
use crate::servicenow::{ApiError, InstanceUrl, OAuthError, TicketKind, UserInfo};
use crate::storage::StorageError;

/// The page shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum View {
    #[default]
    Home,
    Setup,
    /// The list of improvement actions.
    Actions,
    /// The share form (its draft lives in session storage).
    Share,
    /// Every ticket of one table, or of both, with sorting, filters, search and paging.
    Tickets(TicketsScope),
    /// "Manage ServiceNow configuration": the connection, state names, removal.
    Manage,
    /// Provisioning status: one check per thing the instance must allow.
    Status,
}

/// Which tickets "View all tickets" lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum TicketsScope {
    #[default]
    All,
    Only(TicketKind),
}

/// A step of connecting that takes a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CheckingInstance,
    Redirecting,
    Completing,
    /// Revoking the tokens after "Remove connection".
    Removing,
}

/// A connected session, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connected {
    pub instance: InstanceUrl,
    /// `None` until the instance has told us who the token belongs to.
    pub user: Option<UserInfo>,
    pub expires_at: DateTime<Utc>,
    /// Whether the instance gave a refresh token: without one the session ends at
    /// `expires_at` and the person signs in again.
    pub renewable: bool,
}

/// Anything that stops the connection, from any layer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConnectError {
    #[error(transparent)]
    OAuth(#[from] OAuthError),
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The page pins its instances and this session's is not one of them: nothing was sent.
    #[error("this page only connects to {}, not {}", .0.allowed, .0.instance)]
    NotAllowed(super::trust::NotAllowed),
    /// A stored session's token URL is on an origin the page does not trust (not its own,
    /// not the instance's, not set by its code): nothing was sent. `origin` is that origin.
    #[error("this page does not send sign-ins to the token URL on {origin}")]
    TokenUrlNotAllowed { origin: String },
}

/// Where the connection stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Connection {
    #[default]
    Disconnected,
    Busy(Step),
    Connected(Connected),
    Failed(ConnectError),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppState {
    pub connection: Connection,
    /// How the last "Remove connection" went, until the person moves on.
    pub removed: Option<Removal>,
}

/// What can happen to the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The person moved to a page of this kind.
    Navigated(View),
    Busy(Step),
    Connected(Connected),
    UserLoaded(UserInfo),
    TokensRenewed(DateTime<Utc>),
    Failed(ConnectError),
    /// The connection was removed (storage cleared, client dropped) and its tokens revoked,
    /// or not, as the removal says.
    Removed(Removal),
}

impl AppState {
    pub fn reduce(mut self, action: Action) -> Self {
        // Every new attempt starts with a move away from home or `Busy`, which forget the
        // removal (told on home); a failure arriving while it is remembered comes from the
        // removed session's last requests.
        if matches!(action, Action::Failed(_)) && self.removed.is_some() {
            return self;
        }
        let moved_on = match action {
            Action::Navigated(view) => view != View::Home,
            Action::Busy(_) | Action::Connected(_) | Action::Failed(_) => true,
            _ => false,
        };
        if moved_on {
            self.removed = None;
        }
        match action {
            Action::Navigated(view) => {
                if view == View::Setup && matches!(self.connection, Connection::Failed(_)) {
                    self.connection = Connection::Disconnected;
                }
            }
            Action::Busy(step) => self.connection = Connection::Busy(step),
            Action::Connected(connected) => self.connection = Connection::Connected(connected),
            Action::UserLoaded(user) => {
                if let Connection::Connected(c) = &mut self.connection {
                    c.user = Some(user);
                }
            }
            Action::TokensRenewed(expires_at) => {
                if let Connection::Connected(c) = &mut self.connection {
                    c.expires_at = expires_at;
                }
            }
            Action::Failed(error) => self.connection = Connection::Failed(error),
            Action::Removed(removal) => {
                self.connection = Connection::Disconnected;
                self.removed = Some(removal);
            }
        }
        self
    }
}

impl Reducible for AppState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().reduce(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connected() -> Connected {
        Connected {
            instance: InstanceUrl::parse("acme").expect("valid"),
            user: None,
            expires_at: DateTime::<Utc>::MIN_UTC,
            renewable: true,
        }
    }

    fn user() -> UserInfo {
        UserInfo {
            sys_id: "u".into(),
            user_name: "int".into(),
            display_name: "Integration User".into(),
        }
    }

    #[test]
    fn connecting_fills_in_the_user() {
        let state = AppState::default()
            .reduce(Action::Navigated(View::Setup))
            .reduce(Action::Busy(Step::Completing))
            .reduce(Action::Connected(connected()))
            .reduce(Action::UserLoaded(user()));
        assert_eq!(
            state.connection,
            Connection::Connected(Connected {
                user: Some(user()),
                ..connected()
            })
        );
    }

    #[test]
    fn a_failure_stays_on_its_page_until_the_person_moves_on() {
        let failed = AppState::default()
            .reduce(Action::Navigated(View::Setup))
            .reduce(Action::Failed(ConnectError::OAuth(
                OAuthError::AccessDenied,
            )));
        assert!(matches!(failed.connection, Connection::Failed(_)));
        let elsewhere = failed.clone().reduce(Action::Navigated(View::Status));
        assert_eq!(elsewhere, failed, "troubleshooting keeps the failure");
        let retried = failed.reduce(Action::Navigated(View::Setup));
        assert_eq!(retried.connection, Connection::Disconnected);
    }

    #[test]
    fn removing_the_connection_disconnects_and_tells_how_it_went() {
        let removing = AppState::default()
            .reduce(Action::Connected(connected()))
            .reduce(Action::Navigated(View::Manage))
            .reduce(Action::Busy(Step::Removing));
        assert_eq!(removing.connection, Connection::Busy(Step::Removing));
        let removed = removing.reduce(Action::Removed(Removal::Revoked));
        assert_eq!(
            removed,
            AppState {
                connection: Connection::Disconnected,
                removed: Some(Removal::Revoked),
            }
        );
        // Landing on home, where it is told, keeps the notice.
        let removed = removed.reduce(Action::Navigated(View::Home));
        assert_eq!(removed.removed, Some(Removal::Revoked));
        // A late renewal, user lookup or failure of the removed session changes nothing.
        let late = removed
            .clone()
            .reduce(Action::TokensRenewed(DateTime::<Utc>::MAX_UTC))
            .reduce(Action::UserLoaded(user()))
            .reduce(Action::Failed(ApiError::SessionEnded.into()));
        assert_eq!(late, removed);
        // Moving on (connecting again) forgets the notice.
        let again = late.reduce(Action::Navigated(View::Setup));
        assert_eq!(again.removed, None);
        let failed = again.reduce(Action::Failed(ApiError::SessionEnded.into()));
        assert!(matches!(failed.connection, Connection::Failed(_)));
    }

    #[test]
    fn user_and_renewal_only_apply_while_connected() {
        let state = AppState::default()
            .reduce(Action::UserLoaded(user()))
            .reduce(Action::TokensRenewed(DateTime::<Utc>::MAX_UTC));
        assert_eq!(state, AppState::default());
        let renewed = AppState::default()
            .reduce(Action::Connected(connected()))
            .reduce(Action::TokensRenewed(DateTime::<Utc>::MAX_UTC));
        assert!(
            matches!(renewed.connection, Connection::Connected(c) if c.expires_at == DateTime::<Utc>::MAX_UTC)
        );
    }
}
