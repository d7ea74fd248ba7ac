//! A static file server for the built app (not part of the ServiceNow stand-in): serves
//! a directory with the right content types, `Cache-Control: no-cache`, and the
//! Content-Security-Policy the app is meant to run under, as a header and in the pages'
//! own `<meta http-equiv="Content-Security-Policy">`.
//!
//! The pages ship with the policy for the demo instance (`http://127.0.0.1:8701`); a host
//! serving another instance rewrites that `<meta>` to its own connect-src, because two
//! policies both apply and the stricter one would block the instance.

use std::io;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A running app file server.
#[derive(Debug)]
pub struct AppHost {
    url: String,
    reports: Reports,
    stop: oneshot::Sender<()>,
    task: JoinHandle<io::Result<()>>,
}

impl AppHost {
    /// The app's origin, e.g. `http://127.0.0.1:8700` (no trailing slash).
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The Content-Security-Policy violation reports browsers sent so far (the header
    /// policy's `report-uri`), each as the JSON body the browser posted.
    pub fn csp_reports(&self) -> Vec<String> {
        self.reports.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Stops serving.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let mut task = self.task;
        if tokio::time::timeout(std::time::Duration::from_secs(5), &mut task)
            .await
            .is_err()
        {
            task.abort();
        }
    }
}

/// Where browsers post CSP violation reports.
pub const CSP_REPORT_PATH: &str = "/csp-report";

type Reports = Arc<Mutex<Vec<String>>>;

struct Site {
    dir: PathBuf,
    /// The header: [`page_policy`] plus what only a header can carry.
    csp: HeaderValue,
    /// The policy written into the pages' `<meta>`.
    page_policy: String,
}

/// The policy a snowcard page needs, talking to `connect_src` (the instance origins):
/// scripts and styles only from files of its own origin (no inline scripts, no `style`
/// attributes), `'wasm-unsafe-eval'` for compiling the WebAssembly module; no plugin
/// content, no form submission anywhere, and Trusted Types with no policy at all, so no
/// string ever reaches an HTML or script sink (`innerHTML`, `script.src`, `eval`: snowcard
/// builds its DOM node by node, and the wasm-bindgen glue's one `innerHTML` import serves
/// only yew's raw HTML, which snowcard never uses). CSP3 (W3C) and Trusted Types (W3C):
/// `object-src`, `form-action`, `require-trusted-types-for`, `trusted-types`.
pub fn page_policy(connect_src: &[String]) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self' {}; base-uri 'none'; object-src 'none'; \
         form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'",
        connect_src.join(" ")
    )
}

const META_START: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// `html` with the content of its CSP `<meta>` replaced by `policy`; unchanged without one.
pub fn with_meta_policy(html: &str, policy: &str) -> String {
    let Some(start) = html.find(META_START).map(|i| i + META_START.len()) else {
        return html.to_owned();
    };
    let Some(len) = html[start..].find('"') else {
        return html.to_owned();
    };
    format!("{}{policy}{}", &html[..start], &html[start + len..])
}

/// Serves `dir` on `addr`; `csp_connect_src` are the extra origins the app may call.
pub async fn serve_app(
    dir: PathBuf,
    addr: SocketAddr,
    csp_connect_src: Vec<String>,
) -> io::Result<AppHost> {
    let page_policy = page_policy(&csp_connect_src);
    // frame-ancestors and report-uri are ignored in a <meta>: only the header can say who
    // may frame the app and where the browser reports what the policy blocked.
    let header = format!("{page_policy}; frame-ancestors 'self'; report-uri {CSP_REPORT_PATH}");
    let csp = HeaderValue::from_str(&header)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let site = Arc::new(Site {
        dir,
        csp,
        page_policy,
    });
    let reports = Reports::default();
    let app = Router::new()
        .route(CSP_REPORT_PATH, post(report).with_state(reports.clone()))
        .fallback(serve)
        .with_state(site);
    let listener = TcpListener::bind(addr).await?;
    let url = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let shutdown = async {
            let _ = stopped.await;
        };
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
    });
    Ok(AppHost {
        url,
        reports,
        stop,
        task,
    })
}

/// Keeps a violation report; a browser posts `application/csp-report` JSON.
async fn report(State(reports): State<Reports>, body: String) -> StatusCode {
    if let Ok(mut reports) = reports.lock() {
        reports.push(body);
    }
    StatusCode::NO_CONTENT
}

async fn serve(State(site): State<Arc<Site>>, request: Request) -> Response {
    let file = relative_path(request.uri().path()).map(|p| site.dir.join(p));
    let body = match &file {
        Some(path) => tokio::fs::read(path).await.ok(),
        None => None,
    };
    let mut response = match (file, body) {
        (Some(path), Some(body)) => {
            let body = match (
                content_type(&path).starts_with("text/html"),
                String::from_utf8(body),
            ) {
                (true, Ok(html)) => with_meta_policy(&html, &site.page_policy).into_bytes(),
                (_, Ok(text)) => text.into_bytes(),
                (_, Err(error)) => error.into_bytes(),
            };
            let mut response = body.into_response();
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(content_type(&path)));
            response
        }
        _ => (StatusCode::NOT_FOUND, "Not Found").into_response(),
    };
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(CONTENT_SECURITY_POLICY, site.csp.clone());
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // The page's address can carry a sign-in answer (`?code&state`) for a moment: no request
    // from it, and no link followed, names it (Referrer Policy, "no-referrer").
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}

/// The file a URL path names, relative to the served directory; `None` for anything
/// that could leave it (`..`, hidden files, backslashes, encoded separators).
fn relative_path(url_path: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for segment in url_path.split('/').filter(|s| !s.is_empty()) {
        let safe = !segment.starts_with('.')
            && !segment.contains(['\\', '%', '\0'])
            && segment.bytes().all(|b| b.is_ascii_graphic());
        if !safe {
            return None;
        }
        out.push(segment);
    }
    if url_path.ends_with('/') {
        out.push("index.html");
    }
    Some(out)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO_INSTANCE: &str = "http://127.0.0.1:8701";

    #[test]
    fn the_meta_policy_is_replaced_and_the_rest_kept() {
        let html = format!("<head>{META_START}connect-src 'self' http://a\">\n<title>t</title>");
        assert_eq!(
            with_meta_policy(&html, "default-src 'none'"),
            format!("<head>{META_START}default-src 'none'\">\n<title>t</title>")
        );
        assert_eq!(with_meta_policy("<p>no meta</p>", "x"), "<p>no meta</p>");
    }

    /// The shipped pages send no referrer, as the host's header says for every answer.
    #[test]
    fn the_pages_ship_no_referrer() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for page in ["index.html", "www/portal/index.html"] {
            let html = std::fs::read_to_string(root.join(page)).expect("the page exists");
            assert!(
                html.contains("<meta name=\"referrer\" content=\"no-referrer\">"),
                "{page} should carry the no-referrer meta"
            );
        }
    }

    /// The shipped pages carry exactly the policy this host serves for the demo instance,
    /// so what the e2e tests check is what a portal copies.
    #[test]
    fn the_pages_ship_the_demo_policy() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let policy = page_policy(&[DEMO_INSTANCE.to_owned()]);
        for page in ["index.html", "www/portal/index.html"] {
            let html = std::fs::read_to_string(root.join(page)).expect("the page exists");
            assert!(
                html.contains(&format!("{META_START}{policy}\">")),
                "{page} should carry {policy:?}"
            );
        }
    }
}
