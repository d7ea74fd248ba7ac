//! The Graph calls against scripted answers shaped as the Graph reference shows them.

use futures::executor::block_on;

use super::*;
use crate::servicenow::fake::{json, FakeTransport};
use crate::servicenow::TransportError;

const GRAPH: &str = "https://graph.microsoft.com";

fn client(transport: &FakeTransport) -> GraphClient {
    GraphClient::new(
        Rc::new(transport.clone()),
        Endpoint::parse(GRAPH).expect("valid"),
        AccessToken::new("AT".into()),
    )
}

fn profile(id: &str) -> Value {
    json!({"id": id, "title": format!("Title {id}"), "maxScore": 5.0, "rank": 1,
           "controlStateUpdates": [], "vendorInformation": null})
}

/// Answers page `n` of three, each with two profiles, linking on with `$skiptoken`.
fn three_pages(request: &crate::servicenow::HttpRequest) -> Result<HttpResponse, TransportError> {
    let url = request.uri().to_string();
    let page = match url.split("$skiptoken=").nth(1) {
        None => 0,
        Some(token) => token.parse::<usize>().unwrap_or(99),
    };
    let mut body = json!({"value": [profile(&format!("P{}", 2 * page)), profile(&format!("P{}", 2 * page + 1))]});
    if page < 2 {
        body["@odata.nextLink"] = json!(format!(
            "{GRAPH}/v1.0/security/secureScoreControlProfiles?$skiptoken={}",
            page + 1
        ));
    }
    json(200, &body.to_string())
}

#[test]
fn every_page_is_read_by_following_next_links_to_the_end() {
    let transport = FakeTransport::new(three_pages);
    let listing = block_on(client(&transport).control_profiles()).expect("listing");
    let ids: Vec<&str> = listing.profiles.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["P0", "P1", "P2", "P3", "P4", "P5"]);
    assert_eq!(listing.requests, 3);
    let sent = transport.requests();
    assert_eq!(
        sent[0].url,
        "https://graph.microsoft.com/v1.0/security/secureScoreControlProfiles"
    );
    assert!(sent[2].url.ends_with("$skiptoken=2"));
    assert!(sent
        .iter()
        .all(|r| r.method == "GET" && r.authorization.as_deref() == Some("Bearer AT")));
}

#[test]
fn a_next_link_to_another_origin_is_refused_without_sending_the_token() {
    for foreign in [
        "https://graph.evil.example/v1.0/security/secureScoreControlProfiles?$skiptoken=1",
        "http://graph.microsoft.com/v1.0/security/secureScoreControlProfiles?$skiptoken=1",
        "https://graph.microsoft.com:8443/v1.0/x",
        "//evil.example/v1.0/x",
    ] {
        let body = json!({"value": [profile("P0")], "@odata.nextLink": foreign}).to_string();
        let transport = FakeTransport::new(move |_| json(200, &body));
        let result = block_on(client(&transport).control_profiles());
        assert_eq!(
            result,
            Err(GraphError::ForeignNextLink {
                url: foreign.into()
            }),
            "{foreign}"
        );
        assert_eq!(transport.requests().len(), 1, "{foreign}");
    }
}

#[test]
fn next_links_that_repeat_or_never_end_stop() {
    let same = json!({"value": [profile("P0")],
        "@odata.nextLink": format!("{GRAPH}/v1.0/security/secureScoreControlProfiles")})
    .to_string();
    let transport = FakeTransport::new(move |_| json(200, &same));
    assert_eq!(
        block_on(client(&transport).control_profiles()),
        Err(GraphError::EndlessPaging { pages: 1 })
    );
    let endless = FakeTransport::new(|request| {
        let url = request.uri().to_string();
        let n = url
            .split("$skiptoken=")
            .nth(1)
            .and_then(|t| t.parse::<usize>().ok())
            .map_or(1, |t| t + 1);
        let body = json!({"value": [], "@odata.nextLink":
            format!("{GRAPH}/v1.0/security/secureScoreControlProfiles?$skiptoken={n}")});
        json(200, &body.to_string())
    });
    assert_eq!(
        block_on(client(&endless).control_profiles()),
        Err(GraphError::EndlessPaging { pages: MAX_PAGES })
    );
    assert_eq!(endless.requests().len(), MAX_PAGES);
}

