//! Swedish strings of the connection flow, and the Swedish locale table.

mod manage;
mod microsoft;
mod share;
mod status;
mod tickets;

use crate::i18n::{ErrorText, ErrorTexts, Locale, Plural, Texts};
use manage::SV_MANAGE;
use microsoft::SV_MICROSOFT;
use share::SV_SHARE;
use status::SV_STATUS;
use tickets::SV_TICKETS;

pub const SV: Texts = Texts {
    locale: Locale::Sv,
    app_name: "snowcard",
    language_label: "Språk",
    address_unknown: "Adressen leder inte till någon sida i snowcard, så startsidan visas. Kontrollera länken eller börja härifrån.",
    action_unknown: "Förbättringsåtgärden i adressen finns inte i listan, så listan visas. Sök efter den eller importera din egen export.",
    colon: ": ",
    connect_card_title: "Använder du ServiceNow?",
    connect_card_body: "Skicka förbättringsåtgärder till ServiceNow som ändringsbegäranden eller incidenter och följ ärendena här.",
    connect_button: "Anslut till ServiceNow",

    setup_title: "Inställningar för ServiceNow",
    setup_intro: "snowcard ansluter webbläsaren direkt till din ServiceNow-instans med OAuth 2.0 och PKCE. Ingen klienthemlighet används, och ingen annan server ser någonsin dina token.",
    instance_label: "Instans",
    instance_hint: "Instansens namn (acme), värdnamn (acme.service-now.com) eller adress (https://acme.service-now.com).",
    client_id_label: "Klient-ID",
    client_id_hint: "Klient-ID för det OAuth-program som har registrerats för snowcard på instansen.",
    advanced_label: "Avancerat",
    token_url_label: "Token-URL",
    token_url_hint: "Lämna tomt om inte instansen är äldre än Australia-versionen: ange i så fall adressen till en proxy med samma ursprung för /oauth_token.do.",
    redirect_label: "Omdirigerings-URL att registrera",
    redirect_hint: "Registrera exakt den här adressen som OAuth-programmets omdirigerings-URL.",
    copy_button: "Kopiera",
    copied: "Omdirigerings-URL:en har kopierats.",
    copy_failed: "Webbläsaren tillät inte kopiering; markera adressen och kopiera den manuellt.",
    checklist_title: "Det här konfigurerar en administratör först på instansen",
    checklist: [
        "Registrerar snowcard som OAuth-klient: Konsol för maskinidentiteter > Inkommande integreringar > OAuth-beviljande med auktoriseringskod, med ”Det här är en offentlig klient” markerat (eller System OAuth > Programregister > Skapa en OAuth API-slutpunkt för externa klienter, med PKCE som krav).",
        "Ställer in dess omdirigerings-URL på {redirect}",
        "Lägger till en CORS-regel (Systemwebbtjänster > REST > CORS-regler) för Table API och Aggregate API: domän {origin}, metoderna GET, POST och PATCH, tillåtna huvuden Authorization, Content-Type, Accept, exponerade huvuden X-Total-Count, Link, Retry-After.",
        "Ställer in systemegenskapen glide.oauth.cors.allowed.origin på {host} (den här sidans värdnamn; Australia-versionen och senare; egenskapen kan behöva skapas i sys_properties först) eller konfigurerar en proxy med samma ursprung för tokenslutpunkten.",
        "Ger integrationsanvändaren rollen itil (och change_manager för att skapa ändringsbegäranden).",
    ],
    data_title: "Det här lämnar webbläsaren",
    data_items: [
        "Du loggar in på instansens egen sida; snowcard ser aldrig något lösenord.",
        "Token skickas bara till instansen och sparas i den här flikens sessionslagring tills du stänger fliken.",
        "Ärenden som du skapar innehåller förbättringsåtgärdens rubrik, beskrivning, prioritet, förfallodatum, kategori och den beställare du anger.",
        "Ingenting skickas någon annanstans än till den instans du anger här.",
    ],
    data_tokens_memory: "Token skickas bara till instansen och sparas bara i den här sidans minne, aldrig i lagringen: om du läser in sidan igen eller lämnar den loggas du ut.",
    storage_memory_notice: "Den här webbläsaren låter inte snowcard använda sessionslagring här, så allt sparas i den här sidans minne: om du läser in sidan igen loggas du ut och det du har skrivit försvinner. Tillåt webbplatsdata för den här sidan för att logga in.",
    dismiss: "Stäng",
    authorize_button: "Auktorisera",
    back_button: "Tillbaka",
    required_mark: "(obligatoriskt)",

    instance_required: "Ange instansen, till exempel acme eller acme.service-now.com.",
    instance_insecure: "Använd en https://-adress; vanlig http tillåts bara för den här datorn (localhost).",
    instance_scheme: "Använd en https://-adress, till exempel https://acme.service-now.com.",
    instance_credentials: "Ta bort användarnamnet och lösenordet från adressen; du loggar in på instansens sida.",
    instance_invalid: "Det här är varken ett instansnamn eller en adress. Ange till exempel acme eller https://acme.service-now.com.",
    client_id_required: "Ange klient-ID för det OAuth-program som har registrerats för snowcard.",
    client_id_spaces: "Ett klient-ID innehåller inga blanksteg; kopiera det igen från instansen.",
    token_url_invalid: "Ange en fullständig https://-adress som token-URL eller lämna fältet tomt.",
    token_url_origin: "Token-URL:en tar emot din inloggning och måste därför ligga på den här sidans ursprung eller instansens. Ange en sökväg som /servicenow/oauth_token.do eller lämna fältet tomt; en proxy någon annanstans kan bara anges av sidans kod.",
    instance_not_allowed: "Den här sidan ansluter bara till {allowed}. Ange en av dessa instanser.",
    sign_in_at: "Du loggar in på {host}.",
    fix_fields: "Rätta fälten som är markerade nedan och välj sedan Auktorisera.",

    checking_instance: "Kontrollerar att instansen svarar…",
    redirecting: "Öppnar instansens inloggningssida…",
    completing: "Slutför anslutningen till ServiceNow…",
    loading_user: "Ansluten; söker efter din ServiceNow-användare…",
    connected_title: "ServiceNow",
    connecting_title: "Ansluter till ServiceNow",
    connected_as: "Ansluten till {instance} som {user}",
    connected_to: "Ansluten till {instance}",
    token_renews: "Inloggad till kl. {time}. snowcard förnyar sessionen automatiskt medan den här fliken är öppen.",

    seconds: Plural {
        one: "{count} sekund",
        other: "{count} sekunder",
    },
    try_again: "Försök igen",
    reconnect: "Anslut igen",
    sign_in_again: "Logga in igen",
    session_ends: "Sessionen upphör kl. {time}. Instansen ger den här inloggningen ingen uppdateringstoken, så snowcard kan inte förnya den: logga in igen då. Utkast, den här sidan och dina inställningar behålls.",
    session_ending_title: "Din ServiceNow-session upphör kl. {time}",
    session_ending_body: "Logga in igen nu för att fortsätta utan avbrott; dina utkast, den här sidan och dina inställningar behålls.",
    error_prefix: "Fel:",
    errors: ErrorTexts {
        access_denied: ErrorText {
            title: "Åtkomst nekades",
            detail: "Begäran avböjdes på ServiceNows medgivandesida, så snowcard har ingen åtkomst till instansen.",
            next: "Om du vill ansluta väljer du Försök igen och sedan Tillåt på instansens medgivandesida.",
        },
        state_mismatch: ErrorText {
            title: "Det här inloggningssvaret har inte begärts av den här sidan",
            detail: "Dess state-parameter stämmer inte med den som den här fliken skickade, så svaret ignorerades av säkerhetsskäl. Det kan komma från en annan flik eller en gammal länk.",
            next: "Välj Försök igen för att börja om.",
        },
        state_missing: ErrorText {
            title: "Inloggningssvaret är ofullständigt",
            detail: "ServiceNow svarade utan state-parametern, så svaret går inte att lita på och ignorerades.",
            next: "Välj Försök igen för att börja om.",
        },
        no_pending: ErrorText {
            title: "Ingen inloggning har startats från den här fliken",
            detail: "Ett inloggningssvar kom, men den här fliken har ingen uppgift om att ha startat någon inloggning (den kan ha startats i en annan flik, eller så har fliken öppnats på nytt).",
            next: "Välj Försök igen för att börja om.",
        },
        code_missing: ErrorText {
            title: "Inloggningssvaret är ofullständigt",
            detail: "ServiceNow svarade utan någon auktoriseringskod.",
            next: "Välj Försök igen för att börja om.",
        },
        authorization_refused: ErrorText {
            title: "ServiceNow avvisade inloggningsbegäran",
            detail: "Instansen svarade: {detail}",
            next: "Kontrollera klient-ID:t och att den omdirigerings-URL som har registrerats på instansen är exakt {redirect}.",
        },
        invalid_grant: ErrorText {
            title: "ServiceNow godkände inte inloggningen",
            detail: "Instansen avvisade auktoriseringen ({detail}). Koder kan bara användas en gång och upphör att gälla efter en minut.",
            next: "Välj Försök igen för att börja om.",
        },
        invalid_client: ErrorText {
            title: "Instansen känner inte till det här klient-ID:t",
            detail: "Tokenslutpunkten svarade: {detail}",
            next: "Jämför klient-ID:t med OAuth-programmet på instansen och kontrollera att det är en offentlig klient.",
        },
        token_endpoint: ErrorText {
            title: "Tokenslutpunkten avvisade begäran",
            detail: "Instansen svarade: {detail}",
            next: "Kontrollera OAuth-programmet på instansen och försök sedan igen.",
        },
        token_blocked: ErrorText {
            title: "Webbläsaren får inte läsa instansens tokenslutpunkt",
            detail: "Instansen svarade på {url}, men tillåter inte den här sidans ursprung ({origin}) att läsa svaret (CORS).",
            next: "En administratör ställer in systemegenskapen glide.oauth.cors.allowed.origin på {host} (den här sidans värdnamn; Australia-versionen och senare; egenskapen kan behöva skapas i sys_properties först) eller anger en token-URL som pekar på en proxy med samma ursprung.",
        },
        api_blocked: ErrorText {
            title: "Instansen låter inte den här sidan använda sitt REST API",
            detail: "Instansen svarade på {url}, men utan någon CORS-regel för den här sidans ursprung ({origin}).",
            next: "En administratör lägger till en CORS-regel för Table API och Aggregate API för {origin} (Systemwebbtjänster > REST > CORS-regler) som exponerar X-Total-Count, Link och Retry-After.",
        },
        page_policy: ErrorText {
            title: "Sidans Content-Security-Policy blockerar {blocked}",
            detail: "Webbläsaren skickade inte begäran till {blocked}: direktivet {directive} i sidans Content-Security-Policy tillåter inte det ursprunget. Felet ligger inte i instansen.",
            next: "Den som publicerar sidan lägger till {blocked} i {directive} i dess Content-Security-Policy (HTTP-huvudet och varje <meta http-equiv=\"Content-Security-Policy\">: varje policy måste tillåta det), läser sedan in sidan igen och försöker på nytt.",
        },
        unreachable: ErrorText {
            title: "Det gick inte att nå instansen",
            detail: "Inget svar från {url}.",
            next: "Kontrollera instansnamnet och nätverksanslutningen och försök sedan igen.",
        },
        offline: ErrorText {
            title: "Du är offline",
            detail: "Webbläsaren rapporterar att det inte finns någon nätverksanslutning.",
            next: "Anslut till nätverket igen och försök sedan igen. Inget av det du har angett går förlorat.",
        },
        unexpected: ErrorText {
            title: "Instansen gav ett oväntat svar",
            detail: "{detail}",
            next: "Kontrollera instansens adress och, om du har angett en, token-URL:en.",
        },
        session_ended: ErrorText {
            title: "Din ServiceNow-session har upphört",
            detail: "Instansen godkänner inte längre sessionens token, och de kunde inte förnyas.",
            next: "Välj Logga in igen; dina utkast, den här sidan och dina inställningar behålls.",
        },
        issuer_mismatch: ErrorText {
            title: "Inloggningssvaret kom från en annan server",
            detail: "Den här sidan loggar in på {url}, men svaret säger att det kommer från {detail}. Ingen auktoriseringskod användes.",
            next: "Kontrollera instansens adress och välj sedan Försök igen.",
        },
        token_unavailable: ErrorText {
            title: "Instansens tokenslutpunkt är inte tillgänglig för tillfället",
            detail: "Instansen svarade: {detail}",
            next: "snowcard försökte två gånger. Försök igen om en stund; inget du har angett går förlorat.",
        },
        forbidden: ErrorText {
            title: "ServiceNow-användaren har inte behörighet att göra det här",
            detail: "Instansen svarade: {detail}",
            next: "Ge integrationsanvändaren rollen itil (change_manager för ändringsbegäranden) och försök sedan igen.",
        },
        rate_limited: ErrorText {
            title: "ServiceNow ber snowcard att sakta ner",
            detail: "Instansens hastighetsbegränsning har nåtts.",
            next: "snowcard försöker igen om {seconds}.",
        },
        server: ErrorText {
            title: "ServiceNow rapporterade ett fel ({status})",
            detail: "{detail}",
            next: "Försök igen om en stund; om felet kvarstår kan en administratör kontrollera instansens systemlogg.",
        },
        storage_corrupt: ErrorText {
            title: "Sparade anslutningsdata kunde inte läsas",
            detail: "Det som den här webbläsarfliken hade sparat för snowcard gick inte att läsa och har rensats.",
            next: "Anslut igen.",
        },
        storage_unavailable: ErrorText {
            title: "Webbläsaren vägrade spara anslutningen",
            detail: "Sessionslagringen är full eller inaktiverad för den här sidan.",
            next: "Tillåt webbplatsdata för den här sidan (eller lämna privat surfning) och försök sedan igen.",
        },
        instance_not_allowed: ErrorText {
            title: "Den här sidan ansluter inte till {url}",
            detail: "Sidan tillåter bara {detail}. Inget skickades till {url}.",
            next: "Öppna inställningssidan och ange en av de tillåtna instanserna.",
        },
        token_url_not_allowed: ErrorText {
            title: "Den här sidan skickar inte inloggningar till {url}",
            detail: "Sessionens token-URL ligger på {url}, som varken är den här sidans ursprung eller instansens, och sidans kod anger den inte. Token-URL:en tar emot din inloggning, så inget skickades till {url}.",
            next: "Öppna inställningssidan och ändra token-URL:en till en sökväg som /servicenow/oauth_token.do eller lämna fältet tomt; en proxy någon annanstans kan bara anges av sidans kod.",
        },
        pending_expired: ErrorText {
            title: "Inloggningen tog för lång tid",
            detail: "Den startades för mer än 10 minuter sedan, så dess svar användes inte.",
            next: "Börja om: välj Försök igen och logga in inom 10 minuter.",
        },
        redirected: ErrorText {
            title: "Begäran omdirigerades",
            detail: "{url} svarade med en omdirigering; snowcard följer inga omdirigeringar, så ingen token skickas någon annanstans.",
            next: "Kontrollera instansens adress och token-URL:en (båda måste svara själva, inte omdirigera) och försök sedan igen.",
        },
    },
    share: SV_SHARE,
    tickets: SV_TICKETS,
    manage: SV_MANAGE,
    status: SV_STATUS,
    microsoft: SV_MICROSOFT,
};
