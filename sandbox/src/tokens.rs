//! Authorization codes, access tokens and refresh tokens: issuing, redeeming (single
//! use, expiry, client and redirect URI binding, PKCE), refreshing and revoking.
//!
//! Refreshing returns the refresh token unchanged, as ServiceNow does. In strict mode
//! ([`Rotation::Strict`]) it rotates instead, with reuse detection, as RFC 9700 (the OAuth
//! 2.0 Security BCP) section 4.14.2 and OAuth 2.1 (draft-ietf-oauth-v2-1, section 4.3.1)
//! describe for public clients: every refresh answers with a new refresh token and
//! invalidates the one presented, keeping the relationship; when an invalidated one is
//! presented again, the server "cannot determine which party submitted the invalid refresh
//! token" and revokes the grant's active tokens, so the legitimate client has to sign in
//! again. That is a mode, not the default, because stock ServiceNow does not rotate.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::ids;
use crate::oauth_error::OAuthError;
use crate::pkce;

/// What an authorization code was issued for.
#[derive(Debug)]
pub struct AuthCode {
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    /// The scope the authorization request asked for (`useraccount` by default).
    pub scope: String,
    pub user_name: String,
    pub expires_at: Instant,
    pub used: bool,
}

#[derive(Clone, Debug)]
struct Token {
    user_name: String,
    scope: String,
    client_id: String,
    expires_at: Instant,
    revoked: bool,
    /// The code the token family came from, to revoke it when the code is replayed.
    code: String,
    /// For access tokens: the refresh token that issued it.
    parent: Option<String>,
    /// For refresh tokens (strict mode): replaced by a newer one of the same grant; kept so
    /// that presenting it again is recognised as reuse.
    rotated: bool,
}

/// Whether a refresh hands out a new refresh token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rotation {
    /// The refresh token is returned unchanged and stays valid (ServiceNow).
    Keep,
    /// A new refresh token every time; reusing a replaced one revokes the whole grant
    /// (RFC 9700 section 4.14.2).
    Strict,
}

/// Lifetimes of the three kinds of secret.
#[derive(Clone, Copy, Debug)]
pub struct Lifetimes {
    pub access: Duration,
    pub refresh: Duration,
    pub code: Duration,
}

/// A successful grant: the two tokens to return.
#[derive(Debug)]
pub struct Issued {
    pub access_token: String,
    pub refresh_token: String,
    /// The scope granted: the one the authorization request asked for.
    pub scope: String,
}

/// Every code and token the instance has issued.
#[derive(Debug, Default)]
pub struct Tokens {
    codes: HashMap<String, AuthCode>,
    access: HashMap<String, Token>,
    refresh: HashMap<String, Token>,
    /// Grants revoked because a replaced refresh token was presented again.
    reuse_revocations: u32,
}

impl Tokens {
    /// Issues a code for an approved authorization request.
    pub fn issue_code(&mut self, mut code: AuthCode, ttl: Duration) -> String {
        let value = ids::new_secret();
        code.expires_at = Instant::now() + ttl;
        self.codes.insert(value.clone(), code);
        value
    }

    /// Redeems a code (`grant_type=authorization_code`).
    pub fn redeem(
        &mut self,
        code: &str,
        client_id: &str,
        redirect_uri: &str,
        verifier: &str,
        life: Lifetimes,
    ) -> Result<Issued, OAuthError> {
        let Some(entry) = self.codes.get_mut(code) else {
            return Err(OAuthError::InvalidGrant("Invalid authorization code"));
        };
        if entry.used {
            // A replayed code means it leaked: revoke everything issued from it.
            self.revoke_family(code);
            return Err(OAuthError::InvalidGrant(
                "Authorization code has already been used",
            ));
        }
        entry.used = true;
        if Instant::now() >= entry.expires_at {
            return Err(OAuthError::InvalidGrant("Authorization code has expired"));
        }
        if entry.client_id != client_id {
            return Err(OAuthError::InvalidGrant(
                "Authorization code was issued to another client",
            ));
        }
        if entry.redirect_uri != redirect_uri {
            return Err(OAuthError::InvalidGrant(
                "redirect_uri does not match the authorization request",
            ));
        }
        if !pkce::verify(verifier, &entry.challenge) {
            return Err(OAuthError::InvalidGrant(
                "PKCE verification failed: code_verifier does not match code_challenge",
            ));
        }
        let family = Token {
            user_name: entry.user_name.clone(),
            scope: entry.scope.clone(),
            client_id: client_id.to_owned(),
            expires_at: Instant::now() + life.refresh,
            revoked: false,
            code: code.to_owned(),
            parent: None,
            rotated: false,
        };
        let refresh_token = ids::new_secret();
        let access_token = self.new_access(&family, &refresh_token, life.access);
        let scope = family.scope.clone();
        self.refresh.insert(refresh_token.clone(), family);
        Ok(Issued {
            access_token,
            refresh_token,
            scope,
        })
    }

