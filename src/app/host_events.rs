//! What the embedding page hears about the component: connected (to which instance, as whom),
//! disconnected, and each ticket created. The browser turns these into DOM events on the host
//! element; here is only when each is due.

use std::rc::Rc;

use super::state::{Connected, Connection};
use crate::servicenow::{CreatedTicket, InstanceUrl, UserInfo};

/// Receives the component's announcements.
pub trait HostEvents {
    fn connected(&self, instance: &InstanceUrl, user: &UserInfo);
    fn disconnected(&self);
    fn ticket_created(&self, ticket: &CreatedTicket, link: &str);
}

/// A shared [`HostEvents`], compared by identity so it can travel in properties.
#[derive(Clone)]
pub struct HostEventsHandle(pub Rc<dyn HostEvents>);

impl PartialEq for HostEventsHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Who the component is connected as, once the instance has said so.
pub type Presence = Option<(InstanceUrl, UserInfo)>;

/// Due to the host when the presence changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Announcement {
    Connected(InstanceUrl, UserInfo),
    Disconnected,
}

/// The presence `connection` shows, or `None` when it says nothing new: a step in progress,
/// or a connection whose user is not known yet, keeps what was announced before.
pub fn presence_of(connection: &Connection) -> Option<Presence> {
    match connection {
        Connection::Connected(Connected {
            instance,
            user: Some(user),
            ..
        }) => Some(Some((instance.clone(), user.clone()))),
        Connection::Connected(_) | Connection::Busy(_) => None,
        Connection::Disconnected | Connection::Failed(_) => Some(None),
    }
}

/// What to tell the host when the presence goes from `before` to `after`.
pub fn announcement(before: &Presence, after: &Presence) -> Option<Announcement> {
    let key = |p: &Presence| p.as_ref().map(|(i, u)| (i.clone(), u.sys_id.clone()));
    if key(before) == key(after) {
        return None;
    }
    match after {
        Some((instance, user)) => Some(Announcement::Connected(instance.clone(), user.clone())),
        None => Some(Announcement::Disconnected),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::app::state::Step;
    use crate::servicenow::ApiError;

    fn user(id: &str) -> UserInfo {
        UserInfo {
            sys_id: id.into(),
            user_name: "int.user".into(),
            display_name: "Integration User".into(),
        }
    }

    fn connected(user: Option<UserInfo>) -> Connection {
        Connection::Connected(Connected {
            instance: InstanceUrl::parse("acme").expect("valid"),
            user,
            expires_at: DateTime::<Utc>::MIN_UTC,
            renewable: true,
        })
    }

    /// The announcements a sequence of connection states makes, from nobody.
    fn announcements(states: &[Connection]) -> Vec<Announcement> {
        let mut shown: Presence = None;
        let mut out = Vec::new();
        for state in states {
            if let Some(next) = presence_of(state) {
                out.extend(announcement(&shown, &next));
                shown = next;
            }
        }
        out
    }

    #[test]
    fn connected_is_announced_once_the_user_is_known_and_only_once() {
        let acme = InstanceUrl::parse("acme").expect("valid");
        let said = announcements(&[
            Connection::Busy(Step::Completing),
            connected(None),
            connected(Some(user("u1"))),
            connected(Some(user("u1"))),
        ]);
        assert_eq!(said, [Announcement::Connected(acme, user("u1"))]);
    }

    #[test]
    fn removing_or_losing_the_session_is_announced_as_disconnected() {
        let said = announcements(&[
            connected(Some(user("u1"))),
            Connection::Busy(Step::Removing),
            Connection::Disconnected,
            Connection::Disconnected,
        ]);
        assert_eq!(said.len(), 2);
        assert_eq!(said[1], Announcement::Disconnected);
        let lost = announcements(&[
            connected(Some(user("u1"))),
            Connection::Failed(ApiError::SessionEnded.into()),
        ]);
        assert_eq!(lost.last(), Some(&Announcement::Disconnected));
    }

    #[test]
    fn nothing_is_announced_for_a_component_that_never_connected() {
        let said = announcements(&[
            Connection::Disconnected,
            Connection::Busy(Step::CheckingInstance),
            Connection::Failed(ApiError::SessionEnded.into()),
        ]);
        assert!(said.is_empty(), "{said:?}");
    }
}
