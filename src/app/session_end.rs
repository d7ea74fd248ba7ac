//! When a session that cannot be renewed ends, and when to warn before it does.
//!
//! ServiceNow documents refresh tokens for private clients only, so a public client may get
//! none: its session lasts as long as its access token (1800 s unless an administrator
//! raises the registration's "Access Token Lifespan"). Sessions with a refresh token are
//! renewed silently and never reach these phases.

use chrono::{DateTime, Duration, Utc};

use crate::servicenow::TokenSet;

/// How long before the end the person is warned: five minutes, or a third of the lifetime
/// for sessions shorter than a quarter of an hour (at least a second).
pub fn warning_margin(lifetime_secs: i64) -> Duration {
    Duration::seconds((lifetime_secs / 3).clamp(1, 300))
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// It has a refresh token: snowcard renews it by itself.
    Renewable,
    /// It ends at `ends_at`; the warning is due at `warn_at`.
    Running {
        ends_at: DateTime<Utc>,
        warn_at: DateTime<Utc>,
    },
    /// It ends soon: say so, with "Sign in again".
    Ending { ends_at: DateTime<Utc> },
    /// It has ended.
    Ended,
}

/// The phase of `tokens` at `now`.
pub fn phase(tokens: &TokenSet, now: DateTime<Utc>) -> Phase {
    if tokens.refresh_token.is_some() {
        return Phase::Renewable;
    }
    phase_of(tokens.expires_at, tokens.lifetime_secs, now)
}

/// The phase of a session without refresh token that ends at `ends_at`.
pub fn phase_of(ends_at: DateTime<Utc>, lifetime_secs: i64, now: DateTime<Utc>) -> Phase {
    // `ends_at` may come from storage: the calendar's first day has no "before" to warn at.
    let warn_at = ends_at
        .checked_sub_signed(warning_margin(lifetime_secs))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    if now >= ends_at {
        Phase::Ended
    } else if now >= warn_at {
        Phase::Ending { ends_at }
    } else {
        Phase::Running { ends_at, warn_at }
    }
}

/// How long until the phase changes next (`None` once nothing more will change).
pub fn until_next_change(phase: Phase, now: DateTime<Utc>) -> Option<Duration> {
    match phase {
        Phase::Renewable | Phase::Ended => None,
        Phase::Running { warn_at, .. } => Some(warn_at - now),
        Phase::Ending { ends_at } => Some(ends_at - now),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use oauth2::{AccessToken, RefreshToken};

    use super::*;

    fn at(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, s)
            .single()
            .expect("valid time")
    }

    fn tokens(refresh: bool, lifetime_secs: i64, expires_at: DateTime<Utc>) -> TokenSet {
        TokenSet {
            access_token: AccessToken::new("AT".into()),
            refresh_token: refresh.then(|| RefreshToken::new("RT".into())),
            expires_at,
            lifetime_secs,
        }
    }

    #[test]
    fn a_refresh_token_means_no_end_to_show() {
        let t = tokens(true, 1799, at(14, 32, 0));
        assert_eq!(phase(&t, at(14, 40, 0)), Phase::Renewable);
        assert_eq!(until_next_change(Phase::Renewable, at(14, 0, 0)), None);
    }

    #[test]
    fn a_half_hour_session_warns_five_minutes_before_it_ends() {
        let t = tokens(false, 1799, at(14, 32, 0));
        assert_eq!(
            phase(&t, at(14, 2, 0)),
            Phase::Running {
                ends_at: at(14, 32, 0),
                warn_at: at(14, 27, 0)
            }
        );
        assert_eq!(
            until_next_change(phase(&t, at(14, 2, 0)), at(14, 2, 0)),
            Some(Duration::minutes(25))
        );
        assert_eq!(
            phase(&t, at(14, 27, 0)),
            Phase::Ending {
                ends_at: at(14, 32, 0)
            }
        );
        assert_eq!(
            until_next_change(phase(&t, at(14, 30, 0)), at(14, 30, 0)),
            Some(Duration::minutes(2))
        );
        assert_eq!(phase(&t, at(14, 32, 0)), Phase::Ended);
        assert_eq!(until_next_change(Phase::Ended, at(14, 33, 0)), None);
    }

    #[test]
    fn short_sessions_are_warned_proportionally_earlier() {
        assert_eq!(warning_margin(1799), Duration::minutes(5));
        assert_eq!(warning_margin(7200), Duration::minutes(5));
        assert_eq!(warning_margin(30), Duration::seconds(10));
        assert_eq!(warning_margin(600), Duration::seconds(200));
        assert_eq!(warning_margin(0), Duration::seconds(1));
        let t = tokens(false, 30, at(9, 0, 30));
        assert!(matches!(phase(&t, at(9, 0, 19)), Phase::Running { .. }));
        assert!(matches!(phase(&t, at(9, 0, 20)), Phase::Ending { .. }));
    }
}
