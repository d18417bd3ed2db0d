//! Retention of personal data on both backends: a purge removes the personal data of cases past
//! their state body's period (email addresses, national-id hashes, statements, messages,
//! evidence records and files), keeps cases within their period or with an open appeal, leaves
//! every statistics figure and the audit chain as they were, and a second purge or a dry run
//! changes nothing.

use app::i18n::Locale;
use app::types::{ChallengedFactor, GroundKind, Grounds, OutcomeKind, Role};
use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use diesel::prelude::*;
use server::auth::receipt::{sha256_hex, ReceiptSigner};
use server::blobs::BlobKey;
use server::cli::demo_decisions::DEMO_PAIRS;
use server::db::models::audit::Actor as AuditActor;
use server::db::models::figures::AppealFigure;
use server::db::schema::{
    agencies, ai_system_versions, appeal_attachments, appeal_day_tallies, appeal_entries,
    appeal_figure_tags, appeal_figures, appeal_tag_tallies, appeal_tallies, appeals, audit_log,
    confirmed_emails, decision_tallies, decisions, email_links, outbox,
};
use server::domain::appeal::{Event, Outcome};
use server::services::appeals::claim;
use server::services::appeals::filing::{self, FilingRequest, StoredEvidence};
use server::services::appeals::steps::{take_step, StepActor, StepEvent, StepRequest};
use server::services::retention::{self, PurgeCounts, PurgeOptions, PurgeReport};
use server::services::ServiceError;
use tests::appeal_support::{actor_of, citizen_of, staff, version};
use tests::{on_both_backends_with, TestApp};

/// The body whose period is raised to ten years: its cases are within their period.
const LONG_KEEPER: &str = "land-permits";
const REVENUE: &str = "state-revenue";
const CONTACT: &str = "leaving.citizen@example.kz";
const STATEMENT: &str = "My salary certificate shows a lower income than the one used.";
const QUESTION: &str = "Please send the certificate's second page.";
const REPLY: &str = "Here it is: my employer's stamp is on page two.";

/// Seeds the demo (with the open demo appeals' evidence files in the server's blob folder).
async fn seeded(app: &TestApp) {
    let pool = app.pool.clone();
    let blobs = server::blobs::open(&app.settings.blob_settings()).unwrap();
    let keys = app.keys.clone();
    // The demo's evidence is written on a runtime of its own, so not on this test's.
    tokio::task::spawn_blocking(move || {
        server::cli::seed_demo::seed_with_evidence(
            &mut pool.get().unwrap(),
            &keys,
            Some(blobs.as_ref()),
        )
        .unwrap();
    })
    .await
    .unwrap();
}

/// Runs the purge as the housekeeping loop does, at `now`.
async fn purge(app: &TestApp, now: DateTime<Utc>, dry_run: bool) -> PurgeReport {
    let pool = app.pool.clone();
    let blobs = server::blobs::open(&app.settings.blob_settings()).unwrap();
    let runtime = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let options = PurgeOptions {
            dry_run,
            batch_size: 150,
            actor: AuditActor::system(),
        };
        retention::run(
            &mut pool.get().unwrap(),
            blobs.as_ref(),
            &runtime,
            &options,
            now,
        )
        .unwrap()
    })
    .await
    .unwrap()
}

/// The file of `key` in the server's blob folder.
fn blob_file(app: &TestApp, key: &str) -> std::path::PathBuf {
    let mut path = app.settings.blob_settings().folder;
    path.extend(key.split('/'));
    path
}

/// A revenue decision without appeals, inside its challenge window.
fn revenue_decision(app: &TestApp) -> (String, String) {
    let (reference, content): (String, String) = decisions::table
        .inner_join(agencies::table)
        .inner_join(ai_system_versions::table)
        .filter(agencies::slug.eq(REVENUE))
        .filter(ai_system_versions::risk_level.ne("high"))
        .filter(decisions::decided_at.gt((Utc::now() - Duration::days(40)).naive_utc()))
        .filter(decisions::subject_email.is_not_null())
        .order(decisions::reference.asc())
        .select((decisions::reference, decisions::content_json))
        .first(&mut app.db())
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&content).unwrap();
    (
        reference,
        doc["factors"][0]["key"].as_str().unwrap().to_string(),
    )
}

