//! The demo portal's `portal.json`: which instance and client ids its two snowcard
//! components use. `serve` writes it into `dist/` for the instance it started, since the
//! instance port can be changed; the copy in `www/portal/` is the one for the default port.

use serde_json::json;
use snowcard_sandbox::{PORTAL_ELEMENT_CLIENT_ID, PORTAL_MOUNTED_CLIENT_ID};

/// The file's text for the instance at `instance_url`.
pub fn config_json(instance_url: &str) -> String {
    let config = json!({
        "instance": instance_url.trim_end_matches('/'),
        "elementClientId": PORTAL_ELEMENT_CLIENT_ID,
        "mountedClientId": PORTAL_MOUNTED_CLIENT_ID,
    });
    serde_json::to_string_pretty(&config).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_is_the_one_for_the_default_instance() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../www/portal/portal.json");
        let shipped = std::fs::read_to_string(path).unwrap();
        assert_eq!(shipped, config_json("http://127.0.0.1:8701/"));
    }
}
