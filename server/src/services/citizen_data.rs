//! What a citizen signed in by email may see: their decisions (the subject contact is their
//! address) and their appeals (filed with their address, or on one of those decisions); and
//! everything the portal holds about them, for the right of access (Law of the Republic of
//! Kazakhstan on Personal Data and its Protection; GDPR Art. 15). docs/notifications.md.

use super::accounts::normalise_email;
use super::explanations::system_name;
use crate::db::models::agency::{self, Agency};
use crate::db::models::appeal::{self, AppealRow};
use crate::db::models::decision::{self, Decision};
use crate::db::models::{audit, email_link, outbox};
use crate::db::DbConnection;
use crate::domain::decision::DecisionDocument;
use crate::domain::local_time::local_date;
use crate::domain::local_time::rfc3339_utc as stamp;
use crate::domain::stored;
use crate::mail::render;
use crate::services::appeals::clock::calendar_date;
use app::i18n::{Locale, LocalizedText};
use app::types::{
    AppealState, CitizenHome, HeldAddress, HeldAppeal, HeldDecision, HeldEmail, HeldView,
    MailFacts, MessageKind, MyAppeal, MyData, MyDecision, MyFile, MyMessage, Role,
};
use chrono::{DateTime, SecondsFormat, Utc};
use std::collections::{BTreeSet, HashMap};

/// The citizen's decisions and appeals, as records.
struct Records {
    decisions: Vec<Decision>,
    appeals: Vec<AppealRow>,
    /// The decisions of appeals filed on someone else's decision record (another address).
    appeal_decisions: HashMap<i64, Decision>,
    agencies: HashMap<i64, Agency>,
}

fn records(conn: &mut DbConnection, email: &str) -> anyhow::Result<Records> {
    let decisions = decision::with_subject_email(conn, email)?;
    let ids: Vec<i64> = decisions.iter().map(|d| d.id).collect();
    let appeals = appeal::of_citizen(conn, email, &ids)?;
    let missing: Vec<i64> = appeals
        .iter()
        .map(|a| a.decision_id)
        .filter(|id| !ids.contains(id))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let appeal_decisions = decision::with_ids(conn, &missing)?
        .into_iter()
        .chain(decisions.iter().cloned())
        .map(|d| (d.id, d))
        .collect::<HashMap<_, _>>();
    let mut agencies = HashMap::new();
    for agency_id in appeal_decisions.values().map(|d| d.agency_id) {
        if let std::collections::hash_map::Entry::Vacant(slot) = agencies.entry(agency_id) {
            if let Some(found) = agency::find_by_id(conn, agency_id)? {
                slot.insert(found);
            }
        }
    }
    Ok(Records {
        decisions,
        appeals,
        appeal_decisions,
        agencies,
    })
}

fn agency_name(records: &Records, agency_id: i64) -> anyhow::Result<LocalizedText> {
    let agency = records
        .agencies
        .get(&agency_id)
        .ok_or_else(|| anyhow::anyhow!("agency {agency_id} not found"))?;
    stored::document(&agency.name_json, "agency name")
}

fn time_zone(records: &Records, agency_id: i64) -> &str {
    records
        .agencies
        .get(&agency_id)
        .map(|a| a.time_zone.as_str())
        .unwrap_or("UTC")
}

/// The home page of the citizen signed in as `email`.
pub fn home(conn: &mut DbConnection, email: &str) -> anyhow::Result<CitizenHome> {
    let records = records(conn, email)?;
    let mut decisions = Vec::new();
    for stored in &records.decisions {
        let document: DecisionDocument = stored::document(&stored.content_json, "decision")?;
        decisions.push(MyDecision {
            reference: stored.reference.clone(),
            agency_name: agency_name(&records, stored.agency_id)?,
            system_name: system_name(conn, stored.system_version_id)?,
            outcome_label: document.outcome_label,
            decided_on: calendar_date(local_date(
                stored.decided_at,
                time_zone(&records, stored.agency_id),
            )),
        });
    }
    let mut appeals = Vec::new();
    for row in records.appeals.iter().rev() {
        let decision = records
            .appeal_decisions
            .get(&row.decision_id)
            .ok_or_else(|| anyhow::anyhow!("appeal {} has no decision", row.reference))?;
        appeals.push(MyAppeal {
            reference: row.reference.clone(),
            decision_reference: decision.reference.clone(),
            agency_name: agency_name(&records, row.agency_id)?,
            state: stored::vocab(&row.state, AppealState::parse, "appeal state")?,
            filed_on: calendar_date(row.filed_on),
        });
    }
    Ok(CitizenHome {
        email: email.to_string(),
        decisions,
        appeals,
    })
}

/// Whether `decision` is the citizen's: sent to their address, or appealed with it.
fn is_theirs(conn: &mut DbConnection, email: &str, decision: &Decision) -> anyhow::Result<bool> {
    if decision
        .subject_email
        .as_deref()
        .is_some_and(|subject| normalise_email(subject) == email)
    {
        return Ok(true);
    }
    Ok(appeal::of_citizen(conn, email, &[])?
        .iter()
        .any(|a| a.decision_id == decision.id))
}

