//! Layered configuration: defaults → optional TOML file → environment (`REDRESS__SECTION__KEY`).
//! Secrets may also come from files (`REDRESS__SECRETS__SIGNING_KEY_FILE`). `DATABASE_URL` and
//! `--bind` are shorthands that win over the layers. The Leptos options are built here in code.

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Everything the server reads at start.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Settings {
    /// `postgres://...` for PostgreSQL; otherwise the path of the SQLite file.
    pub database_url: String,
    /// Where the server listens.
    pub bind: String,
    /// Folder for the embedded database, the generated signing key and mail files.
    pub data_dir: PathBuf,
    /// Folder holding `pkg/` (the WebAssembly client) and `style/`.
    pub site_root: PathBuf,
    /// Language of last resort: `kk`, `ru` or `en`.
    pub default_language: String,
    /// Whether cookies carry `Secure` and the `__Host-` prefix, and HSTS is sent. Unset: on
    /// whenever the portal is bound beyond loopback or its `public_url` is https
    /// ([`Settings::cookies_secure`]).
    #[serde(default)]
    pub secure_cookies: Option<bool>,
    /// Lets the portal start bound beyond loopback with `secure_cookies = false` (a closed
    /// test network); refused otherwise, as sessions would then travel in clear text.
    #[serde(default)]
    pub allow_insecure_cookies: bool,
    pub database_pool_size: u32,
    pub session: SessionSettings,
    pub rate_limit: RateLimitSettings,
    #[serde(default)]
    pub secrets: SecretSettings,
    /// Where evidence files are kept (`blobs.backend` = `folder` | `s3`; docs/appeals.md).
    #[serde(default)]
    pub blobs: crate::blobs::BlobSettings,
    /// How many evidence files, and how large, a challenge may carry.
    #[serde(default)]
    pub evidence: crate::blobs::evidence::EvidenceLimits,
    /// Email: transport, sender, delivery worker (docs/notifications.md).
    #[serde(default)]
    pub mail: crate::mail::settings::MailSettings,
    /// The portal's address as citizens reach it, for the links in messages
    /// (`https://redress.example.kz`); `http://` and the bind address when unset.
    #[serde(default)]
    pub public_url: Option<String>,
    /// Addresses and CIDR ranges of the proxies in front of the portal, whose forwarding
    /// header (`forwarded_header`) names the client (docs/security.md). Empty: the socket's
    /// peer is the client.
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
    /// The one header those proxies write the client's address in: `x-forwarded-for` (the
    /// default) or `forwarded`. The other is never read.
    #[serde(default)]
    pub forwarded_header: crate::web::client_address::ForwardedHeader,
    /// The statistics: suppression of small counts, systems of concern (docs/statistics.md).
    #[serde(default)]
    pub stats: StatsSettings,
    /// Staff two-factor sign-in: which roles must use it (docs/security.md).
    #[serde(default)]
    pub two_factor: TwoFactorSettings,
    /// Retention of personal data: how often the housekeeping loop purges (docs/security.md).
    #[serde(default)]
    pub retention: crate::services::retention::RetentionSettings,
    /// Who runs the portal: the data controller, its addresses and the complaints body, as the
    /// privacy notice and the accessibility statement name them (README.md, "Configuration").
    #[serde(default)]
    pub operator: app::types::OperatorDetails,
    /// The page cache (docs/performance.md, "Fresh for a moment").
    #[serde(default)]
    pub page_cache: PageCacheSettings,
}

/// How long a read that tells whether a kept page is current stays current.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
pub struct PageCacheSettings {
    /// Milliseconds a page's data version and a decision token's access code generation are
    /// used without asking the database again, while nothing is written through this server.
    /// A change made elsewhere (another instance, the `redress` command) shows within this;
    /// `0` asks the database on every request.
    pub fresh_for_millis: u64,
}

impl Default for PageCacheSettings {
    fn default() -> Self {
        PageCacheSettings {
            fresh_for_millis: 250,
        }
    }
}

/// Who must sign in with a one-time code as well as a password.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TwoFactorSettings {
    /// Roles that must set up an authenticator at their next sign-in and may not turn it off.
    /// By default every role that reaches beyond one appeal: supervisors, ombudsmen, admins.
    /// Anyone else may turn it on for themselves.
    #[serde(default = "default_two_factor_roles")]
    pub required_roles: Vec<app::types::Role>,
    /// The name an authenticator app lists the account under.
    #[serde(default = "default_two_factor_issuer")]
    pub issuer: String,
}

