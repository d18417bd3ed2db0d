//! Citizens signing in by email, over HTTP on both backends: a single-use link (expired, reused
//! and tampered links refused; the same answer whether or not the address is known; a rate
//! limit per address), a page of one's own decisions and appeals and nobody else's, the data
//! export with the staff who viewed a case, signing out; and the admin's outbox with retry.

use app::types::{FormError, MailFacts};
use diesel::prelude::*;
use server::cli::demo_decisions::DEMO_PAIRS;
use server::db::models::outbox::{self, OutboxMessage};
use server::db::schema::{decisions, email_links, outbox as outbox_table};
use tests::{hidden_value, on_both_backends, TestApp};

const DECISION: &str = DEMO_PAIRS[0].0;
const OTHER: &str = DEMO_PAIRS[1].0;

/// A form error's words in the deployment's default language (the tests' browsers ask for
/// none).
fn words(error: FormError) -> &'static str {
    app::i18n::labels::form_error(app::i18n::Locale::default(), error)
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

fn subject_email(app: &TestApp, decision: &str) -> String {
    decisions::table
        .filter(decisions::reference.eq(decision))
        .select(decisions::subject_email)
        .first::<Option<String>>(&mut app.db())
        .unwrap()
        .unwrap()
}

fn messages(app: &TestApp) -> Vec<OutboxMessage> {
    outbox::all(&mut app.db()).unwrap()
}

fn token_in(message: &OutboxMessage) -> String {
    let facts: MailFacts = serde_json::from_str(&message.facts_json).unwrap();
    let at = facts.link.find("token=").unwrap() + "token=".len();
    facts.link[at..].to_string()
}

