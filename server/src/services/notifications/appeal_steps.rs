//! The messages a workflow step causes, chosen from the step's effects and the state it led
//! to: the citizen hears of every step that concerns them, supervisors of a proposal waiting
//! for approval, ombudsmen of a new escalation.

use super::addresses::{agency_name, confirmed_citizen, ombudsmen, staff, supervisors};
use crate::db::models::user::User;
use crate::db::DbConnection;
use crate::domain::appeal::Effect;
use crate::mail::outgoing::{enqueue, Outgoing};
use crate::services::appeals::case::Case;
use app::i18n::Locale;
use app::types::{AppealState, EventKind, MailFacts, MessageKind};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::QueryResult;

/// A step as taken: what it was, where it led, what it did, and the dates it left.
pub struct TakenStep<'a> {
    pub kind: EventKind,
    pub to: AppealState,
    pub effects: &'a [Effect],
    pub decide_by: NaiveDate,
    pub escalate_until: Option<NaiveDate>,
}

/// Queues the step's messages.
pub fn after_step(
    conn: &mut DbConnection,
    case: &Case,
    step: &TakenStep<'_>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    if let Some((kind, facts)) = citizen_message(case, step) {
        if let Some(address) = confirmed_citizen(conn, &case.row.contact_email)? {
            let language = Locale::parse(&case.row.language).unwrap_or_default();
            let facts = MailFacts {
                agency: agency_name(&case.agency, language),
                link: format!("/me/appeals/{}", case.row.reference),
                ..facts
            };
            enqueue(
                conn,
                &Outgoing {
                    kind,
                    recipient: address,
                    language,
                    facts,
                    dedup_key: None,
                },
                now,
            )?;
        }
    }
    if step.to == AppealState::PendingApproval {
        let proposer = step.effects.iter().find_map(|e| match e {
            Effect::ProposalRecorded { by, .. } => Some(*by),
            _ => None,
        });
        let approvers: Vec<User> = supervisors(conn, case.agency.id)?
            .into_iter()
            .filter(|s| Some(s.id) != proposer)
            .collect();
        to_staff(
            conn,
            case,
            &approvers,
            MessageKind::ApprovalNeeded,
            step.decide_by,
            now,
        )?;
    }
    if step.kind == EventKind::Escalate {
        let office = ombudsmen(conn)?;
        to_staff(
            conn,
            case,
            &office,
            MessageKind::NewEscalation,
            step.decide_by,
            now,
        )?;
    }
    Ok(())
}

/// The citizen's message for this step, if it has one.
fn citizen_message(case: &Case, step: &TakenStep<'_>) -> Option<(MessageKind, MailFacts)> {
    let base = MailFacts {
        reference: case.row.reference.clone(),
        decision_reference: case.decision.reference.clone(),
        ..MailFacts::default()
    };
    let decide_by = Some(step.decide_by.to_string());
    for effect in step.effects {
        match effect {
            Effect::QuestionAsked { question } => {
                return Some((
                    MessageKind::InformationRequested,
                    MailFacts {
                        text: Some(question.clone()),
                        ..base
                    },
                ))
            }
            Effect::ExtensionUsed { reason } => {
                return Some((
                    MessageKind::DeadlineExtended,
                    MailFacts {
                        text: Some(reason.clone()),
                        date: decide_by,
                        ..base
                    },
                ))
            }
            Effect::OutcomeRecorded { outcome, .. } => {
                return Some((
                    MessageKind::OutcomeDecided,
                    MailFacts {
                        text: Some(outcome.reasoning.clone()),
                        outcome: Some(outcome.kind),
                        date: step.escalate_until.map(|d| d.to_string()),
                        ..base
                    },
                ))
            }
            Effect::FindingRecorded {
                kind, reasoning, ..
            } => {
                return Some((
                    MessageKind::OmbudsmanFinding,
                    MailFacts {
                        text: Some(reasoning.clone()),
                        finding: Some(*kind),
                        ..base
                    },
                ))
            }
            Effect::ReconsiderationOpened { .. } => {
                return Some((
                    MessageKind::AppealReopened,
                    MailFacts {
                        date: decide_by,
                        ..base
                    },
                ))
            }
            _ => {}
        }
    }
    match step.kind {
        EventKind::Acknowledge => Some((
            MessageKind::Acknowledged,
            MailFacts {
                date: decide_by,
                ..base
            },
        )),
        EventKind::Escalate => Some((MessageKind::Escalated, base)),
        _ => None,
    }
}

/// Queues `kind` to each of `people` in their own language.
fn to_staff(
    conn: &mut DbConnection,
    case: &Case,
    people: &[User],
    kind: MessageKind,
    decide_by: NaiveDate,
    now: NaiveDateTime,
) -> QueryResult<()> {
    for person in people {
        let (address, language) = staff(person);
        enqueue(
            conn,
            &Outgoing {
                kind,
                recipient: address,
                language,
                facts: MailFacts {
                    reference: case.row.reference.clone(),
                    decision_reference: case.decision.reference.clone(),
                    agency: agency_name(&case.agency, language),
                    link: format!("/staff/appeals/{}", case.row.reference),
                    date: Some(decide_by.to_string()),
                    ..MailFacts::default()
                },
                dedup_key: None,
            },
            now,
        )?;
    }
    Ok(())
}

/// Queues "assigned to you" to `member` for the appeal `case`.
pub fn assigned(
    conn: &mut DbConnection,
    case: &Case,
    member: &User,
    now: NaiveDateTime,
) -> QueryResult<()> {
    to_staff(
        conn,
        case,
        std::slice::from_ref(member),
        MessageKind::AssignedToYou,
        case.row.decide_by,
        now,
    )
}
