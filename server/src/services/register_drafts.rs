//! Reviewing register drafts: a supervisor of the owning agency lists the agency's drafts,
//! sees one as it would be published with the fields it changes, and publishes it with a
//! change note or discards it; both audited (docs/api.md, "Drafts and publishing"). Anyone
//! else gets `NotFound`, as for a draft that does not exist.

use super::error::{problem, ServiceError};
use super::register::{self, Saved};
use crate::db::models::ai_system;
use crate::db::models::ai_system_draft::{self, Draft};
use crate::db::models::audit::{self, Actor, AuditEvent};
use crate::db::schema::agencies;
use crate::db::{write_transaction, DbConnection};
use crate::domain::rules::change_note_problem;
use crate::domain::stored;
use app::port::StaffPrincipal;
use app::types::{
    DraftReview, DraftSummary, EntryField, LocalizedText, RegisterEntryContent, Role,
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// The agency a supervisor reviews drafts for; `NotFound` for every other role.
fn supervised_agency(principal: &StaffPrincipal) -> Result<i64, ServiceError> {
    principal
        .agency_id
        .filter(|_| principal.role == Role::Supervisor)
        .ok_or(ServiceError::NotFound)
}

/// The draft of `slug` if it belongs to the supervisor's agency; `NotFound` otherwise.
fn own_draft(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    slug: &str,
) -> Result<(i64, Draft), ServiceError> {
    let agency_id = supervised_agency(principal)?;
    match ai_system_draft::find(conn, slug)? {
        Some(draft) if draft.agency_id == agency_id => Ok((agency_id, draft)),
        _ => Err(ServiceError::NotFound),
    }
}

/// The only part of a draft the list shows.
#[derive(serde::Deserialize)]
struct DraftName {
    name: LocalizedText,
}

/// The drafts of the supervisor's agency, the most recently saved first.
pub fn list(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
) -> Result<Vec<DraftSummary>, ServiceError> {
    let agency_id = supervised_agency(principal)?;
    ai_system_draft::for_agency(conn, agency_id)?
        .into_iter()
        .map(|draft| {
            let content: DraftName = stored::document(&draft.content_json, "register draft")?;
            Ok(DraftSummary {
                slug: draft.slug,
                name: content.name,
                base_version: draft.base_version,
                saved_at: draft.updated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            })
        })
        .collect()
}

/// One draft of the supervisor's agency with the published version it changes and the
/// fields that differ.
pub fn review(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    slug: &str,
) -> Result<DraftReview, ServiceError> {
    let (agency_id, draft) = own_draft(conn, principal, slug)?;
    let content: RegisterEntryContent = stored::document(&draft.content_json, "register draft")?;
    let published: Option<RegisterEntryContent> = match ai_system::current_of(conn, slug)? {
        Some(current) => Some(stored::document(&current.content_json, "register entry")?),
        None => None,
    };
    let agency_name: String = agencies::table
        .find(agency_id)
        .select(agencies::name_json)
        .first(conn)?;
    Ok(DraftReview {
        slug: draft.slug,
        agency_name: stored::document(&agency_name, "agency name")?,
        base_version: draft.base_version,
        changed: changed_fields(published.as_ref(), &content),
        draft: content,
        published,
    })
}

/// The fields whose value differs between `published` and `draft`; every field when there is
/// no published version.
pub fn changed_fields(
    published: Option<&RegisterEntryContent>,
    draft: &RegisterEntryContent,
) -> Vec<EntryField> {
    let after = serde_json::to_value(draft).unwrap_or_default();
    let before = published.map(|p| serde_json::to_value(p).unwrap_or_default());
    EntryField::ALL
        .into_iter()
        .filter(|field| {
            before
                .as_ref()
                .is_none_or(|before| before.get(field.key()) != after.get(field.key()))
        })
        .collect()
}

/// Publishes the draft of `slug` with `change_note`: a new version the public sees at once,
/// the draft gone, audited as `register.version_published` with the note. 422 naming
/// `change_note` when the note breaks its rule.
pub fn publish(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    slug: &str,
    change_note: &str,
    at: DateTime<Utc>,
) -> Result<Saved, ServiceError> {
    if let Some(reason) = change_note_problem(change_note) {
        // Who may see the draft is checked first, so a refusal says nothing to others.
        own_draft(conn, principal, slug)?;
        return Err(ServiceError::Invalid(vec![problem("change_note", reason)]));
    }
    write_transaction(conn, |conn| {
        crate::db::take_turns_on(conn, &format!("register entry {slug}"))?;
        let (agency_id, draft) = own_draft(conn, principal, slug)?;
        let content: RegisterEntryContent =
            stored::document(&draft.content_json, "register draft")?;
        let saved = register::publish(
            conn,
            agency_id,
            Actor::principal(principal),
            &content,
            change_note.trim(),
            at,
        )?;
        // Identical to what is public (the API published the same meanwhile): nothing to
        // publish, and the draft has done its work; its removal is recorded as a discard.
        if ai_system_draft::remove(conn, slug)? {
            audit::append(
                conn,
                AuditEvent {
                    actor: Actor::principal(principal),
                    action: "register.draft_discarded",
                    subject_kind: "ai_system",
                    subject_id: slug.to_string(),
                    details: serde_json::json!({
                        "base_version": draft.base_version,
                        "reason": "identical to the published version",
                    }),
                },
                at.naive_utc(),
            )?;
        }
        Ok(saved)
    })
}

/// Discards the draft of `slug`; the published entry stays as it is. Audited as
/// `register.draft_discarded`.
pub fn discard(
    conn: &mut DbConnection,
    principal: &StaffPrincipal,
    slug: &str,
    at: DateTime<Utc>,
) -> Result<(), ServiceError> {
    write_transaction(conn, |conn| {
        crate::db::take_turns_on(conn, &format!("register entry {slug}"))?;
        let (_, draft) = own_draft(conn, principal, slug)?;
        ai_system_draft::remove(conn, slug)?;
        audit::append(
            conn,
            AuditEvent {
                actor: Actor::principal(principal),
                action: "register.draft_discarded",
                subject_kind: "ai_system",
                subject_id: slug.to_string(),
                details: serde_json::json!({ "base_version": draft.base_version }),
            },
            at.naive_utc(),
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> RegisterEntryContent {
        serde_json::from_value(serde_json::json!({
            "slug": "benefit-scoring",
            "name": {"en": "Benefit scoring"},
            "description": {"en": "Scores applications."},
            "purpose": {"en": "To decide."},
            "legal_basis": {"en": "Law 1."},
            "risk_level": "high",
            "human_final_decision": true,
            "human_oversight": {"en": "A reviewer checks."},
            "data_categories": [],
            "model_type": "gradient boosting",
            "explanation_method": "shap",
            "supplier": "In-house",
            "impact_assessment": {"date": "2026-01-01", "summary": {"en": "Done."}, "url": null},
            "bias_audit": {"date": "2026-01-02", "summary": {"en": "Done."}},
            "status": "active",
            "contact_email": "ai@example.kz"
        }))
        .unwrap()
    }

    #[test]
    fn only_the_fields_that_differ_are_named_and_a_new_entry_changes_all() {
        let published = entry();
        let mut draft = entry();
        draft.risk_level = app::types::RiskLevel::Medium;
        draft.supplier = "Vendor LLP".into();
        assert_eq!(
            changed_fields(Some(&published), &draft),
            vec![EntryField::RiskLevel, EntryField::Supplier]
        );
        assert!(changed_fields(Some(&published), &published).is_empty());
        assert_eq!(changed_fields(None, &draft), EntryField::ALL.to_vec());
    }
}
