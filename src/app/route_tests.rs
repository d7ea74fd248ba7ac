use super::*;

fn filtered() -> Route {
    Route::Tickets(TicketsFilter {
        scope: TicketsScope::Only(TicketKind::Incident),
        state: Some("-5".into()),
        priority: Some(Priority::High),
        search: "vpn & mfa=on #2".into(),
        sort: Sort {
            field: SortField::DueDate,
            descending: false,
        },
        page: 2,
    })
}

fn every_route() -> Vec<Route> {
    vec![
        Route::Home,
        Route::Setup,
        Route::Status,
        Route::actions(),
        Route::Actions(ActionsFilter {
            search: "Turn on MFA?".into(),
            category: Some(Category::Device),
            ..ActionsFilter::default()
        }),
        Route::Actions(ActionsFilter {
            search: String::new(),
            category: None,
            sort: crate::microsoft::ActionSort::ToGain,
            status: Some(crate::microsoft::ActionStatus::RiskAccepted),
            service: Some("Azure AD & Entra".into()),
            shared: Some(false),
            deprecated: true,
        }),
        Route::Share { action: None },
        Route::Share {
            action: Some("AdminMFAV2".into()),
        },
        Route::tickets(TicketsScope::All),
        Route::tickets(TicketsScope::Only(TicketKind::ChangeRequest)),
        filtered(),
        Route::Manage,
    ]
}

#[test]
fn every_route_prints_and_reads_back_as_itself() {
    for route in every_route() {
        let target = route.target();
        assert!(target.starts_with('/'), "{target}");
        assert!(!target.contains('#'), "{target}");
        assert_eq!(Route::parse_target(&target), Ok(route.clone()), "{target}");
        // The view kind survives too, for the return after signing in.
        assert_eq!(Route::of_view(route.view()).view(), route.view());
    }
}

#[test]
fn addresses_are_short_and_readable() {
    assert_eq!(Route::Home.target(), "/");
    assert_eq!(Route::tickets(TicketsScope::All).target(), "/tickets");
    assert_eq!(
        filtered().target(),
        "/tickets?table=incident&state=-5&priority=2&q=vpn+%26+mfa%3Don+%232&sort=due_date-asc&page=2"
    );
    assert_eq!(
        Route::Actions(ActionsFilter {
            category: Some(Category::Apps),
            sort: crate::microsoft::ActionSort::Title,
            shared: Some(true),
            ..ActionsFilter::default()
        })
        .target(),
        "/actions?category=apps&sort=title&shared=yes"
    );
    assert_eq!(
        Route::Share {
            action: Some("a/b?c".into())
        }
        .target(),
        "/share?action=a%2Fb%3Fc"
    );
}

#[test]
fn unknown_paths_and_bad_values_are_errors_that_name_them() {
    assert_eq!(
        Route::parse_target("/tickets/42"),
        Err(RouteError::UnknownPath("/tickets/42".into()))
    );
    assert!(matches!(
        Route::parse_target("/nowhere"),
        Err(RouteError::UnknownPath(_))
    ));
    for (target, name) in [
        ("/tickets?page=0", "page"),
        ("/tickets?page=two", "page"),
        ("/tickets?page=99999999999", "page"),
        ("/tickets?priority=9", "priority"),
        ("/tickets?table=problem", "table"),
        ("/tickets?sort=name-up", "sort"),
        ("/tickets?sort=short_description", "sort"),
        // A state belongs to one table.
        ("/tickets?state=2", "state"),
        ("/tickets?table=incident&state=2^ORactive=true", "state"),
        ("/actions?category=printers", "category"),
        ("/actions?sort=points", "sort"),
        ("/actions?status=done", "status"),
        ("/actions?shared=maybe", "shared"),
        ("/actions?deprecated=1", "deprecated"),
        ("/share?action=", "action"),
    ] {
        match Route::parse_target(target) {
            Err(RouteError::BadValue { name: n, .. }) => assert_eq!(n, name, "{target}"),
            other => panic!("{target}: {other:?}"),
        }
    }
    let long = format!("/tickets?q={}", "x".repeat(101));
    assert!(Route::parse_target(&long).is_err());
}

