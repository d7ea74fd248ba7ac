//! TypeScript declarations for the embedding API, added to `pkg/snowcard.d.ts`: wasm-bindgen
//! types `mount`'s options and `share`'s action as `any`, so these say what they are (an
//! overload of `mount`, an interface merged into the `SnowcardHandle` class), and tell
//! TypeScript about `<snowcard-app>` and its events.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const EMBED_TYPES: &str = r#"
/** Options of `mount()`, `handle.update()` and `start()`; all optional. In `update`, a
 *  missing field keeps its value and `null` resets it. */
export interface SnowcardOptions {
    /** The instance: `acme`, `acme.service-now.com` or `https://acme.service-now.com`. */
    instance?: string | null;
    /** The OAuth client id registered on the instance for this page. */
    clientId?: string | null;
    /** The redirect URL registered for that client; default: this page without query or hash. */
    redirectUri?: string | null;
    /** The page to show first. */
    view?: "home" | "actions" | "tickets" | "manage" | null;
    /** A BCP 47 language tag, e.g. `"en"`, `"ja"`. */
    lang?: string | null;
    /** The portal's id of the signed-in person, "Requested by" on shared tickets. */
    requestedBy?: string | null;
    /** Where the improvement action list (a Graph `secureScoreControlProfiles` answer) is. */
    catalogUrl?: string | null;
    /** The stylesheet loaded into the shadow root; default: the one shipped beside the package. */
    stylesheet?: string | null;
    /** Where the view is kept in the page's address. */
    routing?: "none" | "hash" | "query" | null;
    /** The instances this component may connect to (text separated by spaces or commas, or
     *  a list); any other is refused before the sign-in. A malformed entry throws. */
    allowedInstances?: string | string[] | null;
    /** A token endpoint proxy on another origin than this page's or the instance's, which
     *  then receives the sign-in's code and tokens. Code only: no attribute sets it. */
    tokenUrl?: string | null;
    /** A Microsoft sign-in authority besides the known clouds (code only). */
    microsoftAuthority?: string | null;
    /** A Microsoft Graph root besides the known clouds (code only). */
    microsoftGraph?: string | null;
    /** Where tokens are kept: `"session"` (session storage, the default: a reload stays
     *  signed in) or `"memory"` (only in this page's memory, out of reach of the page's other
     *  scripts: a reload signs in again; drafts and settings stay in session storage). */
    tokenStorage?: "session" | "memory" | null;
}

/** A Microsoft Graph `secureScoreControlProfile`; `id`, `title` and `controlCategory` are
 *  required, the other fields fill the share form when present. */
export interface SecureScoreControlProfile {
    id: string;
    title: string;
    controlCategory: "Identity" | "Data" | "Device" | "Apps" | "Infrastructure";
    remediation?: string | null;
    remediationImpact?: string | null;
    actionType?: string | null;
    service?: string | null;
    tier?: string | null;
    rank?: number | null;
    maxScore?: number | null;
    [field: string]: unknown;
}

export interface SnowcardHandle {
    /** Opens the share form prefilled from `action`. */
    share(action: SecureScoreControlProfile): void;
    /** Applies changed options. */
    update(options: SnowcardOptions): void;
}

/** Mounts snowcard into an open shadow root on `element`. */
export function mount(element: Element, options?: SnowcardOptions): SnowcardHandle;

/** `detail` of `snowcard-connected`. */
export interface SnowcardConnectedDetail {
    instance: string;
    user: { sysId: string; userName: string; displayName: string };
}

/** `detail` of `snowcard-ticket-created`. */
export interface SnowcardTicketCreatedDetail {
    /** e.g. `CHG0030012`. */
    number: string;
    sysId: string;
    table: "change_request" | "incident";
    /** The record on the instance. */
    link: string;
}

/** The `<snowcard-app>` element; attributes: instance, client-id, redirect-uri, view,
 *  lang, requested-by, catalog-url, stylesheet, routing, token-storage,
 *  allowed-instances. */
export interface SnowcardAppElement extends HTMLElement {
    share(action: SecureScoreControlProfile): void;
}

declare global {
    interface HTMLElementTagNameMap {
        "snowcard-app": SnowcardAppElement;
    }
    interface HTMLElementEventMap {
        "snowcard-connected": CustomEvent<SnowcardConnectedDetail>;
        "snowcard-disconnected": CustomEvent<null>;
        "snowcard-ticket-created": CustomEvent<SnowcardTicketCreatedDetail>;
    }
}
"#;
