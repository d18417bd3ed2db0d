//! Removing the personal data of a batch of expired cases, and counting what that removes.
//! Both run inside the batch's transaction; the count runs first, so a dry run and a purge
//! report the same figures.
//!
//! Removed: the subject's email address (from the decision's row and its document), the
//! national id's keyed hash, the keyed hash of the document as sent (it covered the national
//! id), each appeal's contact address, statement, the citizen's words in the grounds, the
//! reasons of outcomes and proposals, the extension reason, the filing receipt (the citizen
//! keeps their copy), the words of every history entry, the evidence records (their files are
//! queued for deletion), the outbox messages about the appeals, and the sign-in links and
//! confirmations of addresses no other case or account still holds.
//!
//! Kept: the decision and appeal rows with their dates, states, outcome kinds, grounds by kind,
//! factor keys, region and language, the history's steps without their words, the deadline
//! pauses, every statistics row and every audit entry.

use super::redact;
use super::PurgeCounts;
use crate::db::models::blob_deletion;
use crate::db::schema::{
    appeal_attachments, appeal_entries, appeals, confirmed_emails, decisions, email_links, outbox,
    users,
};
use crate::db::{lower, DbConnection};
use crate::services::accounts::normalise_email;
use crate::services::ServiceError;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::{BTreeSet, HashSet};

/// What stands in for the keyed hash of a purged decision's document: a decision sent again
/// under the same external id is then refused as already stored, and nothing is left to test
/// a guessed national id against.
pub const PURGED_CONTENT_HASH: &str = "purged";

/// The expired cases of one transaction.
#[derive(Debug, Default, Clone)]
pub struct Batch {
    pub decision_ids: Vec<i64>,
    pub appeal_ids: Vec<i64>,
    pub appeal_references: Vec<String>,
}

impl Batch {
    /// Whether the batch holds no case.
    pub fn is_empty(&self) -> bool {
        self.decision_ids.is_empty()
    }
}

/// What removing `batch` would remove, counted before anything is written. `gone` holds the
/// cases purged earlier in the run (or, in a dry run, that would have been).
pub fn count(
    conn: &mut DbConnection,
    batch: &Batch,
    gone: &HashSet<i64>,
) -> Result<PurgeCounts, ServiceError> {
    let forgotten = addresses_to_forget(conn, batch, gone)?;
    let of_decisions = || decisions::table.filter(decisions::id.eq_any(&batch.decision_ids));
    let of_appeals = || appeals::table.filter(appeals::id.eq_any(&batch.appeal_ids));
    let subject_emails: i64 = of_decisions()
        .filter(decisions::subject_email.is_not_null())
        .count()
        .get_result(conn)?;
    let contact_emails: i64 = of_appeals()
        .filter(appeals::contact_email.ne(""))
        .count()
        .get_result(conn)?;
    let national_ids: i64 = of_decisions()
        .filter(decisions::subject_national_id_hash.is_not_null())
        .count()
        .get_result(conn)?;
    let statements: i64 = of_appeals()
        .filter(appeals::statement.ne(""))
        .count()
        .get_result(conn)?;
    let messages: i64 = appeal_entries::table
        .filter(appeal_entries::appeal_id.eq_any(&batch.appeal_ids))
        .filter(appeal_entries::body.ne(""))
        .count()
        .get_result(conn)?;
    let evidence: i64 = appeal_attachments::table
        .filter(appeal_attachments::appeal_id.eq_any(&batch.appeal_ids))
        .count()
        .get_result(conn)?;
    let messages_out: i64 = outbox::table
        .filter(
            outbox::appeal_reference
                .eq_any(&batch.appeal_references)
                .or(outbox::recipient.eq_any(&forgotten)),
        )
        .count()
        .get_result(conn)?;
    let links: i64 = email_links::table
        .filter(email_links::email.eq_any(&forgotten))
        .count()
        .get_result(conn)?;
    let confirmations: i64 = confirmed_emails::table
        .filter(confirmed_emails::email.eq_any(&forgotten))
        .count()
        .get_result(conn)?;
    Ok(PurgeCounts {
        cases: batch.decision_ids.len() as i64,
        appeals: batch.appeal_ids.len() as i64,
        email_addresses: subject_emails + contact_emails,
        national_id_hashes: national_ids,
        statements,
        messages,
        evidence_files: evidence,
        outbox_messages: messages_out,
        sign_in_records: links + confirmations,
    })
}

