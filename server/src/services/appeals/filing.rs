//! Filing a challenge: the citizen's grounds are checked against the decision they challenge,
//! the deadlines are counted on the agency's calendar, the filing is signed as a receipt, and
//! the appeal, its first history entry, its evidence records and the audit entry are written in
//! one transaction with the message to the citizen. A second submit of the same form finds the appeal the first one made.

use super::case::{decision_factors, local_today};
use crate::auth::receipt::{sha256_hex, Receipt, ReceiptAttachment, ReceiptSigner};
use crate::db::models::agency;
use crate::db::models::appeal::{self, NewAppeal, NewAttachment, NewEntry};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::models::decision;
use crate::db::{write_transaction, DbConnection};
use crate::domain::calendar::ClockStatus;
use crate::domain::local_time::local_date;
use crate::domain::reference::AppealReference;
use crate::services::calendar;
use crate::services::notifications;
use crate::services::ServiceError;
use app::i18n::Locale;
use app::types::{AppealState, FieldError, FormError, GroundKind, Grounds};
use chrono::{DateTime, NaiveDate, Utc};

/// The longest statement accepted, in characters (about four printed pages).
pub const STATEMENT_MAX_CHARS: usize = 10_000;
/// The longest correction or explanation of one factor.
pub const FACTOR_TEXT_MAX_CHARS: usize = 1_000;

/// An evidence file already checked and stored in the blob store.
#[derive(Debug, Clone)]
pub struct StoredEvidence {
    pub file_name: String,
    pub content_type: &'static str,
    pub size_bytes: i64,
    pub sha256: String,
    pub blob_key: String,
}

/// A challenge as the citizen submitted it.
#[derive(Debug, Clone)]
pub struct FilingRequest {
    /// The decision the citizen has opened with its access code.
    pub decision_reference: String,
    /// The filing form's one-time token.
    pub idempotency_key: String,
    pub grounds: Grounds,
    pub statement: String,
    pub contact_email: String,
    pub language: Locale,
    pub evidence: Vec<StoredEvidence>,
}

/// A filed appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filed {
    pub reference: String,
    /// False when this submit repeated one already filed.
    pub created: bool,
}

/// Why a filing was not accepted.
#[derive(Debug)]
pub enum FilingError {
    /// What the citizen typed breaks a rule, field by field.
    Invalid(Vec<FieldError>),
    /// The challenge window ended on this date (the agency's local date).
    WindowClosed {
        until: NaiveDate,
    },
    /// No such decision.
    NotFound,
    Unexpected(anyhow::Error),
}

impl From<diesel::result::Error> for FilingError {
    fn from(error: diesel::result::Error) -> Self {
        FilingError::Unexpected(error.into())
    }
}

impl From<anyhow::Error> for FilingError {
    fn from(error: anyhow::Error) -> Self {
        FilingError::Unexpected(error)
    }
}

impl From<ServiceError> for FilingError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::NotFound => FilingError::NotFound,
            other => FilingError::Unexpected(anyhow::Error::from(other)),
        }
    }
}

fn error(field: &str, code: FormError) -> FieldError {
    FieldError {
        field: field.to_string(),
        code,
    }
}

/// Checks the grounds and statement against the decision's factor keys, returning them
/// trimmed. Every problem is named, so the citizen fixes the form once.
pub fn check_request(
    request: &FilingRequest,
    factor_keys: &[String],
) -> Result<(Grounds, String, String), Vec<FieldError>> {
    let mut problems = Vec::new();
    let mut kinds = request.grounds.kinds.clone();
    kinds.sort();
    kinds.dedup();
    if kinds.is_empty() {
        problems.push(error("grounds", FormError::AppealGroundsRequired));
    }
    let mut factors = Vec::new();
    for factor in &request.grounds.factors {
        if !factor_keys.contains(&factor.key) {
            problems.push(error("factors", FormError::FieldInvalid));
            continue;
        }
        let correct_value = factor.correct_value.trim().to_string();
        let why = factor.why.trim().to_string();
        let field = |name: &str| format!("{name}_{}", factor.key);
        if kinds.contains(&GroundKind::DataError) && correct_value.is_empty() {
            problems.push(error(
                &field("correct"),
                FormError::AppealCorrectionRequired,
            ));
        }
        for (name, text) in [("correct", &correct_value), ("why", &why)] {
            if text.chars().count() > FACTOR_TEXT_MAX_CHARS {
                problems.push(error(&field(name), FormError::FieldTooLong));
            }
        }
        factors.push(app::types::ChallengedFactor {
            key: factor.key.clone(),
            correct_value,
            why,
        });
    }
    if kinds.contains(&GroundKind::DataError) && factors.is_empty() {
        problems.push(error("factors", FormError::AppealFactorRequired));
    }
    let statement = request.statement.trim().to_string();
    if statement.is_empty() {
        problems.push(error("statement", FormError::FieldRequired));
    } else if statement.chars().count() > STATEMENT_MAX_CHARS {
        problems.push(error("statement", FormError::FieldTooLong));
    }
    let email = request.contact_email.trim().to_string();
    if email.is_empty() {
        problems.push(error("contact_email", FormError::EmailRequired));
    } else if !plausible_email(&email) {
        problems.push(error("contact_email", FormError::EmailInvalid));
    }
    if problems.is_empty() {
        Ok((Grounds { kinds, factors }, statement, email))
    } else {
        Err(problems)
    }
}

/// One `@` with something on both sides, a dot in the domain, no spaces: what can be checked
/// without sending mail. The address is confirmed when the first message reaches it.
pub fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.contains(char::is_whitespace)
        && email.len() <= 254
}

