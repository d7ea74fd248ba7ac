//! Graph's Secure Score endpoints: paging across every control profile, the scores, the
//! PATCH that notes a ticket, and the 401, 403 and 429 answers.

use std::collections::HashSet;

use axum::body::Body;
use axum::http::header::{ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};
use snowcard_sandbox::microsoft::TENANT_ID;

use crate::common::{instance, Instance, APP};
use crate::ms_common::{ADELE, ALEX, MEGAN, READ_SCOPE, WRITE_SCOPE};

const PROFILES: &str = "/v1.0/security/secureScoreControlProfiles";
const SCORES: &str = "/v1.0/security/secureScores";

/// Follows `@odata.nextLink` to the end: (every item, pages read, the links followed).
async fn all_pages(ms: &Instance, first: &str, token: &str) -> (Vec<Value>, usize, Vec<String>) {
    let (mut items, mut pages, mut links) = (Vec::new(), 0, Vec::new());
    let mut next = Some(first.to_owned());
    while let Some(uri) = next {
        let reply = ms.graph(Method::GET, &uri, Some(token), None).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
        let json = reply.json();
        assert_eq!(
            json["@odata.context"],
            "http://instance.test/v1.0/$metadata#security/secureScoreControlProfiles"
        );
        items.extend(json["value"].as_array().cloned().unwrap_or_default());
        pages += 1;
        next = json["@odata.nextLink"].as_str().map(|link| {
            links.push(link.to_owned());
            link.trim_start_matches("http://instance.test").to_owned()
        });
        assert!(pages < 100, "paging never ends");
    }
    (items, pages, links)
}

#[tokio::test]
async fn next_links_page_through_every_profile_with_top_and_skiptoken() {
    let ms = instance();
    let token = ms.ms_access_token(ADELE, READ_SCOPE).await;
    let total = ms.control.microsoft().profile_count();
    assert!(total >= 300, "{total} profiles");

    let (items, pages, links) = all_pages(&ms, PROFILES, &token).await;
    assert_eq!(items.len(), total);
    assert_eq!(pages, total.div_ceil(250), "the default page size is 250");
    assert!(links.iter().all(|l| l.contains("$skiptoken=")), "{links:?}");

    let (items, pages, links) = all_pages(&ms, &format!("{PROFILES}?$top=40"), &token).await;
    assert_eq!(items.len(), total);
    assert_eq!(pages, total.div_ceil(40));
    assert!(
        links
            .iter()
            .all(|l| l.contains("%24top=40") || l.contains("$top=40")),
        "{links:?}"
    );
    let ids: HashSet<&str> = items.iter().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(ids.len(), total, "no profile twice, none lost");
    assert_eq!(
        ms.control.microsoft().requests().profile_pages as usize,
        total.div_ceil(250) + total.div_ceil(40)
    );

    let bad = ms
        .graph(
            Method::GET,
            &format!("{PROFILES}?$skiptoken=garbage"),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["error"]["code"], "BadRequest");
}

#[tokio::test]
async fn the_profiles_look_like_a_real_tenants() {
    let ms = instance();
    let token = ms.ms_access_token(ADELE, READ_SCOPE).await;
    let (items, _, _) = all_pages(&ms, PROFILES, &token).await;
    let text = |p: &Value, k: &str| p[k].as_str().unwrap_or_default().to_owned();
    let titles: HashSet<String> = items.iter().map(|p| text(p, "title")).collect();
    assert_eq!(titles.len(), items.len(), "distinct titles");
    let categories: HashSet<String> = items.iter().map(|p| text(p, "controlCategory")).collect();
    for category in ["Identity", "Data", "Device", "Apps", "Infrastructure"] {
        assert!(categories.contains(category), "{category}");
    }
    let services: HashSet<String> = items.iter().map(|p| text(p, "service")).collect();
    for service in [
        "AzureAD", "EXO", "SPO", "IP", "MDATP", "Intune", "MDO", "MCAS", "MDI", "MDC",
    ] {
        assert!(services.contains(service), "{service}");
    }
    assert!(items.iter().any(|p| p["deprecated"] == true));
    let states: HashSet<String> = items
        .iter()
        .filter_map(|p| {
            p["controlStateUpdates"].as_array()?.last()?["state"]
                .as_str()
                .map(str::to_owned)
        })
        .collect();
    for state in ["Ignored", "ThirdParty", "Reviewed"] {
        assert!(states.contains(state), "{state}");
    }
    let first = &items[0];
    assert_eq!(
        first["id"], "AdminMFAV2",
        "the catalog's realistic profiles come first"
    );
    assert_eq!(first["azureTenantId"], TENANT_ID);
    for p in &items {
        assert!(p["maxScore"].as_f64().is_some_and(|s| s > 0.0), "{p}");
        assert!(p["rank"].as_u64().is_some());
        for key in ["userImpact", "implementationCost"] {
            assert!(
                ["Low", "Moderate", "High"].contains(&p[key].as_str().unwrap_or_default()),
                "{key}: {p}"
            );
        }
        assert_eq!(p["vendorInformation"]["provider"], "SecureScore");
    }
}

