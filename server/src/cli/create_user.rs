//! `redress create-user --email E --role R [--agency SLUG]`.

use crate::auth::{password, signin::normalise_email};
use crate::config::Settings;
use crate::db::models::agency;
use crate::db::models::user::{self, NewUser};
use crate::db::DbConnection;
use app::types::Role;
use std::io::{BufRead, IsTerminal};

/// Creates a staff account, reading the password from stdin or a prompt.
pub fn run(
    settings: &Settings,
    email: &str,
    role: &str,
    agency_slug: Option<&str>,
    name: Option<&str>,
) -> anyhow::Result<()> {
    let password = read_password()?;
    let mut conn = super::connection(settings)?;
    let created = create(&mut conn, email, role, agency_slug, name, &password)?;
    println!("user created: {} ({})", created.email, created.role);
    Ok(())
}

/// Validates and inserts an account; every refusal names the flag and the reason.
pub fn create(
    conn: &mut DbConnection,
    email: &str,
    role: &str,
    agency_slug: Option<&str>,
    name: Option<&str>,
    password_plain: &str,
) -> anyhow::Result<user::User> {
    let email = normalise_email(email);
    if !email.contains('@') {
        anyhow::bail!("--email must be an email address");
    }
    let role = Role::parse(role).ok_or_else(|| {
        anyhow::anyhow!("--role must be one of reviewer, supervisor, ombudsman, admin")
    })?;
    let agency_id = match (role.is_agency_staff(), agency_slug) {
        (true, None) => anyhow::bail!("--agency is required for a {}", role.as_str()),
        (false, Some(_)) => anyhow::bail!(
            "--agency is refused for an {}: they see every agency",
            role.as_str()
        ),
        (true, Some(slug)) => Some(
            agency::find_by_slug(conn, slug)?
                .ok_or_else(|| anyhow::anyhow!("--agency: no agency with slug {slug}"))?
                .id,
        ),
        (false, None) => None,
    };
    if let Some(code) = password::policy_error(password_plain) {
        let reason = if code == "error_password_too_long" {
            "at most 128 characters"
        } else {
            "at least 12 characters"
        };
        anyhow::bail!("the password must be {reason}");
    }
    if user::find_by_email(conn, &email)?.is_some() {
        anyhow::bail!("--email: an account for {email} already exists");
    }
    let hash = password::hash(password_plain)?;
    let now = chrono::Utc::now().naive_utc();
    let display_name = name
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
            agency_id,
            active: true,
            password_changed_at: now,
            created_at: now,
        },
    )?)
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let second = rpassword::prompt_password("Password again: ")?;
        if first != second {
            anyhow::bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}
