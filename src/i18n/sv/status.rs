//! Swedish strings of the connection status page.

use crate::i18n::status::{StatusFix, StatusTexts};

pub const SV_STATUS: StatusTexts = StatusTexts {
    open_button: "Anslutningsstatus",
    check_button: "Kontrollera anslutningen",
    title: "Anslutningsstatus",
    intro: "snowcard kontrollerar, en sak i taget, vad instansen måste tillåta för den här sidan. Sidans ursprung är {origin} och dess omdirigerings-URL är {redirect}.",
    list_label: "Kontroller",
    check_again: "Kontrollera igen",
    authorize: "Auktorisera",
    back: "Tillbaka",
    running: "Kontrollerar anslutningen…",
    summary: "Kontrollerna är klara: {passed} godkända, {failed} misslyckade, {skipped} inte kontrollerade.",
    fix_label: "Åtgärd:",

    checking: "Kontrollerar…",
    passed: "Godkänd",
    failed: "Misslyckad",
    not_checked: "Inte kontrollerad",

    instance_name: "Instansen kan nås",
    token_name: "Token är giltig",
    table_incident_name: "Table API kan läsas: incidenter",
    table_change_name: "Table API kan läsas: ändringsbegäranden",
    token_endpoint_name: "Tokenslutpunkten kan nås från den här webbläsaren",
    page_policy_name: "Sidans Content-Security-Policy tillåter instansen och token-URL:en",
    create_incident_name: "Får skapa incidenter (rollen itil)",
    create_change_name: "Får skapa ändringsbegäranden (rollen itil eller change_manager)",

    instance_ok: "{instance} svarar.",
    token_ok: "Instansen godkänner token; den tillhör {user} ({user_name}).",
    not_you: "Inte integrationsanvändaren? Enkel inloggning kan ha loggat in dig med ditt eget konto: välj Auktorisera, använd ”Inte du?” på medgivandesidan och logga in som integrationsanvändaren.",
    table_ok: "Table API svarar den här sidan och låter användaren läsa {table}.",
    token_endpoint_ok: "{url} svarar den här webbläsaren (med {code} för en påhittad token, som sig bör).",
    page_policy_ok: "Webbläsaren låter sidan anropa {origins}.",
    role_ok: "{user} har rollen {role}.",
    role_via_admin: "{user} har rollen admin, som omfattar {role}.",
    unknown_user: "Den anslutna användaren",

    unreachable: StatusFix {
        detail: "Inget svar från {url}.",
        fix: "Kontrollera instansens adress på inställningssidan och den här datorns nätverksanslutning. Om instansen använder åtkomstkontroll för IP-adresser (Systemsäkerhet > Åtkomstkontroll för IP-adress) tillåter en administratör den här datorns adress.",
    },
    offline: StatusFix {
        detail: "Webbläsaren rapporterar att det inte finns någon nätverksanslutning.",
        fix: "Anslut till nätverket igen och välj sedan Kontrollera igen.",
    },
    api_blocked: StatusFix {
        detail: "Instansen svarade på {url}, men döljer svaret för den här sidan: ingen CORS-regel tillåter {origin}.",
        fix: "En administratör öppnar Systemwebbtjänster > REST > CORS-regler och lägger till en regel för REST-API:t ”Table API” med domänen {origin}, HTTP-metoderna GET, POST och PATCH, de tillåtna huvudena Authorization, Content-Type, Accept och de exponerade huvudena X-Total-Count, Link, Retry-After (och likadant för Aggregate API). Om regeln redan finns kan åtkomstkontrollen för IP-adresser avvisa den här datorns adress.",
    },
    token_blocked: StatusFix {
        detail: "{url} svarade, men låter inte den här sidan ({origin}) läsa svaret (CORS).",
        fix: "En administratör ställer in systemegenskapen glide.oauth.cors.allowed.origin på {host} (den här sidans värdnamn; Australia-versionen och senare; egenskapen kan behöva skapas i sys_properties först). Äldre versioner kan inte öppna tokenslutpunkten för en webbläsare: placera en proxy med samma ursprung framför /oauth_token.do och ange dess adress som token-URL på inställningssidan (README visar ett exempel).",
    },
    token_unreachable: StatusFix {
        detail: "Inget svar från token-URL:en {url}.",
        fix: "Kontrollera Token-URL under Avancerat på inställningssidan: lämna fältet tomt för att använda instansens egen, eller se till att proxyn med samma ursprung vidarebefordrar POST-begäranden till instansens /oauth_token.do.",
    },
    not_token_endpoint: StatusFix {
        detail: "Något svarade på {url}, men inte som en OAuth-tokenslutpunkt: {detail}",
        fix: "Kontrollera Token-URL under Avancerat på inställningssidan; en proxy med samma ursprung måste skicka vidare instansens svar oförändrat.",
    },
    page_policy: StatusFix {
        detail: "Webbläsaren skickade inte begäran till {blocked}: direktivet {directive} i sidans Content-Security-Policy tillåter det inte.",
        fix: "Den som publicerar sidan lägger till {blocked} i {directive} i dess Content-Security-Policy (HTTP-huvudet och varje <meta http-equiv=\"Content-Security-Policy\">) och läser sedan in sidan igen. Med cargo xtask build anger du --instance (och --token-url för en proxy på ett annat ursprung).",
    },
    forbidden: StatusFix {
        detail: "Instansen nekade: {detail}",
        fix: "Ge integrationsanvändaren en roll som får läsa tabellen (itil) eller be en administratör kontrollera tabellens åtkomstkontroll för läsning (ACL). Om instansen använder åtkomstkontroll för IP-adresser kan den avvisa den här datorns adress.",
    },
    cross_scope: StatusFix {
        detail: "Instansen nekade läsning mellan programomfång: {detail}",
        fix: "En administratör öppnar tabellen som nämns i meddelandet (för oauth_entity: Systemdefinition > Tabeller > oauth_entity) och tillåter ”Kan läsa från alla programomfång” under Programåtkomst, eller ställer in behörigheten mellan omfång för det omfång som nämns i meddelandet på Tillåten (Systemprogram > Programåtkomst mellan omfång).",
    },
    session_ended: StatusFix {
        detail: "Instansen godkänner inte längre sessionens token, och den kunde inte förnyas.",
        fix: "Välj Auktorisera för att logga in igen. Den omdirigerings-URL som har registrerats på instansen måste vara exakt {redirect}.",
    },
    rate_limited: StatusFix {
        detail: "Instansens hastighetsbegränsning har nåtts.",
        fix: "Vänta {seconds} och välj sedan Kontrollera igen.",
    },
    server: StatusFix {
        detail: "Instansen svarade {status}: {detail}",
        fix: "Välj Kontrollera igen om en stund; om felet kvarstår kan en administratör titta i instansens systemlogg.",
    },
    unexpected: StatusFix {
        detail: "Instansen gav ett oväntat svar: {detail}",
        fix: "Kontrollera instansens adress på inställningssidan.",
    },
    role_missing: StatusFix {
        detail: "{user} har inte rollen {role}.",
        fix: "En administratör ger {user_name} rollen {role} (Användaradministration > Användare > {user_name} > Roller > Redigera). Om {user_name} är ditt eget konto har enkel inloggning loggat in dig som dig själv: välj Auktorisera, använd ”Inte du?” på medgivandesidan och logga in som integrationsanvändaren.",
    },

    connect_first: "Inte kontrollerad: anslut först.",
    no_instance: "Inte kontrollerad: ingen instans har konfigurerats än. Välj Auktorisera för att konfigurera en.",
    instance_down: "Inte kontrollerad: instansen svarade inte (se ovan).",
    token_refused: "Inte kontrollerad: instansen godkände inte token (se ovan).",
    api_closed: "Inte kontrollerad: Table API är stängt för den här sidan (se ovan).",
    roles_hidden: StatusFix {
        detail: "Kunde inte kontrolleras: instansen låter inte {user} se sina egna roller (åtkomstkontrollen för läsning av sys_user_has_role döljer dem). {detail}",
        fix: "En administratör kontrollerar i stället rollerna under Användaradministration > Användare: itil får skapa incidenter och ändringsbegäranden, change_manager får också skapa ändringsbegäranden.",
    },
    could_not_ask: "Kunde inte kontrolleras: förfrågan om rollerna misslyckades. {detail}",
};
