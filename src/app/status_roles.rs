//! The roles line of the status page: the session's own active grants in
//! `sys_user_has_role`, and whether they allow creating each kind of ticket.

use serde::Deserialize;

use super::status::{required_roles, Outcome, Passed, Problem, Skip};
use super::status_checks::api_problem;
use crate::servicenow::{ApiError, ServiceNowClient, TicketKind, TransportError, UserInfo};

/// The session's active role grants (direct and inherited), by role name.
/// Every role, not only the ones that matter: an empty answer must mean "hidden", which a
/// filtered query could not tell from "none of them".
const ROLES_PATH: &str = "/api/now/table/sys_user_has_role?sysparm_query=user%3Djavascript%3Ags.getUserID()%5Estate%3Dactive&sysparm_fields=role.name&sysparm_limit=1000";

#[derive(Deserialize)]
struct Grants {
    result: Vec<Grant>,
}

#[derive(Deserialize)]
struct Grant {
    #[serde(rename = "role.name", default)]
    role: String,
}

/// The names of the roles the session's user holds (directly or inherited).
pub async fn roles(client: &ServiceNowClient) -> Result<Vec<String>, ApiError> {
    let grants = client.get_json::<Grants>(ROLES_PATH).await?;
    Ok(grants.result.into_iter().map(|g| g.role).collect())
}

/// Whether `roles` allow creating tickets of `kind`. No role at all visible means the read
/// ACL hides them (every user of a working instance has some): that is not known, not passed.
pub fn can_create(
    kind: TicketKind,
    roles: &Result<Vec<String>, ApiError>,
    user: Option<&UserInfo>,
) -> Outcome {
    let wanted = required_roles(kind);
    let user = user.cloned();
    match roles {
        Ok(found) if found.iter().all(|r| r.trim().is_empty()) => {
            Outcome::NotChecked(Skip::RolesHidden { user, detail: None })
        }
        Ok(found) => {
            let held = |name: &str| found.iter().any(|r| r == name);
            match wanted.iter().find(|role| held(role)) {
                Some(role) => Outcome::Passed(Passed::HasRole {
                    user,
                    role,
                    via_admin: false,
                }),
                None if held("admin") => Outcome::Passed(Passed::HasRole {
                    user,
                    role: wanted[0],
                    via_admin: true,
                }),
                None => Outcome::Failed(Problem::RoleMissing {
                    user,
                    role: wanted[0],
                }),
            }
        }
        Err(ApiError::Forbidden { detail }) => Outcome::NotChecked(Skip::RolesHidden {
            user,
            detail: Some(detail.clone()),
        }),
        Err(ApiError::SessionEnded) => Outcome::NotChecked(Skip::TokenRefused),
        Err(ApiError::Transport(TransportError::Blocked { .. })) => {
            Outcome::NotChecked(Skip::ApiClosed)
        }
        Err(other) => Outcome::NotChecked(Skip::CouldNotAsk(api_problem(other.clone()))),
    }
}
