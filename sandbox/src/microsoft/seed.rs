//! The tenant's Secure Score data: the 30 realistic control profiles of the bundled
//! catalog (`www/catalog/secure-score-actions.json`) plus generated ones that look like a
//! real tenant's (distinct titles, every category and service, scores, ranks, user impact,
//! implementation cost, some deprecated, some with `controlStateUpdates`), and one
//! `secureScore` a day whose `controlScores` join to the profiles by `controlName`.
//! Shapes: api-reference/v1.0/resources/securescorecontrolprofile.md, securescore.md,
//! controlscore.md, securityvendorinformation.md.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use chrono::{Duration, Utc};
use serde_json::{json, Value};

use super::seed_data::{action_url, threats, CONTROLS, SETTINGS, SOFTWARE};
use super::seed_more;

const CATALOG: &str = include_str!("../../../www/catalog/secure-score-actions.json");

/// The profiles and 90 days of scores for a tenant, built once per process (tests start
/// many instances): the profiles are copied, as a PATCH changes them; the scores shared.
pub fn cached(tenant_id: &str) -> (Vec<Value>, Arc<Vec<Value>>) {
    cached_sized(tenant_id, None)
}

/// [`cached`] for a tenant of `count` profiles (`None`: the seed's own number): the seed's
/// first, then [`more`] generated the same way, at most [`max_profiles`].
pub fn cached_sized(tenant_id: &str, count: Option<usize>) -> (Vec<Value>, Arc<Vec<Value>>) {
    type Seed = (String, Option<usize>, Vec<Value>, Arc<Vec<Value>>);
    static SEED: OnceLock<Mutex<Vec<Seed>>> = OnceLock::new();
    let cache = SEED.get_or_init(|| Mutex::new(Vec::new()));
    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
    let same = |(t, n, _, _): &&Seed| t == tenant_id && *n == count;
    if let Some((_, _, profiles, scores)) = cache.iter().find(same) {
        return (profiles.clone(), Arc::clone(scores));
    }
    let profiles = match count {
        None => profiles(tenant_id),
        Some(count) => {
            let mut all = build(tenant_id, generated().chain(more()));
            all.truncate(count);
            all
        }
    };
    let scores = Arc::new(scores(tenant_id, &profiles, 90));
    let entry = (
        tenant_id.to_owned(),
        count,
        profiles.clone(),
        Arc::clone(&scores),
    );
    cache.push(entry);
    (profiles, scores)
}

/// How many profiles a tenant can be sized to: the seed's and every [`more`] one.
pub fn max_profiles() -> usize {
    static MAX: OnceLock<usize> = OnceLock::new();
    *MAX.get_or_init(|| build("t", generated().chain(more())).len())
}

/// A deterministic spread of values from an index (SplitMix64).
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn pick<'a>(options: &[&'a str], seed: u64) -> &'a str {
    let len = u64::try_from(options.len()).unwrap_or(1).max(1);
    options[usize::try_from(seed % len).unwrap_or(0)]
}

fn vendor() -> Value {
    json!({ "provider": "SecureScore", "providerVersion": null, "subProvider": null, "vendor": "Microsoft" })
}

/// Every control profile, the catalog's first, in rank order.
pub fn profiles(tenant_id: &str) -> Vec<Value> {
    build(tenant_id, generated())
}

/// (service, category, title, id) of a generated profile.
type Generated = (&'static str, &'static str, String, String);

/// The seed's generated profiles: baseline settings, software updates, other controls.
fn generated() -> impl Iterator<Item = Generated> {
    SETTINGS
        .iter()
        .enumerate()
        .map(|(i, (setting, value))| setting_profile(2000 + i, setting, value))
        .chain(
            SOFTWARE
                .iter()
                .enumerate()
                .map(|(i, product)| update_profile(6000 + i, product)),
        )
        .chain(CONTROLS.iter().map(|(service, category, title)| {
            (
                *service,
                *category,
                (*title).to_owned(),
                slug(service, title),
            )
        }))
}

/// Past the seed, for a larger tenant: the rest of the baseline, then more software.
fn more() -> impl Iterator<Item = Generated> {
    let firewall = seed_more::FIREWALL_PROFILES.iter().flat_map(|profile| {
        seed_more::FIREWALL_SETTINGS
            .iter()
            .map(move |(setting, value)| {
                (format!("Windows Firewall: {profile}: {setting}"), *value)
            })
    });
    let audit = seed_more::AUDIT_SUBCATEGORIES
        .iter()
        .map(|(subcategory, value)| (format!("Audit {subcategory}"), *value));
    let templates = seed_more::TEMPLATE_SETTINGS
        .iter()
        .map(|(setting, value)| ((*setting).to_owned(), *value));
    firewall
        .chain(audit)
        .chain(templates)
        .enumerate()
        .map(|(i, (setting, value))| setting_profile(4000 + i, &setting, value))
        .chain(
            seed_more::SOFTWARE
                .iter()
                .enumerate()
                .map(|(i, product)| update_profile(7000 + i, product)),
        )
}

