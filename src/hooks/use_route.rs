//! The route as a context: which view is shown, with its filters, and how to move.
//!
//! yew-router's `Router` holds the history, always a `MemoryHistory`: every entry in it is a
//! route snowcard printed itself, so it always reads. What yew-router cannot do is written
//! here, by hand: mirroring that history into the page's address ([`Address`]: the whole
//! fragment on the standalone page, one namespaced parameter of a host's query or fragment,
//! or nowhere), and following the address when the person presses Back or Forward or edits
//! it. Its `HashRouter` is not used because gloo's `HashHistory` panics on a fragment that
//! does not start with `/` (one keystroke in the address bar), and neither of its routers
//! can share an address with a host page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use yew::prelude::*;
use yew_router::history::{AnyHistory, History, MemoryHistory};
use yew_router::prelude::use_location;
use yew_router::query::Raw;
use yew_router::Router;

use crate::app::route::{Address, Route};
use crate::app::{flow, Services, View};

/// Why the view shown is not the one the address named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteNote {
    /// The address names no view, or a filter that does not read.
    UnknownAddress,
    /// The share form's address names an improvement action the list does not have.
    UnknownAction,
}

/// The view shown, and whether the person has moved since the app loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteState {
    pub route: Route,
    /// Why the route differs from what the address asked for, until the next move.
    pub note: Option<RouteNote>,
    /// False on the view the app loaded on; focus moves only after a move.
    pub navigated: bool,
    /// Whether the page's address named the view the app loaded on.
    pub named: bool,
}

/// How the next change of the history reaches the page's address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Write {
    Push,
    Replace,
}

/// Moves between views (pushes a history entry) or replaces the current one.
#[derive(Clone)]
pub struct Nav {
    history: AnyHistory,
    write: Rc<Cell<Write>>,
    note: UseStateSetter<Option<RouteNote>>,
    /// Whether the person has moved since the app loaded (corrections made on load, such
    /// as a wrong address replaced by home, are no move: focus stays where it was).
    moved: Rc<Cell<bool>>,
}

impl PartialEq for Nav {
    fn eq(&self, other: &Self) -> bool {
        self.history == other.history && Rc::ptr_eq(&self.write, &other.write)
    }
}

impl Nav {
    /// Goes to `route`; Back returns here. Going where the person already is adds no entry.
    pub fn push(&self, route: &Route) {
        let here = self.history.location();
        if Route::parse(here.path(), here.query_str()).ok().as_ref() == Some(route) {
            self.note.set(None);
            return;
        }
        self.moved.set(true);
        self.go(route, Write::Push, None);
    }

    /// Shows `route` in place of the current entry (a filter typed, a correction).
    pub fn replace(&self, route: &Route) {
        self.go(route, Write::Replace, None);
    }

    /// Shows `route` in place of an address that could not be followed, saying why.
    pub fn refuse(&self, route: &Route, note: RouteNote) {
        self.go(route, Write::Replace, Some(note));
    }

    fn go(&self, route: &Route, write: Write, note: Option<RouteNote>) {
        self.note.set(note);
        self.write.set(write);
        let (path, query) = (route.path(), Raw(route.query()));
        let _ = match write {
            Write::Push => self.history.push_with_query(path, query),
            Write::Replace => self.history.replace_with_query(path, query),
        };
    }
}

#[derive(Properties, PartialEq)]
pub struct RouteProviderProps {
    /// Where the route lives in the page's address.
    pub address: Address,
    /// Whose `browser` is the page.
    pub services: Services,
    /// The view to start on when the address names none (the embedding page's `view`).
    pub start: Option<View>,
    #[prop_or_default]
    pub children: Html,
}

/// The route `url` names where `address` keeps it: `Ok(None)` when it names none.
fn from_address(
    address: &Address,
    url: &url::Url,
) -> Result<Option<Route>, crate::app::route::RouteError> {
    match address.read(url) {
        None => Ok(None),
        Some(target) => Route::parse_target(&target).map(Some),
    }
}

