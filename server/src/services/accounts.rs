//! Staff accounts: an operator creates one (the role decides whether it belongs to an
//! agency), and a signed-in staff member changes their password, which ends the session it
//! was changed in and starts a new one. Hashing stays in `auth::password`.

use super::error::{problem, ServiceError};
use crate::auth::password;
use crate::auth::session_token::SessionTokens;
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::user::{self, NewUser, User};
use crate::db::models::{agency, rate_limit, revoked_session};
use crate::db::{write_transaction, DbConnection};
use crate::domain::rules::valid_email;
use app::port::StaffPrincipal;
use app::types::FormError;
use app::types::Role;
use chrono::{DateTime, Utc};

/// Normalises an email address for lookup: trimmed, lower-case.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// An account to create, as the operator typed it.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub role: &'a str,
    /// Required for reviewers and supervisors, refused for ombudsmen and admins.
    pub agency_slug: Option<&'a str>,
    /// Shown in the staff pages; the email when absent or blank.
    pub display_name: Option<&'a str>,
    pub password: &'a str,
}

/// Creates an active account. Every broken rule is named at once (`Invalid`, fields `email`,
/// `role`, `agency`, `password`); an existing account for the email is a `Conflict`.
pub fn create(
    conn: &mut DbConnection,
    new: &NewAccount<'_>,
    now: DateTime<Utc>,
) -> Result<User, ServiceError> {
    let email = normalise_email(new.email);
    let mut problems = Vec::new();
    if !valid_email(&email) {
        problems.push(problem("email", "must be an email address"));
    }
    let role = Role::parse(new.role);
    match (role, new.agency_slug) {
        (None, _) => problems.push(problem(
            "role",
            "must be one of reviewer, supervisor, ombudsman, admin",
        )),
        (Some(role), None) if role.is_agency_staff() => problems.push(problem(
            "agency",
            format!("is required for a {}", role.as_str()),
        )),
        (Some(role), Some(_)) if !role.is_agency_staff() => problems.push(problem(
            "agency",
            format!("is refused for an {}: they see every agency", role.as_str()),
        )),
        _ => {}
    }
    let owner = match new.agency_slug.filter(|_| problems.is_empty()) {
        Some(slug) => {
            let found = agency::find_by_slug(conn, slug)?;
            if found.is_none() {
                problems.push(problem("agency", format!("{slug} is not an agency")));
            }
            found
        }
        None => None,
    };
    let known = [email.as_str(), new.display_name.unwrap_or_default()];
    match password::policy_error(new.password, &known) {
        Some(FormError::PasswordTooLong) => {
            problems.push(problem("password", "must be at most 128 characters"))
        }
        Some(FormError::PasswordCommon) => problems.push(problem(
            "password",
            "is one of the 10,000 most common passwords",
        )),
        Some(FormError::PasswordWeak) => problems.push(problem(
            "password",
            "is too easy to guess: use a longer sentence of uncommon words",
        )),
        Some(_) => problems.push(problem("password", "must be at least 12 characters")),
        None => {}
    }
    let Some(role) = role.filter(|_| problems.is_empty()) else {
        return Err(ServiceError::Invalid(problems));
    };
    if user::find_by_email(conn, &email)?.is_some() {
        return Err(ServiceError::Conflict {
            message: format!("an account for {email} already exists"),
            details: vec![problem("email", "already has an account")],
        });
    }
    let hash = password::hash(new.password)?;
    let now = now.naive_utc();
    let display_name = new
        .display_name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(&email)
        .to_string();
    Ok(user::insert(
        conn,
        &NewUser {
            email: &email,
            display_name: &display_name,
            password_hash: &hash,
            role: role.as_str(),
            agency_id: owner.map(|a| a.id),
            active: true,
            password_changed_at: now,
            created_at: now,
        },
    )?)
}

/// What a password change came to.
#[derive(Debug)]
pub enum PasswordChange {
    /// Changed; the session it was made in is over and this token starts the next one.
    Changed { token: String },
    /// The current password typed is not the account's.
    WrongCurrentPassword,
    /// Too many wrong current passwords lately: a stolen session cannot be used to guess the
    /// password behind it.
    TooManyAttempts,
}

/// Wrong current passwords allowed per account within [`CURRENT_PASSWORD_WINDOW_MINUTES`].
pub const CURRENT_PASSWORD_ATTEMPTS: i64 = 5;
/// The window those are counted in.
pub const CURRENT_PASSWORD_WINDOW_MINUTES: i64 = 15;
const CURRENT_PASSWORD_BUCKET: &str = "current_password";

/// Changes `principal`'s password from `current` to `new` (the form has applied the policy
/// to `new`), revokes the session the change was made in, and issues a new session token.
pub fn change_password(
    conn: &mut DbConnection,
    tokens: &SessionTokens,
    principal: &StaffPrincipal,
    current: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<PasswordChange, ServiceError> {
    let account = user::find_by_id(conn, principal.user_id)?
        .ok_or_else(|| anyhow::anyhow!("signed-in user {} no longer exists", principal.user_id))?;
    let subject = account.id.to_string();
    let since = now.naive_utc() - chrono::Duration::minutes(CURRENT_PASSWORD_WINDOW_MINUTES);
    if rate_limit::count_since(conn, CURRENT_PASSWORD_BUCKET, &subject, since)?
        >= CURRENT_PASSWORD_ATTEMPTS
    {
        return Ok(PasswordChange::TooManyAttempts);
    }
    if !password::verify(current, &account.password_hash) {
        rate_limit::record(conn, CURRENT_PASSWORD_BUCKET, &subject, now.naive_utc())?;
        return Ok(PasswordChange::WrongCurrentPassword);
    }
    let new_hash = password::hash(new)?;
    // Whole seconds, because tokens record sign-in time in seconds.
    let now_secs = now.timestamp();
    let now = DateTime::from_timestamp(now_secs, 0)
        .map(|t| t.naive_utc())
        .ok_or_else(|| anyhow::anyhow!("clock out of range"))?;
    let lifetime = tokens.lifetime_secs();
    write_transaction(conn, |conn| -> Result<(), ServiceError> {
        user::set_password_hash(conn, account.id, &new_hash, now)?;
        revoked_session::revoke(
            conn,
            &principal.session_id,
            now,
            now + chrono::Duration::seconds(lifetime),
        )?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::staff(account.id, &account.role, account.agency_id),
                action: "staff.password_changed",
                subject_kind: "user",
                subject_id: account.id.to_string(),
                details: serde_json::json!({}),
            },
            now,
        )?;
        Ok(())
    })?;
    let (token, _) = tokens.issue(
        account.id,
        &crate::secrets::random_token(),
        now_secs,
        now_secs,
    )?;
    Ok(PasswordChange::Changed { token })
}

#[cfg(test)]
mod tests {
    use super::normalise_email;

    #[test]
    fn emails_are_looked_up_trimmed_and_lower_case() {
        assert_eq!(
            normalise_email("  Reviewer@Agency.KZ "),
            "reviewer@agency.kz"
        );
    }
}
