//! The `mail` section of the configuration. The key names are a contract with operators and
//! their tooling (`REDRESS__MAIL__TRANSPORT=smtp`, …); docs/notifications.md lists them.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Where messages go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransportKind {
    /// A mail server, for production.
    Smtp,
    /// One `.eml` file per message in `mail.folder`: the embedded default, for trying it out.
    Folder,
    /// Kept in the process's memory, for tests.
    Memory,
}

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same host or a test server on loopback.
    None,
    /// Plain connection upgraded with STARTTLS, which is then required (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// The `mail` section.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct MailSettings {
    pub transport: TransportKind,
    /// The sender, as `Name <address>` or a bare address.
    pub from: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    pub smtp_tls: SmtpTls,
    pub smtp_username: Option<String>,
    #[serde(skip_serializing)]
    pub smtp_password: Option<String>,
    pub smtp_password_file: Option<PathBuf>,
    /// Where the folder transport writes (inside the data folder unless set).
    pub folder: PathBuf,
    /// Whether `redress serve` runs the delivery worker itself (turn off when `redress worker`
    /// runs as a process of its own).
    pub worker: bool,
    /// How often the worker looks for due messages when nothing woke it.
    pub poll_millis: u64,
    /// How many messages one worker claims at a time.
    pub batch: i64,
    /// How long a claim lasts before another worker may take the message (longer than a
    /// batch can take: `batch` × `smtp_timeout_secs`).
    pub lease_secs: i64,
    /// Attempts before a message is marked failed and shown to admins.
    pub max_attempts: i32,
    /// The first retry's delay; each next one doubles, with jitter, up to `retry_max_secs`.
    pub retry_base_secs: i64,
    pub retry_max_secs: i64,
    pub smtp_timeout_secs: u64,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            transport: TransportKind::Folder,
            from: "Redress <no-reply@redress.localhost>".into(),
            smtp_host: "127.0.0.1".into(),
            smtp_port: 25,
            smtp_tls: SmtpTls::Starttls,
            smtp_username: None,
            smtp_password: None,
            smtp_password_file: None,
            folder: default_folder(),
            worker: true,
            poll_millis: 1_000,
            batch: 10,
            lease_secs: 300,
            max_attempts: 8,
            retry_base_secs: 30,
            retry_max_secs: 6 * 3600,
            smtp_timeout_secs: 20,
        }
    }
}

/// The folder's default, which [`crate::config::Settings::mail_settings`] places in the data
/// folder.
pub fn default_folder() -> PathBuf {
    PathBuf::from("data/mail")
}

impl MailSettings {
    /// The SMTP password: configured, or read from its file.
    pub fn smtp_password(&self) -> anyhow::Result<Option<String>> {
        if let Some(password) = self.smtp_password.as_ref().filter(|p| !p.is_empty()) {
            return Ok(Some(password.clone()));
        }
        match &self.smtp_password_file {
            Some(path) => {
                let password = std::fs::read_to_string(path).map_err(|e| {
                    anyhow::anyhow!(
                        "cannot read mail.smtp_password_file {}: {e}",
                        path.display()
                    )
                })?;
                Ok(Some(password.trim_end_matches(['\r', '\n']).to_string()))
            }
            None => Ok(None),
        }
    }
}
