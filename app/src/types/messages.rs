//! What a form post tells the page it redirects to, as closed sets: each variant has its words
//! in every language (`crate::i18n::labels`), so no page can meet a message it cannot say.
//! The wire names are the translation keys the flash cookie carried before, so it stays readable.

use serde::{Deserialize, Serialize};

/// One field's problem on a submitted form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FormError {
    #[serde(rename = "error_access_code_format")]
    AccessCodeFormat,
    #[serde(rename = "error_access_code_required")]
    AccessCodeRequired,
    /// Someone else changed the appeal after the page was shown.
    #[serde(rename = "error_appeal_changed")]
    AppealChanged,
    /// Another reviewer claimed the appeal first.
    #[serde(rename = "error_appeal_claimed")]
    AppealClaimed,
    #[serde(rename = "error_appeal_correction_required")]
    AppealCorrectionRequired,
    #[serde(rename = "error_appeal_corrected_outcome")]
    AppealCorrectedOutcome,
    #[serde(rename = "error_appeal_escalation_closed")]
    AppealEscalationClosed,
    #[serde(rename = "error_appeal_extension")]
    AppealExtension,
    #[serde(rename = "error_appeal_factor_required")]
    AppealFactorRequired,
    #[serde(rename = "error_appeal_grounds_required")]
    AppealGroundsRequired,
    #[serde(rename = "error_appeal_needs_approval")]
    AppealNeedsApproval,
    #[serde(rename = "error_appeal_not_assignee")]
    AppealNotAssignee,
    #[serde(rename = "error_appeal_original_reviewer")]
    AppealOriginalReviewer,
    #[serde(rename = "error_appeal_proposer")]
    AppealProposer,
    #[serde(rename = "error_appeal_step_refused")]
    AppealStepRefused,
    #[serde(rename = "error_appeal_window_closed")]
    AppealWindowClosed,
    /// A one-time code field left empty.
    #[serde(rename = "error_code_required")]
    CodeRequired,
    /// A one-time code (or recovery code) that is not right, or was used already.
    #[serde(rename = "error_code_wrong")]
    CodeWrong,
    /// Too many wrong one-time codes lately.
    #[serde(rename = "error_code_rate_limited")]
    CodeRateLimited,
    #[serde(rename = "error_credentials_invalid")]
    CredentialsInvalid,
    /// The form's anti-forgery token had expired or did not match.
    #[serde(rename = "error_csrf")]
    Csrf,
    #[serde(rename = "error_current_password_wrong")]
    CurrentPasswordWrong,
    #[serde(rename = "error_email_invalid")]
    EmailInvalid,
    #[serde(rename = "error_email_required")]
    EmailRequired,
    #[serde(rename = "error_evidence_too_large")]
    EvidenceTooLarge,
    #[serde(rename = "error_evidence_too_many")]
    EvidenceTooMany,
    #[serde(rename = "error_evidence_type")]
    EvidenceType,
    #[serde(rename = "error_field_date")]
    FieldDate,
    #[serde(rename = "error_field_invalid")]
    FieldInvalid,
    #[serde(rename = "error_field_one_language")]
    FieldOneLanguage,
    #[serde(rename = "error_field_required")]
    FieldRequired,
    #[serde(rename = "error_field_too_long")]
    FieldTooLong,
    #[serde(rename = "error_field_too_short")]
    FieldTooShort,
    /// A name or note with no letter at all (digits or punctuation only).
    #[serde(rename = "error_field_no_letter")]
    FieldNoLetter,
    /// Emoji or pictographs where a name is expected.
    #[serde(rename = "error_field_pictographs")]
    FieldPictographs,
    /// Control characters, or invisible format characters such as direction overrides.
    #[serde(rename = "error_field_invisible_characters")]
    FieldInvisibleCharacters,
    #[serde(rename = "error_field_url")]
    FieldUrl,
    #[serde(rename = "error_find_mismatch")]
    FindMismatch,
    #[serde(rename = "error_find_rate_limited")]
    FindRateLimited,
    #[serde(rename = "error_flag_message_required")]
    FlagMessageRequired,
    #[serde(rename = "error_flag_message_too_long")]
    FlagMessageTooLong,
    #[serde(rename = "error_flag_rate_limited")]
    FlagRateLimited,
    /// The role must use two-factor sign-in, so it cannot be turned off.
    #[serde(rename = "error_two_factor_required")]
    TwoFactorRequired,
    #[serde(rename = "error_password_mismatch")]
    PasswordMismatch,
    #[serde(rename = "error_password_required")]
    PasswordRequired,
    #[serde(rename = "error_password_same")]
    PasswordSame,
    #[serde(rename = "error_password_too_long")]
    PasswordTooLong,
    #[serde(rename = "error_password_too_short")]
    PasswordTooShort,
    /// One of the 10,000 most common passwords.
    #[serde(rename = "error_password_common")]
    PasswordCommon,
    /// Long enough but easy to guess (a strength estimate below "good").
    #[serde(rename = "error_password_weak")]
    PasswordWeak,
    /// Too many wrong current passwords lately.
    #[serde(rename = "error_password_attempts")]
    PasswordAttempts,
    /// Too many failed sign-ins.
    #[serde(rename = "error_rate_limited")]
    RateLimited,
    /// A single-use email link that expired, was used already, or was never issued.
    #[serde(rename = "error_link_invalid")]
    LinkInvalid,
    #[serde(rename = "error_reference_format")]
    ReferenceFormat,
    #[serde(rename = "error_reference_required")]
    ReferenceRequired,
}

