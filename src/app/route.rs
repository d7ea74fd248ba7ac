//! Every view's address: the typed [`Route`], how it is printed and read back, and where in
//! the page's address it lives (see [`Address`]).
//!
//! A route is printed as a path and a query, `/tickets?table=incident&state=2&page=2`: the
//! path names the view (yew-router's [`Routable`] derive recognises it) and the query holds
//! the view's filters, with every default left out, so one view has one address. Reading is
//! strict: an unknown path or a value that does not read is a [`RouteError`], which the app
//! shows as a short note on the home page.

use std::fmt::Write as _;

use thiserror::Error;
use url::form_urlencoded;
use url::Url;
use yew_router::Routable;

use super::catalog::Category;
use super::state::{TicketsScope, View};
use crate::microsoft::{ActionSort, ActionStatus};
use crate::servicenow::ticket_query::is_state_value;
use crate::servicenow::{Priority, Sort, SortField, TicketKind};

/// The longest search text an address carries (the fields accept 100 characters).
const SEARCH_LIMIT: usize = 100;

/// The path of each view, as yew-router recognises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Routable)]
enum Path {
    #[at("/")]
    Home,
    #[at("/setup")]
    Setup,
    #[at("/status")]
    Status,
    #[at("/actions")]
    Actions,
    #[at("/share")]
    Share,
    #[at("/tickets")]
    Tickets,
    #[at("/manage")]
    Manage,
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

/// The improvement actions page's search and category; and, for the live list from
/// Microsoft 365, its order, status, service, shared and deprecated filters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionsFilter {
    pub search: String,
    pub category: Option<Category>,
    pub sort: ActionSort,
    pub status: Option<ActionStatus>,
    pub service: Option<String>,
    /// `Some(true)`: only actions with a ServiceNow ticket; `Some(false)`: only without.
    pub shared: Option<bool>,
    pub deprecated: bool,
}

/// What "View all tickets" lists, and which page of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TicketsFilter {
    pub scope: TicketsScope,
    /// A state value of the chosen table (`"-5"`, `"2"`); only with one table.
    pub state: Option<String>,
    pub priority: Option<Priority>,
    pub search: String,
    pub sort: Sort,
    /// 1-based.
    pub page: u32,
}

/// A view and everything that tells its content apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Route {
    #[default]
    Home,
    Setup,
    Status,
    Actions(ActionsFilter),
    /// The share form: of the improvement action `action`, or (`None`) of a ticket without one.
    Share {
        action: Option<String>,
    },
    Tickets(TicketsFilter),
    Manage,
}

/// Why an address does not name a view.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RouteError {
    #[error("no view has the address {0:?}")]
    UnknownPath(String),
    #[error("the address's {name} ({value:?}) does not read")]
    BadValue { name: &'static str, value: String },
}

impl TicketsFilter {
    /// Every ticket of `scope`, first page, default order.
    pub fn of(scope: TicketsScope) -> Self {
        Self {
            scope,
            page: 1,
            ..Self::default()
        }
    }
}

impl Route {
    /// "View all tickets" with no filter.
    pub fn tickets(scope: TicketsScope) -> Self {
        Route::Tickets(TicketsFilter::of(scope))
    }

    /// The improvement actions with no filter.
    pub fn actions() -> Self {
        Route::Actions(ActionsFilter::default())
    }

    /// The kind of page this route shows.
    pub fn view(&self) -> View {
        match self {
            Route::Home => View::Home,
            Route::Setup => View::Setup,
            Route::Status => View::Status,
            Route::Actions(_) => View::Actions,
            Route::Share { .. } => View::Share,
            Route::Tickets(filter) => View::Tickets(filter.scope),
            Route::Manage => View::Manage,
        }
    }

    /// The route that opens a page kind with nothing filtered.
    pub fn of_view(view: View) -> Self {
        match view {
            View::Home => Route::Home,
            View::Setup => Route::Setup,
            View::Status => Route::Status,
            View::Actions => Route::actions(),
            View::Share => Route::Share { action: None },
            View::Tickets(scope) => Route::tickets(scope),
            View::Manage => Route::Manage,
        }
    }

    /// Whether the view needs a connection to show (the others show with or without one).
    pub fn needs_connection(&self) -> bool {
        !matches!(self, Route::Home | Route::Setup | Route::Status)
    }

