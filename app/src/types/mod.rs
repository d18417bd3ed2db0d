//! Data transfer objects shared by the server and the WebAssembly client.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a staff member may do; reviewers and supervisors belong to one agency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Reviewer,
    Supervisor,
    Ombudsman,
    Admin,
}

impl Role {
    /// Every role, in order of reach.
    pub const ALL: [Role; 4] = [
        Role::Reviewer,
        Role::Supervisor,
        Role::Ombudsman,
        Role::Admin,
    ];

    /// The stored and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reviewer => "reviewer",
            Role::Supervisor => "supervisor",
            Role::Ombudsman => "ombudsman",
            Role::Admin => "admin",
        }
    }

    /// Parses the stored name.
    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == value)
    }

    /// Whether the role belongs to exactly one agency (and sees only its data).
    pub fn is_agency_staff(self) -> bool {
        matches!(self, Role::Reviewer | Role::Supervisor)
    }
}

/// One field's problem on a submitted form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: FormError,
}

/// What a form post hands to the page it redirects to: the values typed (never passwords),
/// the errors, or a notice after success.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    pub form: String,
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    #[serde(default)]
    pub errors: Vec<FieldError>,
    #[serde(default)]
    pub notice: Option<Notice>,
}

impl Flash {
    /// The errors of this form, if the flash belongs to it.
    pub fn errors_for(&self, form: &str) -> Vec<FieldError> {
        if self.form == form {
            self.errors.clone()
        } else {
            Vec::new()
        }
    }

    /// A typed value of this form, if the flash belongs to it.
    pub fn value(&self, form: &str, field: &str) -> String {
        if self.form == form {
            self.values.get(field).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    }
}

/// The signed-in staff member, as pages show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffIdentity {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub agency_slug: Option<String>,
}

/// A register entry as listed on staff pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemSummary {
    pub slug: String,
    pub name: LocalizedText,
    pub risk_level: RiskLevel,
    pub status: SystemStatus,
    pub version: i32,
}

/// Contact details an agency shows to citizens.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyContact {
    pub email: String,
    pub phone: String,
    #[serde(default)]
    pub website: Option<String>,
    pub address: LocalizedText,
    #[serde(default)]
    pub hours: LocalizedText,
}

/// An agency with its AI systems.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyOverview {
    pub slug: String,
    pub name: LocalizedText,
    pub contact: AgencyContact,
    pub systems: Vec<SystemSummary>,
}

/// The signed-in person's home: who they are and the agencies they may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffHome {
    pub identity: StaffIdentity,
    pub agencies: Vec<AgencyOverview>,
}

mod appeal;
mod appeal_vocab;
mod citizen;
pub mod examples;
mod explanation;
mod mail;
mod messages;
mod operator;
mod quality;
pub mod reasons;
mod register;
mod register_content;
mod stats;
mod text;
mod two_factor;
pub mod vocab;
pub use appeal::*;
pub use appeal_vocab::{AppealState, CloseReason, EventKind, FindingKind, GroundKind, OutcomeKind};
pub use citizen::*;
pub use explanation::*;
pub use mail::{DigestLine, MailFacts, MailWords, MessageKind};
pub use messages::{FormError, Notice};
pub use operator::OperatorDetails;
pub use quality::*;
pub use register::*;
pub use register_content::*;
pub use stats::*;
pub use text::LocalizedText;
pub use two_factor::{
    StaffAccountRow, StaffAccounts, TwoFactorSetup, TwoFactorState, TwoFactorView,
};
pub use vocab::{ExplanationMethod, FlagStatus, HumanInvolvement, RiskLevel, SystemStatus};
