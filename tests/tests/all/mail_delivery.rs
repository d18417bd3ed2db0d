//! Delivery to a real SMTP server on loopback (aiosmtpd, started by each test), on both
//! backends: the message's headers and both bodies as delivered; the server down (messages stay
//! queued and go once it is back); a worker process killed in the middle of a batch (after a
//! restart every message is sent, none twice); two worker processes on one database (each
//! message sent once); and the operator's `redress outbox` command.

use app::i18n::Locale;
use app::types::{MailFacts, MessageKind};
use chrono::Utc;
use server::db::models::outbox;
use server::mail::outgoing::{enqueue, Outgoing};
use server::mail::settings::{SmtpTls, TransportKind};
use server::mail::transport::Transport;
use server::mail::worker::Worker;
use std::collections::BTreeSet;
use std::process::{Child, Command};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tests::mail::{header, redress_binary, SmtpSink};
use tests::TestApp;

/// A worker in this process sending to the server on `port`.
fn worker_for(app: &TestApp, port: u16) -> Worker {
    let mut mail = app.settings.mail_settings();
    mail.transport = TransportKind::Smtp;
    mail.smtp_host = "127.0.0.1".into();
    mail.smtp_port = port;
    mail.smtp_tls = SmtpTls::None;
    mail.smtp_timeout_secs = 5;
    mail.from = "Redress <no-reply@redress.test>".into();
    let transport = Arc::new(Transport::open(&mail).unwrap());
    Worker::new(
        app.pool.clone(),
        transport,
        mail,
        "https://portal.test".into(),
    )
}

/// Queues `count` sign-in messages to distinct addresses.
fn queue_messages(app: &TestApp, count: usize) {
    let now = Utc::now().naive_utc();
    for n in 0..count {
        enqueue(
            &mut app.db(),
            &Outgoing {
                kind: MessageKind::SignInLink,
                recipient: format!("person{n}@example.kz"),
                language: Locale::En,
                facts: MailFacts {
                    link: format!("/signin/link?token=t{n}"),
                    valid_minutes: Some(15),
                    ..MailFacts::default()
                },
                dedup_key: None,
            },
            now,
        )
        .unwrap();
    }
}

fn statuses(app: &TestApp) -> Vec<String> {
    outbox::all(&mut app.db())
        .unwrap()
        .into_iter()
        .map(|m| m.status)
        .collect()
}

/// `redress worker` as its own process, on the test's database, sending to `port`.
fn worker_process(app: &TestApp, port: u16) -> Child {
    Command::new(redress_binary())
        .arg("worker")
        .env("DATABASE_URL", &app.settings.database_url)
        .env("REDRESS__DATA_DIR", &app.settings.data_dir)
        .env("REDRESS__MAIL__TRANSPORT", "smtp")
        .env("REDRESS__MAIL__FROM", "Redress <no-reply@redress.test>")
        .env("REDRESS__MAIL__SMTP_HOST", "127.0.0.1")
        .env("REDRESS__MAIL__SMTP_PORT", port.to_string())
        .env("REDRESS__MAIL__SMTP_TLS", "none")
        .env("REDRESS__MAIL__BATCH", "4")
        .env("REDRESS__MAIL__LEASE_SECS", "3")
        .env("REDRESS__MAIL__POLL_MILLIS", "100")
        .env("REDRESS__PUBLIC_URL", "https://portal.test")
        .env("RUST_LOG", "warn")
        .spawn()
        .expect("redress worker starts")
}