#[test]
fn reading_is_forgiving_where_a_person_would_expect_it() {
    // No path is home; unknown parameters (a tracker's) are ignored; the last value wins.
    assert_eq!(Route::parse("", ""), Ok(Route::Home));
    assert_eq!(
        Route::parse_target("/tickets?utm_source=mail&page=3&page=2"),
        Ok(Route::Tickets(TicketsFilter {
            page: 2,
            ..TicketsFilter::of(TicketsScope::All)
        }))
    );
    assert_eq!(
        Route::parse("/actions", "?q=mfa"),
        Ok(Route::Actions(ActionsFilter {
            search: "mfa".into(),
            ..ActionsFilter::default()
        }))
    );
    // The drop-down's older spelling of a category still reads.
    assert_eq!(
        Route::parse_target("/actions?category=Devices"),
        Ok(Route::Actions(ActionsFilter {
            category: Some(Category::Device),
            ..ActionsFilter::default()
        }))
    );
}

#[test]
fn search_text_cannot_add_a_parameter_or_a_view() {
    for text in [
        "a&page=9",
        "x#/manage",
        "?table=incident",
        "100% + more",
        "åäö 日本",
    ] {
        let route = Route::Tickets(TicketsFilter {
            search: text.into(),
            ..TicketsFilter::of(TicketsScope::All)
        });
        assert_eq!(Route::parse_target(&route.target()), Ok(route), "{text}");
    }
}

#[test]
fn only_views_with_data_need_a_connection() {
    let needing: Vec<bool> = every_route().iter().map(Route::needs_connection).collect();
    assert_eq!(
        needing,
        [false, false, false, true, true, true, true, true, true, true, true, true]
    );
}

fn url(text: &str) -> Url {
    Url::parse(text).expect("valid")
}

#[test]
fn the_standalone_page_keeps_the_route_in_its_fragment() {
    let page = url("https://sec.example/snowcard/index.html");
    assert_eq!(Address::Fragment.read(&page), None);
    let there = Address::Fragment.write(&page, Some(&filtered().target()));
    assert_eq!(
        there.as_str(),
        format!(
            "https://sec.example/snowcard/index.html#{}",
            filtered().target()
        )
    );
    let back = Address::Fragment.read(&there).expect("a route");
    assert_eq!(Route::parse_target(&back), Ok(filtered()));
    // Home clears the fragment; a hand-typed fragment is read, to be refused by the parser.
    assert_eq!(
        Address::Fragment.write(&there, None).as_str(),
        "https://sec.example/snowcard/index.html"
    );
    let typed = url("https://sec.example/snowcard/index.html#tickets");
    assert_eq!(Address::Fragment.read(&typed).as_deref(), Some("tickets"));
    assert!(Route::parse_target("tickets").is_err());
}

#[test]
fn a_query_parameter_changes_alone_and_the_hosts_own_stay_byte_for_byte() {
    let host = url("https://portal.example/security?tab=secure%20score&x=1+2#overview");
    let mode = Address::QueryParam("sc".into());
    assert_eq!(mode.read(&host), None);
    let there = mode.write(&host, Some(&filtered().target()));
    assert!(
        there
            .as_str()
            .starts_with("https://portal.example/security?tab=secure%20score&x=1+2&sc="),
        "{there}"
    );
    assert_eq!(there.fragment(), Some("overview"));
    let read = mode.read(&there).expect("a route");
    assert_eq!(Route::parse_target(&read), Ok(filtered()));
    // Moving again replaces the parameter; home removes it.
    let manage = mode.write(&there, Some("/manage"));
    assert_eq!(
        manage.as_str(),
        "https://portal.example/security?tab=secure%20score&x=1+2&sc=manage#overview"
    );
    assert_eq!(mode.write(&manage, None), host);
    // Another component's parameter is neither read nor touched.
    let other = Address::QueryParam("sc-left".into());
    let both = other.write(&manage, Some("/status"));
    assert_eq!(mode.read(&both).as_deref(), Some("/manage"));
    assert_eq!(other.read(&both).as_deref(), Some("/status"));
    assert_eq!(
        mode.write(&both, None),
        url("https://portal.example/security?tab=secure%20score&x=1+2&sc-left=status#overview")
    );
}

