//! Email notifications through the outbox, on both backends: each workflow step queues exactly
//! the expected messages, in each recipient's language (an insta snapshot of every message's
//! words, with the dates and references that change from run to run fixed); a step that is
//! refused or rolled back queues nothing; citizens are written to only at a confirmed address.

use app::i18n::Locale;
use app::types::{
    ChallengedFactor, FindingKind, GroundKind, Grounds, MailFacts, MessageKind, OutcomeKind, Role,
};
use chrono::Utc;
use diesel::prelude::*;
use server::auth::receipt::ReceiptSigner;
use server::cli::demo_decisions::DEMO_PAIRS;
use server::db::models::outbox::{self, OutboxMessage};
use server::db::schema::{agencies, appeals, decisions};
use server::domain::appeal::{Event, Outcome};
use server::services::appeals::claim;
use server::services::appeals::filing::{self, FilingRequest};
use server::services::appeals::steps::{take_step, StepActor, StepError, StepEvent, StepRequest};
use server::services::citizen_sign_in;
use tests::appeal_support::{actor_of, citizen_of, staff, version};
use tests::TestApp;

const DECISION: &str = DEMO_PAIRS[0].0;

/// Seeds the demo; returns the challenged decision's agency slug.
fn seeded(app: &TestApp) -> String {
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
    decisions::table
        .inner_join(agencies::table)
        .filter(decisions::reference.eq(DECISION))
        .select(agencies::slug)
        .first(&mut app.db())
        .unwrap()
}

fn filing_request(app: &TestApp, key: &str, email: &str, language: Locale) -> FilingRequest {
    let json: String = decisions::table
        .filter(decisions::reference.eq(DECISION))
        .select(decisions::content_json)
        .first(&mut app.db())
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    FilingRequest {
        decision_reference: DECISION.into(),
        idempotency_key: key.into(),
        grounds: Grounds {
            kinds: vec![GroundKind::DataError],
            factors: vec![ChallengedFactor {
                key: doc["factors"][0]["key"].as_str().unwrap().into(),
                correct_value: "320000".into(),
                why: "My employer's certificate.".into(),
            }],
        },
        statement: "The income figure is last year's.".into(),
        contact_email: email.into(),
        language,
        evidence: Vec::new(),
    }
}

fn file(app: &TestApp, request: &FilingRequest) -> String {
    let signer = ReceiptSigner::from_seed(&app.keys.receipt_seed()).unwrap();
    filing::file(&mut app.db(), &signer, request, Utc::now())
        .unwrap()
        .reference
}

fn step(
    app: &TestApp,
    who: &StepActor,
    reference: &str,
    event: StepEvent,
) -> Result<(), StepError> {
    let request = StepRequest {
        reference: reference.into(),
        expected_version: version(app, reference),
        event,
    };
    take_step(&mut app.db(), who, &request, Utc::now()).map(|_| ())
}

fn ready(event: Event) -> StepEvent {
    StepEvent::Ready(event)
}

/// The messages queued after the one with id `after`.
fn queued_after(app: &TestApp, after: i64) -> Vec<OutboxMessage> {
    outbox::all(&mut app.db())
        .unwrap()
        .into_iter()
        .filter(|m| m.id > after)
        .collect()
}

fn last_id(app: &TestApp) -> i64 {
    outbox::all(&mut app.db())
        .unwrap()
        .last()
        .map_or(0, |m| m.id)
}

/// What a step queued, as `kind → recipient [language]`.
fn summary(messages: &[OutboxMessage]) -> Vec<String> {
    messages
        .iter()
        .map(|m| format!("{} → {} [{}]", m.kind, m.recipient, m.language))
        .collect()
}

/// A message's words with what changes between runs fixed: the dates, the appeal reference and
/// any single-use token.
fn rendered(message: &OutboxMessage) -> String {
    let mut facts: MailFacts = serde_json::from_str(&message.facts_json).unwrap();
    if facts.date.is_some() {
        facts.date = Some("2026-12-15".into());
    }
    for line in &mut facts.digest {
        line.due = "2026-12-15".into();
    }
    let reference = facts.reference.clone();
    if !reference.is_empty() {
        facts.reference = "AP-TEST-0001".into();
        facts.link = facts.link.replace(&reference, "AP-TEST-0001");
    }
    if let Some(at) = facts.link.find("token=") {
        facts.link = format!("{}token=TOKEN", &facts.link[..at]);
    }
    let kind = MessageKind::parse(&message.kind).unwrap();
    let language = Locale::parse(&message.language).unwrap();
    let out = server::mail::render::render(kind, language, &facts, "https://portal.test");
    format!(
        "=== {} → {} [{}]\nSubject: {}\n\n{}",
        message.kind, message.recipient, message.language, out.subject, out.bodies.text
    )
}

fn token_of(message: &OutboxMessage) -> String {
    let facts: MailFacts = serde_json::from_str(&message.facts_json).unwrap();
    let at = facts.link.find("token=").expect("a link with a token") + "token=".len();
    facts.link[at..].to_string()
}

