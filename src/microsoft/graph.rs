//! Microsoft Graph's Secure Score calls, over the injected transport with a bearer token.
//!
//! - `GET {graph}/v1.0/security/secureScoreControlProfiles`, every page: a collection
//!   answers with `@odata.nextLink` while more follow, and the link is used as it comes
//!   (graph concepts/paging.md). The token goes only to Graph's own origin.
//! - `GET {graph}/v1.0/security/secureScores?$top=1`: the newest daily snapshot
//!   (security-list-securescores.md; the collection is sorted newest first, securescore.md).
//! - `PATCH {graph}/v1.0/security/secureScoreControlProfiles/{id}` with `assignedTo`,
//!   `comment`, `state` and the required `vendorInformation`; `204 No Content`
//!   (securescorecontrolprofile-update.md).

use std::collections::HashSet;
use std::rc::Rc;

use oauth2::http::{self, header, Method, StatusCode};
use oauth2::AccessToken;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use url::Url;

use super::error::GraphError;
use super::records::{Collection, ControlProfile, ControlState, SecureScore, VendorInformation};
use super::settings::Endpoint;
use crate::servicenow::http::header as header_value;
use crate::servicenow::{HttpResponse, Transport};

/// The profiles' collection, under the Graph root.
pub const PROFILES_PATH: &str = "/v1.0/security/secureScoreControlProfiles";
/// The newest Secure Score, under the Graph root.
pub const LATEST_SCORE_PATH: &str = "/v1.0/security/secureScores?$top=1";
/// More pages than any tenant's profiles fill (300–500 profiles): past this, the links loop.
pub const MAX_PAGES: usize = 100;
/// Used when a 429 carries no readable `Retry-After`.
const DEFAULT_RETRY_AFTER_SECS: u32 = 10;

/// Every control profile, and how many requests it took (for the figures).
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileListing {
    pub profiles: Vec<ControlProfile>,
    pub requests: usize,
}

/// A connection to Microsoft Graph as one signed-in person.
#[derive(Clone)]
pub struct GraphClient {
    transport: Rc<dyn Transport>,
    graph: Endpoint,
    token: AccessToken,
}

impl GraphClient {
    pub fn new(transport: Rc<dyn Transport>, graph: Endpoint, token: AccessToken) -> Self {
        Self {
            transport,
            graph,
            token,
        }
    }

    /// Every page of control profiles, following `@odata.nextLink` to the end; a link to
    /// another origin than Graph's is refused before anything is sent to it.
    pub async fn control_profiles(&self) -> Result<ProfileListing, GraphError> {
        let mut profiles = Vec::new();
        let mut seen = HashSet::new();
        let mut next = Some(self.graph.join(PROFILES_PATH));
        let mut requests = 0;
        while let Some(url) = next.take() {
            if requests == MAX_PAGES || !seen.insert(url.clone()) {
                return Err(GraphError::EndlessPaging { pages: requests });
            }
            requests += 1;
            let page: Collection<ControlProfile> = self.get_json(&url).await?;
            profiles.extend(page.value);
            next = match page.next_link {
                Some(link) => Some(self.same_origin(&link)?),
                None => None,
            };
        }
        Ok(ProfileListing { profiles, requests })
    }

    /// The tenant's newest Secure Score, if Graph has one.
    pub async fn latest_score(&self) -> Result<Option<SecureScore>, GraphError> {
        let page: Collection<SecureScore> =
            self.get_json(&self.graph.join(LATEST_SCORE_PATH)).await?;
        Ok(page.value.into_iter().next())
    }

    /// The profile `id` as it is now: `GET .../secureScoreControlProfiles/{id}`
    /// (securescorecontrolprofile-get.md).
    pub async fn control_profile(&self, id: &str) -> Result<ControlProfile, GraphError> {
        self.get_json(self.profile_url(id)?.as_str()).await
    }

    /// Adds a `controlStateUpdates` entry to the profile `id`.
    pub async fn update_control(&self, id: &str, update: &ControlUpdate) -> Result<(), GraphError> {
        let url = self.profile_url(id)?;
        self.send(Method::PATCH, url.as_str(), Some(&update.body()))
            .await
            .map(|_| ())
    }

    /// One profile's address; `id` is one path segment, whatever it holds.
    fn profile_url(&self, id: &str) -> Result<Url, GraphError> {
        let mut url = Url::parse(&self.graph.join(PROFILES_PATH))
            .map_err(|e| GraphError::UnexpectedResponse(e.to_string()))?;
        url.path_segments_mut()
            .map_err(|()| GraphError::UnexpectedResponse("no path".into()))?
            .push(id);
        Ok(url)
    }

