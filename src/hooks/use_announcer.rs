//! Screen reader announcements: anyone may announce, only the live region reads them, so
//! an announcement re-renders the live region and nothing else.

use yew::prelude::*;

use super::{use_locale, use_route};

/// Says an outcome to screen reader users through the app's one polite live region, which
/// is there from the start (a region that appears already filled is often not read).
#[derive(Clone, PartialEq)]
pub struct Announcer {
    set: UseStateSetter<AttrValue>,
}

impl Announcer {
    pub fn announce(&self, text: impl Into<AttrValue>) {
        self.set.set(text.into());
    }
}

/// The last announcement, for the live region.
#[derive(Clone, PartialEq)]
struct Announcement(AttrValue);

#[derive(Properties, PartialEq)]
pub struct AnnouncerProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Owns the announcement for everything below it.
#[component]
pub fn AnnouncerProvider(props: &AnnouncerProviderProps) -> Html {
    let announcement = use_state(AttrValue::default);
    let (view, locale) = (use_route().view(), use_locale().locale);
    {
        // An announcement belongs to the page and language it was made in.
        let set = announcement.setter();
        use_effect_with((view, locale), move |_| set.set(AttrValue::default()));
    }
    html! {
        <ContextProvider<Announcer> context={Announcer { set: announcement.setter() }}>
            <ContextProvider<Announcement> context={Announcement((*announcement).clone())}>
                { props.children.clone() }
            </ContextProvider<Announcement>>
        </ContextProvider<Announcer>>
    }
}

#[hook]
pub fn use_announcer() -> Announcer {
    super::render_probe::note();
    match use_context::<Announcer>() {
        Some(announcer) => announcer,
        None => panic!("use_announcer must be called under <AnnouncerProvider>"),
    }
}

/// The text to announce (the live region's).
#[hook]
pub fn use_announcement() -> AttrValue {
    super::render_probe::note();
    use_context::<Announcement>()
        .map(|a| a.0)
        .unwrap_or_default()
}
