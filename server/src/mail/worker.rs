//! The delivery worker: claims due messages, renders and sends each, and marks it sent; a
//! failure waits with exponential backoff and jitter, up to `mail.max_attempts`, then the
//! message is marked failed for an admin to retry. Several workers, in one process or many,
//! never send one message twice while its claim holds (docs/notifications.md).

use super::render::{render, Rendered};
use super::settings::MailSettings;
use super::transport::{SendError, Transport};
use crate::db::models::outbox::{self, OutboxMessage};
use crate::db::DbPool;
use app::i18n::Locale;
use app::types::{MailFacts, MessageKind};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;
use rand::Rng;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub claimed: usize,
    pub sent: usize,
    pub failed_attempts: usize,
}

/// A delivery worker.
#[derive(Clone)]
pub struct Worker {
    pool: DbPool,
    transport: Arc<Transport>,
    settings: MailSettings,
    public_url: String,
    id: String,
}

impl Worker {
    /// A worker with a name of its own (host, process, and a random part).
    pub fn new(
        pool: DbPool,
        transport: Arc<Transport>,
        settings: MailSettings,
        public_url: String,
    ) -> Worker {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "host".into());
        let id = format!(
            "{host}-{}-{}",
            std::process::id(),
            &crate::secrets::random_token()[..6]
        );
        Worker {
            pool,
            transport,
            settings,
            public_url,
            id,
        }
    }

    /// This worker's name, as `outbox.claimed_by` records it.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Claims what is due at `now` and tries each message once.
    pub fn run_once(&self, now: DateTime<Utc>) -> anyhow::Result<Round> {
        let mut conn = self.pool.get()?;
        let stamp = now.naive_utc();
        let lease = stamp + Duration::seconds(self.settings.lease_secs);
        let claimed = outbox::claim_due(&mut conn, &self.id, stamp, lease, self.settings.batch)?;
        let mut round = Round {
            claimed: claimed.len(),
            ..Round::default()
        };
        for message in claimed {
            let outcome = self.deliver(&message);
            let now = Utc::now().naive_utc();
            match outcome {
                Ok(kept) => {
                    if outbox::mark_sent(&mut conn, message.id, &self.id, now, &kept)? {
                        round.sent += 1;
                    }
                }
                Err(error) => {
                    round.failed_attempts += 1;
                    let retry_at = self.retry_at(&message, &error, now);
                    tracing::warn!(
                        id = message.id,
                        kind = %message.kind,
                        attempt = message.attempts + 1,
                        error = %error.message,
                        gives_up = retry_at.is_none(),
                        "email not sent"
                    );
                    outbox::mark_attempt_failed(
                        &mut conn,
                        message.id,
                        &self.id,
                        &error.message,
                        retry_at,
                    )?;
                }
            }
        }
        Ok(round)
    }

    /// Sends on a thread of its own until `stop` is set, looking again every
    /// `mail.poll_millis` when idle. The work is blocking (database, SMTP), and must not
    /// depend on which async runtime hosts the server.
    pub fn spawn(self, stop: Arc<AtomicBool>) -> std::io::Result<std::thread::JoinHandle<()>> {
        std::thread::Builder::new()
            .name("mail-worker".into())
            .spawn(move || self.run_until(&stop))
    }

    /// Sends until `stop` is set.
    pub fn run_until(&self, stop: &AtomicBool) {
        let idle = std::time::Duration::from_millis(self.settings.poll_millis.max(50));
        let slice = idle.min(std::time::Duration::from_millis(100));
        while !stop.load(Ordering::Relaxed) {
            match self.run_once(Utc::now()) {
                Ok(round) if round.claimed > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(error = %error, "mail worker round failed"),
            }
            let mut waited = std::time::Duration::ZERO;
            while waited < idle && !stop.load(Ordering::Relaxed) {
                std::thread::sleep(slice);
                waited += slice;
            }
        }
    }

    /// Renders and hands over one message; on success, the facts to keep: as they were, or
    /// without the single-use link the message carried.
    fn deliver(&self, message: &OutboxMessage) -> Result<String, SendError> {
        let permanent = |message: String| SendError {
            message,
            permanent: true,
        };
        let kind = MessageKind::parse(&message.kind)
            .ok_or_else(|| permanent(format!("unknown message kind {}", message.kind)))?;
        let language = Locale::parse(&message.language).unwrap_or_default();
        let mut facts: MailFacts = serde_json::from_str(&message.facts_json)
            .map_err(|e| permanent(format!("unreadable facts: {e}")))?;
        let rendered = render(kind, language, &facts, &self.public_url);
        let email = self
            .build(message, &rendered)
            .map_err(|e| permanent(format!("cannot build the message: {e}")))?;
        self.transport.send(&email, &file_stem(message))?;
        if !kind.carries_secret() {
            return Ok(message.facts_json.clone());
        }
        facts.link = String::new();
        // Serialising plain data cannot fail; were it to, the stored facts are blanked whole.
        Ok(serde_json::to_string(&facts).unwrap_or_else(|_| "{}".into()))
    }

    fn build(&self, message: &OutboxMessage, rendered: &Rendered) -> anyhow::Result<Message> {
        let from: Mailbox = self.settings.from.parse()?;
        let to: Mailbox = message.recipient.parse()?;
        let domain = from.email.domain().to_string();
        Ok(Message::builder()
            .from(from)
            .to(to)
            .subject(rendered.subject.clone())
            // One identifier per outbox row: were a message ever sent twice (a worker killed
            // between the server's acceptance and the mark), the copies are recognisable.
            .message_id(Some(format!(
                "<outbox-{}-{}@{domain}>",
                message.id,
                message.created_at.and_utc().timestamp()
            )))
            .multipart(MultiPart::alternative_plain_html(
                rendered.bodies.text.clone(),
                rendered.bodies.html.clone(),
            ))?)
    }

    /// When to try again after `error`, or `None` to give up.
    fn retry_at(
        &self,
        message: &OutboxMessage,
        error: &SendError,
        now: NaiveDateTime,
    ) -> Option<NaiveDateTime> {
        let attempts = message.attempts + 1;
        if error.permanent || attempts >= self.settings.max_attempts {
            return None;
        }
        let delay = backoff_secs(
            attempts,
            self.settings.retry_base_secs,
            self.settings.retry_max_secs,
            rand::thread_rng().gen_range(0.5..=1.0),
        );
        Some(now + Duration::seconds(delay))
    }
}

