//! Helpers for the Microsoft stand-in: the authorization request, sign-in and consent as a
//! person goes through them, token requests from the app's origin, and Graph calls.

use axum::body::Body;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, ORIGIN, SET_COOKIE};
use axum::http::{Method, StatusCode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::Value;
use snowcard_sandbox::microsoft::{MS_CLIENT_ID, MS_PASSWORD, TENANT_DOMAIN};

use crate::common::{hidden, param, Instance, Reply, APP, CHALLENGE, REDIRECT, VERIFIER};

pub const ADELE: &str = "adele.vance@contoso.onmicrosoft.com";
pub const MEGAN: &str = "megan.bowen@contoso.onmicrosoft.com";
pub const ALEX: &str = "alex.wilber@contoso.onmicrosoft.com";
pub const LEE: &str = "lee.gu@fabrikam.onmicrosoft.com";
pub const READ_SCOPE: &str =
    "https://graph.microsoft.com/SecurityEvents.Read.All offline_access openid profile";
pub const WRITE_SCOPE: &str = "https://graph.microsoft.com/SecurityEvents.Read.All \
https://graph.microsoft.com/SecurityEvents.ReadWrite.All offline_access openid profile";

/// The query of an authorization request for the registered app.
pub fn query(redirect: &str, scope: &str, state: &str) -> String {
    serde_urlencoded::to_string([
        ("client_id", MS_CLIENT_ID),
        ("response_type", "code"),
        ("redirect_uri", redirect),
        ("response_mode", "query"),
        ("scope", scope),
        ("state", state),
        ("nonce", "nonce-1"),
        ("code_challenge", CHALLENGE),
        ("code_challenge_method", "S256"),
    ])
    .expect("encodable")
}

pub fn authorize_path(tenant: &str, query: &str) -> String {
    format!("/{tenant}/oauth2/v2.0/authorize?{query}")
}

impl Instance {
    pub async fn form(&self, uri: &str, pairs: &[(&str, &str)], headers: &[(&str, &str)]) -> Reply {
        let mut request = Self::request(Method::POST, uri)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body = serde_urlencoded::to_string(pairs).expect("encodable");
        self.send(request.body(Body::from(body)).expect("request"))
            .await
    }

    /// Signs in on the sign-in page: the reply (consent page or redirect) and the cookie.
    pub async fn ms_sign_in(&self, tenant: &str, user: &str, query: &str) -> (Reply, String) {
        let page = self.get(&authorize_path(tenant, query), None).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let request = hidden_value(&page.body, "request");
        let form = [
            ("login", user),
            ("passwd", MS_PASSWORD),
            ("request", request.as_str()),
        ];
        let uri = format!("/{tenant}/oauth2/v2.0/authorize");
        let reply = self.form(&uri, &form, &[]).await;
        let cookie = reply
            .header(SET_COOKIE.as_str())
            .map(|c| c.split(';').next().unwrap_or_default().to_owned())
            .unwrap_or_default();
        (reply, cookie)
    }

    /// Sign-in, then Accept on the consent page (unless these scopes were consented to
    /// before): where the browser is sent.
    pub async fn ms_approve(&self, user: &str, query: &str) -> String {
        let (consent, cookie) = self.ms_sign_in(TENANT_DOMAIN, user, query).await;
        if consent.status == StatusCode::FOUND {
            return consent.location().to_owned();
        }
        assert_eq!(consent.status, StatusCode::OK, "{}", consent.body);
        assert!(
            consent.body.contains(">Accept</button>"),
            "{}",
            consent.body
        );
        let request = hidden_value(&consent.body, "request");
        let form = [("request", request.as_str()), ("decision", "accept")];
        let uri = format!("/{TENANT_DOMAIN}/oauth2/v2.0/consent");
        let reply = self
            .form(&uri, &form, &[(COOKIE.as_str(), cookie.as_str())])
            .await;
        assert_eq!(reply.status, StatusCode::FOUND, "{}", reply.body);
        reply.location().to_owned()
    }

    /// Redeems a code from the app's origin.
    pub async fn ms_redeem(&self, code: &str, redirect: &str, origin: Option<&str>) -> Reply {
        let form = [
            ("client_id", MS_CLIENT_ID),
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect),
            ("code_verifier", VERIFIER),
        ];
        let headers: Vec<(&str, &str)> = origin.map(|o| (ORIGIN.as_str(), o)).into_iter().collect();
        self.form(
            &format!("/{TENANT_DOMAIN}/oauth2/v2.0/token"),
            &form,
            &headers,
        )
        .await
    }

    pub async fn ms_refresh(&self, refresh_token: &str) -> Reply {
        let form = [
            ("client_id", MS_CLIENT_ID),
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ];
        self.form(
            &format!("/{TENANT_DOMAIN}/oauth2/v2.0/token"),
            &form,
            &[(ORIGIN.as_str(), APP)],
        )
        .await
    }

    /// The token response for a user who signs in and consents to `scope`.
    pub async fn ms_tokens(&self, user: &str, scope: &str) -> Value {
        let location = self.ms_approve(user, &query(REDIRECT, scope, "st")).await;
        let code = param(&location, "code").expect("code");
        let reply = self.ms_redeem(&code, REDIRECT, Some(APP)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
        reply.json()
    }

    pub async fn ms_access_token(&self, user: &str, scope: &str) -> String {
        self.ms_tokens(user, scope).await["access_token"]
            .as_str()
            .expect("access token")
            .to_owned()
    }

    pub async fn graph(
        &self,
        method: Method,
        uri: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Reply {
        let mut request = Self::request(method, uri);
        if let Some(token) = token {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                request = request.header(CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        self.send(request.body(body).expect("request")).await
    }
}

/// A hidden input's value, its HTML escapes undone.
pub fn hidden_value(page: &str, name: &str) -> String {
    hidden(page, name)
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The claims of a JWT, decoded without verification.
pub fn claims(jwt: &str) -> Value {
    let payload = jwt.split('.').nth(1).expect("payload");
    let bytes = URL_SAFE_NO_PAD.decode(payload).expect("base64url");
    serde_json::from_slice(&bytes).expect("JSON claims")
}
