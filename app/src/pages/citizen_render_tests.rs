//! The email sign-in pages, the citizen's own pages and the admin's outbox rendered from sample
//! data: the field names and paths the server's form handlers take, and what each page says.

use super::admin_outbox::OutboxBody;
use super::citizen_link::CitizenLinkView;
use super::citizen_signin::CitizenSignInPage;
use super::confirm_address::ConfirmAddressView;
use super::my_data::MyDataView;
use super::my_home::{MyHomeView, SignInFirst};
use super::render_support::{context, date, render, text};
use crate::i18n::Locale;
use crate::types::*;
use leptos::prelude::*;
use std::collections::BTreeMap;

fn assert_all(html: &str, needles: &[&str]) {
    for needle in needles {
        assert!(html.contains(needle), "missing {needle} in {html}");
    }
}

#[test]
fn the_sign_in_form_posts_the_address_with_the_token_and_keeps_what_was_typed() {
    let flash = Flash {
        form: "citizen_signin".into(),
        values: BTreeMap::from([("email".to_string(), "aigerim@example".to_string())]),
        errors: vec![FieldError {
            field: "email".into(),
            code: FormError::EmailInvalid,
        }],
        notice: None,
    };
    let html = render(context(Locale::En, Some(flash)), || {
        view! { <CitizenSignInPage /> }.into_any()
    });
    assert_all(
        &html,
        &[
            r#"action="/signin""#,
            r#"method="post""#,
            r#"name="csrf_token" value="csrf-123""#,
            r#"name="email""#,
            r#"type="email""#,
            r#"autocomplete="email""#,
            r#"value="aigerim@example""#,
            "Enter an email address in the right format",
            r##"href="#email""##,
            "works once, for 15 minutes",
            r#"href="/find""#,
            r#"href="/staff/signin""#,
        ],
    );
}

#[test]
fn a_used_link_is_listed_at_the_top_and_a_sent_link_is_confirmed() {
    let flash = Flash {
        form: "citizen_signin".into(),
        errors: vec![FieldError {
            field: "token".into(),
            code: FormError::LinkInvalid,
        }],
        ..Flash::default()
    };
    let html = render(context(Locale::En, Some(flash)), || {
        view! { <CitizenSignInPage /> }.into_any()
    });
    assert_all(
        &html,
        &[
            r#"class="error-summary""#,
            "This link has expired or has already been used.",
            r##"href="#email""##,
        ],
    );
    assert!(
        !html.contains("field-error"),
        "the link's error is not the address field's: {html}"
    );

    for (notice, words) in [
        (Notice::SignInLinkSent, "a sign-in link is on its way"),
        (Notice::AddressConfirmed, "Your email address is confirmed."),
    ] {
        let flash = Flash {
            form: "citizen_signin".into(),
            notice: Some(notice),
            ..Flash::default()
        };
        let html = render(context(Locale::En, Some(flash)), || {
            view! { <CitizenSignInPage /> }.into_any()
        });
        assert!(html.contains(words), "missing {words} in {html}");
    }
    let other_form = Flash {
        form: "find".into(),
        notice: Some(Notice::SignInLinkSent),
        ..Flash::default()
    };
    let html = render(context(Locale::En, Some(other_form)), || {
        view! { <CitizenSignInPage /> }.into_any()
    });
    assert!(!html.contains("on its way"), "{html}");
}

