//! Why a share draft cannot be sent yet, in words.

use crate::app::share::ShareProblem;
use crate::i18n::{fill, ShareTexts};

pub fn reason_text(texts: &'static ShareTexts, problem: ShareProblem) -> String {
    match problem {
        ShareProblem::NameMissing => texts.name_missing.to_owned(),
        ShareProblem::NameTooLong { limit } => {
            fill(texts.name_too_long, &[("limit", &limit.to_string())])
        }
        ShareProblem::DescriptionMissing => texts.description_missing.to_owned(),
        ShareProblem::DueDateMissing => texts.due_missing.to_owned(),
        ShareProblem::DueDateInvalid => texts.due_invalid.to_owned(),
        ShareProblem::DueDatePast => texts.due_past.to_owned(),
        ShareProblem::RequesterMissing => texts.requester_missing.to_owned(),
    }
}
