//! The host's events: `CustomEvent`s that bubble out of the shadow root (`composed`),
//! dispatched on the host element, and only while the component is mounted.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::app::host_events::HostEvents;
use crate::servicenow::{CreatedTicket, InstanceUrl, UserInfo};

/// Dispatches snowcard's events on `host` until `alive` is cleared (at unmount).
pub struct ElementEvents {
    pub host: web_sys::Element,
    pub alive: Rc<Cell<bool>>,
}

impl ElementEvents {
    fn dispatch(&self, name: &str, detail: &JsValue) {
        if !self.alive.get() {
            return;
        }
        let init = web_sys::CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.host.dispatch_event(&event);
        }
    }
}

/// A plain object from string fields.
fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

impl HostEvents for ElementEvents {
    fn connected(&self, instance: &InstanceUrl, user: &UserInfo) {
        let user = object(&[
            ("sysId", user.sys_id.as_str().into()),
            ("userName", user.user_name.as_str().into()),
            ("displayName", user.display_name.as_str().into()),
        ]);
        let detail = object(&[("instance", instance.as_str().into()), ("user", user)]);
        self.dispatch("snowcard-connected", &detail);
    }

    fn disconnected(&self) {
        self.dispatch("snowcard-disconnected", &JsValue::NULL);
    }

    fn ticket_created(&self, ticket: &CreatedTicket, link: &str) {
        let detail = object(&[
            ("number", ticket.number.as_str().into()),
            ("sysId", ticket.sys_id.as_str().into()),
            ("table", ticket.kind.table().into()),
            ("link", link.into()),
        ]);
        self.dispatch("snowcard-ticket-created", &detail);
    }
}