/// Files the challenge at `now`.
pub fn file(
    conn: &mut DbConnection,
    signer: &ReceiptSigner,
    request: &FilingRequest,
    now: DateTime<Utc>,
) -> Result<Filed, FilingError> {
    let decision = decision::find_by_reference(conn, &request.decision_reference)?
        .ok_or(FilingError::NotFound)?;
    if let Some(existing) =
        appeal::find_by_idempotency_key(conn, decision.id, &request.idempotency_key)?
    {
        return Ok(Filed {
            reference: existing.reference,
            created: false,
        });
    }
    let (factor_keys, _) = decision_factors(&decision)?;
    let (grounds, statement, email) =
        check_request(request, &factor_keys).map_err(FilingError::Invalid)?;
    let owner = agency::find_by_id(conn, decision.agency_id)?
        .ok_or_else(|| anyhow::anyhow!("decision {} has no agency", decision.reference))?;
    let terms = calendar::for_agency(conn, &owner)?;
    let today = local_today(now, &owner.time_zone);
    let decided_on = local_date(decision.decided_at, &owner.time_zone);
    let until = terms.profile.challenge_until(decided_on).due;
    if today > until {
        return Err(FilingError::WindowClosed { until });
    }
    let acknowledge_by = terms.profile.acknowledge_by(today, &terms.calendar).due;
    let decide_by = match terms.profile.decide_by(today, &[], &terms.calendar) {
        ClockStatus::Due(deadline) => deadline.due,
        ClockStatus::OnHold(_) => unreachable_on_hold()?,
    };
    let grounds_json = serde_json::to_string(&grounds).map_err(anyhow::Error::from)?;
    write_transaction(conn, |conn| -> Result<Filed, FilingError> {
        // Re-checked inside the write lock: two submits racing past the first check.
        if let Some(existing) =
            appeal::find_by_idempotency_key(conn, decision.id, &request.idempotency_key)?
        {
            return Ok(Filed {
                reference: existing.reference,
                created: false,
            });
        }
        let reference = unused_reference(conn)?;
        let receipt = signer.sign(&Receipt {
            appeal: reference.clone(),
            decision: decision.reference.clone(),
            grounds: grounds
                .kinds
                .iter()
                .map(|k| k.as_str().to_string())
                .collect(),
            statement_sha256: sha256_hex(statement.as_bytes()),
            attachments: request
                .evidence
                .iter()
                .map(|e| ReceiptAttachment {
                    name: e.file_name.clone(),
                    sha256: e.sha256.clone(),
                })
                .collect(),
            filed_at: now.timestamp(),
        })?;
        let now = now.naive_utc();
        appeal::insert(
            conn,
            &NewAppeal {
                reference: &reference,
                decision_id: decision.id,
                agency_id: decision.agency_id,
                state: AppealState::Submitted.as_str(),
                grounds_json: &grounds_json,
                statement: &statement,
                contact_email: &email,
                language: request.language.code(),
                idempotency_key: &request.idempotency_key,
                filed_at: now,
                filed_on: today,
                acknowledge_by,
                decide_by,
                decide_from: today,
                receipt: &receipt,
                updated_at: now,
            },
        )?;
        let stored = appeal::find_by_reference(conn, &reference)?
            .ok_or_else(|| anyhow::anyhow!("appeal {reference} vanished after insert"))?;
        appeal::add_entry(
            conn,
            &NewEntry {
                appeal_id: stored.id,
                occurred_at: now,
                author: "citizen",
                author_user_id: None,
                kind: "filed",
                visibility: "public",
                body: "",
            },
        )?;
        let attachments: Vec<NewAttachment<'_>> = request
            .evidence
            .iter()
            .map(|e| NewAttachment {
                appeal_id: stored.id,
                file_name: &e.file_name,
                content_type: e.content_type,
                size_bytes: e.size_bytes,
                sha256: &e.sha256,
                blob_key: &e.blob_key,
                added_by: "citizen",
                added_at: now,
            })
            .collect();
        appeal::add_attachments(conn, &attachments)?;
        crate::services::stats::upkeep::refresh_appeal(conn, stored.id)?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::citizen(),
                action: "appeal.filed",
                subject_kind: "appeal",
                subject_id: reference.clone(),
                details: serde_json::json!({
                    "decision": decision.reference,
                    "grounds": grounds.kinds,
                    "attachments": request.evidence.len(),
                }),
            },
            now,
        )?;
        notifications::filing::after_filing(
            conn,
            &notifications::filing::Filing {
                reference: &reference,
                decision_reference: &decision.reference,
                agency: &owner,
                contact_email: &email,
                language: request.language,
                decide_by,
            },
            now,
        )?;
        Ok(Filed {
            reference,
            created: true,
        })
    })
}

/// A freshly filed appeal has no pause, so its decide clock cannot be on hold.
fn unreachable_on_hold() -> Result<NaiveDate, FilingError> {
    Err(FilingError::Unexpected(anyhow::anyhow!(
        "a new appeal's decide clock is on hold"
    )))
}

/// A reference no appeal uses yet. 40 random bits make a clash rare; the loop makes it harmless.
fn unused_reference(conn: &mut DbConnection) -> Result<String, FilingError> {
    for _ in 0..8 {
        let candidate = AppealReference::generate();
        if !appeal::reference_taken(conn, candidate.as_str())? {
            return Ok(candidate.as_str().to_string());
        }
    }
    Err(FilingError::Unexpected(anyhow::anyhow!(
        "no unused appeal reference after 8 draws"
    )))
}