/// Files a challenge with a piece of evidence on a revenue decision, asks and answers a
/// question, decides it and has the citizen close it. Returns (decision, appeal, blob key).
async fn finished_case(app: &TestApp) -> (String, String, String) {
    let (decision, factor) = revenue_decision(app);
    let bytes = format!("%PDF-1.4 income certificate for {decision}").into_bytes();
    let sha256 = sha256_hex(&bytes);
    let key = BlobKey::for_evidence(&decision, &sha256);
    let blobs = server::blobs::open(&app.settings.blob_settings()).unwrap();
    blobs.put(&key, bytes.clone().into()).await.unwrap();
    let request = FilingRequest {
        decision_reference: decision.clone(),
        idempotency_key: "retention".into(),
        grounds: Grounds {
            kinds: vec![GroundKind::DataError],
            factors: vec![ChallengedFactor {
                key: factor,
                correct_value: "215000".into(),
                why: "My employer's certificate.".into(),
            }],
        },
        statement: STATEMENT.into(),
        contact_email: CONTACT.into(),
        language: Locale::Ru,
        evidence: vec![StoredEvidence {
            file_name: "certificate.pdf".into(),
            content_type: "application/pdf",
            size_bytes: bytes.len() as i64,
            sha256,
            blob_key: key.as_str().to_string(),
        }],
    };
    let signer = ReceiptSigner::from_seed(&app.keys.receipt_seed()).unwrap();
    let now = Utc::now();
    let appeal = filing::file(&mut app.db(), &signer, &request, now)
        .unwrap()
        .reference;
    server::db::models::email_link::confirm(&mut app.db(), CONTACT, now.naive_utc()).unwrap();
    let reviewer = staff(app, "keeper@revenue.test", Role::Reviewer, Some(REVENUE));
    claim::claim(&mut app.db(), &reviewer, &appeal, now).unwrap();
    let step = |event: Event, who: &StepActor| {
        let request = StepRequest {
            reference: appeal.clone(),
            expected_version: version(app, &appeal),
            event: StepEvent::Ready(event),
        };
        take_step(&mut app.db(), who, &request, now).unwrap();
    };
    step(Event::Acknowledge, &actor_of(&reviewer));
    step(
        Event::RequestInformation {
            question: QUESTION.into(),
        },
        &actor_of(&reviewer),
    );
    step(
        Event::Answer {
            reply: REPLY.into(),
        },
        &citizen_of(&decision),
    );
    step(
        Event::Decide {
            outcome: Outcome {
                kind: OutcomeKind::Upheld,
                reasoning: "Mr Seitkali's income was checked against the tax records.".into(),
                corrected: None,
            },
        },
        &actor_of(&reviewer),
    );
    step(Event::Close, &citizen_of(&decision));
    (decision, appeal, key.as_str().to_string())
}

/// A decision tally: version, month, outcome, region, language, body, system, decisions.
type DecisionTally = (i64, NaiveDate, String, String, String, i64, i64, i64);
/// An appeal tally's key (version, month, region, language) and counts (appeals, upheld,
/// overturned, withdrawn, pending, answered).
type AppealTally = (i64, NaiveDate, String, String, i64, i64, i64, i64, i64, i64);

