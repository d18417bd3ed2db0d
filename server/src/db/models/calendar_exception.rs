//! The dated exceptions an agency's admins add to the holiday rules (docs/deadlines.md).

use crate::db::schema::calendar_exceptions;
use crate::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

/// A stored exception: `kind` is `day_off` or `working_day`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = calendar_exceptions)]
pub struct StoredException {
    pub id: i64,
    pub agency_id: i64,
    pub day: NaiveDate,
    pub kind: String,
    pub note: String,
    pub created_at: NaiveDateTime,
}

/// A new exception.
#[derive(Debug, Insertable)]
#[diesel(table_name = calendar_exceptions)]
pub struct NewException<'a> {
    pub agency_id: i64,
    pub day: NaiveDate,
    pub kind: &'a str,
    pub note: &'a str,
    pub created_at: NaiveDateTime,
}

/// Every exception of an agency, by date.
pub fn for_agency(conn: &mut DbConnection, agency_id: i64) -> QueryResult<Vec<StoredException>> {
    calendar_exceptions::table
        .filter(calendar_exceptions::agency_id.eq(agency_id))
        .order(calendar_exceptions::day.asc())
        .select(StoredException::as_select())
        .load(conn)
}

/// Adds an exception, or replaces the one the agency already had on that day.
pub fn put(conn: &mut DbConnection, new: NewException<'_>) -> QueryResult<()> {
    diesel::delete(
        calendar_exceptions::table
            .filter(calendar_exceptions::agency_id.eq(new.agency_id))
            .filter(calendar_exceptions::day.eq(new.day)),
    )
    .execute(conn)?;
    diesel::insert_into(calendar_exceptions::table)
        .values(&new)
        .execute(conn)?;
    Ok(())
}

/// Removes the agency's exception on `day`; whether there was one.
pub fn remove(conn: &mut DbConnection, agency_id: i64, day: NaiveDate) -> QueryResult<bool> {
    let removed = diesel::delete(
        calendar_exceptions::table
            .filter(calendar_exceptions::agency_id.eq(agency_id))
            .filter(calendar_exceptions::day.eq(day)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}
