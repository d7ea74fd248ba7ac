//! Creating tickets and finding them again by correlation id, through the Table API.

use oauth2::http::Method;
use serde::Deserialize;

use super::client::ServiceNowClient;
use super::error::ApiError;
use super::ticket::{CreatedTicket, FoundTicket, NewTicket, TicketKind};

#[derive(Deserialize)]
struct One<T> {
    result: T,
}

#[derive(Deserialize)]
struct Created {
    sys_id: String,
    number: String,
}

/// A field with `sysparm_display_value=all`: both the stored value and what the UI shows.
#[derive(Deserialize, Default)]
struct Both {
    #[serde(default)]
    value: String,
    #[serde(default, rename = "display_value")]
    display: String,
}

#[derive(Deserialize)]
struct Found {
    sys_id: Both,
    number: Both,
    #[serde(default)]
    state: Both,
    #[serde(default)]
    active: Both,
    #[serde(default)]
    sys_created_by: Both,
}

/// A stable correlation id for an improvement action: safe inside an encoded query (no `^`,
/// `=`, spaces), at most 100 characters.
pub fn correlation_id(action_id: &str) -> String {
    let safe: String = action_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':') {
                c
            } else {
                '-'
            }
        })
        .collect();
    super::ticket::truncate(
        &format!("snowcard:{safe}"),
        super::ticket::CORRELATION_ID_MAX,
    )
}

/// The `chg_model` lookup: the active change model named "Normal".
pub const NORMAL_MODEL_PATH: &str = "/api/now/table/chg_model?sysparm_query=active%3Dtrue%5Ename%3DNormal&sysparm_fields=sys_id%2Cname&sysparm_limit=1";

#[derive(Deserialize)]
struct Model {
    sys_id: String,
    #[serde(default)]
    name: String,
}

