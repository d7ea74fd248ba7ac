//! The connect form's rules, against the identity platform's documented tenant forms and the
//! national clouds' documented endpoints.

use super::*;

const CLIENT: &str = "00001111-aaaa-2222-bbbb-3333cccc4444";
const REDIRECT: &str = "https://portal.example/snowcard/";

fn draft(tenant: &str, client_id: &str, authority: &str, graph: &str) -> TenantDraft {
    TenantDraft {
        tenant: tenant.into(),
        client_id: client_id.into(),
        authority: authority.into(),
        graph: graph.into(),
        write: false,
    }
}

#[test]
fn the_three_documented_tenant_forms_are_accepted() {
    // v2-oauth2-auth-code-flow.md: `{tenant}` is `organizations` or a tenant identifier
    // (GUID or friendly domain name, v2-admin-consent.md).
    assert_eq!(
        Tenant::parse(" AAAABBBB-0000-CCCC-1111-DDDD2222EEEE "),
        Ok(Tenant::Id("aaaabbbb-0000-cccc-1111-dddd2222eeee".into()))
    );
    assert_eq!(
        Tenant::parse("Contoso.onmicrosoft.com"),
        Ok(Tenant::Domain("contoso.onmicrosoft.com".into()))
    );
    assert_eq!(
        Tenant::parse("contoso.com"),
        Ok(Tenant::Domain("contoso.com".into()))
    );
    assert_eq!(Tenant::parse("organizations"), Ok(Tenant::Organizations));
}

#[test]
fn tenants_that_admit_personal_accounts_or_are_not_tenants_are_refused() {
    assert_eq!(Tenant::parse("common"), Err(TenantError::PersonalAccounts));
    assert_eq!(
        Tenant::parse("consumers"),
        Err(TenantError::PersonalAccounts)
    );
    assert_eq!(Tenant::parse("  "), Err(TenantError::Empty));
    for bad in [
        "contoso",
        "contoso .com",
        "https://login.microsoftonline.com/contoso.com",
        "aaaabbbb-0000-cccc-1111-dddd2222eee",
        "-contoso.com",
        "contoso.123",
    ] {
        assert_eq!(Tenant::parse(bad), Err(TenantError::Invalid), "{bad}");
    }
}

#[test]
fn empty_advanced_fields_mean_the_global_cloud() {
    let settings =
        validate(&draft("contoso.onmicrosoft.com", CLIENT, "", ""), REDIRECT).expect("valid");
    assert_eq!(
        settings.authority.as_str(),
        "https://login.microsoftonline.com"
    );
    assert_eq!(settings.graph.as_str(), "https://graph.microsoft.com");
    assert_eq!(
        settings.endpoint("authorize"),
        "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize"
    );
    assert!(!settings.write);
}

#[test]
fn a_national_cloud_and_the_loopback_sandbox_are_accepted() {
    // authentication-national-cloud.md: US Government, login.microsoftonline.us with
    // graph.microsoft.us.
    let us = validate(
        &draft(
            CLIENT,
            CLIENT,
            "login.microsoftonline.us",
            "https://graph.microsoft.us/",
        ),
        REDIRECT,
    )
    .expect("valid");
    assert_eq!(us.authority.as_str(), "https://login.microsoftonline.us");
    assert_eq!(us.graph.as_str(), "https://graph.microsoft.us");
    let sandbox = validate(
        &draft(
            "organizations",
            CLIENT,
            "http://127.0.0.1:8702",
            "http://localhost:8702/graph",
        ),
        REDIRECT,
    )
    .expect("valid");
    assert_eq!(
        sandbox.endpoint("token"),
        "http://127.0.0.1:8702/organizations/oauth2/v2.0/token"
    );
    assert_eq!(
        sandbox.graph.join("/v1.0/x"),
        "http://localhost:8702/graph/v1.0/x"
    );
    assert_eq!(sandbox.graph.origin(), "http://localhost:8702");
}

