//! The ID token's checks, on tokens with the claims id-token-claims-reference.md lists.

use super::*;
use crate::microsoft::settings::{validate, TenantDraft};

pub const TID: &str = "aaaabbbb-0000-cccc-1111-dddd2222eeee";
pub const CLIENT: &str = "00001111-aaaa-2222-bbbb-3333cccc4444";

fn settings(tenant: &str) -> TenantSettings {
    validate(
        &TenantDraft {
            tenant: tenant.into(),
            client_id: CLIENT.into(),
            ..TenantDraft::default()
        },
        "https://portal.example/",
    )
    .expect("valid")
}

/// Base64url without padding, the encoder the decoder is tested against.
pub fn encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// An unsigned JWT carrying `claims`.
pub fn jwt(claims: &serde_json::Value) -> String {
    format!(
        "{}.{}.sig",
        encode(br#"{"typ":"JWT","alg":"RS256","kid":"k"}"#),
        encode(claims.to_string().as_bytes())
    )
}

fn claims() -> serde_json::Value {
    serde_json::json!({
        "aud": CLIENT,
        "iss": format!("https://login.microsoftonline.com/{TID}/v2.0"),
        "tid": TID,
        "nonce": "n0nce",
        "name": "Adele Vance",
        "preferred_username": "AdeleV@Contoso.onmicrosoft.com",
        "oid": "00000000-0000-0000-66f3-3332eca7ea81",
        "ver": "2.0"
    })
}

#[test]
fn the_decoder_reads_rfc_4648_test_vectors_in_the_url_alphabet() {
    // RFC 4648 section 10, without padding.
    for (encoded, decoded) in [
        ("", ""),
        ("Zg", "f"),
        ("Zm8", "fo"),
        ("Zm9v", "foo"),
        ("Zm9vYg", "foob"),
        ("Zm9vYmE", "fooba"),
        ("Zm9vYmFy", "foobar"),
    ] {
        assert_eq!(
            base64url_decode(encoded).as_deref(),
            Some(decoded.as_bytes())
        );
    }
    assert_eq!(base64url_decode("-_8").as_deref(), Some(&[0xfb, 0xff][..]));
    assert_eq!(base64url_decode("a+b/"), None);
    assert_eq!(base64url_decode("abcde"), None);
    assert_eq!(encode(b"foobar"), "Zm9vYmFy");
}

#[test]
fn a_good_token_names_the_person_and_the_tenant_domain() {
    let account = read(&jwt(&claims()), &settings(TID), "n0nce").expect("accepted");
    assert_eq!(
        account,
        Account {
            name: "Adele Vance".into(),
            username: "AdeleV@Contoso.onmicrosoft.com".into(),
            tenant_id: TID.into(),
            tenant_domain: "contoso.onmicrosoft.com".into(),
        }
    );
    // `organizations` and a domain accept the tenant the person belongs to.
    assert!(read(&jwt(&claims()), &settings("organizations"), "n0nce").is_ok());
    assert!(read(&jwt(&claims()), &settings("contoso.com"), "n0nce").is_ok());
}

#[test]
fn without_a_user_name_the_directory_id_stands_for_the_tenant() {
    let mut c = claims();
    c["preferred_username"] = serde_json::Value::Null;
    let account = read(&jwt(&c), &settings(TID), "n0nce").expect("accepted");
    assert_eq!(account.tenant_domain, TID);
    assert_eq!(account.name, "Adele Vance");
}

#[test]
fn each_claim_that_does_not_fit_is_named() {
    let s = settings(TID);
    assert_eq!(
        read(&jwt(&claims()), &s, "other"),
        Err(IdTokenError::NonceMismatch)
    );
    let mut c = claims();
    c["aud"] = "99999999-aaaa-2222-bbbb-3333cccc4444".into();
    assert!(matches!(
        read(&jwt(&c), &s, "n0nce"),
        Err(IdTokenError::AudienceMismatch(_))
    ));
    let mut c = claims();
    let other = "ffffffff-0000-cccc-1111-dddd2222eeee";
    c["tid"] = other.into();
    c["iss"] = format!("https://login.microsoftonline.com/{other}/v2.0").into();
    assert_eq!(
        read(&jwt(&c), &s, "n0nce"),
        Err(IdTokenError::TenantMismatch(other.into()))
    );
    let mut c = claims();
    c["iss"] = format!("https://sts.windows.net/{TID}/").into();
    assert!(matches!(
        read(&jwt(&c), &s, "n0nce"),
        Err(IdTokenError::IssuerMismatch(_))
    ));
    assert_eq!(read("not-a-jwt", &s, "n0nce"), Err(IdTokenError::Malformed));
    assert_eq!(read("a.!!!.c", &s, "n0nce"), Err(IdTokenError::Malformed));
}
