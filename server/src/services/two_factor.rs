//! Staff two-factor sign-in as its own use cases: setting up an authenticator, checking a code
//! (or a recovery code), issuing new recovery codes, turning it off where the role allows, and
//! an admin's reset. Every change is audited; guesses count against the same limits as
//! passwords (`domain::attempts`). See docs/security.md, "Two-factor sign-in".

use super::error::ServiceError;
use crate::auth::{recovery_codes, totp, two_factor_secret};
use crate::config::{RateLimitSettings, TwoFactorSettings};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::two_factor::{self, TwoFactorRow};
use crate::db::models::user::User;
use crate::db::models::{agency, rate_limit, user};
use crate::db::{write_transaction, DbConnection};
use app::port::StaffPrincipal;
use app::types::{
    Role, StaffAccountRow, StaffAccounts, TwoFactorSetup, TwoFactorState, TwoFactorView,
};
use chrono::{DateTime, Duration, Utc};

/// The key that seals TOTP secrets and keys recovery-code hashes. Sealed values do not name
/// their key, so this purpose is not rotated (`keys::Purpose::rotation` refuses it).
pub fn key_of(keys: &crate::keys::Keys) -> Vec<u8> {
    keys.current(crate::keys::Purpose::Totp).secret().to_vec()
}

/// The kind of guess the rate limits count.
const GUESS: &str = "staff_code";

/// What a typed code came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// A current code from the authenticator.
    Code,
    /// One of the recovery codes, now spent.
    RecoveryCode,
    /// Neither.
    Wrong,
    /// Too many wrong codes lately.
    RateLimited,
}

impl CodeCheck {
    /// Whether the code was good.
    pub fn accepted(self) -> bool {
        matches!(self, CodeCheck::Code | CodeCheck::RecoveryCode)
    }

    /// How the second factor was given, for the audit log.
    pub fn method(self) -> &'static str {
        match self {
            CodeCheck::RecoveryCode => "recovery_code",
            _ => "totp",
        }
    }
}

/// A typed code, from where, when.
#[derive(Debug, Clone, Copy)]
pub struct TypedCode<'a> {
    pub typed: &'a str,
    pub client_ip: &'a str,
    pub now: DateTime<Utc>,
}

/// Which codes a check accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Accepting {
    /// The first code of an authenticator waiting for it.
    First,
    /// A current code of a confirmed authenticator, and nothing else: for changes made from a
    /// session (new recovery codes, turning it off), which a stolen session must not make.
    App,
    /// A current code or an unused recovery code: for signing in.
    AppOrRecovery,
}

/// The id of an enrolment: when it began, in microseconds. A sign-in step names the enrolment
/// it began, so no one else's (another sign-in with the same password) can be read or
/// confirmed with it.
pub fn enrolment_id(row: &TwoFactorRow) -> i64 {
    row.created_at.and_utc().timestamp_micros()
}

/// The enrolment `account_id` has waiting, if any.
pub fn pending_enrolment(
    conn: &mut DbConnection,
    account_id: i64,
) -> Result<Option<i64>, ServiceError> {
    Ok(two_factor::find(conn, account_id)?
        .filter(|row| row.confirmed_at.is_none())
        .map(|row| enrolment_id(&row)))
}

/// `user`'s state, from their authenticator row.
fn state_of(row: Option<&TwoFactorRow>) -> TwoFactorState {
    match row {
        None => TwoFactorState::Off,
        Some(row) if row.confirmed_at.is_none() => TwoFactorState::Pending,
        Some(_) => TwoFactorState::On,
    }
}

/// Whether `account` has a confirmed authenticator.
pub fn is_on(conn: &mut DbConnection, account_id: i64) -> Result<bool, ServiceError> {
    Ok(state_of(two_factor::find(conn, account_id)?.as_ref()) == TwoFactorState::On)
}

