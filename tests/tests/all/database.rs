//! Migrations, seeding and the audit chain, on both backends.

use diesel::prelude::*;
use server::db::models::audit;
use server::db::schema::{agencies, ai_system_versions, ai_systems, users};
use tests::on_both_backends;

on_both_backends! {
    async fn migrations_apply_from_empty_and_leave_nothing_pending(app) {
        let mut conn = app.db();
        assert!(!server::db::has_pending_migrations(&mut conn).unwrap());
        assert_eq!(server::db::run_migrations(&mut conn).unwrap(), 0, "a second run applies nothing");
        let count: i64 = agencies::table.count().get_result(&mut conn).unwrap();
        assert_eq!(count, 0);
    }

    async fn seed_demo_twice_duplicates_nothing(app) {
        let mut conn = app.db();
        let first = server::cli::seed_demo::seed(&mut conn, &app.keys).unwrap();
        assert_eq!(first.agencies_created, 3);
        assert_eq!(first.systems_versions_created, 6);
        assert_eq!(first.users_created, 4);
        assert_eq!(first.decisions_created, 2000);
        let second = server::cli::seed_demo::seed(&mut conn, &app.keys).unwrap();
        assert_eq!(second, server::cli::seed_demo::SeedSummary::default());
        let decisions: i64 = server::db::schema::decisions::table.count().get_result(&mut conn).unwrap();
        assert_eq!(decisions, 2000);
        let counts: (i64, i64, i64, i64) = (
            agencies::table.count().get_result(&mut conn).unwrap(),
            ai_systems::table.count().get_result(&mut conn).unwrap(),
            ai_system_versions::table.count().get_result(&mut conn).unwrap(),
            users::table.count().get_result(&mut conn).unwrap(),
        );
        assert_eq!(counts, (3, 6, 6, 4));
    }

    async fn demo_accounts_sign_in_and_see_their_agency(app) {
        server::cli::seed_demo::seed(&mut app.db(), &app.keys).unwrap();
        let (email, _, _, _, password) = server::cli::seed_demo::DEMO_ACCOUNTS[0];
        let response = app.sign_in(email, password).await;
        assert_eq!(response.headers().get("location").unwrap(), "/staff");
        let html = app.client.get(app.url("/staff")).header("accept-language", "en").send().await.unwrap().text().await.unwrap();
        assert!(html.contains("housing-benefit-eligibility") || html.contains("AI systems in the register"));
    }

    async fn the_audit_chain_verifies_and_detects_an_edit(app) {
        app.create_agency("benefits");
        app.create_user("r@benefits.test", "reviewer", Some("benefits"), "a long enough password");
        app.sign_in("r@benefits.test", "a long enough password").await;
        app.sign_in("r@benefits.test", "a long enough password").await;
        let mut conn = app.db();
        assert_eq!(audit::first_broken_entry(&mut conn).unwrap(), None);
        diesel::sql_query("UPDATE audit_log SET details_json = '{\"ip\":\"10.0.0.1\"}' WHERE id = (SELECT MIN(id) FROM audit_log)")
            .execute(&mut conn)
            .unwrap();
        assert!(audit::first_broken_entry(&mut conn).unwrap().is_some(), "an edited entry is detected");
    }
}

on_both_backends! {
    async fn housekeeping_deletes_attempts_older_than_a_day_and_keeps_recent_ones(app) {
        use server::db::models::rate_limit;
        let mut conn = app.db();
        let now = chrono::Utc::now().naive_utc();
        rate_limit::record(&mut conn, "find_ip", "10.0.0.1", now - chrono::Duration::hours(25)).unwrap();
        rate_limit::record(&mut conn, "find_ip", "10.0.0.1", now - chrono::Duration::hours(1)).unwrap();
        let removed = server::housekeeping::run_once(&mut conn, now).unwrap();
        assert_eq!(removed, 1);
        let left = rate_limit::count_since(&mut conn, "find_ip", "10.0.0.1", now - chrono::Duration::days(30)).unwrap();
        assert_eq!(left, 1, "the recent attempt still counts towards the limit");
    }
}