/// The delay before attempt `attempts + 1`: the base doubled per failed attempt, capped, and
/// scaled by `jitter` (0.5 to 1) so that messages failed together do not retry together.
pub fn backoff_secs(attempts: i32, base: i64, max: i64, jitter: f64) -> i64 {
    let exponent = (attempts - 1).clamp(0, 30) as u32;
    let full = base.saturating_mul(1_i64 << exponent).min(max);
    ((full as f64) * jitter).round().max(1.0) as i64
}

/// The folder transport's file name: when it was queued, and the row.
fn file_stem(message: &OutboxMessage) -> String {
    format!(
        "{}-{:06}-{}",
        message.created_at.format("%Y%m%dT%H%M%S"),
        message.id,
        message.kind
    )
}

#[cfg(test)]
mod tests {
    use super::backoff_secs;

    #[test]
    fn the_delay_doubles_up_to_the_cap_and_jitter_only_shortens_it() {
        assert_eq!(backoff_secs(1, 30, 3600, 1.0), 30);
        assert_eq!(backoff_secs(2, 30, 3600, 1.0), 60);
        assert_eq!(backoff_secs(4, 30, 3600, 1.0), 240);
        assert_eq!(backoff_secs(20, 30, 3600, 1.0), 3600);
        assert_eq!(backoff_secs(2, 30, 3600, 0.5), 30);
        assert_eq!(backoff_secs(1, 1, 3600, 0.5), 1);
    }
}
