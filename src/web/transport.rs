//! `fetch` through gloo-net, with a diagnosis when the browser hides the answer.
//!
//! A failed `fetch` looks the same whether the server is missing, only lacks a CORS rule, or
//! the page's own Content-Security-Policy forbade the request. A violation event for its
//! origin names the last (`super::page_policy`); otherwise a second, `no-cors` request tells
//! the first two apart: it succeeds (opaquely) when something answers at that address.
//!
//! Every request goes with `redirect: "error"` (a redirect is a network error, so nothing
//! carries a code or token to where it points) and `referrerPolicy: "no-referrer"` (the
//! page's address, which can hold a sign-in answer for a moment, is never sent). The diagnosis
//! first asks in `cors` mode with `redirect: "manual"`: an `opaqueredirect` answer tells a
//! redirect apart (Fetch Standard, "Requests": redirect mode "error" / "manual"; "Responses":
//! opaque-redirect filtered response), but only when the redirect carries CORS headers (the
//! CORS check comes first); `no-cors` may only `follow` (main fetch: any other redirect mode is
//! a network error, as Chromium's "corsNoCorsRedirectModeNotFollow" issue says), so the
//! `no-cors` probe after it follows, with no body, no credentials and no referrer.

use gloo_net::http::RequestBuilder;
use oauth2::http::{HeaderName, HeaderValue, Method, StatusCode};
use web_sys::{ReferrerPolicy, RequestCredentials, RequestMode, RequestRedirect, ResponseType};

use crate::servicenow::http::LocalFuture;
use crate::servicenow::{HttpRequest, HttpResponse, Transport, TransportError};

use super::page_policy;

/// The browser's `fetch`.
#[derive(Debug, Default, Clone, Copy)]
pub struct FetchTransport;

impl Transport for FetchTransport {
    fn send(&self, request: HttpRequest) -> LocalFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(send(request))
    }
}

async fn send(request: HttpRequest) -> Result<HttpResponse, TransportError> {
    let url = request.uri().to_string();
    let mark = page_policy::mark();
    let mut builder = RequestBuilder::new(&url)
        .method(request.method().clone())
        .redirect(RequestRedirect::Error)
        .referrer_policy(ReferrerPolicy::NoReferrer);
    for (name, value) in request.headers() {
        if let Ok(value) = value.to_str() {
            builder = builder.header(name.as_str(), value);
        }
    }
    let body = request.body();
    let built = if body.is_empty() {
        builder.build()
    } else {
        builder.body(js_sys::Uint8Array::from(body.as_slice()))
    };
    let built = built.map_err(|_| TransportError::Unreachable { url: url.clone() })?;
    let response = match built.send().await {
        Ok(response) => response,
        Err(_) => return Err(diagnose(&url, request.method(), mark).await),
    };
    let mut out = HttpResponse::new(
        response
            .binary()
            .await
            .map_err(|_| TransportError::Unreachable { url: url.clone() })?,
    );
    *out.status_mut() = StatusCode::from_u16(response.status()).unwrap_or(StatusCode::BAD_GATEWAY);
    for (name, value) in response.headers().entries() {
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            out.headers_mut().append(name, value);
        }
    }
    Ok(out)
}

/// Why a `fetch` failed: offline, refused by the page's policy, nothing there, or an
/// answer the browser may not show us.
async fn diagnose(url: &str, method: &Method, mark: u64) -> TransportError {
    let online = web_sys::window()
        .map(|w| w.navigator().on_line())
        .unwrap_or(true);
    if !online {
        return TransportError::Offline;
    }
    if let Some(refused) = page_policy::explain(url, mark).await {
        return refused;
    }
    // The same method when `no-cors` allows it (a token request is a POST: its GET may
    // answer differently), without the body: nothing secret goes twice.
    let probe_method = if *method == Method::POST {
        Method::POST
    } else {
        Method::GET
    };
    let manual = RequestBuilder::new(url)
        .method(probe_method.clone())
        .redirect(RequestRedirect::Manual)
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .build();
    let answer = match manual {
        Ok(probe) => probe.send().await.ok(),
        Err(_) => None,
    };
    match answer.map(|a| a.type_()) {
        Some(ResponseType::Opaqueredirect) => {
            return TransportError::Redirected {
                url: url.to_owned(),
            }
        }
        // Readable without a preflight: the request itself (its headers) was refused.
        Some(_) => {
            return TransportError::Blocked {
                url: url.to_owned(),
            }
        }
        None => {}
    }
    let probe = RequestBuilder::new(url)
        .method(probe_method)
        .mode(RequestMode::NoCors)
        .credentials(RequestCredentials::Omit)
        .referrer_policy(ReferrerPolicy::NoReferrer)
        .build();
    let answered = match probe {
        Ok(probe) => probe.send().await.is_ok(),
        Err(_) => false,
    };
    if answered {
        TransportError::Blocked {
            url: url.to_owned(),
        }
    } else {
        TransportError::Unreachable {
            url: url.to_owned(),
        }
    }
}
