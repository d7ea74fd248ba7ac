//! Dates in the person's own time zone, through the browser's clock (UTC when not in one).

use chrono::{DateTime, NaiveDate, Utc};

use crate::i18n::{Locale, Plural};

/// Today, where the person is.
pub fn today_local() -> NaiveDate {
    #[cfg(target_arch = "wasm32")]
    {
        let now = js_sys::Date::new_0();
        NaiveDate::from_ymd_opt(
            now.get_full_year() as i32,
            now.get_month() + 1,
            now.get_date(),
        )
        .unwrap_or_else(|| Utc::now().date_naive())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Utc::now().date_naive()
    }
}

/// Now, from the browser's clock.
pub fn now_utc() -> DateTime<Utc> {
    #[cfg(target_arch = "wasm32")]
    {
        DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_else(Utc::now)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Utc::now()
    }
}

/// The last second of `date` in the person's time zone, as a UTC instant.
pub fn end_of_day_local(date: NaiveDate) -> DateTime<Utc> {
    use chrono::Datelike;
    let fallback = || {
        DateTime::<Utc>::from_naive_utc_and_offset(
            date.and_hms_opt(23, 59, 59).unwrap_or_default(),
            Utc,
        )
    };
    #[cfg(target_arch = "wasm32")]
    {
        let local = js_sys::Date::new_with_year_month_day_hr_min_sec(
            date.year() as u32,
            date.month0() as i32,
            date.day() as i32,
            23,
            59,
            59,
        );
        DateTime::<Utc>::from_timestamp_millis(local.get_time() as i64).unwrap_or_else(fallback)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = date.year();
        fallback()
    }
}

/// What a cached `Intl` formatter shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Shows {
    Date,
    Time,
    Number,
}

/// Formats `value` with the browser's `Intl` formatter for `shows` in `locale`.
///
/// Each formatter is made once per locale and kept: making one per call (what
/// `toLocaleDateString` does) was most of the time a 1,000-row list took to render. No
/// locale data is compiled in; the browser has it all.
#[cfg(target_arch = "wasm32")]
fn intl(shows: Shows, locale: Locale, value: f64) -> Option<String> {
    use std::collections::HashMap;
    use wasm_bindgen::JsValue;
    thread_local! {
        static FORMATS: std::cell::RefCell<HashMap<(Shows, Locale), js_sys::Function>> =
            Default::default();
    }
    let make = || {
        let locales = js_sys::Array::of1(&JsValue::from_str(locale.tag()));
        let options = js_sys::Object::new();
        let set = |key: &str, value: &str| {
            let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
        };
        match shows {
            Shows::Date => {
                set("dateStyle", "medium");
                js_sys::Intl::DateTimeFormat::new(&locales, &options).format()
            }
            Shows::Time => {
                set("timeStyle", "short");
                js_sys::Intl::DateTimeFormat::new(&locales, &options).format()
            }
            Shows::Number => js_sys::Intl::NumberFormat::new(&locales, &options).format(),
        }
    };
    FORMATS
        .with(|formats| {
            let mut formats = formats.borrow_mut();
            let format = formats.entry((shows, locale)).or_insert_with(make);
            // Dates and times take an instant (milliseconds since 1970), numbers themselves.
            let value: JsValue = match shows {
                Shows::Date | Shows::Time => js_sys::Date::new(&JsValue::from_f64(value)).into(),
                Shows::Number => JsValue::from_f64(value),
            };
            format.call1(&JsValue::UNDEFINED, &value)
        })
        .ok()
        .and_then(|text| text.as_string())
}

/// Outside a browser there is no `Intl`: callers fall back to a fixed format.
#[cfg(not(target_arch = "wasm32"))]
fn intl(_shows: Shows, _locale: Locale, _value: f64) -> Option<String> {
    None
}

/// A date in the person's own time zone, written the way `locale` writes dates.
pub fn local_date(at: DateTime<Utc>, locale: Locale) -> String {
    intl(Shows::Date, locale, at.timestamp_millis() as f64)
        .unwrap_or_else(|| at.format("%Y-%m-%d").to_string())
}

/// Hours and minutes in the person's own time zone, written the way `locale` writes times.
pub fn local_time(at: DateTime<Utc>, locale: Locale) -> String {
    intl(Shows::Time, locale, at.timestamp_millis() as f64)
        .unwrap_or_else(|| at.format("%H:%M UTC").to_string())
}

/// A whole number with the digit grouping of `locale` (10,000 · 10 000 · 10.000).
pub fn number(value: u64, locale: Locale) -> String {
    intl(Shows::Number, locale, value as f64).unwrap_or_else(|| value.to_string())
}

/// A number with decimals, as `locale` writes it (8.5 · 8,5).
pub fn decimal(value: f64, locale: Locale) -> String {
    intl(Shows::Number, locale, value).unwrap_or_else(|| value.to_string())
}

/// `plural` for `count`, the count written the way `locale` writes numbers.
pub fn counted(count: u64, plural: &Plural, locale: Locale) -> String {
    locale.plural(count, plural, &number(count, locale))
}
