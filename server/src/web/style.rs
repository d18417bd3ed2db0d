//! The stylesheet and the site's icon, compiled into the binary so the server needs no asset
//! folder for them.

use actix_web::{http::header, HttpResponse};

const CSS: &str = include_str!("../../../style/redress.css");
const ICON: &str = include_str!("../../../style/favicon.svg");

/// `GET /style/redress.css`.
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(CSS)
}

/// `GET /favicon.svg`, which every page links to, and `GET /favicon.ico`, which browsers and
/// feed readers ask for on their own: the same small SVG icon.
pub async fn icon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(ICON)
}