#[tokio::test]
async fn secure_scores_come_newest_first_and_join_to_the_profiles() {
    let ms = instance();
    let token = ms.ms_access_token(MEGAN, READ_SCOPE).await;
    let latest = ms
        .graph(Method::GET, &format!("{SCORES}?$top=1"), Some(&token), None)
        .await;
    assert_eq!(latest.status, StatusCode::OK, "{}", latest.body);
    let latest = latest.json();
    let value = latest["value"].as_array().expect("value");
    assert_eq!(value.len(), 1);
    let all = ms
        .graph(Method::GET, SCORES, Some(&token), None)
        .await
        .json();
    let days = all["value"].as_array().expect("value");
    assert_eq!(days.len(), 90);
    assert_eq!(days[0], value[0]);
    let created: Vec<&str> = days
        .iter()
        .filter_map(|d| d["createdDateTime"].as_str())
        .collect();
    assert!(created.windows(2).all(|w| w[0] > w[1]), "newest first");

    let today = &value[0];
    let profiles: HashSet<String> = {
        let (items, _, _) = all_pages(&ms, PROFILES, &token).await;
        items
            .iter()
            .filter_map(|p| p["id"].as_str().map(str::to_owned))
            .collect()
    };
    let controls = today["controlScores"].as_array().expect("controlScores");
    assert!(controls.len() >= 280);
    assert!(controls
        .iter()
        .all(|c| profiles.contains(c["controlName"].as_str().unwrap_or_default())));
    let sum: f64 = controls.iter().filter_map(|c| c["score"].as_f64()).sum();
    let current = today["currentScore"].as_f64().unwrap_or_default();
    assert!((sum - current).abs() < 0.01, "{sum} vs {current}");
    let max = today["maxScore"].as_f64().unwrap_or_default();
    assert!(current > 0.0 && current < max, "{current} of {max}");
    let oldest = days[89]["currentScore"].as_f64().unwrap_or_default();
    assert!(
        oldest < current,
        "the score rose over 90 days: {oldest} → {current}"
    );
}