impl TwoFactorSettings {
    /// Whether `role` must use two-factor sign-in.
    pub fn required_for(&self, role: app::types::Role) -> bool {
        self.required_roles.contains(&role)
    }
}

impl Default for TwoFactorSettings {
    fn default() -> Self {
        TwoFactorSettings {
            required_roles: default_two_factor_roles(),
            issuer: default_two_factor_issuer(),
        }
    }
}

fn default_two_factor_roles() -> Vec<app::types::Role> {
    use app::types::Role;
    vec![Role::Supervisor, Role::Ombudsman, Role::Admin]
}

fn default_two_factor_issuer() -> String {
    "Redress".into()
}

/// How the statistics publish and flag.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatsSettings {
    /// Public counts below this are shown as "fewer than" it, and rates on them withheld.
    #[serde(default = "default_suppression_threshold")]
    pub suppression_threshold: u64,
    /// The fewest appeals in a measure for a system to be flagged on it.
    #[serde(default = "default_concern_min_appeals")]
    pub concern_min_appeals: u64,
    /// The time zone whose date is "today" for the default period and for appeals past due.
    #[serde(default = "default_stats_time_zone")]
    pub time_zone: String,
}

fn default_stats_time_zone() -> String {
    "Asia/Almaty".into()
}

impl StatsSettings {
    /// Today's date in the statistics' time zone.
    pub fn today(&self, now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
        crate::domain::local_time::local_date(now.naive_utc(), &self.time_zone)
    }
}

fn default_suppression_threshold() -> u64 {
    crate::domain::stats::DEFAULT_THRESHOLD
}

fn default_concern_min_appeals() -> u64 {
    crate::domain::stats::DEFAULT_MIN_APPEALS
}

impl Default for StatsSettings {
    fn default() -> Self {
        StatsSettings {
            suppression_threshold: default_suppression_threshold(),
            concern_min_appeals: default_concern_min_appeals(),
            time_zone: default_stats_time_zone(),
        }
    }
}

impl RateLimitSettings {
    /// The limits on staff passwords.
    pub fn signin(&self) -> crate::domain::attempts::AttemptLimits {
        crate::domain::attempts::AttemptLimits {
            per_source: self.signin_per_ip,
            per_pair: self.signin_per_email,
            under_attack: self.signin_under_attack,
        }
    }

    /// The limits on access codes.
    pub fn find(&self) -> crate::domain::attempts::AttemptLimits {
        crate::domain::attempts::AttemptLimits {
            per_source: self.find_per_ip,
            per_pair: self.find_per_reference,
            under_attack: self.find_under_attack,
        }
    }

    /// The limits on API client secrets.
    pub fn token(&self) -> crate::domain::attempts::AttemptLimits {
        crate::domain::attempts::AttemptLimits {
            per_source: self.token_per_ip,
            per_pair: self.token_per_client,
            under_attack: self.token_per_client * 2,
        }
    }
}

/// Staff session lifetimes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionSettings {
    /// The longest a session lives, however active.
    pub lifetime_minutes: i64,
    /// A session unused this long ends.
    pub idle_minutes: i64,
}

/// Limits on guessable things, counted in the database.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RateLimitSettings {
    pub window_minutes: i64,
    /// Failed sign-ins at one email address from one client address within the window,
    /// after which that client address is refused for that email.
    pub signin_per_email: i64,
    /// Failed sign-ins from one client address, over all emails, within the window.
    pub signin_per_ip: i64,
    /// Failed sign-ins at one email from everywhere after which only client addresses that
    /// have not failed on it are checked (the owner still gets in; docs/security.md).
    #[serde(default = "default_under_attack")]
    pub signin_under_attack: i64,
    /// Failed "find my decision" attempts from one client address within the window.
    #[serde(default = "default_find_per_ip")]
    pub find_per_ip: i64,
    /// Failed "find my decision" attempts at one reference from one client address.
    #[serde(default = "default_find_per_reference")]
    pub find_per_reference: i64,
    /// Failed attempts at one reference from everywhere after which only client addresses
    /// that have not failed on it are checked.
    #[serde(default = "default_under_attack")]
    pub find_under_attack: i64,
    /// Failed `POST /api/v1/token` calls from one client address within the window.
    #[serde(default = "default_token_per_ip")]
    pub token_per_ip: i64,
    /// Failed token calls for one client id from one client address.
    #[serde(default = "default_token_per_client")]
    pub token_per_client: i64,
    /// Register error reports per client address within the window.
    #[serde(default = "default_flags_per_ip")]
    pub flags_per_ip: i64,
    /// Sign-in links asked for one email address within the window.
    #[serde(default = "default_links_per_email")]
    pub links_per_email: i64,
    /// Sign-in links asked for from one client address within the window.
    #[serde(default = "default_links_per_ip")]
    pub links_per_ip: i64,
}

