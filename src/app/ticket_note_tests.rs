//! Writing the note against scripted Graph answers (shapes as securescorecontrolprofile-get.md
//! and securescorecontrolprofile-update.md show them).

use std::cell::RefCell;
use std::rc::Rc;

use futures::executor::block_on;
use serde_json::{json as value, Value};

use super::*;
use crate::microsoft::fake::session;
use crate::microsoft::GraphError;
use crate::servicenow::fake::{json, FakeTransport};

const PROFILE_URL: &str =
    "https://graph.microsoft.com/v1.0/security/secureScoreControlProfiles/MFARegistrationV2";

fn note() -> TicketNote {
    TicketNote {
        action_id: "MFARegistrationV2".into(),
        number: "CHG0030042".into(),
        link: "https://dev1.service-now.com/change_request.do?sys_id=abc".into(),
        requester: "adele.vance@contoso.onmicrosoft.com".into(),
    }
}

/// A profile whose action the tenant has accepted the risk of, with `updates` before.
fn profile(updates: Value) -> Value {
    value!({"id": "MFARegistrationV2", "title": "Ensure all users can complete MFA",
        "controlStateUpdates": updates,
        "vendorInformation": {"provider": "SecureScore", "providerVersion": "3.0",
            "subProvider": "Identity", "vendor": "Microsoft"}})
}

/// Answers GET with `profile` and PATCH with `patch_status`; every PATCH body is kept.
fn graph(profile: Value, patch_status: u16) -> (FakeTransport, Rc<RefCell<Vec<Value>>>) {
    let patches = Rc::new(RefCell::new(Vec::new()));
    let kept = patches.clone();
    let transport = FakeTransport::new(move |request| {
        assert_eq!(request.uri().to_string(), PROFILE_URL);
        if request.method() == "PATCH" {
            let body = serde_json::from_slice(request.body()).expect("a JSON body");
            kept.borrow_mut().push(body);
            return json(patch_status, "");
        }
        json(200, &profile.to_string())
    });
    (transport, patches)
}

#[test]
fn the_note_keeps_the_actions_state_and_names_the_ticket() {
    let accepted = value!([{"assignedTo": "", "comment": "Accepted for now", "state": "Ignored",
        "updatedBy": "admin@contoso.onmicrosoft.com", "updatedDateTime": "2026-10-01T08:00:00Z"}]);
    let (transport, patches) = graph(profile(accepted), 204);
    let written = block_on(write(&session(&transport), &note())).expect("written");
    assert_eq!(written, Noted::Written);
    let patches = patches.borrow();
    assert_eq!(patches.len(), 1);
    assert_eq!(
        patches[0]["comment"],
        "ServiceNow CHG0030042: https://dev1.service-now.com/change_request.do?sys_id=abc"
    );
    assert_eq!(
        patches[0]["assignedTo"],
        "adele.vance@contoso.onmicrosoft.com"
    );
    assert_eq!(
        patches[0]["state"], "Ignored",
        "a note must not undo the accepted risk"
    );
    assert_eq!(
        patches[0]["vendorInformation"],
        value!({"provider": "SecureScore", "providerVersion": "3.0",
            "subProvider": "Identity", "vendor": "Microsoft"}),
        "the profile's own vendor information, as it is"
    );
}

#[test]
fn a_note_already_on_the_action_is_not_written_twice() {
    let noted = value!([{"comment":
        "ServiceNow CHG0030042: https://dev1.service-now.com/change_request.do?sys_id=abc",
        "state": "Default", "updatedDateTime": "2026-11-22T07:59:00Z"}]);
    let (transport, patches) = graph(profile(noted), 204);
    let written = block_on(write(&session(&transport), &note())).expect("already there");
    assert_eq!(written, Noted::AlreadyThere);
    assert!(patches.borrow().is_empty());
}

#[test]
fn a_refused_write_is_told_as_graphs_refusal() {
    let (transport, patches) = graph(profile(value!([])), 403);
    let refused = block_on(write(&session(&transport), &note()));
    assert!(
        matches!(
            refused,
            Err(SessionError::Graph(GraphError::Forbidden { .. }))
        ),
        "{refused:?}"
    );
    assert_eq!(patches.borrow().len(), 1);
}