/// Every statistics row, as text, in key order.
fn figures(app: &TestApp) -> Vec<String> {
    let conn = &mut app.db();
    let mut rows: Vec<String> = Vec::new();
    let tallies: Vec<DecisionTally> = decision_tallies::table
        .order((
            decision_tallies::system_version_id,
            decision_tallies::month,
            decision_tallies::outcome,
            decision_tallies::region,
            decision_tallies::language,
        ))
        .load(conn)
        .unwrap();
    rows.extend(tallies.iter().map(|r| format!("decision_tally {r:?}")));
    let figures: Vec<AppealFigure> = appeal_figures::table
        .order(appeal_figures::appeal_id)
        .select(AppealFigure::as_select())
        .load(conn)
        .unwrap();
    rows.extend(figures.iter().map(|r| format!("appeal_figure {r:?}")));
    let tags: Vec<(i64, String, String, chrono::NaiveDate, i64, i64)> = appeal_figure_tags::table
        .order((
            appeal_figure_tags::appeal_id,
            appeal_figure_tags::kind,
            appeal_figure_tags::value,
        ))
        .load(conn)
        .unwrap();
    rows.extend(tags.iter().map(|r| format!("appeal_tag {r:?}")));
    let appeal_counts: Vec<AppealTally> = appeal_tallies::table
        .order((
            appeal_tallies::system_version_id,
            appeal_tallies::filed_month,
            appeal_tallies::region,
            appeal_tallies::language,
        ))
        .select((
            appeal_tallies::system_version_id,
            appeal_tallies::filed_month,
            appeal_tallies::region,
            appeal_tallies::language,
            appeal_tallies::appeals,
            appeal_tallies::upheld,
            appeal_tallies::overturned,
            appeal_tallies::withdrawn,
            appeal_tallies::pending,
            appeal_tallies::answered,
        ))
        .load(conn)
        .unwrap();
    rows.extend(appeal_counts.iter().map(|r| format!("appeal_tally {r:?}")));
    let days: Vec<(i64, chrono::NaiveDate, i32, i64)> = appeal_day_tallies::table
        .order((
            appeal_day_tallies::system_version_id,
            appeal_day_tallies::filed_month,
            appeal_day_tallies::working_days,
        ))
        .select((
            appeal_day_tallies::system_version_id,
            appeal_day_tallies::filed_month,
            appeal_day_tallies::working_days,
            appeal_day_tallies::answered,
        ))
        .load(conn)
        .unwrap();
    rows.extend(days.iter().map(|r| format!("day_tally {r:?}")));
    let tag_tallies: Vec<(i64, chrono::NaiveDate, String, String, i64)> = appeal_tag_tallies::table
        .order((
            appeal_tag_tallies::system_id,
            appeal_tag_tallies::filed_month,
            appeal_tag_tallies::kind,
            appeal_tag_tallies::value,
        ))
        .select((
            appeal_tag_tallies::system_id,
            appeal_tag_tallies::filed_month,
            appeal_tag_tallies::kind,
            appeal_tag_tallies::value,
            appeal_tag_tallies::appeals,
        ))
        .load(conn)
        .unwrap();
    rows.extend(tag_tallies.iter().map(|r| format!("tag_tally {r:?}")));
    rows
}

/// The public statistics downloads over the demo's three years.
async fn public_statistics(app: &TestApp) -> Vec<String> {
    let from = (Utc::now() - Months::new(40)).format("%Y-%m");
    let to = Utc::now().format("%Y-%m");
    let mut documents = Vec::new();
    for table in ["agencies", "systems", "months", "grounds"] {
        let response = app
            .get(&format!("/stats/export/{table}.csv?from={from}&to={to}"))
            .await;
        assert_eq!(response.status(), 200, "{table}");
        documents.push(response.text().await.unwrap());
    }
    documents
}

/// What a purge removes, counted from the rows: (subject emails, national-id hashes,
/// statements, history entries with words, evidence records).
fn personal_data(app: &TestApp) -> (i64, i64, i64, i64, i64) {
    let conn = &mut app.db();
    (
        decisions::table
            .filter(decisions::subject_email.is_not_null())
            .count()
            .get_result(conn)
            .unwrap(),
        decisions::table
            .filter(decisions::subject_national_id_hash.is_not_null())
            .count()
            .get_result(conn)
            .unwrap(),
        appeals::table
            .filter(appeals::statement.ne(""))
            .count()
            .get_result(conn)
            .unwrap(),
        appeal_entries::table
            .filter(appeal_entries::body.ne(""))
            .count()
            .get_result(conn)
            .unwrap(),
        appeal_attachments::table.count().get_result(conn).unwrap(),
    )
}

fn audit_entries(app: &TestApp) -> i64 {
    audit_log::table.count().get_result(&mut app.db()).unwrap()
}