    /// The path, as yew-router's history takes it.
    pub fn path(&self) -> String {
        match self {
            Route::Home => Path::Home,
            Route::Setup => Path::Setup,
            Route::Status => Path::Status,
            Route::Actions(_) => Path::Actions,
            Route::Share { .. } => Path::Share,
            Route::Tickets(_) => Path::Tickets,
            Route::Manage => Path::Manage,
        }
        .to_path()
    }

    /// The query (without `?`; empty when every filter is at its default).
    pub fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        match self {
            Route::Actions(filter) => {
                if !filter.search.is_empty() {
                    query.append_pair("q", &filter.search);
                }
                if let Some(category) = filter.category {
                    query.append_pair("category", category_value(category));
                }
                if filter.sort != ActionSort::default() {
                    query.append_pair("sort", action_sort_value(filter.sort));
                }
                if let Some(status) = filter.status {
                    query.append_pair("status", status_value(status));
                }
                if let Some(service) = &filter.service {
                    query.append_pair("service", service);
                }
                if let Some(shared) = filter.shared {
                    query.append_pair("shared", if shared { "yes" } else { "no" });
                }
                if filter.deprecated {
                    query.append_pair("deprecated", "shown");
                }
            }
            Route::Share {
                action: Some(action),
            } => {
                query.append_pair("action", action);
            }
            Route::Tickets(filter) => {
                if filter.scope != TicketsScope::All {
                    query.append_pair("table", scope_value(filter.scope));
                }
                if let Some(state) = &filter.state {
                    query.append_pair("state", state);
                }
                if let Some(priority) = filter.priority {
                    query.append_pair("priority", &priority.number().to_string());
                }
                if !filter.search.is_empty() {
                    query.append_pair("q", &filter.search);
                }
                if filter.sort != Sort::default() {
                    query.append_pair("sort", &sort_value(filter.sort));
                }
                if filter.page > 1 {
                    query.append_pair("page", &filter.page.to_string());
                }
            }
            _ => {}
        }
        query.finish()
    }

    /// Path and query: `/tickets?table=incident&page=2`.
    pub fn target(&self) -> String {
        let mut target = self.path();
        let query = self.query();
        if !query.is_empty() {
            let _ = write!(target, "?{query}");
        }
        target
    }

    /// Reads a path and query (`query` with or without its `?`).
    pub fn parse(path: &str, query: &str) -> Result<Route, RouteError> {
        let path = if path.is_empty() { "/" } else { path };
        // route-recognizer 0.3 underflows on a NUL (`char as u32 - 1`): a panic in a debug
        // build, and no path of ours holds a control character anyway.
        let recognised = if path.starts_with('/') && !path.contains(char::is_control) {
            Path::recognize(path).unwrap_or(Path::NotFound)
        } else {
            Path::NotFound
        };
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
                .into_owned()
                .collect();
        // The last value of a name wins, as URLSearchParams.get does not, but as a person
        // editing an address expects.
        let get = |name: &str| {
            pairs
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        let route = match recognised {
            Path::Home => Route::Home,
            Path::Setup => Route::Setup,
            Path::Status => Route::Status,
            Path::Manage => Route::Manage,
            Path::Actions => actions(&get)?,
            Path::Share => Route::Share {
                action: match get("action") {
                    None => None,
                    Some(value) if !value.trim().is_empty() && value.len() <= 200 => Some(value),
                    Some(value) => {
                        return Err(RouteError::BadValue {
                            name: "action",
                            value,
                        })
                    }
                },
            },
            Path::Tickets => tickets(&get)?,
            Path::NotFound => return Err(RouteError::UnknownPath(path.to_owned())),
        };
        Ok(route)
    }

    /// Reads a target as [`Route::target`] prints it.
    pub fn parse_target(target: &str) -> Result<Route, RouteError> {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        Route::parse(path, query)
    }
}

fn search(value: Option<String>) -> Result<String, RouteError> {
    match value {
        None => Ok(String::new()),
        Some(value) if value.chars().count() <= SEARCH_LIMIT => Ok(value),
        Some(value) => Err(RouteError::BadValue { name: "q", value }),
    }
}

