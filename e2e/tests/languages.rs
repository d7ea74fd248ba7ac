//! End to end: every screen in every language, light and dark. On each screen axe-core finds
//! no accessibility violation, and in the non-English languages no English phrase of the
//! app's own is left (ServiceNow's records, Microsoft's improvement actions and product names
//! are data, and do not count).

use serde_json::Value;
use snowcard_e2e::locale::{english_left, english_words, Strings, LOCALES};
use snowcard_e2e::{World, DEMO_CLIENT_ID, USER};

const MFA: &str = "Require multifactor authentication for administrative roles";
const ALL_TICKETS_LOADED: &str = "return !document.querySelector('[aria-busy=\"true\"]');";

/// Walks the screens in one language and colour scheme, noting every problem.
struct Walk<'a> {
    world: &'a World,
    strings: Strings,
    english: &'a Strings,
    scheme: &'static str,
    problems: Vec<String>,
    screens: Vec<String>,
}

impl Walk<'_> {
    fn t(&self, key: &str) -> String {
        self.strings.get(key).to_owned()
    }

    /// Checks the screen now showing, named `screen` in the report.
    async fn check(&mut self, screen: &str) {
        let place = format!("{} {} {screen}", self.strings.tag, self.scheme);
        for violation in self.world.axe_violations().await {
            self.problems.push(format!("{place}: axe: {violation}"));
        }
        if self.strings.tag != "en" {
            let shown = screen_text(self.world).await;
            let data = data(self.world, self.english);
            let left = english_left(&shown, &self.strings, self.english, &data);
            if !left.is_empty() {
                self.problems
                    .push(format!("{place}: English left: {left:?}"));
            }
            // English no table has: a hard-coded sentence gives itself away by its little words.
            let words = english_words(&shown, &data);
            if !words.is_empty() {
                self.problems
                    .push(format!("{place}: English words: {words:?}"));
            }
        }
        self.screens.push(place);
    }

    async fn walk(&mut self) {
        let w = self.world;
        w.wait_for_text(&self.t("connect_card_title")).await;
        self.check("connection card").await;

        w.click(&self.t("connect_button")).await;
        w.wait_for_text(&self.t("setup_title")).await;
        self.check("setup").await;
        w.fill(&self.t("instance_label"), "").await;
        w.click(&self.t("authorize_button")).await;
        w.wait_for_text(&self.t("instance_required")).await;
        self.check("setup, with errors").await;

        // An instance that does not answer: the error panel, then the status page from it.
        w.fill(&self.t("instance_label"), "http://127.0.0.1:9")
            .await;
        w.fill(&self.t("client_id_label"), DEMO_CLIENT_ID).await;
        w.click(&self.t("authorize_button")).await;
        w.wait_for_text(&self.t("status.check_button")).await;
        self.check("error, instance unreachable").await;
        w.click(&self.t("status.check_button")).await;
        w.wait_for_text(&self.t("status.title")).await;
        w.wait_until_script("the checks end", ALL_TICKETS_LOADED)
            .await;
        self.check("connection status, signed out").await;
        w.click(&self.t("status.back")).await;
        w.click(&self.t("try_again")).await;
        w.wait_for_text(&self.t("setup_title")).await;

        // Declined on the consent page.
        self.sign_in("Deny").await;
        w.wait_for_text(&self.t("errors.access_denied.title")).await;
        self.check("error, access denied").await;
        w.click(&self.t("try_again")).await;
        w.wait_for_text(&self.t("setup_title")).await;
        self.sign_in("Allow").await;

        w.wait_for_text(&self.t("connected_title")).await;
        w.wait_for_text(&self.t("tickets.change_title")).await;
        w.wait_until_script("the cards load", ALL_TICKETS_LOADED)
            .await;
        self.check("home, connected").await;

        w.click(&self.t("share.show_actions")).await;
        w.wait_for_text(MFA).await;
        self.check("improvement actions").await;
        w.share_action(MFA, &self.t("share.share_to_servicenow"))
            .await;
        w.wait_for_text(&self.t("share.form_title")).await;
        self.check("share form").await;
        // Only a space: the name is empty once trimmed.
        w.fill(&self.t("share.name_label"), " ").await;
        w.click(&self.t("share.send_button")).await;
        w.wait_for_text(&self.t("share.name_missing")).await;
        self.check("share form, with errors").await;
        w.fill(&self.t("share.name_label"), MFA).await;
        w.click(&self.t("share.send_button")).await;
        // From the second language on, the ticket of the first is found open.
        let (sent, duplicate) = (self.t("share.sent_title"), self.t("share.duplicate_title"));
        w.wait_until_script(
            "the ticket or the open one",
            &format!(
                "return [{sent:?}, {duplicate:?}].some(t => document.body.innerText.includes(t));"
            ),
        )
        .await;
        if w.text().await.contains(&duplicate) {
            self.check("open ticket found").await;
            w.click(&self.t("share.create_anyway")).await;
        }
        w.wait_for_text(&sent).await;
        self.check("ticket created").await;
        w.click(&self.t("share.back_to_actions")).await;
        w.click(&self.t("share.back_home")).await;

        w.click(&self.t("tickets.view_all")).await;
        w.wait_for_text(&self.t("tickets.list_title")).await;
        w.wait_until_script("the list loads", ALL_TICKETS_LOADED)
            .await;
        self.check("all tickets").await;
        w.click(&self.t("tickets.back_home")).await;

        w.click(&self.t("status.open_button")).await;
        w.wait_for_text(&self.t("status.title")).await;
        w.wait_until_script("the checks end", ALL_TICKETS_LOADED)
            .await;
        self.check("connection status, signed in").await;
        w.click(&self.t("status.back")).await;

        w.click(&self.t("manage.open_button")).await;
        w.wait_for_text(&self.t("manage.title")).await;
        w.wait_until_script("the states load", ALL_TICKETS_LOADED)
            .await;
        self.check("manage configuration").await;
        w.click(&self.t("manage.remove_button")).await;
        w.wait_for_text(&self.t("manage.confirm_title")).await;
        self.check("remove dialog").await;
        w.click(&self.t("manage.confirm_remove")).await;
        w.wait_for_text(&self.t("manage.removed_revoked")).await;
        self.check("connection removed").await;
    }

    /// From the setup page: fills it, authorizes, signs in at the sandbox if asked, and
    /// answers its consent page with `decision`.
    async fn sign_in(&self, decision: &str) {
        let w = self.world;
        w.fill(&self.t("instance_label"), &w.sandbox.url()).await;
        w.fill(&self.t("client_id_label"), DEMO_CLIENT_ID).await;
        w.click(&self.t("authorize_button")).await;
        w.wait_until_script(
            "the sandbox's sign-in or consent page",
            "return /Log in|Allow/.test(document.body.innerText);",
        )
        .await;
        if w.text().await.contains("Log in") {
            w.fill("User name", USER.0).await;
            w.fill("Password", USER.1).await;
            w.click("Log in").await;
        }
        w.click(decision).await;
    }
}

