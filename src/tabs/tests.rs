use chrono::{Duration, TimeZone, Utc};
use futures::executor::LocalPool;
use futures::task::LocalSpawnExt;

use super::fake::FakeOrigin;
use super::*;
use crate::servicenow::oauth::AccessToken;

fn set(access: &str, refresh: &str) -> TokenSet {
    TokenSet {
        access_token: AccessToken::new(access.into()),
        refresh_token: Some(RefreshToken::new(refresh.into())),
        expires_at: Utc
            .with_ymd_and_hms(2026, 1, 1, 12, 30, 0)
            .single()
            .unwrap_or_default(),
        lifetime_secs: 1800,
    }
}

fn noon() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

#[test]
fn a_set_announced_in_one_tab_is_heard_in_the_others_of_its_namespace_only() {
    let origin = FakeOrigin::new();
    let (one, two) = (origin.tab(), origin.tab());
    let heard = Rc::new(RefCell::new(Vec::new()));
    let sender = one.tokens("snowcard", SERVICENOW);
    sender.listen(|_| {});
    let listener = two.tokens("snowcard", SERVICENOW);
    let into = heard.clone();
    listener.listen(move |rotated| into.borrow_mut().push(rotated));
    // Another namespace and the other service hear nothing of it.
    let other = two.tokens("snowcard:portal", SERVICENOW);
    let microsoft = two.tokens("snowcard", MICROSOFT);
    let stray = Rc::new(RefCell::new(0));
    for sync in [&other, &microsoft] {
        let stray = stray.clone();
        sync.listen(move |_| *stray.borrow_mut() += 1);
    }
    sender.announce(&RefreshToken::new("r1".into()), &set("a2", "r2"));
    let heard = heard.borrow();
    assert_eq!(heard.len(), 1);
    assert_eq!(heard[0].replaced.secret(), "r1");
    assert_eq!(heard[0].tokens.access_token.secret(), "a2");
    assert_eq!(*stray.borrow(), 0);
}

#[test]
fn a_set_succeeds_only_the_session_whose_refresh_token_it_replaced() {
    let rotated = Rotated {
        replaced: RefreshToken::new("r1".into()),
        tokens: set("a2", "r2"),
    };
    assert!(rotated.succeeds(&set("a1", "r1")));
    assert!(!rotated.succeeds(&set("a9", "r9")), "another session's");
    assert!(
        !rotated.succeeds(&set("a2", "r2")),
        "already taken into use"
    );
    let without = TokenSet {
        refresh_token: None,
        ..set("a1", "r1")
    };
    assert!(!rotated.succeeds(&without));
}

#[test]
fn anything_else_on_the_channel_is_ignored() {
    let origin = FakeOrigin::new();
    let heard = Rc::new(RefCell::new(0));
    let listener = origin.tab().tokens("snowcard", SERVICENOW);
    let into = heard.clone();
    listener.listen(move |_| *into.borrow_mut() += 1);
    let opened = TabChannels::open(
        &origin,
        "snowcard:servicenow:tokens",
        Box::new(|_: &str| {}),
    );
    let Some(channel) = opened else {
        panic!("the fake origin always opens a channel");
    };
    for text in [
        "",
        "null",
        "{\"v\":2,\"replaced\":\"r\"}",
        "{\"v\":1}",
        "\u{0}",
    ] {
        channel.post(text);
    }
    assert_eq!(*heard.borrow(), 0);
}

#[test]
fn without_a_channel_or_lock_nothing_is_shared_and_nothing_fails() {
    let sync = TokenSync::default();
    sync.listen(|_| panic!("nothing can be heard"));
    sync.announce(&RefreshToken::new("r1".into()), &set("a2", "r2"));
    let guard = futures::executor::block_on(sync.lock());
    drop(guard);
}

#[test]
fn the_lock_lets_one_tab_in_at_a_time_in_the_order_they_asked() {
    let origin = FakeOrigin::new();
    let tabs: Vec<TokenSync> = (0..3)
        .map(|_| origin.tab().tokens("snowcard", SERVICENOW))
        .collect();
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut pool = LocalPool::new();
    let first = futures::executor::block_on(tabs[0].lock());
    for (i, sync) in tabs.into_iter().enumerate().skip(1) {
        let log = log.clone();
        let spawned = pool.spawner().spawn_local(async move {
            let _held = sync.lock().await;
            log.borrow_mut().push(format!("in {i}"));
            futures::future::ready(()).await;
            log.borrow_mut().push(format!("out {i}"));
        });
        assert!(spawned.is_ok());
    }
    pool.run_until_stalled();
    assert!(log.borrow().is_empty(), "held by the first tab");
    drop(first);
    pool.run_until_stalled();
    assert_eq!(*log.borrow(), ["in 1", "out 1", "in 2", "out 2"]);
}

#[test]
fn under_the_lock_a_set_adopted_meanwhile_is_used_instead_of_refreshing() {
    let started = set("a1", "r1");
    let adopted = set("a2", "r2");
    match turn(&started, adopted, noon()) {
        Turn::Adopted(tokens) => assert_eq!(tokens.access_token.secret(), "a2"),
        Turn::Refresh(_) => panic!("refreshed though another tab had"),
    }
    match turn(&started, set("a1", "r1"), noon()) {
        Turn::Refresh(Some(token)) => assert_eq!(token.secret(), "r1"),
        other => panic!("{other:?}"),
    }
    // An adopted set that is itself about to expire is refreshed, with its refresh token.
    let late = noon() + Duration::minutes(30);
    match turn(&started, set("a2", "r2"), late) {
        Turn::Refresh(Some(token)) => assert_eq!(token.secret(), "r2"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_closed_channel_stops_hearing() {
    let origin = FakeOrigin::new();
    let sync = origin.tab().tokens("snowcard", SERVICENOW);
    sync.listen(|_| {});
    assert_eq!(origin.open_channels("snowcard:servicenow:tokens"), 1);
    drop(sync);
    assert_eq!(origin.open_channels("snowcard:servicenow:tokens"), 0);
}

#[test]
fn a_session_kept_in_this_page_neither_posts_nor_hears_its_tokens() {
    let origin = FakeOrigin::new();
    let (one, two) = (origin.tab(), origin.tab());
    let heard = Rc::new(RefCell::new(0));
    let listener = two.tokens("snowcard", SERVICENOW);
    let into = heard.clone();
    listener.listen(move |_| *into.borrow_mut() += 1);
    let kept = one.tokens_kept_here("snowcard", SERVICENOW);
    let kept_heard = Rc::new(RefCell::new(0));
    let into = kept_heard.clone();
    kept.listen(move |_| *into.borrow_mut() += 1);
    kept.announce(&RefreshToken::new("r1".into()), &set("a2", "r2"));
    assert_eq!(*heard.borrow(), 0, "a memory-mode set was posted");
    let sender = two.tokens("snowcard", SERVICENOW);
    sender.announce(&RefreshToken::new("r2".into()), &set("a3", "r3"));
    assert_eq!(
        *kept_heard.borrow(),
        0,
        "a memory-mode session took a posted set"
    );
}
