//! What went wrong in the page without the page saying so: uncaught exceptions, unhandled
//! promise rejections, `console.error` calls and Content-Security-Policy violations. Kept in
//! the tab's session storage (under a key of the harness, not the app's `snowcard:` ones), so
//! the record survives a sign-in's round trip through the instance's pages.

use crate::World;

/// The session storage key the record is kept under.
const KEY: &str = "e2e:page-errors";

/// Runs in every document before its own scripts.
const WATCH: &str = r#"(() => {
  const key = 'e2e:page-errors';
  const keep = (what) => {
    try {
      const list = JSON.parse(sessionStorage.getItem(key) || '[]');
      list.push(what + ' (at ' + location.href + ')');
      sessionStorage.setItem(key, JSON.stringify(list));
    } catch (_) { /* storage refused: nothing to record into */ }
  };
  addEventListener('error', e => keep('uncaught: ' + (e.message || e.type)));
  addEventListener('unhandledrejection', e => keep('unhandled rejection: ' + String(e.reason)));
  document.addEventListener('securitypolicyviolation',
    e => keep('CSP violation: ' + e.effectiveDirective + ' blocked ' + e.blockedURI));
  const error = console.error.bind(console);
  console.error = (...args) => { keep('console.error: ' + args.map(String).join(' ')); error(...args); };
})();"#;

impl World {
    /// From the next page load on, records the page's uncaught errors, `console.error`
    /// calls and CSP violations (see [`World::page_errors`]).
    pub async fn watch_page_errors(&self) {
        self.on_every_document(WATCH).await;
    }

    /// What was recorded on this tab's origin since [`World::watch_page_errors`].
    pub async fn page_errors(&self) -> Vec<String> {
        let stored = self.session_storage(KEY).await.unwrap_or_default();
        serde_json::from_str(&stored).unwrap_or_default()
    }
}
