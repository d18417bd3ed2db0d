//! The daily deadline digest: once a working day, each reviewer or supervisor gets one message
//! listing their appeals whose decide deadline is two working days away or has passed;
//! appeals nobody holds go to the agency's supervisors. The outbox's unique key makes it once
//! a day however often housekeeping runs, and in however many processes.

use super::addresses::{agency_name, staff, supervisors};
use crate::db::models::agency::{self, AgencyScope};
use crate::db::models::user::{self, User};
use crate::db::{write_transaction, DbConnection};
use crate::domain::local_time::local_date;
use crate::mail::outgoing::{enqueue, Outgoing};
use crate::services::appeals::clock::AT_RISK_WORKING_DAYS;
use crate::services::calendar;
use app::types::{AppealState, DigestLine, MailFacts, MessageKind};
use chrono::NaiveDateTime;
use std::collections::BTreeMap;

/// Queues today's digests that are not queued yet; returns how many were.
pub fn send_due(conn: &mut DbConnection, now: NaiveDateTime) -> anyhow::Result<usize> {
    let mut queued = 0;
    for owner in agency::list_visible(conn, AgencyScope::All)? {
        let terms = calendar::for_agency(conn, &owner)?;
        let today = local_date(now, &owner.time_zone);
        if !terms.calendar.is_working_day(today) {
            continue;
        }
        let mut lines: BTreeMap<Option<i64>, Vec<DigestLine>> = BTreeMap::new();
        for row in crate::db::models::appeal::open_of_agency(conn, owner.id)? {
            let state = AppealState::parse(&row.state);
            let deciding = matches!(
                state,
                Some(
                    AppealState::Submitted
                        | AppealState::UnderReview
                        | AppealState::PendingApproval
                )
            );
            let overdue = row.decide_by < today;
            if !deciding
                || (!overdue
                    && terms.calendar.working_days_between(today, row.decide_by)
                        > AT_RISK_WORKING_DAYS)
            {
                continue;
            }
            lines.entry(row.assignee_id).or_default().push(DigestLine {
                reference: row.reference,
                due: row.decide_by.to_string(),
                overdue,
            });
        }
        let mut per_person: BTreeMap<i64, (User, Vec<DigestLine>)> = BTreeMap::new();
        let heads = supervisors(conn, owner.id)?;
        for (holder, found) in lines {
            let people: Vec<User> = match holder {
                Some(id) => user::find_by_id(conn, id)?
                    .filter(|u| u.active)
                    .into_iter()
                    .collect(),
                None => heads.clone(),
            };
            for person in people {
                per_person
                    .entry(person.id)
                    .or_insert_with(|| (person.clone(), Vec::new()))
                    .1
                    .extend(found.iter().cloned());
            }
        }
        for (id, (person, mut found)) in per_person {
            found.sort_by(|a, b| (&a.due, &a.reference).cmp(&(&b.due, &b.reference)));
            let key = format!("deadline_digest:{id}:{today}");
            let (address, language) = staff(&person);
            let message = Outgoing {
                kind: MessageKind::DeadlineDigest,
                recipient: address,
                language,
                facts: MailFacts {
                    agency: agency_name(&owner, language),
                    link: "/staff/appeals".into(),
                    date: Some(today.to_string()),
                    digest: found,
                    ..MailFacts::default()
                },
                dedup_key: Some(key.clone()),
            };
            let fresh = write_transaction(conn, |conn| -> anyhow::Result<bool> {
                if crate::db::models::outbox::has_dedup_key(conn, &key)? {
                    return Ok(false);
                }
                enqueue(conn, &message, now)?;
                Ok(true)
            })?;
            queued += usize::from(fresh);
        }
    }
    Ok(queued)
}