fn actions(get: &dyn Fn(&str) -> Option<String>) -> Result<Route, RouteError> {
    let bad = |name: &'static str, value: String| RouteError::BadValue { name, value };
    let category = match get("category") {
        None => None,
        Some(value) => Some(Category::parse(&value).ok_or_else(|| bad("category", value))?),
    };
    let sort = match get("sort") {
        None => ActionSort::default(),
        Some(value) => ActionSort::ALL
            .into_iter()
            .find(|s| action_sort_value(*s) == value)
            .ok_or_else(|| bad("sort", value))?,
    };
    let status = match get("status") {
        None => None,
        Some(value) => Some(
            ActionStatus::ALL
                .into_iter()
                .find(|s| status_value(*s) == value)
                .ok_or_else(|| bad("status", value))?,
        ),
    };
    let service = match get("service") {
        None => None,
        Some(value) if !value.trim().is_empty() && value.len() <= 100 => Some(value),
        Some(value) => return Err(bad("service", value)),
    };
    let shared = match get("shared").as_deref() {
        None => None,
        Some("yes") => Some(true),
        Some("no") => Some(false),
        Some(value) => return Err(bad("shared", value.to_owned())),
    };
    let deprecated = match get("deprecated").as_deref() {
        None => false,
        Some("shown") => true,
        Some(value) => return Err(bad("deprecated", value.to_owned())),
    };
    Ok(Route::Actions(ActionsFilter {
        search: search(get("q"))?,
        category,
        sort,
        status,
        service,
        shared,
        deprecated,
    }))
}

/// The live list's order as the address and the drop-down name it.
pub fn action_sort_value(sort: ActionSort) -> &'static str {
    match sort {
        ActionSort::Rank => "rank",
        ActionSort::ToGain => "gain",
        ActionSort::Title => "title",
    }
}

/// A status as the address and the drop-down name it.
pub fn status_value(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::ToAddress => "to_address",
        ActionStatus::Completed => "completed",
        ActionStatus::RiskAccepted => "risk_accepted",
        ActionStatus::ResolvedThirdParty => "third_party",
    }
}

fn tickets(get: &dyn Fn(&str) -> Option<String>) -> Result<Route, RouteError> {
    let bad = |name: &'static str, value: String| RouteError::BadValue { name, value };
    let scope = match get("table") {
        None => TicketsScope::All,
        Some(value) => parse_scope(&value).ok_or_else(|| bad("table", value))?,
    };
    let state = match get("state") {
        None => None,
        // State values differ between tables, so a state needs one table.
        Some(value) if scope != TicketsScope::All && is_state_value(&value) => Some(value),
        Some(value) => return Err(bad("state", value)),
    };
    let priority = match get("priority") {
        None => None,
        Some(value) => Some(
            value
                .parse()
                .ok()
                .and_then(Priority::from_number)
                .ok_or_else(|| bad("priority", value))?,
        ),
    };
    let sort = match get("sort") {
        None => Sort::default(),
        Some(value) => parse_sort(&value).ok_or_else(|| bad("sort", value))?,
    };
    let page = match get("page") {
        None => 1,
        Some(value) => value
            .parse::<u32>()
            .ok()
            .filter(|page| (1..=100_000).contains(page))
            .ok_or_else(|| bad("page", value))?,
    };
    Ok(Route::Tickets(TicketsFilter {
        scope,
        state,
        priority,
        search: search(get("q"))?,
        sort,
        page,
    }))
}

/// The table choice as the address and the drop-down name it.
pub fn scope_value(scope: TicketsScope) -> &'static str {
    match scope {
        TicketsScope::All => "all",
        TicketsScope::Only(TicketKind::ChangeRequest) => "change_request",
        TicketsScope::Only(TicketKind::Incident) => "incident",
    }
}

pub fn parse_scope(value: &str) -> Option<TicketsScope> {
    match value {
        "all" => Some(TicketsScope::All),
        "change_request" => Some(TicketsScope::Only(TicketKind::ChangeRequest)),
        "incident" => Some(TicketsScope::Only(TicketKind::Incident)),
        _ => None,
    }
}

/// `sys_created_on-desc`: the sort as the address and the drop-down name it.
pub fn sort_value(sort: Sort) -> String {
    format!(
        "{}-{}",
        sort.field.column(),
        if sort.descending { "desc" } else { "asc" }
    )
}

pub fn parse_sort(value: &str) -> Option<Sort> {
    let (column, direction) = value.split_once('-')?;
    let field = SortField::ALL.into_iter().find(|f| f.column() == column)?;
    let descending = match direction {
        "desc" => true,
        "asc" => false,
        _ => return None,
    };
    Some(Sort { field, descending })
}

/// The category as the address and the drop-down name it.
pub fn category_value(category: Category) -> &'static str {
    match category {
        Category::Identity => "identity",
        Category::Data => "data",
        Category::Device => "device",
        Category::Apps => "apps",
        Category::Infrastructure => "infrastructure",
    }
}

