//! Staff two-factor sign-in over HTTP, on both backends: enrolment at first sign-in for a role
//! that requires it, codes at every sign-in after, one use per code, recovery codes, the limit on
//! wrong codes, turning it on and off where the role allows, and an admin's audited reset.

use diesel::prelude::*;
use reqwest::StatusCode;
use server::auth::totp;
use server::db::schema::{audit_log, staff_recovery_codes, staff_two_factor};
use tests::{hidden_value, on_both_backends_with, TestApp};

const SUPERVISOR: &str = "supervisor@benefits.test";
const REVIEWER: &str = "reviewer@benefits.test";
const ADMIN: &str = "admin@redress.test";
const PASSWORD: &str = "a long enough password";

fn setup(app: &TestApp) {
    app.create_agency("benefits");
    app.create_user(SUPERVISOR, "supervisor", Some("benefits"), PASSWORD);
    app.create_user(REVIEWER, "reviewer", Some("benefits"), PASSWORD);
    app.create_user(ADMIN, "admin", None, PASSWORD);
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn has_session(response: &reqwest::Response) -> bool {
    response.cookies().any(|c| c.name() == "redress_session")
}

/// A person with a browser of their own.
struct Person<'a> {
    app: &'a TestApp,
    client: reqwest::Client,
}

impl<'a> Person<'a> {
    fn new(app: &'a TestApp) -> Person<'a> {
        Person {
            app,
            client: app.new_client(),
        }
    }

    async fn page(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.app.url(path))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap()
    }

    async fn html(&self, path: &str) -> String {
        self.page(path).await.text().await.unwrap()
    }

