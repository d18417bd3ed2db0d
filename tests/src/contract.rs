//! Checks real API answers against the OpenAPI document the server generates, so a handler
//! that drifts from its documented types fails a test.

use serde_json::Value;
use std::sync::OnceLock;

fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        serde_json::from_str(server::api::openapi::document_json()).expect("the document is JSON")
    })
}

/// A JSON pointer token inside a URI fragment: `/` and `~` escaped for the pointer, braces
/// percent-encoded for the URI.
fn token(segment: &str) -> String {
    segment
        .replace('~', "~0")
        .replace('/', "~1")
        .replace('{', "%7B")
        .replace('}', "%7D")
}

/// Asserts that `body`, answered with `status` to `method` on the documented `path` (with
/// its `{placeholders}`), is listed by the document and matches the schema it gives.
pub fn assert_conforms(method: &str, path: &str, status: u16, body: &Value) {
    let document = document();
    let operation = &document["paths"][path][method];
    assert!(
        operation.is_object(),
        "{method} {path} is not in the OpenAPI document"
    );
    let response = &operation["responses"][status.to_string()];
    assert!(
        response.is_object(),
        "{method} {path} answered {status}, which the document does not list"
    );
    let Some(_) = response["content"]["application/json"]["schema"].as_object() else {
        panic!("{method} {path} {status} has no JSON schema in the document");
    };
    let mut schema = document.clone();
    schema["$ref"] = Value::String(format!(
        "#/paths/{}/{method}/responses/{status}/content/application~1json/schema",
        token(path)
    ));
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .expect("the document's schemas compile");
    let problems: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{e} (at {})", e.instance_path))
        .collect();
    assert!(
        problems.is_empty(),
        "{method} {path} {status} does not match its schema: {problems:#?}\nbody: {body:#}"
    );
}
