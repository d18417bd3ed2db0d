//! Reading a batch of decisions from the request's bytes. Most batches are valid, so the quick
//! way comes first: serde reads the bytes straight into [`DecisionDocument`]s, each value
//! checked by the walker's own rules, with no JSON tree built, walked and dropped. The quick way
//! only ever answers "here is the batch" or "ask the walker": whatever it does not accept, for
//! any reason, is parsed again strictly and read by the walker ([`super::decision_walk`]),
//! which names every problem. So it may refuse more than the walker but never less, and it
//! builds the same documents; `domain::properties` holds it to both (docs/performance.md,
//! "Ingest").

use super::decision::{
    Action, Change, Counterfactual, DataSource, DecisionBatch, DecisionDocument, Factor,
    OutcomeDirection, Subject,
};
use super::decision_quality;
use super::decision_walk::{
    is_national_id, is_region_code, language_code, read_batch, MAX_BATCH, MAX_COUNTERFACTUALS,
    MAX_DATA_SOURCES, MAX_FACTORS, MAX_FUTURE, MAX_SHORT,
};
use super::rules::valid_email;
use super::strict_json;
use super::validator::{check_string, Problem, MAX_TEXT_CHARS};
use app::i18n::Locale;
use app::types::{HumanInvolvement, LocalizedText};
use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;

/// Why a batch was refused before the database was asked anything.
#[derive(Debug, PartialEq)]
pub enum Refused {
    /// Not JSON, or a key given twice (400).
    NotJson(String),
    /// Every problem in every item (422).
    Invalid(Vec<Problem>),
}

/// Reads the batch in `body` at `now`: the documents, or why not.
pub fn read_batch_body(body: &[u8], now: DateTime<Utc>) -> Result<DecisionBatch, Refused> {
    if let Some(batch) = read_batch_quickly(body, now) {
        return Ok(batch);
    }
    read_batch_by_walker(body, now)
}

/// Reads the batch in `body` the slow way only: parsed strictly, then read by the walker,
/// which names every problem. For a body the quick way has refused already.
pub fn read_batch_by_walker(body: &[u8], now: DateTime<Utc>) -> Result<DecisionBatch, Refused> {
    let document = strict_json::parse(body).map_err(Refused::NotJson)?;
    read_batch(&document, now).map_err(Refused::Invalid)
}

/// Batches with fewer items than this are read on the calling thread.
const READ_IN_PARALLEL_FROM: usize = 64;

/// The batch in `body` if every item in it is right, else `None`. The items of a body shaped
/// as integrators send it are read in parallel; any other shape is read in one piece.
pub fn read_batch_quickly(body: &[u8], now: DateTime<Utc>) -> Option<DecisionBatch> {
    let decisions = match split_items(body) {
        Some(items) => {
            if !(1..=MAX_BATCH).contains(&items.len()) {
                return None;
            }
            crate::parallel::map_in_parts(items, READ_IN_PARALLEL_FROM, |_, item| {
                read_item_quickly(item, now)
            })
            .into_iter()
            .collect::<Option<Vec<_>>>()?
        }
        None => {
            let batch: WireBatch = serde_json::from_slice(body).ok()?;
            if !(1..=MAX_BATCH).contains(&batch.decisions.len()) {
                return None;
            }
            batch
                .decisions
                .into_iter()
                .map(|item| item.into_document(now))
                .collect::<Option<Vec<_>>>()?
        }
    };
    let mut external_ids = HashSet::with_capacity(decisions.len());
    if !decisions
        .iter()
        .all(|d| external_ids.insert(d.external_id.as_str()))
    {
        return None;
    }
    Some(DecisionBatch { decisions })
}

/// One item of a batch (bytes [`split_items`] found) as a document, if it is right in
/// itself; `None` sends the whole batch to the walker. Whether its external id is repeated
/// elsewhere in the batch is for the caller to see.
pub fn read_item_quickly(item: &[u8], now: DateTime<Utc>) -> Option<DecisionDocument> {
    serde_json::from_slice::<WireDecision>(item)
        .ok()?
        .into_document(now)
}

