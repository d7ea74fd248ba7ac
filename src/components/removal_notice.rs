//! What became of "Remove connection", shown on the connection card that follows it.

use yew::prelude::*;

use crate::app::removal::Removal;
use crate::hooks::{use_describer, use_texts};
use crate::i18n::{fill, ManageTexts};
use crate::servicenow::NotConfirmed;

use super::dates::local_time;

/// One sentence for the live region.
pub fn removal_summary(texts: &ManageTexts, removal: &Removal) -> String {
    match removal {
        Removal::Revoked => texts.removed_revoked.to_owned(),
        Removal::NothingToRevoke => texts.removed_nothing.to_owned(),
        Removal::NotConfirmed { .. } => texts.removed_unconfirmed_title.to_owned(),
    }
}

/// Why revocation could not be confirmed, in words.
fn reason_text(texts: &ManageTexts, reason: &NotConfirmed, detail: Option<String>) -> String {
    match reason {
        NotConfirmed::NoAnswer(_) => fill(
            texts.reason_no_answer,
            &[("detail", &detail.unwrap_or_default())],
        ),
        NotConfirmed::StillAccepted => texts.reason_still_accepted.to_owned(),
        NotConfirmed::Inconclusive { status } => fill(
            texts.reason_inconclusive,
            &[("status", &status.to_string())],
        ),
        NotConfirmed::AlreadyExpired => texts.reason_already_expired.to_owned(),
    }
}

#[derive(Properties, PartialEq)]
pub struct RemovalNoticeProps {
    pub removal: Removal,
}

#[component]
pub fn RemovalNotice(props: &RemovalNoticeProps) -> Html {
    let describer = use_describer();
    let texts_all = use_texts();
    let texts = &texts_all.manage;
    let Removal::NotConfirmed {
        reason,
        access_expires_at,
    } = &props.removal
    else {
        return html! { <p class="sc-ok sc-removal">{ removal_summary(texts, &props.removal) }</p> };
    };
    // A transport failure is told the way the rest of the app tells it.
    let detail = match reason {
        NotConfirmed::NoAnswer(error) => Some(
            describer
                .describe(&crate::app::ConnectError::Api(error.clone().into()))
                .title,
        ),
        _ => None,
    };
    let time = local_time(*access_expires_at, texts_all.locale);
    html! {
        <div class="sc-notice sc-removal">
            <h3>{ texts.removed_unconfirmed_title }</h3>
            <p>{ reason_text(texts, reason, detail) }</p>
            <p>{ fill(texts.removed_unconfirmed_next, &[("time", &time)]) }</p>
        </div>
    }
}
