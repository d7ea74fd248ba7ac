//! Realistic seed records: incidents and change requests in varied states and
//! priorities, in several languages, a few shared by snowcard, and one HTML/script
//! injection attempt.

/// (short description, description, state, impact, urgency, days ago, opened by, snowcard id)
pub type Seed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static str,
);

pub const INCIDENTS: &[Seed] = &[
    ("Email database outage", "Exchange mailbox database is offline for the Stockholm office.", "2", "1", "1", 1, "beth.anglin", ""),
    ("VPN disconnects every 10 minutes", "Remote staff lose the VPN tunnel roughly every 10 minutes since Monday.", "1", "1", "2", 2, "beth.anglin", ""),
    ("Outlook crashes when opening a shared calendar", "Happens for three users in Finance.", "2", "2", "2", 3, "beth.anglin", ""),
    ("メールサーバーに接続できません", "東京オフィスの全員が朝からメールを送受信できません。", "1", "2", "1", 4, "beth.anglin", ""),
    ("Skrivaren på våning 3 skriver ut tomma sidor", "Skrivaren vid köket skriver ut tomma sidor sedan i går.", "3", "3", "2", 5, "beth.anglin", ""),
    ("Wachtwoord opnieuw instellen lukt niet via het portaal", "De reset-link in de e-mail geeft een foutmelding.", "6", "3", "3", 6, "beth.anglin", ""),
    ("无法访问共享驱动器", "上海办公室的用户无法打开 S: 共享驱动器。", "2", "2", "2", 7, "beth.anglin", ""),
    ("<img src=x onerror=alert(1)> Printer queue stuck", "<script>alert('xss')</script><b>bold?</b> & \"quotes\"", "1", "3", "3", 8, "beth.anglin", ""),
    ("Enable MFA for all administrative accounts", "Secure Score: Ensure multifactor authentication is enabled for all users in administrative roles.", "1", "1", "2", 9, "snowcard.integration", "AdminMFAV2"),
    ("Block legacy authentication", "Secure Score: Enable policy to block legacy authentication.", "2", "2", "2", 10, "snowcard.integration", "BlockLegacyAuthentication"),
    ("Laptop battery swelling", "The battery of a ThinkPad T14 is visibly swollen.", "7", "2", "1", 20, "admin", ""),
    ("Duplicate: cannot log in to Teams", "Duplicate of an existing incident.", "8", "3", "3", 25, "admin", ""),
];

pub const CHANGES: &[Seed] = &[
    (
        "Upgrade Exchange Online connectors",
        "Move the inbound connectors to TLS 1.2 only.",
        "-5",
        "3",
        "3",
        1,
        "admin",
        "",
    ),
    (
        "Turn on Safe Links for Office 365 apps",
        "Secure Score: Turn on Safe Links for Office applications.",
        "-4",
        "2",
        "2",
        2,
        "snowcard.integration",
        "mdo_safelinksforOfficeApps",
    ),
    (
        "Emergency firmware patch for the VPN gateway",
        "Vendor advisory: apply the hotfix tonight.",
        "-1",
        "1",
        "1",
        3,
        "admin",
        "",
    ),
    (
        "Add user to the finance distribution list",
        "Standard change from the catalog.",
        "3",
        "3",
        "3",
        12,
        "beth.anglin",
        "",
    ),
    (
        "Migrera filservern till SharePoint",
        "Flytta avdelningsmapparna från FS01 till SharePoint Online.",
        "-2",
        "2",
        "3",
        4,
        "admin",
        "",
    ),
    (
        "データセンターのファイアウォール規則を更新",
        "不要になった受信ルールを削除します。",
        "-3",
        "2",
        "2",
        5,
        "admin",
        "",
    ),
    (
        "Require MFA for Azure management",
        "Secure Score: Ensure multifactor authentication is enabled for Azure management.",
        "0",
        "2",
        "3",
        6,
        "snowcard.integration",
        "AzureManagementMFA",
    ),
    (
        "Decommission the old print server",
        "Replaced by universal print.",
        "4",
        "3",
        "3",
        30,
        "admin",
        "",
    ),
];

pub const CHANGE_TYPES: &[&str] = &[
    "normal",
    "normal",
    "emergency",
    "standard",
    "normal",
    "normal",
    "normal",
    "normal",
];
