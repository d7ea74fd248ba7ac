//! The setup form's rules: what makes the typed instance, client ID and token URL usable.

use oauth2::{ClientId, RedirectUrl, TokenUrl};
use url::Url;

use super::trust::Trust;
use crate::i18n::{fill, Texts};
use crate::servicenow::{InstanceError, InstanceUrl, OAuthSettings};
use crate::storage::SetupDraft;

/// A field's problem, shown beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    Instance(InstanceError),
    /// The page pins its instances (`allowed-instances`) and this is not one of them;
    /// `allowed` names the hosts that are.
    InstanceNotAllowed {
        allowed: String,
    },
    ClientIdEmpty,
    ClientIdSpaces,
    TokenUrlInvalid,
    /// On another origin than this page's or the instance's, and not set by the page's code.
    TokenUrlOrigin,
}

impl FieldError {
    pub fn message(&self, texts: &'static Texts) -> String {
        let text = match self {
            FieldError::Instance(InstanceError::Empty) => texts.instance_required,
            FieldError::Instance(InstanceError::InsecureScheme) => texts.instance_insecure,
            FieldError::Instance(InstanceError::UnsupportedScheme(_)) => texts.instance_scheme,
            FieldError::Instance(InstanceError::Credentials) => texts.instance_credentials,
            FieldError::Instance(InstanceError::Invalid) => texts.instance_invalid,
            FieldError::ClientIdEmpty => texts.client_id_required,
            FieldError::ClientIdSpaces => texts.client_id_spaces,
            FieldError::TokenUrlInvalid => texts.token_url_invalid,
            FieldError::TokenUrlOrigin => texts.token_url_origin,
            FieldError::InstanceNotAllowed { allowed } => {
                return fill(texts.instance_not_allowed, &[("allowed", allowed)])
            }
        };
        text.to_owned()
    }
}

/// Each field's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SetupCheck {
    pub instance: Option<FieldError>,
    pub client_id: Option<FieldError>,
    pub token_url: Option<FieldError>,
}

impl SetupCheck {
    pub fn is_ok(&self) -> bool {
        self.instance.is_none() && self.client_id.is_none() && self.token_url.is_none()
    }
}

/// Checks the draft against the page's policy (`trust`: which instances, which token URL
/// origins); on success, the settings to authorize with.
pub fn validate(
    draft: &SetupDraft,
    page: &Url,
    redirect_uri: &str,
    trust: &Trust,
) -> Result<OAuthSettings, SetupCheck> {
    let instance = InstanceUrl::parse(&draft.instance)
        .map_err(FieldError::Instance)
        .and_then(|instance| {
            trust
                .check_instance(&instance)
                .map(|()| instance)
                .map_err(|refused| FieldError::InstanceNotAllowed {
                    allowed: refused.allowed,
                })
        });
    let client_id = check_client_id(&draft.client_id);
    let token_url = check_token_url(&draft.token_url, page, instance.as_ref().ok(), trust);
    let redirect_uri = RedirectUrl::new(redirect_uri.to_owned());
    match (instance, client_id, token_url, redirect_uri) {
        (Ok(instance), Ok(client_id), Ok(token_url), Ok(redirect_uri)) => Ok(OAuthSettings {
            instance,
            client_id,
            redirect_uri,
            token_url,
        }),
        (instance, client_id, token_url, _) => Err(SetupCheck {
            instance: instance.err(),
            client_id: client_id.err(),
            token_url: token_url.err(),
        }),
    }
}

fn check_client_id(input: &str) -> Result<ClientId, FieldError> {
    let id = input.trim();
    if id.is_empty() {
        Err(FieldError::ClientIdEmpty)
    } else if id.chars().any(char::is_whitespace) {
        Err(FieldError::ClientIdSpaces)
    } else {
        Ok(ClientId::new(id.to_owned()))
    }
}

