//! The recipients of a message: the citizen's confirmed address, and staff by role.

use crate::db::models::agency::Agency;
use crate::db::models::email_link;
use crate::db::models::user::{self, User};
use crate::db::DbConnection;
use crate::domain::stored;
use app::i18n::{pick_text, Locale, LocalizedText};
use diesel::QueryResult;

/// An address as it is compared and stored: trimmed, in lower case.
pub use crate::services::accounts::normalise_email as normalise;

/// The address the citizen gave, if they have confirmed it.
pub fn confirmed_citizen(
    conn: &mut DbConnection,
    contact_email: &str,
) -> QueryResult<Option<String>> {
    let email = normalise(contact_email);
    Ok(email_link::confirmed_at(conn, &email)?.map(|_| email))
}

/// A staff member's address and language.
pub fn staff(member: &User) -> (String, Locale) {
    let language = member
        .language
        .as_deref()
        .and_then(Locale::parse)
        .unwrap_or_default();
    (normalise(&member.email), language)
}

/// The active supervisors of `agency`.
pub fn supervisors(conn: &mut DbConnection, agency: i64) -> QueryResult<Vec<User>> {
    user::active_with_role(conn, "supervisor", Some(agency))
}

/// Every active ombudsman.
pub fn ombudsmen(conn: &mut DbConnection) -> QueryResult<Vec<User>> {
    user::active_with_role(conn, "ombudsman", None)
}

/// The agency's name in `language` (its own default language, else any it has).
pub fn agency_name(agency: &Agency, language: Locale) -> String {
    stored::document::<LocalizedText>(&agency.name_json, "agency name")
        .map(|name| pick_text(&name, language, Locale::default()).0)
        .unwrap_or_else(|_| agency.slug.clone())
}
