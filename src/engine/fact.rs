//! Facts: what the questionnaire can learn about an applicant, their types and
//! domains, and the answers given so far.

use super::{Date, Expr, Text};
use std::fmt;

/// Where a fact sits in its pack's fact list. Answers are stored by index so
/// that evaluation never hashes a string.
pub type FactIx = usize;

/// The most values an `enum` or `set` fact may have: a set answer is a bit mask.
pub const MAX_CHOICES: usize = 64;

/// One allowed value of an `enum` or `set` fact.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

/// A fact's `type` as a pack writes it, parsed once (in the style of
/// `Decision::parse`); the loader then reads the domain each one takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactType {
    Bool,
    Int,
    Enum,
    Set,
    Date,
}

impl FactType {
    pub const ALL: [FactType; 5] = [FactType::Bool, FactType::Int, FactType::Enum, FactType::Set, FactType::Date];

    pub fn as_str(self) -> &'static str {
        match self {
            FactType::Bool => "bool",
            FactType::Int => "int",
            FactType::Enum => "enum",
            FactType::Set => "set",
            FactType::Date => "date",
        }
    }

    pub fn parse(text: &str) -> Option<FactType> {
        FactType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// Whether the type takes a list of `values` (and must have one).
    pub fn has_values(self) -> bool {
        matches!(self, FactType::Enum | FactType::Set)
    }

    /// Whether the type takes `min` and `max`.
    pub fn has_bounds(self) -> bool {
        matches!(self, FactType::Int | FactType::Date)
    }
}

/// A fact's type and domain.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum FactKind {
    Bool,
    /// A whole number in `min..=max`.
    Int {
        min: i64,
        max: i64,
    },
    /// Exactly one of the choices.
    Enum(Vec<Choice>),
    /// Any number of the choices, none included.
    Set(Vec<Choice>),
    /// A calendar date, optionally bounded.
    Date {
        min: Option<Date>,
        max: Option<Date>,
    },
}

impl FactKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            FactKind::Bool => "bool",
            FactKind::Int { .. } => "int",
            FactKind::Enum(_) => "enum",
            FactKind::Set(_) => "set",
            FactKind::Date { .. } => "date",
        }
    }

    pub fn choices(&self) -> &[Choice] {
        match self {
            FactKind::Enum(c) | FactKind::Set(c) => c,
            _ => &[],
        }
    }

    /// The position of a choice by its id.
    pub fn choice_ix(&self, id: &str) -> Option<usize> {
        self.choices().iter().position(|c| c.id == id)
    }

    /// What a valid answer looks like, for error messages.
    pub fn describe_domain(&self) -> String {
        let ids = |c: &[Choice]| c.iter().map(|c| format!("\"{}\"", c.id)).collect::<Vec<_>>().join(", ");
        match self {
            FactKind::Bool => "true or false".into(),
            FactKind::Int { min, max } => format!("a whole number from {min} to {max}"),
            FactKind::Enum(c) => format!("one of {}", ids(c)),
            FactKind::Set(c) => format!("a list of any of {}", ids(c)),
            FactKind::Date { min, max } => match (min, max) {
                (Some(a), Some(b)) => format!("a date YYYY-MM-DD from {a} to {b}"),
                (Some(a), None) => format!("a date YYYY-MM-DD from {a}"),
                (None, Some(b)) => format!("a date YYYY-MM-DD up to {b}"),
                (None, None) => "a date YYYY-MM-DD".into(),
            },
        }
    }
}

/// A fact the questionnaire can ask about.
#[derive(Clone, Debug, serde::Serialize)]
pub struct FactDef {
    pub id: String,
    pub kind: FactKind,
    /// The question, used as the page heading.
    pub question: Text,
    pub hint: Option<Text>,
    /// The unit of an `int` answer ("years", "class hours").
    pub unit: Option<Text>,
    /// Ask this only once the condition is known to hold (district only for Qingdao).
    pub asked_when: Option<Expr>,
    /// Other wordings of the question, each for the answers its condition
    /// holds for (a person works in a city; an enterprise is registered there).
    pub wordings: Vec<Wording>,
}

/// The question worded for some applicants.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Wording {
    pub when: Expr,
    pub question: Text,
    /// When `None`, the fact's own hint.
    pub hint: Option<Text>,
}

impl FactDef {
    /// The question and hint as worded for these answers: the first wording
    /// whose condition is known to hold, otherwise the fact's own.
    pub fn worded(&self, facts: &Facts) -> (&Text, Option<&Text>) {
        match self.wordings.iter().find(|w| super::truth(&w.when, facts) == super::Truth::True) {
            Some(w) => (&w.question, w.hint.as_ref().or(self.hint.as_ref())),
            None => (&self.question, self.hint.as_ref()),
        }
    }
}

