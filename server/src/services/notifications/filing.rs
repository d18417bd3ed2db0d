//! The message a filing causes: to an address already confirmed, "challenge received"; to a
//! new one, the same news with a single-use link confirming it, before anything else is sent.

use super::addresses::{agency_name, confirmed_citizen, normalise};
use super::links::{self, Purpose};
use crate::db::models::agency::Agency;
use crate::db::DbConnection;
use crate::mail::outgoing::{enqueue, Outgoing};
use app::i18n::Locale;
use app::types::{MailFacts, MessageKind};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::QueryResult;

/// What a filing is known by when its message is written.
pub struct Filing<'a> {
    pub reference: &'a str,
    pub decision_reference: &'a str,
    pub agency: &'a Agency,
    pub contact_email: &'a str,
    pub language: Locale,
    pub decide_by: NaiveDate,
}

/// Queues the filing's message.
pub fn after_filing(
    conn: &mut DbConnection,
    filing: &Filing<'_>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let mut facts = MailFacts {
        reference: filing.reference.to_string(),
        decision_reference: filing.decision_reference.to_string(),
        agency: agency_name(filing.agency, filing.language),
        date: Some(filing.decide_by.to_string()),
        ..MailFacts::default()
    };
    let (kind, recipient) = match confirmed_citizen(conn, filing.contact_email)? {
        Some(confirmed) => {
            facts.link = format!("/me/appeals/{}", filing.reference);
            (MessageKind::ChallengeReceived, confirmed)
        }
        None => {
            let address = normalise(filing.contact_email);
            facts.link = links::issue(conn, Purpose::Confirm, &address, now)?;
            facts.valid_minutes = Some(Purpose::Confirm.lifetime_minutes());
            (MessageKind::ConfirmAddress, address)
        }
    };
    enqueue(
        conn,
        &Outgoing {
            kind,
            recipient,
            language: filing.language,
            facts,
            dedup_key: None,
        },
        now,
    )
}