/// Empty means the instance's own endpoint; a path is on this page's origin (a proxy). A
/// full URL must be on this page's origin or the instance's (whoever it names receives the
/// code, the verifier and every refresh token), or on an origin the page's code trusts.
fn check_token_url(
    input: &str,
    page: &Url,
    instance: Option<&InstanceUrl>,
    trust: &Trust,
) -> Result<Option<TokenUrl>, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    let url = if input.starts_with('/') && !input.starts_with("//") {
        page.join(input)
    } else {
        Url::parse(input)
    }
    .map_err(|_| FieldError::TokenUrlInvalid)?;
    let secure = url.scheme() == "https"
        || (url.scheme() == "http" && InstanceUrl::parse(url.as_str()).is_ok());
    if !secure || url.host().is_none() {
        return Err(FieldError::TokenUrlInvalid);
    }
    if !trust.allows_token_url(&url, page, instance) {
        return Err(FieldError::TokenUrlOrigin);
    }
    Ok(Some(TokenUrl::from_url(url)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("https://portal.example/security/").expect("url")
    }

    fn draft(instance: &str, client_id: &str, token_url: &str) -> SetupDraft {
        SetupDraft {
            instance: instance.into(),
            client_id: client_id.into(),
            token_url: token_url.into(),
        }
    }

    #[test]
    fn a_complete_draft_gives_settings() {
        let settings = validate(
            &draft("acme", " cid ", ""),
            &page(),
            "https://portal.example/security/",
            &Trust::default(),
        )
        .expect("valid");
        assert_eq!(settings.instance.as_str(), "https://acme.service-now.com");
        assert_eq!(settings.client_id.as_str(), "cid");
        assert_eq!(
            settings.token_endpoint(),
            "https://acme.service-now.com/oauth_token.do"
        );
    }

    #[test]
    fn a_proxy_path_resolves_on_the_page_origin() {
        let settings = validate(
            &draft("acme", "cid", "/sn/oauth_token.do"),
            &page(),
            "https://portal.example/",
            &Trust::default(),
        )
        .expect("valid");
        assert_eq!(
            settings.token_endpoint(),
            "https://portal.example/sn/oauth_token.do"
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let check = validate(
            &draft("http://acme.service-now.com", "a b", "ftp://x"),
            &page(),
            "https://p/",
            &Trust::default(),
        )
        .err();
        assert_eq!(
            check,
            Some(SetupCheck {
                instance: Some(FieldError::Instance(InstanceError::InsecureScheme)),
                client_id: Some(FieldError::ClientIdSpaces),
                token_url: Some(FieldError::TokenUrlInvalid),
            })
        );
        let empty = validate(&draft("", "", ""), &page(), "https://p/", &Trust::default())
            .err()
            .unwrap_or_default();
        assert_eq!(
            empty.instance,
            Some(FieldError::Instance(InstanceError::Empty))
        );
        assert_eq!(empty.client_id, Some(FieldError::ClientIdEmpty));
        assert_eq!(empty.token_url, None);
    }

    #[test]
    fn every_field_error_has_its_own_message() {
        let texts = crate::i18n::Locale::En.texts();
        let errors = [
            FieldError::Instance(InstanceError::Empty),
            FieldError::Instance(InstanceError::InsecureScheme),
            FieldError::Instance(InstanceError::UnsupportedScheme("ftp".into())),
            FieldError::Instance(InstanceError::Credentials),
            FieldError::Instance(InstanceError::Invalid),
            FieldError::ClientIdEmpty,
            FieldError::ClientIdSpaces,
            FieldError::TokenUrlInvalid,
            FieldError::TokenUrlOrigin,
            FieldError::InstanceNotAllowed {
                allowed: "acme.service-now.com".into(),
            },
        ];
        let messages: std::collections::BTreeSet<_> =
            errors.iter().map(|e| e.message(texts)).collect();
        assert_eq!(messages.len(), errors.len());
    }

    fn token_check(token_url: &str, trust: &Trust) -> Result<String, Option<FieldError>> {
        validate(
            &draft("acme", "cid", token_url),
            &page(),
            "https://portal.example/security/",
            trust,
        )
        .map(|settings| settings.token_endpoint())
        .map_err(|check| check.token_url)
    }

    #[test]
    fn a_typed_token_url_is_on_the_page_or_the_instance_origin() {
        let none = Trust::default();
        assert_eq!(
            token_check("https://portal.example/sn/oauth_token.do", &none),
            Ok("https://portal.example/sn/oauth_token.do".into())
        );
        assert_eq!(
            token_check("https://acme.service-now.com/oauth_token.do", &none),
            Ok("https://acme.service-now.com/oauth_token.do".into())
        );
        for elsewhere in [
            "https://proxy.example/oauth_token.do",
            "https://portal.example:8443/oauth_token.do",
            "https://evil.service-now.com/oauth_token.do",
        ] {
            assert_eq!(
                token_check(elsewhere, &none),
                Err(Some(FieldError::TokenUrlOrigin)),
                "{elsewhere}"
            );
        }
        assert!(token_check("//proxy.example/oauth_token.do", &none).is_err());
        let texts = crate::i18n::Locale::En.texts();
        assert!(FieldError::TokenUrlOrigin
            .message(texts)
            .contains("this page's origin or the instance's"));
    }

    #[test]
    fn another_origin_passes_only_when_the_page_code_set_it() {
        let trust = Trust {
            token_url: Url::parse("https://proxy.example/servicenow/oauth_token.do").ok(),
            ..Trust::default()
        };
        assert_eq!(
            token_check("https://proxy.example/other/oauth_token.do", &trust),
            Ok("https://proxy.example/other/oauth_token.do".into())
        );
        assert_eq!(
            token_check("https://proxy2.example/oauth_token.do", &trust),
            Err(Some(FieldError::TokenUrlOrigin))
        );
    }

    #[test]
    fn a_pinned_page_refuses_another_instance_naming_the_allowed_hosts() {
        let trust = Trust {
            allowed_instances: super::super::trust::parse_allowed_instances("acme dev")
                .expect("valid"),
            ..Trust::default()
        };
        let refused = validate(&draft("evil", "cid", ""), &page(), "https://p/", &trust)
            .err()
            .unwrap_or_default();
        let expected = FieldError::InstanceNotAllowed {
            allowed: "acme.service-now.com, dev.service-now.com".into(),
        };
        assert_eq!(refused.instance, Some(expected.clone()));
        for locale in crate::i18n::Locale::ALL {
            let message = expected.message(locale.texts());
            assert!(
                message.contains("acme.service-now.com, dev.service-now.com"),
                "{}: {message}",
                locale.tag()
            );
        }
        assert!(validate(&draft("dev", "cid", ""), &page(), "https://p/", &trust).is_ok());
    }
}
