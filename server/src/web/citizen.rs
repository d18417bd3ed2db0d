//! What a citizen signed in by email opens from their page: a decision or an appeal (this
//! browser is given the decision's access, as the access code would), and the download of
//! everything the portal holds about them.

use crate::auth::citizen_token::{self, LIFETIME_SECS};
use crate::services::citizen_data;
use crate::state::AppState;
use crate::web::cookies;
use crate::web::error::WebError;
use crate::web::forms::{locale, secure_cookies, with_connection};
use actix_web::http::header;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::CitizenEmail;

fn citizen(req: &HttpRequest) -> Option<CitizenEmail> {
    req.extensions().get::<CitizenEmail>().cloned()
}

/// Gives this browser the decision's access (with its current code generation) and goes on.
async fn opened(
    req: &HttpRequest,
    state: &AppState,
    decision: String,
    location: String,
) -> Result<HttpResponse, WebError> {
    let reference = decision.clone();
    let generation = with_connection(state, locale(req), move |conn| {
        crate::services::access::code_generation(conn, &reference)
    })
    .await?;
    let Some(generation) = generation else {
        return Ok(back_to_list());
    };
    let token = state
        .citizen_tokens
        .issue(&decision, &generation, chrono::Utc::now().timestamp())
        .map_err(|e| WebError::unexpected(e, locale(req)))?;
    Ok(crate::web::redirect::see_other(&location)
        .cookie(cookies::build(
            citizen_token::COOKIE,
            token,
            Some(LIFETIME_SECS),
            secure_cookies(req),
        ))
        .finish())
}

/// Where a reference that is not the citizen's leads: back to their own list, which is what
/// they can open (the answer is the same whether the reference exists or not).
fn back_to_list() -> HttpResponse {
    crate::web::redirect::see_other("/me").finish()
}

/// `GET /me/decisions/{reference}`: opens one of the citizen's decisions.
pub async fn decision(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let Some(citizen) = citizen(&req) else {
        return Ok(back_to_list());
    };
    let wanted = path.into_inner();
    let found = with_connection(&state, locale(&req), move |conn| {
        citizen_data::openable_decision(conn, &citizen.email, &wanted)
    })
    .await?;
    let Some(decision) = found else {
        return Ok(back_to_list());
    };
    let location = format!("/d/{decision}");
    opened(&req, &state, decision, location).await
}

/// `GET /me/appeals/{reference}`: opens one of the citizen's appeals.
pub async fn appeal(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let Some(citizen) = citizen(&req) else {
        return Ok(back_to_list());
    };
    let wanted = path.into_inner();
    let lookup = wanted.clone();
    let found = with_connection(&state, locale(&req), move |conn| {
        citizen_data::decision_of_appeal(conn, &citizen.email, &lookup)
    })
    .await?;
    let Some(decision) = found else {
        return Ok(back_to_list());
    };
    opened(&req, &state, decision, format!("/appeals/{wanted}")).await
}

/// `GET /me/data.json`: everything the portal holds about the citizen, as one file.
pub async fn data_export(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let Some(citizen) = citizen(&req) else {
        return Ok(back_to_list());
    };
    let data = with_connection(&state, locale(&req), move |conn| {
        citizen_data::my_data(conn, &citizen.email, chrono::Utc::now())
    })
    .await?;
    let body =
        serde_json::to_vec_pretty(&data).map_err(|e| WebError::unexpected(e, locale(&req)))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"redress-my-data.json\"",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}
