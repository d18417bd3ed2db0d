//! Form posts that work without JavaScript: check the CSRF token, validate, then redirect
//! (303) to the next page, or back to the form with the errors and the values typed.

pub mod appeal_evidence;
pub mod appeal_staff;
pub mod appeal_step;
pub mod calendar_day;
pub mod challenge;
pub mod citizen_signin;
mod evidence_upload;
pub mod find;
pub mod flag;
pub mod flag_respond;
mod multipart;
pub mod outbox_retry;
pub mod password;
pub mod register_edit;
pub mod register_publish;
pub mod signin;
pub mod signin_code;
pub mod signout;
pub mod staff_accounts;
pub mod systemic_review;
pub mod two_factor;

use crate::auth::csrf;
use crate::web::{cookies, flash};
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use app::context::PageContext;
use app::i18n::Locale;
use app::types::Flash;

/// Mounts every form post, each beside the page (a GET route of Leptos) with the same path.
pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    use actix_web::{guard, web};
    let post = |path: &str| web::resource(path).guard(guard::Post());
    cfg.service(post("/staff/signin").to(signin::post))
        .service(post("/staff/signin/code").to(signin_code::code))
        .service(post("/staff/signin/two-factor").to(signin_code::enrol))
        .service(post("/staff/two-factor/start").to(two_factor::start))
        .service(post("/staff/two-factor/confirm").to(two_factor::confirm))
        .service(post("/staff/two-factor/recovery-codes").to(two_factor::new_codes))
        .service(post("/staff/two-factor/codes-kept").to(two_factor::codes_kept))
        .service(post("/staff/two-factor/off").to(two_factor::turn_off))
        .service(post("/admin/staff/{id}/two-factor/reset").to(staff_accounts::reset_two_factor))
        .service(post("/staff/signout").to(signout::post))
        .service(post("/staff/password").to(password::post))
        .service(post("/find").to(find::post))
        .service(post("/signin").to(citizen_signin::request_link))
        .service(post("/signin/link").to(citizen_signin::use_link))
        .service(post("/confirm").to(citizen_signin::confirm))
        .service(post("/me/signout").to(citizen_signin::sign_out))
        .service(post("/admin/outbox/{id}/retry").to(outbox_retry::post))
        .service(post("/staff/stats/reviews").to(systemic_review::post))
        .service(post("/d/signout").to(find::end))
        .service(post("/register/{slug}/flag").to(flag::post))
        .service(post("/staff/flags/{id}").to(flag_respond::post))
        .service(post("/d/{reference}/challenge").to(challenge::post))
        .service(post("/appeals/{reference}/step").to(appeal_step::citizen))
        .service(post("/appeals/{reference}/evidence").to(appeal_evidence::post))
        .service(post("/staff/appeals/{reference}/step").to(appeal_step::staff))
        .service(post("/staff/appeals/{reference}/claim").to(appeal_staff::claim))
        .service(post("/staff/appeals/{reference}/assign").to(appeal_staff::assign))
        .service(post("/staff/appeals/{reference}/note").to(appeal_staff::note))
        .service(post("/staff/register/{slug}/edit").to(register_edit::post))
        .service(post("/staff/register/{slug}/publish").to(register_publish::publish))
        .service(post("/staff/register/{slug}/discard").to(register_publish::discard))
        .service(post("/staff/agencies/{slug}/calendar").to(calendar_day::put))
        .service(post("/staff/agencies/{slug}/calendar/remove").to(calendar_day::remove));
}

/// The page context the middleware prepared for this request.
pub fn page_context(req: &HttpRequest) -> PageContext {
    req.extensions()
        .get::<PageContext>()
        .cloned()
        .unwrap_or_default()
}

/// The reader's language for this request.
pub fn locale(req: &HttpRequest) -> Locale {
    page_context(req).locale
}

/// Whether the form's CSRF token is the one this browser's cookie and session make now (the
/// page context computed it; `auth::csrf`).
pub fn csrf_ok(req: &HttpRequest, form_token: &str) -> bool {
    let has_cookie = cookies::read(req, csrf::COOKIE, secure_cookies(req)).is_some();
    has_cookie && csrf::tokens_match(Some(&page_context(req).csrf_token), Some(form_token))
}

/// A fresh CSRF cookie secret, set when someone signs in, so no token from before sign-in
/// works after it.
pub fn renewed_csrf_cookie(req: &HttpRequest) -> actix_web::cookie::Cookie<'static> {
    cookies::build(
        csrf::COOKIE,
        crate::secrets::random_token(),
        None,
        secure_cookies(req),
    )
}

/// A 303 redirect to `location` carrying `flash`.
pub fn redirect_with_flash(req: &HttpRequest, location: &str, flash: &Flash) -> HttpResponse {
    let secure = secure_cookies(req);
    crate::web::redirect::see_other(location)
        .cookie(cookies::build(
            flash::COOKIE,
            flash::encode(flash),
            Some(300),
            secure,
        ))
        .finish()
}

/// A 303 redirect to `location`, with the cookie pointing to a flash stored in the database
/// (`flash::store`) when there is one: for forms whose typed values are too long for a cookie.
pub fn redirect_with_stored_flash(
    req: &HttpRequest,
    location: &str,
    stored_flash: Option<String>,
) -> HttpResponse {
    let mut response = crate::web::redirect::see_other(location).finish();
    if let Some(value) = stored_flash {
        if let Err(error) = response.add_cookie(&cookies::build(
            flash::COOKIE,
            value,
            Some(600),
            secure_cookies(req),
        )) {
            tracing::warn!(%error, "cannot set flash cookie");
        }
    }
    response
}

/// Whether cookies should carry `Secure`.
pub fn secure_cookies(req: &HttpRequest) -> bool {
    req.app_data::<actix_web::web::Data<crate::state::AppState>>()
        .map(|s| s.settings.cookies_secure())
        .unwrap_or(true)
}

/// The client's address as rate limits count it (`web::client_address`).
pub fn client_ip(req: &HttpRequest) -> String {
    crate::web::client_address::client_key(req)
}

/// Runs `work` on a pooled connection off the async threads; a failure of the pool, the
/// thread or the work is an unexpected error shown with a reference in `reader`'s language.
pub async fn with_connection<T, E>(
    state: &crate::state::AppState,
    reader: Locale,
    work: impl FnOnce(&mut crate::db::DbConnection) -> Result<T, E> + Send + 'static,
) -> Result<T, crate::web::error::WebError>
where
    T: Send + 'static,
    E: Into<anyhow::Error> + Send + 'static,
{
    use crate::web::error::WebError;
    let pool = state.pool.clone();
    actix_web::web::block(move || -> anyhow::Result<T> {
        let mut conn = pool.get()?;
        work(&mut conn).map_err(Into::into)
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?
    .map_err(|e| WebError::unexpected(e, reader))
}
