//! Finding things inside an embedded snowcard, the way a person does (buttons by name,
//! fields by label), through its open shadow root. XPath cannot enter a shadow root, so the
//! search runs as a script and hands the element back to WebDriver to click or type into.

use std::time::Instant;

use fantoccini::elements::{Element, ElementRef};
use serde_json::{json, Value};

use crate::{World, DEADLINE};

/// Functions the scripts below share: `root(host)` is the host's shadow root (or the host
/// itself), `all(root, css)` also searches nested open shadow roots.
const PRELUDE: &str = r#"
const root = (sel) => { const h = document.querySelector(sel); return h && (h.shadowRoot || h); };
const all = (r, css) => {
  const found = [...r.querySelectorAll(css)];
  for (const e of r.querySelectorAll('*')) if (e.shadowRoot) found.push(...all(e.shadowRoot, css));
  return found;
};
const shown = (e) => e.getClientRects().length > 0;
const norm = (t) => (t || '').replace(/\s+/g, ' ').trim();
const text = (r) => r === null ? '' : [...(r.shadowRoot || r).children]
  .filter((e) => !['STYLE', 'LINK', 'SCRIPT'].includes(e.tagName))
  .map((e) => e.innerText).join('\n');
"#;

/// The W3C WebDriver key of an element reference in a script's result.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl World {
    async fn in_component(&self, body: &str, args: Vec<Value>) -> Value {
        self.run_script(&format!("{PRELUDE}\n{body}"), args).await
    }

    /// The visible text of the snowcard whose host element is `host` (a CSS selector).
    pub async fn component_text(&self, host: &str) -> String {
        let body = "return text(document.querySelector(arguments[0]));";
        let value = self.in_component(body, vec![json!(host)]).await;
        value.as_str().unwrap_or_default().to_owned()
    }

    /// Waits until the snowcard in `host` shows `text`.
    pub async fn wait_for_component_text(&self, host: &str, text: &str) {
        let start = Instant::now();
        loop {
            let shown = self.component_text(host).await;
            if shown.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "timed out waiting for {text:?} in {host} at {}; it shows:\n{shown}",
                self.url().await
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Waits for the element `find` (a script body returning one element or null) returns.
    async fn component_element(&self, host: &str, what: &str, find: &str, arg: &str) -> Element {
        let start = Instant::now();
        loop {
            let found = self.in_component(find, vec![json!(host), json!(arg)]).await;
            if let Some(id) = found.get(ELEMENT_KEY).and_then(Value::as_str) {
                return Element::from_element_id(
                    self.browser.clone(),
                    ElementRef::from(id.to_owned()),
                );
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {what} in {host}; it shows:\n{}",
                self.component_text(host).await
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// Clicks the button (or link) named `name` in the snowcard in `host`.
    pub async fn click_in(&self, host: &str, name: &str) {
        let find = "const r = root(arguments[0]); if (!r) return null;
            return all(r, 'button, a, input[type=submit], input[type=button]')
              .find((e) => shown(e) && (norm(e.textContent) === arguments[1] || e.value === arguments[1])) || null;";
        let what = format!("button named {name:?}");
        let element = self.component_element(host, &what, find, name).await;
        element.click().await.expect("clicked");
    }

    /// The field labelled `label` (label text starting with it) in the snowcard in `host`.
    pub async fn field_in(&self, host: &str, label: &str) -> Element {
        let find = "const r = root(arguments[0]); if (!r) return null;
            const l = all(r, 'label').find((l) => shown(l) && norm(l.textContent).startsWith(arguments[1]));
            if (!l) return null;
            return (l.htmlFor ? l.getRootNode().getElementById(l.htmlFor) : l.querySelector('input, textarea, select')) || null;";
        let what = format!("field labelled {label:?}");
        self.component_element(host, &what, find, label).await
    }

    /// Types `value` into the field labelled `label` in `host`, replacing what was there.
    pub async fn fill_in(&self, host: &str, label: &str, value: &str) {
        let input = self.field_in(host, label).await;
        input.clear().await.expect("cleared");
        input.send_keys(value).await.expect("typed");
    }

    /// The value of the field labelled `label` in `host`.
    pub async fn value_in(&self, host: &str, label: &str) -> String {
        let field = self.field_in(host, label).await;
        field.prop("value").await.ok().flatten().unwrap_or_default()
    }

    /// Size and look of every visible button and input in `host`'s snowcard, one line each:
    /// what a host page's stylesheet must not change.
    pub async fn component_layout(&self, host: &str) -> Vec<String> {
        let body = "const r = root(arguments[0]); if (!r) return [];
            const props = ['font-family', 'font-size', 'font-style', 'font-weight', 'line-height',
              'letter-spacing', 'word-spacing', 'text-transform', 'text-align', 'color',
              'background-color', 'border-top-width', 'border-top-style', 'border-top-color',
              'border-top-left-radius', 'padding-top', 'padding-left', 'margin-top',
              'margin-left', 'box-sizing', 'display'];
            return all(r, 'button, input, select, textarea, label, h2, p').filter(shown).map((e) => {
              const box = e.getBoundingClientRect();
              const style = getComputedStyle(e);
              const name = e.tagName.toLowerCase() + ' ' + norm(e.textContent || e.id).slice(0, 40);
              return name + ': ' + box.width.toFixed(1) + 'x' + box.height.toFixed(1) + '; ' +
                props.map((p) => p + '=' + style.getPropertyValue(p)).join('; ');
            });";
        let lines = self.in_component(body, vec![json!(host)]).await;
        lines
            .as_array()
            .map(|l| {
                l.iter()
                    .filter_map(|l| l.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}