#[cfg(test)]
impl FactDef {
    /// A fact with placeholder texts, for the engine's own tests.
    pub(crate) fn for_test(id: &str, kind: FactKind) -> FactDef {
        FactDef { id: id.into(), kind, question: Text::default(), hint: None, unit: None, asked_when: None, wordings: Vec::new() }
    }
}

#[cfg(test)]
impl FactKind {
    fn choices_for_test(ids: &[&str]) -> Vec<Choice> {
        ids.iter().map(|id| Choice { id: id.to_string(), label: Text::new(*id, *id) }).collect()
    }

    /// An enum of these value ids, for tests.
    pub(crate) fn enum_of(ids: &[&str]) -> FactKind {
        FactKind::Enum(FactKind::choices_for_test(ids))
    }

    /// A set of these value ids, for tests.
    pub(crate) fn set_of(ids: &[&str]) -> FactKind {
        FactKind::Set(FactKind::choices_for_test(ids))
    }
}

/// An answer. Enum answers are choice positions; set answers are bit masks
/// over choice positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Enum(u8),
    Set(u64),
    Date(Date),
}

/// Why an answer was refused. Each names the fact and what it allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactError {
    UnknownFact { id: String, suggestion: Option<String> },
    WrongType { id: String, expected: String, found: String },
    OutOfDomain { id: String, found: String, allowed: String },
    NotAnObject { found: String },
}

impl fmt::Display for FactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactError::UnknownFact { id, suggestion: Some(s) } => {
                write!(f, "unknown fact `{id}` (did you mean `{s}`?)")
            }
            FactError::UnknownFact { id, suggestion: None } => write!(f, "unknown fact `{id}`"),
            FactError::WrongType { id, expected, found } => {
                write!(f, "fact `{id}`: expected {expected}, found {found}")
            }
            FactError::OutOfDomain { id, found, allowed } => {
                write!(f, "fact `{id}`: {found} is not allowed; expected {allowed}")
            }
            FactError::NotAnObject { found } => {
                write!(f, "facts must be a JSON object of fact id to answer, found {found}")
            }
        }
    }
}

impl std::error::Error for FactError {}

/// The answers given so far, one slot per fact of the pack; `None` is unknown.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Facts {
    values: Vec<Option<Value>>,
}

impl Facts {
    /// Nothing known yet.
    pub fn unknown(defs: &[FactDef]) -> Facts {
        Facts { values: vec![None; defs.len()] }
    }

    pub fn get(&self, ix: FactIx) -> Option<Value> {
        self.values.get(ix).copied().flatten()
    }

    pub fn is_known(&self, ix: FactIx) -> bool {
        self.get(ix).is_some()
    }

    /// Sets or clears one answer. The caller has checked it against the fact's
    /// domain (see [`Facts::check_value`]).
    pub fn set(&mut self, ix: FactIx, value: Option<Value>) {
        if ix < self.values.len() {
            self.values[ix] = value;
        }
    }

    /// Whether `value` is a valid answer for `def`; the error names the fact.
    pub fn check_value(def: &FactDef, value: Value) -> Result<(), FactError> {
        let out_of_domain = |found: String| FactError::OutOfDomain { id: def.id.clone(), found, allowed: def.kind.describe_domain() };
        let wrong_type = |found: &str| FactError::WrongType { id: def.id.clone(), expected: def.kind.describe_domain(), found: found.into() };
        match (&def.kind, value) {
            (FactKind::Bool, Value::Bool(_)) => Ok(()),
            (FactKind::Int { min, max }, Value::Int(n)) => {
                if n < *min || n > *max {
                    Err(out_of_domain(n.to_string()))
                } else {
                    Ok(())
                }
            }
            (FactKind::Enum(c), Value::Enum(i)) if usize::from(i) < c.len() => Ok(()),
            (FactKind::Enum(_), Value::Enum(i)) => Err(out_of_domain(format!("choice #{i}"))),
            (FactKind::Set(c), Value::Set(mask)) => {
                if c.len() < 64 && mask >> c.len() != 0 {
                    Err(out_of_domain(format!("choice mask {mask:#b}")))
                } else {
                    Ok(())
                }
            }
            (FactKind::Date { min, max }, Value::Date(d)) => {
                if min.is_some_and(|m| d < m) || max.is_some_and(|m| d > m) {
                    Err(out_of_domain(d.to_string()))
                } else {
                    Ok(())
                }
            }
            (_, v) => Err(wrong_type(value_type_name(v))),
        }
    }

