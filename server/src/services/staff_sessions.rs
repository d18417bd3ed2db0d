//! Staff sessions: signing in (a rate limit counted in the database, and argon2id verification
//! that takes the same time whether or not the account exists, then the one-time code where
//! the account has an authenticator or its role requires one) and signing out (the session is
//! revoked on the server, not just its cookie). All of it is audited.

use super::accounts::normalise_email;
use super::error::ServiceError;
use super::two_factor::{self, CodeCheck, TypedCode};
use crate::auth::password;
use crate::auth::session_token::{SessionClaims, SessionTokens};
use crate::auth::signin_step::{Step, StepClaims, StepTokens};
use crate::config::{RateLimitSettings, TwoFactorSettings};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::{rate_limit, revoked_session, user};
use crate::db::{write_transaction, DbConnection};
use app::port::StaffPrincipal;
use chrono::{DateTime, Duration, Utc};

/// The kind of guess the rate limits count (`domain::attempts`).
const GUESS: &str = "staff_signin";

/// What a sign-in attempt came to.
#[derive(Debug)]
pub enum SignInOutcome {
    /// Signed in: the cookie's token and what it says.
    SignedIn {
        token: String,
        claims: SessionClaims,
    },
    /// The password was right; a one-time code is owed, or an authenticator must be set up
    /// first. The step token says so until the code comes.
    NextStep { token: String, step: Step },
    /// Wrong email or password, or a disabled account (never saying which).
    Refused,
    /// Too many failures lately from this address, or on this email from it.
    RateLimited,
}

/// A sign-in as typed, from where, in which language (the staff member's messages are then
/// written in it).
#[derive(Debug, Clone, Copy)]
pub struct SignInAttempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub client_ip: &'a str,
    pub language: app::i18n::Locale,
}

/// What signing in needs besides the database: the token signers, the two-factor key and
/// settings, and the guessing limits.
#[derive(Clone, Copy)]
pub struct SignInContext<'a> {
    pub sessions: &'a SessionTokens,
    pub steps: &'a StepTokens,
    pub keys: &'a crate::keys::Keys,
    pub two_factor: &'a TwoFactorSettings,
    pub limits: &'a RateLimitSettings,
}

/// Attempts a sign-in at `now`.
pub fn sign_in(
    conn: &mut DbConnection,
    context: SignInContext<'_>,
    attempt: SignInAttempt<'_>,
    now: DateTime<Utc>,
) -> Result<SignInOutcome, ServiceError> {
    let limits = context.limits;
    let SignInAttempt {
        email,
        password: password_typed,
        client_ip,
        language,
    } = attempt;
    let timestamp = now.timestamp();
    let now = now.naive_utc();
    let email = normalise_email(email);
    let since = now - Duration::minutes(limits.window_minutes);
    let failures = rate_limit::failures(conn, GUESS, &email, client_ip, since)?;
    if !crate::domain::attempts::may_attempt(failures, limits.signin()) {
        tracing::warn!(%client_ip, ?failures, "staff sign-in rate limit reached");
        return Ok(SignInOutcome::RateLimited);
    }
    let account = user::find_by_email(conn, &email)?;
    let stored_hash = account
        .as_ref()
        .map(|a| a.password_hash.as_str())
        .unwrap_or_else(|| password::decoy_hash());
    let password_ok = password::verify(password_typed, stored_hash);
    let account = match account {
        Some(a) if password_ok && a.active => a,
        _ => {
            write_transaction(conn, |conn| -> Result<(), ServiceError> {
                rate_limit::record_failure(conn, GUESS, &email, client_ip, now)?;
                audit::append(
                    conn,
                    AuditEvent {
                        actor: Actor::anonymous(),
                        action: "staff.sign_in_failed",
                        subject_kind: "user",
                        // The typed address of an account that does not exist is not kept.
                        subject_id: account
                            .as_ref()
                            .map_or_else(|| "unknown".to_string(), |a| a.id.to_string()),
                        details: serde_json::json!({ "ip": client_ip }),
                    },
                    now,
                )?;
                Ok(())
            })?;
            return Ok(SignInOutcome::Refused);
        }
    };
    let required = app::types::Role::parse(&account.role)
        .is_some_and(|role| context.two_factor.required_for(role));
    let step = if two_factor::is_on(conn, account.id)? {
        Some((Step::Code, None))
    } else if required {
        let key = two_factor::key_of(context.keys);
        let enrolment = two_factor::restart(conn, &key, account.id, now.and_utc())?;
        Some((Step::Enrol, Some(enrolment)))
    } else {
        None
    };
    if let Some((step, enrolment)) = step {
        let token = context
            .steps
            .issue(account.id, step, enrolment, timestamp)?;
        return Ok(SignInOutcome::NextStep { token, step });
    }
    open_session(
        conn,
        context.sessions,
        &account,
        client_ip,
        language,
        "none",
        now.and_utc(),
    )
}

