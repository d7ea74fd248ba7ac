//! Dutch strings of the connection status page.

use crate::i18n::status::{StatusFix, StatusTexts};

pub const NL_STATUS: StatusTexts = StatusTexts {
    open_button: "Verbindingsstatus",
    check_button: "De verbinding controleren",
    title: "Verbindingsstatus",
    intro: "snowcard controleert een voor een wat de instantie voor deze pagina moet toestaan. De oorsprong van deze pagina is {origin}; de omleidings-URL is {redirect}.",
    list_label: "Controles",
    check_again: "Opnieuw controleren",
    authorize: "Autoriseren",
    back: "Terug",
    running: "De verbinding wordt gecontroleerd…",
    summary: "Controles voltooid: {passed} geslaagd, {failed} mislukt, {skipped} niet gecontroleerd.",
    fix_label: "Oplossing:",

    checking: "Controleren…",
    passed: "Geslaagd",
    failed: "Mislukt",
    not_checked: "Niet gecontroleerd",

    instance_name: "Instantie bereikbaar",
    token_name: "Token geldig",
    table_incident_name: "Table API leesbaar: incidenten",
    table_change_name: "Table API leesbaar: wijzigingsaanvragen",
    token_endpoint_name: "Tokeneindpunt bereikbaar vanuit deze browser",
    page_policy_name: "Het Content-Security-Policy van deze pagina staat de instantie en de token-URL toe",
    create_incident_name: "Incidenten maken toegestaan (rol itil)",
    create_change_name: "Wijzigingsaanvragen maken toegestaan (rol itil of change_manager)",

    instance_ok: "{instance} reageert.",
    token_ok: "De instantie accepteert het token; het hoort bij {user} ({user_name}).",
    not_you: "Niet de integratiegebruiker? Eenmalige aanmelding heeft u mogelijk met uw eigen account aangemeld: kies Autoriseren, gebruik ‘Niet u?’ op de toestemmingspagina en meld u aan als de integratiegebruiker.",
    table_ok: "De Table API reageert op deze pagina en staat de gebruiker toe {table} te lezen.",
    token_endpoint_ok: "{url} reageert op deze browser (met {code} voor een verzonnen token, zoals het hoort).",
    page_policy_ok: "De browser laat deze pagina {origins} aanroepen.",
    role_ok: "{user} heeft de rol {role}.",
    role_via_admin: "{user} heeft de rol admin, die {role} omvat.",
    unknown_user: "De verbonden gebruiker",

    unreachable: StatusFix {
        detail: "Er kwam geen antwoord van {url}.",
        fix: "Controleer het adres van de instantie op de pagina ServiceNow-installatie en de netwerkverbinding van deze computer. Als de instantie toegangsbeheer op IP-adres gebruikt (Systeembeveiliging > Toegangsbeheer op IP-adres), staat een beheerder het adres van deze computer toe.",
    },
    offline: StatusFix {
        detail: "De browser meldt dat er geen netwerkverbinding is.",
        fix: "Maak opnieuw verbinding met het netwerk en kies daarna Opnieuw controleren.",
    },
    api_blocked: StatusFix {
        detail: "De instantie antwoordde op {url}, maar verbergt het antwoord voor deze pagina: geen enkele CORS-regel staat {origin} toe.",
        fix: "Een beheerder opent Systeemwebservices > REST > CORS-regels en voegt een regel toe voor de REST API ‘Table API’ met domein {origin}, HTTP-methoden GET, POST en PATCH, toegestane headers Authorization, Content-Type, Accept en beschikbaar gestelde headers X-Total-Count, Link, Retry-After (en hetzelfde voor de Aggregate API). Als de regel bestaat, weigert toegangsbeheer op IP-adres mogelijk het adres van deze computer.",
    },
    token_blocked: StatusFix {
        detail: "{url} heeft geantwoord, maar laat deze pagina ({origin}) het antwoord niet lezen (CORS).",
        fix: "Een beheerder stelt de systeemeigenschap glide.oauth.cors.allowed.origin in op {host} (de hostnaam van deze pagina; Australia-release en later; de eigenschap moet mogelijk eerst in sys_properties worden aangemaakt). Oudere releases kunnen het tokeneindpunt niet openstellen voor een browser: plaats een proxy met dezelfde oorsprong vóór /oauth_token.do en voer het adres daarvan in als token-URL op de pagina ServiceNow-installatie (de README bevat een voorbeeld).",
    },
    token_unreachable: StatusFix {
        detail: "Er kwam geen antwoord van de token-URL {url}.",
        fix: "Controleer de token-URL onder Geavanceerd op de pagina ServiceNow-installatie: laat het veld leeg om die van de instantie zelf te gebruiken, of laat de proxy met dezelfde oorsprong POST-aanvragen doorsturen naar /oauth_token.do van de instantie.",
    },
    not_token_endpoint: StatusFix {
        detail: "Er antwoordde iets op {url}, maar niet als OAuth-tokeneindpunt: {detail}",
        fix: "Controleer de token-URL onder Geavanceerd op de pagina ServiceNow-installatie; een proxy met dezelfde oorsprong moet het antwoord van de instantie ongewijzigd doorgeven.",
    },
    page_policy: StatusFix {
        detail: "De browser heeft het verzoek aan {blocked} niet verstuurd: de richtlijn {directive} in het Content-Security-Policy van deze pagina staat het niet toe.",
        fix: "Wie deze pagina publiceert, voegt {blocked} toe aan {directive} in het Content-Security-Policy (de HTTP-header en elke <meta http-equiv=\"Content-Security-Policy\">) en laadt de pagina opnieuw. Geef bij cargo xtask build --instance op (en --token-url voor een proxy op een andere oorsprong).",
    },
    forbidden: StatusFix {
        detail: "De instantie weigerde: {detail}",
        fix: "Geef de integratiegebruiker een rol die de tabel mag lezen (itil), of laat een beheerder het leestoegangsbeheer (ACL) van de tabel controleren. Als de instantie toegangsbeheer op IP-adres gebruikt, weigert dit mogelijk het adres van deze computer.",
    },
    cross_scope: StatusFix {
        detail: "De instantie weigerde een leesbewerking over toepassingsbereiken heen: {detail}",
        fix: "Een beheerder opent de tabel die in het bericht wordt genoemd (voor oauth_entity: Systeemdefinitie > Tabellen > oauth_entity) en schakelt onder Toegang tot toepassing ‘Kan lezen vanuit alle toepassingsbereiken’ in, of stelt de bereikoverschrijdende bevoegdheid voor het in het bericht genoemde bereik in op Toegestaan (Systeemtoepassingen > Bereikoverschrijdende toegang tot toepassingen).",
    },
    session_ended: StatusFix {
        detail: "De instantie accepteert het token van deze sessie niet meer en het kon niet worden vernieuwd.",
        fix: "Kies Autoriseren om u opnieuw aan te melden. De omleidings-URL die op de instantie is geregistreerd, moet precies {redirect} zijn.",
    },
    rate_limited: StatusFix {
        detail: "De snelheidslimiet van de instantie is bereikt.",
        fix: "Kies na {seconds} Opnieuw controleren.",
    },
    server: StatusFix {
        detail: "De instantie antwoordde met {status}: {detail}",
        fix: "Kies zo meteen Opnieuw controleren; als het probleem aanhoudt, kan een beheerder in het systeemlogboek van de instantie kijken.",
    },
    unexpected: StatusFix {
        detail: "De instantie gaf een onverwacht antwoord: {detail}",
        fix: "Controleer het adres van de instantie op de pagina ServiceNow-installatie.",
    },
    role_missing: StatusFix {
        detail: "{user} heeft de rol {role} niet.",
        fix: "Een beheerder geeft {user_name} de rol {role} (Gebruikersbeheer > Gebruikers > {user_name} > Rollen > Bewerken). Als {user_name} uw eigen account is, heeft eenmalige aanmelding u als uzelf aangemeld: kies Autoriseren, gebruik ‘Niet u?’ op de toestemmingspagina en meld u aan als de integratiegebruiker.",
    },

    connect_first: "Niet gecontroleerd: maak eerst verbinding.",
    no_instance: "Niet gecontroleerd: er is nog geen instantie ingesteld. Kies Autoriseren om er een in te stellen.",
    instance_down: "Niet gecontroleerd: de instantie heeft niet geantwoord (zie hierboven).",
    token_refused: "Niet gecontroleerd: de instantie heeft het token niet geaccepteerd (zie hierboven).",
    api_closed: "Niet gecontroleerd: de Table API is gesloten voor deze pagina (zie hierboven).",
    roles_hidden: StatusFix {
        detail: "Kon niet worden gecontroleerd: de instantie toont {user} de eigen rollen niet (het leestoegangsbeheer op sys_user_has_role verbergt ze). {detail}",
        fix: "Een beheerder controleert de rollen in plaats daarvan onder Gebruikersbeheer > Gebruikers: met itil kunnen incidenten en wijzigingsaanvragen worden gemaakt, met change_manager ook wijzigingsaanvragen.",
    },
    could_not_ask: "Kon niet worden gecontroleerd: het opvragen van de rollen is mislukt. {detail}",
};
