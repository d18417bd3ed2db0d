//! The words for each value of the closed sets a page shows: one `match` per set, so a new
//! variant without words is a compile error, and every key is checked by the catalogue.

use super::Locale;
use crate::tr;
use crate::types::{
    ExplanationMethod, FormError, HumanInvolvement, Notice, RiskLevel, Role, SystemStatus,
};

/// "High", "Высокий", "Жоғары".
pub fn risk_level(locale: Locale, level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::Minimal => tr!(locale, risk_minimal),
        RiskLevel::Medium => tr!(locale, risk_medium),
        RiskLevel::High => tr!(locale, risk_high),
    }
}

/// Where an error report on a register entry stands.
pub fn flag_status(locale: Locale, status: crate::types::FlagStatus) -> &'static str {
    use crate::types::FlagStatus;
    match status {
        FlagStatus::Open => tr!(locale, flag_status_open),
        FlagStatus::Acknowledged => tr!(locale, flag_status_acknowledged),
        FlagStatus::Answered => tr!(locale, flag_status_answered),
        FlagStatus::Resolved => tr!(locale, flag_status_resolved),
    }
}

/// A register entry's field, as the entry page and the review of a draft name it.
pub fn entry_field(locale: Locale, field: crate::types::EntryField) -> &'static str {
    use crate::types::EntryField;
    match field {
        EntryField::Name => tr!(locale, entry_field_name),
        EntryField::Description => tr!(locale, entry_field_description),
        EntryField::Purpose => tr!(locale, register_purpose),
        EntryField::LegalBasis => tr!(locale, explanation_legal_basis),
        EntryField::RiskLevel => tr!(locale, risk_level),
        EntryField::HumanFinalDecision => tr!(locale, register_human_final),
        EntryField::HumanOversight => tr!(locale, register_oversight),
        EntryField::DataCategories => tr!(locale, register_data_categories),
        EntryField::ModelType => tr!(locale, register_model_type),
        EntryField::ExplanationMethod => tr!(locale, register_explanation_method),
        EntryField::Supplier => tr!(locale, register_supplier),
        EntryField::ImpactAssessment => tr!(locale, register_impact_assessment),
        EntryField::BiasAudit => tr!(locale, register_bias_audit),
        EntryField::Status => tr!(locale, system_status),
        EntryField::ContactEmail => tr!(locale, register_contact),
    }
}

/// Whether a system is in use.
pub fn system_status(locale: Locale, status: SystemStatus) -> &'static str {
    match status {
        SystemStatus::Active => tr!(locale, status_active),
        SystemStatus::Suspended => tr!(locale, status_suspended),
        SystemStatus::Retired => tr!(locale, status_retired),
    }
}

/// The sentence saying how a person took part in a decision.
pub fn human_involvement(locale: Locale, involvement: HumanInvolvement) -> &'static str {
    match involvement {
        HumanInvolvement::None => tr!(locale, human_none),
        HumanInvolvement::Reviewed => tr!(locale, human_reviewed),
        HumanInvolvement::HumanFinal => tr!(locale, human_human_final),
    }
}

/// How a system's explanations are produced.
pub fn explanation_method(locale: Locale, method: ExplanationMethod) -> &'static str {
    match method {
        ExplanationMethod::Shap => tr!(locale, method_shap),
        ExplanationMethod::Lime => tr!(locale, method_lime),
        ExplanationMethod::Rules => tr!(locale, method_rules),
        ExplanationMethod::Counterfactual => tr!(locale, method_counterfactual),
        ExplanationMethod::Other => tr!(locale, method_other),
    }
}

/// A staff member's role, as the welcome line names it.
pub fn role(locale: Locale, role: Role) -> &'static str {
    match role {
        Role::Reviewer => tr!(locale, role_reviewer),
        Role::Supervisor => tr!(locale, role_supervisor),
        Role::Ombudsman => tr!(locale, role_ombudsman),
        Role::Admin => tr!(locale, role_admin),
    }
}

