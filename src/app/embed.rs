//! What an embedding page configures, as plain data: the options `mount` and the
//! `<snowcard-app>` element take, how a change applies to them, which page a `view` names,
//! and the storage namespace that keeps two components on one page apart.

use serde::{Deserialize, Deserializer};
use thiserror::Error;

use super::catalog::{self, ImprovementAction};
use super::route::Routing;
use super::services::{AppOptions, DEFAULT_CATALOG_URL};
use super::state::{TicketsScope, View};
use super::trust::{self, Trust, TrustError};
use crate::i18n::Locale;
use crate::servicenow::InstanceUrl;
use crate::storage::{TokenStorage, ROOT};

/// The embedding page asked to share `action`; `seq` tells one request from the next, so
/// sharing the same action twice opens the form twice.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRequest {
    pub seq: u64,
    pub action: ImprovementAction,
}

/// A change to the options: a missing field keeps its value, `null` resets it, a string sets it.
/// The element passes every attribute (absent ones as `null`); `update(options)` from a host
/// may pass only what changes.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct OptionsPatch {
    #[serde(deserialize_with = "present")]
    pub instance: Option<Option<String>>,
    #[serde(deserialize_with = "present")]
    pub client_id: Option<Option<String>>,
    #[serde(deserialize_with = "present")]
    pub redirect_uri: Option<Option<String>>,
    #[serde(deserialize_with = "present")]
    pub view: Option<Option<String>>,
    #[serde(deserialize_with = "present")]
    pub lang: Option<Option<String>>,
    #[serde(deserialize_with = "present")]
    pub requested_by: Option<Option<String>>,
    #[serde(deserialize_with = "present")]
    pub catalog_url: Option<Option<String>>,
    #[serde(deserialize_with = "present")]
    pub stylesheet: Option<Option<String>>,
    #[serde(deserialize_with = "present")]
    pub routing: Option<Option<String>>,
    #[serde(deserialize_with = "present")]
    pub token_storage: Option<Option<String>>,
    /// Set by code only (no attribute maps to it): a token URL on another origin to trust.
    #[serde(deserialize_with = "present")]
    pub token_url: Option<Option<String>>,
    /// Text (space/comma separated) or a list of instances.
    #[serde(deserialize_with = "present_list")]
    pub allowed_instances: Option<Option<String>>,
    /// Set by code only: a Microsoft sign-in authority besides the known clouds.
    #[serde(deserialize_with = "present")]
    pub microsoft_authority: Option<Option<String>>,
    /// Set by code only: a Microsoft Graph root besides the known clouds.
    #[serde(deserialize_with = "present")]
    pub microsoft_graph: Option<Option<String>>,
}

/// A field that is there (`null` or a string) as opposed to missing.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// A list option given as text or as a list of texts; a list is kept as space-separated text.
fn present_list<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum TextOrList {
        Text(String),
        List(Vec<String>),
    }
    Option::<TextOrList>::deserialize(d).map(|value| {
        Some(value.map(|value| match value {
            TextOrList::Text(text) => text,
            TextOrList::List(list) => list.join(" "),
        }))
    })
}

/// The options in force, as given (empty text counts as not given).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct EmbedOptions {
    pub instance: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub view: Option<String>,
    pub lang: Option<String>,
    pub requested_by: Option<String>,
    pub catalog_url: Option<String>,
    /// The stylesheet loaded into the shadow root; `None` uses the one beside the package.
    pub stylesheet: Option<String>,
    /// Where the view is kept: `none` (memory, the default), `hash` or `query`.
    pub routing: Option<String>,
    /// Where tokens are kept: `session` (session storage, the default) or `memory`.
    pub token_storage: Option<String>,
    pub token_url: Option<String>,
    pub allowed_instances: Option<String>,
    pub microsoft_authority: Option<String>,
    pub microsoft_graph: Option<String>,
}

/// An option that cannot be used, named for the host's developer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OptionsError {
    #[error("unknown view {0:?}: use \"home\", \"actions\", \"tickets\" or \"manage\"")]
    UnknownView(String),
    #[error("unknown routing {0:?}: use \"none\", \"hash\" or \"query\"")]
    UnknownRouting(String),
    #[error("unknown token storage {0:?}: use \"session\" or \"memory\"")]
    UnknownTokenStorage(String),
    #[error(transparent)]
    Trust(#[from] TrustError),
}

impl EmbedOptions {
    /// Applies `patch` field by field.
    pub fn apply(&mut self, patch: OptionsPatch) {
        let set = |slot: &mut Option<String>, change: Option<Option<String>>| {
            if let Some(value) = change {
                *slot = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
            }
        };
        set(&mut self.instance, patch.instance);
        set(&mut self.client_id, patch.client_id);
        set(&mut self.redirect_uri, patch.redirect_uri);
        set(&mut self.view, patch.view);
        set(&mut self.lang, patch.lang);
        set(&mut self.requested_by, patch.requested_by);
        set(&mut self.catalog_url, patch.catalog_url);
        set(&mut self.stylesheet, patch.stylesheet);
        set(&mut self.routing, patch.routing);
        set(&mut self.token_url, patch.token_url);
        set(&mut self.allowed_instances, patch.allowed_instances);
        set(&mut self.microsoft_authority, patch.microsoft_authority);
        set(&mut self.microsoft_graph, patch.microsoft_graph);
        set(&mut self.token_storage, patch.token_storage);
    }

