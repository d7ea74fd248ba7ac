//! The end-to-end harness: a sandbox instance, the built app on its own origin, and a headless
//! Chromium under ChromeDriver, one set per test. Helpers find things the way a person does:
//! fields by their label, buttons and links by their name.
//!
//! Needs the release build in `SNOWCARD_DIST` (default `<workspace>/dist`, made by
//! `cargo xtask build`), `CHROMEDRIVER` and `CHROME` (default `/usr/bin/chromedriver` and
//! `/usr/bin/chromium`). `cargo xtask test` sets all three.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use snowcard_sandbox::{AppHost, Config, Sandbox};
use tokio::process::{Child, Command};

pub use snowcard_sandbox::{
    Control, Fault, DEMO_CLIENT_ID, PORTAL_ELEMENT_CLIENT_ID, PORTAL_MOUNTED_CLIENT_ID, PORTAL_PATH,
};

pub mod a11y;
mod cdp;
mod component;
pub mod locale;
pub mod microsoft;
mod page_errors;
pub mod portal;

/// How long any wait may take before the test fails with what the page showed.
pub(crate) const DEADLINE: Duration = Duration::from_secs(20);

/// The integration user of the sandbox's demo configuration.
pub const USER: (&str, &str) = ("snowcard.integration", "sandbox-demo");

/// A running sandbox, app and browser.
pub struct World {
    pub sandbox: Sandbox,
    pub app: AppHost,
    pub browser: Client,
    /// The sys_ids of the sandbox's seed records, to tell them from what a test creates.
    seeded: std::collections::HashSet<String>,
    /// Held so ChromeDriver lives as long as the test (`kill_on_drop`).
    _driver: Child,
    profile: TempDir,
    /// A copy of the build the test may change (see `start_portal`), removed afterwards.
    _served: Option<TempDir>,
    /// Whether axe-core ran in the page: it adds a `<style>` element of its own while it
    /// measures, which the page's `style-src` refuses (a report of the tool, not the app).
    pub(crate) axe_ran: std::sync::atomic::AtomicBool,
}

impl World {
    /// Starts everything with the demo configuration.
    pub async fn start() -> World {
        Self::start_with(|_| {}).await
    }

    /// Starts everything, letting the test adjust the sandbox's configuration first.
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> World {
        Self::serving(dist(), None, adjust).await
    }

    /// Starts everything, serving the app under a Content-Security-Policy whose
    /// `connect-src` allows only `'self'` and `connect_src`: a deployment for other instances.
    pub async fn start_with_connect_src(connect_src: &[&str]) -> World {
        let connect_src = connect_src.iter().map(|s| (*s).to_owned()).collect();
        Self::serving_with(dist(), None, connect_src, |_| {}).await
    }

    /// Starts everything, serving a copy of the build whose `index.html` names this test's
    /// sandbox and `client_id` on `<main id="snowcard">`, as `cargo xtask serve --instance
    /// … --client-id …` writes them.
    pub async fn start_prefilled(client_id: &str) -> World {
        let served = TempDir::named("prefilled");
        portal::copy_dir(&dist(), &served.0).expect("the build is copied");
        let index = served.0.join("index.html");
        let world = Self::serving(served.0.clone(), Some(served), |_| {}).await;
        let html = std::fs::read_to_string(&index).expect("index.html");
        let root = format!(
            "<main id=\"snowcard\" data-instance=\"{}\" data-client-id=\"{client_id}\">",
            world.sandbox.url()
        );
        assert!(html.contains("<main id=\"snowcard\">"), "a plain build");
        let html = html.replace("<main id=\"snowcard\">", &root);
        std::fs::write(&index, html).expect("index.html is written");
        world
    }

