//! Requests the page's own Content-Security-Policy refused. A `fetch` the policy blocks
//! fails exactly like one to a host that is down, so the browser's
//! `securitypolicyviolation` events are kept here, and a failed request is explained by a
//! violation for its origin seen since it started. The event may come before or after the
//! request fails; the browser side (`crate::web::page_policy`) waits briefly for it.

use std::collections::VecDeque;

use url::Url;

use crate::servicenow::TransportError;

/// How many recent violations are kept; a page makes few requests at once.
const KEPT: usize = 16;

/// A violation that can explain a failed request: its origin and directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub origin: String,
    pub directive: String,
}

impl Violation {
    /// From a `securitypolicyviolation` event's `blockedURI`, `effectiveDirective`,
    /// `violatedDirective` and whether its `disposition` is `"enforce"`. `None` for what
    /// cannot have failed a request: a report-only policy (nothing was blocked), an inline
    /// script or style, or a directive `fetch` does not obey.
    pub fn from_event(
        blocked_uri: &str,
        effective_directive: &str,
        violated_directive: &str,
        enforced: bool,
    ) -> Option<Self> {
        if !enforced {
            return None;
        }
        // CSP level 2 browsers put the whole directive ("connect-src 'self' …") in
        // violatedDirective and have no effectiveDirective.
        let directive = [effective_directive, violated_directive]
            .iter()
            .find_map(|d| d.split_whitespace().next())?
            .to_ascii_lowercase();
        if directive != "connect-src" && directive != "default-src" {
            return None;
        }
        let url = Url::parse(blocked_uri).ok()?;
        let origin = url.origin();
        if !origin.is_tuple() {
            return None;
        }
        Some(Self {
            origin: origin.ascii_serialization(),
            directive,
        })
    }

    /// The error for a request this violation blocked.
    pub fn error(&self) -> TransportError {
        TransportError::PagePolicy {
            origin: self.origin.clone(),
            directive: self.directive.clone(),
        }
    }
}

/// The violations seen lately, numbered in the order they came.
#[derive(Debug, Default)]
pub struct Violations {
    seen: u64,
    recent: VecDeque<(u64, Violation)>,
}

impl Violations {
    /// The mark to take before a request: violations after it may explain its failure.
    pub fn mark(&self) -> u64 {
        self.seen
    }

    /// Keeps `violation`.
    pub fn record(&mut self, violation: Violation) {
        self.seen += 1;
        self.recent.push_back((self.seen, violation));
        while self.recent.len() > KEPT {
            self.recent.pop_front();
        }
    }

    /// A violation for `url`'s origin seen after `since`, when there is one.
    pub fn explain(&self, url: &str, since: u64) -> Option<TransportError> {
        let origin = Url::parse(url).ok()?.origin().ascii_serialization();
        self.recent
            .iter()
            .find(|(n, v)| *n > since && v.origin == origin)
            .map(|(_, v)| v.error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme() -> Violation {
        Violation {
            origin: "https://acme.service-now.com".into(),
            directive: "connect-src".into(),
        }
    }

    #[test]
    fn a_blocked_fetch_is_read_from_the_event() {
        let read = Violation::from_event(
            "https://acme.service-now.com/oauth_token.do",
            "connect-src",
            "connect-src",
            true,
        );
        assert_eq!(read, Some(acme()));
        // A CSP level 2 browser: the whole directive, no effectiveDirective.
        let older = Violation::from_event(
            "https://acme.service-now.com/",
            "",
            "connect-src 'self' http://127.0.0.1:8701",
            true,
        );
        assert_eq!(older, Some(acme()));
    }

    #[test]
    fn what_cannot_fail_a_request_is_left_out() {
        let uri = "https://acme.service-now.com/";
        assert_eq!(
            Violation::from_event(uri, "connect-src", "connect-src", false),
            None,
            "report-only: nothing was blocked"
        );
        assert_eq!(
            Violation::from_event("inline", "style-src-attr", "style-src", true),
            None
        );
        assert_eq!(Violation::from_event(uri, "img-src", "img-src", true), None);
        assert_eq!(Violation::from_event(uri, "", "", true), None);
    }

    #[test]
    fn only_a_violation_since_the_request_for_its_origin_explains_it() {
        let mut seen = Violations::default();
        let before = seen.mark();
        seen.record(Violation {
            origin: "https://other.example".into(),
            directive: "connect-src".into(),
        });
        let url = "https://acme.service-now.com/api/now/table/incident?sysparm_limit=1";
        assert_eq!(seen.explain(url, before), None, "another origin");
        seen.record(acme());
        assert_eq!(
            seen.explain(url, before),
            Some(TransportError::PagePolicy {
                origin: "https://acme.service-now.com".into(),
                directive: "connect-src".into(),
            })
        );
        let later = seen.mark();
        assert_eq!(seen.explain(url, later), None, "an older violation");
    }

    #[test]
    fn only_the_latest_violations_are_kept() {
        let mut seen = Violations::default();
        seen.record(acme());
        for _ in 0..KEPT {
            seen.record(Violation {
                origin: "https://other.example".into(),
                directive: "connect-src".into(),
            });
        }
        assert_eq!(seen.explain("https://acme.service-now.com/", 0), None);
        assert_eq!(seen.recent.len(), KEPT);
    }
}