/// What the `chg_model` lookup says about normal changes on this instance: the Normal
/// model's `sys_id` (model-based instances: a normal change needs its model), or `None` when
/// the instance has no such table, lets this user read none of it, or has no active Normal
/// model (type-based instances: `type=normal` alone makes a normal change). Failures that
/// say nothing about the instance's change setup (session, rate limit, network, 5xx) stay
/// errors, so a change is never filed without its model by accident.
pub fn normal_model_from(
    answer: Result<Vec<(String, String)>, ApiError>,
) -> Result<Option<String>, ApiError> {
    match answer {
        Ok(rows) => Ok(rows
            .into_iter()
            .find(|(sys_id, name)| !sys_id.is_empty() && name.trim().eq_ignore_ascii_case("normal"))
            .map(|(sys_id, _)| sys_id)),
        // "Invalid table chg_model" (400), a read ACL (403) or no such resource (404); any
        // other 400 says nothing about the instance's change setup.
        Err(ApiError::Server {
            status: 400,
            message,
        }) if message.trim_start().starts_with("Invalid table") => Ok(None),
        Err(ApiError::Forbidden { .. }) | Err(ApiError::NotFound { .. }) => Ok(None),
        Err(other) => Err(other),
    }
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

impl ServiceNowClient {
    /// Creates the ticket; one call is one POST.
    pub async fn create_ticket(&self, ticket: &NewTicket) -> Result<CreatedTicket, ApiError> {
        let path = format!(
            "/api/now/table/{}?sysparm_fields=sys_id%2Cnumber&sysparm_exclude_reference_link=true",
            ticket.kind.table()
        );
        let response = self.send(Method::POST, &path, Some(&ticket.body())).await?;
        let body: One<Created> = serde_json::from_slice(response.body())
            .map_err(|e| ApiError::UnexpectedResponse(e.to_string()))?;
        Ok(CreatedTicket {
            kind: ticket.kind,
            sys_id: body.result.sys_id,
            number: body.result.number,
        })
    }

    /// The Normal change model's `sys_id`, or `None` on a type-based instance
    /// (see [`normal_model_from`]).
    pub async fn normal_change_model(&self) -> Result<Option<String>, ApiError> {
        let answer = self
            .get_json::<One<Vec<Model>>>(NORMAL_MODEL_PATH)
            .await
            .map(|body| {
                body.result
                    .into_iter()
                    .map(|m| (m.sys_id, m.name))
                    .collect()
            });
        normal_model_from(answer)
    }

    /// Tickets of `kind` carrying `correlation_id`, newest first, open or not, each with
    /// who created it (`sys_created_by`, the creating user's `user_name`).
    /// An empty id finds nothing (it would match every ticket).
    pub async fn find_by_correlation(
        &self,
        kind: TicketKind,
        correlation_id: &str,
    ) -> Result<Vec<FoundTicket>, ApiError> {
        if correlation_id.trim().is_empty() {
            return Ok(Vec::new());
        }
        let query = format!("correlation_id={correlation_id}^ORDERBYDESCsys_created_on");
        let path = format!(
            "/api/now/table/{}?sysparm_query={}&sysparm_fields=sys_id%2Cnumber%2Cstate%2Cactive%2Csys_created_by&sysparm_display_value=all&sysparm_exclude_reference_link=true&sysparm_limit=50",
            kind.table(),
            encode(&query)
        );
        let body: One<Vec<Found>> = self.get_json(&path).await?;
        Ok(body
            .result
            .into_iter()
            .map(|f| FoundTicket {
                kind,
                sys_id: f.sys_id.value,
                number: f.number.display,
                state: f.state.display,
                active: f.active.value == "true",
                created_by: Some(f.sys_created_by.value),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlation_ids_are_stable_safe_and_short() {
        assert_eq!(correlation_id("AdminMFAV2"), "snowcard:AdminMFAV2");
        assert_eq!(correlation_id("a^b=c d"), "snowcard:a-b-c-d");
        assert_eq!(correlation_id(&"x".repeat(300)).chars().count(), 100);
        assert_eq!(correlation_id("AdminMFAV2"), correlation_id("AdminMFAV2"));
    }

    #[test]
    fn a_model_based_instance_gives_the_normal_models_sys_id() {
        let rows = vec![(
            "e55d0bfec343101035ae3f52c1d3ae49".to_owned(),
            "Normal".to_owned(),
        )];
        assert_eq!(
            normal_model_from(Ok(rows)),
            Ok(Some("e55d0bfec343101035ae3f52c1d3ae49".to_owned()))
        );
    }

    #[test]
    fn a_type_based_instance_or_an_unreadable_table_means_type_alone() {
        let absent = ApiError::Server {
            status: 400,
            message: "Invalid table chg_model".into(),
        };
        assert_eq!(normal_model_from(Err(absent)), Ok(None));
        let acl = ApiError::Forbidden {
            detail: "ACL Exception Read Failed".into(),
        };
        assert_eq!(normal_model_from(Err(acl)), Ok(None));
        assert_eq!(normal_model_from(Ok(Vec::new())), Ok(None));
        let other = vec![("x".to_owned(), "Emergency".to_owned())];
        assert_eq!(normal_model_from(Ok(other)), Ok(None));
    }

    #[test]
    fn failures_that_say_nothing_about_models_stay_errors() {
        for error in [
            ApiError::SessionEnded,
            ApiError::RateLimited {
                retry_after_secs: 5,
            },
            ApiError::Server {
                status: 503,
                message: "Service Unavailable".into(),
            },
            ApiError::Server {
                status: 400,
                message: "Invalid query".into(),
            },
        ] {
            assert_eq!(normal_model_from(Err(error.clone())), Err(error));
        }
    }

    #[test]
    fn the_model_lookup_asks_for_the_active_model_named_normal() {
        let query = NORMAL_MODEL_PATH
            .split("sysparm_query=")
            .nth(1)
            .unwrap_or_default();
        let query = query.split('&').next().unwrap_or_default();
        let decoded: String = url::form_urlencoded::parse(format!("q={query}").as_bytes())
            .map(|(_, v)| v.into_owned())
            .collect();
        assert_eq!(decoded, "active=true^name=Normal");
    }
}