/// The two-factor page of `account`.
pub fn view(
    conn: &mut DbConnection,
    key: &[u8],
    settings: &TwoFactorSettings,
    account: &User,
    during_sign_in: bool,
) -> Result<TwoFactorView, ServiceError> {
    let row = two_factor::find(conn, account.id)?;
    let state = state_of(row.as_ref());
    let setup = match (&row, state) {
        (Some(row), TwoFactorState::Pending) => {
            let secret = open(key, account.id, &row.secret_sealed)?;
            let url = totp::provisioning_url(&secret, &settings.issuer, &account.email)
                .ok_or_else(|| anyhow::anyhow!("the TOTP secret of {} is unusable", account.id))?;
            Some(TwoFactorSetup {
                qr_svg: totp::qr_svg(&url)
                    .ok_or_else(|| anyhow::anyhow!("the enrolment QR code cannot be drawn"))?,
                secret: totp::secret_for_typing(&secret),
                account: account.email.clone(),
            })
        }
        _ => None,
    };
    let new_recovery_codes = match row.as_ref().and_then(|r| r.recovery_sealed.as_ref()) {
        Some(sealed) => serde_json::from_slice(&open(key, account.id, sealed)?)
            .map_err(|e| anyhow::anyhow!("sealed recovery codes unreadable: {e}"))?,
        None => Vec::new(),
    };
    let recovery_codes_left = match state {
        TwoFactorState::On => two_factor::codes_left(conn, account.id)?,
        _ => 0,
    };
    Ok(TwoFactorView {
        state,
        required: Role::parse(&account.role).is_some_and(|r| settings.required_for(r)),
        setup,
        new_recovery_codes,
        recovery_codes_left,
        during_sign_in,
    })
}

fn open(key: &[u8], user_id: i64, sealed: &str) -> Result<Vec<u8>, ServiceError> {
    two_factor_secret::open(key, user_id, sealed)
        .map_err(|e| ServiceError::Unexpected(anyhow::anyhow!("account {user_id}: {e}")))
}

/// New recovery codes: shown once, kept as hashes, and sealed until written down.
fn issue_codes(key: &[u8], user_id: i64) -> (String, Vec<String>) {
    let codes = recovery_codes::generate();
    let hashes = codes.iter().map(|c| recovery_codes::hash(key, c)).collect();
    let listed = serde_json::to_vec(&codes).unwrap_or_default();
    (two_factor_secret::seal(key, user_id, &listed), hashes)
}

/// Starts setting up an authenticator for `account`, unless one is on or already waiting for
/// its first code (then that one is kept, so a reload does not change the QR code).
pub fn start(
    conn: &mut DbConnection,
    key: &[u8],
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        if two_factor::find(conn, account_id)?.is_some() {
            return Ok(());
        }
        let secret = totp::new_secret();
        let sealed_secret = two_factor_secret::seal(key, account_id, &secret);
        let (sealed_codes, hashes) = issue_codes(key, account_id);
        two_factor::start(
            conn,
            account_id,
            &sealed_secret,
            &sealed_codes,
            &hashes,
            now.naive_utc(),
        )?;
        Ok(())
    })
}

