//! Checks on what a step carries: texts that must not be blank, outcomes that must be
//! complete, and extension dates. They run after the actor was found allowed, so that someone
//! who may not act learns nothing about what a well-formed request would need.

use super::outcome::Outcome;
use super::refusal::Refusal;
use chrono::NaiveDate;

/// Refuses a blank text (empty or only whitespace): every text here is read by a person who
/// is owed an actual answer.
pub(super) fn require_text(text: &str, field: &'static str) -> Result<(), Refusal> {
    if text.trim().is_empty() {
        Err(Refusal::EmptyText { field })
    } else {
        Ok(())
    }
}

/// An optional text is either absent or not blank; the caller turns an empty form field into
/// `None`, so a blank `Some` is a mistake worth naming.
pub(super) fn optional_text(text: Option<&str>, field: &'static str) -> Result<(), Refusal> {
    text.map_or(Ok(()), |text| require_text(text, field))
}

/// Checks an outcome carried in the event's `outcome` field: reasons always, and a corrected
/// outcome exactly when the decision changes.
pub(super) fn check_outcome(outcome: &Outcome) -> Result<(), Refusal> {
    require_text(&outcome.reasoning, "outcome.reasoning")?;
    match (&outcome.corrected, outcome.kind.corrects_decision()) {
        (None, true) => Err(Refusal::CorrectedOutcomeRequired),
        (Some(_), false) => Err(Refusal::CorrectedOutcomeNotAllowed),
        (None, false) => Ok(()),
        (Some(corrected), true) => {
            require_text(&corrected.outcome, "outcome.corrected.outcome")?;
            require_text(&corrected.label, "outcome.corrected.label")
        }
    }
}

/// An extension moves the deadline later, and no further than the law's ceiling (which may be
/// the new date itself).
pub(super) fn check_extension(
    decide_by: NaiveDate,
    new_due: NaiveDate,
    ceiling: NaiveDate,
) -> Result<(), Refusal> {
    if new_due <= decide_by {
        Err(Refusal::ExtensionNotLater)
    } else if new_due > ceiling {
        Err(Refusal::ExtensionPastCeiling)
    } else {
        Ok(())
    }
}
