//! The staff queue and case page rendered from sample data: the endpoints and field names the
//! server's form handlers parse, a failed step coming back into its form, and the deadline
//! markers that must read without colour.

use super::render_support::{date, render, text};
use super::staff_appeal::StaffCase;
use super::staff_appeals::{QueueBody, QueueKind};
use crate::context::PageContext;
use crate::i18n::Locale;
use crate::types::*;
use leptos::prelude::*;
use std::collections::BTreeMap;

fn context(locale: Locale, role: Role, flash: Option<Flash>) -> PageContext {
    PageContext {
        locale,
        csrf_token: "csrf-123".into(),
        flash,
        staff: Some(StaffIdentity {
            email: "r@agency.kz".into(),
            display_name: "Reviewer".into(),
            role,
            agency_slug: None,
        }),
        ..PageContext::default()
    }
}

fn appeal(actions: Vec<EventKind>) -> AppealView {
    AppealView {
        reference: "AP-7Q2M-4KXD".into(),
        decision_reference: "RD-7F3K-9QXD".into(),
        agency_name: text("Social Benefits Agency"),
        system_name: text("Benefit scoring"),
        system_high_risk: true,
        original_outcome_label: text("Application refused"),
        state: AppealState::UnderReview,
        grounds: Grounds {
            kinds: vec![GroundKind::DataError, GroundKind::HumanReview],
            factors: Vec::new(),
        },
        factor_labels: vec![ChallengedFactorView {
            key: "monthly_income".into(),
            label: text("Monthly income"),
            value_used: "412000".into(),
            unit: Some("KZT".into()),
            correct_value: "298000".into(),
            why: "I changed jobs in January".into(),
        }],
        statement: "Line one\nLine two".into(),
        contact_email: "citizen@example.kz".into(),
        language: Locale::Ru,
        filed_on: date(2026, 3, 3),
        filed_at: "2026-03-03 09:14".into(),
        deadlines: vec![DeadlineView {
            kind: DeadlineKind::Decide,
            start: date(2026, 3, 3),
            amount: 15,
            period: PeriodKind::WorkingDays,
            due: Some(date(2026, 3, 30)),
            skipped: Vec::new(),
            status: DeadlineStatus::Overdue,
            extension_reason: Some("We are waiting for the tax office".into()),
        }],
        entries: vec![
            EntryView {
                at: "2026-03-03 09:14".into(),
                author: EntryAuthor::Citizen,
                author_name: None,
                kind: EntryKind::Filed,
                body: String::new(),
                internal: false,
            },
            EntryView {
                at: "2026-03-04 10:00".into(),
                author: EntryAuthor::Staff,
                author_name: Some("Aigerim Nurlanovna".into()),
                kind: EntryKind::Note,
                body: "Check the payslip".into(),
                internal: true,
            },
        ],
        attachments: vec![AttachmentView {
            id: 7,
            file_name: "payslip.pdf".into(),
            content_type: "application/pdf".into(),
            size_bytes: 2_516_582,
            sha256: "ab12cd34".into(),
        }],
        proposal: Some(OutcomeView {
            kind: OutcomeKind::Overturned,
            reasoning: "The income was wrong.".into(),
            corrected_label: Some("Заявление одобрено".into()),
        }),
        outcome: None,
        finding: None,
        actions,
        views: Vec::new(),
        assignee_name: Some("Aigerim Nurlanovna".into()),
        staff_view: true,
        can_write_notes: true,
        can_claim: true,
        assignable: vec![(3, "Daniyar".into()), (7, "Aigerim Nurlanovna".into())],
        receipt: None,
        version: 4,
    }
}