    /// Where this component keeps its tokens.
    pub fn token_storage(&self) -> Result<TokenStorage, OptionsError> {
        match self.token_storage.as_deref() {
            None => Ok(TokenStorage::Session),
            Some(name) => TokenStorage::parse(name)
                .ok_or_else(|| OptionsError::UnknownTokenStorage(name.into())),
        }
    }

    /// Where the view is kept in the host's address.
    pub fn routing(&self) -> Result<Routing, OptionsError> {
        match self.routing.as_deref() {
            None => Ok(Routing::None),
            Some(name) => {
                Routing::parse(name).ok_or_else(|| OptionsError::UnknownRouting(name.into()))
            }
        }
    }

    /// The policy these options set; `Err` names a malformed entry.
    pub fn trust(&self) -> Result<Trust, TrustError> {
        let address = |option: &'static str, value: &Option<String>| {
            value
                .as_deref()
                .map(|value| trust::parse_code_address(option, value))
                .transpose()
        };
        Ok(Trust {
            token_url: address("tokenUrl", &self.token_url)?,
            allowed_instances: trust::parse_allowed_instances(
                self.allowed_instances.as_deref().unwrap_or_default(),
            )?,
            microsoft_authority: address("microsoftAuthority", &self.microsoft_authority)?,
            microsoft_graph: address("microsoftGraph", &self.microsoft_graph)?,
        })
    }

    /// The app's options; `Err` when `view` names no page, `routing` or `token_storage` no mode, or an
    /// address of the policy ([`Self::trust`]) does not read.
    pub fn app_options(&self) -> Result<AppOptions, OptionsError> {
        self.routing()?;
        self.token_storage()?;
        let view = match self.view.as_deref() {
            None => None,
            Some(name) => {
                Some(parse_view(name).ok_or_else(|| OptionsError::UnknownView(name.into()))?)
            }
        };
        Ok(AppOptions {
            instance: self.instance.clone().unwrap_or_default(),
            client_id: self.client_id.clone().unwrap_or_default(),
            redirect_uri: self.redirect_uri.clone(),
            requested_by: self.requested_by.clone(),
            catalog_url: self
                .catalog_url
                .clone()
                .unwrap_or_else(|| DEFAULT_CATALOG_URL.to_owned()),
            view,
            locale: self.lang.as_deref().and_then(Locale::from_tag),
            trust: self.trust()?,
        })
    }

    /// Where this component's keys live in session storage.
    pub fn namespace(&self) -> String {
        storage_namespace(
            self.instance.as_deref().unwrap_or_default(),
            self.client_id.as_deref().unwrap_or_default(),
        )
    }
}

/// What is wrong with an improvement action a host passed to `share`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShareInputError {
    #[error("the improvement action is not a secureScoreControlProfile object: {0}")]
    NotAProfile(String),
    #[error("the improvement action has no {0:?}")]
    Missing(&'static str),
    #[error("the improvement action's controlCategory {0:?} is not Identity, Data, Device, Apps or Infrastructure")]
    UnknownCategory(String),
    #[error("the improvement action is deprecated (\"deprecated\": true)")]
    Deprecated,
}

/// Reads the one Graph `secureScoreControlProfile` a host passes to `share`.
pub fn action_to_share(profile: &serde_json::Value) -> Result<ImprovementAction, ShareInputError> {
    use catalog::EntryProblem;
    match catalog::parse_profile(profile) {
        Ok(Some(action)) => Ok(action),
        Ok(None) => Err(ShareInputError::Deprecated),
        Err(EntryProblem::NotAnObject) => {
            Err(ShareInputError::NotAProfile(kind_of(profile).into()))
        }
        Err(EntryProblem::MissingText(field)) => Err(ShareInputError::Missing(field)),
        Err(EntryProblem::UnknownCategory(c)) => Err(ShareInputError::UnknownCategory(c)),
    }
}

fn kind_of(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "got null",
        serde_json::Value::Bool(_) => "got a boolean",
        serde_json::Value::Number(_) => "got a number",
        serde_json::Value::String(_) => "got a string",
        serde_json::Value::Array(_) => "got an array",
        serde_json::Value::Object(_) => "got an object",
    }
}

/// The page a `view` option names: `home`, `actions`, `tickets` (all tickets) or `manage`.
pub fn parse_view(name: &str) -> Option<View> {
    match name.trim().to_ascii_lowercase().as_str() {
        "home" => Some(View::Home),
        "actions" => Some(View::Actions),
        "tickets" => Some(View::Tickets(TicketsScope::All)),
        "manage" => Some(View::Manage),
        _ => None,
    }
}

/// `snowcard:<instance host>:<client id>` when both are configured (and the instance reads),
/// else `snowcard`, the standalone page's. The client id is percent-encoded, so it holds no
/// `:` and no two configurations share a namespace.
pub fn storage_namespace(instance: &str, client_id: &str) -> String {
    let client_id = client_id.trim();
    match InstanceUrl::parse(instance) {
        Ok(instance) if !client_id.is_empty() => {
            let client: String =
                url::form_urlencoded::byte_serialize(client_id.as_bytes()).collect();
            format!("{ROOT}:{}:{client}", instance.host_label())
        }
        _ => ROOT.to_owned(),
    }
}

#[cfg(test)]
#[path = "embed_tests.rs"]
mod tests;