#[test]
fn the_latest_score_is_the_first_of_top_one() {
    // The example answer of security-list-securescores.md, shortened.
    let body = r#"{"value":[{"id":"00000001-0001-0001-0001-000000000001c_2019-03-19","azureTenantId":"00000001-0001-0001-0001-000000000001c","activeUserCount":0,"createdDateTime":"2019-03-19T15:21:00Z","currentScore":387.0,"enabledServices":["HasExchange"],"licensedUserCount":100,"maxScore":697.0,"averageComparativeScores":[{"basis":"AllTenants","averageScore":37.0}],"controlScores":[{"controlCategory":"Identity","controlName":"AdminMFA","description":"Requiring MFA","score":35.0},{"controlCategory":"Data","controlName":"DLPEnabled","description":"DLP","score":20.0}],"vendorInformation":{"provider":"SecureScore","providerVersion":null,"subProvider":null,"vendor":"Microsoft"}}]}"#;
    let transport = FakeTransport::new(move |_| json(200, body));
    let score = block_on(client(&transport).latest_score())
        .expect("answer")
        .expect("a score");
    assert_eq!(score.current_score, 387.0);
    assert_eq!(score.max_score, 697.0);
    assert_eq!(score.control_scores.len(), 2);
    assert_eq!(score.control_scores[0].control_name, "AdminMFA");
    assert_eq!(
        transport.requests()[0].url,
        "https://graph.microsoft.com/v1.0/security/secureScores?$top=1"
    );
    let empty = FakeTransport::new(|_| json(200, r#"{"value":[]}"#));
    assert_eq!(block_on(client(&empty).latest_score()), Ok(None));
}

#[test]
fn a_missing_role_and_throttling_are_told_apart() {
    let forbidden = FakeTransport::new(|_| {
        json(
            403,
            r#"{"error":{"code":"Forbidden","message":"Insufficient privileges"}}"#,
        )
    });
    assert_eq!(
        block_on(client(&forbidden).latest_score()),
        Err(GraphError::Forbidden {
            code: "Forbidden".into(),
            message: "Insufficient privileges".into()
        })
    );
    let throttled = FakeTransport::new(|_| {
        let mut response = json(
            429,
            r#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#,
        )?;
        response
            .headers_mut()
            .insert("retry-after", http::HeaderValue::from_static("17"));
        Ok(response)
    });
    assert_eq!(
        block_on(client(&throttled).control_profiles()),
        Err(GraphError::RateLimited {
            retry_after_secs: 17
        })
    );
    let expired = FakeTransport::new(|_| {
        json(
            401,
            r#"{"error":{"code":"InvalidAuthenticationToken","message":"expired"}}"#,
        )
    });
    assert_eq!(
        block_on(client(&expired).latest_score()),
        Err(GraphError::Unauthorized)
    );
}

#[test]
fn the_ticket_note_keeps_the_state_and_carries_the_vendor_information() {
    let mut ignored: ControlProfile = serde_json::from_value(json!({
        "id": "NonOwnerAccess",
        "controlStateUpdates": [
            {"assignedTo": null, "comment": null, "state": "Default", "updatedBy": null,
             "updatedDateTime": "2019-03-19T22:37:14.628799Z"},
            {"assignedTo": "", "comment": "accepted", "state": "Ignored", "updatedBy": "a@b",
             "updatedDateTime": "2019-04-01T10:00:00Z"}
        ],
        "vendorInformation": {"provider": "SecureScore", "providerVersion": null,
                              "subProvider": null, "vendor": "Microsoft"}
    }))
    .expect("profile");
    let note = ControlUpdate::ticket_note(
        &ignored,
        "CHG0030001",
        "https://acme.service-now.com/nav_to.do?uri=change_request.do%3Fsys_id%3Dabc",
        "adelev@contoso.onmicrosoft.com",
    );
    // The body of securescorecontrolprofile-update.md's example, with our values.
    assert_eq!(
        note.body(),
        json!({
            "assignedTo": "adelev@contoso.onmicrosoft.com",
            "comment": "ServiceNow CHG0030001: https://acme.service-now.com/nav_to.do?uri=change_request.do%3Fsys_id%3Dabc",
            "state": "Ignored",
            "vendorInformation": {"provider": "SecureScore", "providerVersion": null,
                                  "subProvider": null, "vendor": "Microsoft"}
        })
    );
    ignored.vendor_information = None;
    ignored.control_state_updates.clear();
    let note = ControlUpdate::ticket_note(&ignored, "INC1", "l", "r");
    assert_eq!(note.body()["state"], "Default");
    assert_eq!(note.body()["vendorInformation"]["provider"], "SecureScore");
    assert_eq!(note.body()["vendorInformation"]["vendor"], "Microsoft");
}

#[test]
fn the_patch_goes_to_the_profiles_own_address() {
    let transport = FakeTransport::new(|_| json(204, ""));
    let profile = ControlProfile {
        id: "Odd id/with?chars".into(),
        ..ControlProfile::default()
    };
    let note = ControlUpdate::ticket_note(&profile, "CHG1", "https://l", "r@x");
    block_on(client(&transport).update_control(&profile.id, &note)).expect("204");
    let sent = transport.requests();
    assert_eq!(sent[0].method, "PATCH");
    assert_eq!(
        sent[0].url,
        "https://graph.microsoft.com/v1.0/security/secureScoreControlProfiles/Odd%20id%2Fwith%3Fchars"
    );
    let body: Value = serde_json::from_str(&sent[0].body).expect("json");
    assert_eq!(body, note.body());
    let refused = FakeTransport::new(|_| {
        json(
            400,
            r#"{"error":{"code":"BadRequest","message":"vendorInformation is required"}}"#,
        )
    });
    assert!(matches!(
        block_on(client(&refused).update_control("X", &note)),
        Err(GraphError::Server { status: 400, .. })
    ));
}

#[test]
fn one_profile_is_read_from_its_own_address() {
    let transport = FakeTransport::new(|_| json(200, &profile("Odd/id").to_string()));
    let read = block_on(client(&transport).control_profile("Odd/id")).expect("200");
    assert_eq!(read.id, "Odd/id");
    assert_eq!(read.title, "Title Odd/id");
    let sent = transport.requests();
    assert_eq!(sent[0].method, "GET");
    assert_eq!(
        sent[0].url,
        "https://graph.microsoft.com/v1.0/security/secureScoreControlProfiles/Odd%2Fid"
    );
}