/// The route the app loads on, whether the address named it, and the note when the address
/// did not read. The address is the page's, or, with a sign-in's answer on it, the one the
/// page gets back once the answer is taken (so the view from before the sign-in returns).
/// In memory, a restored session with a share draft open starts on its form, as before.
fn first_route(
    address: &Address,
    services: &Services,
    start: &Route,
) -> (Route, Option<RouteNote>, bool) {
    let callback = flow::address_after_callback(services)
        .or_else(|| crate::app::microsoft_flow::address_after_callback(services));
    let url = callback
        .clone()
        .unwrap_or_else(|| services.browser.current_url());
    match from_address(address, &url) {
        // A sign-in started on the setup page comes back to home, where its outcome (the
        // connection, or the failure with "Try again") is shown.
        Ok(Some(Route::Setup)) if callback.is_some() => (Route::Home, None, true),
        Ok(Some(named)) => (named, None, true),
        Ok(None) if *address == Address::Memory => {
            let restored = callback.is_none() && flow::has_session(services);
            let open = services
                .preferences()
                .share_drafts()
                .open_draft()
                .map(|d| Route::Share {
                    action: d.action_id.clone(),
                });
            (
                open.filter(|_| restored).unwrap_or_else(|| start.clone()),
                None,
                false,
            )
        }
        // On its own page an empty fragment names home; a host's address without the
        // component's parameter names its start view.
        Ok(None) => (start.clone(), None, true),
        Err(_) => (Route::Home, Some(RouteNote::UnknownAddress), true),
    }
}

/// Owns the route for everything below it.
#[component]
pub fn RouteProvider(props: &RouteProviderProps) -> Html {
    let start = props.start.map(Route::of_view).unwrap_or_default();
    let first = use_memo((), {
        let (address, services, start) =
            (props.address.clone(), props.services.clone(), start.clone());
        move |_| {
            let (route, note, named) = first_route(&address, &services, &start);
            let history = MemoryHistory::new();
            let _ = history.replace_with_query(route.path(), Raw(route.query()));
            (AnyHistory::from(history), note, named)
        }
    });
    let (history, first_note, named) = (*first).clone();
    let note = use_state(move || first_note);
    let shared = use_memo((), |_| {
        // The first write puts the address in its canonical form, in place.
        (
            Rc::new(Cell::new(Write::Replace)),
            Rc::new(Cell::new(false)),
        )
    });
    let (write, moved) = (*shared).clone();
    let nav = Nav {
        history: history.clone(),
        write,
        note: note.setter(),
        moved,
    };
    html! {
        <Router history={history}>
            <RouteContextProvider nav={nav} note={*note} {named} address={props.address.clone()}
                services={props.services.clone()} {start} asked={props.start}>
                { props.children.clone() }
            </RouteContextProvider>
        </Router>
    }
}

#[derive(Properties, PartialEq)]
struct RouteContextProviderProps {
    nav: Nav,
    note: Option<RouteNote>,
    named: bool,
    address: Address,
    services: Services,
    /// Where an address without a route leads: home, or the embedding page's `view`.
    start: Route,
    /// The view the embedding page asks for, as it changes.
    asked: Option<View>,
    children: Html,
}