/// Waits until no message is queued.
fn wait_all_sent(app: &TestApp, within: Duration) {
    let deadline = Instant::now() + within;
    while statuses(app).iter().any(|s| s != "sent") {
        assert!(
            Instant::now() < deadline,
            "still queued: {:?}",
            statuses(app)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn message_ids(messages: &[String]) -> Vec<String> {
    messages
        .iter()
        .map(|m| header(m, "Message-ID").unwrap())
        .collect()
}

// The background worker is off: each test runs its own workers.
tests::on_both_backends_with! { |s| s.mail.worker = false;
    async fn a_message_arrives_with_its_headers_and_both_bodies(app) {
        let sink = SmtpSink::start(Duration::ZERO);
        queue_messages(&app, 1);
        let round = worker_for(&app, sink.port).run_once(Utc::now()).unwrap();
        assert_eq!((round.claimed, round.sent), (1, 1));
        let raw = sink.wait_for(1, Duration::from_secs(10)).remove(0);
        let parsed = mailparse::parse_mail(raw.as_bytes()).unwrap();
        let get = |name: &str| parsed.headers.iter().find(|h| h.get_key().eq_ignore_ascii_case(name)).map(|h| h.get_value());
        assert_eq!(get("From").as_deref(), Some("Redress <no-reply@redress.test>"));
        assert_eq!(get("To").as_deref(), Some("person0@example.kz"));
        assert_eq!(get("X-Envelope-To").as_deref(), Some("person0@example.kz"));
        assert_eq!(get("Subject").as_deref(), Some("Your sign-in link for Redress"));
        let id = outbox::all(&mut app.db()).unwrap()[0].id;
        assert!(get("Message-ID").unwrap().starts_with(&format!("<outbox-{id}-")), "{:?}", get("Message-ID"));
        assert_eq!(parsed.ctype.mimetype, "multipart/alternative");
        let text = parsed.subparts.iter().find(|p| p.ctype.mimetype == "text/plain").unwrap().get_body().unwrap();
        let html = parsed.subparts.iter().find(|p| p.ctype.mimetype == "text/html").unwrap().get_body().unwrap();
        assert!(text.contains("https://portal.test/signin/link?token=t0"), "{text}");
        assert!(html.contains("href=\"https://portal.test/signin/link?token=t0\""), "{html}");
        assert!(html.contains("<html lang=\"en\">"));
        // Once sent, the single-use link is no longer kept.
        let stored = outbox::all(&mut app.db()).unwrap().remove(0);
        assert_eq!(stored.status, "sent");
        assert!(!stored.facts_json.contains("token=t0"), "{}", stored.facts_json);
    }

    async fn messages_wait_while_the_server_is_down_and_go_when_it_is_back(app) {
        let stopped = SmtpSink::start(Duration::ZERO).stop();
        queue_messages(&app, 2);
        let worker = worker_for(&app, stopped.port);
        let round = worker.run_once(Utc::now()).unwrap();
        assert_eq!((round.claimed, round.sent, round.failed_attempts), (2, 0, 2));
        let waiting = outbox::all(&mut app.db()).unwrap();
        assert!(waiting.iter().all(|m| m.status == "queued" && m.attempts == 1 && m.last_error.is_some()));
        assert!(waiting.iter().all(|m| m.next_attempt_at > Utc::now().naive_utc()), "retried later, not at once");
        let ready: serde_json::Value = app.get("/readyz").await.json().await.unwrap();
        assert_eq!(ready["status"], "ready", "the portal stays ready: mail is queued, not lost");
        assert_eq!(ready["outbox"]["queued"], 2);
        assert_eq!(worker.run_once(Utc::now()).unwrap().claimed, 0, "nothing is due before the backoff");

        let sink = stopped.restart(Duration::ZERO);
        let later = Utc::now() + chrono::Duration::hours(1);
        assert_eq!(worker.run_once(later).unwrap().sent, 2);
        assert_eq!(sink.wait_for(2, Duration::from_secs(10)).len(), 2);
        assert_eq!(statuses(&app), ["sent", "sent"]);
    }

    async fn a_worker_killed_mid_batch_loses_nothing_and_repeats_nothing(app) {
        // Each delivery holds the SMTP transaction open for 300 ms, so the kill lands inside
        // one, before the server accepted it.
        let sink = SmtpSink::start(Duration::from_millis(300));
        queue_messages(&app, 10);
        let mut first = worker_process(&app, sink.port);
        sink.wait_for(3, Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(150));
        first.kill().unwrap();
        first.wait().unwrap();
        let delivered_before = sink.messages().len();
        assert!(delivered_before < 10, "killed before the end of the batch");
        let claimed_by_the_dead: usize = outbox::all(&mut app.db()).unwrap().iter().filter(|m| m.status == "queued" && m.lease_until.is_some()).count();
        assert!(claimed_by_the_dead > 0, "the killed worker held claims");

        let mut second = worker_process(&app, sink.port);
        wait_all_sent(&app, Duration::from_secs(60));
        second.kill().unwrap();
        second.wait().unwrap();
        let ids = message_ids(&sink.messages());
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(ids.len(), 10, "every message once: {ids:?}");
        assert_eq!(unique.len(), 10);
    }

    async fn two_worker_processes_send_each_message_once(app) {
        let sink = SmtpSink::start(Duration::from_millis(20));
        queue_messages(&app, 16);
        let mut workers = [worker_process(&app, sink.port), worker_process(&app, sink.port)];
        wait_all_sent(&app, Duration::from_secs(60));
        for worker in &mut workers {
            worker.kill().unwrap();
            worker.wait().unwrap();
        }
        let ids = message_ids(&sink.messages());
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(ids.len(), 16, "{ids:?}");
        assert_eq!(unique.len(), 16);
        let senders: BTreeSet<String> = outbox::all(&mut app.db()).unwrap().into_iter().filter_map(|m| m.claimed_by).collect();
        assert!(!senders.is_empty());
    }
}

tests::on_both_backends_with! { |s| s.mail.worker = false;
    async fn an_operator_lists_the_outbox_and_retries_a_failed_message_from_the_command_line(app) {
        queue_messages(&app, 2);
        let first = outbox::all(&mut app.db()).unwrap()[0].id;
        server::db::models::outbox::claim_due(&mut app.db(), "test", Utc::now().naive_utc(), Utc::now().naive_utc(), 1).unwrap();
        server::db::models::outbox::mark_attempt_failed(&mut app.db(), first, "test", "550 5.1.1 mailbox unavailable", None).unwrap();
        let run = |args: &[&str]| {
            let output = Command::new(redress_binary())
                .args(args)
                .env("DATABASE_URL", &app.settings.database_url)
                .env("REDRESS__DATA_DIR", &app.settings.data_dir)
                // Its audit entries are keyed, and on PostgreSQL the key is configured, never a file.
                .env("REDRESS__SECRETS__SIGNING_KEY", app.settings.secrets.signing_key.clone().unwrap())
                .output()
                .unwrap();
            (output.status.success(), String::from_utf8_lossy(&output.stdout).to_string(), String::from_utf8_lossy(&output.stderr).to_string())
        };
        let (ok, listed, _) = run(&["outbox"]);
        assert!(ok);
        assert!(listed.starts_with("queued=1 failed=1 sent_last_day=0"), "{listed}");
        let failed_line = listed.lines().find(|l| l.starts_with(&format!("{first}\t"))).unwrap();
        assert!(failed_line.contains("failed") && failed_line.contains("p***@example.kz") && failed_line.contains("550 5.1.1"), "{failed_line}");
        assert!(!listed.contains("person0@example.kz"), "addresses are masked");
        let (ok, _, refused) = run(&["outbox", "retry", "999999"]);
        assert!(!ok && refused.contains("no failed message has id 999999"), "{refused}");
        let (ok, said, _) = run(&["outbox", "retry", &first.to_string()]);
        assert!(ok, "{said}");
        let row = outbox::all(&mut app.db()).unwrap().into_iter().find(|m| m.id == first).unwrap();
        assert_eq!((row.status.as_str(), row.attempts), ("queued", 0));
        let (_, only_failed, _) = run(&["outbox", "--status", "failed"]);
        assert!(!only_failed.lines().skip(1).any(|l| !l.is_empty()), "nothing failed any more: {only_failed}");
    }
}
