//! A fresh PostgreSQL database per test, dropped afterwards.

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

/// A database created for one test.
pub struct TemporaryDatabase {
    pub url: String,
    name: String,
    admin_url: String,
}

/// The server holding test databases. Integration tests require it: CI sets it, and a
/// missing one is a failure, never a silent skip.
///
/// Connections go without TLS unless the URL asks otherwise: the server is on loopback, and
/// with TLS, libpq's OpenSSL state is torn down by `atexit` while the pool's background threads
/// may still be reconnecting to the test database just dropped, which crashed test processes
/// (SIGSEGV after a passing test) on a loaded machine.
pub fn admin_url() -> String {
    let url = std::env::var("TEST_DATABASE_URL").expect(
        "TEST_DATABASE_URL is not set: the PostgreSQL half of the integration tests needs it \
         (the README's test command sets it)",
    );
    without_tls(&url)
}

fn without_tls(url: &str) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return url.to_string();
    };
    if !parsed.query_pairs().any(|(key, _)| key == "sslmode") {
        parsed.query_pairs_mut().append_pair("sslmode", "disable");
    }
    parsed.to_string()
}

impl TemporaryDatabase {
    /// Creates `redress_test_<random>` on the server of `TEST_DATABASE_URL`.
    pub fn create() -> TemporaryDatabase {
        let admin_url = admin_url();
        let name = format!("redress_test_{:016x}", rand::random::<u64>());
        let mut conn = PgConnection::establish(&admin_url)
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at TEST_DATABASE_URL: {e}"));
        conn.batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create test database");
        let mut url = url::Url::parse(&admin_url).expect("TEST_DATABASE_URL is a URL");
        url.set_path(&format!("/{name}"));
        TemporaryDatabase {
            url: url.to_string(),
            name,
            admin_url,
        }
    }
}

impl Drop for TemporaryDatabase {
    fn drop(&mut self) {
        if let Ok(mut conn) = PgConnection::establish(&self.admin_url) {
            let _ = conn.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
