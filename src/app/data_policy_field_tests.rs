//! Native tests of matching a data policy's labels with the share form's fields.

use super::*;
use crate::i18n::Locale;

fn named(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|l| (*l).to_owned()).collect()
}

fn group_in(locale: Locale) -> PolicyField {
    PolicyField::assignment_group(&locale.texts().share)
}

#[test]
fn the_english_label_names_the_group_in_every_ui_language() {
    for locale in Locale::ALL {
        assert!(group_in(locale).is_named("Assignment group"), "{locale:?}");
        assert!(
            group_in(locale).is_named("  assignment GROUP "),
            "{locale:?}"
        );
    }
}

#[test]
fn the_column_name_names_the_group() {
    assert!(group_in(Locale::En).is_named("assignment_group"));
    assert!(group_in(Locale::Nl).is_named(" Assignment_Group"));
}

#[test]
fn the_forms_own_label_in_the_ui_language_names_the_group() {
    assert!(group_in(Locale::Ja).is_named("割り当てグループ"));
    assert!(group_in(Locale::ZhTw).is_named(" 指派群組 "));
    assert!(group_in(Locale::Sv).is_named("TILLDELNINGSGRUPP"));
    assert!(group_in(Locale::Nl).is_named("toewijzingsgroep"));
}

#[test]
fn another_languages_label_or_field_does_not_name_the_group() {
    assert!(!group_in(Locale::En).is_named("Tilldelningsgrupp"));
    assert!(!group_in(Locale::Ja).is_named("Category"));
    assert!(!group_in(Locale::En).is_named("Assignment"));
    assert!(!group_in(Locale::En).is_named(""));
    assert!(!group_in(Locale::En).is_named("   "));
}

#[test]
fn the_demand_keeps_the_instances_own_wording() {
    let field = group_in(Locale::Sv);
    let labels = named(&["Kategori", "Tilldelningsgrupp"]);
    assert_eq!(demand_for(&field, &labels), Some("Tilldelningsgrupp"));
    assert_eq!(demand_for(&field, &named(&["Kategori"])), None);
    assert_eq!(demand_for(&field, &[]), None);
}

#[test]
fn all_on_form_only_when_every_label_is_a_form_field() {
    let en = form_fields(&Locale::En.texts().share);
    assert!(all_on_form(
        &named(&["Assignment group", "short description", "Due date"]),
        &en
    ));
    assert!(all_on_form(
        &named(&["assignment_group", "description"]),
        &en
    ));
    assert!(!all_on_form(&named(&["Assignment group", "Category"]), &en));

    let ja = form_fields(&Locale::Ja.texts().share);
    assert!(all_on_form(&named(&["割り当てグループ", "期限"]), &ja));
    assert!(!all_on_form(&named(&["割り当てグループ", "カテゴリ"]), &ja));
}
