//! Staff members' authenticators and recovery codes (`services::two_factor`). What is secret is
//! sealed or hashed before it reaches these functions (`auth::two_factor_secret`).

use crate::db::schema::{staff_recovery_codes, staff_two_factor};
use crate::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// One staff member's authenticator.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = staff_two_factor)]
pub struct TwoFactorRow {
    pub user_id: i64,
    pub secret_sealed: String,
    pub recovery_sealed: Option<String>,
    pub confirmed_at: Option<NaiveDateTime>,
    pub last_step: Option<i64>,
    pub created_at: NaiveDateTime,
}

/// The authenticator of `user_id`, confirmed or not.
pub fn find(conn: &mut DbConnection, user_id: i64) -> QueryResult<Option<TwoFactorRow>> {
    staff_two_factor::table
        .find(user_id)
        .select(TwoFactorRow::as_select())
        .first(conn)
        .optional()
}

/// The authenticators of the accounts among `user_ids`.
pub fn all_among(conn: &mut DbConnection, user_ids: &[i64]) -> QueryResult<Vec<TwoFactorRow>> {
    staff_two_factor::table
        .filter(staff_two_factor::user_id.eq_any(user_ids))
        .select(TwoFactorRow::as_select())
        .load(conn)
}

/// Starts an enrolment: any earlier authenticator and its codes are replaced.
pub fn start(
    conn: &mut DbConnection,
    user_id: i64,
    secret_sealed: &str,
    recovery_sealed: &str,
    code_hashes: &[String],
    now: NaiveDateTime,
) -> QueryResult<()> {
    remove(conn, user_id)?;
    diesel::insert_into(staff_two_factor::table)
        .values((
            staff_two_factor::user_id.eq(user_id),
            staff_two_factor::secret_sealed.eq(secret_sealed),
            staff_two_factor::recovery_sealed.eq(Some(recovery_sealed)),
            staff_two_factor::created_at.eq(now),
        ))
        .execute(conn)?;
    insert_codes(conn, user_id, code_hashes)
}

/// Replaces `user_id`'s recovery codes (kept sealed until written down).
pub fn replace_codes(
    conn: &mut DbConnection,
    user_id: i64,
    recovery_sealed: &str,
    code_hashes: &[String],
) -> QueryResult<()> {
    diesel::delete(staff_recovery_codes::table.filter(staff_recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::update(staff_two_factor::table.find(user_id))
        .set(staff_two_factor::recovery_sealed.eq(Some(recovery_sealed)))
        .execute(conn)?;
    insert_codes(conn, user_id, code_hashes)
}

fn insert_codes(conn: &mut DbConnection, user_id: i64, code_hashes: &[String]) -> QueryResult<()> {
    // One row at a time: the connection over both backends has no batch insert, and there are ten.
    for hash in code_hashes {
        diesel::insert_into(staff_recovery_codes::table)
            .values((
                staff_recovery_codes::user_id.eq(user_id),
                staff_recovery_codes::code_hash.eq(hash),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Confirms the enrolment with the step of its first code.
pub fn confirm(
    conn: &mut DbConnection,
    user_id: i64,
    step: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(staff_two_factor::table.find(user_id))
        .set((
            staff_two_factor::confirmed_at.eq(Some(now)),
            staff_two_factor::last_step.eq(Some(step)),
            staff_two_factor::recovery_sealed.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records `step` as used, unless a code of that step or a later one was accepted meanwhile
/// (two posts of one code at once): `false` then, and the second is refused.
pub fn use_step(conn: &mut DbConnection, user_id: i64, step: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        staff_two_factor::table.find(user_id).filter(
            staff_two_factor::last_step
                .is_null()
                .or(staff_two_factor::last_step.lt(step)),
        ),
    )
    .set(staff_two_factor::last_step.eq(Some(step)))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Forgets the recovery codes' sealed copy: they have been written down.
pub fn codes_kept(conn: &mut DbConnection, user_id: i64) -> QueryResult<()> {
    diesel::update(staff_two_factor::table.find(user_id))
        .set(staff_two_factor::recovery_sealed.eq(None::<String>))
        .execute(conn)?;
    Ok(())
}

/// Spends the unused recovery code with `code_hash`: `true` when there was one.
pub fn spend_code(
    conn: &mut DbConnection,
    user_id: i64,
    code_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(
        staff_recovery_codes::table
            .filter(staff_recovery_codes::user_id.eq(user_id))
            .filter(staff_recovery_codes::code_hash.eq(code_hash))
            .filter(staff_recovery_codes::used_at.is_null()),
    )
    .set(staff_recovery_codes::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok(updated > 0)
}

/// How many of `user_id`'s recovery codes are left.
pub fn codes_left(conn: &mut DbConnection, user_id: i64) -> QueryResult<i64> {
    staff_recovery_codes::table
        .filter(staff_recovery_codes::user_id.eq(user_id))
        .filter(staff_recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

/// Removes `user_id`'s authenticator and recovery codes.
pub fn remove(conn: &mut DbConnection, user_id: i64) -> QueryResult<usize> {
    diesel::delete(staff_recovery_codes::table.filter(staff_recovery_codes::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(staff_two_factor::table.find(user_id)).execute(conn)
}