/// Removes the batch's personal data and marks its decisions purged.
pub fn erase(
    conn: &mut DbConnection,
    batch: &Batch,
    gone: &HashSet<i64>,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    // Decided before anything is cleared: afterwards the batch's own rows no longer name them.
    let forgotten = addresses_to_forget(conn, batch, gone)?;
    erase_decisions(conn, batch, now)?;
    erase_appeals(conn, batch)?;
    diesel::update(
        appeal_entries::table.filter(appeal_entries::appeal_id.eq_any(&batch.appeal_ids)),
    )
    .set(appeal_entries::body.eq(""))
    .execute(conn)?;
    let keys: Vec<String> = appeal_attachments::table
        .filter(appeal_attachments::appeal_id.eq_any(&batch.appeal_ids))
        .select(appeal_attachments::blob_key)
        .load(conn)?;
    for key in &keys {
        blob_deletion::queue(conn, key, now)?;
    }
    diesel::delete(
        appeal_attachments::table.filter(appeal_attachments::appeal_id.eq_any(&batch.appeal_ids)),
    )
    .execute(conn)?;
    diesel::delete(
        outbox::table.filter(
            outbox::appeal_reference
                .eq_any(&batch.appeal_references)
                .or(outbox::recipient.eq_any(&forgotten)),
        ),
    )
    .execute(conn)?;
    diesel::delete(email_links::table.filter(email_links::email.eq_any(&forgotten)))
        .execute(conn)?;
    diesel::delete(confirmed_emails::table.filter(confirmed_emails::email.eq_any(&forgotten)))
        .execute(conn)?;
    Ok(())
}

fn erase_decisions(
    conn: &mut DbConnection,
    batch: &Batch,
    now: NaiveDateTime,
) -> Result<(), ServiceError> {
    let rows: Vec<(i64, String)> = decisions::table
        .filter(decisions::id.eq_any(&batch.decision_ids))
        .select((decisions::id, decisions::content_json))
        .load(conn)?;
    for (id, content) in rows {
        diesel::update(decisions::table.find(id))
            .set((
                decisions::content_json.eq(redact::decision_content(&content)?),
                decisions::content_hash.eq(PURGED_CONTENT_HASH),
                decisions::subject_email.eq(None::<String>),
                decisions::subject_national_id_hash.eq(None::<String>),
                decisions::purged_at.eq(Some(now)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn erase_appeals(conn: &mut DbConnection, batch: &Batch) -> Result<(), ServiceError> {
    let rows: Vec<(i64, String, Option<String>)> = appeals::table
        .filter(appeals::id.eq_any(&batch.appeal_ids))
        .select((appeals::id, appeals::grounds_json, appeals::outcome_json))
        .load(conn)?;
    for (id, grounds, outcome) in rows {
        // The row's version and last step stay: the appeal did not move, its data went.
        diesel::update(appeals::table.find(id))
            .set((
                appeals::statement.eq(""),
                appeals::contact_email.eq(""),
                appeals::grounds_json.eq(redact::grounds(&grounds)?),
                appeals::outcome_json.eq(outcome.as_deref().map(redact::outcome).transpose()?),
                appeals::proposal_json.eq(None::<String>),
                appeals::extension_reason.eq(None::<String>),
                appeals::receipt.eq(""),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The batch's addresses (in lower case) that nothing else still holds: no decision outside the
/// batch and `gone` names them as its subject or on one of its appeals, no staff account has them.
fn addresses_to_forget(
    conn: &mut DbConnection,
    batch: &Batch,
    gone: &HashSet<i64>,
) -> Result<Vec<String>, ServiceError> {
    let subject: Vec<Option<String>> = decisions::table
        .filter(decisions::id.eq_any(&batch.decision_ids))
        .select(decisions::subject_email)
        .load(conn)?;
    let contact: Vec<String> = appeals::table
        .filter(appeals::id.eq_any(&batch.appeal_ids))
        .select(appeals::contact_email)
        .load(conn)?;
    let addresses: BTreeSet<String> = subject
        .into_iter()
        .flatten()
        .chain(contact)
        .map(|email| normalise_email(&email))
        .filter(|email| !email.is_empty())
        .collect();
    let leaving = |id: &i64| gone.contains(id) || batch.decision_ids.contains(id);
    let mut forgotten = Vec::new();
    for email in addresses {
        // Few cases share an address, so their ids are read rather than excluded in SQL,
        // which would bind every id the run has purged.
        let as_subject: Vec<i64> = decisions::table
            .filter(lower(decisions::subject_email).eq(&email))
            .select(decisions::id)
            .load(conn)?;
        let as_contact: Vec<i64> = appeals::table
            .filter(lower(appeals::contact_email.nullable()).eq(&email))
            .select(appeals::decision_id)
            .load(conn)?;
        let staff: bool = diesel::select(diesel::dsl::exists(
            users::table.filter(lower(users::email.nullable()).eq(&email)),
        ))
        .get_result(conn)?;
        if !staff && as_subject.iter().chain(&as_contact).all(leaving) {
            forgotten.push(email);
        }
    }
    Ok(forgotten)
}
