//! `POST /appeals/{reference}/step` (the citizen) and `POST /staff/appeals/{reference}/step`
//! (staff and ombudsmen): one step of the appeal workflow, as the page's buttons ask for it.
//! The step is read into the workflow's typed event here; whether it may be taken is the
//! state machine's answer (`services::appeals::steps`), given back as a message on the page.

use super::{csrf_ok, locale, redirect_with_flash};
use crate::db::models::audit;
use crate::domain::appeal::{Actor, CorrectedOutcome, Event, Outcome, Refusal};
use crate::services::appeals::reading::staff_actor;
use crate::services::appeals::steps::{self, StepActor, StepError, StepEvent, StepRequest};
use crate::state::AppState;
use crate::web::error::WebError;
use crate::web::flash;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use app::port::{CitizenAccess, StaffPrincipal};
use app::types::{EventKind, FieldError, FindingKind, FormError, Notice, OutcomeKind};
use chrono::NaiveDate;
use serde::Deserialize;

const FORM: &str = "appeal_step";
/// The longest text a step carries (a question, reasoning, a reply).
const TEXT_MAX_CHARS: usize = 10_000;

/// A step form as posted; each step reads the fields it needs.
#[derive(Deserialize, Default)]
pub struct StepForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    step: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    reply: String,
    #[serde(default)]
    reasoning: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    corrected_outcome: String,
    #[serde(default)]
    corrected_label: String,
    #[serde(default)]
    new_due: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    statement: String,
    #[serde(default)]
    finding: String,
}

/// A step the citizen takes on their appeal.
pub async fn citizen(
    req: HttpRequest,
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: web::Form<StepForm>,
) -> Result<HttpResponse, WebError> {
    let reference = reference.into_inner();
    let page = format!("/appeals/{reference}");
    let Some(access) = req.extensions().get::<CitizenAccess>().cloned() else {
        return Ok(redirect_with_flash(
            &req,
            &page,
            &app::types::Flash::default(),
        ));
    };
    // The citizen may act only on appeals of the decision they opened: the service checks it
    // against the stored appeal inside its transaction.
    let who = StepActor {
        actor: Actor::Citizen,
        audit: audit::Actor::citizen(),
        decision_access: Some(access.reference),
    };
    run(req, state, reference, page, form.into_inner(), who).await
}

/// A step a staff member or an ombudsman takes.
pub async fn staff(
    req: HttpRequest,
    state: web::Data<AppState>,
    reference: web::Path<String>,
    form: web::Form<StepForm>,
) -> Result<HttpResponse, WebError> {
    let reference = reference.into_inner();
    let page = format!("/staff/appeals/{reference}");
    let Some(principal) = req.extensions().get::<StaffPrincipal>().cloned() else {
        return Ok(redirect_with_flash(
            &req,
            "/staff/signin",
            &app::types::Flash::default(),
        ));
    };
    let Some(actor) = staff_actor(&principal) else {
        return Ok(HttpResponse::NotFound().finish());
    };
    let who = StepActor {
        actor,
        audit: audit::Actor::principal(&principal),
        decision_access: None,
    };
    run(req, state, reference, page, form.into_inner(), who).await
}

async fn run(
    req: HttpRequest,
    state: web::Data<AppState>,
    reference: String,
    page: String,
    form: StepForm,
    who: StepActor,
) -> Result<HttpResponse, WebError> {
    let reader = locale(&req);
    let kept = [
        ("question", form.question.as_str()),
        ("reply", form.reply.as_str()),
        ("reasoning", form.reasoning.as_str()),
        ("corrected_outcome", form.corrected_outcome.as_str()),
        ("corrected_label", form.corrected_label.as_str()),
        ("new_due", form.new_due.as_str()),
        ("reason", form.reason.as_str()),
        ("statement", form.statement.as_str()),
        ("step", form.step.as_str()),
        ("outcome", form.outcome.as_str()),
        ("finding", form.finding.as_str()),
    ];
    let back = |errors: Vec<FieldError>| {
        redirect_with_flash(&req, &page, &flash::with_errors(FORM, &kept, errors))
    };
    if !csrf_ok(&req, &form.csrf_token) {
        return Ok(back(vec![flash::field_error("form", FormError::Csrf)]));
    }
    let (event, errors) = read_event(&form);
    let (Some(event), true) = (event, errors.is_empty()) else {
        return Ok(back(errors));
    };
    let Ok(expected_version) = form.version.trim().parse::<i32>() else {
        return Ok(back(vec![flash::field_error(
            "form",
            FormError::AppealChanged,
        )]));
    };
    let request = StepRequest {
        reference,
        expected_version,
        event,
    };
    let worker = state.clone();
    let outcome = web::block(move || -> Result<_, StepError> {
        let mut conn = worker.pool.get().map_err(anyhow::Error::from)?;
        steps::take_step(&mut conn, &who, &request, chrono::Utc::now())
    })
    .await
    .map_err(|e| WebError::unexpected(anyhow::anyhow!(e), reader))?;
    Ok(match outcome {
        Ok(_) => redirect_with_flash(&req, &page, &flash::notice(FORM, Notice::AppealStepDone)),
        Err(StepError::NotFound) => HttpResponse::NotFound().finish(),
        Err(StepError::Unexpected(error)) => return Err(WebError::unexpected(error, reader)),
        Err(other) => back(vec![step_error(&other)]),
    })
}