#[test]
fn every_bad_field_is_reported_at_once() {
    let check = validate(
        &draft(
            "common",
            "my app",
            "http://login.example.com",
            "ftp://graph.example",
        ),
        "not a url",
    )
    .err();
    assert_eq!(
        check,
        Some(TenantCheck {
            tenant: Some(FieldError::Tenant(TenantError::PersonalAccounts)),
            client_id: Some(FieldError::ClientIdNotGuid),
            authority: Some(FieldError::Authority(EndpointError::InsecureScheme)),
            graph: Some(FieldError::Graph(EndpointError::UnsupportedScheme)),
            redirect_uri: Some(FieldError::RedirectUri),
        })
    );
    let empty = validate(&draft("", "", "", ""), REDIRECT)
        .err()
        .unwrap_or_default();
    assert_eq!(empty.tenant, Some(FieldError::Tenant(TenantError::Empty)));
    assert_eq!(empty.client_id, Some(FieldError::ClientIdEmpty));
    assert_eq!(empty.authority, None);
    assert_eq!(empty.graph, None);
}

#[test]
fn endpoints_refuse_credentials_queries_and_bare_names() {
    assert_eq!(
        Endpoint::parse("https://u:p@graph.microsoft.com"),
        Err(EndpointError::Credentials)
    );
    assert_eq!(
        Endpoint::parse("https://graph.microsoft.com/?x=1"),
        Err(EndpointError::QueryOrFragment)
    );
    assert_eq!(
        Endpoint::parse("https://intranet"),
        Err(EndpointError::Invalid)
    );
    assert_eq!(
        Endpoint::parse("http://10.0.0.5"),
        Err(EndpointError::InsecureScheme)
    );
}

#[test]
fn settings_round_trip_through_serde() {
    let mut settings = validate(&draft(CLIENT, CLIENT, "", ""), REDIRECT).expect("valid");
    settings.write = true;
    let json = serde_json::to_string(&settings).expect("serialize");
    let back: TenantSettings = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back, settings);
    assert!(serde_json::from_str::<Tenant>("\"common\"").is_err());
    assert!(serde_json::from_str::<Endpoint>("\"http://evil.example\"").is_err());
}

#[test]
fn only_the_known_clouds_loopback_or_a_code_set_origin_receive_the_sign_in() {
    // concepts/deployments.md: each cloud's sign-in authority and Graph root.
    for (authority, graph) in [
        ("login.microsoftonline.com", "graph.microsoft.com"),
        (
            "https://login.microsoftonline.us",
            "https://graph.microsoft.us",
        ),
        (
            "https://login.microsoftonline.us",
            "https://dod-graph.microsoft.us",
        ),
        (
            "https://login.chinacloudapi.cn",
            "https://microsoftgraph.chinacloudapi.cn",
        ),
        (
            "https://LOGIN.partner.microsoftonline.cn",
            "https://microsoftgraph.chinacloudapi.cn",
        ),
        ("http://127.0.0.1:8701/ms", "http://127.0.0.1:8701/graph"),
    ] {
        assert!(
            validate(&draft(CLIENT, CLIENT, authority, graph), REDIRECT).is_ok(),
            "{authority} {graph}"
        );
    }
    let elsewhere = validate(
        &draft(
            CLIENT,
            CLIENT,
            "https://login.microsoftonline.com.evil.example",
            "https://graph.evil.example",
        ),
        REDIRECT,
    )
    .err()
    .unwrap_or_default();
    assert_eq!(
        elsewhere.authority,
        Some(FieldError::Authority(EndpointError::UnknownCloud))
    );
    assert_eq!(
        elsewhere.graph,
        Some(FieldError::Graph(EndpointError::UnknownCloud))
    );
    let on_a_port = validate(
        &draft(CLIENT, CLIENT, "https://login.microsoftonline.com:8443", ""),
        REDIRECT,
    );
    assert!(
        on_a_port.is_err(),
        "a known host on another port is another origin"
    );

    let trust = Trust {
        microsoft_authority: Url::parse("https://login.sovereign.example").ok(),
        microsoft_graph: Url::parse("https://graph.sovereign.example").ok(),
        ..Trust::default()
    };
    let set_by_code = validate_trusting(
        &draft(
            CLIENT,
            CLIENT,
            "https://login.sovereign.example",
            "https://graph.sovereign.example",
        ),
        REDIRECT,
        &trust,
    );
    assert!(set_by_code.is_ok(), "{set_by_code:?}");
}