#[test]
fn the_link_page_posts_its_token_on_a_button_press_and_says_why() {
    let html = render(context(Locale::En, None), || {
        view! { <CitizenLinkView token="tok-1".to_string() /> }.into_any()
    });
    assert_all(
        &html,
        &[
            r#"action="/signin/link""#,
            r#"method="post""#,
            r#"name="token" value="tok-1""#,
            r#"name="csrf_token" value="csrf-123""#,
            r#"type="submit""#,
            ">Sign in</button>",
            "use up a link that works only once",
        ],
    );

    let html = render(context(Locale::En, None), || {
        view! { <CitizenLinkView token=String::new() /> }.into_any()
    });
    assert!(!html.contains("<form"), "{html}");
    assert_all(&html, &["This link is incomplete", r#"href="/signin""#]);
}

#[test]
fn the_confirm_page_posts_its_token_to_confirm() {
    let html = render(context(Locale::En, None), || {
        view! { <ConfirmAddressView token="conf-9".to_string() /> }.into_any()
    });
    assert_all(
        &html,
        &[
            r#"action="/confirm""#,
            r#"name="token" value="conf-9""#,
            r#"name="csrf_token" value="csrf-123""#,
            "Confirm my address",
        ],
    );
    assert!(!html.contains("/signin/link"));
}

fn home() -> CitizenHome {
    CitizenHome {
        email: "aigerim@example.kz".into(),
        decisions: vec![MyDecision {
            reference: "RD-7F3K-9QXD".into(),
            agency_name: text("Social Benefits Agency"),
            system_name: text("Benefit scoring"),
            outcome_label: text("Refused"),
            decided_on: date(2026, 3, 3),
        }],
        appeals: vec![MyAppeal {
            reference: "AP-7Q2M-4KXD".into(),
            decision_reference: "RD-7F3K-9QXD".into(),
            agency_name: text("Social Benefits Agency"),
            state: AppealState::UnderReview,
            filed_on: date(2026, 3, 5),
        }],
    }
}

#[test]
fn the_home_lists_decisions_and_challenges_each_opening_its_page() {
    let html = render(context(Locale::En, None), || {
        view! { <MyHomeView home=home() /> }.into_any()
    });
    assert_all(
        &html,
        &[
            "Your decisions and challenges",
            "Signed in as aigerim@example.kz",
            r#"href="/me/decisions/RD-7F3K-9QXD""#,
            r#"href="/me/appeals/AP-7Q2M-4KXD""#,
            "Benefit scoring",
            "Refused",
            "3 March 2026",
            "5 March 2026",
            "Under review",
            r#"href="/me/data""#,
            r#"action="/me/signout""#,
            r#"name="csrf_token" value="csrf-123""#,
            r#"data-label="Reference number""#,
        ],
    );

    let empty = CitizenHome {
        email: "new@example.kz".into(),
        decisions: Vec::new(),
        appeals: Vec::new(),
    };
    let html = render(context(Locale::En, None), move || {
        view! { <MyHomeView home=empty /> }.into_any()
    });
    assert_all(
        &html,
        &[
            "No decision has been sent to this address.",
            "You have not challenged any decision with this address.",
        ],
    );
    assert!(!html.contains("<table"), "{html}");

    let html = render(context(Locale::En, None), || {
        view! { <SignInFirst /> }.into_any()
    });
    assert!(html.contains(r#"href="/signin""#), "{html}");
}

fn my_data() -> MyData {
    MyData {
        generated_at: "2026-03-10T08:30:00Z".into(),
        addresses: vec![HeldAddress {
            email: "aigerim@example.kz".into(),
            confirmed_at: Some("2026-03-05T10:00:00Z".into()),
        }],
        decisions: vec![HeldDecision {
            reference: "RD-7F3K-9QXD".into(),
            agency: "social-benefits".into(),
            outcome: "refused".into(),
            decided_at: "2026-03-03T09:00:00Z".into(),
            subject_email: Some("aigerim@example.kz".into()),
            subject_language: Some("kk".into()),
            subject_region: Some("750000000".into()),
            national_id_on_record: true,
            content: serde_json::json!({"outcome": {"code": "refused"}}),
            corrected_outcome: None,
        }],
        appeals: vec![HeldAppeal {
            reference: "AP-7Q2M-4KXD".into(),
            decision_reference: "RD-7F3K-9QXD".into(),
            state: AppealState::Decided,
            filed_at: "2026-03-05T09:14:05Z".into(),
            contact_email: "aigerim@example.kz".into(),
            language: "ru".into(),
            grounds: serde_json::json!({"kinds": ["data_error"], "factors": [
                {"key": "monthly_income", "correct_value": "298000", "why": "new job"}
            ]}),
            statement: "My income is lower".into(),
            outcome: Some(serde_json::json!({"kind": "overturned"})),
            finding: None,
            messages: vec![MyMessage {
                at: "2026-03-06T11:00:00Z".into(),
                author: "staff".into(),
                kind: "request_information".into(),
                body: "Send your payslip".into(),
            }],
            files: vec![MyFile {
                file_name: "payslip.pdf".into(),
                content_type: "application/pdf".into(),
                size_bytes: 2_516_582,
                sha256: "ab12".into(),
                added_at: "2026-03-07T12:00:00Z".into(),
            }],
        }],
        emails: vec![HeldEmail {
            kind: "challenge_received".into(),
            subject: "Your challenge AP-7Q2M-4KXD has been received".into(),
            status: "sent".into(),
            created_at: "2026-03-05T09:14:06Z".into(),
            sent_at: Some("2026-03-05T09:15:00Z".into()),
        }],
        views: vec![HeldView {
            subject: "AP-7Q2M-4KXD".into(),
            role: Some(Role::Supervisor),
            agency: Some("social-benefits".into()),
            at: "2026-03-06T10:00:00Z".into(),
        }],
    }
}

#[test]
fn the_data_page_shows_everything_held_and_offers_the_download() {
    let html = render(context(Locale::En, None), || {
        view! { <MyDataView data=my_data() /> }.into_any()
    });
    assert_all(
        &html,
        &[
            r#"href="/me/data.json""#,
            "download=",
            "Download as JSON",
            "10 March 2026, 08:30 UTC",
            "GDPR, Article 15",
            "Confirmed on 5 March 2026, 10:00 UTC",
            "social-benefits",
            "kept only as a keyed hash",
            r#""code": "refused""#,
            "Information about me is wrong",
            "298000",
            "My income is lower",
            "Information requested",
            "Send your payslip",
            "payslip.pdf",
            "PDF · 2.4 MB",
            "Your challenge AP-7Q2M-4KXD has been received",
            "Who viewed your cases",
            "supervisor",
        ],
    );
}

fn outbox() -> OutboxView {
    let row = |id: i64, status: &str| OutboxRow {
        id,
        kind: "challenge_received".into(),
        recipient: "a***@example.kz".into(),
        language: "ru".into(),
        subject: format!("Message {id}"),
        status: status.into(),
        attempts: 5,
        created_at: "2026-03-05T09:14:06Z".into(),
        next_attempt_at: "2026-03-05T10:14:06Z".into(),
        sent_at: None,
        last_error: (status == "failed").then(|| "550 mailbox unavailable".into()),
    };
    OutboxView {
        queued: 1,
        failed: 1,
        sent_last_day: 12345,
        oldest_queued_secs: 600,
        status: "failed".into(),
        rows: vec![row(7, "failed"), row(8, "queued")],
    }
}

#[test]
fn the_outbox_offers_a_retry_for_a_failed_message_only() {
    let flash = Flash {
        form: "outbox".into(),
        notice: Some(Notice::MessageRequeued),
        ..Flash::default()
    };
    let html = render(context(Locale::En, Some(flash)), || {
        view! { <OutboxBody outbox=outbox() /> }.into_any()
    });
    assert_all(
        &html,
        &[
            "Email outbox",
            "The message is queued again",
            r#"action="/admin/outbox/7/retry""#,
            r#"name="csrf_token" value="csrf-123""#,
            "a***@example.kz",
            "550 mailbox unavailable",
            "12,345",
            "10 min",
            r#"href="/admin/outbox?status=queued""#,
            r#"href="/admin/outbox?status=sent""#,
            r#"href="/admin/outbox?status=failed" aria-current="page""#,
        ],
    );
    assert!(!html.contains("/admin/outbox/8/retry"), "{html}");
    assert_eq!(html.matches("/retry").count(), 1, "{html}");
}

/// A page to render, as the tests call it.
type Page = Box<dyn FnOnce() -> AnyView>;

#[test]
fn in_russian_the_pages_speak_russian() {
    let ru = || context(Locale::Ru, None);
    let pages: Vec<(&str, Page)> = vec![
        (
            "Вход по электронной почте",
            Box::new(|| view! { <CitizenSignInPage /> }.into_any()),
        ),
        (
            "Завершение входа",
            Box::new(|| view! { <CitizenLinkView token="t".to_string() /> }.into_any()),
        ),
        (
            "Подтвердите адрес электронной почты",
            Box::new(|| view! { <ConfirmAddressView token="t".to_string() /> }.into_any()),
        ),
        (
            "Ваши решения и жалобы",
            Box::new(|| view! { <MyHomeView home=home() /> }.into_any()),
        ),
        (
            "Ваши данные",
            Box::new(|| view! { <MyDataView data=my_data() /> }.into_any()),
        ),
        (
            "Исходящие письма",
            Box::new(|| view! { <OutboxBody outbox=outbox() /> }.into_any()),
        ),
    ];
    for (title, page) in pages {
        let html = render(ru(), page);
        assert!(
            html.contains(&format!("<h1>{title}</h1>")),
            "missing the title {title} in {html}"
        );
    }
    let html = render(ru(), || view! { <MyDataView data=my_data() /> }.into_any());
    assert_all(&html, &["10 марта 2026 г., 08:30 UTC", "руководитель"]);
}

#[test]
fn the_language_switch_keeps_a_links_token_and_the_header_offers_the_email_sign_in() {
    use crate::components::layout::Header;
    use leptos_router::components::Router;
    use leptos_router::location::RequestUrl;

    let html = Owner::new().with(|| {
        provide_context(context(Locale::En, None));
        provide_context(RequestUrl::new("/signin/link?token=abc%2B1&lang=kk"));
        leptos_meta::provide_meta_context();
        view! { <Router><Header /></Router> }.to_html()
    });
    assert_all(
        &html,
        &[
            r#"href="/signin/link?token=abc%2B1&amp;lang=ru""#,
            r#"href="/signin">Sign in</a>"#,
        ],
    );
    assert!(!html.contains(r#"href="/staff/signin""#), "{html}");
}