fn default_find_per_ip() -> i64 {
    20
}
fn default_find_per_reference() -> i64 {
    5
}
fn default_under_attack() -> i64 {
    20
}
fn default_token_per_ip() -> i64 {
    30
}
fn default_token_per_client() -> i64 {
    10
}
fn default_flags_per_ip() -> i64 {
    5
}
fn default_links_per_email() -> i64 {
    3
}
fn default_links_per_ip() -> i64 {
    10
}

/// Secrets; never logged.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecretSettings {
    #[serde(default, skip_serializing)]
    pub signing_key: Option<String>,
    #[serde(default)]
    pub signing_key_file: Option<PathBuf>,
    /// How often a running server reads the key ring again, so a `redress rotate-key` made
    /// elsewhere is used here within this many seconds.
    #[serde(default = "default_key_ring_refresh_seconds")]
    pub key_ring_refresh_seconds: u64,
}

fn default_key_ring_refresh_seconds() -> u64 {
    10
}

impl Default for SecretSettings {
    fn default() -> Self {
        SecretSettings {
            signing_key: None,
            signing_key_file: None,
            key_ring_refresh_seconds: default_key_ring_refresh_seconds(),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            database_url: "data/redress.db".into(),
            bind: "127.0.0.1:3000".into(),
            data_dir: "data".into(),
            site_root: "target/site".into(),
            default_language: "kk".into(),
            secure_cookies: None,
            allow_insecure_cookies: false,
            database_pool_size: 8,
            session: SessionSettings {
                lifetime_minutes: 8 * 60,
                idle_minutes: 30,
            },
            rate_limit: RateLimitSettings {
                window_minutes: 15,
                signin_per_email: 5,
                signin_per_ip: 30,
                signin_under_attack: default_under_attack(),
                find_per_ip: default_find_per_ip(),
                find_per_reference: default_find_per_reference(),
                find_under_attack: default_under_attack(),
                token_per_ip: default_token_per_ip(),
                token_per_client: default_token_per_client(),
                flags_per_ip: default_flags_per_ip(),
                links_per_email: default_links_per_email(),
                links_per_ip: default_links_per_ip(),
            },
            secrets: SecretSettings::default(),
            blobs: crate::blobs::BlobSettings::default(),
            evidence: crate::blobs::evidence::EvidenceLimits::default(),
            mail: crate::mail::settings::MailSettings::default(),
            public_url: None,
            trusted_proxies: Vec::new(),
            forwarded_header: Default::default(),
            stats: StatsSettings::default(),
            two_factor: TwoFactorSettings::default(),
            retention: Default::default(),
            operator: Default::default(),
            page_cache: Default::default(),
        }
    }
}

impl Settings {
    /// Reads the layers. The file is `REDRESS_CONFIG` if set, else `redress.toml` if present.
    pub fn load() -> anyhow::Result<Settings> {
        let file = std::env::var("REDRESS_CONFIG").unwrap_or_else(|_| "redress.toml".into());
        let mut settings: Settings = Figment::from(Serialized::defaults(Settings::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("REDRESS__").split("__"))
            .extract()?;
        if let Ok(url) = std::env::var("DATABASE_URL") {
            if !url.trim().is_empty() {
                settings.database_url = url;
            }
        }
        Ok(settings)
    }

    /// The blob store's settings, with the default folder placed inside the data folder (so a
    /// test's or a second instance's data folder holds its own evidence).
    pub fn blob_settings(&self) -> crate::blobs::BlobSettings {
        let mut blobs = self.blobs.clone();
        if blobs.folder == crate::blobs::BlobSettings::default().folder {
            blobs.folder = self.data_dir.join("blobs");
        }
        blobs
    }

    /// The mail settings, with the default folder placed inside the data folder.
    pub fn mail_settings(&self) -> crate::mail::settings::MailSettings {
        let mut mail = self.mail.clone();
        if mail.folder == crate::mail::settings::default_folder() {
            mail.folder = self.data_dir.join("mail");
        }
        mail
    }

    /// The portal's public address without a trailing slash.
    pub fn public_url(&self) -> String {
        match self
            .public_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{}", self.bind),
        }
    }

    /// Whether cookies are `Secure` with the `__Host-` prefix and HSTS is sent: as configured,
    /// else whenever the portal can be reached from beyond this machine, over https, or
    /// through a proxy (which is there to end TLS).
    pub fn cookies_secure(&self) -> bool {
        self.secure_cookies.unwrap_or_else(|| {
            !self.bound_to_loopback()
                || self.public_url_is_https()
                || !self.trusted_proxies.is_empty()
        })
    }