    /// A new access token from a refresh token (`grant_type=refresh_token`). With
    /// [`Rotation::Keep`] the refresh token itself is returned unchanged, as ServiceNow
    /// does; with [`Rotation::Strict`] a new one replaces it, and a replaced one presented
    /// again revokes every token of its grant (RFC 9700 section 4.14.2).
    pub fn refresh(
        &mut self,
        refresh_token: &str,
        client_id: &str,
        life: Lifetimes,
        rotation: Rotation,
    ) -> Result<Issued, OAuthError> {
        let Some(family) = self.refresh.get(refresh_token) else {
            return Err(OAuthError::InvalidGrant("Invalid refresh token"));
        };
        if family.rotated && !family.revoked {
            // Two parties hold the grant (a leak, or two tabs that did not coordinate): the
            // server cannot tell the legitimate one, so the grant goes.
            let code = family.code.clone();
            self.revoke_family(&code);
            self.reuse_revocations = self.reuse_revocations.saturating_add(1);
            return Err(OAuthError::InvalidGrant(
                "Refresh token has already been used: every token of this grant is revoked",
            ));
        }
        if family.revoked || Instant::now() >= family.expires_at {
            return Err(OAuthError::InvalidGrant(
                "Refresh token is expired or revoked",
            ));
        }
        if family.client_id != client_id {
            return Err(OAuthError::InvalidGrant(
                "Refresh token was issued to another client",
            ));
        }
        let family = family.clone();
        let refresh_token = match rotation {
            Rotation::Keep => refresh_token.to_owned(),
            Rotation::Strict => {
                if let Some(old) = self.refresh.get_mut(refresh_token) {
                    old.rotated = true;
                }
                // The new one keeps the grant's expiry: rotation does not extend a grant.
                let next = ids::new_secret();
                self.refresh.insert(next.clone(), family.clone());
                next
            }
        };
        let access_token = self.new_access(&family, &refresh_token, life.access);
        Ok(Issued {
            access_token,
            refresh_token,
            scope: family.scope,
        })
    }

    /// How many grants were revoked because a replaced refresh token came back (strict
    /// mode's reuse detection).
    pub fn reuse_revocations(&self) -> u32 {
        self.reuse_revocations
    }

    fn new_access(&mut self, family: &Token, refresh_token: &str, ttl: Duration) -> String {
        let token = ids::new_secret();
        let access = Token {
            expires_at: Instant::now() + ttl,
            parent: Some(refresh_token.to_owned()),
            ..family.clone()
        };
        self.access.insert(token.clone(), access);
        token
    }

    /// Revokes an access or refresh token (a refresh token takes its access tokens
    /// with it); whether anything was revoked.
    pub fn revoke(&mut self, token: &str) -> bool {
        if let Some(access) = self.access.get_mut(token) {
            access.revoked = true;
            return true;
        }
        let Some(refresh) = self.refresh.get_mut(token) else {
            return false;
        };
        refresh.revoked = true;
        for access in self.access.values_mut() {
            if access.parent.as_deref() == Some(token) {
                access.revoked = true;
            }
        }
        true
    }

    fn revoke_family(&mut self, code: &str) {
        let tokens = self.access.values_mut().chain(self.refresh.values_mut());
        tokens
            .filter(|t| t.code == code)
            .for_each(|t| t.revoked = true);
    }

    /// The user name behind a live access token.
    pub fn user_of(&self, access_token: &str) -> Option<&str> {
        let token = self.access.get(access_token)?;
        let live = !token.revoked && Instant::now() < token.expires_at;
        live.then_some(token.user_name.as_str())
    }

    /// Makes every refresh token issued so far expired (the access tokens live on until
    /// their own expiry).
    pub fn expire_refresh_tokens(&mut self) {
        let now = Instant::now();
        self.refresh.values_mut().for_each(|t| t.expires_at = now);
    }

    /// Makes every access token issued so far expired; refresh tokens stay valid.
    pub fn expire_access_tokens(&mut self) {
        let now = Instant::now();
        self.access.values_mut().for_each(|t| t.expires_at = now);
    }
}
