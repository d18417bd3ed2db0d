//! Email notifications as the server and the pages share them: which message, and the facts
//! its words are filled from (docs/notifications.md). The words themselves are in
//! `i18n::mail`, so a message reads the same in the three languages as the pages do.

use super::{FindingKind, OutcomeKind};
use serde::{Deserialize, Serialize};

crate::vocabulary! {
    /// Every message the portal sends; stored by its wire name in `outbox.kind`.
    MessageKind {
        /// To the citizen's confirmed address: the challenge was filed.
        ChallengeReceived = "challenge_received",
        /// To the citizen: the state body took the challenge up.
        Acknowledged = "acknowledged",
        /// To the citizen: the state body asks a question; the clock waits for the answer.
        InformationRequested = "information_requested",
        /// To the citizen: the decide deadline moved, with the reason.
        DeadlineExtended = "deadline_extended",
        /// To the citizen: the outcome, its reasoning, and until when to escalate.
        OutcomeDecided = "outcome_decided",
        /// To the citizen: the appeal went to the ombudsman.
        Escalated = "escalated",
        /// To the citizen: the ombudsman's finding.
        OmbudsmanFinding = "ombudsman_finding",
        /// To the citizen: the state body decides again after the ombudsman's recommendation.
        AppealReopened = "appeal_reopened",
        /// To a reviewer or supervisor: an appeal was given to them.
        AssignedToYou = "assigned_to_you",
        /// To the agency's supervisors: a proposed outcome waits for approval.
        ApprovalNeeded = "approval_needed",
        /// To a reviewer or supervisor: the appeals whose deadline is two working days away
        /// or less, once a day.
        DeadlineDigest = "deadline_digest",
        /// To the ombudsmen: a citizen escalated an appeal.
        NewEscalation = "new_escalation",
        /// To anyone who asked: a single-use sign-in link.
        SignInLink = "sign_in_link",
        /// To an address given on a challenge and not confirmed yet: the challenge was filed,
        /// and a single-use link confirming the address, before any other message goes to it.
        ConfirmAddress = "confirm_address",
    }
}

impl MessageKind {
    /// Whether the message carries a single-use link, which the outbox blanks once sent.
    pub fn carries_secret(self) -> bool {
        matches!(self, MessageKind::SignInLink | MessageKind::ConfirmAddress)
    }
}

/// One appeal in a staff member's daily deadline digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestLine {
    pub reference: String,
    /// The deadline, as `YYYY-MM-DD`.
    pub due: String,
    /// Whether the deadline has already passed.
    pub overdue: bool,
}

/// What a message's words are filled from. Fields a kind does not use stay empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailFacts {
    /// The appeal's reference (empty for sign-in links).
    pub reference: String,
    /// The challenged decision's reference.
    pub decision_reference: String,
    /// The state body's name in the recipient's language.
    pub agency: String,
    /// The link the message leads to (absolute).
    pub link: String,
    /// The date that matters to this message, as `YYYY-MM-DD`: the new or current decide
    /// deadline, or the end of the escalation window.
    pub date: Option<String>,
    /// Words a person wrote for the recipient: the question, the reason for an extension,
    /// the outcome's reasoning, the ombudsman's reasoning.
    pub text: Option<String>,
    pub outcome: Option<OutcomeKind>,
    pub finding: Option<FindingKind>,
    /// Minutes a single-use link stays valid.
    pub valid_minutes: Option<i64>,
    /// The digest's appeals.
    pub digest: Vec<DigestLine>,
}

/// A message's words in one language, before the server lays them out as text and HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailWords {
    pub subject: String,
    /// Paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// A person's own words, quoted as they wrote them.
    pub quote: Option<String>,
    /// Lines of a list (the digest's appeals).
    pub list: Vec<String>,
    /// The label of the link's button.
    pub action: String,
    /// Why the recipient gets this message, and that replies are not read.
    pub footer: String,
}