/// What went wrong with a form field, and how to put it right.
pub fn form_error(locale: Locale, error: FormError) -> &'static str {
    match error {
        FormError::AccessCodeFormat => tr!(locale, error_access_code_format),
        FormError::CodeRequired => tr!(locale, error_code_required),
        FormError::CodeWrong => tr!(locale, error_code_wrong),
        FormError::CodeRateLimited => tr!(locale, error_code_rate_limited),
        FormError::TwoFactorRequired => tr!(locale, error_two_factor_required),
        FormError::LinkInvalid => tr!(locale, error_link_invalid),
        FormError::AppealChanged => tr!(locale, error_appeal_changed),
        FormError::AppealClaimed => tr!(locale, error_appeal_claimed),
        FormError::AppealCorrectionRequired => tr!(locale, error_appeal_correction_required),
        FormError::AppealCorrectedOutcome => tr!(locale, error_appeal_corrected_outcome),
        FormError::AppealEscalationClosed => tr!(locale, error_appeal_escalation_closed),
        FormError::AppealExtension => tr!(locale, error_appeal_extension),
        FormError::AppealFactorRequired => tr!(locale, error_appeal_factor_required),
        FormError::AppealGroundsRequired => tr!(locale, error_appeal_grounds_required),
        FormError::AppealNeedsApproval => tr!(locale, error_appeal_needs_approval),
        FormError::AppealNotAssignee => tr!(locale, error_appeal_not_assignee),
        FormError::AppealOriginalReviewer => tr!(locale, error_appeal_original_reviewer),
        FormError::AppealProposer => tr!(locale, error_appeal_proposer),
        FormError::AppealStepRefused => tr!(locale, error_appeal_step_refused),
        FormError::AppealWindowClosed => tr!(locale, error_appeal_window_closed),
        FormError::EvidenceTooLarge => tr!(locale, error_evidence_too_large),
        FormError::EvidenceTooMany => tr!(locale, error_evidence_too_many),
        FormError::EvidenceType => tr!(locale, error_evidence_type),
        FormError::AccessCodeRequired => tr!(locale, error_access_code_required),
        FormError::CredentialsInvalid => tr!(locale, error_credentials_invalid),
        FormError::Csrf => tr!(locale, error_csrf),
        FormError::CurrentPasswordWrong => tr!(locale, error_current_password_wrong),
        FormError::EmailInvalid => tr!(locale, error_email_invalid),
        FormError::EmailRequired => tr!(locale, error_email_required),
        FormError::FieldDate => tr!(locale, error_field_date),
        FormError::FieldInvalid => tr!(locale, error_field_invalid),
        FormError::FieldOneLanguage => tr!(locale, error_field_one_language),
        FormError::FieldRequired => tr!(locale, error_field_required),
        FormError::FieldTooLong => tr!(locale, error_field_too_long),
        FormError::FieldTooShort => tr!(locale, error_field_too_short),
        FormError::FieldNoLetter => tr!(locale, error_field_no_letter),
        FormError::FieldPictographs => tr!(locale, error_field_pictographs),
        FormError::FieldInvisibleCharacters => tr!(locale, error_field_invisible_characters),
        FormError::FieldUrl => tr!(locale, error_field_url),
        FormError::FindMismatch => tr!(locale, error_find_mismatch),
        FormError::FindRateLimited => tr!(locale, error_find_rate_limited),
        FormError::FlagMessageRequired => tr!(locale, error_flag_message_required),
        FormError::FlagMessageTooLong => tr!(locale, error_flag_message_too_long),
        FormError::FlagRateLimited => tr!(locale, error_flag_rate_limited),
        FormError::PasswordMismatch => tr!(locale, error_password_mismatch),
        FormError::PasswordRequired => tr!(locale, error_password_required),
        FormError::PasswordSame => tr!(locale, error_password_same),
        FormError::PasswordTooLong => tr!(locale, error_password_too_long),
        FormError::PasswordTooShort => tr!(locale, error_password_too_short),
        FormError::PasswordCommon => tr!(locale, error_password_common),
        FormError::PasswordWeak => tr!(locale, error_password_weak),
        FormError::PasswordAttempts => tr!(locale, error_password_attempts),
        FormError::RateLimited => tr!(locale, error_rate_limited),
        FormError::ReferenceFormat => tr!(locale, error_reference_format),
        FormError::ReferenceRequired => tr!(locale, error_reference_required),
    }
}

/// A one-off notice after a form post or a redirect.
pub fn notice(locale: Locale, notice: Notice) -> &'static str {
    match notice {
        Notice::AddressConfirmed => tr!(locale, notice_address_confirmed),
        Notice::AppealClaimed => tr!(locale, notice_appeal_claimed),
        Notice::MessageRequeued => tr!(locale, notice_message_requeued),
        Notice::ReviewOpened => tr!(locale, notice_review_opened),
        Notice::SignInLinkSent => tr!(locale, notice_signin_link_sent),
        Notice::AppealFiled => tr!(locale, notice_appeal_filed),
        Notice::AppealStepDone => tr!(locale, notice_appeal_step_done),
        Notice::CalendarSaved => tr!(locale, notice_calendar_saved),
        Notice::DecisionClosed => tr!(locale, notice_decision_closed),
        Notice::EntrySaved => tr!(locale, notice_entry_saved),
        Notice::EntryUnchanged => tr!(locale, notice_entry_unchanged),
        Notice::DraftSaved => tr!(locale, notice_draft_saved),
        Notice::DraftPublished => tr!(locale, notice_draft_published),
        Notice::DraftDiscarded => tr!(locale, notice_draft_discarded),
        Notice::FlagStored => tr!(locale, notice_flag_stored),
        Notice::FlagUpdated => tr!(locale, notice_flag_updated),
        Notice::PasswordChanged => tr!(locale, notice_password_changed),
        Notice::SessionExpired => tr!(locale, notice_session_expired),
        Notice::RecoveryCodeUsed => tr!(locale, notice_recovery_code_used),
        Notice::RecoveryCodesReplaced => tr!(locale, notice_recovery_codes_replaced),
        Notice::SignInStepExpired => tr!(locale, notice_signin_step_expired),
        Notice::TwoFactorOff => tr!(locale, notice_two_factor_off),
        Notice::TwoFactorOn => tr!(locale, notice_two_factor_on),
        Notice::TwoFactorReset => tr!(locale, notice_two_factor_reset),
        Notice::SignedOut => tr!(locale, notice_signed_out),
        Notice::FormExpired => tr!(locale, error_csrf),
    }
}

/// A kind of explanation quality warning (docs/api.md, "Quality checks").
pub fn quality_code(locale: Locale, code: crate::types::QualityCode) -> &'static str {
    use crate::types::QualityCode;
    match code {
        QualityCode::FactorLabelMissing => tr!(locale, quality_code_factor_label_missing),
        QualityCode::SummarySentenceLong => tr!(locale, quality_code_summary_sentence_long),
        QualityCode::SummaryTooLong => tr!(locale, quality_code_summary_too_long),
        QualityCode::DeadlineWithoutAction => tr!(locale, quality_code_deadline_without_action),
        QualityCode::CounterfactualAgainstReasons => {
            tr!(locale, quality_code_counterfactual_against_reasons)
        }
    }
}
