//! Helpers: an in-process instance, requests with a Host header, and the whole
//! browser authorization flow (login, consent, Allow) as a person would go through it.

use axum::body::Body;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, HOST, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use snowcard_sandbox::{router, Config, Control, SandboxUser, DEMO_CLIENT_ID};
use tower::ServiceExt as _;

pub const APP: &str = "http://127.0.0.1:8700";
pub const REDIRECT: &str = "http://127.0.0.1:8700/";
pub const INSTANCE: &str = "http://instance.test";
/// RFC 7636 Appendix B's verifier and its S256 challenge.
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

pub struct Instance {
    pub router: Router,
    pub control: Control,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn location(&self) -> &str {
        self.header(LOCATION.as_str())
            .unwrap_or_else(|| panic!("no Location ({}): {}", self.status, self.body))
    }
}

/// The demo instance plus a user without roles ("abel.tuter"/"no-roles").
pub fn instance() -> Instance {
    instance_with(|_| {})
}

pub fn instance_with(change: impl FnOnce(&mut Config)) -> Instance {
    let mut config = Config::demo(APP, REDIRECT);
    config.users.push(SandboxUser::new(
        "abel.tuter",
        "no-roles",
        "Abel",
        "Tuter",
        &[],
    ));
    change(&mut config);
    let (router, control) = router(&config);
    Instance { router, control }
}

/// The query string of an authorization request.
pub fn auth_query(
    client_id: &str,
    redirect_uri: &str,
    state: Option<&str>,
    method: Option<&str>,
) -> String {
    let mut pairs = vec![
        ("response_type", "code"),
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
    ];
    if let Some(state) = state {
        pairs.push(("state", state));
    }
    pairs.push(("code_challenge", CHALLENGE));
    if let Some(method) = method {
        pairs.push(("code_challenge_method", method));
    }
    serde_urlencoded::to_string(&pairs).expect("encodable")
}

pub fn demo_query(state: &str) -> String {
    auth_query(DEMO_CLIENT_ID, REDIRECT, Some(state), Some("S256"))
}

/// The value of a query parameter in a URL.
pub fn param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// The value of a hidden input in an HTML page.
pub fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .find(&marker)
        .map(|i| i + marker.len())
        .unwrap_or_else(|| panic!("no {name} in {page}"));
    page[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned()
}

impl Instance {
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub fn request(method: Method, uri: &str) -> axum::http::request::Builder {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(HOST, "instance.test")
    }

    pub async fn get(&self, uri: &str, token: Option<&str>) -> Reply {
        let mut request = Self::request(Method::GET, uri);
        if let Some(token) = token {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }

    pub async fn send_json(&self, method: Method, uri: &str, token: &str, body: &Value) -> Reply {
        let request = Self::request(method, uri)
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .header(CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request");
        self.send(request).await
    }

    pub async fn post_form(
        &self,
        uri: &str,
        pairs: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> Reply {
        let mut request = Self::request(Method::POST, uri)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(cookie) = cookie {
            request = request.header(COOKIE, cookie);
        }
        let body = serde_urlencoded::to_string(pairs).expect("encodable");
        self.send(request.body(Body::from(body)).expect("request"))
            .await
    }

    pub async fn get_with_cookie(&self, uri: &str, cookie: &str) -> Reply {
        let request = Self::request(Method::GET, uri).header(COOKIE, cookie);
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }

    /// Logs in through the form and returns the session cookie (`JSESSIONID=…`).
    pub async fn login(&self, user: &str, password: &str, auth_request: &str) -> String {
        let form = [
            ("user_name", user),
            ("user_password", password),
            ("auth_request", auth_request),
        ];
        let reply = self.post_form("/login.do", &form, None).await;
        assert_eq!(
            reply.status,
            StatusCode::FOUND,
            "login failed: {}",
            reply.body
        );
        let cookie = reply.header(SET_COOKIE.as_str()).expect("session cookie");
        cookie.split(';').next().unwrap_or_default().to_owned()
    }

    /// Login, consent page, Allow: the redirect the browser is sent to.
    pub async fn approve(&self, user: &str, password: &str, query: &str) -> String {
        let cookie = self.login(user, password, query).await;
        let consent = self
            .get_with_cookie(&format!("/oauth_auth.do?{query}"), &cookie)
            .await;
        assert_eq!(consent.status, StatusCode::OK, "{}", consent.body);
        let ck = hidden(&consent.body, "sysparm_ck");
        let form = [
            ("auth_request", query),
            ("sysparm_ck", ck.as_str()),
            ("action", "allow"),
        ];
        let reply = self.post_form("/oauth_auth.do", &form, Some(&cookie)).await;
        assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
        reply.location().to_owned()
    }

    /// An authorization code for the demo client, issued to `user`.
    pub async fn code_for(&self, user: &str, password: &str) -> String {
        let location = self.approve(user, password, &demo_query("xyz")).await;
        param(&location, "code").expect("code in redirect")
    }

    pub async fn redeem(&self, code: &str, verifier: &str) -> Reply {
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", REDIRECT),
            ("client_id", DEMO_CLIENT_ID),
            ("code_verifier", verifier),
        ];
        self.post_form("/oauth_token.do", &form, None).await
    }

    pub async fn refresh(&self, refresh_token: &str) -> Reply {
        let form = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
            ("client_id", DEMO_CLIENT_ID),
        ];
        self.post_form("/oauth_token.do", &form, None).await
    }

    /// (access token, refresh token) for a user, through the whole flow, with the instance
    /// switched to issue refresh tokens to public clients (its documented default does not).
    pub async fn tokens(&self, user: &str, password: &str) -> (String, String) {
        self.control.set_refresh_tokens(true);
        let code = self.code_for(user, password).await;
        let reply = self.redeem(&code, VERIFIER).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let json = reply.json();
        let field = |k: &str| json[k].as_str().expect("token").to_owned();
        (field("access_token"), field("refresh_token"))
    }

    /// An access token for the integration user (in the documented default mode: no
    /// refresh token comes with it).
    pub async fn token(&self) -> String {
        let code = self.code_for("snowcard.integration", "sandbox-demo").await;
        let reply = self.redeem(&code, VERIFIER).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        let json = reply.json();
        assert!(json.get("refresh_token").is_none(), "{json}");
        json["access_token"].as_str().expect("token").to_owned()
    }
}