fn setting_profile(scid: usize, setting: &str, value: &str) -> Generated {
    let title = format!("Set '{setting}' to '{value}'");
    ("MDATP", "Device", title, format!("scid_{scid}"))
}

fn update_profile(scid: usize, product: &str) -> Generated {
    let title = format!("Update {product}");
    ("MDATP", "Device", title, format!("scid_{scid}"))
}

/// The catalog's profiles, then each `generated` one whose title is new, ranked in order.
fn build(tenant_id: &str, generated: impl Iterator<Item = Generated>) -> Vec<Value> {
    let catalog: Value = serde_json::from_str(CATALOG).unwrap_or_else(|_| json!({ "value": [] }));
    let mut out: Vec<Value> = catalog["value"].as_array().cloned().unwrap_or_default();
    for profile in &mut out {
        profile["azureTenantId"] = tenant_id.into();
    }
    let mut titles: Vec<String> = out
        .iter()
        .filter_map(|p| p["title"].as_str().map(str::to_lowercase))
        .collect();
    let mut ids: Vec<String> = out
        .iter()
        .filter_map(|p| p["id"].as_str().map(str::to_owned))
        .collect();
    for (service, category, title, mut id) in generated {
        if titles.contains(&title.to_lowercase()) {
            continue;
        }
        // Two titles can share their first words: the later one gets a number.
        let base = id.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        ids.push(id.clone());
        titles.push(title.to_lowercase());
        let rank = out.len() + 1;
        out.push(generate(tenant_id, rank, service, category, &title, &id));
    }
    out
}

fn slug(service: &str, title: &str) -> String {
    let words: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let words: Vec<&str> = words.split('_').filter(|w| !w.is_empty()).take(7).collect();
    format!("{}_{}", service.to_lowercase(), words.join("_"))
}

fn generate(
    tenant_id: &str,
    rank: usize,
    service: &str,
    category: &str,
    title: &str,
    id: &str,
) -> Value {
    let seed = mix(rank as u64);
    let levels = ["Low", "Moderate", "High"];
    let max_score = match id.starts_with("scid_2") {
        true => 1 + seed % 3,
        false => 1 + seed % 10,
    };
    let review = title.starts_with("Review");
    let days_ago = i64::try_from(seed % 400).unwrap_or(0) + 3;
    let modified = (Utc::now() - Duration::days(days_ago))
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    json!({
        "id": id,
        "azureTenantId": tenant_id,
        "actionType": if review { "Review" } else { "Config" },
        "actionUrl": action_url(service),
        "controlCategory": category,
        "title": title,
        "deprecated": rank % 17 == 0,
        "implementationCost": pick(&levels, seed >> 8),
        "lastModifiedDateTime": modified,
        "maxScore": max_score as f64,
        "rank": rank,
        "remediation": remediation(service, title),
        "remediationImpact": pick(&[
            "Users are not affected by this change.",
            "Some users may be prompted to take an extra step the next time they sign in.",
            "Applications that depend on the old behaviour must be updated before the change.",
            "Administrators must review exceptions before the setting is applied everywhere.",
        ], seed >> 16),
        "service": service,
        "threats": threats(category),
        "tier": pick(&["Core", "Core", "DefenseInDepth", "Advanced"], seed >> 24),
        "userImpact": pick(&levels, seed >> 32),
        "complianceInformation": [],
        "controlStateUpdates": state_updates(rank, &modified),
        "vendorInformation": vendor(),
    })
}

fn remediation(service: &str, title: &str) -> String {
    match service {
        "MDATP" if title.starts_with("Update ") => format!(
            "{title} to the latest version on every exposed device. Defender Vulnerability Management lists the devices and the versions they run."
        ),
        "MDATP" | "Intune" => format!(
            "{title} with an Intune configuration profile or Group Policy, first on a pilot group of devices, then on all of them."
        ),
        "MDC" => format!("In Microsoft Defender for Cloud, open the recommendation \"{title}\" and remediate the unhealthy resources it lists."),
        _ => format!("{title}. Follow the implementation steps on the improvement action in the Microsoft Defender portal."),
    }
}

/// Some profiles carry an analyst's decision: risk accepted (`Ignored`), resolved through
/// a third party (`ThirdParty`) or `Reviewed`.
fn state_updates(rank: usize, when: &str) -> Value {
    let (state, comment, by) = match rank % 11 {
        0 => (
            "Ignored",
            "Risk accepted by the security board until the next review.",
            "megan.bowen@contoso.onmicrosoft.com",
        ),
        4 => (
            "ThirdParty",
            "Covered by the third-party endpoint protection suite.",
            "adele.vance@contoso.onmicrosoft.com",
        ),
        7 => (
            "Reviewed",
            "Reviewed with the infrastructure team.",
            "adele.vance@contoso.onmicrosoft.com",
        ),
        _ => return json!([]),
    };
    json!([{
        "assignedTo": "",
        "comment": comment,
        "state": state,
        "updatedBy": by,
        "updatedDateTime": when,
    }])
}

