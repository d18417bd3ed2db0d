//! What the two-factor pages show: a staff member's own authenticator, and the admin's list of
//! staff accounts with theirs.

use super::Role;
use serde::{Deserialize, Serialize};

/// Where a staff member's two-factor sign-in stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TwoFactorState {
    /// No authenticator.
    Off,
    /// An authenticator was set up but its first code not typed yet.
    Pending,
    /// Codes are asked for at every sign-in.
    On,
}

/// The authenticator to add to an app: shown while the enrolment waits for its first code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorSetup {
    /// The QR code, an SVG document the server drew (no script, no external reference).
    pub qr_svg: String,
    /// The same secret for typing into the app, in groups of four.
    pub secret: String,
    /// The account name the app will show.
    pub account: String,
}

/// The two-factor page of one staff member.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorView {
    pub state: TwoFactorState,
    /// Whether the role must use it (then it cannot be turned off).
    pub required: bool,
    /// While [`TwoFactorState::Pending`]: what to add to the app.
    pub setup: Option<TwoFactorSetup>,
    /// Recovery codes just issued and not yet written down; shown until the staff member says
    /// they are kept (or confirms the enrolment).
    pub new_recovery_codes: Vec<String>,
    /// Unused recovery codes.
    pub recovery_codes_left: i64,
    /// Whether this is the enrolment a sign-in is waiting on (nobody signed in yet).
    pub during_sign_in: bool,
}

/// One staff account on the admin's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccountRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub agency_slug: Option<String>,
    pub active: bool,
    pub two_factor: TwoFactorState,
    /// Whether the role must use two-factor sign-in.
    pub two_factor_required: bool,
}

/// The admin's list of staff accounts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccounts {
    pub accounts: Vec<StaffAccountRow>,
}
