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

    /// Tickets of `kind` carrying `correlation_id`, newest first, open or not.
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
            "/api/now/table/{}?sysparm_query={}&sysparm_fields=sys_id%2Cnumber%2Cstate%2Cactive&sysparm_display_value=all&sysparm_exclude_reference_link=true&sysparm_limit=50",
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
}
