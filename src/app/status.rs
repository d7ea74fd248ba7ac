//! The provisioning status page without the UI: which checks there are, what each found,
//! and the board the page shows while they run one after another.
//!
//! Each check asks the instance one harmless question through the injected transport
//! (`status_checks`); nothing is created and the session's tokens are never touched.

use std::rc::Rc;

use yew::Reducible;

use crate::servicenow::{TicketKind, UserInfo};

pub use super::status_checks::{run, Target};

/// One line of the status page, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Something answers at the instance's address.
    InstanceReachable,
    /// The current user API accepts the session's token.
    TokenValid,
    /// `GET /api/now/table/{table}` answers this page.
    TableReadable(TicketKind),
    /// The token URL answers this page (with an OAuth error for a made-up token).
    TokenEndpoint,
    /// The page's own Content-Security-Policy let the instance and token URL requests go.
    PagePolicy,
    /// The user holds the role that creating this kind of ticket needs.
    CanCreate(TicketKind),
}

impl Check {
    pub const ALL: [Check; 8] = [
        Check::InstanceReachable,
        Check::TokenValid,
        Check::TableReadable(TicketKind::Incident),
        Check::TableReadable(TicketKind::ChangeRequest),
        Check::TokenEndpoint,
        Check::PagePolicy,
        Check::CanCreate(TicketKind::Incident),
        Check::CanCreate(TicketKind::ChangeRequest),
    ];
}

/// The roles that let the integration user create tickets of `kind` (any one of them, or
/// `admin`); the first is the one to grant when none is held. In base ServiceNow, `itil`
/// creates incidents and change requests; `change_manager` also creates change requests.
pub fn required_roles(kind: TicketKind) -> &'static [&'static str] {
    match kind {
        TicketKind::Incident => &["itil"],
        TicketKind::ChangeRequest => &["itil", "change_manager"],
    }
}

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Running,
    Passed(Passed),
    Failed(Problem),
    NotChecked(Skip),
}

/// What a passing check saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Passed {
    /// `instance` is the host a person knows it by.
    Answered {
        instance: String,
    },
    SignedIn(UserInfo),
    Readable,
    /// The token URL answered with this OAuth error code (`None`: with some other JSON).
    TokenEndpointAnswered {
        url: String,
        code: Option<String>,
    },
    /// The page's policy let the requests to these origins go (the instance's, then the
    /// token URL's when it is elsewhere).
    PolicyAllows {
        origins: Vec<String>,
    },
    /// `via_admin`: the user has `admin`, which holds every role.
    HasRole {
        user: Option<UserInfo>,
        role: &'static str,
        via_admin: bool,
    },
}

/// Why a check failed; each has a fix an administrator can follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Unreachable {
        url: String,
    },
    Offline,
    /// The REST API answered but without a CORS rule for this page's origin.
    ApiBlocked {
        url: String,
    },
    /// The token URL answered but `glide.oauth.cors.allowed.origin` does not name this page.
    TokenBlocked {
        url: String,
    },
    TokenUnreachable {
        url: String,
    },
    /// The page's own Content-Security-Policy (`directive`) refused the request to `origin`.
    PagePolicy {
        origin: String,
        directive: String,
    },
    /// Something answered at the token URL, but not an OAuth token endpoint.
    NotTokenEndpoint {
        url: String,
        detail: String,
    },
    /// An ACL (or IP address access control) refused the request.
    Forbidden {
        detail: String,
    },
    /// "… has been refused due to the table's cross-scope access policy".
    CrossScope {
        detail: String,
    },
    SessionEnded,
    RateLimited {
        seconds: u32,
    },
    Server {
        status: u16,
        detail: String,
    },
    Unexpected {
        detail: String,
    },
    RoleMissing {
        user: Option<UserInfo>,
        role: &'static str,
    },
}

/// Why a check did not run, or could not tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// It needs a signed-in session.
    ConnectFirst,
    /// No instance is saved or typed in yet.
    NoInstance,
    InstanceDown,
    TokenRefused,
    /// The Table API is closed to this page (its lines say why).
    ApiClosed,
    /// The instance shows no roles to the user: its read ACL on `sys_user_has_role` hides
    /// them (`detail`: the instance's refusal, when it sent one).
    RolesHidden {
        user: Option<UserInfo>,
        detail: Option<String>,
    },
    /// Asking for the roles failed for another reason.
    CouldNotAsk(Problem),
}

/// The lines of one run; results of an earlier run are ignored once a new one starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    pub run: u32,
    pub lines: Vec<(Check, Outcome)>,
}

impl Default for Board {
    fn default() -> Self {
        Self {
            run: 0,
            lines: Check::ALL.map(|c| (c, Outcome::Running)).to_vec(),
        }
    }
}

/// What happens to the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoardAction {
    /// A run with this number starts: every line is checking again.
    Start(u32),
    Report(u32, Check, Outcome),
}

impl Board {
    pub fn reduce(mut self, action: BoardAction) -> Self {
        match action {
            BoardAction::Start(run) => {
                self = Board {
                    run,
                    ..Board::default()
                };
            }
            BoardAction::Report(run, check, outcome) if run == self.run => {
                if let Some(line) = self.lines.iter_mut().find(|(c, _)| *c == check) {
                    line.1 = outcome;
                }
            }
            BoardAction::Report(..) => {}
        }
        self
    }

    /// True while any line is still checking.
    pub fn running(&self) -> bool {
        self.lines.iter().any(|(_, o)| *o == Outcome::Running)
    }

    /// (passed, failed, not checked).
    pub fn tally(&self) -> (usize, usize, usize) {
        let count = |f: fn(&Outcome) -> bool| self.lines.iter().filter(|(_, o)| f(o)).count();
        (
            count(|o| matches!(o, Outcome::Passed(_))),
            count(|o| matches!(o, Outcome::Failed(_))),
            count(|o| matches!(o, Outcome::NotChecked(_))),
        )
    }
}

impl Reducible for Board {
    type Action = BoardAction;
    fn reduce(self: Rc<Self>, action: BoardAction) -> Rc<Self> {
        Rc::new((*self).clone().reduce(action))
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
