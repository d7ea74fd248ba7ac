//! English strings of the connection status page.

use crate::i18n::status::{StatusFix, StatusTexts};

pub const EN_STATUS: StatusTexts = StatusTexts {
    open_button: "Connection status",
    check_button: "Check the connection",
    title: "Connection status",
    intro: "snowcard checks, one by one, what the instance must allow for this page. This page's origin is {origin}; its redirect URL is {redirect}.",
    list_label: "Checks",
    check_again: "Check again",
    authorize: "Authorize",
    back: "Back",
    running: "Checking the connection…",
    summary: "Checks done: {passed} passed, {failed} failed, {skipped} not checked.",
    fix_label: "To fix:",

    checking: "Checking…",
    passed: "Passed",
    failed: "Failed",
    not_checked: "Not checked",

    instance_name: "Instance reachable",
    token_name: "Token valid",
    table_incident_name: "Table API readable: incidents",
    table_change_name: "Table API readable: change requests",
    token_endpoint_name: "Token endpoint reachable from this browser",
    page_policy_name: "This page's Content-Security-Policy allows the instance and the token URL",
    create_incident_name: "Creating incidents allowed (itil role)",
    create_change_name: "Creating change requests allowed (itil or change_manager role)",

    instance_ok: "{instance} answers.",
    token_ok: "The instance accepts the token; it belongs to {user} ({user_name}).",
    not_you: "Not the integration user? Single sign-on may have signed you in with your own account: choose Authorize, use \"Not you?\" on the consent page and sign in as the integration user.",
    table_ok: "The Table API answers this page and lets the user read {table}.",
    token_endpoint_ok: "{url} answers this browser (with {code} for a made-up token, as it should).",
    page_policy_ok: "The browser lets this page call {origins}.",
    role_ok: "{user} has the {role} role.",
    role_via_admin: "{user} has the admin role, which includes {role}.",
    unknown_user: "The connected user",

    unreachable: StatusFix {
        detail: "Nothing answered at {url}.",
        fix: "Check the instance address on the setup page and this computer's network connection. If the instance uses IP address access control (System Security > IP Address Access Control), an administrator allows this computer's address.",
    },
    offline: StatusFix {
        detail: "The browser reports no network connection.",
        fix: "Reconnect to the network, then choose Check again.",
    },
    api_blocked: StatusFix {
        detail: "The instance answered at {url}, but it hides the answer from this page: no CORS rule allows {origin}.",
        fix: "An administrator opens System Web Services > REST > CORS Rules and adds a rule for the REST API \"Table API\" with domain {origin}, HTTP methods GET, POST and PATCH, allowed headers Authorization, Content-Type, Accept and exposed headers X-Total-Count, Link, Retry-After (and the same for the Aggregate API). If the rule exists, IP address access control may be rejecting this computer's address.",
    },
    token_blocked: StatusFix {
        detail: "{url} answered, but it does not let this page ({origin}) read the answer (CORS).",
        fix: "An administrator sets the system property glide.oauth.cors.allowed.origin to {host} (this page's host name; Australia release and later; the property may have to be created in sys_properties first). Older releases cannot open the token endpoint to a browser: put a same-origin proxy in front of /oauth_token.do and enter its address as Token URL on the setup page (the README shows one).",
    },
    token_unreachable: StatusFix {
        detail: "Nothing answered at the token URL {url}.",
        fix: "Check the Token URL under Advanced on the setup page: leave it empty to use the instance's own, or make the same-origin proxy forward POST requests to the instance's /oauth_token.do.",
    },
    not_token_endpoint: StatusFix {
        detail: "Something answered at {url}, but not as an OAuth token endpoint: {detail}",
        fix: "Check the Token URL under Advanced on the setup page; a same-origin proxy must pass the instance's answer through unchanged.",
    },
    page_policy: StatusFix {
        detail: "The browser did not send the request to {blocked}: the {directive} directive of this page's Content-Security-Policy does not allow it.",
        fix: "Whoever publishes this page adds {blocked} to {directive} in its Content-Security-Policy (the HTTP header and any <meta http-equiv=\"Content-Security-Policy\">), then reload the page. With cargo xtask build, pass --instance (and --token-url for a proxy on another origin).",
    },
    forbidden: StatusFix {
        detail: "The instance refused: {detail}",
        fix: "Give the integration user a role that may read it (itil), or have an administrator check the read access control (ACL) of the table. If the instance uses IP address access control, it may be rejecting this computer's address.",
    },
    cross_scope: StatusFix {
        detail: "The instance refused a read across application scopes: {detail}",
        fix: "An administrator opens the table named in the message (for oauth_entity: System Definition > Tables > oauth_entity) and under Application Access allows Can read from all application scopes, or sets the cross-scope privilege for the scope named in the message to Allowed (System Applications > Application Cross-Scope Access).",
    },
    session_ended: StatusFix {
        detail: "The instance no longer accepts this session's token, and it could not be renewed.",
        fix: "Choose Authorize to sign in again. The redirect URL registered on the instance must be exactly {redirect}.",
    },
    rate_limited: StatusFix {
        detail: "The instance's rate limit was reached.",
        fix: "Choose Check again after {seconds}.",
    },
    server: StatusFix {
        detail: "The instance answered {status}: {detail}",
        fix: "Choose Check again in a moment; if it persists, an administrator can look in the instance's system log.",
    },
    unexpected: StatusFix {
        detail: "The instance gave an unexpected answer: {detail}",
        fix: "Check the instance address on the setup page.",
    },
    role_missing: StatusFix {
        detail: "{user} does not have the {role} role.",
        fix: "An administrator gives {user_name} the {role} role (User Administration > Users > {user_name} > Roles > Edit). If {user_name} is your own account, single sign-on signed you in as yourself: choose Authorize, use \"Not you?\" on the consent page and sign in as the integration user.",
    },

    connect_first: "Not checked: connect first.",
    no_instance: "Not checked: no instance is set up yet. Choose Authorize to set one up.",
    instance_down: "Not checked: the instance did not answer (see above).",
    token_refused: "Not checked: the instance did not accept the token (see above).",
    api_closed: "Not checked: the Table API is closed to this page (see above).",
    roles_hidden: StatusFix {
        detail: "Could not be checked: the instance does not show {user} their own roles (the read access control on sys_user_has_role hides them). {detail}",
        fix: "An administrator checks the roles under User Administration > Users instead: itil creates incidents and change requests, change_manager also creates change requests.",
    },
    could_not_ask: "Could not be checked: asking for the roles failed. {detail}",
};
