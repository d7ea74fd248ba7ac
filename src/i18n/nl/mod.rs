//! Dutch strings of the setup, connection and error messages.

mod manage;
mod microsoft;
mod share;
mod status;
mod tickets;

use crate::i18n::{ErrorText, ErrorTexts, Locale, Plural, Texts};
use manage::NL_MANAGE;
use microsoft::NL_MICROSOFT;
use share::NL_SHARE;
use status::NL_STATUS;
use tickets::NL_TICKETS;

pub const NL: Texts = Texts {
    locale: Locale::Nl,
    app_name: "snowcard",
    language_label: "Taal",
    address_unknown: "Dat adres leidt niet naar een pagina van snowcard, dus de startpagina wordt getoond. Controleer de link of begin hier.",
    action_unknown: "De verbeteractie in dat adres staat niet in de lijst, dus de lijst wordt getoond. Zoek ernaar of importeer uw eigen export.",
    colon: ": ",
    connect_card_title: "Gebruikt u ServiceNow?",
    connect_card_body: "Stuur verbeteracties als wijzigingsaanvragen of incidenten naar ServiceNow en volg de tickets hier.",
    connect_button: "Verbinding maken met ServiceNow",

    setup_title: "ServiceNow-installatie",
    setup_intro: "snowcard verbindt uw browser via OAuth 2.0 en PKCE rechtstreeks met uw ServiceNow-instantie. Er wordt geen clientgeheim gebruikt en geen enkele andere server krijgt uw tokens ooit te zien.",
    instance_label: "Instantie",
    instance_hint: "De naam van de instantie (acme), de host (acme.service-now.com) of het adres (https://acme.service-now.com).",
    client_id_label: "Client-ID",
    client_id_hint: "De client-ID van de OAuth-toepassing die voor snowcard op de instantie is geregistreerd.",
    advanced_label: "Geavanceerd",
    token_url_label: "Token-URL",
    token_url_hint: "Laat dit leeg, tenzij de instantie ouder is dan de Australia-release: voer dan het adres in van een proxy met dezelfde oorsprong voor /oauth_token.do.",
    redirect_label: "Te registreren omleidings-URL",
    redirect_hint: "Registreer precies dit adres als omleidings-URL van de OAuth-toepassing.",
    copy_button: "Kopiëren",
    copied: "Omleidings-URL gekopieerd.",
    copy_failed: "De browser heeft kopiëren niet toegestaan; selecteer het adres en kopieer het handmatig.",
    checklist_title: "Wat een beheerder eerst op de instantie instelt",
    checklist: [
        "Registreert snowcard als OAuth-client: Machine Identity Console > Inkomende integraties > OAuth-autorisatiecodetoekenning, met ‘Dit is een openbare client’ aangevinkt (of Systeem-OAuth > Toepassingsregister > Een OAuth API-eindpunt voor externe clients maken, met PKCE verplicht).",
        "Stelt de omleidings-URL in op {redirect}",
        "Voegt een CORS-regel toe (Systeemwebservices > REST > CORS-regels) voor de Table API en de Aggregate API: domein {origin}, methoden GET, POST en PATCH, toegestane headers Authorization, Content-Type, Accept, beschikbaar gestelde headers X-Total-Count, Link, Retry-After.",
        "Stelt de systeemeigenschap glide.oauth.cors.allowed.origin in op {host} (de hostnaam van deze pagina; Australia-release en later; de eigenschap moet mogelijk eerst in sys_properties worden aangemaakt), of richt een proxy met dezelfde oorsprong in voor het tokeneindpunt.",
        "Geeft de integratiegebruiker de rol itil (en change_manager om wijzigingsaanvragen te maken).",
    ],
    data_title: "Wat deze browser verlaat",
    data_items: [
        "U meldt zich aan op de eigen pagina van de instantie; snowcard ziet nooit een wachtwoord.",
        "Tokens gaan alleen naar de instantie en worden in de sessieopslag van dit tabblad bewaard totdat u het sluit.",
        "Tickets die u maakt, bevatten de titel, beschrijving, prioriteit, vervaldatum en categorie van de verbeteractie en de aanvrager die u invoert.",
        "Er wordt niets verzonden, behalve naar de instantie die u hier invoert.",
    ],
    data_tokens_memory: "Tokens gaan alleen naar de instantie en worden alleen in het geheugen van deze pagina bewaard, nooit in de opslag: als u de pagina opnieuw laadt of verlaat, wordt u afgemeld.",
    storage_memory_notice: "Deze browser laat snowcard hier geen sessieopslag gebruiken, dus alles wordt in het geheugen van deze pagina bewaard: als u de pagina opnieuw laadt, wordt u afgemeld en gaat wat u hebt ingevoerd verloren. Sta sitegegevens toe voor deze pagina om u aan te melden.",
    dismiss: "Sluiten",
    authorize_button: "Autoriseren",
    back_button: "Terug",
    required_mark: "(verplicht)",

    instance_required: "Voer de instantie in, bijvoorbeeld acme of acme.service-now.com.",
    instance_insecure: "Gebruik een https://-adres; gewoon http is alleen toegestaan voor deze computer (localhost).",
    instance_scheme: "Gebruik een https://-adres, bijvoorbeeld https://acme.service-now.com.",
    instance_credentials: "Verwijder de gebruikersnaam en het wachtwoord uit het adres; u meldt zich aan op de pagina van de instantie.",
    instance_invalid: "Dit is geen naam of adres van een instantie. Voer bijvoorbeeld acme of https://acme.service-now.com in.",
    client_id_required: "Voer de client-ID in van de OAuth-toepassing die voor snowcard is geregistreerd.",
    client_id_spaces: "Een client-ID bevat geen spaties; kopieer de ID opnieuw vanuit de instantie.",
    token_url_invalid: "Voer een volledig https://-adres in voor de token-URL of laat het veld leeg.",
    token_url_origin: "De token-URL ontvangt uw aanmelding en moet daarom op de oorsprong van deze pagina of van de instantie staan. Voer een pad in zoals /servicenow/oauth_token.do of laat het veld leeg; een proxy elders kan alleen door de code van de pagina worden ingesteld.",
    instance_not_allowed: "Deze pagina maakt alleen verbinding met {allowed}. Voer een van die instanties in.",
    sign_in_at: "U meldt zich aan bij {host}.",
    fix_fields: "Corrigeer de hieronder gemarkeerde velden en kies daarna Autoriseren.",

    checking_instance: "Controleren of de instantie reageert…",
    redirecting: "De aanmeldingspagina van de instantie wordt geopend…",
    completing: "De verbinding met ServiceNow wordt voltooid…",
    loading_user: "Verbonden; uw ServiceNow-gebruiker wordt opgezocht…",
    connected_title: "ServiceNow",
    connecting_title: "Verbinding met ServiceNow wordt gemaakt",
    connected_as: "Verbonden met {instance} als {user}",
    connected_to: "Verbonden met {instance}",
    token_renews: "Aangemeld tot {time}. snowcard vernieuwt de sessie zelf zolang dit tabblad open is.",

    seconds: Plural {
        one: "{count} seconde",
        other: "{count} seconden",
    },
    try_again: "Opnieuw proberen",
    reconnect: "Opnieuw verbinden",
    sign_in_again: "Opnieuw aanmelden",
    session_ends: "De sessie eindigt om {time}. De instantie geeft deze aanmelding geen vernieuwingstoken, dus snowcard kan de sessie niet verlengen: meld u dan opnieuw aan. Concepten, deze pagina en uw instellingen blijven behouden.",
    session_ending_title: "Uw ServiceNow-sessie eindigt om {time}",
    session_ending_body: "Meld u nu opnieuw aan om zonder onderbreking verder te werken; uw concepten, deze pagina en uw instellingen blijven behouden.",
    error_prefix: "Fout:",
    errors: ErrorTexts {
        access_denied: ErrorText {
            title: "De toegang is geweigerd",
            detail: "De aanvraag is geweigerd op de toestemmingspagina van ServiceNow, dus snowcard heeft geen toegang tot de instantie.",
            next: "Kies Opnieuw proberen en daarna Toestaan op de toestemmingspagina van de instantie om verbinding te maken.",
        },
        state_mismatch: ErrorText {
            title: "Dit aanmeldingsantwoord is niet door deze pagina aangevraagd",
            detail: "De state-parameter komt niet overeen met de parameter die dit tabblad heeft verzonden, dus het antwoord is voor uw veiligheid genegeerd. Het komt mogelijk van een ander tabblad of een oude koppeling.",
            next: "Kies Opnieuw proberen om opnieuw te beginnen.",
        },
        state_missing: ErrorText {
            title: "Het aanmeldingsantwoord is onvolledig",
            detail: "ServiceNow is teruggekeerd zonder de state-parameter, dus het antwoord is niet betrouwbaar en is genegeerd.",
            next: "Kies Opnieuw proberen om opnieuw te beginnen.",
        },
        no_pending: ErrorText {
            title: "Er is geen aanmelding gestart vanuit dit tabblad",
            detail: "Er is een aanmeldingsantwoord binnengekomen, maar dit tabblad weet niet dat het een aanmelding heeft gestart (die is mogelijk in een ander tabblad gestart, of het tabblad is opnieuw geopend).",
            next: "Kies Opnieuw proberen om opnieuw te beginnen.",
        },
        code_missing: ErrorText {
            title: "Het aanmeldingsantwoord is onvolledig",
            detail: "ServiceNow is teruggekeerd zonder autorisatiecode.",
            next: "Kies Opnieuw proberen om opnieuw te beginnen.",
        },
        authorization_refused: ErrorText {
            title: "ServiceNow heeft de aanmeldingsaanvraag geweigerd",
            detail: "De instantie antwoordde: {detail}",
            next: "Controleer de client-ID en of de omleidings-URL die op de instantie is geregistreerd precies {redirect} is.",
        },
        invalid_grant: ErrorText {
            title: "ServiceNow heeft de aanmelding niet geaccepteerd",
            detail: "De instantie heeft de autorisatie afgewezen ({detail}). Codes zijn eenmalig bruikbaar en verlopen na een minuut.",
            next: "Kies Opnieuw proberen om opnieuw te beginnen.",
        },
        invalid_client: ErrorText {
            title: "De instantie kent deze client-ID niet",
            detail: "Het tokeneindpunt antwoordde: {detail}",
            next: "Vergelijk de client-ID met de OAuth-toepassing op de instantie en controleer of het een openbare client is.",
        },
        token_endpoint: ErrorText {
            title: "Het tokeneindpunt heeft de aanvraag geweigerd",
            detail: "De instantie antwoordde: {detail}",
            next: "Controleer de OAuth-toepassing op de instantie en probeer het opnieuw.",
        },
        token_blocked: ErrorText {
            title: "Uw browser mag het tokeneindpunt van de instantie niet lezen",
            detail: "De instantie antwoordde op {url}, maar staat de oorsprong van deze pagina ({origin}) niet toe het antwoord te lezen (CORS).",
            next: "Een beheerder stelt de systeemeigenschap glide.oauth.cors.allowed.origin in op {host} (de hostnaam van deze pagina; Australia-release en later; de eigenschap moet mogelijk eerst in sys_properties worden aangemaakt) of voert een token-URL in die naar een proxy met dezelfde oorsprong verwijst.",
        },
        api_blocked: ErrorText {
            title: "De instantie staat niet toe dat deze pagina de REST API gebruikt",
            detail: "De instantie antwoordde op {url}, maar zonder CORS-regel voor de oorsprong van deze pagina ({origin}).",
            next: "Een beheerder voegt voor {origin} een CORS-regel toe voor de Table API en de Aggregate API (Systeemwebservices > REST > CORS-regels) die X-Total-Count, Link en Retry-After beschikbaar stelt.",
        },
        page_policy: ErrorText {
            title: "Het Content-Security-Policy van deze pagina blokkeert {blocked}",
            detail: "De browser heeft het verzoek aan {blocked} niet verstuurd: de richtlijn {directive} in het Content-Security-Policy van deze pagina staat die oorsprong niet toe. De oorzaak ligt niet bij de instantie.",
            next: "Wie deze pagina publiceert, voegt {blocked} toe aan {directive} in het Content-Security-Policy (de HTTP-header en elke <meta http-equiv=\"Content-Security-Policy\">: elk beleid moet het toestaan), laadt de pagina opnieuw en probeert het nog eens.",
        },
        unreachable: ErrorText {
            title: "De instantie is niet bereikbaar",
            detail: "Er kwam geen antwoord van {url}.",
            next: "Controleer de naam van de instantie en uw netwerkverbinding en probeer het opnieuw.",
        },
        offline: ErrorText {
            title: "U bent offline",
            detail: "De browser meldt dat er geen netwerkverbinding is.",
            next: "Maak opnieuw verbinding met het netwerk en probeer het opnieuw. Niets wat u hebt ingevoerd, gaat verloren.",
        },
        unexpected: ErrorText {
            title: "De instantie gaf een onverwacht antwoord",
            detail: "{detail}",
            next: "Controleer het adres van de instantie en, als u er een hebt ingesteld, de token-URL.",
        },
        session_ended: ErrorText {
            title: "Uw ServiceNow-sessie is beëindigd",
            detail: "De instantie accepteert de tokens van deze sessie niet meer en ze konden niet worden vernieuwd.",
            next: "Kies Opnieuw aanmelden; uw concepten, deze pagina en uw instellingen blijven behouden.",
        },
        issuer_mismatch: ErrorText {
            title: "Het aanmeldingsantwoord kwam van een andere server",
            detail: "Deze pagina meldt zich aan bij {url}, maar het antwoord zegt dat het van {detail} komt. Er is geen autorisatiecode gebruikt.",
            next: "Controleer het adres van de instantie en kies daarna Opnieuw proberen.",
        },
        token_unavailable: ErrorText {
            title: "Het tokeneindpunt van de instantie is tijdelijk niet beschikbaar",
            detail: "De instantie antwoordde: {detail}",
            next: "snowcard heeft het twee keer geprobeerd. Probeer het zo opnieuw; niets wat u hebt ingevoerd gaat verloren.",
        },
        forbidden: ErrorText {
            title: "De ServiceNow-gebruiker mag dit niet doen",
            detail: "De instantie antwoordde: {detail}",
            next: "Geef de integratiegebruiker de rol itil (change_manager voor wijzigingsaanvragen) en probeer het opnieuw.",
        },
        rate_limited: ErrorText {
            title: "ServiceNow vraagt snowcard het rustiger aan te doen",
            detail: "De snelheidslimiet van de instantie is bereikt.",
            next: "snowcard probeert het over {seconds} opnieuw.",
        },
        server: ErrorText {
            title: "ServiceNow heeft een fout gemeld ({status})",
            detail: "{detail}",
            next: "Probeer het zo meteen opnieuw; als het probleem aanhoudt, kan een beheerder het systeemlogboek van de instantie controleren.",
        },
        storage_corrupt: ErrorText {
            title: "Opgeslagen verbindingsgegevens konden niet worden gelezen",
            detail: "Wat dit browsertabblad voor snowcard had opgeslagen, was onleesbaar en is gewist.",
            next: "Maak opnieuw verbinding.",
        },
        storage_unavailable: ErrorText {
            title: "De browser heeft het opslaan van de verbinding geweigerd",
            detail: "De sessieopslag is vol of uitgeschakeld voor deze pagina.",
            next: "Sta sitegegevens toe voor deze pagina (of verlaat de privémodus) en probeer het opnieuw.",
        },
        instance_not_allowed: ErrorText {
            title: "Deze pagina maakt geen verbinding met {url}",
            detail: "De pagina staat alleen {detail} toe. Er is niets naar {url} verzonden.",
            next: "Open de installatiepagina en voer een van de toegestane instanties in.",
        },
        token_url_not_allowed: ErrorText {
            title: "Deze pagina stuurt geen aanmeldingen naar {url}",
            detail: "De token-URL van deze sessie staat op {url}, dat niet de oorsprong van deze pagina of van de instantie is, en de code van de pagina stelt hem niet in. De token-URL ontvangt uw aanmelding, dus er is niets naar {url} verzonden.",
            next: "Open de installatiepagina en wijzig de token-URL in een pad zoals /servicenow/oauth_token.do of laat het veld leeg; een proxy elders kan alleen door de code van de pagina worden ingesteld.",
        },
        pending_expired: ErrorText {
            title: "Deze aanmelding duurde te lang",
            detail: "Ze is meer dan 10 minuten geleden gestart, dus het antwoord is niet gebruikt.",
            next: "Begin opnieuw: kies Opnieuw proberen en meld u binnen 10 minuten aan.",
        },
        redirected: ErrorText {
            title: "De aanvraag is omgeleid",
            detail: "{url} antwoordde met een omleiding; snowcard volgt geen omleidingen, dus er wordt nergens anders een token heen gestuurd.",
            next: "Controleer het adres van de instantie en de token-URL (beide moeten zelf antwoorden, niet omleiden) en probeer het opnieuw.",
        },
    },
    share: NL_SHARE,
    tickets: NL_TICKETS,
    manage: NL_MANAGE,
    status: NL_STATUS,
    microsoft: NL_MICROSOFT,
};
