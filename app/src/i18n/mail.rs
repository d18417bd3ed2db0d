//! The words of the email notifications (docs/notifications.md), one `match` arm per
//! `MessageKind`, in the recipient's language. The texts are in `app/locales` under `mail_`.
//!
//! The server lays a message out in this order: the paragraphs; the quote (a person's own
//! words, introduced by the last paragraph when there is one); the list; the link, labelled
//! `action`; the footer. Nothing secret is ever in the words: the link carries the token.

use super::appeal_labels::{finding, outcome};
use super::{format_date, Locale};
use crate::tr;
use crate::types::{DigestLine, FindingKind, MailFacts, MailWords, MessageKind};

/// The words of one message, filled from its facts.
pub fn mail_words(locale: Locale, kind: MessageKind, facts: &MailFacts) -> MailWords {
    let reference = facts.reference.as_str();
    let agency = facts.agency.as_str();
    let date = facts.date.as_deref().map(|d| date(locale, d));
    let quote = facts.text.clone().filter(|t| !t.trim().is_empty());
    let citizen = tr!(locale, mail_footer_citizen);
    let staff = tr!(locale, mail_footer_staff);
    let follow = tr!(locale, mail_action_follow);

    let mut words = MailWords {
        subject: String::new(),
        paragraphs: Vec::new(),
        quote: None,
        list: Vec::new(),
        action: String::new(),
        footer: String::new(),
    };
    let mut say = |subject: String, paragraphs: Vec<String>, action: &str, footer: &str| {
        words.subject = subject;
        words.paragraphs = paragraphs;
        words.action = action.to_string();
        words.footer = footer.to_string();
    };
    // The line that introduces the quote, when there is one to introduce.
    let introduce = |paragraphs: &mut Vec<String>, intro: &str| {
        if quote.is_some() {
            paragraphs.push(intro.to_string());
        }
    };

    match kind {
        MessageKind::ChallengeReceived => {
            let mut next = tr!(locale, mail_received_confirm_first).to_string();
            if let Some(date) = &date {
                next = format!(
                    "{next} {}",
                    tr!(locale, mail_received_decide_by, date = date)
                );
            }
            say(
                tr!(locale, mail_received_subject, reference = reference),
                vec![
                    tr!(
                        locale,
                        mail_received_filed,
                        reference = reference,
                        decision_reference = facts.decision_reference.as_str(),
                        agency = agency
                    ),
                    next,
                    tr!(locale, mail_received_each_step).to_string(),
                ],
                follow,
                citizen,
            );
        }
        MessageKind::ConfirmAddress => say(
            tr!(locale, mail_confirm_subject, reference = reference),
            vec![
                tr!(locale, mail_confirm_filed, reference = reference),
                tr!(locale, mail_confirm_why).to_string(),
                link_once(locale, facts.valid_minutes),
                tr!(locale, mail_confirm_not_you).to_string(),
            ],
            tr!(locale, mail_action_confirm_address),
            citizen,
        ),
        MessageKind::Acknowledged => {
            let mut paragraphs = vec![tr!(
                locale,
                mail_acknowledged_body,
                agency = agency,
                reference = reference
            )];
            if let Some(date) = &date {
                paragraphs.push(tr!(locale, mail_acknowledged_due, date = date));
            }
            say(
                tr!(locale, mail_acknowledged_subject, reference = reference),
                paragraphs,
                follow,
                citizen,
            );
        }
        MessageKind::InformationRequested => {
            let mut paragraphs = vec![
                tr!(
                    locale,
                    mail_information_body,
                    agency = agency,
                    reference = reference
                ),
                tr!(locale, mail_information_paused).to_string(),
            ];
            introduce(&mut paragraphs, tr!(locale, mail_information_quote));
            say(
                tr!(locale, mail_information_subject, reference = reference),
                paragraphs,
                tr!(locale, mail_action_answer),
                citizen,
            );
        }
        MessageKind::DeadlineExtended => {
            let mut paragraphs = vec![tr!(
                locale,
                mail_extended_body,
                agency = agency,
                reference = reference
            )];
            if let Some(date) = &date {
                paragraphs.push(tr!(locale, mail_extended_due, date = date));
            }
            introduce(&mut paragraphs, tr!(locale, mail_extended_quote));
            say(
                tr!(locale, mail_extended_subject, reference = reference),
                paragraphs,
                follow,
                citizen,
            );
        }
        MessageKind::OutcomeDecided => {
            let decided = match facts.outcome {
                Some(o) => tr!(
                    locale,
                    mail_decided_body_outcome,
                    agency = agency,
                    reference = reference,
                    outcome = outcome(locale, o)
                ),
                None => tr!(
                    locale,
                    mail_decided_body,
                    agency = agency,
                    reference = reference
                ),
            };
            let escalate = match &date {
                Some(date) => tr!(locale, mail_decided_escalate_until, date = date),
                None => tr!(locale, mail_decided_escalate).to_string(),
            };
            let mut paragraphs = vec![decided, escalate, tr!(locale, mail_court).to_string()];
            introduce(&mut paragraphs, tr!(locale, mail_decided_quote));
            say(
                tr!(locale, mail_decided_subject, reference = reference),
                paragraphs,
                tr!(locale, mail_action_read_decision),
                citizen,
            );
        }
        MessageKind::Escalated => say(
            tr!(locale, mail_escalated_subject, reference = reference),
            vec![
                tr!(locale, mail_escalated_body, reference = reference),
                tr!(locale, mail_escalated_next).to_string(),
            ],
            follow,
            citizen,
        ),
        MessageKind::OmbudsmanFinding => {
            let found = match facts.finding {
                Some(f) => tr!(
                    locale,
                    mail_finding_body_finding,
                    reference = reference,
                    finding = finding(locale, f)
                ),
                None => tr!(locale, mail_finding_body, reference = reference),
            };
            let mut paragraphs = vec![found];
            match facts.finding {
                Some(FindingKind::RecommendReconsideration) => {
                    paragraphs.push(tr!(locale, mail_finding_reconsider).to_string());
                }
                Some(FindingKind::OutcomeStands) => {
                    paragraphs.push(format!(
                        "{} {}",
                        tr!(locale, mail_finding_stands),
                        tr!(locale, mail_court)
                    ));
                }
                None => {}
            }
            introduce(&mut paragraphs, tr!(locale, mail_finding_quote));
            say(
                tr!(locale, mail_finding_subject, reference = reference),
                paragraphs,
                tr!(locale, mail_action_read_finding),
                citizen,
            );
        }
        MessageKind::AppealReopened => {
            let mut paragraphs = vec![tr!(
                locale,
                mail_reopened_body,
                agency = agency,
                reference = reference
            )];
            if let Some(date) = &date {
                paragraphs.push(tr!(locale, mail_reopened_due, date = date));
            }
            say(
                tr!(locale, mail_reopened_subject, reference = reference),
                paragraphs,
                follow,
                citizen,
            );
        }
        MessageKind::AssignedToYou => {
            let mut paragraphs = vec![tr!(locale, mail_assigned_body, reference = reference)];
            if let Some(date) = &date {
                paragraphs.push(tr!(locale, mail_assigned_due, date = date));
            }
            say(
                tr!(locale, mail_assigned_subject, reference = reference),
                paragraphs,
                tr!(locale, mail_action_open_case),
                staff,
            );
        }
        MessageKind::ApprovalNeeded => say(
            tr!(locale, mail_approval_subject, reference = reference),
            vec![
                tr!(locale, mail_approval_body, reference = reference),
                tr!(locale, mail_approval_why).to_string(),
            ],
            tr!(locale, mail_action_review_proposal),
            staff,
        ),
        MessageKind::DeadlineDigest => {
            let count = facts.digest.len();
            say(
                tr!(locale, mail_digest_subject, count = count),
                vec![tr!(locale, mail_digest_body).to_string()],
                tr!(locale, mail_action_open_queue),
                staff,
            );
        }
        MessageKind::NewEscalation => say(
            tr!(locale, mail_new_escalation_subject, reference = reference),
            vec![
                tr!(locale, mail_new_escalation_body, reference = reference),
                tr!(locale, mail_new_escalation_agency, agency = agency),
            ],
            tr!(locale, mail_action_open_case),
            staff,
        ),
        MessageKind::SignInLink => say(
            tr!(locale, mail_sign_in_subject).to_string(),
            vec![
                tr!(locale, mail_sign_in_body).to_string(),
                link_once(locale, facts.valid_minutes),
                tr!(locale, mail_sign_in_not_you).to_string(),
            ],
            tr!(locale, mail_action_sign_in),
            tr!(locale, mail_footer_sign_in),
        ),
    }

    if matches!(
        kind,
        MessageKind::InformationRequested
            | MessageKind::DeadlineExtended
            | MessageKind::OutcomeDecided
            | MessageKind::OmbudsmanFinding
    ) {
        words.quote = quote;
    }
    if kind == MessageKind::DeadlineDigest {
        words.list = facts
            .digest
            .iter()
            .map(|line| digest_line(locale, line))
            .collect();
    }
    words
}