// The background worker is off: these tests read the queue itself.
tests::on_both_backends_with! { |s| s.mail.worker = false;
    async fn each_step_queues_the_expected_messages_in_each_recipients_language(app) {
        let agency = seeded(&app);
        let reviewer = staff(&app, "r1@agency.kz", Role::Reviewer, Some(&agency));
        let colleague = staff(&app, "r2@agency.kz", Role::Reviewer, Some(&agency));
        let supervisor = staff(&app, "s1@agency.kz", Role::Supervisor, Some(&agency));
        let ombudsman = staff(&app, "o1@ombudsman.kz", Role::Ombudsman, None);
        server::db::models::user::set_language(&mut app.db(), colleague.user_id, "en").unwrap();
        server::db::models::user::set_language(&mut app.db(), supervisor.user_id, "ru").unwrap();
        let start = last_id(&app);
        let mut words = Vec::new();
        let mut expect = |app: &TestApp, what: &str, wanted: &[&str]| {
            let all = queued_after(app, start);
            let fresh: Vec<OutboxMessage> = all.into_iter().skip(words.len()).collect();
            assert_eq!(summary(&fresh), wanted, "after {what}");
            words.extend(fresh.iter().map(rendered));
            fresh
        };

        let reference = file(&app, &filing_request(&app, "notify", "Citizen@Example.kz", Locale::Ru));
        let confirm = expect(&app, "filing", &["confirm_address → citizen@example.kz [ru]"]);
        let confirmed = citizen_sign_in::confirm_address(&mut app.db(), &token_of(&confirm[0]), Utc::now()).unwrap();
        assert_eq!(confirmed.as_deref(), Some("citizen@example.kz"));

        claim::claim(&mut app.db(), &reviewer, &reference, Utc::now()).unwrap();
        expect(&app, "a reviewer claiming it", &[]);
        claim::assign(&mut app.db(), &supervisor, &reference, colleague.user_id, version(&app, &reference), Utc::now()).unwrap();
        expect(&app, "assigning it", &["assigned_to_you → r2@agency.kz [en]"]);
        let handler = actor_of(&colleague);
        step(&app, &handler, &reference, ready(Event::Acknowledge)).unwrap();
        expect(&app, "acknowledging", &["acknowledged → citizen@example.kz [ru]"]);
        step(&app, &handler, &reference, ready(Event::RequestInformation { question: "Please send the employer's certificate.".into() })).unwrap();
        expect(&app, "asking", &["information_requested → citizen@example.kz [ru]"]);
        step(&app, &citizen_of(DECISION), &reference, ready(Event::Answer { reply: "Attached.".into() })).unwrap();
        expect(&app, "the citizen's answer", &[]);
        let decide_by: chrono::NaiveDate = appeals::table.filter(appeals::reference.eq(&reference)).select(appeals::decide_by).first(&mut app.db()).unwrap();
        step(&app, &actor_of(&supervisor), &reference, StepEvent::Extend { new_due: decide_by + chrono::Duration::days(7), reason: "We asked the tax authority for records.".into() }).unwrap();
        expect(&app, "extending", &["deadline_extended → citizen@example.kz [ru]"]);
        let overturn = Outcome {
            kind: OutcomeKind::Overturned,
            reasoning: "The certificate shows the current income.".into(),
            corrected: Some(server::domain::appeal::CorrectedOutcome { outcome: "approved".into(), label: "Benefit granted".into() }),
        };
        step(&app, &handler, &reference, ready(Event::ProposeOutcome { outcome: overturn })).unwrap();
        let approvers = expect(&app, "proposing on a high-risk system", &[
            "approval_needed → supervisor@social-benefits.demo.gov.kz [kk]",
            "approval_needed → s1@agency.kz [ru]",
        ]);
        assert_eq!(approvers.len(), 2);
        step(&app, &actor_of(&supervisor), &reference, ready(Event::Approve)).unwrap();
        expect(&app, "approving", &["outcome_decided → citizen@example.kz [ru]"]);
        step(&app, &citizen_of(DECISION), &reference, ready(Event::Escalate { statement: "Paid too late.".into() })).unwrap();
        expect(&app, "escalating", &[
            "escalated → citizen@example.kz [ru]",
            "new_escalation → ombudsman@ombudsman.demo.gov.kz [kk]",
            "new_escalation → o1@ombudsman.kz [kk]",
        ]);
        step(&app, &actor_of(&ombudsman), &reference, ready(Event::OmbudsmanFinding { kind: FindingKind::RecommendReconsideration, reasoning: "Reconsider the payment date.".into() })).unwrap();
        expect(&app, "the finding", &["ombudsman_finding → citizen@example.kz [ru]"]);
        step(&app, &actor_of(&supervisor), &reference, ready(Event::Reopen)).unwrap();
        expect(&app, "reopening", &["appeal_reopened → citizen@example.kz [ru]"]);

        insta::assert_snapshot!("workflow_messages", words.join("\n"));
    }

    async fn a_step_refused_stale_or_rolled_back_queues_nothing(app) {
        let agency = seeded(&app);
        let reviewer = staff(&app, "r1@agency.kz", Role::Reviewer, Some(&agency));
        let reference = file(&app, &filing_request(&app, "rollback", "citizen@example.kz", Locale::Kk));
        let start = last_id(&app);
        // Refused: a reviewer cannot approve what nobody proposed.
        assert!(step(&app, &actor_of(&reviewer), &reference, ready(Event::Approve)).is_err());
        // Stale: the page showed an older version.
        let stale = StepRequest { reference: reference.clone(), expected_version: version(&app, &reference) - 1, event: ready(Event::Acknowledge) };
        assert!(matches!(take_step(&mut app.db(), &actor_of(&reviewer), &stale, Utc::now()), Err(StepError::Stale)));
        // Rolled back after the message was queued: the row goes with the transaction.
        let rolled_back = server::db::write_transaction(&mut app.db(), |conn| -> Result<(), diesel::result::Error> {
            server::mail::outgoing::enqueue(conn, &server::mail::outgoing::Outgoing {
                kind: MessageKind::Acknowledged,
                recipient: "citizen@example.kz".into(),
                language: Locale::Kk,
                facts: MailFacts::default(),
                dedup_key: None,
            }, Utc::now().naive_utc())?;
            // The change fails after queuing its message.
            Err(diesel::result::Error::RollbackTransaction)
        });
        assert!(rolled_back.is_err());
        assert!(queued_after(&app, start).is_empty(), "{:?}", summary(&queued_after(&app, start)));
    }

    async fn an_unconfirmed_address_gets_only_the_confirmation(app) {
        let agency = seeded(&app);
        let reviewer = staff(&app, "r1@agency.kz", Role::Reviewer, Some(&agency));
        let start = last_id(&app);
        let reference = file(&app, &filing_request(&app, "unconfirmed", "someone@example.kz", Locale::En));
        claim::claim(&mut app.db(), &reviewer, &reference, Utc::now()).unwrap();
        step(&app, &actor_of(&reviewer), &reference, ready(Event::Acknowledge)).unwrap();
        assert_eq!(summary(&queued_after(&app, start)), ["confirm_address → someone@example.kz [en]"]);
        // Once confirmed, a second challenge is acknowledged at once, without a new confirmation.
        let token = token_of(&queued_after(&app, start)[0]);
        citizen_sign_in::confirm_address(&mut app.db(), &token, Utc::now()).unwrap().unwrap();
        assert!(citizen_sign_in::confirm_address(&mut app.db(), &token, Utc::now()).unwrap().is_none(), "the link works once");
        let middle = last_id(&app);
        let mut second = filing_request(&app, "second", "someone@example.kz", Locale::En);
        second.idempotency_key = "second".into();
        file(&app, &second);
        assert_eq!(summary(&queued_after(&app, middle)), ["challenge_received → someone@example.kz [en]"]);
    }

    async fn the_daily_digest_lists_appeals_due_within_two_working_days_once_a_day(app) {
        let agency = seeded(&app);
        let reviewer = staff(&app, "r1@agency.kz", Role::Reviewer, Some(&agency));
        let reference = file(&app, &filing_request(&app, "digest", "citizen@example.kz", Locale::Kk));
        claim::claim(&mut app.db(), &reviewer, &reference, Utc::now()).unwrap();
        // On the agency's next working day, the deadline is the day after, as if the appeal
        // had waited.
        let today = server::domain::local_time::local_date(Utc::now().naive_utc(), "Asia/Almaty");
        let day = server::services::calendar::deadline(&mut app.db(), &agency, today, 1).unwrap().due;
        diesel::update(appeals::table.filter(appeals::reference.eq(&reference)))
            .set(appeals::decide_by.eq(day + chrono::Duration::days(1)))
            .execute(&mut app.db())
            .unwrap();
        let now = day.and_hms_opt(6, 0, 0).unwrap();
        let start = last_id(&app);
        assert!(server::services::notifications::digest::send_due(&mut app.db(), now).unwrap() >= 1);
        let mine: Vec<OutboxMessage> = queued_after(&app, start).into_iter().filter(|m| m.recipient == "r1@agency.kz").collect();
        assert_eq!(mine.len(), 1, "one digest for the reviewer holding it");
        assert_eq!(mine[0].kind, "deadline_digest");
        let facts: MailFacts = serde_json::from_str(&mine[0].facts_json).unwrap();
        assert_eq!(facts.digest.iter().map(|l| l.reference.as_str()).collect::<Vec<_>>(), [reference.as_str()]);
        assert!(!facts.digest[0].overdue);
        assert_eq!(server::services::notifications::digest::send_due(&mut app.db(), now).unwrap(), 0, "once a day");
    }
}
