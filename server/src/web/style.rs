//! The stylesheet, compiled into the binary so the server needs no asset folder for it.

use actix_web::{http::header, HttpResponse};

const CSS: &str = include_str!("../../../style/redress.css");

/// `GET /style/redress.css`.
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(CSS)
}
