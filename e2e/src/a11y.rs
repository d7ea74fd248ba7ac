//! What a keyboard user and a screen-reader user meet: keys sent to whatever has focus, the
//! focused element's name, axe-core's verdict on the screen, and the colour scheme the page
//! is told the person prefers.

use std::time::Instant;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{json, Value};

use super::{World, DEADLINE};

/// WebDriver key codes.
pub mod key {
    pub const TAB: &str = "\u{E004}";
    pub const SHIFT_TAB: &str = "\u{E008}\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const SPACE: &str = " ";
    pub const DOWN: &str = "\u{E015}";
    pub const BACKSPACE: &str = "\u{E003}";
    /// Selects everything in a field (Ctrl+A).
    pub const SELECT_ALL: &str = "\u{E009}a\u{E009}";
}

/// The focused element (inside open shadow roots too), described for assertions: its tag,
/// its name as a person hears it (label, aria-label, text or value) and whether the browser
/// draws a focus indicator for it.
const FOCUSED: &str = r#"
let el = document.activeElement;
while (el && el.shadowRoot && el.shadowRoot.activeElement) { el = el.shadowRoot.activeElement; }
if (!el || el === document.body) { return null; }
const labelled = el.getAttribute('aria-labelledby');
const byId = labelled && el.getRootNode().getElementById(labelled);
const label = el.labels && el.labels.length ? el.labels[0].innerText : null;
const name = (el.getAttribute('aria-label') || (byId && byId.innerText) || label
  || (el.tagName === 'INPUT' ? el.value : el.innerText) || '').replace(/\s+/g, ' ').trim();
const style = getComputedStyle(el);
const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
return { tag: el.tagName.toLowerCase(), name, outline,
  how: `outline ${style.outlineStyle} ${style.outlineWidth}, :focus ${el.matches(':focus')}, :focus-visible ${el.matches(':focus-visible')}, type ${el.type || ''}` };
"#;

/// What has focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focused {
    pub tag: String,
    pub name: String,
    /// A visible focus outline is drawn (`outline` with a width).
    pub outline: bool,
    /// The computed outline and focus state, for failure messages.
    pub how: String,
}