/// The decision the citizen `email` may open by reference: one of theirs, or one they appealed.
pub fn openable_decision(
    conn: &mut DbConnection,
    email: &str,
    reference: &str,
) -> anyhow::Result<Option<String>> {
    let Some(found) = decision::find_by_reference(conn, reference)? else {
        return Ok(None);
    };
    Ok(is_theirs(conn, email, &found)?.then_some(found.reference))
}

/// The decision of the appeal `reference`, if the appeal is the citizen's: filed with their
/// address, or on one of their decisions.
pub fn decision_of_appeal(
    conn: &mut DbConnection,
    email: &str,
    reference: &str,
) -> anyhow::Result<Option<String>> {
    let Some(row) = appeal::find_by_reference(conn, reference)? else {
        return Ok(None);
    };
    let Some(found) = decision::find_by_id(conn, row.decision_id)? else {
        return Ok(None);
    };
    let filed_by_them = normalise_email(&row.contact_email) == email;
    Ok((filed_by_them || is_theirs(conn, email, &found)?).then_some(found.reference))
}

/// Everything the portal holds about the citizen signed in as `email`, as of `now`.
pub fn my_data(conn: &mut DbConnection, email: &str, now: DateTime<Utc>) -> anyhow::Result<MyData> {
    let records = records(conn, email)?;
    let mut decisions: Vec<&Decision> = records.appeal_decisions.values().collect();
    decisions.sort_by_key(|d| d.id);
    let held_decisions = decisions
        .iter()
        .map(|d| {
            Ok(HeldDecision {
                reference: d.reference.clone(),
                agency: records
                    .agencies
                    .get(&d.agency_id)
                    .map(|a| a.slug.clone())
                    .unwrap_or_default(),
                outcome: d.outcome.clone(),
                decided_at: stamp(d.decided_at),
                subject_email: d.subject_email.clone(),
                subject_language: d.subject_language.clone(),
                subject_region: d.subject_region.clone(),
                national_id_on_record: d.subject_national_id_hash.is_some(),
                content: serde_json::from_str(&d.content_json)?,
                corrected_outcome: d
                    .corrected_outcome_json
                    .as_deref()
                    .map(serde_json::from_str)
                    .transpose()?,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;

    let mut appeals = Vec::new();
    let mut addresses: BTreeSet<String> = BTreeSet::from([email.to_string()]);
    for row in &records.appeals {
        addresses.insert(row.contact_email.trim().to_lowercase());
        let decision = records
            .appeal_decisions
            .get(&row.decision_id)
            .ok_or_else(|| anyhow::anyhow!("appeal {} has no decision", row.reference))?;
        let messages = appeal::entries(conn, row.id)?
            .into_iter()
            .filter(|e| e.visibility == "public")
            .map(|e| MyMessage {
                at: stamp(e.occurred_at),
                author: e.author,
                kind: e.kind,
                body: e.body,
            })
            .collect();
        let files = appeal::attachments(conn, row.id)?
            .into_iter()
            .map(|f| MyFile {
                file_name: f.file_name,
                content_type: f.content_type,
                size_bytes: f.size_bytes,
                sha256: f.sha256,
                added_at: stamp(f.added_at),
            })
            .collect();
        appeals.push(HeldAppeal {
            reference: row.reference.clone(),
            decision_reference: decision.reference.clone(),
            state: stored::vocab(&row.state, AppealState::parse, "appeal state")?,
            filed_at: stamp(row.filed_at),
            contact_email: row.contact_email.clone(),
            language: row.language.clone(),
            grounds: serde_json::from_str(&row.grounds_json)?,
            statement: row.statement.clone(),
            outcome: row
                .outcome_json
                .as_deref()
                .map(serde_json::from_str)
                .transpose()?,
            finding: row.finding.clone(),
            messages,
            files,
        });
    }

    let mut held_addresses = Vec::new();
    let mut emails = Vec::new();
    for address in &addresses {
        held_addresses.push(HeldAddress {
            email: address.clone(),
            confirmed_at: email_link::confirmed_at(conn, address)?.map(stamp),
        });
        for message in outbox::to_recipient(conn, address)? {
            let kind = MessageKind::parse(&message.kind);
            let language = Locale::parse(&message.language).unwrap_or_default();
            let facts: MailFacts = serde_json::from_str(&message.facts_json).unwrap_or_default();
            emails.push(HeldEmail {
                kind: message.kind.clone(),
                subject: kind
                    .map(|k| render::subject(k, language, &facts))
                    .unwrap_or_default(),
                status: message.status,
                created_at: stamp(message.created_at),
                sent_at: message.sent_at.map(stamp),
            });
        }
    }

    let subjects: Vec<String> = decisions
        .iter()
        .map(|d| d.reference.clone())
        .chain(records.appeals.iter().map(|a| a.reference.clone()))
        .collect();
    let views = audit::staff_views_of(conn, &subjects)?
        .into_iter()
        .map(|v| HeldView {
            subject: v.subject_id,
            role: v.role.as_deref().and_then(Role::parse),
            agency: v.agency_slug,
            at: stamp(v.occurred_at),
        })
        .collect();

    Ok(MyData {
        generated_at: now.to_rfc3339_opts(SecondsFormat::Secs, true),
        addresses: held_addresses,
        decisions: held_decisions,
        appeals,
        emails,
        views,
    })
}