/// The message a refused or lost step shows, on the field it concerns.
pub fn step_error(error: &StepError) -> FieldError {
    let (field, code) = match error {
        StepError::Stale => ("form", FormError::AppealChanged),
        StepError::AlreadyClaimed => ("form", FormError::AppealClaimed),
        StepError::Refused(refusal) => refusal_message(refusal),
        StepError::Closed | StepError::NotFound | StepError::Unexpected(_) => {
            ("form", FormError::AppealStepRefused)
        }
    };
    flash::field_error(field, code)
}

fn refusal_message(refusal: &Refusal) -> (&'static str, FormError) {
    match refusal {
        Refusal::OriginalReviewerCannotReview => ("form", FormError::AppealOriginalReviewer),
        Refusal::ProposerCannotApprove => ("form", FormError::AppealProposer),
        Refusal::NotAssignee => ("form", FormError::AppealNotAssignee),
        Refusal::HighRiskNeedsApproval => ("form", FormError::AppealNeedsApproval),
        Refusal::AlreadyExtended | Refusal::ExtensionNotLater | Refusal::ExtensionPastCeiling => {
            ("new_due", FormError::AppealExtension)
        }
        Refusal::EscalationWindowClosed | Refusal::EscalationWindowUnknown => {
            ("form", FormError::AppealEscalationClosed)
        }
        Refusal::CorrectedOutcomeRequired | Refusal::CorrectedOutcomeNotAllowed => {
            ("corrected_label", FormError::AppealCorrectedOutcome)
        }
        Refusal::EmptyText { field } => (field, FormError::FieldRequired),
        _ => ("form", FormError::AppealStepRefused),
    }
}

/// Reads the step the form asks for, naming every missing or malformed field.
fn read_event(form: &StepForm) -> (Option<StepEvent>, Vec<FieldError>) {
    let mut errors = Vec::new();
    let Some(kind) = EventKind::parse(form.step.trim()) else {
        return (
            None,
            vec![flash::field_error("form", FormError::AppealStepRefused)],
        );
    };
    let event = match kind {
        EventKind::Acknowledge => Event::Acknowledge,
        EventKind::Approve => Event::Approve,
        EventKind::Reopen => Event::Reopen,
        EventKind::Close => Event::Close,
        EventKind::RequestInformation => Event::RequestInformation {
            question: required("question", &form.question, &mut errors),
        },
        EventKind::Answer => Event::Answer {
            reply: required("reply", &form.reply, &mut errors),
        },
        EventKind::RejectApproval => Event::RejectApproval {
            reason: required("reason", &form.reason, &mut errors),
        },
        EventKind::Escalate => Event::Escalate {
            statement: required("statement", &form.statement, &mut errors),
        },
        EventKind::Withdraw => Event::Withdraw {
            reason: Some(form.reason.trim().to_string()).filter(|r| !r.is_empty()),
        },
        EventKind::ProposeOutcome | EventKind::Decide => {
            let reasoning = required("reasoning", &form.reasoning, &mut errors);
            let outcome = read_outcome(form, reasoning, &mut errors);
            match (kind, outcome) {
                (_, None) => return (None, errors),
                (EventKind::Decide, Some(outcome)) => Event::Decide { outcome },
                (_, Some(outcome)) => Event::ProposeOutcome { outcome },
            }
        }
        EventKind::OmbudsmanFinding => {
            let reasoning = required("reasoning", &form.reasoning, &mut errors);
            let Some(finding) = FindingKind::parse(form.finding.trim()) else {
                errors.push(flash::field_error("finding", FormError::FieldRequired));
                return (None, errors);
            };
            Event::OmbudsmanFinding {
                kind: finding,
                reasoning,
            }
        }
        EventKind::Extend => {
            let reason = required("reason", &form.reason, &mut errors);
            let Ok(new_due) = NaiveDate::parse_from_str(form.new_due.trim(), "%Y-%m-%d") else {
                errors.push(flash::field_error("new_due", FormError::FieldDate));
                return (None, errors);
            };
            return (Some(StepEvent::Extend { new_due, reason }), errors);
        }
    };
    (Some(StepEvent::Ready(event)), errors)
}

/// A text the step needs, trimmed; a blank or overlong one is named in `errors`.
fn required(field: &'static str, value: &str, errors: &mut Vec<FieldError>) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.push(flash::field_error(field, FormError::FieldRequired));
    } else if value.chars().count() > TEXT_MAX_CHARS {
        errors.push(flash::field_error(field, FormError::FieldTooLong));
    }
    value.to_string()
}

/// The outcome of a decision or proposal: the kind, the reasoning, and for an overturn what the
/// decision becomes.
fn read_outcome(
    form: &StepForm,
    reasoning: String,
    errors: &mut Vec<FieldError>,
) -> Option<Outcome> {
    let Some(kind) = OutcomeKind::parse(form.outcome.trim()) else {
        errors.push(flash::field_error("outcome", FormError::FieldRequired));
        return None;
    };
    let corrected = if kind.corrects_decision() {
        let outcome = form.corrected_outcome.trim();
        let label = form.corrected_label.trim();
        if outcome.is_empty() || label.is_empty() {
            let field = if outcome.is_empty() {
                "corrected_outcome"
            } else {
                "corrected_label"
            };
            errors.push(flash::field_error(field, FormError::AppealCorrectedOutcome));
            return None;
        }
        Some(CorrectedOutcome {
            outcome: outcome.to_string(),
            label: label.to_string(),
        })
    } else {
        None
    };
    Some(Outcome {
        kind,
        reasoning,
        corrected,
    })
}
