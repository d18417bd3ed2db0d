//! Deadlines on an agency's calendar (docs/deadlines.md): the preloaded holidays, the dated
//! exceptions an admin sets and clears (audited), on both backends.

use chrono::NaiveDate;
use server::db::models::audit::Actor;
use server::domain::calendar::ExceptionKind;
use server::services::{calendar, ServiceError};
use tests::on_both_backends;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

on_both_backends! {
    async fn an_exception_moves_the_due_date_and_clearing_it_moves_it_back(app) {
        app.create_agency("benefits");
        let mut conn = app.db();
        let due = |conn: &mut _| calendar::deadline(conn, "benefits", date("2026-03-03"), 15).unwrap().due;
        // 8 March 2026 is a Sunday (moved to the 9th); Nauryz 21-23 March starts on a Saturday
        // (two days moved to the 24th and 25th).
        assert_eq!(due(&mut conn), date("2026-03-30"));

        let now = chrono::Utc::now().naive_utc();
        calendar::put_exception(&mut conn, Actor::operator("test"), "benefits", date("2026-03-27"), ExceptionKind::DayOff, "Government decree", now).unwrap();
        assert_eq!(due(&mut conn), date("2026-03-31"), "an extra day off pushes the due date by a working day");
        let days_off = calendar::deadline(&mut conn, "benefits", date("2026-03-03"), 15).unwrap().skipped;
        assert!(days_off.iter().any(|d| d.date == date("2026-03-27")), "the exception is among the skipped days");

        // Replacing the exception on the same day: a Saturday worked instead.
        calendar::put_exception(&mut conn, Actor::operator("test"), "benefits", date("2026-03-27"), ExceptionKind::WorkingDay, "Decree corrected", now).unwrap();
        calendar::put_exception(&mut conn, Actor::operator("test"), "benefits", date("2026-03-28"), ExceptionKind::WorkingDay, "Saturday worked", now).unwrap();
        assert_eq!(due(&mut conn), date("2026-03-28"));

        calendar::remove_exception(&mut conn, Actor::operator("test"), "benefits", date("2026-03-28"), now).unwrap();
        calendar::remove_exception(&mut conn, Actor::operator("test"), "benefits", date("2026-03-27"), now).unwrap();
        assert_eq!(due(&mut conn), date("2026-03-30"));
        assert!(matches!(
            calendar::remove_exception(&mut conn, Actor::operator("test"), "benefits", date("2026-03-27"), now),
            Err(ServiceError::NotFound)
        ));

        use diesel::prelude::*;
        use server::db::schema::audit_log;
        let actions: Vec<String> = audit_log::table
            .filter(audit_log::subject_id.eq("benefits"))
            .order(audit_log::id.asc())
            .select(audit_log::action)
            .load(&mut conn)
            .unwrap();
        assert_eq!(actions, [
            "calendar.exception_set", "calendar.exception_set", "calendar.exception_set",
            "calendar.exception_removed", "calendar.exception_removed",
        ]);
    }

    async fn exceptions_need_a_note_and_a_known_agency(app) {
        app.create_agency("benefits");
        let mut conn = app.db();
        let now = chrono::Utc::now().naive_utc();
        let refused = calendar::put_exception(&mut conn, Actor::operator("test"), "benefits", date("2026-05-04"), ExceptionKind::DayOff, "  ", now).unwrap_err();
        let ServiceError::Invalid(problems) = refused else { panic!("expected Invalid, got {refused:?}") };
        assert_eq!(problems[0].field, "note");
        assert!(matches!(
            calendar::put_exception(&mut conn, Actor::operator("test"), "elsewhere", date("2026-05-04"), ExceptionKind::DayOff, "x", now),
            Err(ServiceError::NotFound)
        ));
        assert!(matches!(calendar::deadline(&mut conn, "elsewhere", date("2026-05-04"), 3), Err(ServiceError::NotFound)));
        assert_eq!(calendar::deadline(&mut conn, "benefits", date("2026-05-04"), 3).unwrap().due, date("2026-05-08"), "7 May is a holiday");
    }
}
