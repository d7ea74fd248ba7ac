//! First, previous and next page of the list.

use yew::prelude::*;

use crate::hooks::{use_texts, Listed, PageAt};

#[derive(Properties, PartialEq)]
pub struct TicketPagerProps {
    /// The page shown, 1-based.
    pub page: u32,
    pub listed: Option<Listed>,
    /// A page to go to: its number, and where the list finds it.
    pub on_page: Callback<(u32, PageAt)>,
}

#[component]
pub fn TicketPager(props: &TicketPagerProps) -> Html {
    let texts = &use_texts().tickets;
    let listed = props.listed.as_ref();
    // A button stays enabled while its page loads, so keyboard focus stays on it; a click
    // meanwhile is ignored by the page.
    let go = |page: u32, target: Option<PageAt>| {
        let on_page = props.on_page.clone();
        let disabled = target.is_none();
        let onclick = Callback::from(move |_| {
            if let Some(target) = target.clone() {
                on_page.emit((page, target));
            }
        });
        (disabled, onclick)
    };
    let page = props.page;
    let (first_disabled, first) = go(1, listed.and_then(|l| l.first.clone()));
    let (prev_disabled, prev) = go(
        page.saturating_sub(1).max(1),
        listed.and_then(|l| l.prev.clone()),
    );
    let (next_disabled, next) = go(page.saturating_add(1), listed.and_then(|l| l.next.clone()));
    html! {
        <nav class="sc-actions sc-pager" aria-label={texts.list_title}>
            <button type="button" class="sc-button" disabled={first_disabled} onclick={first}>{ texts.first_page }</button>
            <button type="button" class="sc-button" disabled={prev_disabled} onclick={prev}>{ texts.previous_page }</button>
            <button type="button" class="sc-button" disabled={next_disabled} onclick={next}>{ texts.next_page }</button>
        </nav>
    }
}