    /// Starts everything, serving a copy of the build with `files` added (a path relative
    /// to the build, and its text): pages that run beside the app on its origin, such as
    /// the benchmark's hand-written baseline.
    pub async fn start_with_files(
        files: &[(&str, &str)],
        adjust: impl FnOnce(&mut Config),
    ) -> World {
        let served = TempDir::named("files");
        portal::copy_dir(&dist(), &served.0).expect("the build is copied");
        for (path, text) in files {
            let file = served.0.join(path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent).expect("a folder for the file");
            }
            std::fs::write(&file, text).expect("the file is written");
        }
        Self::serving(served.0.clone(), Some(served), adjust).await
    }

    pub(crate) async fn serving(
        dist: PathBuf,
        served: Option<TempDir>,
        adjust: impl FnOnce(&mut Config),
    ) -> World {
        // The sandbox's port is not known yet; any loopback port may be connected to.
        let connect_src = vec!["http://127.0.0.1:*".into()];
        Self::serving_with(dist, served, connect_src, adjust).await
    }

    async fn serving_with(
        dist: PathBuf,
        served: Option<TempDir>,
        connect_src: Vec<String>,
        adjust: impl FnOnce(&mut Config),
    ) -> World {
        let any_port = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        let app = snowcard_sandbox::serve_app(dist, any_port, connect_src)
            .await
            .expect("the app host starts");
        let origin = app.url().trim_end_matches('/').to_owned();
        let mut config = Config::demo(&origin, &format!("{origin}/"));
        adjust(&mut config);
        let sandbox = Sandbox::start(config).await.expect("the sandbox starts");
        let seeded = ["incident", "change_request"]
            .iter()
            .flat_map(|table| sandbox.control().records(table))
            .filter_map(|r| r.get("sys_id").and_then(|v| v.as_str()).map(str::to_owned))
            .collect();
        let (driver, port) = start_driver().await;
        let profile = TempDir::new();
        let browser = connect_browser(port, &profile).await;
        World {
            sandbox,
            app,
            browser,
            seeded,
            _driver: driver,
            profile,
            _served: served,
            axe_ran: Default::default(),
        }
    }

    /// The records of `table` created since the sandbox started (its seed records left out).
    pub fn created_records(&self, table: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
        let records = self.sandbox.control().records(table);
        let is_new = |r: &serde_json::Map<String, serde_json::Value>| {
            r.get("sys_id")
                .and_then(|v| v.as_str())
                .is_some_and(|id| !self.seeded.contains(id))
        };
        records.into_iter().filter(is_new).collect()
    }

    /// How many change requests the instance stores whose short description contains
    /// `text` (any case): what a search for it must find.
    pub fn change_requests_with(&self, text: &str) -> usize {
        let text = text.to_lowercase();
        self.sandbox
            .control()
            .records("change_request")
            .iter()
            .filter(|r| {
                r.get("short_description")
                    .and_then(|v| v.as_str())
                    .is_some_and(|t| t.to_lowercase().contains(&text))
            })
            .count()
    }

    /// The app's address, as a person would type it.
    pub fn app_url(&self) -> String {
        format!("{}/", self.app.url().trim_end_matches('/'))
    }

    /// The sandbox's host and port, as the app names the instance.
    pub fn instance_label(&self) -> String {
        self.sandbox.url().trim_start_matches("http://").to_owned()
    }

    pub async fn open_app(&self) {
        self.browser
            .goto(&self.app_url())
            .await
            .expect("the app opens");
    }

    /// The page's visible text.
    pub async fn text(&self) -> String {
        match self.browser.find(Locator::Css("body")).await {
            Ok(body) => body.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    pub async fn url(&self) -> String {
        self.browser
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    }

    /// Waits until the page shows `text`; fails with the page's text after the deadline.
    pub async fn wait_for_text(&self, text: &str) {
        let start = Instant::now();
        loop {
            let shown = self.text().await;
            if shown.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {text:?} at {}; the page shows:\n{shown}",
                self.url().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `condition` holds (polled), with the same deadline.
    pub async fn wait_until(&self, what: &str, condition: impl Fn() -> bool) {
        let start = Instant::now();
        while !condition() {
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; the page shows:\n{}",
                self.text().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `script` (run in the page) returns `true`.
    pub async fn wait_until_script(&self, what: &str, script: &str) {
        let start = Instant::now();
        while self.run_script(script, vec![]).await != serde_json::Value::Bool(true) {
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {what}; the page shows:\n{}",
                self.text().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub(crate) async fn find_eventually(&self, what: &str, xpath: &str) -> Element {
        let start = Instant::now();
        loop {
            if let Ok(found) = self.browser.find(Locator::XPath(xpath)).await {
                if found.is_displayed().await.unwrap_or(false) {
                    return found;
                }
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {what} at {}; the page shows:\n{}",
                self.url().await,
                self.text().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks the button (or submit input, or link) named `name`.
    pub async fn click(&self, name: &str) {
        let n = literal(name);
        let xpath = format!(
            "//button[normalize-space(.)={n}] | //input[(@type='submit' or @type='button') and @value={n}] | //a[normalize-space(.)={n}]"
        );
        let element = self
            .find_eventually(&format!("button named {name:?}"), &xpath)
            .await;
        element.click().await.expect("clicked");
    }

    /// Types `value` into the field whose label starts with `label`, replacing what was there.
    pub async fn fill(&self, label: &str, value: &str) {
        let xpath = format!(
            "//input[@id=//label[starts-with(normalize-space(.), {})]/@for]",
            literal(label)
        );
        let input = self
            .find_eventually(&format!("field labelled {label:?}"), &xpath)
            .await;
        input.clear().await.expect("cleared");
        input.send_keys(value).await.expect("typed");
    }

    /// Clicks the checkbox or switch labelled `label`.
    pub async fn toggle(&self, label: &str) {
        let xpath = format!(
            "//input[@type='checkbox' and @id=//label[normalize-space(.)={}]/@for]",
            literal(label)
        );
        let input = self
            .find_eventually(&format!("switch labelled {label:?}"), &xpath)
            .await;
        input.click().await.expect("toggled");
    }

    /// Chooses `option` in the drop-down labelled `label`.
    pub async fn select(&self, label: &str, option: &str) {
        let xpath = format!(
            "//select[@id=//label[starts-with(normalize-space(.), {})]/@for]/option[normalize-space(.)={}]",
            literal(label),
            literal(option)
        );
        let element = self
            .find_eventually(&format!("option {option:?} of {label:?}"), &xpath)
            .await;
        element.click().await.expect("chosen");
    }

    /// The current value of the field labelled `label`.
    pub async fn value_of(&self, label: &str) -> String {
        let xpath = format!(
            "//*[(self::input or self::textarea or self::select) and @id=//label[starts-with(normalize-space(.), {})]/@for]",
            literal(label)
        );
        let element = self
            .find_eventually(&format!("field labelled {label:?}"), &xpath)
            .await;
        element
            .prop("value")
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// The texts of the options of the drop-down labelled `label`, in order.
    pub async fn options_of(&self, label: &str) -> Vec<String> {
        let xpath = format!(
            "//select[@id=//label[starts-with(normalize-space(.), {})]/@for]",
            literal(label)
        );
        self.find_eventually(&format!("drop-down labelled {label:?}"), &xpath)
            .await;
        let script = "const id = [...document.querySelectorAll('label')].find(l => l.textContent.trim().startsWith(arguments[0])).htmlFor;\
            return [...document.getElementById(id).options].map(o => o.textContent.trim());";
        let value = self
            .run_script(script, vec![serde_json::Value::from(label)])
            .await;
        strings(&value)
    }

    /// Whether the field labelled `label` is marked invalid, and the text tied to it by
    /// `aria-describedby` (its hint, status and error), as assistive technology reads it.
    pub async fn described(&self, label: &str) -> (bool, String) {
        let script = "const id = [...document.querySelectorAll('label')].find(l => l.textContent.trim().startsWith(arguments[0])).htmlFor;\
            const field = document.getElementById(id);\
            const ids = (field.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);\
            return [field.getAttribute('aria-invalid') === 'true', ids.map(i => document.getElementById(i)?.textContent.trim() || '').join(' | ')];";
        let value = self
            .run_script(script, vec![serde_json::Value::from(label)])
            .await;
        let invalid = value[0].as_bool().unwrap_or(false);
        (invalid, value[1].as_str().unwrap_or_default().to_owned())
    }

    /// Opens the Share menu of the improvement action titled `title` and picks `choice`.
    pub async fn share_action(&self, title: &str, choice: &str) {
        let row = format!("//li[.//h3[normalize-space(.)={}]]", literal(title));
        let button = self
            .find_eventually(
                &format!("Share button of {title:?}"),
                &format!("{row}//button[@aria-haspopup='menu']"),
            )
            .await;
        button.click().await.expect("menu opened");
        let item = format!(
            "{row}//button[@role='menuitem' and normalize-space(.)={}]",
            literal(choice)
        );
        self.find_eventually(&format!("menu item {choice:?}"), &item)
            .await
            .click()
            .await
            .expect("chosen");
    }

    /// Runs `script` in the page (with `arguments`) and returns its JSON result.
    pub async fn run_script(
        &self,
        script: &str,
        arguments: Vec<serde_json::Value>,
    ) -> serde_json::Value {
        self.browser
            .execute(script, arguments)
            .await
            .expect("script ran")
    }

    /// What the app keeps in this tab's session storage under `key`.
    pub async fn session_storage(&self, key: &str) -> Option<String> {
        let value = self
            .browser
            .execute(
                "return window.sessionStorage.getItem(arguments[0]);",
                vec![serde_json::json!(key)],
            )
            .await
            .expect("script ran");
        value.as_str().map(str::to_owned)
    }

    /// The access token the standalone page keeps in session storage.
    pub async fn stored_access_token(&self) -> String {
        let session = self
            .session_storage("snowcard:session")
            .await
            .expect("a stored session");
        let session: serde_json::Value = serde_json::from_str(&session).expect("JSON");
        session["data"]["tokens"]["access_token"]
            .as_str()
            .expect("an access token")
            .to_owned()
    }

    /// Goes from the home page through setup, sign-in and consent, answering `decision`.
    pub async fn connect(&self, decision: &str) {
        self.open_app().await;
        self.click("Connect to ServiceNow").await;
        self.fill("Instance", &self.sandbox.url()).await;
        self.fill("Client ID", DEMO_CLIENT_ID).await;
        self.click("Authorize").await;
        self.fill("User name", USER.0).await;
        self.fill("Password", USER.1).await;
        self.click("Log in").await;
        self.click(decision).await;
    }

    /// Runs `script` in every document this browser opens from now on, before the page's
    /// own scripts (Chromium's DevTools `Page.addScriptToEvaluateOnNewDocument`, through
    /// ChromeDriver's `goog/cdp/execute`): an observer in place before anything renders.
    pub async fn on_every_document(&self, script: &str) {
        let command = cdp::Execute::new(
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({ "source": script }),
        );
        self.browser
            .issue_cmd(command)
            .await
            .expect("ChromeDriver runs the DevTools command");
    }

    /// Sends one Chrome DevTools Protocol command to the page (through ChromeDriver's
    /// `goog/cdp/execute`) and returns its result, e.g. `Profiler.start` for a CPU profile.
    pub async fn devtools(&self, cmd: &str, params: serde_json::Value) -> serde_json::Value {
        self.browser
            .issue_cmd(cdp::Execute::new(cmd, params))
            .await
            .unwrap_or_else(|e| panic!("ChromeDriver runs the DevTools command {cmd}: {e}"))
    }

    /// Ends the browser session and the driver, and fails the test when the browser
    /// reported a violation of the page's Content-Security-Policy (the header's
    /// `report-uri`) at any moment of it: the app must run under the policy it ships.
    pub async fn stop(self) {
        let axe_ran = self.axe_ran.load(std::sync::atomic::Ordering::Relaxed);
        let reports: Vec<String> = self
            .stop_with_violations()
            .await
            .into_iter()
            .filter(|report| !(axe_ran && is_axe_style(report)))
            .collect();
        assert!(
            reports.is_empty(),
            "the page broke its Content-Security-Policy: {reports:#?}"
        );
    }

    /// Ends the browser session and the driver, returning the policy violations reported,
    /// for a test that plants them on purpose and has checked them itself.
    pub async fn stop_with_violations(self) -> Vec<String> {
        let _ = self.browser.clone().close().await;
        self.app.csp_reports()
    }
}

impl Drop for World {
    /// A panicking test never reaches `stop`. ChromeDriver ends with its handle
    /// (`kill_on_drop`); the Chromium it started is found by this test's own profile folder.
    fn drop(&mut self) {
        let _ = std::process::Command::new("pkill")
            .args([
                "-KILL",
                "-f",
                "--",
                &format!("--user-data-dir={}", self.profile.0.display()),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// A report of an inline `<style>` element refused: what axe-core's own measuring causes.
fn is_axe_style(report: &str) -> bool {
    let report: serde_json::Value = serde_json::from_str(report).unwrap_or_default();
    let report = &report["csp-report"];
    report["effective-directive"] == "style-src-elem" && report["blocked-uri"] == "inline"
}

/// The release build: `SNOWCARD_DIST`, default `<workspace>/dist`.
pub(crate) fn dist() -> PathBuf {
    let dist = std::env::var_os("SNOWCARD_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"));
    assert!(
        dist.join("index.html").exists(),
        "no built app in {}: run `cargo xtask build`",
        dist.display()
    );
    dist
}

/// An XPath string literal for any text.
pub(crate) fn literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

async fn start_driver() -> (Child, u16) {
    let port = free_port();
    let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let child = Command::new(&driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {driver}: {e} (install chromium-driver)"));
    let start = Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(
            start.elapsed() < DEADLINE,
            "{driver} did not start listening"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    (child, port)
}

async fn connect_browser(port: u16, profile: &TempDir) -> Client {
    let chrome = std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let args = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        &format!("--user-data-dir={}", profile.0.display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "binary": chrome, "args": args }),
    );
    ClientBuilder::native()
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("ChromeDriver starts a headless Chromium")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A fresh browser profile directory, removed afterwards.
pub(crate) struct TempDir(pub(crate) PathBuf);

impl TempDir {
    fn new() -> Self {
        Self::named("e2e")
    }

    pub(crate) fn named(what: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir =
            std::env::temp_dir().join(format!("snowcard-{what}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a profile directory");
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The strings of a script's array answer (anything else is left out).
pub fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
