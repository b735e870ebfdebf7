//! A facts file as `policy eval` reads it: one JSON object of fact id to
//! answer, read strictly, since it may come from anyone.
//!
//! - A fact given twice is refused by name (JSON readers differ on which
//!   of `{"age": 200, "age": 30}` counts; the engine's reader keeps the last).
//! - A UTF-8 byte order mark before the object is skipped (editors on
//!   Windows write one).
//! - Whole numbers written otherwise (`-0`, `3e1`) are the numbers they are
//!   (see `engine::value_from_json`).
//! - Unknown keys are counted as they are read, not kept: the first
//!   [`NAMED_UNKNOWN`] are named, with a suggestion, and the rest counted,
//!   so two million of them take a moment and print a dozen lines.

use crate::engine::fact::closest;
use crate::engine::{value_from_json, FactDef, FactError, Facts};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::fmt;

/// The largest facts file read: real facts are a few hundred bytes.
pub const MAX_FACTS_FILE: usize = 64 << 20;

/// Unknown facts named one by one; the rest are counted.
pub const NAMED_UNKNOWN: usize = 10;

/// The longest unknown key a message quotes in full.
const MAX_QUOTED_KEY: usize = 64;

/// One thing wrong with a facts file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactsFileError {
    /// Not JSON; serde_json's message, with its line and column.
    NotJson(String),
    /// A fact given more than once.
    Duplicate { id: String },
    /// An unknown key too long to quote whole: its start, and its length in
    /// characters.
    LongUnknownKey { start: String, length: usize },
    /// Not an object, an unknown fact, or an answer the fact does not take.
    Answer(FactError),
}

impl fmt::Display for FactsFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactsFileError::NotJson(why) => write!(f, "the facts are not valid JSON: {why}"),
            FactsFileError::Duplicate { id } => write!(f, "fact `{id}` is given more than once: keep one answer"),
            FactsFileError::LongUnknownKey { start, length } => write!(f, "unknown fact `{start}…` (a name of {length} characters)"),
            FactsFileError::Answer(e) => e.fmt(f),
        }
    }
}

/// Everything wrong with a facts file, the unknown facts beyond the first
/// few counted rather than listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FactsFileErrors {
    /// In the order of the file.
    pub errors: Vec<FactsFileError>,
    /// Unknown facts not in `errors`.
    pub more_unknown: usize,
}

impl FactsFileErrors {
    /// One line per error, then "… and N more unknown facts" when some were
    /// only counted.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.errors.iter().map(ToString::to_string).collect();
        if self.more_unknown > 0 {
            let facts = if self.more_unknown == 1 { "fact" } else { "facts" };
            lines.push(format!("… and {} more unknown {facts}", crate::engine::wording::group_thousands(self.more_unknown as i64)));
        }
        lines
    }
}

impl From<FactsFileError> for FactsFileErrors {
    fn from(e: FactsFileError) -> FactsFileErrors {
        FactsFileErrors { errors: vec![e], more_unknown: 0 }
    }
}

/// Reads the answers in `text` for a pack with these facts.
pub fn read_facts(defs: &[FactDef], text: &str) -> Result<Facts, FactsFileErrors> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.trim_start().starts_with('{') {
        // Not an object: the engine names what it is instead.
        let json: serde_json::Value = serde_json::from_str(text).map_err(|e| FactsFileError::NotJson(e.to_string()))?;
        return Facts::from_json(defs, &json)
            .map_err(|errors| FactsFileErrors { errors: errors.into_iter().map(FactsFileError::Answer).collect(), more_unknown: 0 });
    }
    let mut reading = Reading { defs, facts: Facts::unknown(defs), given: vec![false; defs.len()], errors: Vec::new(), named_unknown: 0, more_unknown: 0 };
    let mut json = serde_json::Deserializer::from_str(text);
    (&mut reading).deserialize(&mut json).and_then(|()| json.end()).map_err(|e| FactsFileError::NotJson(e.to_string()))?;
    if reading.errors.is_empty() && reading.more_unknown == 0 {
        Ok(reading.facts)
    } else {
        Err(FactsFileErrors { errors: reading.errors, more_unknown: reading.more_unknown })
    }
}

