use super::*;

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|arg| (*arg).to_owned()).collect()
}

/// A scratch `dist/` holding copies of the shipped pages.
struct Dist(PathBuf);

impl Dist {
    fn with_shipped_pages(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for page in PAGES {
            let target = dir.join(page);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(root.join(page), &target).unwrap();
        }
        Self(dir)
    }

    fn page(&self, page: &str) -> String {
        fs::read_to_string(self.0.join(page)).unwrap()
    }
}

impl Drop for Dist {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_instance_is_read_as_the_setup_page_reads_it() {
    for typed in [
        "acme",
        "acme.service-now.com",
        "https://acme.service-now.com",
        "https://acme.service-now.com/now/nav/ui/home",
    ] {
        assert_eq!(
            instance(typed).unwrap().as_str(),
            "https://acme.service-now.com",
            "{typed}"
        );
    }
    assert_eq!(
        instance("http://127.0.0.1:8701").unwrap().as_str(),
        "http://127.0.0.1:8701"
    );
}

#[test]
fn a_plain_http_instance_elsewhere_is_refused_with_what_to_do() {
    let message = instance("http://acme.example.com").unwrap_err().to_string();
    assert!(
        message.contains("served over https") && message.contains("Use https://"),
        "{message}"
    );
    let message = instance("not an instance").unwrap_err().to_string();
    assert!(message.contains("acme.service-now.com"), "{message}");
}

#[test]
fn build_options_give_each_origin_once_and_a_relative_token_url_none() {
    let origins = parse_build_args(&args(&[
        "--instance",
        "acme",
        "--instance=https://dev.example.org:8443/path",
        "--token-url",
        "https://proxy.example.org/servicenow/oauth_token.do",
        "--instance",
        "acme.service-now.com",
    ]))
    .unwrap();
    assert_eq!(
        origins,
        [
            "https://acme.service-now.com",
            "https://dev.example.org:8443",
            "https://proxy.example.org"
        ]
    );
    let microsoft = parse_build_args(&args(&[
        "--instance",
        "acme",
        "--microsoft",
        "--microsoft-authority",
        "https://login.microsoftonline.com/contoso.onmicrosoft.com",
    ]))
    .unwrap();
    assert_eq!(
        microsoft,
        [
            "https://acme.service-now.com",
            "https://login.microsoftonline.com",
            "https://graph.microsoft.com"
        ],
        "Microsoft 365's global cloud, each origin once"
    );
    let relative = parse_build_args(&args(&["--token-url", "/servicenow/oauth_token.do"]));
    assert_eq!(relative.unwrap(), Vec::<String>::new());
    assert!(parse_build_args(&[]).unwrap().is_empty());
}

#[test]
fn bad_build_options_are_refused() {
    for bad in [
        &["--instance"][..],
        &["--instance", "http://acme.example.com"],
        &["--token-url", "http://proxy.example.org/token"],
        &["--token-url", "proxy"],
        &["--release"],
        &["--microsoft=yes"],
        &["--microsoft-graph", "http://graph.microsoft.com"],
        &["--microsoft-authority"],
    ] {
        assert!(
            parse_build_args(&args(bad)).is_err(),
            "{bad:?} was accepted"
        );
    }
}

#[test]
fn the_built_pages_allow_exactly_the_given_origins() {
    let dist = Dist::with_shipped_pages("csp");
    let origins = [
        "https://acme.service-now.com".to_owned(),
        "https://proxy.example.org".to_owned(),
    ];
    let written = write_connect_src(&dist.0, &origins).unwrap();
    assert_eq!(written.len(), PAGES.len());
    for page in PAGES {
        let html = dist.page(page);
        assert!(
            html.contains(
                "connect-src 'self' https://acme.service-now.com https://proxy.example.org; "
            ),
            "{page}: {html}"
        );
        assert!(
            !html.contains("127.0.0.1:8701"),
            "{page} still names the sandbox"
        );
        // Only the policy changed: the rest of the page is as shipped.
        assert!(
            html.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{page}"
        );
        assert!(html.contains("<script type=\"module\" src="), "{page}");
    }
}

#[test]
fn a_page_without_a_policy_is_an_error_not_a_silent_pass() {
    let dist = Dist::with_shipped_pages("no-meta");
    fs::write(dist.0.join("index.html"), "<html><head></head></html>").unwrap();
    let error = write_connect_src(&dist.0, &["https://acme.service-now.com".into()]).unwrap_err();
    assert!(
        error.to_string().contains("Content-Security-Policy"),
        "{error}"
    );
}

#[test]
fn the_registration_names_the_page_its_origin_and_its_host() {
    let registration = Registration::for_page("http://127.0.0.1:8700/").unwrap();
    assert_eq!(
        registration,
        Registration {
            redirect_url: "http://127.0.0.1:8700/".into(),
            origin: "http://127.0.0.1:8700".into(),
            oauth_cors_host: "127.0.0.1".into(),
        }
    );
}

#[test]
fn the_start_options_go_on_the_app_root_escaped() {
    let html =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../index.html")).unwrap();
    let with = with_start_options(&html, "https://acme.service-now.com", Some("a\"b<c")).unwrap();
    assert!(
        with.contains(
            "<main id=\"snowcard\" data-instance=\"https://acme.service-now.com\" \
             data-client-id=\"a&quot;b&lt;c\"></main>"
        ),
        "{with}"
    );
    let without = with_start_options(&html, "https://acme.service-now.com", None).unwrap();
    assert!(!without.contains("data-client-id"));
    assert!(with_start_options("<p></p>", "x", None).is_err());
}

#[test]
fn build_settings_for_the_page_code_go_on_the_app_root() {
    let given = args(&[
        "--instance",
        "acme",
        "--allowed-instance",
        "acme",
        "--allowed-instance=https://dev.service-now.com/now",
        "--token-url",
        "https://proxy.example.org/servicenow/oauth_token.do",
        "--microsoft-authority",
        "https://login.microsoftonline.us",
    ]);
    let origins = parse_build_args(&given).unwrap();
    assert!(
        origins.contains(&"https://dev.service-now.com".to_owned()),
        "an allowed instance is in connect-src: {origins:?}"
    );
    let attributes = build_page_attributes(&given).unwrap();
    assert_eq!(
        attributes,
        [
            (
                "data-token-url",
                "https://proxy.example.org/servicenow/oauth_token.do".to_owned()
            ),
            (
                "data-microsoft-authority",
                "https://login.microsoftonline.us".to_owned()
            ),
            (
                "data-allowed-instances",
                "https://acme.service-now.com https://dev.service-now.com".to_owned()
            ),
        ]
    );
    let relative = build_page_attributes(&args(&["--token-url", "/sn/oauth_token.do"])).unwrap();
    assert!(
        relative.is_empty(),
        "a path on the page's origin needs no trust"
    );
    assert!(build_page_attributes(&args(&["--allowed-instance", "http://x.example"])).is_err());

    let html =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../index.html")).unwrap();
    let with = with_root_attributes(&html, &attributes).unwrap();
    assert!(
        with.contains(
            "<main id=\"snowcard\" data-token-url=\"https://proxy.example.org/servicenow/oauth_token.do\""
        ),
        "{with}"
    );
    // boot.js passes each of them on to start().
    let boot =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../www/boot.js")).unwrap();
    for read in [
        "dataset.tokenUrl",
        "dataset.allowedInstances",
        "dataset.microsoftAuthority",
        "dataset.microsoftGraph",
    ] {
        assert!(boot.contains(read), "boot.js reads {read}");
    }
}