/// The latest state of a profile (`Default` without updates).
pub fn state_of(profile: &Value) -> &str {
    profile["controlStateUpdates"]
        .as_array()
        .and_then(|u| u.last())
        .and_then(|u| u["state"].as_str())
        .unwrap_or("Default")
}

/// One score a day for `days` days, newest first.
pub fn scores(tenant_id: &str, profiles: &[Value], days: i64) -> Vec<Value> {
    let live: Vec<&Value> = profiles
        .iter()
        .filter(|p| p["deprecated"] != true)
        .collect();
    let max: f64 = live.iter().filter_map(|p| p["maxScore"].as_f64()).sum();
    (0..days)
        .map(|day| {
            let date = (Utc::now() - Duration::days(day)).date_naive();
            let created = format!("{}T00:00:00Z", date.format("%Y-%m-%d"));
            let controls: Vec<Value> = live
                .iter()
                .enumerate()
                .map(|(i, p)| control_score(i, p, day, &created))
                .collect();
            let current: f64 = controls.iter().filter_map(|c| c["score"].as_f64()).sum();
            json!({
                "id": format!("{tenant_id}_{}", date.format("%Y-%m-%d")),
                "azureTenantId": tenant_id,
                "activeUserCount": 86,
                "createdDateTime": created,
                "currentScore": round(current),
                "maxScore": round(max),
                "enabledServices": ["HasExchange", "HasSharePoint", "HasOD4B", "HasMDATP", "HasMDI", "HasMCAS", "HasInTune"],
                "licensedUserCount": 120,
                "averageComparativeScores": [
                    { "basis": "AllTenants", "averageScore": round(max * 0.41) },
                    { "basis": "TotalSeats", "averageScore": round(max * 0.44) },
                    { "basis": "IndustryTypes", "averageScore": round(max * 0.47) },
                ],
                "controlScores": controls,
                "vendorInformation": vendor(),
            })
        })
        .collect()
}

/// A control's points on a day: a third of the controls are done (some only recently,
/// so the score rises over the 90 days), a fifth partly, third-party ones fully.
fn control_score(index: usize, profile: &Value, day: i64, created: &str) -> Value {
    let seed = mix(index as u64 ^ 0x5EED);
    let max = profile["maxScore"].as_f64().unwrap_or(0.0);
    let done_for_days = i64::try_from(seed % 150).unwrap_or(0);
    let fraction = match (state_of(profile), seed % 100) {
        ("ThirdParty", _) => 1.0,
        ("Ignored", _) => 0.0,
        (_, 0..=34) if done_for_days >= day => 1.0,
        (_, 35..=54) if done_for_days >= day => 0.5,
        _ => 0.0,
    };
    let score = round(max * fraction);
    let percent = if max > 0.0 {
        round(score / max * 100.0)
    } else {
        0.0
    };
    json!({
        "controlCategory": profile["controlCategory"],
        "controlName": profile["id"],
        "description": profile["title"],
        "score": score,
        "scoreInPercentage": percent,
        "implementationStatus": format!("{percent}% implemented"),
        "lastSynced": created,
    })
}

fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_has_a_distinct_id_and_every_score_joins() {
        let profiles = profiles("t");
        assert!(profiles.len() >= 300, "{}", profiles.len());
        let mut ids: Vec<&str> = profiles.iter().filter_map(|p| p["id"].as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), profiles.len());
        let days = scores("t", &profiles, 90);
        assert_eq!(days.len(), 90);
        let names: Vec<&str> = days[0]["controlScores"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["controlName"].as_str())
            .collect();
        assert!(names.iter().all(|n| ids.binary_search(n).is_ok()));
    }

    #[test]
    fn a_larger_tenant_keeps_the_seed_and_adds_distinct_realistic_profiles() {
        let seed = profiles("t");
        let (sized, scores) = cached_sized("t", Some(500));
        assert!(max_profiles() >= 500, "{}", max_profiles());
        assert_eq!(sized.len(), 500);
        let ids = |p: &[Value]| -> Vec<String> { p.iter().map(|p| p["id"].to_string()).collect() };
        assert_eq!(
            ids(&sized[..seed.len()]),
            ids(&seed),
            "the seed's profiles come first"
        );
        let mut titles: Vec<&str> = sized.iter().filter_map(|p| p["title"].as_str()).collect();
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), 500, "distinct titles");
        let joined = scores[0]["controlScores"].as_array().map_or(0, Vec::len);
        let live = sized.iter().filter(|p| p["deprecated"] != true).count();
        assert_eq!(joined, live, "the latest score covers every live profile");
        let (fewer, _) = cached_sized("t", Some(40));
        assert_eq!(ids(&fewer), ids(&seed[..40]));
    }
}
