//! Which language snowcard speaks: the embedding page's `lang` when it gives one, else the
//! person's choice from the language menu (remembered for the tab), else the browser's
//! preferred languages, else English.

use crate::i18n::Locale;
use crate::storage::{keys, StorageBackend, Store};

/// The locale to use. `host` is the embedding page's `lang`, `remembered` what the person
/// chose earlier in this tab, `preferred` the browser's languages in order.
pub fn choose(host: Option<Locale>, remembered: Option<Locale>, preferred: &[String]) -> Locale {
    host.or(remembered)
        .unwrap_or_else(|| Locale::negotiate(preferred.iter().map(String::as_str)))
}

/// The language the person chose in this tab, if any (a corrupt or unknown value is no choice).
pub fn remembered<B: StorageBackend>(store: &Store<B>) -> Option<Locale> {
    store
        .load::<String>(keys::LANGUAGE)
        .ok()
        .flatten()
        .and_then(|tag| Locale::from_tag(&tag))
}

/// Remembers the person's choice for the rest of the tab's life.
pub fn remember<B: StorageBackend>(store: &Store<B>, locale: Locale) {
    // A full or blocked storage only costs the choice after a reload.
    let _ = store.save(keys::LANGUAGE, &locale.tag().to_owned());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStorage;

    fn langs(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn the_host_page_decides_first_then_the_menu_then_the_browser() {
        let browser = langs(&["sv-SE", "en-US"]);
        assert_eq!(
            choose(Some(Locale::Ja), Some(Locale::Nl), &browser),
            Locale::Ja
        );
        assert_eq!(choose(None, Some(Locale::Nl), &browser), Locale::Nl);
        assert_eq!(choose(None, None, &browser), Locale::Sv);
        assert_eq!(choose(None, None, &langs(&["fr", "de"])), Locale::En);
        assert_eq!(choose(None, None, &[]), Locale::En);
    }

    #[test]
    fn a_choice_is_remembered_and_junk_is_ignored() {
        let store = Store::new(MemoryStorage::default(), "snowcard");
        assert_eq!(remembered(&store), None);
        remember(&store, Locale::ZhTw);
        assert_eq!(remembered(&store), Some(Locale::ZhTw));
        store
            .save(keys::LANGUAGE, &"klingon".to_owned())
            .expect("saved");
        assert_eq!(remembered(&store), None);
        store.save(keys::LANGUAGE, &42).expect("saved");
        assert_eq!(remembered(&store), None);
    }
}