/// The state of one read, filled entry by entry as serde_json parses.
struct Reading<'a> {
    defs: &'a [FactDef],
    facts: Facts,
    /// Which facts the file has given an answer for so far.
    given: Vec<bool>,
    errors: Vec<FactsFileError>,
    /// Unknown facts in `errors`.
    named_unknown: usize,
    more_unknown: usize,
}

impl Reading<'_> {
    fn unknown(&mut self, key: &str) {
        if self.named_unknown == NAMED_UNKNOWN {
            self.more_unknown += 1;
            return;
        }
        self.named_unknown += 1;
        self.errors.push(match key.char_indices().nth(MAX_QUOTED_KEY) {
            None => FactsFileError::Answer(FactError::UnknownFact { id: key.to_string(), suggestion: closest(key, self.defs.iter().map(|d| d.id.as_str())) }),
            Some((cut, _)) => FactsFileError::LongUnknownKey { start: key[..cut].to_string(), length: key.chars().count() },
        });
    }
}

impl<'de> DeserializeSeed<'de> for &mut Reading<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut Reading<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object of fact id to answer")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let Some(ix) = self.defs.iter().position(|d| d.id == key) else {
                map.next_value::<IgnoredAny>()?;
                self.unknown(&key);
                continue;
            };
            let json: serde_json::Value = map.next_value()?;
            if std::mem::replace(&mut self.given[ix], true) {
                let duplicate = FactsFileError::Duplicate { id: self.defs[ix].id.clone() };
                if !self.errors.contains(&duplicate) {
                    self.errors.push(duplicate);
                }
                continue;
            }
            match value_from_json(&self.defs[ix], &json) {
                Ok(value) => self.facts.set(ix, value),
                Err(e) => self.errors.push(FactsFileError::Answer(e)),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{FactKind, Text, Value};

    fn defs() -> Vec<FactDef> {
        let fact = |id: &str, kind| FactDef { id: id.into(), kind, question: Text::default(), hint: None, unit: None, asked_when: None, wordings: vec![] };
        vec![fact("age", FactKind::Int { min: 0, max: 130 }), fact("retired", FactKind::Bool)]
    }

    fn errors(text: &str) -> Vec<String> {
        read_facts(&defs(), text).unwrap_err().lines()
    }

    #[test]
    fn reads_answers_as_the_engine_does() {
        let facts = read_facts(&defs(), "\u{feff} {\"age\": 3e1, \"retired\": null}").unwrap();
        assert_eq!((facts.get(0), facts.get(1)), (Some(Value::Int(30)), None));
    }

    #[test]
    fn each_kind_of_bad_file_is_named() {
        let rows: [(&str, &[&str]); 6] = [
            (
                r#"{"age": 200, "age": 30}"#,
                &["fact `age`: 200 is not allowed; expected a whole number from 0 to 130", "fact `age` is given more than once: keep one answer"],
            ),
            (r#"{"age": 1, "age": 1, "age": 1}"#, &["fact `age` is given more than once: keep one answer"]),
            (
                r#"{"agee": 30, "age": 200}"#,
                &["unknown fact `agee` (did you mean `age`?)", "fact `age`: 200 is not allowed; expected a whole number from 0 to 130"],
            ),
            ("[1]", &["facts must be a JSON object of fact id to answer, found a list"]),
            (r#"{"age": 30"#, &["the facts are not valid JSON: EOF while parsing an object at line 1 column 10"]),
            (r#"{"age": 30} {}"#, &["the facts are not valid JSON: trailing characters at line 1 column 13"]),
        ];
        for (text, expected) in rows {
            assert_eq!(errors(text), expected, "{text}");
        }
    }

    #[test]
    fn unknown_facts_beyond_the_first_few_are_counted() {
        let keys: Vec<String> = (0..1_234).map(|i| format!("\"k{i}\": 0")).collect();
        let lines = errors(&format!("{{{}}}", keys.join(",")));
        assert_eq!(lines.len(), NAMED_UNKNOWN + 1);
        assert_eq!(lines[0], "unknown fact `k0`");
        assert_eq!(lines[NAMED_UNKNOWN], "… and 1,224 more unknown facts");
        let long = "x".repeat(100);
        assert_eq!(errors(&format!("{{\"{long}\": 1}}")), [format!("unknown fact `{}…` (a name of 100 characters)", "x".repeat(64))]);
    }
}