/// A notice shown once after a form post or a redirect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Notice {
    #[serde(rename = "notice_address_confirmed")]
    AddressConfirmed,
    #[serde(rename = "notice_appeal_claimed")]
    AppealClaimed,
    #[serde(rename = "notice_appeal_filed")]
    AppealFiled,
    #[serde(rename = "notice_appeal_step_done")]
    AppealStepDone,
    #[serde(rename = "notice_calendar_saved")]
    CalendarSaved,
    #[serde(rename = "notice_decision_closed")]
    DecisionClosed,
    #[serde(rename = "notice_entry_saved")]
    EntrySaved,
    /// A change to a register entry waits as a draft for a supervisor to publish it.
    /// The editor's form said what is published already.
    #[serde(rename = "notice_entry_unchanged")]
    EntryUnchanged,
    #[serde(rename = "notice_draft_saved")]
    DraftSaved,
    #[serde(rename = "notice_draft_published")]
    DraftPublished,
    #[serde(rename = "notice_draft_discarded")]
    DraftDiscarded,
    #[serde(rename = "notice_flag_stored")]
    FlagStored,
    /// A supervisor moved an error report on, with or without a reply.
    #[serde(rename = "notice_flag_updated")]
    FlagUpdated,
    #[serde(rename = "notice_message_requeued")]
    MessageRequeued,
    #[serde(rename = "notice_password_changed")]
    PasswordChanged,
    /// An ombudsman opened a systemic review note from the statistics dashboard.
    #[serde(rename = "notice_review_opened")]
    ReviewOpened,
    /// A recovery code was spent signing in.
    #[serde(rename = "notice_recovery_code_used")]
    RecoveryCodeUsed,
    #[serde(rename = "notice_recovery_codes_replaced")]
    RecoveryCodesReplaced,
    #[serde(rename = "notice_session_expired")]
    SessionExpired,
    /// The step between password and code lapsed (ten minutes, or the account changed).
    #[serde(rename = "notice_signin_step_expired")]
    SignInStepExpired,
    #[serde(rename = "notice_two_factor_off")]
    TwoFactorOff,
    #[serde(rename = "notice_two_factor_on")]
    TwoFactorOn,
    /// An admin removed a staff member's authenticator.
    #[serde(rename = "notice_two_factor_reset")]
    TwoFactorReset,
    #[serde(rename = "notice_signed_out")]
    SignedOut,
    /// The sign-in page answers this whether or not the address is known.
    #[serde(rename = "notice_signin_link_sent")]
    SignInLinkSent,
    /// A form without a page of its own (sign-out) had an expired anti-forgery token.
    #[serde(rename = "error_csrf")]
    FormExpired,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_are_the_keys_old_flash_cookies_carry() {
        assert_eq!(
            serde_json::to_string(&FormError::Csrf).unwrap(),
            "\"error_csrf\""
        );
        assert_eq!(
            serde_json::from_str::<Notice>("\"notice_signed_out\"").unwrap(),
            Notice::SignedOut
        );
        assert_eq!(
            serde_json::from_str::<Notice>("\"error_csrf\"").unwrap(),
            Notice::FormExpired
        );
    }
}