/// Opens a session for `account`, whose password (and second factor, `second_factor`) were
/// right, and audits it.
fn open_session(
    conn: &mut DbConnection,
    tokens: &SessionTokens,
    account: &user::User,
    client_ip: &str,
    language: app::i18n::Locale,
    second_factor: &str,
    now: DateTime<Utc>,
) -> Result<SignInOutcome, ServiceError> {
    let timestamp = now.timestamp();
    let session_id = crate::secrets::random_token();
    let (token, claims) = tokens.issue(account.id, &session_id, timestamp, timestamp)?;
    write_transaction(conn, |conn| {
        user::set_language(conn, account.id, language.code())?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::staff(account.id, &account.role, account.agency_id),
                action: "staff.signed_in",
                subject_kind: "user",
                subject_id: account.id.to_string(),
                details: serde_json::json!({ "ip": client_ip, "second_factor": second_factor }),
            },
            now.naive_utc(),
        )
    })?;
    Ok(SignInOutcome::SignedIn { token, claims })
}

/// What the second step of a sign-in came to.
#[derive(Debug)]
pub enum StepOutcome {
    /// Signed in.
    SignedIn {
        token: String,
        claims: SessionClaims,
        /// Whether a recovery code was spent (the page then says how many are left).
        recovery_code_used: bool,
    },
    /// The code was wrong (or too many were): the step stands.
    Code(CodeCheck),
    /// The step no longer holds (the account was disabled, its password changed, or its
    /// authenticator reset since): sign in again.
    StartAgain,
}

/// The account a step token belongs to, if the step still holds.
pub fn step_account(
    conn: &mut DbConnection,
    claims: &StepClaims,
) -> Result<Option<user::User>, ServiceError> {
    let Some(account) = claims
        .user_id()
        .map(|id| user::find_by_id(conn, id))
        .transpose()?
        .flatten()
    else {
        return Ok(None);
    };
    Ok(step_holds(&account, claims.auth_time).then_some(account))
}

/// Whether a step whose password was checked at `auth_time` still holds for `account`: it is
/// active and its password has not changed since.
pub fn step_holds(account: &user::User, auth_time: i64) -> bool {
    account.active && auth_time >= account.password_changed_at.and_utc().timestamp()
}

/// Finishes a sign-in with the code its step asked for: from the authenticator (or a recovery
/// code) at [`Step::Code`], the new authenticator's first code at [`Step::Enrol`].
pub fn finish_sign_in(
    conn: &mut DbConnection,
    context: SignInContext<'_>,
    claims: &StepClaims,
    code: TypedCode<'_>,
    language: app::i18n::Locale,
) -> Result<StepOutcome, ServiceError> {
    let Some(account) = step_account(conn, claims)? else {
        return Ok(StepOutcome::StartAgain);
    };
    let key = two_factor::key_of(context.keys);
    let checked = match claims.step {
        Step::Code => {
            if !two_factor::is_on(conn, account.id)? {
                return Ok(StepOutcome::StartAgain);
            }
            two_factor::check_sign_in_code(conn, &key, context.limits, &account, code)?
        }
        Step::Enrol => {
            // Only the enrolment this sign-in began: another sign-in with the same password
            // may have replaced it since.
            if two_factor::pending_enrolment(conn, account.id)? != claims.enrolment {
                return Ok(StepOutcome::StartAgain);
            }
            two_factor::confirm(conn, &key, context.limits, &account, code)?
        }
    };
    if !checked.accepted() {
        return Ok(StepOutcome::Code(checked));
    }
    match open_session(
        conn,
        context.sessions,
        &account,
        code.client_ip,
        language,
        checked.method(),
        code.now,
    )? {
        SignInOutcome::SignedIn { token, claims } => Ok(StepOutcome::SignedIn {
            token,
            claims,
            recovery_code_used: checked == CodeCheck::RecoveryCode,
        }),
        _ => Err(ServiceError::Unexpected(anyhow::anyhow!(
            "opening a session answered something else"
        ))),
    }
}

/// Ends `principal`'s session at `now`: its token is refused from then on, until it would have
/// expired anyway (`lifetime_secs` later), when the revocation can be forgotten.
pub fn sign_out(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    lifetime_secs: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let now = now.naive_utc();
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        revoked_session::revoke(
            conn,
            &principal.session_id,
            now,
            now + Duration::seconds(lifetime_secs),
        )?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::principal(principal),
                action: "staff.signed_out",
                subject_kind: "user",
                subject_id: principal.user_id.to_string(),
                details: serde_json::json!({}),
            },
            now,
        )?;
        Ok(())
    })
}