/// Reads the router's location as a route, keeps the page's address in step with it, and
/// follows the address when it changes under the app.
#[component]
fn RouteContextProvider(props: &RouteContextProviderProps) -> Html {
    let location = use_location();
    let route = location
        .as_ref()
        .and_then(|l| Route::parse(l.path(), l.query_str()).ok())
        .unwrap_or_default();
    let id = location.as_ref().and_then(|l| l.id());
    let state = RouteState {
        route: route.clone(),
        note: props.note,
        navigated: props.nav.moved.get(),
        named: props.named,
    };
    // The start as it is now, for the mirror and the follower alike.
    let start = use_mut_ref(|| props.start.clone());
    *start.borrow_mut() = props.start.clone();
    {
        // The history moved: the address follows, as a new entry or in place. Any change of
        // the history, even to the same route (an address that did not read, replaced by
        // home while home was shown), puts the address in step.
        let (address, browser, write, start) = (
            props.address.clone(),
            props.services.browser.clone(),
            props.nav.write.clone(),
            start.clone(),
        );
        use_effect_with((route.clone(), id), move |(route, _)| {
            let how = write.replace(Write::Push);
            if address == Address::Memory {
                return;
            }
            let url = browser.current_url();
            // The start view is where an address without a route leads: it needs none.
            let target = (*route != *start.borrow()).then(|| route.target());
            let next = address.write(&url, target.as_deref());
            if next != url {
                match how {
                    Write::Push => browser.push_url(&next),
                    Write::Replace => browser.replace_url(&next),
                }
            }
        });
    }
    {
        // Back, Forward, or an address edited by hand: the view follows the address.
        let (address, services, nav, start) = (
            props.address.clone(),
            props.services.clone(),
            props.nav.clone(),
            start.clone(),
        );
        use_effect_with(address.clone(), move |address| {
            let listeners = follow_address(address.clone(), services, nav, start);
            move || drop(listeners)
        });
    }
    {
        // The embedding page chose another page: show it (its first value is the start).
        let (nav, first) = (props.nav.clone(), use_mut_ref(|| true));
        use_effect_with(props.asked, move |asked| {
            if !first.replace(false) {
                if let Some(view) = asked {
                    nav.push(&Route::of_view(*view));
                }
            }
        });
    }
    html! {
        <ContextProvider<Nav> context={props.nav.clone()}>
            <ContextProvider<RouteState> context={state}>
                { props.children.clone() }
            </ContextProvider<RouteState>>
        </ContextProvider<Nav>>
    }
}

/// Listens for the page's address changing under the app (`popstate`, `hashchange`).
fn follow_address(
    address: Address,
    services: Services,
    nav: Nav,
    start: Rc<RefCell<Route>>,
) -> Vec<gloo_events::EventListener> {
    if address == Address::Memory {
        return Vec::new();
    }
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let follow = Rc::new(move || {
        match from_address(&address, &services.browser.current_url()) {
            Ok(named) => {
                let named = named.unwrap_or_else(|| start.borrow().clone());
                let here = nav.history.location();
                let current = Route::parse(here.path(), here.query_str()).ok();
                if current.as_ref() != Some(&named) {
                    // The person moved (Back, Forward, an edited address): no new entry.
                    nav.moved.set(true);
                    nav.write.set(Write::Replace);
                    nav.note.set(None);
                    if named == Route::Setup {
                        // Setup reached by the address leads home once signed in.
                        services.preferences().forget_destination();
                    }
                    let _ = nav
                        .history
                        .replace_with_query(named.path(), Raw(named.query()));
                }
            }
            Err(_) => nav.refuse(&Route::Home, RouteNote::UnknownAddress),
        }
    });
    ["popstate", "hashchange"]
        .into_iter()
        .map(|event| {
            let follow = follow.clone();
            gloo_events::EventListener::new(&window, event, move |_| follow())
        })
        .collect()
}

/// The view shown and its filters.
#[hook]
pub fn use_route_state() -> RouteState {
    super::render_probe::note();
    use_context::<RouteState>().unwrap_or(RouteState {
        route: Route::Home,
        note: None,
        navigated: false,
        named: false,
    })
}

/// The route shown.
#[hook]
pub fn use_route() -> Route {
    use_route_state().route
}

/// Moving between views.
#[hook]
pub fn use_nav() -> Nav {
    super::render_probe::note();
    match use_context::<Nav>() {
        Some(nav) => nav,
        None => panic!("use_nav must be called under <RouteProvider>"),
    }
}
