//! The appeal workflow end to end through its services, on both backends: filing (idempotent,
//! deadlines on the agency's calendar, a verifiable receipt), the steps of the state machine with
//! the clock paused while the agency waits on the citizen, separation of duties, two reviewers
//! racing for one appeal, stale pages refused, the agency API, and the audit chain over it all.

use app::i18n::Locale;
use app::port::StaffPrincipal;
use app::types::{
    AppealState, ChallengedFactor, FindingKind, GroundKind, Grounds, OutcomeKind, Role,
};
use chrono::Utc;
use diesel::prelude::*;
use server::auth::receipt::ReceiptSigner;
use server::cli::demo_decisions::DEMO_PAIRS;
use server::db::models::audit::{self, Actor as AuditActor};
use server::db::schema::{agencies, appeal_pauses, appeals, audit_log, decisions};
use server::domain::appeal::{Event, Outcome, StaffRole};
use server::services::appeals::claim;
use server::services::appeals::filing::{self, FilingError, FilingRequest};
use server::services::appeals::steps::{take_step, StepActor, StepError, StepEvent, StepRequest};
use tests::appeal_support::{actor_of, citizen_of, staff, version};
use tests::{on_both_backends, TestApp};

const DECISION: &str = DEMO_PAIRS[0].0;

fn seeded(app: &TestApp) -> String {
    server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
    decisions::table
        .inner_join(agencies::table)
        .filter(decisions::reference.eq(DECISION))
        .select(agencies::slug)
        .first(&mut app.db())
        .unwrap()
}

fn first_factor(app: &TestApp) -> String {
    factor_of(app, DECISION)
}

fn factor_of(app: &TestApp, decision: &str) -> String {
    let json: String = decisions::table
        .filter(decisions::reference.eq(decision))
        .select(decisions::content_json)
        .first(&mut app.db())
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    doc["factors"][0]["key"].as_str().unwrap().to_string()
}

fn request(app: &TestApp, key: &str) -> FilingRequest {
    request_on(app, DECISION, key)
}

fn request_on(app: &TestApp, decision: &str, key: &str) -> FilingRequest {
    FilingRequest {
        decision_reference: decision.into(),
        idempotency_key: key.into(),
        grounds: Grounds {
            kinds: vec![GroundKind::DataError, GroundKind::HumanReview],
            factors: vec![ChallengedFactor {
                key: factor_of(app, decision),
                correct_value: "320000".into(),
                why: "The certificate from my employer says so.".into(),
            }],
        },
        statement: "The income figure is last year's, not this year's.".into(),
        contact_email: "citizen@example.kz".into(),
        language: Locale::Ru,
        evidence: Vec::new(),
    }
}

fn signer(app: &TestApp) -> ReceiptSigner {
    ReceiptSigner::from_seed(&app.keys.receipt_seed()).unwrap()
}

fn open_pauses(app: &TestApp, reference: &str) -> i64 {
    appeal_pauses::table
        .inner_join(appeals::table)
        .filter(appeals::reference.eq(reference))
        .filter(appeal_pauses::ended_on.is_null())
        .count()
        .get_result(&mut app.db())
        .unwrap()
}

fn step(
    app: &TestApp,
    who: &StepActor,
    reference: &str,
    event: Event,
) -> Result<AppealState, StepError> {
    let request = StepRequest {
        reference: reference.into(),
        expected_version: version(app, reference),
        event: StepEvent::Ready(event),
    };
    take_step(&mut app.db(), who, &request, Utc::now())
}

