//! Microsoft Graph's Secure Score records as they come: `secureScoreControlProfile`
//! (graph api-reference/v1.0/resources/securescorecontrolprofile.md), its
//! `controlStateUpdates` (securescorecontrolstateupdate.md), `secureScore` (securescore.md)
//! and its `controlScores` (controlscore.md).
//!
//! Every field but `id` is optional and `null` reads as absent: the documented examples
//! carry `null` for `assignedTo`, `comment`, `lastModifiedDateTime` and the vendor's versions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};

/// `null` or absent read as the type's default.
fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// One improvement action's profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ControlProfile {
    pub id: String,
    #[serde(default, deserialize_with = "or_default")]
    pub title: String,
    /// Identity, Data, Device, Apps, Infrastructure.
    #[serde(default, deserialize_with = "or_default")]
    pub control_category: String,
    /// Config, Review, Behavior.
    #[serde(default, deserialize_with = "or_default")]
    pub action_type: String,
    #[serde(default, deserialize_with = "or_default")]
    pub action_url: String,
    #[serde(default, deserialize_with = "or_default")]
    pub service: String,
    #[serde(default)]
    pub max_score: Option<f64>,
    /// Microsoft's stack ranking: 1 first.
    #[serde(default)]
    pub rank: Option<i32>,
    #[serde(default, deserialize_with = "or_default")]
    pub tier: String,
    #[serde(default, deserialize_with = "or_default")]
    pub user_impact: String,
    #[serde(default, deserialize_with = "or_default")]
    pub implementation_cost: String,
    #[serde(default, deserialize_with = "or_default")]
    pub threats: Vec<String>,
    #[serde(default, deserialize_with = "or_default")]
    pub deprecated: bool,
    #[serde(default, deserialize_with = "or_default")]
    pub remediation: String,
    #[serde(default, deserialize_with = "or_default")]
    pub remediation_impact: String,
    #[serde(default, deserialize_with = "or_default")]
    pub control_state_updates: Vec<ControlStateUpdate>,
    #[serde(default)]
    pub vendor_information: Option<VendorInformation>,
}

impl ControlProfile {
    /// The newest `controlStateUpdates` entry (by `updatedDateTime`; without dates, the last).
    pub fn latest_update(&self) -> Option<&ControlStateUpdate> {
        self.control_state_updates
            .iter()
            .enumerate()
            .max_by_key(|(i, u)| (u.updated_date_time, *i))
            .map(|(_, u)| u)
    }

    /// The tenant's current state of the control, `Default` when none was ever set.
    pub fn state(&self) -> ControlState {
        self.latest_update()
            .map(|u| u.state.clone())
            .unwrap_or(ControlState::Default)
    }
}

/// One entry of a control's state history.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ControlStateUpdate {
    #[serde(default, deserialize_with = "or_default")]
    pub assigned_to: String,
    #[serde(default, deserialize_with = "or_default")]
    pub comment: String,
    #[serde(default, deserialize_with = "or_default")]
    pub state: ControlState,
    #[serde(default, deserialize_with = "or_default")]
    pub updated_by: String,
    #[serde(default)]
    pub updated_date_time: Option<DateTime<Utc>>,
}

/// The analyst-driven state of a control: `Default`, `Ignored`, `ThirdParty`, `Reviewed`
/// (securescorecontrolprofile-update.md). The resource page spells them `ignored`,
/// `thirdParty`, so they are read without regard to case; anything else is kept as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum ControlState {
    #[default]
    Default,
    /// Risk accepted.
    Ignored,
    /// Resolved through a third party (awards the points).
    ThirdParty,
    Reviewed,
    Other(String),
}

impl ControlState {
    /// The value the PATCH sends.
    pub fn as_str(&self) -> &str {
        match self {
            ControlState::Default => "Default",
            ControlState::Ignored => "Ignored",
            ControlState::ThirdParty => "ThirdParty",
            ControlState::Reviewed => "Reviewed",
            ControlState::Other(other) => other,
        }
    }

    pub fn parse(text: &str) -> Self {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "default" => ControlState::Default,
            "ignored" => ControlState::Ignored,
            "thirdparty" => ControlState::ThirdParty,
            "reviewed" => ControlState::Reviewed,
            _ => ControlState::Other(text.trim().to_owned()),
        }
    }
}

impl Serialize for ControlState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ControlState {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(ControlState::parse(&String::deserialize(d)?))
    }
}

/// `securityVendorInformation`: `provider` and `vendor` are required on update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VendorInformation {
    #[serde(default, deserialize_with = "or_default")]
    pub provider: String,
    #[serde(default)]
    pub provider_version: Option<String>,
    #[serde(default)]
    pub sub_provider: Option<String>,
    #[serde(default, deserialize_with = "or_default")]
    pub vendor: String,
}

impl VendorInformation {
    /// Secure Score's own: `vendor=Microsoft; provider=SecureScore`.
    pub fn secure_score() -> Self {
        Self {
            provider: "SecureScore".into(),
            provider_version: None,
            sub_provider: None,
            vendor: "Microsoft".into(),
        }
    }
}

/// One day's Secure Score of the tenant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecureScore {
    #[serde(default, deserialize_with = "or_default")]
    pub id: String,
    #[serde(default)]
    pub created_date_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "or_default")]
    pub current_score: f64,
    #[serde(default, deserialize_with = "or_default")]
    pub max_score: f64,
    #[serde(default, deserialize_with = "or_default")]
    pub control_scores: Vec<ControlScore>,
}

/// The tenant's score on one control that day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ControlScore {
    /// Joins to [`ControlProfile::id`].
    #[serde(default, deserialize_with = "or_default")]
    pub control_name: String,
    #[serde(default)]
    pub score: Option<f64>,
    #[serde(default, deserialize_with = "or_default")]
    pub control_category: String,
    #[serde(default, deserialize_with = "or_default")]
    pub description: String,
}

/// An OData collection page: `value` and, when more follow, `@odata.nextLink`.
#[derive(Debug, Deserialize)]
pub struct Collection<T> {
    #[serde(default = "Vec::new")]
    pub value: Vec<T>,
    #[serde(rename = "@odata.nextLink", default)]
    pub next_link: Option<String>,
}
