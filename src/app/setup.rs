//! The setup form's rules: what makes the typed instance, client ID and token URL usable.

use oauth2::{ClientId, RedirectUrl, TokenUrl};
use url::Url;

use crate::i18n::Texts;
use crate::servicenow::{InstanceError, InstanceUrl, OAuthSettings};
use crate::storage::SetupDraft;

/// A field's problem, shown beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    Instance(InstanceError),
    ClientIdEmpty,
    ClientIdSpaces,
    TokenUrlInvalid,
}

impl FieldError {
    pub fn message(&self, texts: &'static Texts) -> &'static str {
        match self {
            FieldError::Instance(InstanceError::Empty) => texts.instance_required,
            FieldError::Instance(InstanceError::InsecureScheme) => texts.instance_insecure,
            FieldError::Instance(InstanceError::UnsupportedScheme(_)) => texts.instance_scheme,
            FieldError::Instance(InstanceError::Credentials) => texts.instance_credentials,
            FieldError::Instance(InstanceError::Invalid) => texts.instance_invalid,
            FieldError::ClientIdEmpty => texts.client_id_required,
            FieldError::ClientIdSpaces => texts.client_id_spaces,
            FieldError::TokenUrlInvalid => texts.token_url_invalid,
        }
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

/// Checks the draft; on success, the settings to authorize with.
pub fn validate(
    draft: &SetupDraft,
    page: &Url,
    redirect_uri: &str,
) -> Result<OAuthSettings, SetupCheck> {
    let instance = InstanceUrl::parse(&draft.instance).map_err(FieldError::Instance);
    let client_id = check_client_id(&draft.client_id);
    let token_url = check_token_url(&draft.token_url, page);
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

/// Empty means the instance's own endpoint; a path is on this page's origin (a proxy).
fn check_token_url(input: &str, page: &Url) -> Result<Option<TokenUrl>, FieldError> {
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
        let empty = validate(&draft("", "", ""), &page(), "https://p/")
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
        ];
        let messages: std::collections::BTreeSet<_> =
            errors.iter().map(|e| e.message(texts)).collect();
        assert_eq!(messages.len(), errors.len());
    }
}
