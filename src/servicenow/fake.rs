//! A transport that answers from a closure and records every request, for native unit tests
//! and browser component tests (`cfg(test)`, or the `testing` feature the tests in `tests/`
//! turn on; never in the library a release build ships). It never touches the network.

use std::cell::RefCell;
use std::rc::Rc;

use super::error::TransportError;
use super::http::{HttpRequest, HttpResponse, LocalFuture, Transport};

type Handler = dyn Fn(&HttpRequest) -> Result<HttpResponse, TransportError>;

/// A request as the fake saw it: method, URL and body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenRequest {
    pub method: String,
    pub url: String,
    pub body: String,
    pub authorization: Option<String>,
}

/// Answers each request with `handler`'s response.
#[derive(Clone)]
pub struct FakeTransport {
    handler: Rc<Handler>,
    seen: Rc<RefCell<Vec<SeenRequest>>>,
}

impl FakeTransport {
    pub fn new(
        handler: impl Fn(&HttpRequest) -> Result<HttpResponse, TransportError> + 'static,
    ) -> Self {
        Self {
            handler: Rc::new(handler),
            seen: Rc::default(),
        }
    }

    /// Every request sent so far, in order.
    pub fn requests(&self) -> Vec<SeenRequest> {
        self.seen.borrow().clone()
    }
}

impl Transport for FakeTransport {
    fn send(&self, request: HttpRequest) -> LocalFuture<'_, Result<HttpResponse, TransportError>> {
        self.seen.borrow_mut().push(SeenRequest {
            method: request.method().to_string(),
            url: request.uri().to_string(),
            body: String::from_utf8_lossy(request.body()).into_owned(),
            authorization: request
                .headers()
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        });
        let result = (self.handler)(&request);
        Box::pin(async move {
            NotYet(false).await;
            result
        })
    }
}

/// Yields once before completing, so concurrent requests interleave as on a real network.
struct NotYet(bool);

impl std::future::Future for NotYet {
    type Output = ();
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        if self.0 {
            return std::task::Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        std::task::Poll::Pending
    }
}

/// A JSON response with `status`, as ServiceNow sends it.
pub fn json(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
    let mut response = HttpResponse::new(body.as_bytes().to_vec());
    *response.status_mut() = oauth2::http::StatusCode::from_u16(status).unwrap_or_default();
    response.headers_mut().insert(
        oauth2::http::header::CONTENT_TYPE,
        oauth2::http::HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    Ok(response)
}

/// A form body's value for `key`, decoded.
pub fn form_value(body: &str, key: &str) -> Option<String> {
    url::form_urlencoded::parse(body.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// A client connected to instance "acme" as token "AT" (refresh token "RT"), valid for half
/// an hour from a fixed clock (2026-11-22 08:00 UTC), answering through `transport`.
pub fn connected_client(transport: &FakeTransport) -> super::ServiceNowClient {
    use chrono::TimeZone;
    let settings = super::OAuthSettings {
        instance: super::InstanceUrl::parse("acme").unwrap_or_else(|_| unreachable!()),
        client_id: oauth2::ClientId::new("cid".into()),
        redirect_uri: oauth2::RedirectUrl::new("https://portal.example/".into())
            .unwrap_or_else(|_| unreachable!()),
        token_url: None,
    };
    let now = || {
        chrono::Utc
            .with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
            .single()
            .unwrap_or_default()
    };
    let tokens = super::TokenSet {
        access_token: oauth2::AccessToken::new("AT".into()),
        refresh_token: Some(oauth2::RefreshToken::new("RT".into())),
        expires_at: now() + chrono::Duration::seconds(1799),
        lifetime_secs: 1799,
    };
    super::ServiceNowClient::new(
        Rc::new(transport.clone()),
        settings,
        tokens,
        Rc::new(now),
        |_| {},
    )
}
