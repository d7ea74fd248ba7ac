use std::rc::Rc;

use super::*;
use crate::app::catalog::Category;
use crate::app::route::TicketsFilter;
use crate::app::TicketsScope;
use crate::storage::{MemoryStorage, StorageBackend};

fn preferences() -> (Preferences, MemoryStorage) {
    let memory = MemoryStorage::default();
    let backend: Rc<dyn StorageBackend> = Rc::new(memory.clone());
    (Preferences::new(Store::new(backend, "snowcard")), memory)
}

fn draft(action: Option<&str>, nonce: &str) -> ShareDraft {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    match action {
        Some(id) => {
            let action = crate::app::catalog::ImprovementAction {
                id: id.into(),
                title: format!("Action {id}"),
                category: Category::Identity,
                remediation: "Do it".into(),
                remediation_impact: String::new(),
                action_url: String::new(),
                service: String::new(),
                max_score: None,
                rank: None,
            };
            ShareDraft::from_action(&action, "me", today)
        }
        None => ShareDraft::blank("me", nonce, today),
    }
}

#[test]
fn unset_and_unreadable_values_read_as_defaults_and_are_cleared() {
    let (prefs, memory) = preferences();
    assert!(!prefs.show_every_ticket());
    assert_eq!(prefs.share_drafts(), ShareDrafts::default());
    assert_eq!(prefs.remembered_group(), None);
    assert_eq!(prefs.imported_catalog(), None);
    memory
        .set("snowcard:show-every-ticket", "{not json")
        .expect("stored");
    assert!(!prefs.show_every_ticket());
    assert!(memory.get("snowcard:show-every-ticket").is_none());
    memory.set("snowcard:setup-draft", "[]").expect("stored");
    assert!(
        prefs.setup_draft().is_err(),
        "a corrupt setup draft is told"
    );
    assert_eq!(prefs.setup_draft(), Ok(None), "and cleared");
}

#[test]
fn values_round_trip_under_the_namespace() {
    let (prefs, memory) = preferences();
    prefs.set_show_every_ticket(true);
    assert!(prefs.show_every_ticket());
    prefs.choose_catalog(Some("[]"));
    assert_eq!(prefs.imported_catalog().as_deref(), Some("[]"));
    prefs.choose_catalog(None);
    assert_eq!(prefs.imported_catalog(), None);
    let setup = SetupDraft {
        instance: "acme".into(),
        ..Default::default()
    };
    prefs.save_setup_draft(&setup);
    assert_eq!(prefs.setup_draft(), Ok(Some(setup)));
    assert!(memory.get("snowcard:setup-draft").is_some());
}

#[test]
fn a_shared_action_address_reopens_its_kept_draft() {
    let (prefs, _) = preferences();
    let mut typed = draft(Some("MFA"), "");
    typed.name = "My own words".into();
    prefs.open_draft(typed.clone());
    prefs.close_draft(false);
    assert!(prefs.share_drafts().open_draft().is_none());
    assert!(prefs.reopen_draft(Some("MFA")));
    assert_eq!(prefs.share_drafts().open_draft(), Some(&typed));
    // Already open: stays open; unknown action or no blank draft open: nothing to reopen.
    assert!(prefs.reopen_draft(Some("MFA")));
    assert!(!prefs.reopen_draft(Some("Other")));
    assert!(!prefs.reopen_draft(None));
    prefs.open_draft(draft(None, "1"));
    assert!(prefs.reopen_draft(None));
    prefs.close_draft(true);
    assert!(!prefs.reopen_draft(None));
}

#[test]
fn the_destination_comes_back_once_and_setup_keeps_it() {
    let (prefs, _) = preferences();
    let filtered = Route::Tickets(TicketsFilter {
        page: 2,
        ..TicketsFilter::of(TicketsScope::All)
    });
    prefs.remember_destination(&filtered);
    // Going on to the setup page to sign in keeps where the person was headed.
    prefs.remember_destination(&Route::Setup);
    assert!(prefs.has_destination());
    assert_eq!(prefs.take_destination(), Some(filtered));
    assert_eq!(prefs.take_destination(), None);
    prefs.remember_destination(&Route::Manage);
    prefs.forget_destination();
    assert_eq!(prefs.take_destination(), None);
    prefs.remember_destination(&Route::Home);
    assert!(!prefs.has_destination(), "home needs no remembering");
}
