//! The flash cookie: what a form post hands to the page it redirects to (typed values and
//! errors, or a notice). Read once by the next page, then cleared.

use app::types::{FieldError, Flash, FormError, Notice};
use base64::Engine;

/// The cookie holding the flash.
pub const COOKIE: &str = "redress_flash";
const MAX_VALUE_CHARS: usize = 300;

/// Encodes a flash for the cookie.
pub fn encode(flash: &Flash) -> String {
    let json = serde_json::to_vec(flash).unwrap_or_default();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

/// Decodes the cookie; anything malformed is ignored.
pub fn decode(value: &str) -> Option<Flash> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(value)
        .ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// A flash carrying errors and the values typed (never passwords: callers pass only safe fields).
pub fn with_errors(form: &str, values: &[(&str, &str)], errors: Vec<FieldError>) -> Flash {
    Flash {
        form: form.into(),
        values: values
            .iter()
            .map(|(k, v)| (k.to_string(), v.chars().take(MAX_VALUE_CHARS).collect()))
            .collect(),
        errors,
        notice: None,
    }
}

/// A flash carrying a notice for `form`'s page.
pub fn notice(form: &str, notice: Notice) -> Flash {
    Flash {
        form: form.into(),
        notice: Some(notice),
        ..Flash::default()
    }
}

/// One field error.
pub fn field_error(field: &str, code: FormError) -> FieldError {
    FieldError {
        field: field.into(),
        code,
    }
}

/// The cookie value's prefix when the flash itself is stored in the database.
const STORED_PREFIX: &str = "db:";

/// Stores a flash too long for a cookie; returns the cookie value that points to it.
pub fn store(conn: &mut crate::db::DbConnection, flash: &Flash) -> diesel::QueryResult<String> {
    use crate::db::schema::stored_flashes;
    use diesel::prelude::*;
    let id = crate::secrets::random_token();
    let now = chrono::Utc::now().naive_utc();
    diesel::delete(stored_flashes::table.filter(stored_flashes::expires_at.lt(now)))
        .execute(conn)?;
    diesel::insert_into(stored_flashes::table)
        .values((
            stored_flashes::id.eq(&id),
            stored_flashes::payload.eq(serde_json::to_string(flash).unwrap_or_default()),
            stored_flashes::expires_at.eq(now + chrono::Duration::minutes(10)),
        ))
        .execute(conn)?;
    Ok(format!("{STORED_PREFIX}{id}"))
}

/// The id of a stored flash, if the cookie points to one.
pub fn stored_id(cookie_value: &str) -> Option<&str> {
    cookie_value.strip_prefix(STORED_PREFIX)
}

/// Reads and deletes a stored flash.
pub fn take_stored(
    conn: &mut crate::db::DbConnection,
    id: &str,
) -> diesel::QueryResult<Option<Flash>> {
    use crate::db::schema::stored_flashes;
    use diesel::prelude::*;
    let payload: Option<String> = stored_flashes::table
        .filter(stored_flashes::id.eq(id))
        .filter(stored_flashes::expires_at.ge(chrono::Utc::now().naive_utc()))
        .select(stored_flashes::payload)
        .first(conn)
        .optional()?;
    diesel::delete(stored_flashes::table.filter(stored_flashes::id.eq(id))).execute(conn)?;
    Ok(payload.and_then(|p| serde_json::from_str(&p).ok()))
}
