//! The agency integration API at `/api/v1` (docs/api.md). Handlers are thin: they read the
//! request into domain types and call a service (docs/architecture.md).

pub mod appeals;
pub mod auth;
pub mod body;
pub mod decisions;
pub mod error;
pub mod openapi;
pub mod stats;
pub mod systems;
pub mod token;

use actix_web::{web, HttpResponse};
use error::ApiError;

pub use body::MAX_BODY_BYTES;

/// The API's routes, from one table: the router is built from it, and a test checks that the
/// OpenAPI document describes exactly these operations.
macro_rules! api_routes {
    ($( $path:literal [$allow:literal] { $( $method:ident => $handler:path ),+ $(,)? } )+) => {
        /// Every (method, path) the API answers, HEAD included.
        pub const ROUTES: &[(&str, &str)] = &[ $( $( (stringify!($method), concat!("/api/v1", $path)) ),+ ),+ ];

        fn mount(scope: actix_web::Scope) -> actix_web::Scope {
            scope $( .service(resource($path, $allow) $( .route(web::$method().to($handler)) )+ ) )+
        }
    };
}

api_routes! {
    "/openapi.json" ["GET, HEAD"] { get => openapi::document, head => openapi::document }
    "/token" ["POST"] { post => token::issue }
    "/systems" ["GET, HEAD, POST"] {
        post => systems::create::create,
        get => systems::read::list,
        head => systems::read::list,
    }
    "/systems/{slug}" ["GET, HEAD"] { get => systems::read::read, head => systems::read::read }
    "/decisions" ["POST"] { post => decisions::create::create }
    "/decisions/{reference}" ["GET, HEAD"] {
        get => decisions::read::read,
        head => decisions::read::read,
    }
    "/decisions/{reference}/access-code" ["POST"] { post => decisions::access_code::reissue }
    "/appeals" ["GET, HEAD"] { get => appeals::list, head => appeals::list }
    "/appeals/{reference}" ["GET, HEAD"] { get => appeals::read, head => appeals::read }
    "/stats" ["GET, HEAD"] { get => stats::read, head => stats::read }
}

/// A path that answers `allow` (e.g. "GET, HEAD"); any other method is a 405 naming them.
fn resource(path: &str, allow: &'static str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(move || async move {
        Err::<HttpResponse, _>(ApiError::method_not_allowed(allow))
    }))
}

/// Mounts the API's routes. Every GET also answers HEAD.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        mount(web::scope("/api/v1")).default_service(web::to(|| async {
            Err::<HttpResponse, _>(ApiError::not_found("no such API endpoint"))
        })),
    );
}