#[derive(Debug)]
struct Cdp {
    method: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or("")
        ))
    }

    fn method_and_body(&self, _url: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.method, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl World {
    /// Presses `keys` on the keyboard, whatever has focus (WebDriver key actions, not
    /// "send keys to an element", which would treat a file field as a file to upload). A
    /// modifier (Shift, Ctrl) stays down until it comes again or the keys end.
    pub async fn press(&self, keys: &str) {
        const MODIFIERS: [char; 2] = ['\u{E008}', '\u{E009}'];
        let mut actions = KeyActions::new("keyboard".into());
        let mut held = Vec::new();
        for c in keys.chars() {
            if MODIFIERS.contains(&c) {
                if let Some(at) = held.iter().position(|h| *h == c) {
                    held.remove(at);
                    actions = actions.then(KeyAction::Up { value: c });
                } else {
                    held.push(c);
                    actions = actions.then(KeyAction::Down { value: c });
                }
                continue;
            }
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        for c in held {
            actions = actions.then(KeyAction::Up { value: c });
        }
        self.browser
            .perform_actions(actions)
            .await
            .expect("keys pressed");
    }

    /// What has focus now, if anything but the page.
    pub async fn focused(&self) -> Option<Focused> {
        let value = self.run_script(FOCUSED, vec![]).await;
        (!value.is_null()).then(|| Focused {
            tag: value["tag"].as_str().unwrap_or_default().to_owned(),
            name: value["name"].as_str().unwrap_or_default().to_owned(),
            outline: value["outline"].as_bool().unwrap_or(false),
            how: value["how"].as_str().unwrap_or_default().to_owned(),
        })
    }

    /// Presses Tab until the element named `name` has focus (failing after 80 presses, with
    /// where focus went), checking at every stop on the way that the browser shows where
    /// focus is.
    pub async fn tab_to(&self, name: &str) {
        let mut visited = Vec::new();
        for _ in 0..80 {
            self.press(key::TAB).await;
            if let Some(focused) = self.focused().await {
                assert!(
                    focused.outline,
                    "{} {:?} has focus but no visible focus indicator ({})",
                    focused.tag, focused.name, focused.how
                );
                if names_match(&focused.name, name) {
                    return;
                }
                visited.push(focused.name);
            }
        }
        panic!("Tab never reached {name:?}; focus went through {visited:?}");
    }

    /// Tabs to `name` and presses Enter on it.
    pub async fn activate(&self, name: &str) {
        self.tab_to(name).await;
        self.press(key::ENTER).await;
    }

    /// Tabs to the field labelled `label` and types `text` over what it held.
    pub async fn type_into(&self, label: &str, text: &str) {
        self.tab_to(label).await;
        self.press(key::SELECT_ALL).await;
        self.press(key::BACKSPACE).await;
        self.press(text).await;
    }

    /// Waits until focus is on an element named `name`; fails with where focus is.
    pub async fn wait_for_focus(&self, name: &str) -> Focused {
        let start = Instant::now();
        loop {
            let focused = self.focused().await;
            if let Some(focused) = focused.as_ref().filter(|f| names_match(&f.name, name)) {
                return focused.clone();
            }
            assert!(
                start.elapsed() < DEADLINE,
                "focus never reached {name:?}; it is on {focused:?}; the page shows:\n{}",
                self.text().await
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// From now on (until the page reloads), records what a screen reader would announce: text
    /// that changes inside a live region (`aria-live`, `role=status`, `role=alert`) already in
    /// the page. A region that arrives already filled is not recorded, as it is often not read.
    pub async fn listen_for_announcements(&self) {
        self.run_script(
            r#"window.__heard = [];
               const live = '[aria-live],[role=status],[role=alert]';
               new MutationObserver(changes => {
                 for (const change of changes) {
                   const node = change.target.nodeType === 1 ? change.target : change.target.parentElement;
                   const region = node && node.closest(live);
                   if (region && region.textContent.trim()) window.__heard.push(region.textContent.trim());
                 }
               }).observe(document.body, { subtree: true, childList: true, characterData: true });"#,
            vec![],
        )
        .await;
    }

    /// Waits until an announcement recorded since [`World::listen_for_announcements`]
    /// contains `text`; fails with what was announced.
    pub async fn wait_heard(&self, text: &str) {
        let start = Instant::now();
        loop {
            let heard = self
                .run_script("return window.__heard || [];", vec![])
                .await;
            let heard: Vec<&str> = heard
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            if heard.iter().any(|h| h.contains(text)) {
                return;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "{text:?} was never announced; announced were {heard:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Tells the page the person prefers a dark (or light) colour scheme.
    pub async fn prefer_dark(&self, dark: bool) {
        let scheme = if dark { "dark" } else { "light" };
        self.emulate_media("prefers-color-scheme", scheme).await;
    }

    /// Tells the page the person prefers reduced motion (or has no preference).
    pub async fn prefer_reduced_motion(&self, reduce: bool) {
        let value = if reduce { "reduce" } else { "no-preference" };
        self.emulate_media("prefers-reduced-motion", value).await;
    }

    /// Emulates one media feature (replacing any emulated before) and checks the page sees it.
    async fn emulate_media(&self, feature: &str, value: &str) {
        self.browser
            .issue_cmd(Cdp {
                method: "Emulation.setEmulatedMedia",
                params: json!({ "features": [{ "name": feature, "value": value }] }),
            })
            .await
            .expect("the media feature is emulated");
        let applied = self
            .run_script(
                &format!("return matchMedia('({feature}: {value})').matches;"),
                vec![],
            )
            .await;
        assert_eq!(
            applied,
            Value::Bool(true),
            "the page sees {feature}: {value}"
        );
    }

    /// Runs axe-core on the whole page (open shadow roots included) and returns each
    /// violation as one readable line: rule, impact, help and the offending elements.
    pub async fn axe_violations(&self) -> Vec<String> {
        self.axe_ran
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let loaded = self
            .run_script("return typeof window.axe === 'object';", vec![])
            .await;
        if loaded != Value::Bool(true) {
            let source = std::fs::read_to_string(axe_path()).unwrap_or_else(|e| {
                panic!(
                    "axe-core is not at {}: {e} (cargo xtask test installs it)",
                    axe_path().display()
                )
            });
            self.run_script(&source, vec![]).await;
        }
        let result = self
            .browser
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   // Text contrast axe could not decide counts too: 4.5:1 must be shown, not
                   // assumed. Symbols that are not text (the status icons beside their words,
                   // axe's "nonBmp") are left out.
                   const text = n => !n.any.some(c => c.data && c.data.messageKey === 'nonBmp');
                   axe.run(document, { resultTypes: ['violations', 'incomplete'] })
                     .then(r => done(r.passes.length === 0
                       ? [{ id: 'axe-checked-nothing', impact: 'critical', help: 'no rule passed', nodes: [] }]
                       : r.violations.concat(r.incomplete
                           .filter(v => v.id === 'color-contrast')
                           .map(v => ({ ...v, id: 'color-contrast-undecided', nodes: v.nodes.filter(text) }))
                           .filter(v => v.nodes.length > 0))
                         .map(v => ({
                        id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary)
                     }))))
                     .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));"#,
                vec![],
            )
            .await
            .expect("axe ran");
        result
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| {
                format!(
                    "{} ({}): {} — {}",
                    v["id"].as_str().unwrap_or("?"),
                    v["impact"].as_str().unwrap_or("?"),
                    v["help"].as_str().unwrap_or("?"),
                    v["nodes"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" | ")
                )
            })
            .collect()
    }
}

/// Whether an element named `heard` is the one called `name`: the same, or `name` with a
/// parenthesised note after it, as in "Instance (required)".
fn names_match(heard: &str, name: &str) -> bool {
    heard == name
        || heard
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with(" ("))
}

/// axe-core's script: `AXE_CORE`, else where `cargo xtask test` installs it.
fn axe_path() -> std::path::PathBuf {
    std::env::var_os("AXE_CORE")
        .map(Into::into)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../target/npm/node_modules/axe-core/axe.min.js")
        })
}