#[tokio::test]
async fn patch_adds_a_control_state_update_and_requires_vendor_information() {
    let ms = instance();
    let token = ms.ms_access_token(ADELE, WRITE_SCOPE).await;
    let uri = format!("{PROFILES}/AdminMFAV2");
    let missing = json!({ "comment": "ServiceNow INC0010001: http://sn/INC0010001" });
    let refused = ms
        .graph(Method::PATCH, &uri, Some(&token), Some(&missing))
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(refused.json()["error"]["code"], "BadRequest");
    assert!(refused.json()["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("vendorInformation"));

    let before = ms
        .control
        .microsoft()
        .profile("AdminMFAV2")
        .expect("profile");
    let updates_before = before["controlStateUpdates"].as_array().map_or(0, Vec::len);
    let body = json!({
        "assignedTo": "adele.vance@contoso.onmicrosoft.com",
        "comment": "ServiceNow INC0010001: http://sn/INC0010001",
        "vendorInformation": { "provider": "SecureScore", "providerVersion": null, "subProvider": null, "vendor": "Microsoft" },
    });
    let reply = ms
        .graph(Method::PATCH, &uri, Some(&token), Some(&body))
        .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{}", reply.body);
    let after = ms
        .control
        .microsoft()
        .profile("AdminMFAV2")
        .expect("profile");
    let updates = after["controlStateUpdates"].as_array().expect("updates");
    assert_eq!(updates.len(), updates_before + 1);
    let last = &updates[updates.len() - 1];
    assert_eq!(
        last["comment"],
        "ServiceNow INC0010001: http://sn/INC0010001"
    );
    assert_eq!(last["assignedTo"], ADELE);
    assert_eq!(last["updatedBy"], ADELE);
    assert_eq!(last["state"], "Default", "the state stays what it was");

    let bad_state = json!({ "state": "Done", "vendorInformation": body["vendorInformation"] });
    let reply = ms
        .graph(Method::PATCH, &uri, Some(&token), Some(&bad_state))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let request = Instance::request(Method::PATCH, &uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .header("prefer", "return=representation")
        .body(Body::from(
            json!({ "state": "Reviewed", "vendorInformation": body["vendorInformation"] })
                .to_string(),
        ))
        .expect("request");
    let reply = ms.send(request).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json()["controlStateUpdates"]
            .as_array()
            .and_then(|u| u.last())
            .map(|u| u["state"].clone()),
        Some(json!("Reviewed"))
    );
    assert_eq!(ms.control.microsoft().requests().patches, 4);
}

#[tokio::test]
async fn graph_refuses_no_token_a_bad_token_and_an_expired_one_with_401() {
    let ms = instance();
    let none = ms.graph(Method::GET, PROFILES, None, None).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert_eq!(none.json()["error"]["code"], "InvalidAuthenticationToken");
    let bad = ms
        .graph(Method::GET, PROFILES, Some("not-a-token"), None)
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    let token = ms.ms_access_token(ADELE, READ_SCOPE).await;
    ms.control.microsoft().expire_access_tokens();
    let expired = ms.graph(Method::GET, PROFILES, Some(&token), None).await;
    assert_eq!(expired.status, StatusCode::UNAUTHORIZED);
    assert!(expired.json()["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("expired"));
}

#[tokio::test]
async fn graph_answers_403_without_the_role_or_the_scope() {
    let ms = instance();
    let no_role = ms.ms_access_token(ALEX, READ_SCOPE).await;
    let reply = ms.graph(Method::GET, PROFILES, Some(&no_role), None).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.json()["error"]["code"], "Forbidden");

    let reader = ms.ms_access_token(MEGAN, WRITE_SCOPE).await;
    let vendor =
        json!({ "vendorInformation": { "provider": "SecureScore", "vendor": "Microsoft" } });
    let write = ms
        .graph(
            Method::PATCH,
            &format!("{PROFILES}/AdminMFAV2"),
            Some(&reader),
            Some(&vendor),
        )
        .await;
    assert_eq!(
        write.status,
        StatusCode::FORBIDDEN,
        "a Security Reader cannot update"
    );

    let read_only = ms.ms_access_token(ADELE, READ_SCOPE).await;
    let write = ms
        .graph(
            Method::PATCH,
            &format!("{PROFILES}/AdminMFAV2"),
            Some(&read_only),
            Some(&vendor),
        )
        .await;
    assert_eq!(
        write.status,
        StatusCode::FORBIDDEN,
        "the read scope cannot update"
    );

    let openid_only = ms
        .ms_access_token(ADELE, "openid profile offline_access")
        .await;
    let read = ms
        .graph(Method::GET, SCORES, Some(&openid_only), None)
        .await;
    assert_eq!(read.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_throttled_request_gets_429_with_retry_after_then_the_next_one_works() {
    let ms = instance();
    let token = ms.ms_access_token(ADELE, READ_SCOPE).await;
    ms.control.microsoft().throttle(7, 1);
    let reply = ms.graph(Method::GET, PROFILES, Some(&token), None).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("retry-after"), Some("7"));
    assert_eq!(reply.json()["error"]["code"], "TooManyRequests");
    let again = ms.graph(Method::GET, PROFILES, Some(&token), None).await;
    assert_eq!(again.status, StatusCode::OK);
}

#[tokio::test]
async fn graph_cors_answers_the_apps_origin_only() {
    let ms = instance();
    let preflight = |origin: &str| {
        Instance::request(Method::OPTIONS, PROFILES)
            .header(ORIGIN, origin)
            .header(ACCESS_CONTROL_REQUEST_METHOD, "GET")
            .header(ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
            .body(Body::empty())
            .expect("request")
    };
    let ok = ms.send(preflight(APP)).await;
    assert!(ok.status.is_success());
    assert_eq!(ok.header("access-control-allow-origin"), Some(APP));
    assert!(ok
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .contains("Authorization"));
    let other = ms.send(preflight("https://evil.example")).await;
    assert!(other.header("access-control-allow-origin").is_none());

    let token = ms.ms_access_token(ADELE, READ_SCOPE).await;
    ms.control.microsoft().throttle(3, 1);
    let request = Instance::request(Method::GET, PROFILES)
        .header(ORIGIN, APP)
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request");
    let reply = ms.send(request).await;
    assert_eq!(reply.header("access-control-allow-origin"), Some(APP));
    assert!(reply
        .header("access-control-expose-headers")
        .unwrap_or_default()
        .contains("Retry-After"));
    assert_eq!(ms.control.microsoft().requests().preflights, 2);
}

#[tokio::test]
async fn the_control_endpoints_switch_faults_over_http() {
    let ms = instance();
    let put = Instance::request(Method::PUT, "/sandbox/microsoft/switches")
        .header("content-type", "application/json")
        .body(Body::from(
            json!({ "consent_missing": true, "page_size": 100 }).to_string(),
        ))
        .expect("request");
    let reply = ms.send(put).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(reply.json()["consent_missing"], true);
    assert_eq!(reply.json()["page_size"], 100);
    let post = Instance::request(Method::POST, "/sandbox/microsoft/faults")
        .header("content-type", "application/json")
        .body(Body::from(
            json!({ "fault": "429", "retry_after": 12 }).to_string(),
        ))
        .expect("request");
    assert_eq!(ms.send(post).await.status, StatusCode::OK);
    ms.control.microsoft().set_consent_missing(false);
    let token = ms.ms_access_token(ADELE, READ_SCOPE).await;
    let reply = ms.graph(Method::GET, PROFILES, Some(&token), None).await;
    assert_eq!(reply.header("retry-after"), Some("12"));
    let reply = ms.graph(Method::GET, PROFILES, Some(&token), None).await;
    assert_eq!(reply.json()["value"].as_array().map(Vec::len), Some(100));
}
