//! Which of the share form's fields a data policy's refusal names. ServiceNow words the labels
//! of `Data Policy Exception: The following fields are mandatory: …` in the instance's
//! language, so a label names a field when it is the field's English label, its column name,
//! or the label the form itself shows in the person's language. Natively tested.

use crate::i18n::ShareTexts;

/// A field of the share form that a data policy can demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicyField {
    /// ServiceNow's English label (`Assignment group`).
    pub english: &'static str,
    /// The column the ticket sends (`assignment_group`).
    pub column: &'static str,
    /// The form's label for the field in the UI's language.
    pub label: &'static str,
}

impl PolicyField {
    /// The assignment group chooser.
    pub fn assignment_group(texts: &ShareTexts) -> Self {
        Self {
            english: "Assignment group",
            column: "assignment_group",
            label: texts.assignment_group_label,
        }
    }

    /// Whether `named`, a label from the instance, names this field (case and outer spaces
    /// ignored, in any script).
    pub fn is_named(&self, named: &str) -> bool {
        [self.english, self.column, self.label]
            .iter()
            .any(|known| same(known, named))
    }
}

/// Every field of the share form a data policy can name, labelled in `texts`' language.
pub fn form_fields(texts: &ShareTexts) -> [PolicyField; 4] {
    [
        PolicyField::assignment_group(texts),
        PolicyField {
            english: "Short description",
            column: "short_description",
            label: texts.name_label,
        },
        PolicyField {
            english: "Description",
            column: "description",
            label: texts.description_label,
        },
        PolicyField {
            english: "Due date",
            column: "due_date",
            label: texts.due_label,
        },
    ]
}

/// The label among `named` (as the instance wrote it) that names `field`, if any.
pub fn demand_for<'a>(field: &PolicyField, named: &'a [String]) -> Option<&'a str> {
    named
        .iter()
        .map(String::as_str)
        .find(|label| field.is_named(label))
}

/// Whether the form has a field for every label in `named`.
pub fn all_on_form(named: &[String], fields: &[PolicyField]) -> bool {
    named
        .iter()
        .all(|label| fields.iter().any(|field| field.is_named(label)))
}

fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.to_lowercase() == b.to_lowercase()
}

#[cfg(test)]
#[path = "data_policy_field_tests.rs"]
mod tests;