    /// Reads answers from a JSON object `{ "fact id": answer, ... }`. `null`
    /// means unknown. Every problem is reported, each naming its fact.
    pub fn from_json(defs: &[FactDef], json: &serde_json::Value) -> Result<Facts, Vec<FactError>> {
        let Some(object) = json.as_object() else {
            return Err(vec![FactError::NotAnObject { found: json_type_name(json).into() }]);
        };
        let mut facts = Facts::unknown(defs);
        let mut errors = Vec::new();
        // Sorted keys: the same input gives the same errors in the same order.
        let mut keys: Vec<&String> = object.keys().collect();
        keys.sort();
        for key in keys {
            let Some(ix) = defs.iter().position(|d| &d.id == key) else {
                errors.push(FactError::UnknownFact { id: key.clone(), suggestion: closest(key, defs.iter().map(|d| d.id.as_str())) });
                continue;
            };
            match value_from_json(&defs[ix], &object[key]) {
                Ok(value) => facts.values[ix] = value,
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(facts)
        } else {
            Err(errors)
        }
    }

    /// The known answers as a JSON object, in fact order.
    pub fn to_json(&self, defs: &[FactDef]) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for (def, value) in defs.iter().zip(&self.values) {
            if let Some(v) = value {
                map.insert(def.id.clone(), value_to_json(def, *v));
            }
        }
        serde_json::Value::Object(map)
    }
}

/// One answer from JSON, checked against its fact's domain.
pub fn value_from_json(def: &FactDef, json: &serde_json::Value) -> Result<Option<Value>, FactError> {
    use serde_json::Value as J;
    let wrong_type = || FactError::WrongType { id: def.id.clone(), expected: def.kind.describe_domain(), found: describe_json(json) };
    let out_of_domain = |found: String| FactError::OutOfDomain { id: def.id.clone(), found, allowed: def.kind.describe_domain() };
    if json.is_null() {
        return Ok(None);
    }
    let value = match (&def.kind, json) {
        (FactKind::Bool, J::Bool(b)) => Value::Bool(*b),
        (FactKind::Int { .. }, J::Number(n)) => match n.as_i64().or_else(|| whole_number(n.as_f64()?)) {
            Some(i) => Value::Int(i),
            None => return Err(out_of_domain(n.to_string())),
        },
        (FactKind::Enum(choices), J::String(s)) => match choices.iter().position(|c| &c.id == s) {
            Some(i) => Value::Enum(i as u8),
            None => return Err(out_of_domain(format!("\"{s}\""))),
        },
        (FactKind::Set(choices), J::Array(items)) => {
            let mut mask = 0u64;
            for item in items {
                let J::String(s) = item else { return Err(wrong_type()) };
                match choices.iter().position(|c| &c.id == s) {
                    Some(i) => mask |= 1 << i,
                    None => return Err(out_of_domain(format!("\"{s}\""))),
                }
            }
            Value::Set(mask)
        }
        (FactKind::Date { .. }, J::String(s)) => match Date::parse(s) {
            Some(d) => Value::Date(d),
            None => return Err(out_of_domain(format!("\"{s}\""))),
        },
        _ => return Err(wrong_type()),
    };
    Facts::check_value(def, value)?;
    Ok(Some(value))
}

/// A JSON number that is whole but was not written as an integer (`-0`,
/// `3e1`, `30.0`), as the integer it is. Only where a double holds it
/// exactly: beyond 2^53 a double is not the number that was written.
fn whole_number(n: f64) -> Option<i64> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    (n.fract() == 0.0 && n.abs() <= EXACT).then_some(n as i64)
}

/// One answer as JSON, the inverse of [`value_from_json`].
pub fn value_to_json(def: &FactDef, value: Value) -> serde_json::Value {
    use serde_json::Value as J;
    let choices = def.kind.choices();
    match value {
        Value::Bool(b) => J::Bool(b),
        Value::Int(n) => J::from(n),
        Value::Enum(i) => choices.get(usize::from(i)).map_or(J::Null, |c| J::String(c.id.clone())),
        Value::Set(mask) => J::Array(choices.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, c)| J::String(c.id.clone())).collect()),
        Value::Date(d) => J::String(d.to_string()),
    }
}

fn value_type_name(v: Value) -> &'static str {
    match v {
        Value::Bool(_) => "a bool",
        Value::Int(_) => "a number",
        Value::Enum(_) => "a choice",
        Value::Set(_) => "a list of choices",
        Value::Date(_) => "a date",
    }
}

