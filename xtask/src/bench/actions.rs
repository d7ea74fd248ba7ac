//! The improvement actions page with 500 live Microsoft 365 actions, beside the hand-written
//! page `xtask/bench/actions.html` rendering the same rows from the same Graph endpoints:
//! each timed from Graph's last answer to the 500th row painted, and the requests loading
//! the list took (Graph's pages and score, the ServiceNow ticket lookups, CORS preflights).

use std::collections::BTreeMap;
use std::time::Duration;

use snowcard_e2e::microsoft::ADELE as USER;
use snowcard_e2e::World;
use snowcard_sandbox::microsoft::GRAPH_PAGE_SIZE;

use super::harness::{self, Comparison, Load, Times};

/// How many control profiles the tenant has for this measurement.
pub const PROFILES: usize = 500;
const ROW: &str = ".sc-action-row";
const BASELINE: [(&str, &str); 2] = [
    (
        "bench/actions.html",
        include_str!("../../bench/actions.html"),
    ),
    ("bench/actions.js", include_str!("../../bench/actions.js")),
];

/// The requests one load of the list made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Requests {
    /// `GET secureScoreControlProfiles` pages and `GET secureScores` requests.
    pub graph: u32,
    pub graph_preflights: u32,
    /// Token endpoint requests (a renewal on load would show here).
    pub token: u32,
    /// ServiceNow `correlation_idIN` lookups per table: (requests, correlation ids asked).
    pub lookups: BTreeMap<String, (usize, usize)>,
    /// Every ServiceNow REST request of the load, lookups included, and its preflights.
    pub servicenow: u32,
    pub servicenow_preflights: u32,
}

impl Requests {
    /// What the formula says loading the list costs Graph.
    pub fn graph_formula() -> u32 {
        u32::try_from(PROFILES.div_ceil(GRAPH_PAGE_SIZE) + 1).unwrap_or(u32::MAX)
    }
}

/// The comparison, and what each load showed and requested.
#[derive(Debug, Clone)]
pub struct ActionsRun {
    pub comparison: Comparison,
    /// Rows each load showed, snowcard's and the baseline's.
    pub snowcard_rows: Vec<usize>,
    pub baseline_rows: Vec<usize>,
    /// Whether the baseline's first and last rows read as snowcard's did, on every load.
    pub same_rows: bool,
    /// Per load of snowcard, then of the baseline.
    pub snowcard_requests: Vec<Requests>,
    pub baseline_requests: Vec<Requests>,
}

impl ActionsRun {
    /// What makes the comparison unfair or the list's loading wrong: a page that did not
    /// show every action, rows that read differently, request counts off the formula, a
    /// table whose lookups did not ask for every action. Empty when all is well.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let sides = [
            ("snowcard", &self.snowcard_rows, &self.snowcard_requests),
            ("the baseline", &self.baseline_rows, &self.baseline_requests),
        ];
        for (page, rows, requests) in sides {
            if let Some(n) = rows.iter().find(|n| **n != PROFILES) {
                problems.push(format!("{page} showed {n} rows, not {PROFILES}"));
            }
            if let Some(r) = requests
                .iter()
                .find(|r| r.graph != Requests::graph_formula())
            {
                problems.push(format!(
                    "{page} made {} Graph requests, not {}",
                    r.graph,
                    Requests::graph_formula()
                ));
            }
        }
        if !self.same_rows {
            problems.push("the baseline's rows do not read as snowcard's".into());
        }
        for r in &self.snowcard_requests {
            for table in ["change_request", "incident"] {
                match r.lookups.get(table) {
                    Some((_, ids)) if *ids == PROFILES => {}
                    found => problems.push(format!(
                        "snowcard's {table} lookups asked for {} ids, not {PROFILES}",
                        found.map_or(0, |(_, ids)| *ids)
                    )),
                }
            }
        }
        problems.dedup();
        problems
    }
}

/// Signs in to ServiceNow and Microsoft 365, sizes the tenant, then loads each page once to
/// warm up and `runs` times more, alternating so that neither gets the machine's quieter
/// moments.
pub async fn measure(runs: usize) -> ActionsRun {
    let (world, app, baseline) = prepare().await;
    // One load of each first, not counted: the browser's caches hold the same files for
    // every counted load.
    harness::fresh_load(&world, &app).await;
    harness::fresh_load(&world, &baseline).await;
    let (mut snowcard, mut hand) = (Side::default(), Side::default());
    for _ in 0..runs {
        let load = load_counted(&world, &app, true).await;
        snowcard.push(load);
        let load = load_counted(&world, &baseline, false).await;
        hand.push(load);
    }
    world.stop().await;
    let same_rows = snowcard
        .rows
        .iter()
        .all(|ends| hand.rows.iter().all(|other| other == ends));
    let comparison = Comparison {
        name: format!("Improvement actions, {PROFILES} live from Microsoft 365"),
        answer: "Graph's last answer (Resource Timing responseEnd)".into(),
        snowcard: snowcard.times,
        baseline: hand.times,
        notes: notes(&snowcard.requests, &hand.requests),
    };
    ActionsRun {
        comparison,
        snowcard_rows: snowcard.counts,
        baseline_rows: hand.counts,
        same_rows,
        snowcard_requests: snowcard.requests,
        baseline_requests: hand.requests,
    }
}

