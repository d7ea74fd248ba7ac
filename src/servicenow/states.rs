//! The state values a table actually uses on the instance, through the Aggregate API, so an
//! instance with its own states can name them too.

use serde::Deserialize;

use super::client::ServiceNowClient;
use super::error::ApiError;
use super::ticket::TicketKind;

/// A state value in use on the instance, with what the instance calls it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateValue {
    pub value: String,
    /// The instance's display value; empty when it gave none.
    pub display: String,
}

#[derive(Deserialize)]
struct StatsBody {
    result: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    #[serde(default)]
    groupby_fields: Vec<GroupField>,
}

#[derive(Deserialize)]
struct GroupField {
    field: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    display_value: String,
}

/// `GET /api/now/stats/{table}` grouped by state, with display values.
pub fn state_values_path(kind: TicketKind) -> String {
    format!(
        "/api/now/stats/{}?sysparm_count=true&sysparm_group_by=state&sysparm_display_value=all",
        kind.table()
    )
}

/// The distinct state values of an Aggregate API answer, empty values left out.
pub fn parse_state_values(body: &[u8]) -> Result<Vec<StateValue>, ApiError> {
    let body: StatsBody =
        serde_json::from_slice(body).map_err(|e| ApiError::UnexpectedResponse(e.to_string()))?;
    let mut values: Vec<StateValue> = Vec::new();
    for field in body
        .result
        .into_iter()
        .flat_map(|g| g.groupby_fields)
        .filter(|f| f.field == "state")
    {
        let value = field.value.trim().to_owned();
        if value.is_empty() || values.iter().any(|v| v.value == value) {
            continue;
        }
        values.push(StateValue {
            value,
            display: field.display_value.trim().to_owned(),
        });
    }
    Ok(values)
}

impl ServiceNowClient {
    /// The state values `kind`'s table holds on the instance.
    pub async fn state_values(&self, kind: TicketKind) -> Result<Vec<StateValue>, ApiError> {
        let response = self
            .send(oauth2::http::Method::GET, &state_values_path(kind), None)
            .await?;
        parse_state_values(response.body())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_and_display_values_once_each() {
        let body = br#"{"result":[
            {"stats":{"count":"3"},"groupby_fields":[{"field":"state","value":"-5","display_value":"New"}]},
            {"stats":{"count":"1"},"groupby_fields":[{"field":"state","value":"21","display_value":"Awaiting vendor"}]},
            {"stats":{"count":"1"},"groupby_fields":[{"field":"state","value":" 21 ","display_value":"dup"}]},
            {"stats":{"count":"2"},"groupby_fields":[{"field":"state","value":"","display_value":""}]},
            {"stats":{"count":"2"},"groupby_fields":[{"field":"state","value":"7"}]}
        ]}"#;
        let values = parse_state_values(body).expect("parsed");
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|v| (v.value.as_str(), v.display.as_str()))
            .collect();
        assert_eq!(pairs, [("-5", "New"), ("21", "Awaiting vendor"), ("7", "")]);
    }

    #[test]
    fn another_shape_is_an_unexpected_response() {
        assert!(matches!(
            parse_state_values(br#"{"result":{"stats":{}}}"#),
            Err(ApiError::UnexpectedResponse(_))
        ));
    }

    #[test]
    fn asks_for_counts_grouped_by_state_with_display_values() {
        assert_eq!(
            state_values_path(TicketKind::Incident),
            "/api/now/stats/incident?sysparm_count=true&sysparm_group_by=state&sysparm_display_value=all"
        );
    }
}