/// A new enrolment for a sign-in that requires one: any enrolment still waiting (begun by an
/// earlier sign-in, perhaps by someone else with the password) is replaced, with its recovery
/// codes, so only this sign-in's step can read or confirm the new one. Returns its id.
pub fn restart(
    conn: &mut DbConnection,
    key: &[u8],
    account_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, ServiceError> {
    // Stored to the microsecond, as both databases keep it, so the id reads back the same.
    let now = DateTime::<Utc>::from_timestamp_micros(now.timestamp_micros()).unwrap_or(now);
    write_transaction(conn, |conn| -> Result<i64, ServiceError> {
        if two_factor::find(conn, account_id)?.is_some_and(|row| row.confirmed_at.is_some()) {
            return Err(ServiceError::Unexpected(anyhow::anyhow!(
                "account {account_id} already has an authenticator"
            )));
        }
        let secret = totp::new_secret();
        let sealed_secret = two_factor_secret::seal(key, account_id, &secret);
        let (sealed_codes, hashes) = issue_codes(key, account_id);
        two_factor::start(
            conn,
            account_id,
            &sealed_secret,
            &sealed_codes,
            &hashes,
            now.naive_utc(),
        )?;
        Ok(now.timestamp_micros())
    })
}

/// Checks `code` against `account`'s authenticator as `accepting` says. A good code is spent.
/// Wrong codes are counted and audited.
fn check(
    conn: &mut DbConnection,
    key: &[u8],
    limits: &RateLimitSettings,
    account: &User,
    code: TypedCode<'_>,
    accepting: Accepting,
) -> Result<CodeCheck, ServiceError> {
    let confirming = accepting == Accepting::First;
    let now = code.now.naive_utc();
    let subject = account.id.to_string();
    let since = now - Duration::minutes(limits.window_minutes);
    let failures = rate_limit::failures(conn, GUESS, &subject, code.client_ip, since)?;
    if !crate::domain::attempts::may_attempt(failures, limits.signin()) {
        tracing::warn!(client_ip = %code.client_ip, ?failures, "two-factor code rate limit reached");
        return Ok(CodeCheck::RateLimited);
    }
    let outcome = write_transaction(conn, |conn| -> Result<CodeCheck, ServiceError> {
        let Some(row) = two_factor::find(conn, account.id)? else {
            return Ok(CodeCheck::Wrong);
        };
        if row.confirmed_at.is_some() == confirming {
            return Ok(CodeCheck::Wrong);
        }
        let secret = open(key, account.id, &row.secret_sealed)?;
        let last = row.last_step.and_then(|s| u64::try_from(s).ok());
        let unix = u64::try_from(code.now.timestamp()).unwrap_or(0);
        if let Some(step) = totp::accepted_step(&secret, code.typed, unix, last) {
            let step = i64::try_from(step).unwrap_or(i64::MAX);
            if confirming {
                two_factor::confirm(conn, account.id, step, now)?;
                audit::append(
                    conn,
                    AuditEvent {
                        actor: Actor::staff(account.id, &account.role, account.agency_id),
                        action: "staff.two_factor_enabled",
                        subject_kind: "user",
                        subject_id: subject.clone(),
                        details: serde_json::json!({ "ip": code.client_ip }),
                    },
                    now,
                )?;
                return Ok(CodeCheck::Code);
            }
            return Ok(if two_factor::use_step(conn, account.id, step)? {
                CodeCheck::Code
            } else {
                CodeCheck::Wrong
            });
        }
        if accepting == Accepting::AppOrRecovery && recovery_codes::looks_like_code(code.typed) {
            let hash = recovery_codes::hash(key, code.typed);
            if two_factor::spend_code(conn, account.id, &hash, now)? {
                return Ok(CodeCheck::RecoveryCode);
            }
        }
        Ok(CodeCheck::Wrong)
    })?;
    if outcome == CodeCheck::Wrong {
        write_transaction(conn, |conn| -> Result<(), ServiceError> {
            rate_limit::record_failure(conn, GUESS, &subject, code.client_ip, now)?;
            audit::append(
                conn,
                AuditEvent {
                    actor: Actor::anonymous(),
                    action: "staff.two_factor_failed",
                    subject_kind: "user",
                    subject_id: subject.clone(),
                    details: serde_json::json!({ "ip": code.client_ip }),
                },
                now,
            )?;
            Ok(())
        })?;
    }
    Ok(outcome)
}

/// Checks a sign-in's second factor: a current code or an unused recovery code.
pub fn check_sign_in_code(
    conn: &mut DbConnection,
    key: &[u8],
    limits: &RateLimitSettings,
    account: &User,
    code: TypedCode<'_>,
) -> Result<CodeCheck, ServiceError> {
    check(conn, key, limits, account, code, Accepting::AppOrRecovery)
}

/// Confirms an enrolment with the first code from the app: from now on codes are asked for.
pub fn confirm(
    conn: &mut DbConnection,
    key: &[u8],
    limits: &RateLimitSettings,
    account: &User,
    code: TypedCode<'_>,
) -> Result<CodeCheck, ServiceError> {
    check(conn, key, limits, account, code, Accepting::First)
}

/// Replaces `principal`'s recovery codes with new ones (the old ones stop working), proven by
/// a current code from the app: a stolen session alone must not yield codes that sign in.
pub fn new_recovery_codes(
    conn: &mut DbConnection,
    key: &[u8],
    limits: &RateLimitSettings,
    principal: &StaffPrincipal,
    code: TypedCode<'_>,
) -> Result<CodeCheck, ServiceError> {
    let now = code.now;
    let account = user::find_by_id(conn, principal.user_id)?.ok_or(ServiceError::NotFound)?;
    let checked = check(conn, key, limits, &account, code, Accepting::App)?;
    if !checked.accepted() {
        return Ok(checked);
    }
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        let row = two_factor::find(conn, principal.user_id)?;
        if state_of(row.as_ref()) != TwoFactorState::On {
            return Err(ServiceError::NotFound);
        }
        let (sealed, hashes) = issue_codes(key, principal.user_id);
        two_factor::replace_codes(conn, principal.user_id, &sealed, &hashes)?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::principal(principal),
                action: "staff.recovery_codes_replaced",
                subject_kind: "user",
                subject_id: principal.user_id.to_string(),
                details: serde_json::json!({}),
            },
            now.naive_utc(),
        )?;
        Ok(())
    })?;
    Ok(checked)
}

