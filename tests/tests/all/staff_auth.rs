//! Staff sign-in, sessions, sign-out, CSRF, rate limits and password change, on both backends.

use reqwest::StatusCode;
use tests::{on_both_backends, TestApp};

const EMAIL: &str = "reviewer@benefits.test";
const PASSWORD: &str = "a long enough password";

fn setup(app: &TestApp) {
    app.create_agency("benefits");
    app.create_user(EMAIL, "reviewer", Some("benefits"), PASSWORD);
}

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .cookies()
        .find(|c| c.name() == "redress_session")
        .map(|c| c.value().to_string())
}

async fn staff_page_is_open(app: &TestApp) -> bool {
    let response = app.get("/staff").await;
    response.status() == StatusCode::OK
}

on_both_backends! {
    async fn right_password_signs_in_and_staff_home_shows_the_agency(app) {
        setup(&app);
        let response = app.sign_in(EMAIL, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/staff");
        let cookie = response.cookies().find(|c| c.name() == "redress_session").expect("session cookie");
        assert!(cookie.http_only(), "session cookie must be HttpOnly");
        assert!(cookie.same_site_lax() || cookie.same_site_strict(), "session cookie must be SameSite");
        let page = app.get("/staff").await;
        assert_eq!(page.status(), StatusCode::OK);
        assert_eq!(page.headers().get("cache-control").unwrap(), "no-store");
        let html = page.text().await.unwrap();
        assert!(html.contains("Agency benefits") || html.contains("Орган benefits"), "agency name shown");
    }

    async fn wrong_password_and_unknown_email_are_refused_alike_and_keep_the_email(app) {
        setup(&app);
        for (email, password) in [(EMAIL, "not the password at all"), ("nobody@benefits.test", PASSWORD)] {
            let response = app.sign_in(email, password).await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
            assert_eq!(location(&response), "/staff/signin");
            assert!(session_cookie(&response).is_none());
            let html = app.client.get(app.url("/staff/signin")).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
            assert!(html.contains("The email address or password is not right"), "clear message");
            assert!(html.contains(&format!("value=\"{email}\"")), "email kept after a failed sign-in");
            assert!(!staff_page_is_open(&app).await);
        }
    }

    async fn staff_pages_redirect_to_sign_in_when_signed_out(app) {
        let response = app.get("/staff").await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/staff/signin");
    }

    async fn tampered_expired_and_foreign_tokens_are_refused(app) {
        setup(&app);
        let response = app.sign_in(EMAIL, PASSWORD).await;
        let token = session_cookie(&response).unwrap();
        let mut parts: Vec<String> = token.split('.').map(String::from).collect();
        parts[1] = format!("{}A", parts[1]);
        let tampered = parts.join(".");
        // Signed with another key: what a forger without the server's secret could make.
        let foreign = server::auth::session_token::SessionTokens::new(server::secrets::Keys::derive(&secrecy::SecretString::from("another key another key another k")), 3600, 600)
            .issue(1, "sid", chrono::Utc::now().timestamp(), chrono::Utc::now().timestamp()).unwrap().0;
        for bad in [tampered, foreign, "not.a.jwt".to_string()] {
            let client = app.new_client();
            let response = client.get(app.url("/staff")).header("cookie", format!("redress_session={bad}")).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "token {bad} must not sign in");
        }
    }

    async fn an_expired_session_is_refused(app) {
        let backend = app.backend;
        drop(app);
        let app = TestApp::spawn_with(backend, |s| { s.session.idle_minutes = 0; }).await;
        setup(&app);
        let response = app.sign_in(EMAIL, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        assert!(!staff_page_is_open(&app).await, "a session past its idle timeout must not work");
    }

    async fn sign_out_revokes_the_token_on_the_server(app) {
        setup(&app);
        let response = app.sign_in(EMAIL, PASSWORD).await;
        let token = session_cookie(&response).unwrap();
        assert!(staff_page_is_open(&app).await);
        let csrf = app.csrf_token().await;
        let response = app.post_form("/staff/signout", &[("csrf_token", &csrf)]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), "/staff/signin");
        // The old token, replayed by someone who kept it, no longer works.
        let replay = app.new_client();
        let response = replay.get(app.url("/staff")).header("cookie", format!("redress_session={token}")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }

    async fn a_form_post_without_its_csrf_token_is_refused(app) {
        setup(&app);
        let _ = app.get("/staff/signin").await;
        let response = app.post_form("/staff/signin", &[("email", EMAIL), ("password", PASSWORD)]).await;
        assert_eq!(location(&response), "/staff/signin");
        assert!(session_cookie(&response).is_none(), "no session without the CSRF token");
        let response = app.post_form("/staff/signin", &[("email", EMAIL), ("password", PASSWORD), ("csrf_token", "forged")]).await;
        assert!(session_cookie(&response).is_none(), "no session with a wrong CSRF token");
        assert!(!staff_page_is_open(&app).await);
    }

    async fn the_rate_limit_trips_after_repeated_failures(app) {
        setup(&app);
        for _ in 0..5 {
            app.sign_in(EMAIL, "wrong password here").await;
        }
        let response = app.sign_in(EMAIL, PASSWORD).await;
        assert!(session_cookie(&response).is_none(), "even the right password waits out the limit");
        let html = app.client.get(app.url("/staff/signin")).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Too many sign-in attempts"));
    }

    async fn reviewer_cannot_see_another_agencys_pages(app) {
        setup(&app);
        app.create_agency("taxes");
        app.sign_in(EMAIL, PASSWORD).await;
        let own = app.get("/staff/agencies/benefits").await;
        assert_eq!(own.status(), StatusCode::OK);
        let other = app.get("/staff/agencies/taxes").await;
        assert_eq!(other.status(), StatusCode::NOT_FOUND);
        let html = app.get_html("/staff").await;
        assert!(!html.contains("Agency taxes") && !html.contains("Орган taxes"), "home lists only the own agency");
    }

    async fn ombudsman_sees_every_agency(app) {
        setup(&app);
        app.create_agency("taxes");
        app.create_user("ombudsman@office.test", "ombudsman", None, PASSWORD);
        app.sign_in("ombudsman@office.test", PASSWORD).await;
        assert_eq!(app.get("/staff/agencies/taxes").await.status(), StatusCode::OK);
        assert_eq!(app.get("/staff/agencies/benefits").await.status(), StatusCode::OK);
    }

    async fn password_change_needs_the_current_password_and_ends_old_sessions(app) {
        setup(&app);
        let response = app.sign_in(EMAIL, PASSWORD).await;
        let old_token = session_cookie(&response).unwrap();
        let csrf = app.csrf_token().await;
        let wrong = app.post_form("/staff/password", &[("current_password", "not it at all"), ("new_password", "a brand new passphrase"), ("confirm_password", "a brand new passphrase"), ("csrf_token", &csrf)]).await;
        assert_eq!(location(&wrong), "/staff/password");
        let html = app.client.get(app.url("/staff/password")).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Your current password is not right"));
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        let ok = app.post_form("/staff/password", &[("current_password", PASSWORD), ("new_password", "a brand new passphrase"), ("confirm_password", "a brand new passphrase"), ("csrf_token", &csrf)]).await;
        assert_eq!(location(&ok), "/staff/password");
        assert!(staff_page_is_open(&app).await, "the person who changed it stays signed in");
        let replay = app.new_client();
        let response = replay.get(app.url("/staff")).header("cookie", format!("redress_session={old_token}")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "the old session ended");
        let fresh = TestApp::sign_in(&app, EMAIL, "a brand new passphrase").await;
        assert_eq!(location(&fresh), "/staff");
    }
}

on_both_backends! {
    async fn a_new_password_must_not_be_common_or_guessable_and_the_current_one_cannot_be_guessed(app) {
        setup(&app);
        app.sign_in(EMAIL, PASSWORD).await;
        let change = |current: &'static str, new: &'static str| {
            let app = &app;
            async move {
                let csrf = app.csrf_token().await;
                app.post_form("/staff/password", &[("current_password", current), ("new_password", new), ("confirm_password", new), ("csrf_token", &csrf)]).await;
                app.client.get(app.url("/staff/password")).header("accept-language", "en").send().await.unwrap().text().await.unwrap()
            }
        };
        let html = change(PASSWORD, "QWERTY123456").await;
        assert!(html.contains("one of the most common ones"), "a common password is refused");
        let html = change(PASSWORD, "benefitsreviewer").await;
        assert!(html.contains("too easy to guess"), "the account's own words are easy to guess");
        // Guessing the current password from a signed-in session is limited.
        for _ in 0..5 {
            let html = change("a wrong guess here", "oak lantern ferry plum").await;
            assert!(html.contains("Your current password is not right"));
        }
        let html = change(PASSWORD, "oak lantern ferry plum").await;
        assert!(html.contains("Too many wrong current passwords"), "even the right one waits");
        assert!(TestApp::sign_in(&app, EMAIL, PASSWORD).await.headers().get("location").is_some_and(|l| l == "/staff"),
            "the password did not change");
    }

    async fn the_strength_meter_measures_on_the_server_for_the_signed_in_only(app) {
        setup(&app);
        let stranger = app.new_client().post(app.url("/rpc/password_strength"))
            .form(&[("candidate", "anything")]).send().await.unwrap();
        assert!(!stranger.status().is_success(), "no meter for strangers");
        app.sign_in(EMAIL, PASSWORD).await;
        let measure = |candidate: &'static str| {
            let app = &app;
            async move {
                let response = app.client.post(app.url("/rpc/password_strength"))
                    .form(&[("candidate", candidate)]).send().await.unwrap();
                assert!(response.status().is_success(), "{}", response.status());
                response.text().await.unwrap().trim().parse::<u8>().unwrap()
            }
        };
        assert!(measure("password1234").await <= 1);
        assert_eq!(measure("oak lantern ferry plum").await, 4);
    }
}
