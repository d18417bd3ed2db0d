//! The test harness: [`TestApp`] spawns the real server on port 0 with a fresh database
//! (a temporary SQLite file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set),
//! and [`browser`] drives Debian's Chromium.

pub mod appeal_support;
pub mod browser;
pub mod contract;
pub mod mail;
mod postgres;

use server::config::Settings;
use server::db::{self, DbPool, PooledDb};
use server::startup::Application;
use std::path::PathBuf;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running server with its own database, and an HTTP client that keeps cookies.
pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub client: reqwest::Client,
    pub pool: DbPool,
    pub backend: Backend,
    /// The keys the server derived from its signing secret.
    pub keys: server::secrets::Keys,
    /// What the memory mail transport (the tests' default) was handed.
    pub mailbox: Option<server::mail::transport::MemoryMailbox>,
    /// Ends the server's background mail worker when the test ends.
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The settings the server started with.
    pub settings: Settings,
    _data_dir: tempfile::TempDir,
    _postgres: Option<postgres::TemporaryDatabase>,
}

/// The workspace's `target/site`, where the client build puts `pkg/`.
pub fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site")
}

impl TestApp {
    /// Starts a server on `backend` with default settings.
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, |_| {}).await
    }

    /// Starts a server on `backend` after `adjust` has changed the settings.
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        server::telemetry::init();
        let data_dir = tempfile::tempdir().expect("temporary folder");
        let postgres = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(postgres::TemporaryDatabase::create()),
        };
        let database_url = match &postgres {
            Some(database) => database.url.clone(),
            None => data_dir
                .path()
                .join("redress.db")
                .to_string_lossy()
                .to_string(),
        };
        let mut settings = Settings {
            database_url,
            bind: "127.0.0.1:0".into(),
            data_dir: data_dir.path().to_path_buf(),
            site_root: site_root(),
            database_pool_size: 4,
            ..Settings::default()
        };
        settings.secrets.signing_key = Some(server::secrets::random_token());
        settings.mail.transport = server::mail::settings::TransportKind::Memory;
        settings.mail.poll_millis = 200;
        // Most tests sign in with a password alone; the two-factor tests ask for the default
        // (supervisors, ombudsmen and admins must use a code) in their `adjust`.
        settings.two_factor.required_roles = Vec::new();
        // Many tests change the database straight and look at a page at once; the page cache's
        // window of fresh reads is tested on its own (page_cache.rs) with the default.
        settings.page_cache.fresh_for_millis = 0;
        adjust(&mut settings);
        let kept_settings = settings.clone();
        let database_url = settings.database_url.clone();
        let keys = server::secrets::Keys::derive(&settings.signing_secret().expect("signing key"));

        let application = Application::build(settings).await.expect("server builds");
        let port = application.port();
        let mailbox = application.mailbox();
        let stop = application.stop_flag();
        tokio::spawn(application.run_until_stopped());
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("http client");
        let pool = db::connect(&database_url, 2).expect("test pool");
        TestApp {
            address: format!("http://127.0.0.1:{port}"),
            port,
            client,
            pool,
            backend,
            keys,
            mailbox,
            stop,
            settings: kept_settings,
            _data_dir: data_dir,
            _postgres: postgres,
        }
    }

    /// A connection to the test's database.
    pub fn db(&self) -> PooledDb {
        self.pool.get().expect("database connection")
    }

    /// The full URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A new client with an empty cookie jar (another person).
    pub fn new_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("http client")
    }

    /// `GET path` with this app's client.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// `GET path` and the body as text.
    pub async fn get_html(&self, path: &str) -> String {
        self.get(path).await.text().await.expect("body")
    }

    /// `POST path` as a form.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST")
    }

    /// The CSRF token the sign-in page carries for this client.
    pub async fn csrf_token(&self) -> String {
        let html = self.get_html("/staff/signin").await;
        hidden_value(&html, "csrf_token").expect("csrf token in the sign-in form")
    }

    /// Creates an agency with `slug`.
    pub fn create_agency(&self, slug: &str) {
        let mut conn = self.db();
        server::db::models::agency::insert(
            &mut conn,
            &server::db::models::agency::NewAgency {
                slug,
                name_json: &serde_json::json!({"en": format!("Agency {slug}"), "ru": format!("Орган {slug}")}).to_string(),
                contact_json: &serde_json::json!({"email": format!("info@{slug}.test"), "phone": "+7 700 000 0000", "address": {"en": "Astana"}}).to_string(),
                time_zone: "Asia/Almaty",
                challenge_window_months: 3,
                created_at: chrono::Utc::now().naive_utc(),
            },
        )
        .expect("agency created");
    }

    /// Creates a staff account.
    pub fn create_user(&self, email: &str, role: &str, agency: Option<&str>, password: &str) {
        let mut conn = self.db();
        server::cli::create_user::create(&mut conn, email, role, agency, None, password)
            .expect("user created");
    }

    /// A new client (another person) signed in as `email`.
    pub async fn signed_in_client(&self, email: &str, password: &str) -> reqwest::Client {
        let client = self.new_client();
        let page = client
            .get(self.url("/staff/signin"))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("body");
        let csrf = hidden_value(&page, "csrf_token").expect("csrf token in the sign-in form");
        let response = client
            .post(self.url("/staff/signin"))
            .form(&[
                ("email", email),
                ("password", password),
                ("csrf_token", csrf.as_str()),
            ])
            .send()
            .await
            .expect("POST");
        assert_eq!(
            response.headers().get("location").map(|v| v.as_bytes()),
            Some(&b"/staff"[..]),
            "signed in"
        );
        client
    }

    /// Signs in with this app's client; returns the final response of the post.
    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        let token = self.csrf_token().await;
        self.post_form(
            "/staff/signin",
            &[
                ("email", email),
                ("password", password),
                ("csrf_token", &token),
            ],
        )
        .await
    }
}

