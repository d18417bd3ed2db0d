//! Who asks for a step. The caller proves the identity (the citizen's access to this appeal,
//! the staff member's sign-in); the workflow decides what that identity may do.

use serde::{Deserialize, Serialize};

/// A staff member's role. Reviewers and supervisors belong to one agency; admins run the
/// portal and take no part in appeals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    Reviewer,
    Supervisor,
    Admin,
}

wire_names!(StaffRole {
    Reviewer => "reviewer",
    Supervisor => "supervisor",
    Admin => "admin",
});

/// The one asking for a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    /// The appellant of this appeal, as proven by the caller.
    Citizen,
    /// A staff member of the agency `agency_id`.
    Staff {
        user_id: i64,
        agency_id: i64,
        role: StaffRole,
    },
    /// An ombudsman; ombudsmen belong to no agency.
    Ombudsman { user_id: i64 },
    /// The portal itself, closing appeals whose escalation window has passed.
    System,
}

impl Actor {
    /// The acting person's account, for staff and ombudsmen.
    pub fn user_id(&self) -> Option<i64> {
        match self {
            Actor::Staff { user_id, .. } | Actor::Ombudsman { user_id } => Some(*user_id),
            Actor::Citizen | Actor::System => None,
        }
    }
}
