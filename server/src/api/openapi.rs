//! The OpenAPI 3.1 document of the API, generated from the request and response types the
//! handlers use, so the document and the server cannot drift apart (docs/api.md).

use super::decisions::access_code::ReissuedCode;
use super::decisions::create::IngestResults;
use super::error::ErrorBody;
use super::systems::read::{SystemList, SystemWithHistory};
use super::token::{TokenRequest, TokenResponse};
use crate::domain::decision::DecisionBatch;
use crate::services::read_back::StoredDecision;
use crate::services::register::Saved;
use actix_web::HttpResponse;
use app::types::RegisterEntryContent;
use std::sync::OnceLock;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The document's description of the API as a whole.
const DESCRIPTION: &str = "How agency systems publish AI register entries and decisions with \
their explanations to Redress. Errors share one shape (ErrorBody). Text citizens read is given \
per language (kk, ru, en). See docs/api.md in the source for the integration guide.";

#[derive(OpenApi)]
#[openapi(
    info(title = "Redress agency API", version = "1", description = DESCRIPTION),
    paths(
        document,
        super::token::issue,
        super::systems::create::create,
        super::systems::read::list,
        super::systems::read::read,
        super::decisions::create::create,
        super::decisions::read::read,
        super::decisions::access_code::reissue,
        super::appeals::list,
        super::appeals::read,
        super::stats::read,
    ),
    modifiers(&BearerToken),
    tags(
        (name = "token", description = "Client credentials for a short-lived bearer token"),
        (name = "register", description = "The public register of AI systems"),
        (name = "decisions", description = "Decisions with their explanations"),
        (name = "appeals", description = "Citizens' challenges of your decisions, for your case system"),
        (name = "statistics", description = "Your state body's redress statistics, for your own reporting"),
        (name = "meta", description = "This document"),
    )
)]
struct ApiDoc;

/// Declares the bearer token scheme the protected operations name.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("From POST /api/v1/token; valid for 15 minutes."))
                    .build(),
            ),
        );
    }
}

/// The document as JSON, built once.
pub fn document_json() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    })
}

/// The OpenAPI document of this API.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "This document", content_type = "application/json")))]
pub async fn document() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Cache-Control", "public, max-age=300"))
        .body(document_json())
}

/// Types the handlers read or write that only appear through a path (kept here so `cargo doc`
/// shows where each schema comes from).
#[allow(dead_code)]
type Documented = (
    TokenRequest,
    TokenResponse,
    RegisterEntryContent,
    Saved,
    SystemList,
    SystemWithHistory,
    DecisionBatch,
    IngestResults,
    StoredDecision,
    ReissuedCode,
    ErrorBody,
);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn every_route_of_the_api_is_in_the_document_and_nothing_else() {
        let document: Value = serde_json::from_str(document_json()).unwrap();
        let mut documented: Vec<(String, String)> = document["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, operations)| {
                operations
                    .as_object()
                    .unwrap()
                    .keys()
                    .map(move |method| (method.clone(), path.clone()))
            })
            .collect();
        documented.sort();
        let mut served: Vec<(String, String)> = crate::api::ROUTES
            .iter()
            .filter(|(method, _)| *method != "head")
            .map(|(method, path)| (method.to_string(), path.to_string()))
            .collect();
        served.sort();
        assert_eq!(documented, served);
    }

    #[test]
    fn every_get_also_answers_head() {
        for (method, path) in crate::api::ROUTES {
            if *method == "get" {
                assert!(
                    crate::api::ROUTES.contains(&("head", path)),
                    "{path} has no HEAD"
                );
            }
        }
    }

    #[test]
    fn the_document_is_openapi_3_1_with_the_shared_error_shape() {
        let document: Value = serde_json::from_str(document_json()).unwrap();
        assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
        let error = &document["components"]["schemas"]["ErrorBody"];
        assert_eq!(error["required"], serde_json::json!(["error", "message"]));
        let text = &document["components"]["schemas"]["LocalizedText"];
        assert_eq!(text["additionalProperties"], Value::Bool(false));
    }
}