/// Where to go once a fresh sign-in's session is taken into use, if anywhere: where the
/// person was headed (`destination`); else, when the address names no view (an embedded
/// component's memory, `named` false), the open draft's form; else from the setup page home.
/// (A reload with a saved session stays where its address is: see the route's first entry.)
pub fn after_connecting(
    named: bool,
    here: &Route,
    destination: Option<Route>,
    open_draft: Option<Route>,
) -> Option<Route> {
    destination
        .or(open_draft.filter(|_| !named))
        .or_else(|| (*here == Route::Setup).then_some(Route::Home))
        .filter(|next| next != here)
}

/// Where a component keeps its route in the page's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// Nowhere: history in memory only (an embedded component's default).
    Memory,
    /// The whole fragment is the route: `index.html#/tickets?page=2` (the standalone page).
    Fragment,
    /// One parameter of the fragment, the host's other fragment parts kept as they are:
    /// `#section&sc=tickets%3Fpage%3D2`.
    HashParam(String),
    /// One parameter of the query, the host's other parameters kept as they are:
    /// `?tab=security&sc=tickets%3Fpage%3D2`.
    QueryParam(String),
}

/// How an embedded component keeps its route (the `routing` option).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Routing {
    #[default]
    None,
    Hash,
    Query,
}

impl Routing {
    pub fn parse(value: &str) -> Option<Routing> {
        match value.trim().to_ascii_lowercase().as_str() {
            "none" => Some(Routing::None),
            "hash" => Some(Routing::Hash),
            "query" => Some(Routing::Query),
            _ => None,
        }
    }
}

impl Address {
    /// The route target kept in `url`, if there is one (`None`: the address names no view,
    /// so the component starts where its options say).
    pub fn read(&self, url: &Url) -> Option<String> {
        match self {
            Address::Memory => None,
            Address::Fragment => url.fragment().filter(|f| !f.is_empty()).map(str::to_owned),
            Address::HashParam(name) => param(url.fragment().unwrap_or_default(), name),
            Address::QueryParam(name) => param(url.query().unwrap_or_default(), name),
        }
    }

    /// `url` with `target` kept in it; `None` (the start view, which an address without a
    /// route leads to) removes it, so the host's address is as it was before.
    pub fn write(&self, url: &Url, target: Option<&str>) -> Url {
        let mut next = url.clone();
        match self {
            Address::Memory => {}
            Address::Fragment => next.set_fragment(target.filter(|t| *t != "/")),
            Address::HashParam(name) => {
                let fragment = with_param(url.fragment().unwrap_or_default(), name, target);
                next.set_fragment(
                    Some(&fragment)
                        .filter(|f| !f.is_empty())
                        .map(|f| f.as_str()),
                );
            }
            Address::QueryParam(name) => {
                let query = with_param(url.query().unwrap_or_default(), name, target);
                next.set_query(Some(&query).filter(|q| !q.is_empty()).map(|q| q.as_str()));
            }
        }
        next
    }
}

/// The value of the `&`-separated parameter `name` (decoded, with the leading `/` added
/// back), if present.
fn param(parts: &str, name: &str) -> Option<String> {
    form_urlencoded::parse(parts.as_bytes())
        .filter(|(n, _)| n == name)
        .last()
        .map(|(_, v)| format!("/{}", v.trim_start_matches('/')))
}

/// `parts` with parameter `name` set to `target` (without its leading `/`), or removed; every
/// other part is kept byte for byte, in order.
fn with_param(parts: &str, name: &str, target: Option<&str>) -> String {
    if target.is_none() && param(parts, name).is_none() {
        // Nothing of this component's to remove: the host's address stays as written.
        return parts.to_owned();
    }
    let mine = |part: &&str| {
        let key = part.split('=').next().unwrap_or_default();
        form_urlencoded::parse(key.as_bytes())
            .next()
            .is_some_and(|(k, _)| k == name)
    };
    let mut kept: Vec<String> = parts
        .split('&')
        .filter(|p| !p.is_empty() && !mine(p))
        .map(str::to_owned)
        .collect();
    if let Some(target) = target {
        let value: String =
            form_urlencoded::byte_serialize(target.trim_start_matches('/').as_bytes()).collect();
        let key: String = form_urlencoded::byte_serialize(name.as_bytes()).collect();
        kept.push(format!("{key}={value}"));
    }
    kept.join("&")
}

#[cfg(test)]
#[path = "route_tests.rs"]
mod tests;