fn json_type_name(json: &serde_json::Value) -> &'static str {
    use serde_json::Value as J;
    match json {
        J::Null => "null",
        J::Bool(_) => "a bool",
        J::Number(_) => "a number",
        J::String(_) => "a string",
        J::Array(_) => "a list",
        J::Object(_) => "an object",
    }
}

/// The JSON value as the user wrote it, shortened, for messages.
fn describe_json(json: &serde_json::Value) -> String {
    let mut text = json.to_string();
    if text.chars().count() > 40 {
        text = text.chars().take(37).collect::<String>() + "...";
    }
    format!("{} {}", json_type_name(json), text)
}

/// The candidate nearest to `word` by edit distance, if it is plausibly a typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let near = |c: &str| 2.max(c.len() / 4);
    // The distance is at least the difference in length: a word far longer
    // than every candidate (a crafted key of megabytes) is compared with none.
    let length = word.chars().count();
    candidates
        .filter(|c| length.abs_diff(c.chars().count()) <= near(c))
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= near(c))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn defs() -> Vec<FactDef> {
        vec![
            FactDef::for_test("age", FactKind::Int { min: 0, max: 130 }),
            FactDef::for_test("city", FactKind::enum_of(&["qingdao", "other"])),
            FactDef::for_test("titles", FactKind::set_of(&["a", "b"])),
            FactDef::for_test("retired", FactKind::Bool),
        ]
    }

    #[test]
    fn reads_every_type_and_null_as_unknown() {
        let d = defs();
        let f = Facts::from_json(&d, &json!({"age": 61, "city": "other", "titles": ["b"], "retired": null})).unwrap();
        assert_eq!(f.get(0), Some(Value::Int(61)));
        assert_eq!(f.get(1), Some(Value::Enum(1)));
        assert_eq!(f.get(2), Some(Value::Set(0b10)));
        assert_eq!(f.get(3), None);
        assert_eq!(f.to_json(&d), json!({"age": 61, "city": "other", "titles": ["b"]}));
    }

    #[test]
    fn reports_every_bad_answer_naming_the_fact() {
        let d = defs();
        let errors = Facts::from_json(&d, &json!({"age": 200, "city": 3, "titels": [], "titles": ["c"]})).unwrap_err();
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            text,
            [
                "fact `age`: 200 is not allowed; expected a whole number from 0 to 130",
                "fact `city`: expected one of \"qingdao\", \"other\", found a number 3",
                "unknown fact `titels` (did you mean `titles`?)",
                "fact `titles`: \"c\" is not allowed; expected a list of any of \"a\", \"b\"",
            ]
        );
    }

    #[test]
    fn reads_a_whole_number_however_it_is_written() {
        let d = defs();
        for (text, age) in [("-0", 0), ("3e1", 30), ("6.5E1", 65), ("30.0", 30), ("1.3e2", 130)] {
            let json: serde_json::Value = serde_json::from_str(&format!("{{\"age\": {text}}}")).unwrap();
            assert_eq!(Facts::from_json(&d, &json).map(|f| f.get(0)), Ok(Some(Value::Int(age))), "{text}");
        }
        for text in ["60.5", "6.05e1", "1e300", "-1e0"] {
            let json: serde_json::Value = serde_json::from_str(&format!("{{\"age\": {text}}}")).unwrap();
            assert!(Facts::from_json(&d, &json).is_err(), "{text}");
        }
    }

    #[test]
    fn a_suggestion_is_found_for_a_typo_and_not_looked_for_in_a_huge_word() {
        let ids = ["age", "city", "apprentice_hours_per_year"];
        assert_eq!(closest("apprentice_hour_per_year", ids.into_iter()).as_deref(), Some("apprentice_hours_per_year"));
        assert_eq!(closest("cty", ids.into_iter()).as_deref(), Some("city"));
        let huge = "a".repeat(1_000_000);
        let start = std::time::Instant::now();
        assert_eq!(closest(&huge, ids.into_iter()), None);
        assert!(start.elapsed() < std::time::Duration::from_secs(1), "{:?}", start.elapsed());
    }

    #[test]
    fn refuses_fractions_and_non_objects() {
        let d = defs();
        assert!(Facts::from_json(&d, &json!({"age": 60.5})).is_err());
        assert_eq!(Facts::from_json(&d, &json!([1])).unwrap_err(), vec![FactError::NotAnObject { found: "a list".into() }]);
    }
}
