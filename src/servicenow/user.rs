//! The ServiceNow user behind the token: who "Connected as" names.

use serde::{Deserialize, Serialize};

/// The connected ServiceNow user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInfo {
    pub sys_id: String,
    pub user_name: String,
    pub display_name: String,
}

/// `GET /api/now/ui/user/current_user` (not in ServiceNow's official reference, but served by
/// every instance's UI).
pub const CURRENT_USER_PATH: &str = "/api/now/ui/user/current_user";

/// The documented fallback: the `sys_user` record whose sys_id is the session's user.
pub const SYS_USER_FALLBACK_PATH: &str = "/api/now/table/sys_user?sysparm_query=sys_id%3Djavascript%3Ags.getUserID()&sysparm_limit=1&sysparm_fields=sys_id%2Cuser_name%2Cname";

#[derive(Deserialize)]
pub(crate) struct CurrentUserBody {
    result: CurrentUser,
}

#[derive(Deserialize)]
struct CurrentUser {
    user_sys_id: String,
    user_name: String,
    #[serde(default)]
    user_display_name: String,
}

#[derive(Deserialize)]
pub(crate) struct SysUserBody {
    result: Vec<SysUser>,
}

#[derive(Deserialize)]
struct SysUser {
    sys_id: String,
    user_name: String,
    #[serde(default)]
    name: String,
}

/// Picks the name to show: the display name, else the user name.
fn shown(display: String, user_name: &str) -> String {
    if display.trim().is_empty() {
        user_name.to_owned()
    } else {
        display
    }
}

impl From<CurrentUserBody> for UserInfo {
    fn from(body: CurrentUserBody) -> Self {
        let u = body.result;
        UserInfo {
            display_name: shown(u.user_display_name, &u.user_name),
            sys_id: u.user_sys_id,
            user_name: u.user_name,
        }
    }
}

impl SysUserBody {
    pub(crate) fn into_user(self) -> Option<UserInfo> {
        self.result.into_iter().next().map(|u| UserInfo {
            display_name: shown(u.name, &u.user_name),
            sys_id: u.sys_id,
            user_name: u.user_name,
        })
    }
}
