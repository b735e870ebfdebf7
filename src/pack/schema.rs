//! The shape of pack files, read from TOML by hand rather than with serde
//! derive: the derive machinery would be the largest part of the browser
//! bundle. Reading by hand also lets one file report every unknown field and
//! every wrongly typed value at once, each with its location.
//!
//! Fields that the loader checks itself (required texts, sources) are
//! optional here, so that a file with gaps still yields all its problems.

use super::diagnostic::{DiagnosticKind, TomlShape};
use std::cell::Cell;
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

type Node<'i> = Spanned<DeValue<'i>>;

/// A scalar whose meaning depends on the field: a date, a bound, a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Text(String),
    Integer(i64),
    Bool(bool),
    /// A TOML date: (year, month, day), or `None` for a date-time with a time part.
    Date(Option<(u16, u8, u8)>),
    /// Anything else, by its TOML type name.
    Other(&'static str),
}

impl Scalar {
    /// The date this value names: a TOML date, or text `YYYY-MM-DD`.
    pub fn as_date(&self) -> Option<crate::engine::Date> {
        match self {
            Scalar::Date(Some((y, m, d))) => crate::engine::Date::new(i32::from(*y), *m, *d),
            Scalar::Text(s) => crate::engine::Date::parse(s),
            _ => None,
        }
    }
}

/// Problems found while reading one file: (span, what).
pub type Problems = Vec<(Range<usize>, DiagnosticKind)>;

/// Parses `text` and reads its top-level table with `read`. TOML syntax errors
/// are all reported (the parser recovers) and stop the reading.
pub fn read_file<T>(text: &str, read: impl FnOnce(&Table, &mut Problems) -> T) -> (Option<T>, Problems) {
    let (doc, errors) = DeTable::parse_recoverable(text);
    let mut problems: Problems = errors.iter().map(|e| (e.span().unwrap_or(0..0), DiagnosticKind::Toml(e.message().trim().replace('\n', " ")))).collect();
    if !problems.is_empty() {
        return (None, problems);
    }
    let span = doc.span();
    let table = Table::new(span, doc.get_ref());
    let value = read(&table, &mut problems);
    (Some(value), problems)
}

/// A TOML table with its location.
pub struct Table<'a, 'i> {
    pub span: Range<usize>,
    map: &'a DeTable<'i>,
    /// The table's fields, as `only` declared them: one list drives both
    /// the unknown-field check and, in tests, a check of every read.
    declared: Cell<&'static [&'static str]>,
}

impl<'a, 'i> Table<'a, 'i> {
    fn new(span: Range<usize>, map: &'a DeTable<'i>) -> Table<'a, 'i> {
        Table { span, map, declared: Cell::new(&[]) }
    }

    fn field(&self, name: &str) -> Option<&'a Node<'i>> {
        debug_assert!(self.declared.get().contains(&name), "reads `{name}`, which its table's `only` list does not declare");
        self.map.iter().find(|(k, _)| k.get_ref().as_ref() == name).map(|(_, v)| v)
    }

