//! English: the reference locale.

mod manage;
mod microsoft;
mod share;
mod status;
mod tickets;

use crate::i18n::{ErrorText, ErrorTexts, Locale, Plural, Texts};
use manage::EN_MANAGE;
use microsoft::EN_MICROSOFT;
use share::EN_SHARE;
use status::EN_STATUS;
use tickets::EN_TICKETS;

pub const EN: Texts = Texts {
    locale: Locale::En,
    app_name: "snowcard",
    language_label: "Language",
    address_unknown: "That address does not lead to a snowcard page, so the home page is shown. Check the link, or start from here.",
    action_unknown: "The improvement action in that address is not in the list, so the list is shown. Search for it, or import your own export.",
    colon: ": ",
    connect_card_title: "Do you use ServiceNow?",
    connect_card_body: "Send improvement actions to ServiceNow as change requests or incidents, and track the tickets here.",
    connect_button: "Connect to ServiceNow",

    setup_title: "ServiceNow setup",
    setup_intro: "snowcard connects your browser straight to your ServiceNow instance with OAuth 2.0 and PKCE. No client secret is used, and no other server ever sees your tokens.",
    instance_label: "Instance",
    instance_hint: "The instance name (acme), host (acme.service-now.com) or address (https://acme.service-now.com).",
    client_id_label: "Client ID",
    client_id_hint: "The client ID of the OAuth application registered for snowcard on the instance.",
    advanced_label: "Advanced",
    token_url_label: "Token URL",
    token_url_hint: "Leave empty unless the instance is older than the Australia release: then enter the address of a same-origin proxy for /oauth_token.do.",
    redirect_label: "Redirect URL to register",
    redirect_hint: "Register exactly this address as the redirect URL of the OAuth application.",
    copy_button: "Copy",
    copied: "Redirect URL copied.",
    copy_failed: "The browser did not allow copying; select the address and copy it by hand.",
    checklist_title: "What an administrator sets up on the instance first",
    checklist: [
        "Registers snowcard as an OAuth client: Machine Identity Console > Inbound integrations > OAuth authorization code grant, with \"This is a public client\" ticked (or System OAuth > Application Registry > Create an OAuth API endpoint for external clients, with PKCE required).",
        "Sets its redirect URL to {redirect}",
        "Adds a CORS rule (System Web Services > REST > CORS Rules) for the Table API and the Aggregate API: domain {origin}, methods GET, POST and PATCH, allowed headers Authorization, Content-Type, Accept, exposed headers X-Total-Count, Link, Retry-After.",
        "Sets the system property glide.oauth.cors.allowed.origin to {host} (this page's host name; Australia release and later; the property may have to be created in sys_properties first), or sets up a same-origin proxy for the token endpoint.",
        "Gives the integration user the itil role (and change_manager to create change requests).",
    ],
    data_title: "What leaves this browser",
    data_items: [
        "Your sign-in happens on the instance's own page; snowcard never sees a password.",
        "Tokens go only to the instance, and are kept in this tab's session storage until you close it.",
        "Tickets you create carry the improvement action's title, description, priority, due date, category and the requester you enter.",
        "Nothing is sent anywhere but the instance you enter here.",
    ],
    data_tokens_memory: "Tokens go only to the instance, and are kept only in this page's memory, never in storage: reloading or leaving the page signs you out.",
    storage_memory_notice: "This browser does not let snowcard use session storage here, so everything is kept in this page's memory: reloading the page signs you out and loses what you typed. To sign in, allow site data for this page.",
    dismiss: "Dismiss",
    authorize_button: "Authorize",
    back_button: "Back",
    required_mark: "(required)",

    instance_required: "Enter the instance, for example acme or acme.service-now.com.",
    instance_insecure: "Use an https:// address; plain http is allowed only for this computer (localhost).",
    instance_scheme: "Use an https:// address, for example https://acme.service-now.com.",
    instance_credentials: "Remove the user name and password from the address; you sign in on the instance's page.",
    instance_invalid: "This is not an instance name or address. Enter, for example, acme or https://acme.service-now.com.",
    client_id_required: "Enter the client ID of the OAuth application registered for snowcard.",
    client_id_spaces: "A client ID has no spaces; copy it again from the instance.",
    token_url_invalid: "Enter a full https:// address for the token URL, or leave it empty.",
    token_url_origin: "The token URL receives your sign-in, so it must be on this page's origin or the instance's. Enter a path such as /servicenow/oauth_token.do, or leave it empty; a proxy elsewhere can only be set by the page's code.",
    instance_not_allowed: "This page only connects to {allowed}. Enter one of those instances.",
    sign_in_at: "You will sign in at {host}.",
    fix_fields: "Correct the fields marked below, then choose Authorize.",

    checking_instance: "Checking that the instance answers…",
    redirecting: "Opening the instance's sign-in page…",
    completing: "Finishing the connection with ServiceNow…",
    loading_user: "Connected; looking up your ServiceNow user…",
    connected_title: "ServiceNow",
    connecting_title: "Connecting to ServiceNow",
    connected_as: "Connected to {instance} as {user}",
    connected_to: "Connected to {instance}",
    token_renews: "Signed in until {time}. snowcard renews the session by itself while this tab is open.",

    seconds: Plural {
        one: "{count} second",
        other: "{count} seconds",
    },
    try_again: "Try again",
    reconnect: "Reconnect",
    sign_in_again: "Sign in again",
    session_ends: "Session ends at {time}. The instance gives this sign-in no refresh token, so snowcard cannot renew it: sign in again then. Drafts, this page and your settings are kept.",
    session_ending_title: "Your ServiceNow session ends at {time}",
    session_ending_body: "Sign in again now to go on without a break; your drafts, this page and your settings are kept.",
    error_prefix: "Error:",
    errors: ErrorTexts {
        access_denied: ErrorText {
            title: "Access was denied",
            detail: "The request was declined on ServiceNow's consent page, so snowcard has no access to the instance.",
            next: "To connect, choose Try again, then Allow on the instance's consent page.",
        },
        state_mismatch: ErrorText {
            title: "This sign-in response was not requested by this page",
            detail: "Its state parameter does not match the one this tab sent, so it was ignored for your safety. It may come from another tab or an old link.",
            next: "Choose Try again to start over.",
        },
        state_missing: ErrorText {
            title: "The sign-in response is incomplete",
            detail: "ServiceNow returned without the state parameter, so the response cannot be trusted and was ignored.",
            next: "Choose Try again to start over.",
        },
        no_pending: ErrorText {
            title: "No sign-in was started from this tab",
            detail: "A sign-in response arrived, but this tab has no record of starting one (it may have been started in another tab, or the tab was reopened).",
            next: "Choose Try again to start over.",
        },
        code_missing: ErrorText {
            title: "The sign-in response is incomplete",
            detail: "ServiceNow returned without an authorization code.",
            next: "Choose Try again to start over.",
        },
        authorization_refused: ErrorText {
            title: "ServiceNow refused the sign-in request",
            detail: "The instance answered: {detail}",
            next: "Check the client ID, and that the redirect URL registered on the instance is exactly {redirect}.",
        },
        invalid_grant: ErrorText {
            title: "ServiceNow did not accept the sign-in",
            detail: "The instance rejected the authorization ({detail}). Codes are single-use and expire after a minute.",
            next: "Choose Try again to start over.",
        },
        invalid_client: ErrorText {
            title: "The instance does not know this client ID",
            detail: "The token endpoint answered: {detail}",
            next: "Check the client ID against the OAuth application on the instance, and that it is a public client.",
        },
        token_endpoint: ErrorText {
            title: "The token endpoint refused the request",
            detail: "The instance answered: {detail}",
            next: "Check the OAuth application on the instance, then try again.",
        },
        token_blocked: ErrorText {
            title: "Your browser may not read the instance's token endpoint",
            detail: "The instance answered at {url}, but it does not allow this page's origin ({origin}) to read the answer (CORS).",
            next: "An administrator sets the system property glide.oauth.cors.allowed.origin to {host} (this page's host name; Australia release and later; the property may have to be created in sys_properties first), or enters a Token URL that points at a same-origin proxy.",
        },
        api_blocked: ErrorText {
            title: "The instance does not let this page use its REST API",
            detail: "The instance answered at {url}, but without a CORS rule for this page's origin ({origin}).",
            next: "An administrator adds a CORS rule for the Table API and the Aggregate API for {origin} (System Web Services > REST > CORS Rules), exposing X-Total-Count, Link and Retry-After.",
        },
        page_policy: ErrorText {
            title: "This page's Content-Security-Policy blocks {blocked}",
            detail: "The browser did not send the request to {blocked}: the {directive} directive of this page's Content-Security-Policy does not allow that origin. The instance itself is not the cause.",
            next: "Whoever publishes this page adds {blocked} to {directive} in its Content-Security-Policy (the HTTP header and any <meta http-equiv=\"Content-Security-Policy\">: each policy must allow it), then reload the page and try again.",
        },
        unreachable: ErrorText {
            title: "The instance could not be reached",
            detail: "Nothing answered at {url}.",
            next: "Check the instance name and your network connection, then try again.",
        },
        offline: ErrorText {
            title: "You are offline",
            detail: "The browser reports no network connection.",
            next: "Reconnect to the network, then try again. Nothing you entered is lost.",
        },
        unexpected: ErrorText {
            title: "The instance gave an unexpected answer",
            detail: "{detail}",
            next: "Check the instance address and, if you set one, the token URL.",
        },
        session_ended: ErrorText {
            title: "Your ServiceNow session has ended",
            detail: "The instance no longer accepts this session's tokens, and they could not be renewed.",
            next: "Choose Sign in again; your drafts, this page and your settings are kept.",
        },
        issuer_mismatch: ErrorText {
            title: "The sign-in answer came from another server",
            detail: "This page signs in at {url}, but the answer says it comes from {detail}. No authorization code was used.",
            next: "Check the instance address, then choose Try again.",
        },
        token_unavailable: ErrorText {
            title: "The instance's token endpoint is unavailable for the moment",
            detail: "The instance answered: {detail}",
            next: "snowcard tried twice. Try again in a moment; nothing you entered is lost.",
        },
        forbidden: ErrorText {
            title: "The ServiceNow user is not allowed to do this",
            detail: "The instance answered: {detail}",
            next: "Give the integration user the itil role (change_manager for change requests), then try again.",
        },
        rate_limited: ErrorText {
            title: "ServiceNow asks snowcard to slow down",
            detail: "The instance's rate limit was reached.",
            next: "snowcard tries again in {seconds}.",
        },
        server: ErrorText {
            title: "ServiceNow reported an error ({status})",
            detail: "{detail}",
            next: "Try again in a moment; if it persists, an administrator can check the instance's system log.",
        },
        storage_corrupt: ErrorText {
            title: "Saved connection data could not be read",
            detail: "What this browser tab had stored for snowcard was unreadable and has been cleared.",
            next: "Connect again.",
        },
        storage_unavailable: ErrorText {
            title: "The browser refused to store the connection",
            detail: "Session storage is full or disabled for this page.",
            next: "Allow site data for this page (or leave private browsing), then try again.",
        },
        instance_not_allowed: ErrorText {
            title: "This page does not connect to {url}",
            detail: "The page only allows {detail}. Nothing was sent to {url}.",
            next: "Open the setup page and enter one of the allowed instances.",
        },
        token_url_not_allowed: ErrorText {
            title: "This page does not send sign-ins to {url}",
            detail: "This session's token URL is on {url}, which is neither this page's origin nor the instance's, and the page's code does not set it. Whoever it names would receive your sign-in, so nothing was sent to {url}.",
            next: "Open the setup page and change the token URL to a path such as /servicenow/oauth_token.do, or leave it empty; a proxy elsewhere can only be set by the page's code.",
        },
        pending_expired: ErrorText {
            title: "This sign-in took too long",
            detail: "It was started more than 10 minutes ago, so its answer was not used.",
            next: "Start again: choose Try again and sign in within 10 minutes.",
        },
        redirected: ErrorText {
            title: "The request was redirected",
            detail: "{url} answered with a redirect; snowcard follows no redirects, so no token is sent anywhere else.",
            next: "Check the instance address and the token URL (each must answer itself, not redirect), then try again.",
        },
    },
    share: EN_SHARE,
    tickets: EN_TICKETS,
    manage: EN_MANAGE,
    status: EN_STATUS,
    microsoft: EN_MICROSOFT,
};
