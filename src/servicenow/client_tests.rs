//! Native tests of authorized requests: refresh once on 401, one refresh at a time, errors.

use std::cell::Cell;

use chrono::{Duration, TimeZone};
use futures::executor::block_on;
use futures::future::join3;
use oauth2::{AccessToken, ClientId, RedirectUrl, RefreshToken};

use super::*;
use crate::servicenow::fake::{form_value, json, FakeTransport};
use crate::servicenow::InstanceUrl;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
        .single()
        .expect("valid time")
}

/// A client whose access token ends in `expires_in` seconds, with `refresh` as its refresh
/// token; `on_tokens` hears of every renewed token set.
fn client_of(
    transport: &FakeTransport,
    expires_in: i64,
    refresh: Option<&str>,
    on_tokens: impl Fn(&TokenSet) + 'static,
) -> ServiceNowClient {
    let settings = OAuthSettings {
        instance: InstanceUrl::parse("acme").expect("valid"),
        client_id: ClientId::new("cid".into()),
        redirect_uri: RedirectUrl::new("https://portal.example/".into()).expect("valid"),
        token_url: None,
    };
    let tokens = TokenSet {
        access_token: AccessToken::new("old".into()),
        refresh_token: refresh.map(|t| RefreshToken::new(t.into())),
        expires_at: now() + Duration::seconds(expires_in),
        lifetime_secs: 1799,
    };
    ServiceNowClient::new(
        Rc::new(transport.clone()),
        settings,
        tokens,
        Rc::new(now),
        on_tokens,
    )
}

fn client_with(transport: &FakeTransport, expires_in: i64) -> (ServiceNowClient, Rc<Cell<u32>>) {
    let saved = Rc::new(Cell::new(0));
    let counter = saved.clone();
    let client = client_of(transport, expires_in, Some("RT"), move |_| {
        counter.set(counter.get() + 1)
    });
    (client, saved)
}

const USER: &str = r#"{"result":{"user_sys_id":"u1","user_name":"snowcard.integration","user_display_name":"Snowcard Integration"}}"#;
const NEW_TOKENS: &str =
    r#"{"access_token":"new","refresh_token":"RT","token_type":"Bearer","expires_in":1799}"#;

/// An instance that accepts only the token "new" and hands it out on refresh.
fn instance() -> FakeTransport {
    FakeTransport::new(|req| {
        if req.uri().path() == "/oauth_token.do" {
            return json(200, NEW_TOKENS);
        }
        match req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
        {
            Some("Bearer new") => json(200, USER),
            _ => json(
                401,
                r#"{"error":{"message":"User Not Authenticated","detail":"Required to provide Auth information"},"status":"failure"}"#,
            ),
        }
    })
}

