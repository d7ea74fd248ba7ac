//! Identifiers, secrets and timestamps in ServiceNow's formats: 32-hex `sys_id`s,
//! opaque URL-safe tokens, and UTC `YYYY-MM-DD HH:MM:SS` date-times.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use sha2::{Digest, Sha256};

/// The date-time format of every ServiceNow `glide_date_time` value.
pub const DATE_TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// A fresh random `sys_id`: 32 lowercase hex characters.
pub fn new_sys_id() -> String {
    hex(&rand::random::<[u8; 16]>())
}

/// A stable `sys_id` derived from a name, so seeded users keep theirs across restarts.
pub fn stable_sys_id(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    hex(&digest[..16])
}

/// A fresh unguessable secret (token, code, session id, form key): 64 URL-safe characters.
pub fn new_secret() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 48]>())
}

/// Lowercase hex of some bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A UTC time in ServiceNow's stored form.
pub fn format_time(time: DateTime<Utc>) -> String {
    time.format(DATE_TIME_FORMAT).to_string()
}

/// The current UTC time in ServiceNow's stored form.
pub fn now_string() -> String {
    format_time(Utc::now())
}

/// Normalises a date-time written through the API: `YYYY-MM-DD HH:MM:SS` is kept,
/// `YYYY-MM-DD` becomes midnight, anything else (ISO 8601 with `T`, time zones, text)
/// is not understood and leaves the field empty, as an instance does.
pub fn normalize_date_time(input: &str) -> String {
    let input = input.trim();
    if input.is_empty() {
        return String::new();
    }
    if let Ok(time) = NaiveDateTime::parse_from_str(input, DATE_TIME_FORMAT) {
        return time.format(DATE_TIME_FORMAT).to_string();
    }
    match NaiveDate::parse_from_str(input, "%Y-%m-%d") {
        Ok(date) => format!("{} 00:00:00", date.format("%Y-%m-%d")),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sys_ids_are_32_lowercase_hex() {
        for id in [new_sys_id(), stable_sys_id("admin")] {
            assert_eq!(id.len(), 32);
            assert!(id
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)));
        }
        assert_eq!(stable_sys_id("admin"), stable_sys_id("admin"));
    }

    #[test]
    fn dates_are_normalised_or_dropped() {
        assert_eq!(
            normalize_date_time("2025-03-01 14:05:00"),
            "2025-03-01 14:05:00"
        );
        assert_eq!(normalize_date_time("2025-03-01"), "2025-03-01 00:00:00");
        assert_eq!(normalize_date_time("2025-03-01T14:05:00Z"), "");
        assert_eq!(normalize_date_time("next week"), "");
    }
}
