//! The HTTP seam between the ServiceNow client and whatever carries its requests.

use std::future::Future;
use std::pin::Pin;

pub use oauth2::{HttpRequest, HttpResponse};

use super::error::TransportError;

/// A boxed future that need not be `Send`: browser futures never are.
pub type LocalFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Carries one HTTP request to the instance and brings back its response.
///
/// The browser implementation uses `fetch`; tests use a scripted fake. Any HTTP status is a
/// response; only a request that got no readable answer at all is a [`TransportError`].
pub trait Transport {
    /// Sends `request` and resolves to the response, whatever its status.
    fn send(&self, request: HttpRequest) -> LocalFuture<'_, Result<HttpResponse, TransportError>>;
}

/// The value of `name` in a response's headers, if present and readable.
pub fn header<'a>(response: &'a HttpResponse, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}