    /// Declares the table's fields and reports every key not among them.
    pub fn only(&self, allowed: &'static [&'static str], problems: &mut Problems) {
        self.only_within(allowed, None, problems)
    }

    /// [`Table::only`] for a sub-table `[name]` of a file whose top level
    /// allows `parent`: a top-level key found here was written below the
    /// table's header, which in TOML makes it part of the table; say so.
    pub fn only_within(&self, allowed: &'static [&'static str], parent: Option<(&str, &[&str])>, problems: &mut Problems) {
        self.declared.set(allowed);
        for (key, _) in self.map.iter() {
            let name = key.get_ref().as_ref();
            if let Some((table, _)) = parent.filter(|(_, top)| !allowed.contains(&name) && top.contains(&name)) {
                problems.push((key.span(), DiagnosticKind::InsideTable { key: name.to_string(), table: table.to_string() }));
                continue;
            }
            if !allowed.contains(&name) {
                problems.push((key.span(), DiagnosticKind::UnknownField { key: name.to_string(), allowed }));
            }
        }
    }

    pub fn string(&self, name: &str, problems: &mut Problems) -> Option<Spanned<String>> {
        let node = self.field(name)?;
        match node.get_ref() {
            DeValue::String(s) => Some(Spanned::new(node.span(), s.to_string())),
            other => {
                problems.push((node.span(), wrong_type(name, TomlShape::Text, other)));
                None
            }
        }
    }

    pub fn integer(&self, name: &str, problems: &mut Problems) -> Option<Spanned<i64>> {
        let node = self.field(name)?;
        match scalar(node.get_ref()) {
            Scalar::Integer(n) => Some(Spanned::new(node.span(), n)),
            _ => {
                problems.push((node.span(), wrong_type(name, TomlShape::WholeNumber, node.get_ref())));
                None
            }
        }
    }

    pub fn scalar(&self, name: &str) -> Option<Spanned<Scalar>> {
        self.field(name).map(|n| Spanned::new(n.span(), scalar(n.get_ref())))
    }

    /// The table under `key` of a free-form table (a test case's expected
    /// results, keyed by policy id): `key` comes from the table itself, so it
    /// is not a declared field.
    pub fn table_by_key(&self, key: &str, problems: &mut Problems) -> Option<Table<'a, 'i>> {
        let node = self.map.iter().find(|(k, _)| k.get_ref().as_ref() == key).map(|(_, v)| v)?;
        as_table(node, key, problems)
    }

    pub fn table(&self, name: &str, problems: &mut Problems) -> Option<Table<'a, 'i>> {
        let node = self.field(name)?;
        as_table(node, name, problems)
    }

    /// An array's items (for `[[name]]` tables and inline lists).
    pub fn array(&self, name: &str, problems: &mut Problems) -> Option<Spanned<&'a [Node<'i>]>> {
        let node = self.field(name)?;
        match node.get_ref() {
            DeValue::Array(items) => Some(Spanned::new(node.span(), &items[..])),
            other => {
                problems.push((node.span(), wrong_type(name, TomlShape::List, other)));
                None
            }
        }
    }

    /// The tables of an array of tables (`[[name]]`), skipping and reporting non-tables.
    pub fn tables(&self, name: &str, problems: &mut Problems) -> Vec<Table<'a, 'i>> {
        let Some(items) = self.array(name, problems) else { return Vec::new() };
        items.get_ref().iter().filter_map(|n| as_table(n, name, problems)).collect()
    }

    /// A list of strings.
    pub fn strings(&self, name: &str, problems: &mut Problems) -> Option<Spanned<Vec<Spanned<String>>>> {
        let items = self.array(name, problems)?;
        let mut out = Vec::new();
        for n in items.get_ref().iter() {
            match n.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(n.span(), s.to_string())),
                other => problems.push((n.span(), wrong_type(name, TomlShape::ListOfText, other))),
            }
        }
        Some(Spanned::new(items.span(), out))
    }

    /// `{ zh = "…", en = "…" }`.
    pub fn text(&self, name: &str, problems: &mut Problems) -> Option<Spanned<TextToml>> {
        let t = self.table(name, problems)?;
        t.only(&["zh", "en"], problems);
        Some(Spanned::new(t.span.clone(), TextToml { zh: t.string("zh", problems), en: t.string("en", problems) }))
    }

    /// Every entry, for free-form tables (a test case's facts and expectations).
    pub fn entries(&self) -> impl Iterator<Item = (Spanned<&'a str>, &'a Node<'i>)> {
        self.map.iter().map(|(k, v)| (Spanned::new(k.span(), k.get_ref().as_ref()), v))
    }
}

fn as_table<'a, 'i>(node: &'a Node<'i>, name: &str, problems: &mut Problems) -> Option<Table<'a, 'i>> {
    match node.get_ref() {
        DeValue::Table(map) => Some(Table::new(node.span(), map)),
        other => {
            problems.push((node.span(), wrong_type(name, TomlShape::Table, other)));
            None
        }
    }
}

/// `name` is not of the `expected` shape, but `found`.
fn wrong_type(name: &str, expected: TomlShape, found: &DeValue) -> DiagnosticKind {
    DiagnosticKind::WrongType { field: name.to_string(), expected, found: type_name(found) }
}

pub fn scalar(value: &DeValue) -> Scalar {
    match value {
        DeValue::String(s) => Scalar::Text(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Scalar::Integer(n),
            Err(_) => Scalar::Other("an integer too large"),
        },
        DeValue::Boolean(b) => Scalar::Bool(*b),
        DeValue::Datetime(dt) => Scalar::Date(match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => Some((d.year, d.month, d.day)),
            _ => None,
        }),
        other => Scalar::Other(type_name(other)),
    }
}

