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

    async fn the_audit_log_refuses_edits_and_its_signed_checkpoints_catch_a_database_owner(app) {
        use server::db::models::audit_checkpoint::{self, CheckpointProblem};
        app.create_agency("benefits");
        app.create_user("r@benefits.test", "reviewer", Some("benefits"), "a long enough password");
        for _ in 0..3 {
            app.sign_in("r@benefits.test", "a long enough password").await;
        }
        let mut conn = app.db();
        assert_eq!(audit::first_broken_entry(&mut conn).unwrap(), None);
        // The application's connection cannot change or remove an entry.
        let edit = "UPDATE audit_log SET details_json = '{\"ip\":\"10.0.0.1\"}' WHERE id = (SELECT MIN(id) FROM audit_log)";
        assert!(diesel::sql_query(edit).execute(&mut conn).is_err(), "entries cannot be edited");
        assert!(diesel::sql_query("DELETE FROM audit_log").execute(&mut conn).is_err(), "entries cannot be removed");

        let now = chrono::Utc::now().naive_utc();
        let signed = audit_checkpoint::write(&mut conn, &app.keys, now, false).unwrap().unwrap();
        assert_eq!(audit_checkpoint::write(&mut conn, &app.keys, now, false).unwrap(), None, "nothing new to sign");
        assert_eq!(audit_checkpoint::check(&mut conn, &app.keys, &signed).unwrap(), None);
        let forged = audit_checkpoint::Checkpoint { signature: "00".repeat(32), ..signed.clone() };
        assert_eq!(audit_checkpoint::check(&mut conn, &app.keys, &forged).unwrap(), Some(CheckpointProblem::BadSignature));
        let exported = audit_checkpoint::parse_line(&audit_checkpoint::export_line(&signed)).unwrap();
        assert_eq!(audit_checkpoint::check(&mut conn, &app.keys, &exported).unwrap(), None, "the exported line holds");

        // Someone with the database owner's rights lifts the protection.
        let lift = match app.backend {
            tests::Backend::Postgres => vec!["ALTER TABLE audit_log DISABLE TRIGGER USER"],
            tests::Backend::Sqlite => vec!["DROP TRIGGER audit_log_no_update", "DROP TRIGGER audit_log_no_delete"],
        };
        for statement in lift {
            diesel::sql_query(statement).execute(&mut conn).unwrap();
        }
        // An edit in the middle breaks the chain.
        diesel::sql_query(edit).execute(&mut conn).unwrap();
        assert!(audit::first_broken_entry(&mut conn).unwrap().is_some(), "an edited entry is detected");
        // Rewriting every entry and computing every hash again, without the audit key, mends
        // neither the chain (its entries are keyed) nor the checkpoint.
        let entries: Vec<audit::AuditEntry> = server::db::schema::audit_log::table
            .select(audit::AuditEntry::as_select())
            .order(server::db::schema::audit_log::id.asc())
            .load(&mut conn)
            .unwrap();
        let mut prev = audit::GENESIS.to_string();
        for mut entry in entries {
            entry.prev_hash = prev.clone();
            entry.hash = audit::entry_hash(&entry);
            diesel::update(server::db::schema::audit_log::table.find(entry.id))
                .set((
                    server::db::schema::audit_log::prev_hash.eq(&entry.prev_hash),
                    server::db::schema::audit_log::hash.eq(&entry.hash),
                ))
                .execute(&mut conn)
                .unwrap();
            prev = entry.hash;
        }
        assert!(audit::first_broken_entry(&mut conn).unwrap().is_some(), "a chain rehashed without the key does not verify");
        assert_eq!(audit_checkpoint::check(&mut conn, &app.keys, &signed).unwrap(), Some(CheckpointProblem::HashDiffers));
        // Removing the newest entries loses the one the checkpoint signs.
        diesel::sql_query("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)").execute(&mut conn).unwrap();
        assert_eq!(audit_checkpoint::check(&mut conn, &app.keys, &signed).unwrap(), Some(CheckpointProblem::EntryMissing));
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
