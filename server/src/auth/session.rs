//! Turning a session cookie into a verified staff principal: the token's signature and
//! expiry, then the database (account active, password unchanged since, session not revoked).

use crate::auth::session_token::SessionTokens;
use crate::db::models::{agency, revoked_session, user};
use crate::db::DbConnection;
use app::port::StaffPrincipal;
use app::types::{Role, StaffIdentity};
use diesel::QueryResult;

/// The cookie holding the staff session token.
pub const COOKIE: &str = "redress_session";

/// The principal for `token`, or `None` when it does not (or no longer) sign anyone in.
pub fn principal_for_token(
    conn: &mut DbConnection,
    tokens: &SessionTokens,
    token: &str,
) -> QueryResult<Option<(StaffPrincipal, i64, i64)>> {
    let Ok(claims) = tokens.verify(token) else {
        return Ok(None);
    };
    let Ok(user_id) = claims.sub.parse::<i64>() else {
        return Ok(None);
    };
    let Some(account) = user::find_by_id(conn, user_id)? else {
        return Ok(None);
    };
    let Some(role) = Role::parse(&account.role) else {
        return Ok(None);
    };
    // A password change ends every session that began before it.
    let changed = account.password_changed_at.and_utc().timestamp();
    if !account.active
        || claims.auth_time < changed
        || revoked_session::is_revoked(conn, &claims.sid)?
    {
        return Ok(None);
    }
    let agency_slug = match account.agency_id {
        Some(id) => agency::find_by_id(conn, id)?.map(|a| a.slug),
        None => None,
    };
    let principal = StaffPrincipal {
        user_id,
        session_id: claims.sid,
        role,
        agency_id: account.agency_id,
        identity: StaffIdentity {
            email: account.email,
            display_name: account.display_name,
            role,
            agency_slug,
        },
    };
    Ok(Some((principal, claims.auth_time, claims.iat)))
}