/// Opens a demo decision as its citizen and returns the explanation page in English.
async fn explanation_in_english(app: &TestApp, (reference, code): (&str, &str)) -> String {
    let client = app.new_client();
    let page = client
        .get(app.url("/find"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = tests::hidden_value(&page, "csrf_token").unwrap();
    let found = client
        .post(app.url("/find"))
        .form(&[
            ("reference", reference),
            ("access_code", code),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert!(found.status().is_redirection(), "the decision opens");
    client
        .get(app.url(&format!("/d/{reference}")))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

on_both_backends_with! {
    |s| s.retention.purge_every_hours = 0;

    async fn a_purge_removes_expired_personal_data_and_keeps_the_rest(app) {
        seeded(&app).await;
        let now = Utc::now();
        retention::set_period(&mut app.db(), AuditActor::operator("test"), LONG_KEEPER, 120, now).unwrap();
        let (decision, appeal, key) = finished_case(&app).await;
        assert!(blob_file(&app, &key).is_file(), "the evidence file is stored");

        // The explanation states its state body's period.
        let first_body: String = decisions::table
            .inner_join(agencies::table)
            .filter(decisions::reference.eq(DEMO_PAIRS[0].0))
            .select(agencies::slug)
            .first(&mut app.db())
            .unwrap();
        let expected = if first_body == LONG_KEEPER { "10 years" } else { "5 years" };
        let html = explanation_in_english(&app, DEMO_PAIRS[0]).await;
        assert!(
            html.contains(&format!("keeps the personal data of this case for {expected} after its last activity")),
            "the explanation names the period of {first_body}"
        );

        // The open demo appeal with evidence, and a case of the body that keeps ten years.
        let (open_appeal, open_decision_id): (String, i64) = appeals::table
            .inner_join(appeal_attachments::table)
            .filter(appeals::state.eq("submitted"))
            .select((appeals::reference, appeals::decision_id))
            .first(&mut app.db())
            .unwrap();
        let open_key: String = appeal_attachments::table
            .inner_join(appeals::table)
            .filter(appeals::reference.eq(&open_appeal))
            .select(appeal_attachments::blob_key)
            .first(&mut app.db())
            .unwrap();
        let kept_decision: String = decisions::table
            .inner_join(agencies::table)
            .filter(agencies::slug.eq(LONG_KEEPER))
            .filter(decisions::subject_email.is_not_null())
            .select(decisions::reference)
            .first(&mut app.db())
            .unwrap();

        // The leaving citizen is also the subject of a benefits decision: their address goes
        // only with the last case holding it, which a dry run must count as a purge does.
        let benefits_decision: i64 = decisions::table
            .inner_join(agencies::table)
            .left_join(appeals::table.on(appeals::decision_id.eq(decisions::id)))
            .filter(agencies::slug.eq("social-benefits"))
            .filter(appeals::id.is_null())
            .select(decisions::id)
            .first(&mut app.db())
            .unwrap();
        diesel::update(decisions::table.find(benefits_decision))
            .set(decisions::subject_email.eq(CONTACT))
            .execute(&mut app.db())
            .unwrap();

        let figures_before = figures(&app);
        let statistics_before = public_statistics(&app).await;
        let data_before = personal_data(&app);
        let audit_before = audit_entries(&app);

        // Five years and a month on, every case without an open appeal has expired, except
        // the ten-year body's.
        let later = now + Months::new(61);
        let dry = purge(&app, later, true).await;
        assert!(dry.dry_run);
        assert_eq!(personal_data(&app), data_before, "a dry run changes nothing");
        assert_eq!(audit_entries(&app), audit_before, "a dry run writes no audit entry");
        assert!(blob_file(&app, &key).is_file());

        let report = purge(&app, later, false).await;
        assert_eq!(report.counts, dry.counts, "the dry run counted what the purge removed");
        assert!(report.counts.cases > 100, "{report:?}");
        assert!(report.counts.evidence_files >= 1 && report.counts.messages >= 2, "{report:?}");
        assert_eq!(report.blobs.deleted as i64, report.counts.evidence_files);
        assert_eq!(report.blobs.failed, 0);

        // The finished case: nothing personal is left.
        let conn = &mut app.db();
        let (email, national_id, content, purged_at): (Option<String>, Option<String>, String, Option<chrono::NaiveDateTime>) =
            decisions::table
                .filter(decisions::reference.eq(&decision))
                .select((
                    decisions::subject_email,
                    decisions::subject_national_id_hash,
                    decisions::content_json,
                    decisions::purged_at,
                ))
                .first(conn)
                .unwrap();
        assert_eq!((email, national_id), (None, None));
        assert!(purged_at.is_some());
        assert!(!content.contains("@example.kz"), "the document keeps no subject address");
        let (appeal_id, statement, contact, grounds, outcome, receipt): (i64, String, String, String, Option<String>, String) =
            appeals::table
                .filter(appeals::reference.eq(&appeal))
                .select((
                    appeals::id,
                    appeals::statement,
                    appeals::contact_email,
                    appeals::grounds_json,
                    appeals::outcome_json,
                    appeals::receipt,
                ))
                .first(conn)
                .unwrap();
        assert_eq!((statement.as_str(), contact.as_str(), receipt.as_str()), ("", "", ""));
        assert!(!grounds.contains("215000") && grounds.contains("data_error"));
        let outcome = outcome.unwrap();
        assert!(!outcome.contains("Seitkali") && outcome.contains("upheld"));
        let bodies: Vec<String> = appeal_entries::table
            .filter(appeal_entries::appeal_id.eq(appeal_id))
            .select(appeal_entries::body)
            .load(conn)
            .unwrap();
        assert!(bodies.len() >= 5, "the steps stay in the history");
        assert!(bodies.iter().all(String::is_empty), "{bodies:?}");
        let evidence: i64 = appeal_attachments::table
            .filter(appeal_attachments::appeal_id.eq(appeal_id))
            .count()
            .get_result(conn)
            .unwrap();
        assert_eq!(evidence, 0);
        assert!(!blob_file(&app, &key).exists(), "the evidence file is deleted");
        let mail: i64 = outbox::table
            .filter(outbox::recipient.eq(CONTACT).or(outbox::appeal_reference.eq(&appeal)))
            .count()
            .get_result(conn)
            .unwrap();
        let links: i64 = email_links::table.filter(email_links::email.eq(CONTACT)).count().get_result(conn).unwrap();
        let confirmed: i64 = confirmed_emails::table.filter(confirmed_emails::email.eq(CONTACT)).count().get_result(conn).unwrap();
        assert_eq!((mail, links, confirmed), (0, 0, 0));

        // The open appeal's case and the ten-year body's case are untouched.
        let (open_statement, open_contact): (String, String) = appeals::table
            .filter(appeals::reference.eq(&open_appeal))
            .select((appeals::statement, appeals::contact_email))
            .first(conn)
            .unwrap();
        assert!(!open_statement.is_empty() && !open_contact.is_empty());
        let (open_email, open_purged): (Option<String>, Option<chrono::NaiveDateTime>) = decisions::table
            .find(open_decision_id)
            .select((decisions::subject_email, decisions::purged_at))
            .first(conn)
            .unwrap();
        assert!(open_email.is_some() && open_purged.is_none());
        assert!(blob_file(&app, &open_key).is_file(), "an open appeal's evidence stays");
        let (kept_email, kept_id, kept_purged): (Option<String>, Option<String>, Option<chrono::NaiveDateTime>) = decisions::table
            .filter(decisions::reference.eq(&kept_decision))
            .select((decisions::subject_email, decisions::subject_national_id_hash, decisions::purged_at))
            .first(conn)
            .unwrap();
        assert!(kept_email.is_some() && kept_id.is_some() && kept_purged.is_none());

        // The statistics count the same, and so do figures computed again from the purged rows.
        assert_eq!(figures(&app), figures_before);
        assert_eq!(public_statistics(&app).await, statistics_before);
        let every_appeal: Vec<i64> = appeals::table.select(appeals::id).load(conn).unwrap();
        server::services::stats::upkeep::refresh_appeals(conn, &every_appeal).unwrap();
        assert_eq!(figures(&app), figures_before, "figures recomputed after a purge are the same");

        // One audit entry per batch, with counts and no address; the chain still verifies.
        let entries: Vec<String> = audit_log::table
            .filter(audit_log::action.eq("retention.purged"))
            .select(audit_log::details_json)
            .load(conn)
            .unwrap();
        assert_eq!(entries.len(), report.batches);
        assert!(entries.iter().all(|e| !e.contains('@') && e.contains("\"cases\"")));
        assert_eq!(server::db::models::audit::first_broken_entry(conn).unwrap(), None);
        // The audit log, kept after the purge, never held the words of the case.
        let details: Vec<String> = server::db::schema::audit_log::table
            .select(server::db::schema::audit_log::details_json)
            .load(conn)
            .unwrap();
        for words in [STATEMENT, REPLY] {
            assert!(details.iter().all(|d| !d.contains(words)), "{words} copied into the audit log");
        }
        let settings = app.settings.clone();
        tokio::task::spawn_blocking(move || server::cli::audit_verify::run(&settings, None))
            .await
            .unwrap()
            .expect("audit-verify passes after a purge");

        // The state body's system sending the purged decision again is told it was purged.
        let (external_id, stored_content): (String, String) = decisions::table
            .filter(decisions::reference.eq(&decision))
            .select((decisions::external_id, decisions::content_json))
            .first(conn)
            .unwrap();
        let document: server::domain::decision::DecisionDocument = serde_json::from_str(&stored_content).unwrap();
        assert_eq!(document.external_id, external_id);
        let agency_id: i64 = agencies::table
            .filter(agencies::slug.eq(REVENUE))
            .select(agencies::id)
            .first(conn)
            .unwrap();
        let sender = server::services::ingest::Sender { agency_id, client: "test" };
        let refused = server::services::ingest::ingest(conn, &app.keys, &sender, vec![document], Utc::now()).unwrap_err();
        let ServiceError::Conflict { details, .. } = refused else { panic!("{refused:?}") };
        assert!(details[0].reason.contains("personal data removed after the retention period"), "{details:?}");

        // A second purge finds nothing.

        let data_after = personal_data(&app);
        let audit_after = audit_entries(&app);
        let again = purge(&app, later, false).await;
        assert_eq!(again.counts, PurgeCounts::default());
        assert_eq!(again.batches, 0);
        assert_eq!(personal_data(&app), data_after);
        assert_eq!(audit_entries(&app), audit_after);
    }

    async fn a_period_out_of_range_is_refused_naming_the_field(app) {
        app.create_agency("tax");
        let now = Utc::now();
        for months in [0, 3, 11, 1201] {
            let refused = retention::set_period(&mut app.db(), AuditActor::operator("test"), "tax", months, now)
                .unwrap_err();
            let ServiceError::Invalid(problems) = &refused else { panic!("{refused:?}") };
            assert_eq!(problems[0].field, "retention_months");
            let said = server::cli::refusal(refused).to_string();
            assert!(said.starts_with("--retention-months must be"), "{said}");
        }
        let stored: i32 = agencies::table
            .filter(agencies::slug.eq("tax"))
            .select(agencies::retention_months)
            .first(&mut app.db())
            .unwrap();
        assert_eq!(stored, 60, "the default stays after refusals");
        assert_eq!(
            retention::set_period(&mut app.db(), AuditActor::operator("test"), "tax", 84, now).unwrap().months(),
            84
        );
        assert!(matches!(
            retention::set_period(&mut app.db(), AuditActor::operator("test"), "nobody", 84, now),
            Err(ServiceError::NotFound)
        ));
        let refused = server::services::agencies::create_with_retention(&mut app.db(), "courts", "Courts", Some(6), now)
            .unwrap_err();
        assert!(server::cli::refusal(refused).to_string().contains("--retention-months must be a whole number of months from 12 to 1200"));
        let created = server::services::agencies::create_with_retention(&mut app.db(), "courts", "Courts", Some(36), now).unwrap();
        assert_eq!(created.retention_months, 36);
    }

    async fn the_purge_command_reports_counts_and_removes_nothing_that_is_recent(app) {
        app.create_agency("tax");
        let settings = app.settings.clone();
        let report = tokio::task::spawn_blocking(move || server::cli::purge::run(&settings, false))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(report.counts, PurgeCounts::default());
        let text = server::cli::purge::describe(&report);
        assert!(text.contains("cases=0\n") && text.contains("evidence_blobs_deleted=0\n"), "{text}");
        let dry = server::cli::purge::describe(&PurgeReport { dry_run: true, ..report });
        assert!(dry.starts_with("dry run: nothing was changed"), "{dry}");
    }
}