/// A browser of its own, with the anti-forgery token its pages carry.
async fn visitor(app: &TestApp) -> (reqwest::Client, String) {
    let client = app.new_client();
    let page = client
        .get(app.url("/signin"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden_value(&page, "csrf_token").expect("the sign-in form carries a csrf token");
    (client, csrf)
}

async fn ask_link(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: &str,
    email: &str,
) -> reqwest::Response {
    client
        .post(app.url("/signin"))
        .form(&[("email", email), ("csrf_token", csrf)])
        .send()
        .await
        .unwrap()
}

async fn use_link(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: &str,
    token: &str,
) -> reqwest::Response {
    client
        .post(app.url("/signin/link"))
        .form(&[("token", token), ("csrf_token", csrf)])
        .send()
        .await
        .unwrap()
}

async fn body(client: &reqwest::Client, url: String) -> String {
    client.get(url).send().await.unwrap().text().await.unwrap()
}

/// Signs `email` in with a fresh browser; returns it.
async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let (client, csrf) = visitor(app).await;
    ask_link(app, &client, &csrf, email).await;
    let link = messages(app)
        .into_iter()
        .rev()
        .find(|m| m.recipient == email && m.kind == "sign_in_link")
        .unwrap();
    let response = use_link(app, &client, &csrf, &token_in(&link)).await;
    assert_eq!(location(&response), "/me");
    client
}

// The background worker is off: these tests read the links from the queue.
tests::on_both_backends_with! { |s| s.mail.worker = false;
    async fn a_single_use_link_signs_in_once_and_shows_only_ones_own_decisions(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let email = subject_email(&app, DECISION);
        let (client, csrf) = visitor(&app).await;

        let known = ask_link(&app, &client, &csrf, &email.to_uppercase()).await;
        assert_eq!(location(&known), "/signin");
        let after_known = messages(&app).len();
        let unknown = ask_link(&app, &client, &csrf, "nobody@example.kz").await;
        assert_eq!(location(&unknown), "/signin");
        assert_eq!(messages(&app).len(), after_known, "nothing is sent to an unknown address");
        let same_notice = |r: &reqwest::Response| r.cookies().find(|c| c.name() == "redress_flash").map(|c| c.value().to_string());
        assert_eq!(same_notice(&known), same_notice(&unknown), "the answer does not tell whether the address is known");
        let notice = body(&client, app.url("/signin")).await;
        assert!(notice.contains("15"), "the page says how long the link works");

        let link = messages(&app).into_iter().find(|m| m.kind == "sign_in_link").unwrap();
        assert_eq!(link.recipient, email);
        let token = token_in(&link);
        let landing = body(&client, app.url(&format!("/signin/link?token={token}"))).await;
        assert!(landing.contains("action=\"/signin/link\""), "the link opens a page with a button, not a session");
        let tampered = format!("{}x", &token[..token.len() - 1]);
        assert_eq!(location(&use_link(&app, &client, &csrf, &tampered).await), "/signin");
        let opened = use_link(&app, &client, &csrf, &token).await;
        assert_eq!(location(&opened), "/me");
        assert!(opened.cookies().any(|c| c.name() == "redress_citizen" && c.http_only()), "an HttpOnly session cookie");

        let home = body(&client, app.url("/me")).await;
        assert!(home.contains(&format!("/me/decisions/{DECISION}")), "their decision is listed");
        assert!(!home.contains(OTHER), "someone else's is not");
        let open = client.get(app.url(&format!("/me/decisions/{DECISION}"))).send().await.unwrap();
        assert_eq!(location(&open), format!("/d/{DECISION}"));
        let explanation = client.get(app.url(&format!("/d/{DECISION}"))).send().await.unwrap();
        assert_eq!(explanation.status(), 200);
        let foreign = client.get(app.url(&format!("/me/decisions/{OTHER}"))).send().await.unwrap();
        assert_eq!(location(&foreign), "/me", "another person's decision does not open");
        assert_eq!(client.get(app.url(&format!("/d/{OTHER}"))).send().await.unwrap().status(), 404);

        // The same link a second time: refused, and the sign-in page says why.
        let (again, again_csrf) = visitor(&app).await;
        let reused = use_link(&app, &again, &again_csrf, &token).await;
        assert_eq!(location(&reused), "/signin");
        assert!(!reused.cookies().any(|c| c.name() == "redress_citizen"));
        let refused_page = body(&again, app.url("/signin")).await;
        assert!(refused_page.contains(words(FormError::LinkInvalid)), "the refusal is shown");
        assert_eq!(again.get(app.url("/me")).send().await.unwrap().status(), 303, "no session from a used link");
    }

    async fn an_expired_link_is_refused_and_asking_too_often_is_limited(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let email = subject_email(&app, DECISION);
        let (client, csrf) = visitor(&app).await;
        ask_link(&app, &client, &csrf, &email).await;
        let token = token_in(&messages(&app).into_iter().find(|m| m.kind == "sign_in_link").unwrap());
        diesel::update(email_links::table)
            .set(email_links::expires_at.eq(chrono::Utc::now().naive_utc() - chrono::Duration::minutes(1)))
            .execute(&mut app.db())
            .unwrap();
        assert_eq!(location(&use_link(&app, &client, &csrf, &token).await), "/signin");
        assert_eq!(client.get(app.url("/me")).send().await.unwrap().status(), 303);

        ask_link(&app, &client, &csrf, &email).await;
        ask_link(&app, &client, &csrf, &email).await;
        let sent = messages(&app).iter().filter(|m| m.kind == "sign_in_link").count();
        assert_eq!(sent, 3);
        ask_link(&app, &client, &csrf, &email).await;
        assert_eq!(messages(&app).iter().filter(|m| m.kind == "sign_in_link").count(), 3, "the fourth within the window is refused");
        let page = body(&client, app.url("/signin")).await;
        assert!(page.contains(words(FormError::RateLimited)), "and the page says so");
        let invalid = ask_link(&app, &client, &csrf, "not an address").await;
        assert_eq!(location(&invalid), "/signin");
    }

    async fn my_data_lists_what_is_held_and_who_viewed_it_and_sign_out_ends_it(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let email = subject_email(&app, DECISION);
        let agency: String = decisions::table
            .inner_join(server::db::schema::agencies::table)
            .filter(decisions::reference.eq(DECISION))
            .select(server::db::schema::agencies::slug)
            .first(&mut app.db())
            .unwrap();
        app.create_user("viewer@agency.kz", "reviewer", Some(&agency), "a-long-enough-password-2026");
        let staff = app.signed_in_client("viewer@agency.kz", "a-long-enough-password-2026").await;
        assert_eq!(staff.get(app.url(&format!("/d/{DECISION}"))).send().await.unwrap().status(), 200);

        let citizen = signed_in(&app, &email).await;
        let export = citizen.get(app.url("/me/data.json")).send().await.unwrap();
        assert_eq!(export.status(), 200);
        assert!(export.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
        let data: serde_json::Value = export.json().await.unwrap();
        let decisions: Vec<&str> = data["decisions"].as_array().unwrap().iter().map(|d| d["reference"].as_str().unwrap()).collect();
        assert!(decisions.contains(&DECISION), "{decisions:?}");
        assert!(!decisions.contains(&OTHER));
        let held = data["decisions"].as_array().unwrap().iter().find(|d| d["reference"] == DECISION).unwrap();
        assert!(held["subject_region"].as_str().is_some_and(|r| r.len() == 9), "the region on record is shown: {held}");
        let views = data["views"].as_array().unwrap();
        assert!(views.iter().any(|v| v["subject"] == DECISION && v["role"] == "reviewer" && v["agency"] == agency.as_str()), "{views:?}");
        assert!(data["addresses"].as_array().unwrap().iter().any(|a| a["email"] == email.as_str() && a["confirmed_at"].is_string()));
        assert!(data["emails"].as_array().unwrap().iter().any(|m| m["kind"] == "sign_in_link"));
        let page = body(&citizen, app.url("/me/data")).await;
        assert!(page.contains("/me/data.json"));

        let csrf = hidden_value(&body(&citizen, app.url("/me")).await, "csrf_token").unwrap();
        let out = citizen.post(app.url("/me/signout")).form(&[("csrf_token", csrf.as_str())]).send().await.unwrap();
        assert_eq!(location(&out), "/signin");
        assert_eq!(citizen.get(app.url("/me")).send().await.unwrap().status(), 303, "signed out");
    }

    async fn an_admin_sees_the_outbox_and_retries_a_failed_message(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let email = subject_email(&app, DECISION);
        let (client, csrf) = visitor(&app).await;
        ask_link(&app, &client, &csrf, &email).await;
        let failed = messages(&app).into_iter().find(|m| m.kind == "sign_in_link").unwrap();
        diesel::update(outbox_table::table.filter(outbox_table::id.eq(failed.id)))
            .set((outbox_table::status.eq("failed"), outbox_table::attempts.eq(8), outbox_table::last_error.eq("550 5.1.1 mailbox unavailable")))
            .execute(&mut app.db())
            .unwrap();

        app.create_user("admin@portal.kz", "admin", None, "a-long-enough-password-2026");
        let admin = app.signed_in_client("admin@portal.kz", "a-long-enough-password-2026").await;
        let page = body(&admin, app.url("/admin/outbox?status=failed")).await;
        assert!(page.contains("550 5.1.1 mailbox unavailable"), "the failure is shown");
        let masked = format!("{}***@", &email[..1]);
        assert!(page.contains(&masked), "the address is masked");
        assert!(!page.contains(&email), "and not shown whole");
        let retry = format!("/admin/outbox/{}/retry", failed.id);
        assert!(page.contains(&format!("action=\"{retry}\"")));
        let admin_csrf = hidden_value(&page, "csrf_token").unwrap();

        app.create_user("r@portal.kz", "reviewer", Some("social-benefits"), "a-long-enough-password-2026");
        let reviewer = app.signed_in_client("r@portal.kz", "a-long-enough-password-2026").await;
        let reviewer_csrf = hidden_value(&body(&reviewer, app.url("/staff")).await, "csrf_token").unwrap();
        let refused = reviewer.post(app.url(&retry)).form(&[("csrf_token", reviewer_csrf.as_str())]).send().await.unwrap();
        assert_eq!(refused.status(), 404, "only admins retry");
        assert_eq!(outbox::all(&mut app.db()).unwrap().iter().find(|m| m.id == failed.id).unwrap().status, "failed");

        let retried = admin.post(app.url(&retry)).form(&[("csrf_token", admin_csrf.as_str())]).send().await.unwrap();
        assert_eq!(retried.status(), 303);
        let row = outbox::all(&mut app.db()).unwrap().into_iter().find(|m| m.id == failed.id).unwrap();
        assert_eq!((row.status.as_str(), row.attempts), ("queued", 0));
    }
}

on_both_backends! {
    async fn the_background_worker_delivers_a_sign_in_link_within_seconds(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let email = subject_email(&app, DECISION);
        let (client, csrf) = visitor(&app).await;
        ask_link(&app, &client, &csrf, &email).await;
        let mailbox = app.mailbox.clone().expect("the tests' memory transport");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !mailbox.messages().iter().any(|m| m.to == email) {
            assert!(std::time::Instant::now() < deadline, "no message within 10 s");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let kept = mailbox.messages().into_iter().find(|m| m.to == email).unwrap();
        let parsed = mailparse::parse_mail(kept.raw.as_bytes()).unwrap();
        let text = parsed.subparts.iter().find(|p| p.ctype.mimetype == "text/plain").unwrap().get_body().unwrap();
        assert!(text.contains("/signin/link?token="), "the link is in the message: {text}");
    }
}