    async fn post(
        &self,
        path: &str,
        csrf_from: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let page = self.html(csrf_from).await;
        let token = hidden_value(&page, "csrf_token").expect("a CSRF token on the page");
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf_token", &token));
        self.client
            .post(self.app.url(path))
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    async fn password(&self, email: &str) -> reqwest::Response {
        self.post(
            "/staff/signin",
            "/staff/signin",
            &[("email", email), ("password", PASSWORD)],
        )
        .await
    }

    async fn code(&self, code: &str) -> reqwest::Response {
        self.post(
            "/staff/signin/code",
            "/staff/signin/code",
            &[("code", code)],
        )
        .await
    }

    async fn sign_out(&self) {
        let response = self.post("/staff/signout", "/staff", &[]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
}

/// The secret and recovery codes an enrolment page shows.
fn enrolment(html: &str) -> (Vec<u8>, Vec<String>) {
    let start =
        html.find("class=\"typed-key\">").expect("the key to type") + "class=\"typed-key\">".len();
    let key = &html[start..start + html[start..].find('<').unwrap()];
    let secret = totp::secret_from_typed(key).expect("a base32 key");
    (secret, recovery_codes(html))
}

fn recovery_codes(html: &str) -> Vec<String> {
    let Some(list) = html.find("class=\"recovery-codes\"") else {
        return Vec::new();
    };
    let list = &html[list..list + html[list..].find("</ol>").unwrap()];
    list.split("<code>")
        .skip(1)
        .map(|part| part[..part.find('<').unwrap()].to_string())
        .collect()
}

fn now() -> u64 {
    chrono::Utc::now().timestamp() as u64
}

fn audit_actions(app: &TestApp, subject: i64) -> Vec<String> {
    audit_log::table
        .filter(audit_log::subject_kind.eq("user"))
        .filter(audit_log::subject_id.eq(subject.to_string()))
        .order(audit_log::id)
        .select(audit_log::action)
        .load(&mut app.db())
        .unwrap()
}

fn user_id(app: &TestApp, email: &str) -> i64 {
    server::db::models::user::find_by_email(&mut app.db(), email)
        .unwrap()
        .unwrap()
        .id
}

/// Signs `email` in through the enrolment its role requires; returns the person, signed in,
/// with the secret and recovery codes.
async fn enrol_at_sign_in<'a>(app: &'a TestApp, email: &str) -> (Person<'a>, Vec<u8>, Vec<String>) {
    let person = Person::new(app);
    let response = person.password(email).await;
    assert_eq!(location(&response), "/staff/signin/two-factor");
    let (secret, codes) = enrolment(&person.html("/staff/signin/two-factor").await);
    let response = person
        .post(
            "/staff/signin/two-factor",
            "/staff/signin/two-factor",
            &[("code", &totp::code_at(&secret, now()))],
        )
        .await;
    assert_eq!(location(&response), "/staff", "the first code signs in");
    assert!(has_session(&response));
    (person, secret, codes)
}

on_both_backends_with! {
    |s| s.two_factor = Default::default();

    async fn a_required_role_sets_up_an_authenticator_at_first_sign_in(app) {
        setup(&app);
        let person = Person::new(&app);
        let response = person.password(SUPERVISOR).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/staff/signin/two-factor");
        assert!(!has_session(&response), "the password alone signs nobody in");
        assert_eq!(location(&person.page("/staff").await), "/staff/signin", "staff pages stay shut");

        let html = person.html("/staff/signin/two-factor").await;
        assert!(html.contains("Your role requires two-factor sign-in"), "says why");
        assert!(html.contains("<svg"), "a QR code to scan");
        let (secret, codes) = enrolment(&html);
        assert_eq!(secret.len(), totp::SECRET_BYTES);
        assert_eq!(codes.len(), 10, "ten recovery codes to keep");
        assert_eq!(enrolment(&person.html("/staff/signin/two-factor").await).0, secret, "a reload shows the same key");

        let wrong = person.post("/staff/signin/two-factor", "/staff/signin/two-factor", &[("code", "000000")]).await;
        assert_eq!(location(&wrong), "/staff/signin/two-factor");
        assert!(!has_session(&wrong));
        assert!(person.html("/staff/signin/two-factor").await.contains("That code is not right"));

        let right = person
            .post("/staff/signin/two-factor", "/staff/signin/two-factor", &[("code", &totp::code_at(&secret, now()))])
            .await;
        assert_eq!(location(&right), "/staff");
        assert!(has_session(&right));
        let home = person.html("/staff").await;
        assert!(home.contains("Two-factor sign-in is on"), "says it is on");
        let page = person.html("/staff/two-factor").await;
        assert!(page.contains("Recovery codes left: 10 of 10"), "{page}");
        assert!(recovery_codes(&page).is_empty(), "codes are not shown again once confirmed");

        let id = user_id(&app, SUPERVISOR);
        let actions = audit_actions(&app, id);
        assert!(actions.ends_with(&["staff.two_factor_failed".into(), "staff.two_factor_enabled".into(), "staff.signed_in".into()]), "{actions:?}");
    }

    async fn after_enrolment_every_sign_in_asks_for_a_fresh_code(app) {
        setup(&app);
        let (person, secret, _) = enrol_at_sign_in(&app, SUPERVISOR).await;
        let used = totp::code_at(&secret, now());
        person.sign_out().await;

        let response = person.password(SUPERVISOR).await;
        assert_eq!(location(&response), "/staff/signin/code");
        assert!(!has_session(&response));
        let replay = person.code(&used).await;
        assert_eq!(location(&replay), "/staff/signin/code", "a code is accepted once");
        assert!(person.html("/staff/signin/code").await.contains("has been used already"));

        let next = totp::code_at(&secret, now() + 30);
        let response = person.code(&next).await;
        assert_eq!(location(&response), "/staff");
        assert!(has_session(&response));
        assert_eq!(person.page("/staff").await.status(), StatusCode::OK);
        let signed_in: Vec<String> = audit_log::table
            .filter(audit_log::action.eq("staff.signed_in"))
            .select(audit_log::details_json)
            .load(&mut app.db())
            .unwrap();
        assert!(signed_in.iter().all(|d| d.contains("\"second_factor\":\"totp\"")), "{signed_in:?}");
    }

    async fn a_recovery_code_signs_in_once(app) {
        setup(&app);
        let (person, _, codes) = enrol_at_sign_in(&app, SUPERVISOR).await;
        person.sign_out().await;
        person.password(SUPERVISOR).await;
        // As someone might type it off paper: lower case, a space for the dash.
        let typed = codes[3].to_lowercase().replace('-', " ");
        let response = person.code(&typed).await;
        assert_eq!(location(&response), "/staff");
        assert!(person.html("/staff").await.contains("signed in with a recovery code"));
        assert!(person.html("/staff/two-factor").await.contains("Recovery codes left: 9 of 10"));
        person.sign_out().await;
        person.password(SUPERVISOR).await;
        let again = person.code(&codes[3]).await;
        assert_eq!(location(&again), "/staff/signin/code", "a spent recovery code is refused");
    }

    async fn new_recovery_codes_replace_the_old_and_show_until_kept(app) {
        setup(&app);
        let (person, secret, old) = enrol_at_sign_in(&app, SUPERVISOR).await;
        // A session alone (stolen, say) must not yield codes that sign in: a code from the app
        // is asked for, and a recovery code will not do.
        for typed in ["", old[5].as_str()] {
            let refused = person.post("/staff/two-factor/recovery-codes", "/staff/two-factor", &[("code", typed)]).await;
            assert_eq!(location(&refused), "/staff/two-factor");
            assert!(recovery_codes(&person.html("/staff/two-factor").await).is_empty(), "no new codes for {typed:?}");
        }
        let response = person
            .post("/staff/two-factor/recovery-codes", "/staff/two-factor", &[("code", &totp::code_at(&secret, now() + 30))])
            .await;
        assert_eq!(location(&response), "/staff/two-factor");
        let fresh = recovery_codes(&person.html("/staff/two-factor").await);
        assert_eq!(fresh.len(), 10);
        assert!(fresh.iter().all(|c| !old.contains(c)));
        assert_eq!(recovery_codes(&person.html("/staff/two-factor").await), fresh, "shown until kept");
        person.post("/staff/two-factor/codes-kept", "/staff/two-factor", &[]).await;
        assert!(recovery_codes(&person.html("/staff/two-factor").await).is_empty(), "not shown once kept");
        person.sign_out().await;
        person.password(SUPERVISOR).await;
        assert_eq!(location(&person.code(&old[0]).await), "/staff/signin/code", "old codes stopped working");
        assert_eq!(location(&person.code(&fresh[0]).await), "/staff", "new codes work");
    }

    async fn wrong_codes_are_limited_and_the_step_is_no_session(app) {
        setup(&app);
        let (person, secret, _) = enrol_at_sign_in(&app, SUPERVISOR).await;
        person.sign_out().await;
        person.password(SUPERVISOR).await;
        assert_eq!(location(&person.page("/staff").await), "/staff/signin", "the step token is no session");
        assert_eq!(location(&person.page("/staff/two-factor").await), "/staff/signin");
        for _ in 0..5 {
            assert_eq!(location(&person.code("123456").await), "/staff/signin/code");
        }
        let refused = person.code(&totp::code_at(&secret, now() + 30)).await;
        assert_eq!(location(&refused), "/staff/signin/code", "even the right code waits out the limit");
        assert!(person.html("/staff/signin/code").await.contains("Too many wrong codes"));
        let failures = audit_actions(&app, user_id(&app, SUPERVISOR)).iter().filter(|a| *a == "staff.two_factor_failed").count();
        assert_eq!(failures, 5, "each wrong code is audited");
    }

    async fn a_code_without_a_step_or_after_a_password_change_starts_again(app) {
        setup(&app);
        let (_, secret, _) = enrol_at_sign_in(&app, SUPERVISOR).await;
        let stranger = Person::new(&app);
        let response = stranger.code(&totp::code_at(&secret, now() + 30)).await;
        assert_eq!(location(&response), "/staff/signin", "no password, no code page");
        assert!(!has_session(&response));

        let person = Person::new(&app);
        person.password(SUPERVISOR).await;
        let later = chrono::Utc::now().naive_utc() + chrono::Duration::seconds(2);
        let id = user_id(&app, SUPERVISOR);
        let hash = server::auth::password::hash("another long password 2026").unwrap();
        server::db::models::user::set_password_hash(&mut app.db(), id, &hash, later).unwrap();
        let response = person.code(&totp::code_at(&secret, now() + 30)).await;
        assert_eq!(location(&response), "/staff/signin", "a password change voids the step");
        assert!(!has_session(&response));
        assert!(person.html("/staff/signin").await.contains("Sign in again"));
    }

    async fn secrets_are_sealed_and_codes_hashed_in_the_database(app) {
        setup(&app);
        let (_, secret, codes) = enrol_at_sign_in(&app, SUPERVISOR).await;
        let sealed: String = staff_two_factor::table.select(staff_two_factor::secret_sealed).first(&mut app.db()).unwrap();
        let typed = totp::secret_for_typing(&secret).replace(' ', "");
        assert!(!sealed.contains(&typed) && !sealed.contains(&secret.iter().map(|b| format!("{b:02x}")).collect::<String>()), "the secret is not stored in clear");
        let stored: Vec<String> = staff_recovery_codes::table.select(staff_recovery_codes::code_hash).load(&mut app.db()).unwrap();
        assert_eq!(stored.len(), 10);
        for code in &codes {
            assert!(stored.iter().all(|h| !h.contains(&code.replace('-', ""))), "codes are kept as hashes");
        }
        let (pending,): (Option<String>,) = staff_two_factor::table.select((staff_two_factor::recovery_sealed,)).first(&mut app.db()).unwrap();
        assert!(pending.is_none(), "the sealed copy of the codes is gone once confirmed");
    }

    async fn another_sign_in_with_the_password_replaces_a_waiting_enrolment(app) {
        setup(&app);
        // Someone with the stolen password begins the enrolment and copies its key and codes.
        let intruder = Person::new(&app);
        intruder.password(SUPERVISOR).await;
        let (stolen_secret, stolen_codes) = enrolment(&intruder.html("/staff/signin/two-factor").await);

        // The owner signs in: a new key and new codes, which only their sign-in can read.
        let (owner, secret, _) = enrol_at_sign_in(&app, SUPERVISOR).await;
        assert_ne!(secret, stolen_secret);
        owner.sign_out().await;
        assert!(intruder.html("/staff/signin/two-factor").await.contains("Sign in again"), "the old step shows nothing");

        let second = Person::new(&app);
        assert_eq!(location(&second.password(SUPERVISOR).await), "/staff/signin/code");
        assert_eq!(location(&second.code(&totp::code_at(&stolen_secret, now() + 30)).await), "/staff/signin/code");
        assert_eq!(location(&second.code(&stolen_codes[0]).await), "/staff/signin/code", "the copied codes are void");
    }

    async fn a_required_role_cannot_turn_it_off(app) {
        setup(&app);
        let (person, secret, _) = enrol_at_sign_in(&app, SUPERVISOR).await;
        assert!(person.html("/staff/two-factor").await.contains("cannot be turned off"));
        let response = person.post("/staff/two-factor/off", "/staff/two-factor", &[("code", &totp::code_at(&secret, now() + 30))]).await;
        assert_eq!(location(&response), "/staff/two-factor");
        assert!(person.html("/staff/two-factor").await.contains("On: a code from your phone"));
    }
}

on_both_backends_with! {
    |s| s.two_factor.required_roles = vec![app::types::Role::Supervisor];

    async fn an_optional_role_turns_it_on_and_off_with_a_code(app) {
        setup(&app);
        let person = Person::new(&app);
        assert_eq!(location(&person.password(REVIEWER).await), "/staff", "a reviewer needs no code by default");
        assert!(person.html("/staff/two-factor").await.contains("Set up two-factor sign-in"));
        person.post("/staff/two-factor/start", "/staff/two-factor", &[]).await;
        let (secret, codes) = enrolment(&person.html("/staff/two-factor").await);
        assert_eq!(codes.len(), 10);
        let response = person.post("/staff/two-factor/confirm", "/staff/two-factor", &[("code", &totp::code_at(&secret, now()))]).await;
        assert_eq!(location(&response), "/staff/two-factor");
        assert!(person.html("/staff/two-factor").await.contains("Two-factor sign-in is on"));

        person.sign_out().await;
        assert_eq!(location(&person.password(REVIEWER).await), "/staff/signin/code", "now a code is asked for");
        assert_eq!(location(&person.code(&codes[0]).await), "/staff");

        let with_recovery = person.post("/staff/two-factor/off", "/staff/two-factor", &[("code", codes[1].as_str())]).await;
        assert_eq!(location(&with_recovery), "/staff/two-factor");
        assert!(person.html("/staff/two-factor").await.contains("On: a code from your phone"), "a recovery code does not turn it off");
        let empty = person.post("/staff/two-factor/off", "/staff/two-factor", &[("code", "")]).await;
        assert_eq!(location(&empty), "/staff/two-factor");
        assert!(person.html("/staff/two-factor").await.contains("Type the code from your authenticator app"));
        let off = person.post("/staff/two-factor/off", "/staff/two-factor", &[("code", &totp::code_at(&secret, now() + 30))]).await;
        assert_eq!(location(&off), "/staff/two-factor");
        assert!(person.html("/staff/two-factor").await.contains("Two-factor sign-in is off"));
        person.sign_out().await;
        assert_eq!(location(&person.password(REVIEWER).await), "/staff", "the password alone again");
        let actions = audit_actions(&app, user_id(&app, REVIEWER));
        assert!(actions.contains(&"staff.two_factor_enabled".to_string()) && actions.contains(&"staff.two_factor_disabled".to_string()), "{actions:?}");
    }

    async fn an_admin_resets_another_accounts_two_factor_and_it_is_audited(app) {
        setup(&app);
        let (supervisor, _, _) = enrol_at_sign_in(&app, SUPERVISOR).await;
        supervisor.sign_out().await;
        let target = user_id(&app, SUPERVISOR);
        let path = format!("/admin/staff/{target}/two-factor/reset");

        let reviewer = Person::new(&app);
        reviewer.password(REVIEWER).await;
        let refused = reviewer.post(&path, "/staff", &[]).await;
        assert_eq!(refused.status(), StatusCode::NOT_FOUND, "only an admin resets");
        assert_eq!(reviewer.page("/admin/staff").await.status(), StatusCode::NOT_FOUND);

        let admin = Person::new(&app);
        assert_eq!(location(&admin.password(ADMIN).await), "/staff");
        let list = admin.html("/admin/staff").await;
        assert!(list.contains(SUPERVISOR) && list.contains("On: a code from your phone"), "the list shows who uses it");
        assert!(list.contains(&path), "a reset button for the enrolled supervisor");
        let own = format!("/admin/staff/{}/two-factor/reset", user_id(&app, ADMIN));
        assert_eq!(admin.post(&own, "/admin/staff", &[]).await.status(), StatusCode::NOT_FOUND, "not one's own");

        let response = admin.post(&path, "/admin/staff", &[]).await;
        assert_eq!(location(&response), "/admin/staff");
        assert!(admin.html("/admin/staff").await.contains("Two-factor sign-in was reset"));
        let reset: Vec<(Option<i64>, String)> = audit_log::table
            .filter(audit_log::action.eq("staff.two_factor_reset"))
            .select((audit_log::actor_id, audit_log::subject_id))
            .load(&mut app.db())
            .unwrap();
        assert_eq!(reset, [(Some(user_id(&app, ADMIN)), target.to_string())], "who reset whose");

        let again = Person::new(&app);
        assert_eq!(location(&again.password(SUPERVISOR).await), "/staff/signin/two-factor", "a new authenticator at the next sign-in");
    }
}

#[test]
fn by_default_supervisors_ombudsmen_and_admins_must_use_two_factor() {
    use app::types::Role;
    let settings = server::config::Settings::default();
    let required: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| settings.two_factor.required_for(*r))
        .collect();
    assert_eq!(required, [Role::Supervisor, Role::Ombudsman, Role::Admin]);
}
