//! `redress create-user --email E --role R [--agency SLUG]`.

use crate::config::Settings;
use crate::db::models::user::User;
use crate::db::DbConnection;
use crate::services::accounts::{self, NewAccount};
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

/// Creates an account through `services::accounts`; every refusal names the flag and the reason.
pub fn create(
    conn: &mut DbConnection,
    email: &str,
    role: &str,
    agency_slug: Option<&str>,
    name: Option<&str>,
    password_plain: &str,
) -> anyhow::Result<User> {
    let new = NewAccount {
        email,
        role,
        agency_slug,
        display_name: name,
        password: password_plain,
    };
    accounts::create(conn, &new, chrono::Utc::now()).map_err(super::refusal)
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