#[test]
fn a_hash_parameter_keeps_the_hosts_fragment() {
    let host = url("https://portal.example/#/dashboard");
    let mode = Address::HashParam("sc".into());
    assert_eq!(mode.read(&host), None);
    let there = mode.write(&host, Some("/tickets?page=2"));
    assert_eq!(
        there.as_str(),
        "https://portal.example/#/dashboard&sc=tickets%3Fpage%3D2"
    );
    assert_eq!(mode.read(&there).as_deref(), Some("/tickets?page=2"));
    assert_eq!(mode.write(&there, None), host);
    let bare = url("https://portal.example/");
    assert_eq!(
        mode.write(&bare, Some("/manage")).as_str(),
        "https://portal.example/#sc=manage"
    );
    assert_eq!(mode.write(&mode.write(&bare, Some("/manage")), None), bare);
}

#[test]
fn routing_options_read() {
    assert_eq!(Routing::parse(" Query "), Some(Routing::Query));
    assert_eq!(Routing::parse("hash"), Some(Routing::Hash));
    assert_eq!(Routing::parse("none"), Some(Routing::None));
    assert_eq!(Routing::parse("path"), None);
}

#[test]
fn after_connecting_a_sign_in_goes_where_the_person_was_headed() {
    let tickets = Route::tickets(TicketsScope::All);
    let draft = Some(Route::Share {
        action: Some("MFA".into()),
    });
    // The destination first.
    assert_eq!(
        after_connecting(true, &Route::Home, Some(tickets.clone()), draft.clone()),
        Some(tickets.clone())
    );
    // An address that names views keeps its own (home stays home, with a draft open);
    // memory, which named none, reopens the form.
    assert_eq!(
        after_connecting(true, &Route::Home, None, draft.clone()),
        None
    );
    assert_eq!(
        after_connecting(false, &Route::Home, None, draft.clone()),
        draft.clone()
    );
    // From the setup page, home.
    assert_eq!(
        after_connecting(true, &Route::Setup, None, None),
        Some(Route::Home)
    );
    assert_eq!(after_connecting(true, &Route::Manage, None, None), None);
    // Already there: no move.
    assert_eq!(
        after_connecting(true, &tickets, Some(tickets.clone()), None),
        None
    );
}

#[test]
fn home_is_written_when_it_is_not_the_start_and_a_host_address_is_left_byte_for_byte() {
    let mode = Address::QueryParam("sc".into());
    let host = url("https://portal.example/?a=1&&b#x");
    // The embedding page starts on another view: home needs its parameter.
    let home = mode.write(&host, Some("/"));
    assert_eq!(home.as_str(), "https://portal.example/?a=1&b&sc=#x");
    assert_eq!(mode.read(&home).as_deref(), Some("/"));
    assert_eq!(Route::parse_target("/"), Ok(Route::Home));
    // Nothing of the component's in it: removing changes not one byte.
    assert_eq!(mode.write(&host, None), host);
}

#[test]
fn a_control_character_in_the_path_is_an_unknown_path_not_a_panic() {
    // Found by `routes_never_panic_and_round_trip` (minimal case `/\0`).
    for path in ["/\0", "/tickets\0", "/\u{1}share", "/\u{7f}"] {
        assert_eq!(
            Route::parse(path, ""),
            Err(RouteError::UnknownPath(path.into())),
            "{path:?}"
        );
    }
}
