//! `GET /.well-known/redress-receipt-key`: the public key that signs filing receipts, as a JWK
//! Set, so anyone can check a receipt without asking the portal (docs/receipts.md).

use crate::state::AppState;
use actix_web::http::header;
use actix_web::{web, HttpResponse};

/// The receipt key, cacheable for a day (it changes only when the master secret does).
pub async fn published_key(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/jwk-set+json")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .json(state.receipts.public_jwks())
}