/// A browser signed in to ServiceNow and Microsoft 365 with the tenant sized and the probe
/// installed, and the addresses of the two pages: snowcard's and the baseline's.
pub async fn prepare() -> (World, String, String) {
    let world = World::start_with_files(&BASELINE, |_| {}).await;
    world.connect("Allow").await;
    world.wait_for_text("as Snowcard Integration").await;
    world.click("Improvement actions").await;
    world.connect_microsoft(USER).await;
    let ms = world.sandbox.control().microsoft();
    assert_eq!(
        ms.set_profile_count(PROFILES),
        PROFILES,
        "the tenant is sized"
    );
    let graph = world.sandbox.url().trim_end_matches('/').to_owned();
    let token = microsoft_token(&world).await;
    harness::install_probe(&world, ROW, PROFILES, &format!("{graph}/v1.0/")).await;
    let app = format!("{}#/actions?deprecated=shown", world.app_url());
    let baseline = format!(
        "{}bench/actions.html#graph={graph}&token={token}",
        world.app_url()
    );
    (world, app, baseline)
}

#[derive(Default)]
struct Side {
    times: Times,
    counts: Vec<usize>,
    rows: Vec<(String, String)>,
    requests: Vec<Requests>,
}

impl Side {
    fn push(&mut self, (load, requests): (Load, Requests)) {
        self.times.push(&load);
        self.counts.push(load.rows);
        self.rows.push((load.first_row, load.last_row));
        self.requests.push(requests);
    }
}

/// One fresh load, with the sandbox's counters reset before it and read once the ticket
/// lookups that follow the rows are done (snowcard's; the baseline makes none).
async fn load_counted(world: &World, url: &str, lookups: bool) -> (Load, Requests) {
    let (sn, ms) = (world.sandbox.control(), world.sandbox.control().microsoft());
    sn.reset_requests();
    ms.reset_requests();
    let mut load = harness::fresh_load(world, url).await;
    let tables_done = |fetched: &[String]| {
        let found = lookups_of(fetched);
        ["change_request", "incident"]
            .iter()
            .all(|t| found.get(*t).is_some_and(|(_, ids)| *ids >= PROFILES))
    };
    let deadline = Duration::from_secs(if lookups { 20 } else { 0 });
    load.settle(world, deadline, tables_done).await;
    let (m, s) = (ms.requests(), sn.requests());
    let requests = Requests {
        graph: m.profile_pages + m.scores,
        graph_preflights: m.preflights,
        token: m.token,
        lookups: lookups_of(&load.fetched),
        servicenow: s.api,
        servicenow_preflights: s.preflights,
    };
    (load, requests)
}

/// The `correlation_idIN` lookups among `fetched`, per table: (requests, ids asked).
fn lookups_of(fetched: &[String]) -> BTreeMap<String, (usize, usize)> {
    let mut found: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for address in fetched {
        let Ok(url) = url::Url::parse(address) else {
            continue;
        };
        let Some(table) = url.path().strip_prefix("/api/now/table/") else {
            continue;
        };
        let query = url.query_pairs().find(|(k, _)| k == "sysparm_query");
        let Some(ids) = query.and_then(|(_, q)| {
            let list = q
                .strip_prefix("correlation_idIN")?
                .split('^')
                .next()?
                .to_owned();
            Some(list.split(',').filter(|id| !id.is_empty()).count())
        }) else {
            continue;
        };
        let entry = found.entry(table.to_owned()).or_default();
        entry.0 += 1;
        entry.1 += ids;
    }
    found
}

/// The access token the app keeps for Microsoft 365: the baseline calls Graph with it.
async fn microsoft_token(world: &World) -> String {
    let stored = world.session_storage("snowcard:ms-session").await;
    let session: serde_json::Value =
        serde_json::from_str(&stored.expect("a stored Microsoft 365 session")).expect("JSON");
    find_string(&session, "access_token").expect("an access token in the session")
}

fn find_string(value: &serde_json::Value, key: &str) -> Option<String> {
    match value {
        serde_json::Value::Object(map) => map
            .get(key)
            .and_then(|v| v.as_str().map(str::to_owned))
            .or_else(|| map.values().find_map(|v| find_string(v, key))),
        serde_json::Value::Array(items) => items.iter().find_map(|v| find_string(v, key)),
        _ => None,
    }
}

/// The request counts, as printed: the first load's, with the range over all loads.
fn notes(snowcard: &[Requests], baseline: &[Requests]) -> Vec<String> {
    let range = |of: &dyn Fn(&Requests) -> u32, loads: &[Requests]| {
        let values: Vec<u32> = loads.iter().map(of).collect();
        let (min, max) = (values.iter().min(), values.iter().max());
        match (values.first(), min, max) {
            (Some(first), Some(min), Some(max)) if min == max => format!("{first}"),
            (Some(first), Some(min), Some(max)) => format!("{first} (first load; {min}-{max})"),
            _ => "-".into(),
        }
    };
    let mut lines = vec![
        format!(
            "Graph requests loading the list: snowcard {}, baseline {}; formula ceil({PROFILES} / {GRAPH_PAGE_SIZE}) + 1 = {}",
            range(&|r| r.graph, snowcard),
            range(&|r| r.graph, baseline),
            Requests::graph_formula()
        ),
        format!(
            "Graph CORS preflights: snowcard {}, baseline {}; token requests: snowcard {}",
            range(&|r| r.graph_preflights, snowcard),
            range(&|r| r.graph_preflights, baseline),
            range(&|r| r.token, snowcard),
        ),
    ];
    if let Some(first) = snowcard.first() {
        let tables: Vec<String> = first
            .lookups
            .iter()
            .map(|(table, (pages, ids))| format!("{table} {pages} ({ids} ids)"))
            .collect();
        lines.push(format!(
            "ServiceNow ticket lookups (correlation_idIN pages per table): {}",
            tables.join(", ")
        ));
    }
    lines.push(format!(
        "ServiceNow requests on snowcard's load: {} REST (lookups included), {} CORS preflights",
        range(&|r| r.servicenow, snowcard),
        range(&|r| r.servicenow_preflights, snowcard),
    ));
    lines
}
