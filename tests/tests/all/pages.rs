//! Pages, language, headers and health, on both backends.

use reqwest::StatusCode;
use tests::{on_both_backends, TestApp};

async fn get_with_language(app: &TestApp, path: &str, accept: &str) -> reqwest::Response {
    app.new_client()
        .get(app.url(path))
        .header("accept-language", accept)
        .send()
        .await
        .unwrap()
}

on_both_backends! {
    async fn home_page_renders_in_the_browsers_language(app) {
        let html = get_with_language(&app, "/", "ru-RU,ru;q=0.9").await.text().await.unwrap();
        assert!(html.contains("<html lang=\"ru\""), "html lang follows Accept-Language");
        assert!(html.contains("Русский"));
        let html = get_with_language(&app, "/", "fr").await.text().await.unwrap();
        assert!(html.contains("<html lang=\"kk\""), "Kazakh is the deployment default");
    }

    async fn lang_parameter_sets_a_cookie_and_redirects_to_the_same_page(app) {
        let response = app.get("/staff/signin?lang=en&x=1").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(response.headers().get("location").unwrap(), "/staff/signin?x=1");
        let html = app.get_html("/staff/signin").await;
        assert!(html.contains("<html lang=\"en\""));
        assert!(html.contains("Sign in to Redress"));
        app.get("/?lang=kk").await;
        let html = app.get_html("/staff/signin").await;
        assert!(html.contains("<html lang=\"kk\""));
    }

    async fn unknown_pages_are_a_localised_404(app) {
        let response = get_with_language(&app, "/no/such/page", "en").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert!(response.text().await.unwrap().contains("Page not found"));
        let response = get_with_language(&app, "/no/such/page", "ru").await;
        assert!(response.text().await.unwrap().contains("Страница не найдена"));
    }

    async fn every_page_carries_security_headers_and_a_nonce_csp(app) {
        let response = app.get("/").await;
        let headers = response.headers().clone();
        assert_eq!(headers.get("x-frame-options").unwrap(), "DENY");
        assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
        let csp = headers.get("content-security-policy").unwrap().to_str().unwrap().to_string();
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("'wasm-unsafe-eval'"));
        let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).expect("a nonce in the CSP");
        let html = response.text().await.unwrap();
        assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the CSP nonce");
        let second = app.get("/").await;
        let second_csp = second.headers().get("content-security-policy").unwrap().to_str().unwrap().to_string();
        assert_ne!(csp, second_csp, "a fresh nonce per response");
        let health = app.get("/healthz").await;
        assert_eq!(health.headers().get("x-frame-options").unwrap(), "DENY");
    }

    async fn an_unexpected_failure_shows_a_500_page_with_a_reference(app) {
        use diesel::RunQueryDsl;
        app.create_agency("benefits");
        app.create_user("r@benefits.test", "reviewer", Some("benefits"), "a long enough password");
        app.sign_in("r@benefits.test", "a long enough password").await;
        let drop_sql = match app.backend {
            tests::Backend::Sqlite => "DROP TABLE ai_system_versions",
            tests::Backend::Postgres => "DROP TABLE ai_system_versions CASCADE",
        };
        diesel::sql_query(drop_sql).execute(&mut app.db()).unwrap();
        let response = app.client.get(app.url("/staff")).header("accept-language", "en").send().await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let html = response.text().await.unwrap();
        assert!(html.contains("Something went wrong on our side"), "a calm explanation");
        let reference = html.split("ERR-").nth(1).map(|r| &r[..9]).expect("a reference id on the page");
        assert_eq!(reference.len(), 9);
        assert!(!html.contains("no such table") && !html.contains("does not exist"), "no internals shown");
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status(), StatusCode::OK, "readiness is about the connection and migrations");
    }

    async fn health_and_readiness_answer(app) {
        let health = app.get("/healthz").await;
        assert_eq!(health.status(), StatusCode::OK);
        let ready = app.get("/readyz").await;
        assert_eq!(ready.status(), StatusCode::OK);
        let body: serde_json::Value = ready.json().await.unwrap();
        assert_eq!(body["status"], "ready");
    }
}