/// What a person sees or hears on the page: its text, what its fields hold, and the names
/// and hints that are attributes (aria-label, placeholder, title, alt).
async fn screen_text(world: &World) -> String {
    let value = world
        .run_script(
            r#"const parts = [document.body.innerText];
               for (const field of document.querySelectorAll('input:not([type=hidden]), textarea')) {
                 parts.push(field.value);
               }
               for (const el of document.querySelectorAll('[aria-label],[placeholder],[title],[alt]')) {
                 for (const a of ['aria-label', 'placeholder', 'title', 'alt']) {
                   if (el.hasAttribute(a)) parts.push(el.getAttribute(a));
                 }
               }
               return parts.join('\n');"#,
            vec![],
        )
        .await;
    value.as_str().unwrap_or_default().to_owned()
}

/// Text that is data, not the app's own words: every string field of the sandbox's records
/// and users, and of the improvement action catalog, and the instance's address.
fn data(world: &World, english: &Strings) -> Vec<String> {
    let mut data = vec![world.instance_label(), world.sandbox.url()];
    // The sandbox is an English-speaking instance: the display values of states and
    // priorities it sends (in ticket rows, counts and the instance's own state list) are its
    // words, as a Japanese instance's would be Japanese.
    for (table, count) in [
        ("tickets.change_states", 8),
        ("tickets.incident_states", 6),
        ("share.priorities", 5),
    ] {
        data.extend((0..count).map(|i| english.get(&format!("{table}.{i}")).to_owned()));
    }
    for table in ["incident", "change_request", "sys_user", "sys_choice"] {
        for record in world.sandbox.control().records(table) {
            data.extend(record.values().filter_map(Value::as_str).map(str::to_owned));
        }
    }
    let catalog = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../www/catalog/secure-score-actions.json"),
    )
    .expect("the catalog");
    let catalog: Value = serde_json::from_str(&catalog).expect("JSON");
    // Only the fields the app shows as they come; categories and the like are the app's to
    // translate, so they stay subject to the check.
    for action in catalog["value"].as_array().into_iter().flatten() {
        for field in [
            "id",
            "title",
            "remediation",
            "remediationImpact",
            "actionUrl",
            "service",
        ] {
            if let Some(text) = action[field].as_str() {
                data.push(text.to_owned());
            }
        }
    }
    data
}

/// Chooses `tag` from the language menu, which is labelled in the language now showing.
async fn choose_language(world: &World, showing: &Strings, tag: &str) {
    let endonym = match tag {
        "en" => "English",
        "ja" => "日本語",
        "zh-TW" => "繁體中文",
        "sv" => "Svenska",
        _ => "Nederlands",
    };
    world.select(showing.get("language_label"), endonym).await;
    world
        .wait_until_script(
            &format!("the page to speak {tag}"),
            &format!("return document.querySelector('.snowcard').lang === '{tag}';"),
        )
        .await;
}

async fn every_screen_in_every_language(dark: bool) {
    let world = World::start().await;
    world.open_app().await;
    world.prefer_dark(dark).await;
    // The checker itself: an image without a text alternative is a violation it reports.
    world
        .run_script(
            "const i = document.createElement('img'); i.id = 'probe'; i.src = 'data:,'; document.body.append(i);",
            vec![],
        )
        .await;
    let found = world.axe_violations().await;
    assert!(
        found.iter().any(|v| v.starts_with("image-alt")),
        "axe missed it: {found:?}"
    );
    world
        .run_script("document.getElementById('probe').remove();", vec![])
        .await;
    let english = Strings::of("en");
    let (mut problems, mut screens) = (Vec::new(), Vec::new());
    let mut showing = Strings::of("en");
    for tag in LOCALES {
        let strings = Strings::of(tag);
        choose_language(&world, &showing, tag).await;
        let mut walk = Walk {
            world: &world,
            strings: strings.clone(),
            english: &english,
            scheme: if dark { "dark" } else { "light" },
            problems: Vec::new(),
            screens: Vec::new(),
        };
        walk.walk().await;
        problems.append(&mut walk.problems);
        screens.append(&mut walk.screens);
        showing = strings;
    }
    println!("checked {} screens: {screens:#?}", screens.len());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // 16 screens in each language, and the open ticket found from the second language on.
    assert_eq!(screens.len(), 5 * 16 + 4, "every screen of every language");
    world.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_in_every_language_light() {
    every_screen_in_every_language(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_in_every_language_dark() {
    every_screen_in_every_language(true).await;
}