/// "RA-7K2M-9QXD — due 15 December 2026", or overdue.
fn digest_line(locale: Locale, line: &DigestLine) -> String {
    let date = date(locale, &line.due);
    let reference = line.reference.as_str();
    if line.overdue {
        tr!(
            locale,
            mail_digest_overdue,
            reference = reference,
            date = date
        )
    } else {
        tr!(locale, mail_digest_due, reference = reference, date = date)
    }
}

/// "The link works only once, for 24 hours."
fn link_once(locale: Locale, valid_minutes: Option<i64>) -> String {
    match valid_minutes.filter(|m| *m > 0) {
        Some(minutes) => tr!(
            locale,
            mail_link_once_for,
            duration = duration(locale, minutes)
        ),
        None => tr!(locale, mail_link_once).to_string(),
    }
}

/// A link's lifetime in whole hours when it is one ("24 hours"), else in minutes, in the form
/// the sentence around it asks for (Russian: the genitive after «в течение»).
fn duration(locale: Locale, minutes: i64) -> String {
    if minutes % 60 == 0 {
        tr!(locale, mail_hours, count = minutes / 60)
    } else {
        tr!(locale, mail_minutes, count = minutes)
    }
}

/// A `YYYY-MM-DD` date written out in `locale`; anything else as it is.
fn date(locale: Locale, text: &str) -> String {
    parse_date(text)
        .map(|(y, m, d)| format_date(locale, y, m, d))
        .unwrap_or_else(|| text.to_string())
}

fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || m.len() != 2
        || d.len() != 2
        || ![y, m, d]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::OutcomeKind;

    const ALL_KINDS: [MessageKind; 14] = [
        MessageKind::ChallengeReceived,
        MessageKind::Acknowledged,
        MessageKind::InformationRequested,
        MessageKind::DeadlineExtended,
        MessageKind::OutcomeDecided,
        MessageKind::Escalated,
        MessageKind::OmbudsmanFinding,
        MessageKind::AppealReopened,
        MessageKind::AssignedToYou,
        MessageKind::ApprovalNeeded,
        MessageKind::DeadlineDigest,
        MessageKind::NewEscalation,
        MessageKind::SignInLink,
        MessageKind::ConfirmAddress,
    ];

    /// Fails to compile when a kind is added, so that `ALL_KINDS` is kept complete.
    fn _every_kind_is_listed(kind: MessageKind) {
        match kind {
            MessageKind::ChallengeReceived
            | MessageKind::Acknowledged
            | MessageKind::InformationRequested
            | MessageKind::DeadlineExtended
            | MessageKind::OutcomeDecided
            | MessageKind::Escalated
            | MessageKind::OmbudsmanFinding
            | MessageKind::AppealReopened
            | MessageKind::AssignedToYou
            | MessageKind::ApprovalNeeded
            | MessageKind::DeadlineDigest
            | MessageKind::NewEscalation
            | MessageKind::SignInLink
            | MessageKind::ConfirmAddress => {}
        }
    }

    fn facts() -> MailFacts {
        MailFacts {
            reference: "RA-7K2M-9QXD".into(),
            decision_reference: "RD-7F3K-9QXD".into(),
            agency: "Department of Social Benefits".into(),
            link: "https://redress.example.kz/appeals/RA-7K2M-9QXD".into(),
            date: Some("2026-12-15".into()),
            text: Some("Please send the certificate of income for March.".into()),
            outcome: Some(OutcomeKind::Overturned),
            finding: Some(FindingKind::RecommendReconsideration),
            valid_minutes: Some(1440),
            digest: vec![
                DigestLine {
                    reference: "RA-AAAA-1111".into(),
                    due: "2026-12-15".into(),
                    overdue: false,
                },
                DigestLine {
                    reference: "RA-BBBB-2222".into(),
                    due: "2026-12-16".into(),
                    overdue: false,
                },
                DigestLine {
                    reference: "RA-CCCC-3333".into(),
                    due: "2026-12-10".into(),
                    overdue: true,
                },
            ],
        }
    }

    fn has_reference(kind: MessageKind) -> bool {
        !matches!(kind, MessageKind::SignInLink | MessageKind::DeadlineDigest)
    }

    fn quotes(kind: MessageKind) -> bool {
        matches!(
            kind,
            MessageKind::InformationRequested
                | MessageKind::DeadlineExtended
                | MessageKind::OutcomeDecided
                | MessageKind::OmbudsmanFinding
        )
    }

    fn all_text(words: &MailWords) -> Vec<&str> {
        let mut all = vec![words.subject.as_str(), &words.action, &words.footer];
        all.extend(words.paragraphs.iter().map(String::as_str));
        all.extend(words.list.iter().map(String::as_str));
        all
    }

    #[test]
    fn every_message_is_complete_in_every_language() {
        let facts = facts();
        for locale in Locale::ALL {
            for kind in ALL_KINDS {
                let words = mail_words(locale, kind, &facts);
                let what = format!("{locale:?} {kind:?}");
                assert!(!words.paragraphs.is_empty(), "{what}: no paragraphs");
                for text in all_text(&words) {
                    assert!(!text.trim().is_empty(), "{what}: empty text in {words:?}");
                    assert!(!text.contains("{{"), "{what}: unfilled {text}");
                    assert!(!text.contains("}}"), "{what}: unfilled {text}");
                    assert!(!text.contains(".."), "{what}: two full stops in {text}");
                }
                if has_reference(kind) {
                    assert!(words.subject.contains("RA-7K2M-9QXD"), "{what}");
                    assert!(
                        words.paragraphs.iter().any(|p| p.contains("RA-7K2M-9QXD")),
                        "{what}"
                    );
                }
                if quotes(kind) {
                    assert_eq!(words.quote, facts.text, "{what}");
                } else {
                    assert_eq!(words.quote, None, "{what}");
                }
                for text in all_text(&words) {
                    assert!(
                        !text.contains(facts.text.as_deref().unwrap()),
                        "{what}: a person's words belong in the quote only"
                    );
                    assert!(!text.contains("2026-12-15"), "{what}: date not written out");
                    assert!(
                        !text.contains("https://"),
                        "{what}: the link is the server's"
                    );
                }
                if kind != MessageKind::DeadlineDigest {
                    assert!(words.list.is_empty(), "{what}");
                }
            }
        }
    }

    #[test]
    fn the_agency_is_named_where_it_acts() {
        let facts = facts();
        for locale in Locale::ALL {
            for kind in [
                MessageKind::ChallengeReceived,
                MessageKind::Acknowledged,
                MessageKind::InformationRequested,
                MessageKind::DeadlineExtended,
                MessageKind::OutcomeDecided,
                MessageKind::AppealReopened,
                MessageKind::NewEscalation,
            ] {
                let words = mail_words(locale, kind, &facts);
                assert!(
                    words.paragraphs.iter().any(|p| p.contains(&facts.agency)),
                    "{locale:?} {kind:?}"
                );
            }
        }
        let received = mail_words(Locale::En, MessageKind::ChallengeReceived, &facts);
        assert!(received.paragraphs[0].contains("RD-7F3K-9QXD"));
    }

    #[test]
    fn dates_are_written_out_in_the_readers_language() {
        let facts = facts();
        let cases = [
            (Locale::En, "by 15 December 2026"),
            (Locale::Ru, "позднее 15 декабря 2026 г."),
            (Locale::Kk, "2026 жылғы 15 желтоқсан күнінен кешіктірмей"),
        ];
        for (locale, expected) in cases {
            for kind in [
                MessageKind::ChallengeReceived,
                MessageKind::Acknowledged,
                MessageKind::DeadlineExtended,
                MessageKind::AppealReopened,
                MessageKind::AssignedToYou,
            ] {
                let words = mail_words(locale, kind, &facts);
                assert!(
                    words.paragraphs.iter().any(|p| p.contains(expected)),
                    "{locale:?} {kind:?}: {:?}",
                    words.paragraphs
                );
            }
        }
        let decided = mail_words(Locale::En, MessageKind::OutcomeDecided, &facts);
        assert!(decided.paragraphs[1].contains("until 15 December 2026"));
    }

    #[test]
    fn a_date_that_does_not_parse_is_shown_as_it_is() {
        let facts = MailFacts {
            date: Some("soon".into()),
            ..facts()
        };
        let words = mail_words(Locale::En, MessageKind::Acknowledged, &facts);
        assert!(words.paragraphs[1].contains("by soon"));
        assert_eq!(parse_date("2026-13-01"), None);
        assert_eq!(parse_date("2026-1-01"), None);
        assert_eq!(parse_date("2026-12-15"), Some((2026, 12, 15)));
    }

    #[test]
    fn without_a_date_the_sentence_with_it_is_left_out() {
        let facts = MailFacts {
            date: None,
            ..facts()
        };
        for locale in Locale::ALL {
            let with = mail_words(locale, MessageKind::ChallengeReceived, &self::facts());
            let without = mail_words(locale, MessageKind::ChallengeReceived, &facts);
            assert_eq!(without.paragraphs.len(), with.paragraphs.len());
            assert!(without.paragraphs[1].len() < with.paragraphs[1].len());
            let ack = mail_words(locale, MessageKind::Acknowledged, &facts);
            assert_eq!(ack.paragraphs.len(), 1);
            let decided = mail_words(locale, MessageKind::OutcomeDecided, &facts);
            assert!(decided.paragraphs.iter().all(|p| !p.contains("{{")));
        }
    }

    #[test]
    fn the_digest_lists_each_appeal_and_counts_them_in_the_subject() {
        let facts = facts();
        for locale in Locale::ALL {
            let words = mail_words(locale, MessageKind::DeadlineDigest, &facts);
            assert_eq!(words.list.len(), 3, "{locale:?}");
            assert!(
                words.subject.starts_with("3 "),
                "{locale:?}: {}",
                words.subject
            );
            assert!(words.list[0].starts_with("RA-AAAA-1111"));
            assert!(words.list[2].starts_with("RA-CCCC-3333"));
            assert_ne!(
                words.list[1].replace("RA-BBBB-2222", "").replace("16", ""),
                words.list[2].replace("RA-CCCC-3333", "").replace("10", ""),
                "{locale:?}: overdue reads differently"
            );
        }
        let en = mail_words(Locale::En, MessageKind::DeadlineDigest, &facts);
        assert_eq!(
            en.subject,
            "3 appeals need a decision within two working days"
        );
        assert_eq!(en.list[0], "RA-AAAA-1111 — due 15 December 2026");
        assert_eq!(
            en.list[2],
            "RA-CCCC-3333 — overdue, was due 10 December 2026"
        );
        let ru = mail_words(Locale::Ru, MessageKind::DeadlineDigest, &facts);
        assert_eq!(ru.list[0], "RA-AAAA-1111 — срок: 15 декабря 2026 г.");
        assert!(ru.subject.starts_with("3 жалобы требуют"));
        let digest = |n: usize| MailFacts {
            digest: facts.digest.iter().cycle().take(n).cloned().collect(),
            ..facts.clone()
        };
        let subject =
            |locale, n| mail_words(locale, MessageKind::DeadlineDigest, &digest(n)).subject;
        assert!(subject(Locale::Ru, 1).starts_with("1 жалоба требует"));
        assert!(subject(Locale::Ru, 5).starts_with("5 жалоб требуют"));
        assert!(subject(Locale::Ru, 21).starts_with("21 жалоба требует"));
        assert!(subject(Locale::En, 1).starts_with("1 appeal needs"));
        assert!(subject(Locale::Kk, 2).starts_with("2 шағым бойынша"));
    }

    #[test]
    fn link_lifetimes_read_as_people_say_them() {
        assert_eq!(duration(Locale::En, 1440), "24 hours");
        assert_eq!(duration(Locale::En, 60), "1 hour");
        assert_eq!(duration(Locale::En, 15), "15 minutes");
        assert_eq!(duration(Locale::En, 1), "1 minute");
        // Russian: the genitive, after «в течение».
        assert_eq!(duration(Locale::Ru, 1440), "24 часов");
        assert_eq!(duration(Locale::Ru, 60), "1 часа");
        assert_eq!(duration(Locale::Ru, 21 * 60), "21 часа");
        assert_eq!(duration(Locale::Ru, 15), "15 минут");
        assert_eq!(duration(Locale::Ru, 2), "2 минут");
        assert_eq!(duration(Locale::Ru, 21), "21 минуты");
        assert_eq!(duration(Locale::Kk, 1440), "24 сағат");
        assert_eq!(duration(Locale::Kk, 15), "15 минут");
        let facts = facts();
        let sign_in = |locale| mail_words(locale, MessageKind::SignInLink, &facts);
        assert!(sign_in(Locale::En).paragraphs[1].contains("for 24 hours"));
        assert!(sign_in(Locale::Ru).paragraphs[1].contains("в течение 24 часов"));
        assert!(sign_in(Locale::Kk).paragraphs[1].contains("24 сағат ішінде"));
        let no_time = MailFacts {
            valid_minutes: None,
            ..facts.clone()
        };
        let words = mail_words(Locale::En, MessageKind::ConfirmAddress, &no_time);
        assert_eq!(words.paragraphs[2], "The link works only once.");
    }

    #[test]
    fn the_outcome_and_finding_are_named_and_the_next_step_follows_the_finding() {
        let facts = facts();
        for locale in Locale::ALL {
            let decided = mail_words(locale, MessageKind::OutcomeDecided, &facts);
            assert!(decided.paragraphs[0].contains(outcome(locale, OutcomeKind::Overturned)));
            let reconsider = mail_words(locale, MessageKind::OmbudsmanFinding, &facts);
            let stands = mail_words(
                locale,
                MessageKind::OmbudsmanFinding,
                &MailFacts {
                    finding: Some(FindingKind::OutcomeStands),
                    ..facts.clone()
                },
            );
            assert!(reconsider.paragraphs[0]
                .contains(finding(locale, FindingKind::RecommendReconsideration)));
            assert!(stands.paragraphs[0].contains(finding(locale, FindingKind::OutcomeStands)));
            assert_ne!(reconsider.paragraphs[1], stands.paragraphs[1]);
            assert!(stands.paragraphs[1].contains(tr!(locale, mail_court)));
            assert!(decided
                .paragraphs
                .iter()
                .any(|p| p == tr!(locale, mail_court)));
        }
    }

    #[test]
    fn without_words_to_quote_there_is_no_quote_and_no_line_introducing_it() {
        let facts = MailFacts {
            text: None,
            ..facts()
        };
        for locale in Locale::ALL {
            let with = mail_words(locale, MessageKind::InformationRequested, &self::facts());
            let without = mail_words(locale, MessageKind::InformationRequested, &facts);
            assert_eq!(without.quote, None);
            assert_eq!(without.paragraphs.len() + 1, with.paragraphs.len());
        }
    }

    #[test]
    fn footers_say_why_the_mail_came() {
        let facts = facts();
        for locale in Locale::ALL {
            let footer = |kind| mail_words(locale, kind, &facts).footer;
            assert_eq!(
                footer(MessageKind::Escalated),
                tr!(locale, mail_footer_citizen)
            );
            assert_eq!(
                footer(MessageKind::ConfirmAddress),
                tr!(locale, mail_footer_citizen)
            );
            assert_eq!(
                footer(MessageKind::DeadlineDigest),
                tr!(locale, mail_footer_staff)
            );
            assert_eq!(
                footer(MessageKind::NewEscalation),
                tr!(locale, mail_footer_staff)
            );
            assert_eq!(
                footer(MessageKind::SignInLink),
                tr!(locale, mail_footer_sign_in)
            );
        }
    }
}