impl TestApp {
    /// Creates an API client of `agency` with comma-separated `scopes`; returns (id, secret).
    pub fn create_client(&self, agency: &str, scopes: &str) -> (String, String) {
        let created = server::cli::api_clients::create(&mut self.db(), &self.keys, agency, scopes)
            .expect("client created");
        (created.client_id, created.client_secret)
    }

    /// A bearer token for a new client of `agency` with `scopes`.
    pub async fn api_token(&self, agency: &str, scopes: &str) -> String {
        let (id, secret) = self.create_client(agency, scopes);
        let response = self
            .client
            .post(self.url("/api/v1/token"))
            .json(&serde_json::json!({"client_id": id, "client_secret": secret}))
            .send()
            .await
            .expect("token request");
        assert_eq!(response.status(), 200, "token issued");
        let body: serde_json::Value = response.json().await.expect("token json");
        body["access_token"]
            .as_str()
            .expect("access_token")
            .to_string()
    }

    /// `POST path` with a JSON body and a bearer token.
    pub async fn post_json(
        &self,
        path: &str,
        token: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("POST")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// The `value` of the hidden input named `name` in `html`.
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\"");
    let at = html.find(&marker)?;
    let tag_start = html[..at].rfind('<')?;
    let tag_end = at + html[at..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let value_at = tag.find("value=\"")? + "value=\"".len();
    let value_end = value_at + tag[value_at..].find('"')?;
    Some(tag[value_at..value_end].to_string())
}

/// Declares each test twice: once on SQLite, once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($app:ident) $body:block)*) => {
        $crate::on_both_backends_with! { |_settings| {}; $(async fn $name($app) $body)* }
    };
}

/// [`on_both_backends`] with the settings adjusted first, e.g.
/// `on_both_backends_with! { |s| s.mail.worker = false; async fn name(app) { … } }`.
#[macro_export]
macro_rules! on_both_backends_with {
    (|$settings:ident| $adjust:expr; $(async fn $name:ident($app:ident) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let $app = $crate::TestApp::spawn_with($crate::Backend::Sqlite, |$settings| {
                        $adjust;
                    })
                    .await;
                    $body
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    let $app = $crate::TestApp::spawn_with($crate::Backend::Postgres, |$settings| {
                        $adjust;
                    })
                    .await;
                    $body
                }
            }
        )*
    };
}

/// The rows of a CSV document (RFC 4180: quoted fields may hold commas, quotes and line
/// breaks), each as its fields.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