    /// Whether `bind` is a loopback address (`127.0.0.1`, `[::1]`, `localhost`).
    pub fn bound_to_loopback(&self) -> bool {
        let bind = self.bind.trim();
        if let Ok(address) = bind.parse::<std::net::SocketAddr>() {
            return address.ip().is_loopback();
        }
        let host = bind.rsplit_once(':').map_or(bind, |(host, _)| host);
        host.eq_ignore_ascii_case("localhost")
    }

    fn public_url_is_https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.trim().to_ascii_lowercase().starts_with("https://"))
    }

    /// Refuses settings that would send sessions in clear text to the network: insecure
    /// cookies on a bind beyond loopback, unless explicitly allowed.
    pub fn check_transport(&self) -> anyhow::Result<()> {
        if !self.cookies_secure() && !self.bound_to_loopback() && !self.allow_insecure_cookies {
            anyhow::bail!(
                "secure_cookies is off while the portal is bound to {}, beyond this machine: \
                 serve it over https and leave secure_cookies unset, or set \
                 allow_insecure_cookies = true for a closed test network",
                self.bind
            );
        }
        Ok(())
    }

    /// Whether the database is the embedded SQLite default.
    pub fn is_embedded_database(&self) -> bool {
        !crate::db::is_postgres_url(&self.database_url)
    }

    /// The signing secret: configured, read from its file, or (embedded default only)
    /// generated once and kept in the data folder. There is no built-in fallback.
    pub fn signing_secret(&self) -> anyhow::Result<SecretString> {
        if let Some(key) = self.secrets.signing_key.as_ref().filter(|k| !k.is_empty()) {
            return checked(key.clone());
        }
        if let Some(path) = &self.secrets.signing_key_file {
            let key = std::fs::read_to_string(path).map_err(|e| {
                anyhow::anyhow!("cannot read signing key file {}: {e}", path.display())
            })?;
            return checked(key.trim().to_string());
        }
        if !self.is_embedded_database() {
            anyhow::bail!(
                "no signing key: set REDRESS__SECRETS__SIGNING_KEY or REDRESS__SECRETS__SIGNING_KEY_FILE \
                 (every server of a PostgreSQL deployment must share one)"
            );
        }
        crate::secrets::load_or_create_key_file(&self.data_dir.join("signing.key"))
    }
}

fn checked(key: String) -> anyhow::Result<SecretString> {
    if key.len() < 32 {
        anyhow::bail!("the signing key must be at least 32 characters long");
    }
    Ok(SecretString::from(key))
}

#[cfg(test)]
mod tests {
    use super::Settings;

    fn bound(bind: &str, public_url: Option<&str>, secure: Option<bool>) -> Settings {
        Settings {
            bind: bind.into(),
            public_url: public_url.map(str::to_string),
            secure_cookies: secure,
            ..Settings::default()
        }
    }

    #[test]
    fn cookies_are_secure_unless_the_portal_is_loopback_over_http() {
        assert!(!bound("127.0.0.1:3000", None, None).cookies_secure());
        assert!(!bound("[::1]:3000", None, None).cookies_secure());
        assert!(!bound("localhost:3000", None, None).cookies_secure());
        assert!(bound("0.0.0.0:3000", None, None).cookies_secure());
        assert!(bound("10.1.2.3:80", None, None).cookies_secure());
        assert!(bound("127.0.0.1:3000", Some("https://redress.example.kz"), None).cookies_secure());
        assert!(!bound("0.0.0.0:3000", None, Some(false)).cookies_secure());
        let mut proxied = bound("127.0.0.1:3000", None, None);
        proxied.trusted_proxies = vec!["127.0.0.1".into()];
        assert!(proxied.cookies_secure(), "a proxy in front ends TLS");
    }

    #[test]
    fn insecure_cookies_on_a_public_bind_refuse_to_start_unless_allowed() {
        let error = bound("0.0.0.0:3000", None, Some(false))
            .check_transport()
            .unwrap_err();
        assert!(error.to_string().contains("allow_insecure_cookies"));
        let mut allowed = bound("0.0.0.0:3000", None, Some(false));
        allowed.allow_insecure_cookies = true;
        assert!(allowed.check_transport().is_ok());
        assert!(bound("127.0.0.1:3000", None, Some(false))
            .check_transport()
            .is_ok());
        assert!(bound("0.0.0.0:3000", None, None).check_transport().is_ok());
    }
}