on_both_backends! {
    async fn filing_twice_with_one_form_makes_one_appeal_with_a_verifiable_receipt(app) {
        seeded(&app);
        let signer = signer(&app);
        let first = filing::file(&mut app.db(), &signer, &request(&app, "form-1"), Utc::now()).unwrap();
        let again = filing::file(&mut app.db(), &signer, &request(&app, "form-1"), Utc::now()).unwrap();
        assert!(first.created);
        assert!(!again.created, "a double submit finds the first appeal");
        assert_eq!(first.reference, again.reference);
        assert!(first.reference.starts_with("AP-"));
        let count: i64 = appeals::table.filter(appeals::idempotency_key.eq("form-1")).count().get_result(&mut app.db()).unwrap();
        assert_eq!(count, 1);

        let (receipt, filed_on, acknowledge_by, decide_by): (String, chrono::NaiveDate, chrono::NaiveDate, chrono::NaiveDate) = appeals::table
            .filter(appeals::reference.eq(&first.reference))
            .select((appeals::receipt, appeals::filed_on, appeals::acknowledge_by, appeals::decide_by))
            .first(&mut app.db())
            .unwrap();
        let stated = signer.verify(&receipt).unwrap();
        assert_eq!(stated.appeal, first.reference);
        assert_eq!(stated.decision, DECISION);
        assert_eq!(stated.grounds, ["data_error", "human_review"]);
        let agency = seeded(&app);
        let calendar = |days| server::services::calendar::deadline(&mut app.db(), &agency, filed_on, days).unwrap().due;
        assert_eq!(acknowledge_by, calendar(3), "acknowledge within 3 working days on the agency's calendar");
        assert_eq!(decide_by, calendar(15), "decide within 15 working days");

        let actions: Vec<String> = audit_log::table
            .filter(audit_log::subject_id.eq(&first.reference))
            .select(audit_log::action)
            .load(&mut app.db())
            .unwrap();
        assert_eq!(actions, ["appeal.filed"]);
    }

    async fn a_holiday_added_later_moves_the_open_appeals_deadlines(app) {
        let agency = seeded(&app);
        let filed = filing::file(&mut app.db(), &signer(&app), &request(&app, "holiday"), Utc::now()).unwrap();
        let dates = |app: &TestApp| -> (chrono::NaiveDate, chrono::NaiveDate, chrono::NaiveDate) {
            appeals::table
                .filter(appeals::reference.eq(&filed.reference))
                .select((appeals::filed_on, appeals::acknowledge_by, appeals::decide_by))
                .first(&mut app.db())
                .unwrap()
        };
        let (filed_on, acknowledge_by, decide_by) = dates(&app);
        // The first working day after filing becomes a day off by decree.
        let mut day = filed_on.succ_opt().unwrap();
        while server::services::calendar::deadline(&mut app.db(), &agency, day.pred_opt().unwrap(), 1).unwrap().due != day {
            day = day.succ_opt().unwrap();
        }
        let now = Utc::now().naive_utc();
        server::services::calendar::put_exception(&mut app.db(), AuditActor::operator("test"), &agency, day, server::domain::calendar::ExceptionKind::DayOff, "Government decree", now).unwrap();
        let (_, moved_ack, moved_decide) = dates(&app);
        assert!(moved_ack > acknowledge_by, "{moved_ack} after {acknowledge_by}");
        assert!(moved_decide > decide_by, "{moved_decide} after {decide_by}");
        server::services::calendar::remove_exception(&mut app.db(), AuditActor::operator("test"), &agency, day, now).unwrap();
        assert_eq!(dates(&app), (filed_on, acknowledge_by, decide_by), "and back when it is removed");
    }

    async fn the_portal_closes_decided_appeals_once_the_escalation_window_passed(app) {
        seeded(&app);
        let decided = |app: &TestApp| -> Vec<String> {
            appeals::table.filter(appeals::state.eq("decided")).select(appeals::reference).load(&mut app.db()).unwrap()
        };
        let waiting = decided(&app);
        assert!(!waiting.is_empty(), "the demo has a decided appeal");
        let expiry = server::services::appeals::expiry::close_expired;
        assert_eq!(expiry(&mut app.db(), Utc::now()).unwrap(), 0, "the window is still open");
        assert_eq!(expiry(&mut app.db(), Utc::now() + chrono::Duration::days(120)).unwrap(), waiting.len());
        assert!(decided(&app).is_empty());
        let reasons: Vec<Option<String>> = appeals::table.filter(appeals::reference.eq_any(&waiting)).select(appeals::close_reason).load(&mut app.db()).unwrap();
        assert!(reasons.iter().all(|r| r.as_deref() == Some("escalation_window_passed")), "{reasons:?}");
    }

    async fn filing_names_every_problem_and_stores_nothing(app) {
        seeded(&app);
        let mut bad = request(&app, "form-2");
        bad.grounds.kinds.clear();
        bad.grounds.factors[0].key = "no_such_factor".into();
        bad.statement = "   ".into();
        bad.contact_email = "not an address".into();
        let refused = filing::file(&mut app.db(), &signer(&app), &bad, Utc::now()).unwrap_err();
        let FilingError::Invalid(errors) = refused else { panic!("expected Invalid, got {refused:?}") };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["grounds", "factors", "statement", "contact_email"]);
        let mut missing_value = request(&app, "form-3");
        missing_value.grounds.factors[0].correct_value = " ".into();
        let FilingError::Invalid(errors) = filing::file(&mut app.db(), &signer(&app), &missing_value, Utc::now()).unwrap_err() else { panic!() };
        assert_eq!(errors[0].field, format!("correct_{}", first_factor(&app)), "a data error says what the right value is");
        let count: i64 = appeals::table.filter(appeals::idempotency_key.like("form-%")).count().get_result(&mut app.db()).unwrap();
        assert_eq!(count, 0);
    }

    async fn filing_after_the_window_is_refused_with_its_date(app) {
        seeded(&app);
        let late = Utc::now() + chrono::Duration::days(200);
        let refused = filing::file(&mut app.db(), &signer(&app), &request(&app, "late"), late).unwrap_err();
        assert!(matches!(refused, FilingError::WindowClosed { .. }), "{refused:?}");
    }

    async fn the_whole_workflow_pauses_the_clock_and_keeps_duties_apart(app) {
        let agency = seeded(&app);
        let filed = filing::file(&mut app.db(), &signer(&app), &request(&app, "journey"), Utc::now()).unwrap();
        let reference = filed.reference.as_str();
        let reviewer = staff(&app, "r1@agency.kz", Role::Reviewer, Some(&agency));
        let supervisor = staff(&app, "s1@agency.kz", Role::Supervisor, Some(&agency));
        let ombudsman = staff(&app, "o1@ombudsman.kz", Role::Ombudsman, None);

        claim::claim(&mut app.db(), &reviewer, reference, Utc::now()).unwrap();
        assert_eq!(step(&app, &actor_of(&reviewer), reference, Event::Acknowledge).unwrap(), AppealState::UnderReview);
        let asked = step(&app, &actor_of(&reviewer), reference, Event::RequestInformation { question: "Send the employer's certificate.".into() }).unwrap();
        assert_eq!(asked, AppealState::AwaitingCitizen);
        assert_eq!(open_pauses(&app, reference), 1, "the clock stops while the agency waits");
        // Someone else's citizen session cannot answer.
        let stranger = StepActor { decision_access: Some(DEMO_PAIRS[1].0.into()), ..citizen_of(DECISION) };
        assert!(matches!(step(&app, &stranger, reference, Event::Answer { reply: "x".into() }), Err(StepError::NotFound)));
        assert_eq!(step(&app, &citizen_of(DECISION), reference, Event::Answer { reply: "Attached.".into() }).unwrap(), AppealState::UnderReview);
        assert_eq!(open_pauses(&app, reference), 0);

        let overturn = Outcome {
            kind: OutcomeKind::Overturned,
            reasoning: "The certificate shows the current income.".into(),
            corrected: Some(server::domain::appeal::CorrectedOutcome { outcome: "approved".into(), label: "Benefit granted".into() }),
        };
        assert_eq!(step(&app, &actor_of(&reviewer), reference, Event::ProposeOutcome { outcome: overturn }).unwrap(), AppealState::PendingApproval);
        // The proposer cannot approve their own proposal, even as a supervisor would.
        let refused = step(&app, &actor_of(&reviewer), reference, Event::Approve).unwrap_err();
        assert!(matches!(refused, StepError::Refused(_)), "{refused:?}");
        assert_eq!(step(&app, &actor_of(&supervisor), reference, Event::Approve).unwrap(), AppealState::Decided);
        let corrected: Option<String> = decisions::table
            .filter(decisions::reference.eq(DECISION))
            .select(decisions::corrected_outcome_json)
            .first(&mut app.db())
            .unwrap();
        assert!(corrected.unwrap().contains("approved"), "the overturn is recorded beside the original decision");

        assert_eq!(step(&app, &citizen_of(DECISION), reference, Event::Escalate { statement: "Paid too late.".into() }).unwrap(), AppealState::Escalated);
        let finding = Event::OmbudsmanFinding { kind: FindingKind::RecommendReconsideration, reasoning: "Reconsider the payment date.".into() };
        assert!(matches!(step(&app, &actor_of(&supervisor), reference, finding.clone()), Err(StepError::Refused(_))), "only an ombudsman issues findings");
        assert_eq!(step(&app, &actor_of(&ombudsman), reference, finding).unwrap(), AppealState::Resolved);
        assert_eq!(step(&app, &actor_of(&supervisor), reference, Event::Reopen).unwrap(), AppealState::UnderReview);

        let actions: Vec<String> = audit_log::table
            .filter(audit_log::subject_id.eq(reference))
            .order(audit_log::id.asc())
            .select(audit_log::action)
            .load(&mut app.db())
            .unwrap();
        assert_eq!(actions, [
            "appeal.filed", "appeal.claimed", "appeal.acknowledge", "appeal.request_information",
            "appeal.answer", "appeal.propose_outcome", "appeal.approve", "appeal.escalate",
            "appeal.ombudsman_finding", "appeal.reopen",
        ]);
        assert_eq!(audit::first_broken_entry(&mut app.db()).unwrap(), None, "the chain verifies");
    }

    async fn a_supervisor_extends_once_within_the_ceiling_and_the_citizen_reads_why(app) {
        let agency = seeded(&app);
        let filed = filing::file(&mut app.db(), &signer(&app), &request(&app, "extend"), Utc::now()).unwrap();
        let reference = filed.reference.as_str();
        let reviewer = staff(&app, "r1@agency.kz", Role::Reviewer, Some(&agency));
        let supervisor = staff(&app, "s1@agency.kz", Role::Supervisor, Some(&agency));
        let (filed_on, decide_by): (chrono::NaiveDate, chrono::NaiveDate) = appeals::table
            .filter(appeals::reference.eq(reference))
            .select((appeals::filed_on, appeals::decide_by))
            .first(&mut app.db())
            .unwrap();
        let extend = |who: &StaffPrincipal, to: chrono::NaiveDate| {
            let request = StepRequest {
                reference: reference.into(),
                expected_version: version(&app, reference),
                event: StepEvent::Extend { new_due: to, reason: "We asked the tax authority for records.".into() },
            };
            take_step(&mut app.db(), &actor_of(who), &request, Utc::now())
        };
        assert!(matches!(extend(&reviewer, decide_by + chrono::Duration::days(10)), Err(StepError::Refused(_))), "reviewers do not extend");
        let past_ceiling = filed_on + chrono::Duration::days(70);
        assert!(matches!(extend(&supervisor, past_ceiling), Err(StepError::Refused(_))), "at most two months after filing");
        let new_due = decide_by + chrono::Duration::days(10);
        extend(&supervisor, new_due).unwrap();
        let (stored, reason): (chrono::NaiveDate, Option<String>) = appeals::table
            .filter(appeals::reference.eq(reference))
            .select((appeals::decide_by, appeals::extension_reason))
            .first(&mut app.db())
            .unwrap();
        assert_eq!(stored, new_due);
        assert_eq!(reason.as_deref(), Some("We asked the tax authority for records."));
        assert!(matches!(extend(&supervisor, new_due + chrono::Duration::days(1)), Err(StepError::Refused(_))), "only once");

        let view = server::services::appeals::reading::for_viewer(
            &mut app.db(),
            &app::port::DecisionViewer::Citizen(app::port::CitizenAccess { reference: DECISION.into() }),
            reference,
            Utc::now(),
        ).unwrap().unwrap();
        let decide = view.deadlines.iter().find(|d| d.kind == app::types::DeadlineKind::Decide).unwrap();
        assert_eq!(decide.extension_reason.as_deref(), Some("We asked the tax authority for records."));
        assert_eq!(decide.due.map(|d| (d.year, d.month, d.day)), Some((chrono::Datelike::year(&new_due), chrono::Datelike::month(&new_due), chrono::Datelike::day(&new_due))));
    }

    async fn two_reviewers_racing_for_one_appeal_one_wins(app) {
        let agency = seeded(&app);
        let filed = filing::file(&mut app.db(), &signer(&app), &request(&app, "race"), Utc::now()).unwrap();
        let first = staff(&app, "r1@agency.kz", Role::Reviewer, Some(&agency));
        let second = staff(&app, "r2@agency.kz", Role::Reviewer, Some(&agency));
        let outcomes: Vec<Result<(), StepError>> = std::thread::scope(|scope| {
            let runs: Vec<_> = [&first, &second].into_iter().map(|who| {
                let reference = filed.reference.clone();
                let mut conn = app.db();
                scope.spawn(move || claim::claim(&mut conn, who, &reference, Utc::now()))
            }).collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        let won = outcomes.iter().filter(|o| o.is_ok()).count();
        let lost = outcomes.iter().filter(|o| matches!(o, Err(StepError::AlreadyClaimed))).count();
        assert_eq!((won, lost), (1, 1), "{outcomes:?}");
    }

    async fn a_step_from_a_stale_page_is_refused_and_two_concurrent_steps_never_both_apply(app) {
        let agency = seeded(&app);
        let filed = filing::file(&mut app.db(), &signer(&app), &request(&app, "stale"), Utc::now()).unwrap();
        let reviewer = staff(&app, "r1@agency.kz", Role::Reviewer, Some(&agency));
        let shown = version(&app, &filed.reference);
        let ask = |version| StepRequest {
            reference: filed.reference.clone(),
            expected_version: version,
            event: StepEvent::Ready(Event::Acknowledge),
        };
        take_step(&mut app.db(), &actor_of(&reviewer), &ask(shown), Utc::now()).unwrap();
        let again = take_step(&mut app.db(), &actor_of(&reviewer), &ask(shown), Utc::now()).unwrap_err();
        assert!(matches!(again, StepError::Stale), "{again:?}");

        let shown = version(&app, &filed.reference);
        let outcomes: Vec<_> = std::thread::scope(|scope| {
            let runs: Vec<_> = (0..2).map(|_| {
                let mut conn = app.db();
                let request = ask(shown);
                let who = actor_of(&reviewer);
                scope.spawn(move || {
                    let request = StepRequest { event: StepEvent::Ready(Event::RequestInformation { question: "Which month?".into() }), ..request };
                    take_step(&mut conn, &who, &request, Utc::now())
                })
            }).collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1, "{outcomes:?}");
        assert_eq!(open_pauses(&app, &filed.reference), 1, "the losing step left nothing behind");
    }

    async fn the_original_reviewer_cannot_take_the_appeal(app) {
        seeded(&app);
        // A recent decision a named person reviewed, so its challenge window is open.
        let (decision, json, agency): (String, String, String) = decisions::table
            .inner_join(agencies::table)
            .filter(decisions::content_json.like("%\"human_reviewer\":\"%"))
            .order(decisions::decided_at.desc())
            .select((decisions::reference, decisions::content_json, agencies::slug))
            .first(&mut app.db())
            .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        let original = doc["human_reviewer"].as_str().unwrap();
        let principal = staff(&app, original, Role::Reviewer, Some(&agency));
        let colleague = staff(&app, "colleague@agency.kz", Role::Supervisor, Some(&agency));
        let filed = filing::file(&mut app.db(), &signer(&app), &request_on(&app, &decision, "dup"), Utc::now()).unwrap();
        let assign = claim::assign(&mut app.db(), &colleague, &filed.reference, principal.user_id, version(&app, &filed.reference), Utc::now()).unwrap_err();
        assert!(matches!(assign, StepError::Refused(_)), "a supervisor cannot assign it to them either: {assign:?}");
        let refused = claim::claim(&mut app.db(), &principal, &filed.reference, Utc::now()).unwrap_err();
        assert!(matches!(refused, StepError::Refused(_)), "{refused:?}");
        let refused = step(&app, &actor_of(&principal), &filed.reference, Event::Acknowledge).unwrap_err();
        assert!(matches!(refused, StepError::Refused(_)), "{refused:?}");
    }

    async fn agency_systems_pull_their_own_appeals_only(app) {
        let agency = seeded(&app);
        let filed = filing::file(&mut app.db(), &signer(&app), &request(&app, "api"), Utc::now()).unwrap();
        let token = app.api_token(&agency, "appeals:read").await;
        let list: serde_json::Value = app.client.get(app.url("/api/v1/appeals?state=submitted")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
        let listed = list["appeals"].as_array().unwrap();
        assert!(listed.iter().all(|a| a["state"] == "submitted"), "{listed:?}");
        let ours = listed.iter().find(|a| a["reference"] == filed.reference.as_str()).expect("the new appeal is listed");
        assert_eq!(ours["grounds"], serde_json::json!(["data_error", "human_review"]));
        assert_eq!(ours["challenged_factors"][0], first_factor(&app).as_str());
        assert!(ours.get("contact_email").is_none() && ours.get("statement").is_none(), "contact details stay on the portal");
        let one = app.client.get(app.url(&format!("/api/v1/appeals/{}", filed.reference.to_lowercase()))).bearer_auth(&token).send().await.unwrap();
        assert_eq!(one.status(), 200);
        let bad = app.client.get(app.url("/api/v1/appeals?state=pending")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(bad.status(), 422);

        let other: String = agencies::table.filter(agencies::slug.ne(&agency)).select(agencies::slug).first(&mut app.db()).unwrap();
        let other_token = app.api_token(&other, "appeals:read").await;
        let theirs = app.client.get(app.url(&format!("/api/v1/appeals/{}", filed.reference))).bearer_auth(&other_token).send().await.unwrap();
        assert_eq!(theirs.status(), 404, "another agency never sees the appeal");
        let no_scope = app.api_token(&agency, "decisions:write").await;
        let forbidden = app.client.get(app.url("/api/v1/appeals")).bearer_auth(&no_scope).send().await.unwrap();
        assert_eq!(forbidden.status(), 403);
    }
}

#[test]
fn staff_role_names_match_the_workflow() {
    assert_eq!(StaffRole::Reviewer.as_str(), Role::Reviewer.as_str());
}
