//! Real sockets: the sandbox instance started with `Sandbox::start`, and the app file
//! server, spoken to with a minimal HTTP/1.1 client.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use snowcard_sandbox::app_host::serve_app;
use snowcard_sandbox::{Config, Sandbox};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

use crate::common::{APP, REDIRECT};

/// (status line, lower-cased header lines, body) of a `GET`.
async fn http_get(base: &str, path: &str) -> (String, Vec<String>, String) {
    let authority = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(authority).await.expect("connect");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default().to_owned();
    (
        status,
        lines.map(str::to_ascii_lowercase).collect(),
        body.to_owned(),
    )
}

fn has(headers: &[String], line: &str) -> bool {
    headers.iter().any(|h| h == &line.to_ascii_lowercase())
}

#[tokio::test]
async fn a_started_instance_answers_on_its_url_and_shuts_down() {
    let sandbox = Sandbox::start(Config::demo(APP, REDIRECT))
        .await
        .expect("start");
    let url = sandbox.url();
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with('/'),
        "{url}"
    );
    let (status, _, body) = http_get(&url, "/").await;
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("ServiceNow sandbox instance"));
    assert!(!sandbox.control().records("incident").is_empty());
    sandbox.shutdown().await;
    assert!(
        TcpStream::connect(url.trim_start_matches("http://"))
            .await
            .is_err(),
        "stopped"
    );
}

#[tokio::test]
async fn the_app_host_serves_the_build_with_types_and_policy() {
    let dir = std::env::temp_dir().join(format!("snowcard-app-host-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, body) in [
        ("index.html", "<h1>app</h1>"),
        (
            "portal.html",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"connect-src 'self' http://127.0.0.1:8701\"><p>portal</p>",
        ),
        ("app.js", "x"),
        ("app_bg.wasm", "w"),
    ] {
        std::fs::write(dir.join(name), body).expect("write");
    }
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let host = serve_app(
        PathBuf::from(&dir),
        addr,
        vec!["http://127.0.0.1:8701".into()],
    )
    .await
    .expect("serve");
    let (status, headers, body) = http_get(&host.url(), "/").await;
    assert!(
        status.contains("200") && body == "<h1>app</h1>",
        "{status} {body}"
    );
    assert!(
        has(&headers, "content-type: text/html; charset=utf-8"),
        "{headers:?}"
    );
    assert!(has(&headers, "cache-control: no-cache"));
    let csp = "content-security-policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' http://127.0.0.1:8701; base-uri 'none'; object-src 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'; frame-ancestors 'self'; report-uri /csp-report";
    assert!(has(&headers, csp), "{headers:?}");
    assert!(has(&headers, "referrer-policy: no-referrer"), "{headers:?}");
    let (_, _, portal) = http_get(&host.url(), "/portal.html").await;
    assert_eq!(
        portal,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self' http://127.0.0.1:8701; base-uri 'none'; object-src 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'\"><p>portal</p>",
        "the page's own policy is the host's, without frame-ancestors"
    );
    assert!(has(
        &http_get(&host.url(), "/app_bg.wasm").await.1,
        "content-type: application/wasm"
    ));
    assert!(has(
        &http_get(&host.url(), "/app.js").await.1,
        "content-type: text/javascript"
    ));
    for missing in ["/nope.js", "/../Cargo.toml", "/%2e%2e/Cargo.toml"] {
        let (status, headers, _) = http_get(&host.url(), missing).await;
        assert!(status.contains("404"), "{missing}: {status}");
        assert!(
            has(&headers, "referrer-policy: no-referrer"),
            "{missing}: {headers:?}"
        );
    }
    host.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
