//! The demo portal (`www/portal/`) as the e2e tests serve it: a copy of the build whose
//! `portal.json` names this test's sandbox instance, and the portal's own page helpers.

use std::path::Path;

use snowcard_sandbox::{Config, PORTAL_ELEMENT_CLIENT_ID, PORTAL_MOUNTED_CLIENT_ID, PORTAL_PATH};

use crate::{dist, literal, TempDir, World};

/// The portal's `<snowcard-app>` element.
pub const ELEMENT: &str = "#snowcard-element";
/// The portal's element that snowcard is mounted into with `mount()`.
pub const PANEL: &str = "#snowcard-panel";

impl World {
    /// Starts everything with the demo configuration, serving a copy of the build whose
    /// demo portal talks to this test's sandbox.
    pub async fn start_portal() -> World {
        Self::start_portal_with(serde_json::json!({})).await
    }

    /// Like [`World::start_portal`], with `more` fields in `portal.json`, e.g.
    /// `{"tokenStorage": "memory"}`.
    pub async fn start_portal_with(more: serde_json::Value) -> World {
        let served = TempDir::named("portal");
        copy_dir(&dist(), &served.0).expect("the build is copied");
        let dir = served.0.clone();
        let world = Self::serving(dir.clone(), Some(served), |_: &mut Config| {}).await;
        let mut config = serde_json::json!({
            "instance": world.sandbox.url(),
            "elementClientId": PORTAL_ELEMENT_CLIENT_ID,
            "mountedClientId": PORTAL_MOUNTED_CLIENT_ID,
        });
        if let (Some(config), Some(more)) = (config.as_object_mut(), more.as_object()) {
            config.extend(more.clone());
        }
        std::fs::write(
            dir.join("www/portal/portal.json"),
            serde_json::to_string(&config).expect("JSON"),
        )
        .expect("portal.json is written");
        world
    }

    /// The portal's address with `suffix` (its own query and hash), e.g. `?tab=security#x`.
    pub fn portal_url(&self, suffix: &str) -> String {
        format!(
            "{}{PORTAL_PATH}{suffix}",
            self.app.url().trim_end_matches('/')
        )
    }

    /// Opens the portal at `suffix` and waits until it has mounted both components.
    pub async fn open_portal(&self, suffix: &str) {
        self.browser
            .goto(&self.portal_url(suffix))
            .await
            .expect("the portal opens");
        self.wait_until_script(
            "the portal to start",
            "return document.documentElement.dataset.portal === 'ready';",
        )
        .await;
    }

    /// Clicks the portal's own "Send to ServiceNow" button of its action titled `title`.
    pub async fn portal_send(&self, title: &str) {
        let xpath = format!(
            "//ul[@id='portal-actions']/li[.//h2[normalize-space(.)={}]]//button[normalize-space(.)='Send to ServiceNow']",
            literal(title)
        );
        self.find_eventually(&format!("the portal's button for {title:?}"), &xpath)
            .await
            .click()
            .await
            .expect("clicked");
    }

    /// The lines of the portal's activity log.
    pub async fn portal_log(&self) -> Vec<String> {
        let script =
            "return [...document.querySelectorAll('#portal-log li')].map(li => li.textContent);";
        let lines = self.run_script(script, vec![]).await;
        lines
            .as_array()
            .map(|lines| {
                lines
                    .iter()
                    .filter_map(|l| l.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits until the portal's activity log has a line containing `text`.
    pub async fn wait_for_log(&self, text: &str) {
        let script = format!(
            "return [...document.querySelectorAll('#portal-log li')].some(li => li.textContent.includes({}));",
            serde_json::json!(text)
        );
        self.wait_until_script(&format!("{text:?} in the portal's log"), &script)
            .await;
    }

    /// Every key in this tab's session storage.
    pub async fn session_keys(&self) -> Vec<String> {
        let keys = self
            .run_script("return Object.keys(window.sessionStorage);", vec![])
            .await;
        let mut keys: Vec<String> = keys
            .as_array()
            .map(|k| {
                k.iter()
                    .filter_map(|k| k.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        keys.sort();
        keys
    }
}

pub(crate) fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
