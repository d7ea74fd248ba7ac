//! One check on the status page: an icon and a word for its verdict (never colour alone),
//! what it found, and the fix when it failed.

use yew::prelude::*;

use crate::app::status_text::{Line, Verdict};

#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    pub line: Line,
    /// "To fix:", before the fix.
    pub fix_label: &'static str,
}

#[component]
pub fn StatusLine(props: &StatusLineProps) -> Html {
    let line = &props.line;
    let (class, icon) = match line.verdict {
        Verdict::Checking => ("sc-status-checking", "…"),
        Verdict::Passed => ("sc-status-passed", "✓"),
        Verdict::Failed => ("sc-status-failed", "✗"),
        Verdict::NotChecked => ("sc-status-skipped", "–"),
    };
    html! {
        <li class={classes!("sc-status-line", class)}>
            <span class="sc-status-icon" aria-hidden="true">{ icon }</span>
            <div class="sc-status-body">
                <p class="sc-status-head">
                    <span class="sc-status-name">{ line.name }</span>
                    <span class="sc-visually-hidden">{ ": " }</span>
                    <span class="sc-status-word">{ line.word }</span>
                </p>
                if !line.detail.is_empty() { <p class="sc-status-detail">{ line.detail.clone() }</p> }
                if let Some(fix) = &line.fix {
                    <p class="sc-status-fix"><strong>{ props.fix_label }</strong>{ " " }{ fix.clone() }</p>
                }
                if let Some(note) = &line.note { <p class="sc-muted">{ note.clone() }</p> }
            </div>
        </li>
    }
}