on_both_backends! {
    async fn a_page_sends_its_text_once_and_only_in_the_readers_language(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let html = get_with_language(&app, "/register", "en").await.text().await.unwrap();
        assert!(html.contains("Housing benefit eligibility scoring"));
        // Russian and Kazakh names of the same system would only be there as hydration data.
        assert!(!html.contains("Оценка права на жилищную помощь"), "no Russian text on an English page");
        assert!(!html.contains("Тұрғын үй көмегін алу құқығын бағалау"), "no Kazakh text on an English page");
        let serialized = html.split("__RESOLVED_RESOURCES=[").nth(1).map(|rest| !rest.starts_with("];")).unwrap_or(false);
        assert!(!serialized && !html.contains("__RESOLVED_RESOURCES["), "no resource is serialized for hydration");
        assert_eq!(html.matches("Housing benefit eligibility scoring").count(), 1, "the name is sent once");
    }
}

/// A folder standing in for the client build's output: each file and its compressed copies
/// hold different bytes, so the test sees which one was sent.
fn site_with_precompressed_client() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for (name, body) in [
        ("redress_bg.wasm", "plain wasm"),
        ("redress_bg.wasm.br", "brotli wasm"),
        ("redress_bg.wasm.gz", "gzip wasm"),
        ("redress.js", "plain js"),
        ("redress.js.gz", "gzip js"),
    ] {
        std::fs::write(pkg.join(name), body).unwrap();
    }
    site
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_is_sent_precompressed_in_the_best_encoding_the_browser_accepts() {
    let site = site_with_precompressed_client();
    let root = site.path().to_path_buf();
    let app = TestApp::spawn_with(tests::Backend::Sqlite, |s| s.site_root = root).await;
    let fetch = |path: &'static str, accept: &'static str| {
        let request = app.new_client().get(app.url(path));
        let request = if accept.is_empty() {
            request
        } else {
            request.header("accept-encoding", accept)
        };
        async move { request.send().await.unwrap() }
    };
    for (path, accept, encoding, body, content_type) in [
        (
            "/pkg/redress_bg.wasm",
            "gzip, deflate, br, zstd",
            Some("br"),
            "brotli wasm",
            "application/wasm",
        ),
        (
            "/pkg/redress_bg.wasm",
            "gzip, br;q=0",
            Some("gzip"),
            "gzip wasm",
            "application/wasm",
        ),
        (
            "/pkg/redress_bg.wasm",
            "",
            None,
            "plain wasm",
            "application/wasm",
        ),
        (
            "/pkg/redress.js",
            "br, gzip",
            Some("gzip"),
            "gzip js",
            "text/javascript",
        ),
    ] {
        let response = fetch(path, accept).await;
        assert_eq!(response.status(), StatusCode::OK, "{path} with {accept:?}");
        let headers = response.headers().clone();
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{path} with {accept:?}"
        );
        assert!(headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with(content_type));
        assert!(headers.get_all("vary").iter().any(|v| v
            .to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("accept-encoding")));
        assert_eq!(headers.get("cache-control").unwrap(), "no-cache");
        assert_eq!(
            response.text().await.unwrap(),
            body,
            "{path} with {accept:?}"
        );
    }
    // An unchanged file costs a revalidation, not a download.
    let first = fetch("/pkg/redress_bg.wasm", "br").await;
    let etag = first.headers().get("etag").unwrap().clone();
    let again = app
        .new_client()
        .get(app.url("/pkg/redress_bg.wasm"))
        .header("accept-encoding", "br")
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    for path in [
        "/pkg/redress_bg.wasm.br",
        "/pkg/.redress.js",
        "/pkg/missing.js",
    ] {
        assert_eq!(
            fetch(path, "br").await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}
