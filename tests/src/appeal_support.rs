//! What the appeal and notification tests share: staff principals, the workflow's actors, and
//! an appeal's version as a page would have shown it.

use crate::TestApp;
use app::port::StaffPrincipal;
use app::types::{Role, StaffIdentity};
use diesel::prelude::*;
use server::db::models::audit::Actor as AuditActor;
use server::db::schema::{appeals, users};
use server::domain::appeal::Actor;
use server::services::appeals::steps::StepActor;

/// The password of the staff accounts these helpers create.
pub const STAFF_PASSWORD: &str = "a-long-enough-password-2026";

/// Creates an account (of `agency`, if given) and returns it as a signed-in principal.
pub fn staff(app: &TestApp, email: &str, role: Role, agency: Option<&str>) -> StaffPrincipal {
    app.create_user(email, role.as_str(), agency, STAFF_PASSWORD);
    let (user_id, agency_id): (i64, Option<i64>) = users::table
        .filter(users::email.eq(email))
        .select((users::id, users::agency_id))
        .first(&mut app.db())
        .expect("the account just created");
    StaffPrincipal {
        user_id,
        session_id: "test".into(),
        role,
        agency_id,
        identity: StaffIdentity {
            email: email.into(),
            display_name: email.into(),
            role,
            agency_slug: agency.map(str::to_string),
        },
    }
}

/// The workflow actor of a staff principal.
pub fn actor_of(principal: &StaffPrincipal) -> StepActor {
    StepActor {
        actor: server::services::appeals::reading::staff_actor(principal)
            .expect("a reviewer, supervisor or ombudsman"),
        audit: AuditActor::principal(principal),
        decision_access: None,
    }
}

/// The citizen who opened `decision` with its access code.
pub fn citizen_of(decision: &str) -> StepActor {
    StepActor {
        actor: Actor::Citizen,
        audit: AuditActor::citizen(),
        decision_access: Some(decision.into()),
    }
}

/// The appeal's current version (what a freshly loaded page shows).
pub fn version(app: &TestApp, reference: &str) -> i32 {
    appeals::table
        .filter(appeals::reference.eq(reference))
        .select(appeals::version)
        .first(&mut app.db())
        .expect("the appeal exists")
}