fn all_staff_steps() -> Vec<EventKind> {
    vec![
        EventKind::Acknowledge,
        EventKind::RequestInformation,
        EventKind::ProposeOutcome,
        EventKind::Decide,
        EventKind::Approve,
        EventKind::RejectApproval,
        EventKind::Extend,
        EventKind::Reopen,
        EventKind::Close,
        EventKind::OmbudsmanFinding,
    ]
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn every_action_posts_to_its_endpoint_with_the_field_names_the_handlers_parse() {
    let html = render(context(Locale::En, Role::Supervisor, None), || {
        view! { <StaffCase appeal=appeal(all_staff_steps()) /> }.into_any()
    });
    for needle in [
        r#"action="/staff/appeals/AP-7Q2M-4KXD/claim""#,
        r#"action="/staff/appeals/AP-7Q2M-4KXD/assign""#,
        r#"action="/staff/appeals/AP-7Q2M-4KXD/note""#,
        r#"name="assignee""#,
        r#"<option value="7" selected"#,
        r#"name="body""#,
        r#"name="visibility" value="internal" checked"#,
        r#"name="visibility" value="public""#,
        r#"name="question""#,
        r#"name="outcome" value="upheld""#,
        r#"name="outcome" value="partially_overturned""#,
        r#"name="reasoning""#,
        r#"name="corrected_outcome""#,
        r#"name="corrected_label""#,
        r#"name="new_due" type="date""#,
        r#"name="reason""#,
        r#"name="finding" value="outcome_stands""#,
        r#"name="finding" value="recommend_reconsideration""#,
        "Take this appeal",
        "Close the appeal",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    for step in all_staff_steps() {
        let hidden = format!(r#"name="step" value="{}""#, step.as_str());
        assert_eq!(count(&html, &hidden), 1, "one form for {step}");
    }
    let steps = all_staff_steps().len();
    assert_eq!(
        count(&html, r#"action="/staff/appeals/AP-7Q2M-4KXD/step""#),
        steps
    );
    // Steps and the assignment name the version shown; claim and note do not need it.
    assert_eq!(count(&html, r#"name="version" value="4""#), steps + 1);
    // Every form carries the anti-forgery token.
    assert_eq!(
        count(&html, r#"name="csrf_token" value="csrf-123""#),
        steps + 3
    );
    // Ids are unique although several forms share field names.
    assert!(html.contains(r#"id="decide-reasoning""#));
    assert!(html.contains(r#"id="propose_outcome-reasoning""#));
    assert!(html.contains(r#"id="ombudsman_finding-reasoning""#));
    assert!(
        !html.contains(" open"),
        "nothing failed: long forms stay folded"
    );
}

#[test]
fn the_case_file_shows_deadlines_factors_evidence_and_internal_notes() {
    let html = render(context(Locale::En, Role::Reviewer, None), || {
        view! { <StaffCase appeal=appeal(vec![EventKind::Acknowledge]) /> }.into_any()
    });
    for needle in [
        "Appeal AP-7Q2M-4KXD",
        "High-risk system",
        "Application refused",
        "30 March 2026",
        "Overdue",
        "15 working days from 3 March 2026",
        "We are waiting for the tax office",
        "412,000\u{a0}₸",
        "298,000\u{a0}₸",
        "I changed jobs in January",
        r#"href="/appeals/AP-7Q2M-4KXD/evidence/7""#,
        "ab12cd34",
        "Internal — the citizen does not see this",
        "Aigerim Nurlanovna (Staff)",
        "Proposed outcome, awaiting approval",
        "Заявление одобрено",
        r#"lang="ru""#,
        r#"href="/staff/appeals""#,
        r#"<div id="action-acknowledge" class="action-plain">"#,
        "Decide on the appeal",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
}

#[test]
fn a_failed_step_opens_its_form_with_what_was_typed_and_the_summary_links_to_its_fields() {
    let flash = Flash {
        form: "appeal_step".into(),
        values: BTreeMap::from([
            ("step".to_string(), "propose_outcome".to_string()),
            ("outcome".to_string(), "overturned".to_string()),
            (
                "corrected_label".to_string(),
                "Approved after all".to_string(),
            ),
        ]),
        errors: vec![
            FieldError {
                field: "reasoning".into(),
                code: FormError::FieldRequired,
            },
            FieldError {
                field: "form".into(),
                code: FormError::AppealChanged,
            },
        ],
        notice: None,
    };
    let actions = vec![EventKind::Decide, EventKind::ProposeOutcome];
    let html = render(context(Locale::En, Role::Reviewer, Some(flash)), || {
        view! { <StaffCase appeal=appeal(actions) /> }.into_any()
    });
    assert!(html.contains(r##"href="#propose_outcome-reasoning""##));
    assert!(html.contains(r##"href="#action-propose_outcome""##));
    assert!(html.contains(r#"<details id="action-propose_outcome" open class="action-step">"#));
    assert!(html.contains(r#"<details id="action-decide" class="action-step">"#));
    assert!(html.contains(r#"value="Approved after all""#));
    assert!(html.contains(
        r#"id="propose_outcome-outcome-overturned" name="outcome" value="overturned" checked"#
    ));
    assert!(html.contains(r#"id="propose_outcome-reasoning-error""#));
    // The decide form shares field names but keeps none of the typed values.
    assert_eq!(count(&html, "Approved after all"), 1);
}

#[test]
fn a_notice_after_a_step_is_shown_at_the_top() {
    let flash = Flash {
        form: "appeal_step".into(),
        notice: Some(Notice::AppealClaimed),
        ..Flash::default()
    };
    let html = render(context(Locale::Ru, Role::Reviewer, Some(flash)), || {
        view! { <StaffCase appeal=appeal(Vec::new()) /> }.into_any()
    });
    assert!(html.contains(r#"role="status" class="notice""#));
    assert!(html.contains("Жалоба AP-7Q2M-4KXD"));
}

fn row(reference: &str, status: DeadlineStatus) -> AppealRow {
    AppealRow {
        reference: reference.into(),
        decision_reference: "RD-7F3K-9QXD".into(),
        agency_name: text("Social Benefits Agency"),
        system_slug: "benefit-scoring".into(),
        system_name: text("Benefit scoring"),
        state: AppealState::Submitted,
        grounds: vec![GroundKind::DataError],
        filed_on: date(2026, 3, 3),
        next_due: Some(date(2026, 3, 6)),
        due_status: status,
        assignee_name: None,
    }
}

fn queue(rows: Vec<AppealRow>, ombudsman: bool) -> AppealQueue {
    AppealQueue {
        total: rows.len() as i64,
        rows,
        page: 1,
        page_size: 25,
        systems: vec![crate::types::LabelledChoice {
            value: "benefit-scoring".into(),
            label: text("Benefit scoring"),
        }],
        ombudsman,
    }
}

#[test]
fn the_queue_says_overdue_and_at_risk_in_words_and_links_each_case() {
    let rows = vec![
        row("AP-0000-0001", DeadlineStatus::Overdue),
        row("AP-0000-0002", DeadlineStatus::AtRisk),
        row("AP-0000-0003", DeadlineStatus::Ahead),
    ];
    let current = AppealFilters {
        assignee: "me".into(),
        ..AppealFilters::default()
    };
    let html = render(context(Locale::En, Role::Reviewer, None), || {
        view! { <QueueBody kind=QueueKind::Agency queue=queue(rows, false) current show_agency=false /> }
            .into_any()
    });
    for needle in [
        r#"href="/staff/appeals/AP-0000-0001""#,
        r#"<tr class="row-overdue">"#,
        "Overdue",
        "Due soon",
        "6 March 2026",
        r#"<option value="me" selected"#,
        r#"name="state""#,
        r#"name="system""#,
        r#"name="ground""#,
        "3 appeals found",
        "<caption",
        r#"<th scope="row">"#,
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    assert!(
        !html.contains("Social Benefits Agency"),
        "one body: no agency column"
    );
}

#[test]
fn the_ombudsman_queue_names_each_state_body_and_says_when_it_is_empty() {
    let html = render(context(Locale::Ru, Role::Ombudsman, None), || {
        let rows = vec![row("AP-0000-0001", DeadlineStatus::Ahead)];
        view! { <QueueBody kind=QueueKind::Ombudsman queue=queue(rows, true) current=AppealFilters::default() show_agency=true /> }
            .into_any()
    });
    assert!(html.contains("Social Benefits Agency"));
    assert!(html.contains("Государственный орган"));
    assert!(!html.contains(r#"name="assignee""#));
    let html = render(context(Locale::Ru, Role::Ombudsman, None), || {
        view! { <QueueBody kind=QueueKind::Ombudsman queue=queue(Vec::new(), true) current=AppealFilters::default() show_agency=true /> }
            .into_any()
    });
    assert!(html.contains("Обращений к Уполномоченному по жалобам пока нет."));
    assert!(html.contains("Найдено 0 жалоб"));
}
