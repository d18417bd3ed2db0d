//! The citizen's appeal pages rendered from sample data: the field names the server's form
//! handlers parse, the flash coming back into the form, and what each page must say.

use super::appeal::AppealLayout;
use super::appeal_receipt::ReceiptDocument;
use super::challenge::ChallengeView;
use super::receipt_verify::CheckResult;
use super::render_support::{context, date, render, text};
use crate::i18n::Locale;
use crate::types::*;
use leptos::prelude::*;
use std::collections::BTreeMap;

fn challenge_form(open: bool) -> ChallengeForm {
    ChallengeForm {
        decision_reference: "RD-7F3K-9QXD".into(),
        agency_name: text("Social Benefits Agency"),
        factors: vec![FactorView {
            key: "monthly_income".into(),
            label: text("Monthly income"),
            value: "412000".into(),
            unit: Some("KZT".into()),
            contribution: -0.4,
            citizen_can_change: true,
        }],
        challenge_until: date(2026, 6, 3),
        open,
        existing: vec![("AP-1234-5678".into(), AppealState::UnderReview)],
        max_files: 5,
        max_file_mb: 10,
        form_token: "once-abc".into(),
    }
}

#[test]
fn the_challenge_form_posts_the_fields_the_handler_parses_and_keeps_what_was_typed() {
    let flash = Flash {
        form: "challenge".into(),
        values: BTreeMap::from([
            ("statement".to_string(), "My income is lower".to_string()),
            ("contact_email".to_string(), "a@example.kz".to_string()),
            ("language".to_string(), "ru".to_string()),
            ("grounds=data_error".to_string(), "on".to_string()),
            ("grounds=other".to_string(), "on".to_string()),
            ("factor=monthly_income".to_string(), "on".to_string()),
        ]),
        errors: vec![FieldError {
            field: "correct_monthly_income".into(),
            code: FormError::AppealCorrectionRequired,
        }],
        notice: None,
    };
    let html = render(context(Locale::En, Some(flash)), || {
        view! { <ChallengeView form=challenge_form(true) /> }.into_any()
    });
    for needle in [
        r#"enctype="multipart/form-data""#,
        r#"action="/d/RD-7F3K-9QXD/challenge""#,
        r#"name="csrf_token" value="csrf-123""#,
        r#"name="form_token" value="once-abc""#,
        r#"name="grounds" value="data_error""#,
        r#"name="factor" value="monthly_income""#,
        r#"name="correct_monthly_income""#,
        r#"name="why_monthly_income""#,
        r#"name="statement""#,
        r#"name="contact_email""#,
        r#"name="evidence" multiple"#,
        r#"accept="application/pdf,image/png,image/jpeg""#,
        "up to 5 files of 10 MB each",
        "My income is lower</textarea>",
        r#"value="a@example.kz""#,
        r##"href="#correct_monthly_income""##,
        "Say what the correct value is.",
        r#"href="/appeals/AP-1234-5678""#,
    ] {
        assert!(html.contains(needle), "missing {needle} in {html}");
    }
    assert!(html.contains(r#"value="ru" lang="ru" selected"#), "{html}");
    assert_eq!(
        html.matches("checked").count(),
        3,
        "two reasons and one factor: {html}"
    );
    assert!(
        html.contains(r#"<details open class="factor-details">"#),
        "{html}"
    );
}

#[test]
fn a_closed_window_shows_the_date_and_no_form() {
    let html = render(context(Locale::Ru, None), || {
        view! { <ChallengeView form=challenge_form(false) /> }.into_any()
    });
    assert!(html.contains("3 июня 2026 г."), "{html}");
    assert!(!html.contains("<form"), "{html}");
}

fn appeal() -> AppealView {
    AppealView {
        reference: "AP-7Q2M-4KXD".into(),
        decision_reference: "RD-7F3K-9QXD".into(),
        agency_name: text("Social Benefits Agency"),
        system_name: text("Benefit scoring"),
        system_high_risk: true,
        original_outcome_label: text("Refused"),
        state: AppealState::Decided,
        grounds: Grounds {
            kinds: vec![GroundKind::DataError],
            factors: Vec::new(),
        },
        factor_labels: vec![ChallengedFactorView {
            key: "monthly_income".into(),
            label: text("Monthly income"),
            value_used: "412000".into(),
            unit: Some("KZT".into()),
            correct_value: "298000".into(),
            why: "I changed jobs".into(),
        }],
        statement: "Line one\nLine two".into(),
        contact_email: "a@example.kz".into(),
        language: Locale::En,
        filed_on: date(2026, 3, 3),
        filed_at: "2026-03-03 09:14".into(),
        deadlines: vec![DeadlineView {
            kind: DeadlineKind::Decide,
            start: date(2026, 3, 3),
            amount: 15,
            period: PeriodKind::WorkingDays,
            due: Some(date(2026, 3, 30)),
            skipped: vec![SkippedView {
                first: date(2026, 3, 21),
                last: date(2026, 3, 23),
                why: SkippedWhy::Holiday {
                    key: "nauryz_meiramy".into(),
                },
            }],
            status: DeadlineStatus::Met {
                on: date(2026, 3, 20),
            },
            extension_reason: None,
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
                author_name: Some("Secret Name".into()),
                kind: EntryKind::Note,
                body: "internal remark".into(),
                internal: true,
            },
        ],
        attachments: vec![AttachmentView {
            id: 7,
            file_name: "payslip.pdf".into(),
            content_type: "application/pdf".into(),
            size_bytes: 2_516_582,
            sha256: "ab12".into(),
        }],
        proposal: None,
        outcome: Some(OutcomeView {
            kind: OutcomeKind::Overturned,
            reasoning: "The income was wrong.".into(),
            corrected_label: Some("Granted".into()),
        }),
        finding: None,
        actions: vec![EventKind::Escalate, EventKind::Close],
        views: vec![CaseView {
            at: "2026-03-04 10:00".into(),
            role: "reviewer".into(),
            agency_name: Some(text("Social Benefits Agency")),
        }],
        assignee_name: None,
        staff_view: false,
        can_write_notes: false,
        can_claim: false,
        assignable: Vec::new(),
        receipt: Some("eyJh.eyJi+/=.c2ln".into()),
        version: 4,
    }
}

#[test]
fn the_appeal_page_confirms_the_filing_and_shows_the_case_with_the_steps_open_now() {
    let flash = Flash {
        form: "challenge".into(),
        notice: Some(Notice::AppealFiled),
        ..Flash::default()
    };
    let html = render(context(Locale::En, Some(flash)), || {
        view! { <AppealLayout appeal=appeal() /> }.into_any()
    });
    for needle in [
        "Your challenge has been received.",
        r#"<p class="reference reference-large">AP-7Q2M-4KXD</p>"#,
        "15 working days from 3 March 2026, skipping 21\u{2013}23 March (Nauryz meiramy)",
        "Done on 20 March 2026",
        "The decision is now: Granted",
        r#"action="/appeals/AP-7Q2M-4KXD/step""#,
        r#"name="version" value="4""#,
        r#"name="step" value="escalate""#,
        r#"name="step" value="close""#,
        r#"name="statement""#,
        "Accept the decision and close",
        r#"href="/appeals/AP-7Q2M-4KXD/evidence/7""#,
        "PDF · 2.4 MB",
        "298000",
        "reviewer",
        r#"href="/receipts/verify?receipt=eyJh.eyJi%2B%2F%3D.c2ln""#,
        r#"href="/appeals/AP-7Q2M-4KXD/receipt""#,
        "readonly",
    ] {
        assert!(html.contains(needle), "missing {needle} in {html}");
    }
    assert!(
        !html.contains("internal remark"),
        "internal notes stay hidden"
    );
    assert!(!html.contains("Secret Name"));
    assert!(!html.contains(r#"value="withdraw""#));
}

#[test]
fn the_printable_receipt_and_the_check_page_state_the_receipts_facts() {
    let facts = ReceiptFacts {
        appeal: "AP-7Q2M-4KXD".into(),
        decision: "RD-7F3K-9QXD".into(),
        grounds: vec![GroundKind::DataError, GroundKind::HumanReview],
        statement_sha256: "5f2b".into(),
        attachments: vec![("payslip.pdf".into(), "ab12".into())],
        filed_at: "2026-03-03 09:14:05 UTC".into(),
    };
    let check = Some(ReceiptCheck::Genuine(facts.clone()));
    let html = render(context(Locale::Ru, None), move || {
        view! { <ReceiptDocument appeal=appeal() check /> }.into_any()
    });
    for needle in [
        "5f2b",
        "payslip.pdf",
        "3 марта 2026 г., 09:14:05 UTC",
        "/.well-known/redress-receipt-key",
        "<pre class=\"jws\">eyJh",
    ] {
        assert!(html.contains(needle), "missing {needle} in {html}");
    }
    let html = render(context(Locale::En, None), move || {
        view! { <CheckResult check=ReceiptCheck::Genuine(facts) /> }.into_any()
    });
    assert!(html.contains("This receipt is genuine") && html.contains("I want a person to look"));
    let html = render(context(Locale::En, None), || {
        view! { <CheckResult check=ReceiptCheck::Altered /> }.into_any()
    });
    assert!(html.contains("This receipt has been changed"), "{html}");
}