    /// A next link, resolved against the Graph root, when it stays on Graph's origin.
    fn same_origin(&self, link: &str) -> Result<String, GraphError> {
        let base = Url::parse(&self.graph.join("/"))
            .map_err(|e| GraphError::UnexpectedResponse(e.to_string()))?;
        let url = base.join(link).map_err(|_| GraphError::ForeignNextLink {
            url: link.to_owned(),
        })?;
        if url.origin().ascii_serialization() != self.graph.origin() {
            return Err(GraphError::ForeignNextLink {
                url: link.to_owned(),
            });
        }
        Ok(url.into())
    }

    async fn get_json<T: DeserializeOwned>(&self, url: &str) -> Result<T, GraphError> {
        let response = self.send(Method::GET, url, None).await?;
        serde_json::from_slice(response.body())
            .map_err(|e| GraphError::UnexpectedResponse(e.to_string()))
    }

    async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<&Value>,
    ) -> Result<HttpResponse, GraphError> {
        let mut request = http::Request::builder()
            .method(method)
            .uri(url)
            .header(header::ACCEPT, "application/json")
            .header(
                header::AUTHORIZATION,
                format!("Bearer {}", self.token.secret()),
            );
        let bytes = match body {
            Some(json) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                serde_json::to_vec(json)
                    .map_err(|e| GraphError::UnexpectedResponse(e.to_string()))?
            }
            None => Vec::new(),
        };
        let request = request
            .body(bytes)
            .map_err(|e| GraphError::UnexpectedResponse(e.to_string()))?;
        check(self.transport.send(request).await?)
    }
}

/// One `controlStateUpdates` entry to add.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlUpdate {
    pub comment: String,
    pub assigned_to: String,
    pub state: ControlState,
    pub vendor: VendorInformation,
}

impl ControlUpdate {
    /// Notes a ServiceNow ticket on the action: comment "ServiceNow {number}: {link}",
    /// assigned to the requester, the state left as it is (ThirdParty awards points and
    /// Ignored accepts the risk: a note must change neither), and the profile's own vendor
    /// information (Secure Score's when it carries none).
    pub fn ticket_note(
        profile: &ControlProfile,
        number: &str,
        link: &str,
        requester: &str,
    ) -> Self {
        let vendor = profile
            .vendor_information
            .clone()
            .filter(|v| !v.provider.is_empty() && !v.vendor.is_empty())
            .unwrap_or_else(VendorInformation::secure_score);
        Self {
            comment: Self::ticket_comment(number, link),
            assigned_to: requester.to_owned(),
            state: profile.state(),
            vendor,
        }
    }

    /// The note's text: "ServiceNow {number}: {link}".
    pub fn ticket_comment(number: &str, link: &str) -> String {
        format!("ServiceNow {number}: {link}")
    }

    /// The PATCH body: the request body **must** contain `vendorInformation` with `provider`
    /// and `vendor` (securescorecontrolprofile-update.md, "Request body").
    pub fn body(&self) -> Value {
        json!({
            "assignedTo": self.assigned_to,
            "comment": self.comment,
            "state": self.state.as_str(),
            "vendorInformation": self.vendor,
        })
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
}

/// Turns a non-success status into its error, reading Graph's `{"error":{"code","message"}}`.
fn check(response: HttpResponse) -> Result<HttpResponse, GraphError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let (code, message) = serde_json::from_slice::<ErrorBody>(response.body())
        .map(|b| (b.error.code, b.error.message))
        .unwrap_or_else(|_| (String::new(), status.to_string()));
    Err(match status {
        StatusCode::UNAUTHORIZED => GraphError::Unauthorized,
        StatusCode::FORBIDDEN => GraphError::Forbidden { code, message },
        StatusCode::NOT_FOUND => GraphError::NotFound { message },
        StatusCode::TOO_MANY_REQUESTS => GraphError::RateLimited {
            retry_after_secs: header_value(&response, "retry-after")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(DEFAULT_RETRY_AFTER_SECS),
        },
        _ => GraphError::Server {
            status: status.as_u16(),
            code,
            message,
        },
    })
}

#[cfg(test)]
#[path = "graph_tests.rs"]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "graph_props.rs"]
mod props;