/// The staff member has written the new recovery codes down: they are not shown again.
pub fn recovery_codes_kept(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
) -> Result<(), ServiceError> {
    two_factor::codes_kept(conn, principal.user_id)?;
    Ok(())
}

/// What turning two-factor sign-in off came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnOff {
    Done,
    /// The role must use it.
    Required,
    /// The code was wrong (or too many were).
    Code(CodeCheck),
}

/// Turns `principal`'s two-factor sign-in off, proven by a current code, where the role allows.
pub fn turn_off(
    conn: &mut DbConnection,
    key: &[u8],
    settings: &TwoFactorSettings,
    limits: &RateLimitSettings,
    principal: &StaffPrincipal,
    code: TypedCode<'_>,
) -> Result<TurnOff, ServiceError> {
    if settings.required_for(principal.role) {
        return Ok(TurnOff::Required);
    }
    let account = user::find_by_id(conn, principal.user_id)?.ok_or(ServiceError::NotFound)?;
    let checked = check(conn, key, limits, &account, code, Accepting::App)?;
    if !checked.accepted() {
        return Ok(TurnOff::Code(checked));
    }
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        two_factor::remove(conn, principal.user_id)?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::principal(principal),
                action: "staff.two_factor_disabled",
                subject_kind: "user",
                subject_id: principal.user_id.to_string(),
                details: serde_json::json!({ "ip": code.client_ip }),
            },
            code.now.naive_utc(),
        )?;
        Ok(())
    })?;
    Ok(TurnOff::Done)
}

/// An admin removes `target`'s authenticator (a lost phone and no recovery code): the staff
/// member sets up a new one at their next sign-in if their role requires it. Audited; only an
/// admin may, and not for their own account (another admin must, so one stolen admin password
/// and session cannot strip the admin's own second factor).
pub fn reset_by_admin(
    conn: &mut DbConnection,
    admin: &StaffPrincipal,
    target: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if admin.role != Role::Admin || admin.user_id == target {
        return Err(ServiceError::NotFound);
    }
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        let account = user::find_by_id(conn, target)?.ok_or(ServiceError::NotFound)?;
        let removed = two_factor::remove(conn, account.id)?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::principal(admin),
                action: "staff.two_factor_reset",
                subject_kind: "user",
                subject_id: account.id.to_string(),
                details: serde_json::json!({ "had_authenticator": removed > 0 }),
            },
            now.naive_utc(),
        )?;
        Ok(())
    })
}

/// The staff accounts with their two-factor state, for an admin (`NotFound` for anyone else).
pub fn accounts(
    conn: &mut DbConnection,
    settings: &TwoFactorSettings,
    admin: &StaffPrincipal,
) -> Result<StaffAccounts, ServiceError> {
    if admin.role != Role::Admin {
        return Err(ServiceError::NotFound);
    }
    let users = user::all(conn)?;
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    let rows = two_factor::all_among(conn, &ids)?;
    let agencies = agency::slugs_by_id(conn)?;
    let accounts = users
        .into_iter()
        .filter_map(|account| {
            let role = Role::parse(&account.role)?;
            let row = rows.iter().find(|r| r.user_id == account.id);
            Some(StaffAccountRow {
                id: account.id,
                agency_slug: account.agency_id.and_then(|id| agencies.get(&id).cloned()),
                email: account.email,
                display_name: account.display_name,
                role,
                active: account.active,
                two_factor: state_of(row),
                two_factor_required: settings.required_for(role),
            })
        })
        .collect();
    Ok(StaffAccounts { accounts })
}
