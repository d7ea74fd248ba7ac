//! A card's tickets by state: one labelled bar per state, names and numbers as text, so it
//! reads without colour and without the bars at all (they are hidden from screen readers).

use yew::prelude::*;

use crate::app::tickets::Bar;
use crate::hooks::use_texts;

use super::dates::number;

#[derive(Properties, PartialEq)]
pub struct StateChartProps {
    pub bars: Vec<Bar>,
    /// Names the chart for assistive technology, e.g. "Change management: tickets by state".
    pub label: AttrValue,
}

/// Bars share one scale: the largest state fills the width.
#[component]
pub fn StateChart(props: &StateChartProps) -> Html {
    let locale = use_texts().locale;
    let largest = props.bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let rows = props.bars.iter().map(|bar| {
        // At least a sliver, so a state with one ticket among thousands still shows a bar.
        let width = ((bar.count as f64 / largest as f64) * 100.0).max(1.5);
        html! {
            <li class="sc-chart-row" key={bar.value.clone()}>
                <span class="sc-chart-name">{ &bar.name }<span class="sc-visually-hidden">{": "}</span></span>
                <svg class="sc-chart-bar" viewBox="0 0 100 10" preserveAspectRatio="none"
                    aria-hidden="true" focusable="false">
                    <rect class="sc-chart-track" x="0" y="0" width="100" height="10" />
                    <rect class="sc-chart-fill" x="0" y="0" width={format!("{width:.1}")} height="10" />
                </svg>
                <span class="sc-chart-count">{ number(bar.count, locale) }</span>
            </li>
        }
    });
    html! {
        <ul class="sc-chart" aria-label={props.label.clone()}>{ for rows }</ul>
    }
}