pub fn type_name(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// A node as JSON, for facts in test cases (dates become "YYYY-MM-DD").
pub fn to_json(node: &DeValue) -> serde_json::Value {
    use serde_json::Value as J;
    match node {
        DeValue::Array(items) => J::Array(items.iter().map(|n| to_json(n.get_ref())).collect()),
        DeValue::Table(map) => J::Object(map.iter().map(|(k, v)| (k.get_ref().to_string(), to_json(v.get_ref()))).collect()),
        DeValue::Float(f) => J::String(f.as_str().to_string()),
        other => match scalar(other) {
            Scalar::Text(s) => J::String(s),
            Scalar::Integer(n) => J::from(n),
            Scalar::Bool(b) => J::Bool(b),
            Scalar::Date(Some((y, m, d))) => J::String(format!("{y:04}-{m:02}-{d:02}")),
            _ => J::Null,
        },
    }
}

/// A text in every language: `{ zh = "…", en = "…" }`.
#[derive(Debug)]
pub struct TextToml {
    pub zh: Option<Spanned<String>>,
    pub en: Option<Spanned<String>>,
}

#[derive(Debug)]
pub struct ManifestToml {
    pub id: Option<Spanned<String>>,
    pub version: Option<Spanned<String>>,
    pub rules_as_of: Option<Spanned<Scalar>>,
    pub languages: Option<Spanned<Vec<Spanned<String>>>>,
    pub name: Option<Spanned<TextToml>>,
    pub region: Option<Spanned<TextToml>>,
    pub coverage: Option<Spanned<CoverageToml>>,
    pub document: Vec<Spanned<DocumentToml>>,
}

/// `[coverage]`: where the pack's guidance reaches.
#[derive(Debug)]
pub struct CoverageToml {
    pub when: Option<Spanned<String>>,
    pub note: Option<Spanned<TextToml>>,
}

impl ManifestToml {
    pub fn read(t: &Table, p: &mut Problems) -> ManifestToml {
        t.only(&["id", "version", "rules_as_of", "languages", "name", "region", "coverage", "document"], p);
        let coverage = t.table("coverage", p).map(|c| {
            c.only(&["when", "note"], p);
            Spanned::new(c.span.clone(), CoverageToml { when: c.string("when", p), note: c.text("note", p) })
        });
        ManifestToml {
            id: t.string("id", p),
            version: t.string("version", p),
            rules_as_of: t.scalar("rules_as_of"),
            languages: t.strings("languages", p),
            name: t.text("name", p),
            region: t.text("region", p),
            coverage,
            document: t
                .tables("document", p)
                .iter()
                .filter_map(|d| {
                    d.only(&["id", "file", "title", "reported"], p);
                    let Some(id) = d.string("id", p) else {
                        p.push((d.span.clone(), DiagnosticKind::NoId { table: "document" }));
                        return None;
                    };
                    Some(Spanned::new(
                        d.span.clone(),
                        DocumentToml { id, file: d.string("file", p), title: d.text("title", p), reported: d.integer("reported", p) },
                    ))
                })
                .collect(),
        }
    }
}

#[derive(Debug)]
pub struct DocumentToml {
    pub id: Spanned<String>,
    pub file: Option<Spanned<String>>,
    pub title: Option<Spanned<TextToml>>,
    /// The year of the latest events it reports.
    pub reported: Option<Spanned<i64>>,
}

#[derive(Debug)]
pub struct FactsToml {
    /// The facts that open the questionnaire, in order, before the next
    /// question follows the rules.
    pub opening: Option<Spanned<Vec<Spanned<String>>>>,
    pub fact: Vec<Spanned<FactToml>>,
}

impl FactsToml {
    pub fn read(t: &Table, p: &mut Problems) -> FactsToml {
        t.only(&["opening", "fact"], p);
        let opening = t.strings("opening", p);
        let fact = t
            .tables("fact", p)
            .iter()
            .filter_map(|f| {
                f.only(&["id", "type", "question", "hint", "unit", "min", "max", "values", "asked_when", "wording"], p);
                let wording = f
                    .tables("wording", p)
                    .iter()
                    .map(|w| {
                        w.only(&["when", "question", "hint"], p);
                        Spanned::new(w.span.clone(), WordingToml { when: w.string("when", p), question: w.text("question", p), hint: w.text("hint", p) })
                    })
                    .collect();
                let Some(id) = f.string("id", p) else {
                    p.push((f.span.clone(), DiagnosticKind::NoId { table: "fact" }));
                    return None;
                };
                let values = f.array("values", p).map(|items| {
                    let span = items.span();
                    let tables: Vec<Table> = items.get_ref().iter().filter_map(|n| as_table(n, "values", p)).collect();
                    let choices = tables
                        .iter()
                        .filter_map(|c| {
                            c.only(&["id", "zh", "en"], p);
                            let Some(id) = c.string("id", p) else {
                                p.push((c.span.clone(), DiagnosticKind::NoId { table: "value" }));
                                return None;
                            };
                            Some(Spanned::new(c.span.clone(), ChoiceToml { id, zh: c.string("zh", p), en: c.string("en", p) }))
                        })
                        .collect();
                    Spanned::new(span, choices)
                });
                Some(Spanned::new(
                    f.span.clone(),
                    FactToml {
                        id,
                        kind: KindToml { name: f.string("type", p), min: f.scalar("min"), max: f.scalar("max"), values },
                        question: f.text("question", p),
                        hint: f.text("hint", p),
                        unit: f.text("unit", p),
                        asked_when: f.string("asked_when", p),
                        wording,
                    },
                ))
            })
            .collect();
        FactsToml { opening, fact }
    }
}

#[derive(Debug)]
pub struct FactToml {
    pub id: Spanned<String>,
    pub kind: KindToml,
    pub question: Option<Spanned<TextToml>>,
    pub hint: Option<Spanned<TextToml>>,
    pub unit: Option<Spanned<TextToml>>,
    pub asked_when: Option<Spanned<String>>,
    pub wording: Vec<Spanned<WordingToml>>,
}

/// The fields of a fact that say what answers it takes.
#[derive(Debug)]
pub struct KindToml {
    /// `type`: bool, int, enum, set or date.
    pub name: Option<Spanned<String>>,
    pub min: Option<Spanned<Scalar>>,
    pub max: Option<Spanned<Scalar>>,
    pub values: Option<Spanned<Vec<Spanned<ChoiceToml>>>>,
}

#[derive(Debug)]
pub struct WordingToml {
    pub when: Option<Spanned<String>>,
    pub question: Option<Spanned<TextToml>>,
    pub hint: Option<Spanned<TextToml>>,
}

#[derive(Debug)]
pub struct ChoiceToml {
    pub id: Spanned<String>,
    pub zh: Option<Spanned<String>>,
    pub en: Option<Spanned<String>>,
}

#[derive(Debug)]
pub struct PolicyToml {
    pub id: Option<Spanned<String>>,
    pub name: Option<Spanned<TextToml>>,
    pub issuer: Option<Spanned<TextToml>>,
    pub jurisdiction: Option<Spanned<String>>,
    pub benefit: Option<Spanned<TextToml>>,
    /// What you get, in one line.
    pub summary: Option<Spanned<TextToml>>,
    /// Words people search with that the name and benefit may not contain.
    pub keywords: Option<Spanned<TextToml>>,
    /// The sentence the benefit comes from.
    pub source: Option<Spanned<SourceToml>>,
    /// `[[local]]`: what one place adds.
    pub local: Vec<Spanned<LocalToml>>,
    pub apply: Option<Spanned<TextToml>>,
    pub scope: Option<Spanned<ScopeToml>>,
    pub decision: Option<Spanned<String>>,
    pub decided_by: Option<Spanned<TextToml>>,
    pub valid_from: Option<Spanned<Scalar>>,
    pub valid_until: Option<Spanned<Scalar>>,
    pub amount: Option<Spanned<AmountToml>>,
    pub criterion: Vec<Spanned<CriterionToml>>,
}

/// The keys of a policy file's top level.
const POLICY_FIELDS: &[&str] = &[
    "id",
    "name",
    "issuer",
    "jurisdiction",
    "benefit",
    "summary",
    "keywords",
    "source",
    "local",
    "apply",
    "scope",
    "decision",
    "decided_by",
    "valid_from",
    "valid_until",
    "amount",
    "criterion",
];

impl PolicyToml {
    pub fn read(t: &Table, p: &mut Problems) -> PolicyToml {
        t.only(POLICY_FIELDS, p);
        let scope = t.table("scope", p).map(|s| {
            s.only_within(&["applicant", "place", "place_label", "elsewhere"], Some(("scope", POLICY_FIELDS)), p);
            // One kind as text, or a list of kinds.
            let applicant = match s.scalar("applicant") {
                Some(one) if matches!(one.get_ref(), Scalar::Text(_)) => s.string("applicant", p).map(|a| Spanned::new(a.span(), vec![a])),
                Some(_) => s.strings("applicant", p),
                None => None,
            };
            Spanned::new(
                s.span.clone(),
                ScopeToml { applicant, place: s.string("place", p), place_label: s.text("place_label", p), elsewhere: s.text("elsewhere", p) },
            )
        });
        let amount = t.table("amount", p).map(|a| {
            a.only_within(&["formula", "label", "unit", "source"], Some(("amount", POLICY_FIELDS)), p);
            Spanned::new(
                a.span.clone(),
                AmountToml { formula: a.string("formula", p), label: a.text("label", p), unit: a.text("unit", p), source: source(&a, p) },
            )
        });
        let criterion = t
            .tables("criterion", p)
            .iter()
            .map(|c| {
                c.only_within(&["when", "label", "basis", "reading", "not_met", "source"], Some(("[criterion]", POLICY_FIELDS)), p);
                Spanned::new(
                    c.span.clone(),
                    CriterionToml {
                        when: c.string("when", p),
                        label: c.text("label", p),
                        basis: c.string("basis", p),
                        reading: c.text("reading", p),
                        not_met: c.text("not_met", p),
                        source: source(c, p),
                    },
                )
            })
            .collect();
        let local = t
            .tables("local", p)
            .iter()
            .map(|l| {
                l.only_within(&["when", "place_label", "benefit", "apply"], Some(("[local]", POLICY_FIELDS)), p);
                Spanned::new(
                    l.span.clone(),
                    LocalToml { when: l.string("when", p), place_label: l.text("place_label", p), benefit: l.text("benefit", p), apply: l.text("apply", p) },
                )
            })
            .collect();
        PolicyToml {
            id: t.string("id", p),
            name: t.text("name", p),
            issuer: t.text("issuer", p),
            jurisdiction: t.string("jurisdiction", p),
            benefit: t.text("benefit", p),
            summary: t.text("summary", p),
            keywords: t.text("keywords", p),
            source: source(t, p),
            local,
            apply: t.text("apply", p),
            scope,
            decision: t.string("decision", p),
            decided_by: t.text("decided_by", p),
            valid_from: t.scalar("valid_from"),
            valid_until: t.scalar("valid_until"),
            amount,
            criterion,
        }
    }
}

fn source(t: &Table, p: &mut Problems) -> Option<Spanned<SourceToml>> {
    let s = t.table("source", p)?;
    s.only(&["document", "quote", "translation"], p);
    Some(Spanned::new(s.span.clone(), SourceToml { document: s.string("document", p), quote: s.string("quote", p), translation: s.string("translation", p) }))
}

/// `[scope]`: who the policy is for.
#[derive(Debug)]
pub struct ScopeToml {
    /// Values of the `applicant` fact.
    pub applicant: Option<Spanned<Vec<Spanned<String>>>>,
    pub place: Option<Spanned<String>>,
    pub place_label: Option<Spanned<TextToml>>,
    /// The line shown to someone elsewhere, in place of "only for (place)".
    pub elsewhere: Option<Spanned<TextToml>>,
}

/// `[[local]]`: part of the benefit that one place gives.
#[derive(Debug)]
pub struct LocalToml {
    pub when: Option<Spanned<String>>,
    pub place_label: Option<Spanned<TextToml>>,
    pub benefit: Option<Spanned<TextToml>>,
    pub apply: Option<Spanned<TextToml>>,
}

#[derive(Debug)]
pub struct AmountToml {
    pub formula: Option<Spanned<String>>,
    pub label: Option<Spanned<TextToml>>,
    /// What the formula's rate is per ("元/人·年").
    pub unit: Option<Spanned<TextToml>>,
    pub source: Option<Spanned<SourceToml>>,
}

#[derive(Debug)]
pub struct CriterionToml {
    pub when: Option<Spanned<String>>,
    pub label: Option<Spanned<TextToml>>,
    pub basis: Option<Spanned<String>>,
    pub reading: Option<Spanned<TextToml>>,
    /// What to say when it is not met, in place of "needed: (label)".
    pub not_met: Option<Spanned<TextToml>>,
    pub source: Option<Spanned<SourceToml>>,
}

#[derive(Debug)]
pub struct SourceToml {
    pub document: Option<Spanned<String>>,
    pub quote: Option<Spanned<String>>,
    /// The quote in English, ours, for English readers.
    pub translation: Option<Spanned<String>>,
}
