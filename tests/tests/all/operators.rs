//! The operator's commands (`redress create-agency`, `create-user`, `create-client`): each
//! refusal names the flag and the rule broken, on both backends.

use tests::on_both_backends;

const PASSWORD: &str = "a long enough password";

on_both_backends! {
    async fn create_user_names_every_broken_rule(app) {
        app.create_agency("benefits");
        let mut conn = app.db();
        let create = |conn: &mut _, email, role, agency, password| {
            server::cli::create_user::create(conn, email, role, agency, None, password)
                .unwrap_err()
                .to_string()
        };
        let refused = create(&mut conn, "not an address", "clerk", None, "short");
        assert!(refused.contains("--email must be an email address"), "{refused}");
        assert!(refused.contains("--role must be one of reviewer, supervisor, ombudsman, admin"), "{refused}");
        assert!(refused.contains("the password must be at least 12 characters"), "{refused}");
        let refused = create(&mut conn, "r@benefits.test", "reviewer", None, PASSWORD);
        assert_eq!(refused, "--agency is required for a reviewer");
        let refused = create(&mut conn, "o@office.test", "ombudsman", Some("benefits"), PASSWORD);
        assert_eq!(refused, "--agency is refused for an ombudsman: they see every agency");
        let refused = create(&mut conn, "r@benefits.test", "reviewer", Some("elsewhere"), PASSWORD);
        assert_eq!(refused, "--agency elsewhere is not an agency");
        let created = server::cli::create_user::create(&mut conn, " R@Benefits.test ", "reviewer", Some("benefits"), None, PASSWORD).unwrap();
        assert_eq!((created.email.as_str(), created.display_name.as_str()), ("r@benefits.test", "r@benefits.test"));
        let refused = create(&mut conn, "r@benefits.test", "supervisor", Some("benefits"), PASSWORD);
        assert_eq!(refused, "an account for r@benefits.test already exists");
        drop(conn);
        let response = app.sign_in("r@benefits.test", PASSWORD).await;
        assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER, "the created account signs in");
    }

    async fn create_agency_and_create_client_refuse_what_cannot_work(app) {
        let mut conn = app.db();
        let now = chrono::Utc::now();
        let refusal = |error| server::cli::refusal(error).to_string();
        let refused = server::services::agencies::create(&mut conn, "Revenue Office", " ", now).unwrap_err();
        let refused = refusal(refused);
        assert!(refused.contains("--slug must be 2 to 64 lower-case letters, digits and single dashes"), "{refused}");
        assert!(refused.contains("--name must not be empty"), "{refused}");
        server::services::agencies::create(&mut conn, "revenue", "Revenue Office", now).unwrap();
        let again = refusal(server::services::agencies::create(&mut conn, "revenue", "Other", now).unwrap_err());
        assert_eq!(again, "an agency with slug revenue already exists");
        let create_client = |conn: &mut _, agency, scopes| {
            server::cli::api_clients::create(conn, &app.keys, agency, scopes).map(|c| c.client_id)
        };
        let refused = create_client(&mut conn, "revenue", "decisions:write,everything").unwrap_err().to_string();
        assert!(refused.starts_with("--scopes everything is not a scope"), "{refused}");
        let refused = create_client(&mut conn, "nowhere", " , ").unwrap_err().to_string();
        assert!(refused.contains("--agency nowhere is not an agency") && refused.contains("--scopes must name at least one of"), "{refused}");
        let client_id = create_client(&mut conn, "revenue", "decisions:write").unwrap();
        assert!(client_id.starts_with("rc_"));
    }
}

on_both_backends! {
    async fn an_operator_exports_a_checkpoint_and_audit_verify_checks_it(app) {
        use std::process::Command;
        app.create_agency("benefits");
        app.create_user("r@benefits.test", "reviewer", Some("benefits"), "a long enough password");
        app.sign_in("r@benefits.test", "a long enough password").await;
        let run = |args: &[&str]| {
            let output = Command::new(tests::mail::redress_binary())
                .args(args)
                .env("DATABASE_URL", &app.settings.database_url)
                .env("REDRESS__DATA_DIR", &app.settings.data_dir)
                .env("REDRESS__SECRETS__SIGNING_KEY", app.settings.secrets.signing_key.clone().unwrap())
                .env("REDRESS_LOG", "warn")
                .output()
                .unwrap();
            (output.status.success(), String::from_utf8_lossy(&output.stdout).trim().to_string(), String::from_utf8_lossy(&output.stderr).to_string())
        };
        let (ok, line, errors) = run(&["audit-checkpoint"]);
        assert!(ok, "{errors}");
        assert!(line.starts_with("redress-audit-checkpoint v1 entry="), "{line}");
        let (ok, said, errors) = run(&["audit-verify", "--checkpoint", &line]);
        assert!(ok, "{errors}");
        assert!(said.contains("chain is unbroken") && said.contains("checkpoint(s) hold"), "{said}");
        let forged = line.replace("entries=", "entries=9");
        let (ok, _, refused) = run(&["audit-verify", "--checkpoint", &forged]);
        assert!(!ok && refused.contains("not signed with this deployment's key"), "{refused}");
        let other_key = Command::new(tests::mail::redress_binary())
            .args(["audit-verify"])
            .env("DATABASE_URL", &app.settings.database_url)
            .env("REDRESS__DATA_DIR", &app.settings.data_dir)
            .env("REDRESS__SECRETS__SIGNING_KEY", "another deployment's signing key, 32 characters or more")
            .output()
            .unwrap();
        assert!(!other_key.status.success(), "checkpoints signed with another key do not hold");
    }
}
