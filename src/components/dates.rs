//! Dates in the person's own time zone, through the browser's clock (UTC when not in one).

use chrono::{DateTime, NaiveDate, Utc};

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

/// A date in the person's own time zone and format (through the browser's `Intl`).
///
/// One `Intl.DateTimeFormat` serves every call: making one per date (what
/// `toLocaleDateString` does) was most of the time a 1,000-row list took to render.
pub fn local_date(at: DateTime<Utc>) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        thread_local! {
            static FORMAT: js_sys::Function = js_sys::Intl::DateTimeFormat::new(
                &js_sys::Array::new(),
                &js_sys::Object::new(),
            )
            .format();
        }
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
            at.timestamp_millis() as f64
        ));
        FORMAT
            .with(|format| format.call1(&wasm_bindgen::JsValue::UNDEFINED, &date))
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| at.format("%Y-%m-%d").to_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        at.format("%Y-%m-%d").to_string()
    }
}

/// Hours and minutes in the person's own time zone and format, through the browser's `Intl`.
pub fn local_time(at: chrono::DateTime<chrono::Utc>) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsValue;
        let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"hour".into(), &"numeric".into());
        let _ = js_sys::Reflect::set(&options, &"minute".into(), &"2-digit".into());
        String::from(date.to_locale_time_string_with_options("default", &options))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        at.format("%H:%M UTC").to_string()
    }
}
