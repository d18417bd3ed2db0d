//! Staff accounts.

use crate::db::schema::users;
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A stored staff account.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub agency_id: Option<i64>,
    pub active: bool,
    pub password_changed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    /// The language of the messages sent to them: the one they last signed in with.
    pub language: Option<String>,
}

/// A new staff account.
#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub agency_id: Option<i64>,
    pub active: bool,
    pub password_changed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

/// Looks an account up by its (already normalised) email.
pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<User>> {
    users::table
        .filter(users::email.eq(email))
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Looks an account up by id.
pub fn find_by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// Inserts an account and returns it.
pub fn insert(conn: &mut DbConnection, new: &NewUser<'_>) -> QueryResult<User> {
    diesel::insert_into(users::table)
        .values(new)
        .execute(conn)?;
    users::table
        .filter(users::email.eq(new.email))
        .select(User::as_select())
        .first(conn)
}

/// Replaces an account's password hash, recording when (older sessions stop working).
pub fn set_password_hash(
    conn: &mut DbConnection,
    id: i64,
    hash: &str,
    changed_at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(hash),
            users::password_changed_at.eq(changed_at),
        ))
        .execute(conn)
}

/// Records the language a staff member signed in with, for the messages sent to them.
pub fn set_language(conn: &mut DbConnection, id: i64, language: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set(users::language.eq(language))
        .execute(conn)
}

/// Active accounts of `role`, of `agency` when given: the people a message goes to.
pub fn active_with_role(
    conn: &mut DbConnection,
    role: &str,
    agency: Option<i64>,
) -> QueryResult<Vec<User>> {
    let mut query = users::table
        .filter(users::role.eq(role))
        .filter(users::active.eq(true))
        .select(User::as_select())
        .order(users::id)
        .into_boxed();
    if let Some(agency) = agency {
        query = query.filter(users::agency_id.eq(agency));
    }
    query.load(conn)
}

/// Every staff account, by email: the admin's list.
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<User>> {
    users::table
        .select(User::as_select())
        .order(users::email)
        .load(conn)
}