#[test]
fn a_401_refreshes_once_and_retries_with_the_new_token() {
    let transport = instance();
    let (client, saved) = client_with(&transport, 1799);
    let user = block_on(client.current_user()).expect("user");
    assert_eq!(user.display_name, "Snowcard Integration");
    let seen = transport.requests();
    let paths: Vec<_> = seen
        .iter()
        .map(|r| r.url.rsplit('/').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(paths, ["current_user", "oauth_token.do", "current_user"]);
    assert_eq!(seen[2].authorization.as_deref(), Some("Bearer new"));
    assert_eq!(
        form_value(&seen[1].body, "grant_type").as_deref(),
        Some("refresh_token")
    );
    assert_eq!(saved.get(), 1, "the new tokens were handed over for saving");
}

#[test]
fn concurrent_requests_share_one_refresh() {
    let transport = instance();
    let (client, _) = client_with(&transport, 1799);
    let (a, b, c) = block_on(join3(
        client.current_user(),
        client.current_user(),
        client.current_user(),
    ));
    assert!(a.is_ok() && b.is_ok() && c.is_ok());
    let refreshes = transport
        .requests()
        .iter()
        .filter(|r| r.url.ends_with("/oauth_token.do"))
        .count();
    assert_eq!(refreshes, 1);
}

#[test]
fn an_expired_token_is_refreshed_before_the_request() {
    let transport = instance();
    let (client, _) = client_with(&transport, -5);
    block_on(client.current_user()).expect("user");
    let first = transport.requests().into_iter().next().map(|r| r.url);
    assert_eq!(
        first.as_deref(),
        Some("https://acme.service-now.com/oauth_token.do")
    );
    assert_eq!(
        transport.requests().len(),
        2,
        "no request was wasted on the expired token"
    );
}

#[test]
fn a_rejected_refresh_ends_the_session() {
    let transport = FakeTransport::new(|req| match req.uri().path() {
        "/oauth_token.do" => json(
            401,
            r#"{"error":"invalid_grant","error_description":"expired"}"#,
        ),
        _ => json(
            401,
            r#"{"error":{"message":"User Not Authenticated"},"status":"failure"}"#,
        ),
    });
    let (client, saved) = client_with(&transport, 1799);
    assert_eq!(
        block_on(client.current_user()).err(),
        Some(ApiError::SessionEnded)
    );
    assert_eq!(saved.get(), 0);
}

#[test]
fn a_refresh_refused_with_servicenows_server_error_also_ends_the_session() {
    let transport = FakeTransport::new(|req| match req.uri().path() {
        "/oauth_token.do" => json(
            401,
            r#"{"error":"server_error","error_description":"access_denied"}"#,
        ),
        _ => json(
            401,
            r#"{"error":{"message":"User Not Authenticated"},"status":"failure"}"#,
        ),
    });
    let (client, _) = client_with(&transport, 1799);
    assert_eq!(
        block_on(client.current_user()).err(),
        Some(ApiError::SessionEnded)
    );
}

#[test]
fn still_401_after_a_refresh_ends_the_session_without_looping() {
    let transport = FakeTransport::new(|req| match req.uri().path() {
        "/oauth_token.do" => json(200, NEW_TOKENS),
        _ => json(
            401,
            r#"{"error":{"message":"User Not Authenticated"},"status":"failure"}"#,
        ),
    });
    let (client, _) = client_with(&transport, 1799);
    assert_eq!(
        block_on(client.current_user()).err(),
        Some(ApiError::SessionEnded)
    );
    assert_eq!(transport.requests().len(), 3);
}

#[test]
fn error_statuses_map_to_their_own_errors() {
    let cases = [
        (
            json(
                403,
                r#"{"error":{"message":"Operation Failed","detail":"ACL Exception"},"status":"failure"}"#,
            ),
            ApiError::Forbidden {
                detail: "ACL Exception".into(),
            },
        ),
        (
            json(500, r#"{"error":{"message":"Boom"},"status":"failure"}"#),
            ApiError::Server {
                status: 500,
                message: "Boom".into(),
            },
        ),
    ];
    for (answer, expected) in cases {
        let transport = FakeTransport::new(move |_| answer.clone());
        let (client, _) = client_with(&transport, 1799);
        assert_eq!(
            block_on(client.get_json::<serde_json::Value>("/api/now/table/incident")).err(),
            Some(expected)
        );
    }
    let limited = FakeTransport::new(|_| {
        let mut response = json(
            429,
            r#"{"error":{"message":"Rate limit exceeded"},"status":"failure"}"#,
        )?;
        response
            .headers_mut()
            .insert("retry-after", http::HeaderValue::from_static("7"));
        Ok(response)
    });
    let (client, _) = client_with(&limited, 1799);
    let result = block_on(client.get_json::<serde_json::Value>("/api/now/table/incident"));
    assert_eq!(
        result.err(),
        Some(ApiError::RateLimited {
            retry_after_secs: 7
        })
    );
}

#[test]
fn falls_back_to_sys_user_when_the_ui_api_is_missing() {
    let transport = FakeTransport::new(|req| match req.uri().path() {
        "/api/now/ui/user/current_user" => json(
            404,
            r#"{"error":{"message":"Requested URI does not represent any resource"},"status":"failure"}"#,
        ),
        _ => json(
            200,
            r#"{"result":[{"sys_id":"u9","user_name":"int.user","name":""}]}"#,
        ),
    });
    let (client, _) = client_with(&transport, 1799);
    let user = block_on(client.current_user()).expect("user");
    assert_eq!(
        (user.sys_id.as_str(), user.display_name.as_str()),
        ("u9", "int.user")
    );
    assert!(transport.requests()[1].url.contains("gs.getUserID()"));
}

#[test]
fn falls_back_to_sys_user_when_cors_hides_the_ui_api() {
    let transport = FakeTransport::new(|req| match req.uri().path() {
        "/api/now/ui/user/current_user" => Err(TransportError::Blocked {
            url: req.uri().to_string(),
        }),
        _ => json(
            200,
            r#"{"result":[{"sys_id":"u9","user_name":"int.user","name":"Integration User"}]}"#,
        ),
    });
    let (client, _) = client_with(&transport, 1799);
    let user = block_on(client.current_user()).expect("user");
    assert_eq!(user.display_name, "Integration User");
    assert!(transport.requests()[1]
        .url
        .contains("/api/now/table/sys_user"));
}

#[test]
fn falls_back_to_sys_user_when_an_api_access_policy_refuses_the_ui_api() {
    let transport = FakeTransport::new(|req| match req.uri().path() {
        "/api/now/ui/user/current_user" => json(
            403,
            r#"{"error":{"message":"Operation Failed","detail":"Access to this API is restricted by a REST API access policy"},"status":"failure"}"#,
        ),
        _ => json(
            200,
            r#"{"result":[{"sys_id":"u9","user_name":"int.user","name":"Integration User"}]}"#,
        ),
    });
    let (client, _) = client_with(&transport, 1799);
    let user = block_on(client.current_user()).expect("user");
    assert_eq!(
        (user.sys_id.as_str(), user.display_name.as_str()),
        ("u9", "Integration User")
    );
    assert_eq!(transport.requests().len(), 2);
}

#[test]
fn a_refused_sys_user_fallback_reports_its_own_refusal() {
    let transport = FakeTransport::new(|req| {
        let detail = if req.uri().path().contains("sys_user") {
            "ACL Exception Read Denied: sys_user"
        } else {
            "API access policy"
        };
        json(
            403,
            &format!(
                r#"{{"error":{{"message":"Operation Failed","detail":"{detail}"}},"status":"failure"}}"#
            ),
        )
    });
    let (client, _) = client_with(&transport, 1799);
    assert_eq!(
        block_on(client.current_user()).err(),
        Some(ApiError::Forbidden {
            detail: "ACL Exception Read Denied: sys_user".into()
        })
    );
}

/// A client whose session has no refresh token and ends in `expires_in` seconds.
fn unrenewable(transport: &FakeTransport, expires_in: i64) -> (ServiceNowClient, Rc<Cell<u32>>) {
    let client = client_of(transport, expires_in, None, |_| {});
    let ended = Rc::new(Cell::new(0));
    let counter = ended.clone();
    client.on_session_end(move || counter.set(counter.get() + 1));
    (client, ended)
}

#[test]
fn without_a_refresh_token_the_token_is_used_to_its_end_then_the_session_ends() {
    let transport = FakeTransport::new(|_| json(200, r#"{"result":[]}"#));
    let (client, ended) = unrenewable(&transport, 5);
    let answer = block_on(client.send(Method::GET, "/api/now/table/incident", None));
    assert!(
        answer.is_ok(),
        "five seconds left is still a session: {answer:?}"
    );
    assert_eq!(transport.requests().len(), 1);
    assert_eq!(ended.get(), 0);

    let transport = FakeTransport::new(|_| json(200, r#"{"result":[]}"#));
    let (client, ended) = unrenewable(&transport, 0);
    let answer = block_on(client.send(Method::GET, "/api/now/table/incident", None));
    assert_eq!(answer.err(), Some(ApiError::SessionEnded));
    assert!(
        transport.requests().is_empty(),
        "no token request without a refresh token"
    );
    assert_eq!(ended.get(), 1, "told the session ended");

    let transport =
        FakeTransport::new(|_| json(401, r#"{"error":{"message":"User Not Authenticated"}}"#));
    let (client, ended) = unrenewable(&transport, 600);
    let answer = block_on(client.send(Method::GET, "/api/now/table/incident", None));
    assert_eq!(answer.err(), Some(ApiError::SessionEnded));
    assert_eq!(
        transport.requests().len(),
        1,
        "a 401 is not retried without a new token"
    );
    assert_eq!(ended.get(), 1);
}
