//! A Chrome DevTools Protocol command sent through ChromeDriver's vendor endpoint
//! `POST /session/{id}/goog/cdp/execute` with `{"cmd": …, "params": …}`, which fantoccini
//! has no method for.

use fantoccini::wd::WebDriverCompatibleCommand;
use http::Method;
use url::{ParseError, Url};

/// One DevTools command and its parameters.
#[derive(Debug)]
pub(crate) struct Execute {
    body: serde_json::Value,
}

impl Execute {
    pub(crate) fn new(cmd: &str, params: serde_json::Value) -> Self {
        Self {
            body: serde_json::json!({ "cmd": cmd, "params": params }),
        }
    }
}

impl WebDriverCompatibleCommand for Execute {
    fn endpoint(&self, base_url: &Url, session_id: Option<&str>) -> Result<Url, ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &Url) -> (Method, Option<String>) {
        (Method::POST, Some(self.body.to_string()))
    }
}