/// The bytes of each item of a body of exactly the shape `{"decisions": [item, ...]}`, with
/// any JSON whitespace, or `None` for any other shape. Items are only delimited here (strings,
/// escapes and nesting followed); each is parsed on its own afterwards, which refuses any item
/// that is not one whole JSON value.
pub fn split_items(body: &[u8]) -> Option<Vec<&[u8]>> {
    let mut at = expect(body, skip_space(body, 0), b"{")?;
    at = expect(body, at, b"\"decisions\"")?;
    at = expect(body, at, b":")?;
    at = expect(body, at, b"[")?;
    let mut items = Vec::new();
    if body.get(at) == Some(&b']') {
        at += 1;
    } else {
        loop {
            let end = value_end(body, at)?;
            items.push(&body[at..end]);
            at = skip_space(body, end);
            match body.get(at)? {
                b',' => at = skip_space(body, at + 1),
                b']' => {
                    at += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    at = expect(body, skip_space(body, at), b"}")?;
    (at == body.len()).then_some(items)
}

/// The position after `token` at `at`, and after the whitespace that follows it.
fn expect(body: &[u8], at: usize, token: &[u8]) -> Option<usize> {
    body.get(at..at + token.len())
        .filter(|found| *found == token)
        .map(|_| skip_space(body, at + token.len()))
}

fn skip_space(body: &[u8], mut at: usize) -> usize {
    while matches!(body.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// Where the value starting at `at` ends: after its closing bracket or quote, or, for a bare
/// word or number, at the next delimiter.
fn value_end(body: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    while let Some(&b) = body.get(i) {
        match b {
            b'"' => {
                i = string_end(body, i + 1)?;
                if depth == 0 {
                    return Some(i);
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => {
                return (i > at).then_some(i);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The position after the closing quote of the string whose characters start at `at`. Most
/// of a batch's bytes are inside strings, so they are skipped to the next quote or backslash
/// by memchr rather than looked at one by one; an escaped character never ends the string.
fn string_end(body: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let found = at + memchr::memchr2(b'"', b'\\', body.get(at..)?)?;
        if body[found] == b'"' {
            return Some(found + 1);
        }
        at = found + 2;
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireBatch {
    decisions: Vec<WireDecision>,
}

/// One item as sent. Every field holds a value that passed the walker's rule for it; what
/// spans fields is checked by [`WireDecision::into_document`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireDecision {
    external_id: Checked<MAX_SHORT>,
    system: Checked<64>,
    system_version: Option<Whole>,
    outcome: Checked<64>,
    outcome_label: Text<MAX_SHORT>,
    outcome_direction: Option<Checked<64>>,
    decided_at: Checked<40>,
    legal_basis: Text<MAX_TEXT_CHARS>,
    summary: Text<MAX_TEXT_CHARS>,
    factors: Option<Vec<WireFactor>>,
    counterfactuals: Option<Vec<WireCounterfactual>>,
    data_sources: Option<Vec<WireDataSource>>,
    human_involvement: Checked<64>,
    human_reviewer: Option<Checked<254>>,
    model_version: Checked<MAX_SHORT>,
    subject: Option<WireSubject>,
    action: Option<WireAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireFactor {
    key: Checked<64>,
    label: Text<MAX_SHORT>,
    value: Checked<MAX_SHORT>,
    unit: Option<Checked<32>>,
    contribution: Finite,
    citizen_can_change: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireCounterfactual {
    changes: Vec<WireChange>,
    outcome: Checked<64>,
    outcome_label: Text<MAX_SHORT>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireChange {
    key: Checked<64>,
    to: Checked<MAX_SHORT>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireDataSource {
    category: Text<MAX_SHORT>,
    source: Text<MAX_SHORT>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireSubject {
    email: Option<Checked<254>>,
    national_id: Option<Checked<12>>,
    language: Option<Checked<64>>,
    region: Option<Checked<9>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireAction {
    what: Text<MAX_TEXT_CHARS>,
    by: Checked<10>,
    document: Option<Text<MAX_SHORT>>,
}

impl WireDecision {
    /// The document, if its fields agree with each other as the walker and the hard quality
    /// checks require.
    fn into_document(self, now: DateTime<Utc>) -> Option<DecisionDocument> {
        let factors = self.factors.unwrap_or_default();
        let counterfactuals = self.counterfactuals.unwrap_or_default();
        let data_sources = self.data_sources.unwrap_or_default();
        if factors.len() > MAX_FACTORS
            || counterfactuals.len() > MAX_COUNTERFACTUALS
            || data_sources.len() > MAX_DATA_SOURCES
            || (factors.is_empty() && counterfactuals.is_empty())
        {
            return None;
        }
        let decided_at = DateTime::parse_from_rfc3339(&self.decided_at.0)
            .ok()?
            .with_timezone(&Utc);
        if decided_at > now + MAX_FUTURE {
            return None;
        }
        let human_involvement = HumanInvolvement::parse(&self.human_involvement.0)?;
        let human_reviewer = match self.human_reviewer {
            None => None,
            Some(Checked(email))
                if valid_email(&email) && human_involvement != HumanInvolvement::None =>
            {
                Some(email)
            }
            Some(_) => return None,
        };
        let outcome_direction = match self.outcome_direction {
            None => None,
            Some(Checked(direction)) => Some(OutcomeDirection::parse(&direction)?),
        };
        let factors: Vec<Factor> = factors.into_iter().map(WireFactor::into_factor).collect();
        let repeated_key = factors
            .iter()
            .enumerate()
            .any(|(i, f)| factors[..i].iter().any(|earlier| earlier.key == f.key));
        if repeated_key {
            return None;
        }
        let counterfactuals = counterfactuals
            .into_iter()
            .map(|c| c.into_counterfactual(&factors))
            .collect::<Option<Vec<_>>>()?;
        let document = DecisionDocument {
            external_id: self.external_id.0,
            system: self.system.0,
            system_version: self.system_version.map(|Whole(n)| n),
            outcome: self.outcome.0,
            outcome_label: self.outcome_label.0,
            outcome_direction,
            decided_at,
            legal_basis: self.legal_basis.0,
            summary: self.summary.0,
            factors,
            counterfactuals,
            data_sources: data_sources
                .into_iter()
                .map(|s| DataSource {
                    category: s.category.0,
                    source: s.source.0,
                })
                .collect(),
            human_involvement,
            human_reviewer,
            model_version: self.model_version.0,
            subject: match self.subject {
                None => None,
                Some(subject) => Some(subject.into_subject()?),
            },
            action: match self.action {
                None => None,
                Some(action) => Some(action.into_action()?),
            },
        };
        decision_quality::contradictions(&document)
            .is_empty()
            .then_some(document)
    }
}

impl WireFactor {
    fn into_factor(self) -> Factor {
        Factor {
            key: self.key.0,
            label: self.label.0,
            value: self.value.0,
            unit: self.unit.map(|Checked(unit)| unit),
            contribution: self.contribution.0,
            citizen_can_change: self.citizen_can_change,
        }
    }
}

impl WireCounterfactual {
    /// The counterfactual, if it changes at least one factor and only factors of this
    /// decision the citizen can change.
    fn into_counterfactual(self, factors: &[Factor]) -> Option<Counterfactual> {
        if self.changes.is_empty() || self.changes.len() > MAX_FACTORS {
            return None;
        }
        let changeable = |key: &str| factors.iter().any(|f| f.key == key && f.citizen_can_change);
        let changes = self
            .changes
            .into_iter()
            .map(|c| {
                changeable(&c.key.0).then_some(Change {
                    key: c.key.0,
                    to: c.to.0,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Counterfactual {
            changes,
            outcome: self.outcome.0,
            outcome_label: self.outcome_label.0,
        })
    }
}

impl WireSubject {
    fn into_subject(self) -> Option<Subject> {
        let email = match self.email {
            Some(Checked(email)) if !valid_email(&email) => return None,
            email => email.map(|Checked(e)| e),
        };
        let national_id = match self.national_id {
            Some(Checked(id)) if !is_national_id(&id) => return None,
            id => id.map(|Checked(id)| id),
        };
        let language = match self.language {
            None => None,
            Some(Checked(code)) => Some(language_code(&code)?),
        };
        let region = match self.region {
            Some(Checked(code)) if !is_region_code(&code) => return None,
            code => code.map(|Checked(code)| code),
        };
        Some(Subject {
            email,
            national_id,
            language,
            region,
        })
    }
}

impl WireAction {
    fn into_action(self) -> Option<Action> {
        Some(Action {
            what: self.what.0,
            by: NaiveDate::parse_from_str(&self.by.0, "%Y-%m-%d").ok()?,
            document: self.document.map(|Text(text)| text),
        })
    }
}

/// A string of at most `MAX` characters that passes [`check_string`].
struct Checked<const MAX: usize>(String);

impl<'de, const MAX: usize> Deserialize<'de> for Checked<MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        check_string(&text, MAX).map_err(de::Error::custom)?;
        Ok(Checked(text))
    }
}

/// A text in at least one of kk, ru and en, each at most `MAX` characters, as the walker's
/// `text` requires.
struct Text<const MAX: usize>(LocalizedText);

impl<'de, const MAX: usize> Deserialize<'de> for Text<MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(TextVisitor::<MAX>)
    }
}

struct TextVisitor<const MAX: usize>;

impl<'de, const MAX: usize> Visitor<'de> for TextVisitor<MAX> {
    type Value = Text<MAX>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text by language code")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text<MAX>, A::Error> {
        let mut texts: Vec<(Locale, String)> = Vec::with_capacity(Locale::ALL.len());
        while let Some(Language(locale)) = map.next_key()? {
            let Checked::<MAX>(text) = map.next_value()?;
            if texts.iter().any(|(given, _)| *given == locale) {
                return Err(de::Error::custom("a language is given twice"));
            }
            texts.push((locale, text));
        }
        if texts.is_empty() {
            return Err(de::Error::custom("no language is given"));
        }
        Ok(Text(LocalizedText::from_pairs(texts)))
    }
}

/// A language code the portal speaks.
struct Language(Locale);

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(LanguageVisitor)
    }
}

struct LanguageVisitor;

impl Visitor<'_> for LanguageVisitor {
    type Value = Language;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("kk, ru or en")
    }

    fn visit_str<E: de::Error>(self, code: &str) -> Result<Language, E> {
        language_code(code)
            .map(Language)
            .ok_or_else(|| E::custom("not a supported language"))
    }
}

/// Any JSON number, as the walker reads numbers (`Value::as_f64`).
fn any_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    struct NumberVisitor;
    impl Visitor<'_> for NumberVisitor {
        type Value = f64;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number")
        }
        fn visit_u64<E>(self, n: u64) -> Result<f64, E> {
            Ok(n as f64)
        }
        fn visit_i64<E>(self, n: i64) -> Result<f64, E> {
            Ok(n as f64)
        }
        fn visit_f64<E>(self, n: f64) -> Result<f64, E> {
            Ok(n)
        }
    }
    deserializer.deserialize_any(NumberVisitor)
}

/// A finite number (a factor's contribution).
struct Finite(f64);

impl<'de> Deserialize<'de> for Finite {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = any_number(deserializer)?;
        if n.is_finite() {
            Ok(Finite(n))
        } else {
            Err(de::Error::custom("not a finite number"))
        }
    }
}

/// A whole number of at least 1 that fits an `i32`; `2.0` counts, as JSON does not tell it
/// from `2` (a system version).
struct Whole(i32);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = any_number(deserializer)?;
        if n.fract() == 0.0 && (1.0..=f64::from(i32::MAX)).contains(&n) {
            Ok(Whole(n as i32))
        } else {
            Err(de::Error::custom("not a whole number of at least 1"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn now() -> DateTime<Utc> {
        "2026-11-30T12:00:00Z".parse().unwrap()
    }

    /// The property tests' full item, with a version written as `2.0`, a whole contribution
    /// and an explicit `null`, which the quick reader must read as the walker does.
    fn item() -> Value {
        let mut item = crate::domain::properties::full_item();
        item["system_version"] = json!(2.0);
        item["factors"][0]["contribution"] = json!(-1);
        item["action"]["document"] = Value::Null;
        item
    }

    fn body(items: &[Value]) -> Vec<u8> {
        serde_json::to_vec(&json!({ "decisions": items })).unwrap()
    }

    #[test]
    fn a_valid_batch_is_read_quickly_into_the_walkers_documents() {
        let items = [item(), {
            let mut second = item();
            second["external_id"] = json!("HB-2");
            second.as_object_mut().unwrap().remove("subject");
            second
        }];
        let quick = read_batch_quickly(&body(&items), now()).expect("read quickly");
        let walked = read_batch(&json!({ "decisions": items }), now()).unwrap();
        assert_eq!(quick, walked);
        assert_eq!(quick.decisions[0].system_version, Some(2));
    }

    /// A change made to a valid item.
    type Mutation = Box<dyn Fn(&mut Value)>;

    #[test]
    fn anything_the_walker_refuses_is_left_to_it() {
        let mutations: Vec<Mutation> = vec![
            Box::new(|i| i["extra"] = json!(1)),
            Box::new(|i| i["external_id"] = json!(" ")),
            Box::new(|i| i["outcome_label"] = json!({})),
            Box::new(|i| i["outcome_label"]["de"] = json!("Abgelehnt")),
            Box::new(|i| i["system_version"] = json!(0)),
            Box::new(|i| i["decided_at"] = json!("2026-12-05T00:00:00Z")),
            Box::new(|i| i["factors"][1]["key"] = json!("income")),
            Box::new(|i| i["counterfactuals"][0]["changes"][0]["key"] = json!("age")),
            Box::new(|i| i["counterfactuals"][0]["changes"] = json!([])),
            Box::new(|i| i["human_involvement"] = json!("none")),
            Box::new(|i| i["subject"]["national_id"] = json!("90010130012x")),
            Box::new(|i| i["subject"]["email"] = json!("a@b@c")),
            Box::new(|i| i["model_version"] = json!("a\u{0}b")),
            Box::new(|i| i["factors"][0]["contribution"] = json!("big")),
            Box::new(|i| i["action"]["by"] = json!("08.12.2026")),
            Box::new(|i| {
                i["factors"] = json!([]);
                i["counterfactuals"] = json!(null);
            }),
        ];
        for (n, mutate) in mutations.iter().enumerate() {
            let mut bad = item();
            mutate(&mut bad);
            assert!(
                read_batch_quickly(&body(&[bad.clone()]), now()).is_none(),
                "mutation {n}"
            );
            assert!(
                matches!(read_batch_body(&body(&[bad]), now()), Err(Refused::Invalid(p)) if !p.is_empty()),
                "mutation {n}"
            );
        }
        assert!(read_batch_quickly(&body(&[item(), item()]), now()).is_none());
    }

    #[test]
    fn a_key_given_twice_or_a_broken_body_is_a_parse_error() {
        let twice = br#"{"decisions": [], "decisions": []}"#;
        assert!(matches!(
            read_batch_body(twice, now()),
            Err(Refused::NotJson(m)) if m.contains("appears twice")
        ));
        let mut text = String::from_utf8(body(&[item()])).unwrap();
        text = text.replacen(r#""en":"Denied""#, r#""en":"Denied","en":"Denied""#, 1);
        assert!(read_batch_quickly(text.as_bytes(), now()).is_none());
        assert!(matches!(
            read_batch_body(text.as_bytes(), now()),
            Err(Refused::NotJson(_))
        ));
        assert!(matches!(
            read_batch_body(b"{\"decisions\": [", now()),
            Err(Refused::NotJson(_))
        ));
    }

    #[test]
    fn the_items_of_a_batch_are_found_whatever_their_strings_hold() {
        let body = br#" {"decisions" :[ {"a": "x]}\"{,"}, [1, {"b": []}] ,"s\\" , 12 ,null]}
 "#;
        let items: Vec<&str> = split_items(body)
            .unwrap()
            .into_iter()
            .map(|i| std::str::from_utf8(i).unwrap())
            .collect();
        assert_eq!(
            items,
            vec![
                r#"{"a": "x]}\"{,"}"#,
                r#"[1, {"b": []}]"#,
                r#""s\\""#,
                "12",
                "null"
            ]
        );
        assert_eq!(split_items(br#"{"decisions": []}"#), Some(vec![]));
        for other in [
            &br#"{"decisions": [1], "decisions": [2]}"#[..],
            br#"{"decisions": [1]} x"#,
            br#"{"decisions": [1,]}"#,
            br#"{"decisions": [{"a": 1]}"#,
            br#"{"decision": [1]}"#,
            br#"{"decisions": [1]"#,
            br#"["decisions"]"#,
            br#"{"decisions": ["a\"]}"#,
            br#"{"decisions": ["a\"#,
            br#"{"decisions": ["a"#,
        ] {
            assert_eq!(
                split_items(other),
                None,
                "{}",
                String::from_utf8_lossy(other)
            );
        }
    }

    #[test]
    fn a_large_batch_is_read_in_parallel_into_the_same_documents_as_the_walker() {
        let items: Vec<Value> = (0..150)
            .map(|n| {
                let mut item = item();
                item["external_id"] = json!(format!("HB-{n}"));
                item
            })
            .collect();
        let text = serde_json::to_string_pretty(&json!({ "decisions": items })).unwrap();
        assert!(split_items(text.as_bytes()).is_some());
        let quick = read_batch_quickly(text.as_bytes(), now()).expect("read quickly");
        assert_eq!(
            quick,
            read_batch(&json!({ "decisions": items }), now()).unwrap()
        );
        let mut with_one_bad = items.clone();
        with_one_bad[120]["factors"][0]["contribution"] = json!(null);
        assert!(read_batch_quickly(&body(&with_one_bad), now()).is_none());
        let mut repeated = items;
        repeated[140]["external_id"] = json!("HB-3");
        assert!(read_batch_quickly(&body(&repeated), now()).is_none());
    }
}
