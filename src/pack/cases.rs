//! A pack's own test cases (`tests/*.toml`): facts, a date, and what each
//! named policy must come out as. Kept beside the rules, as OpenFisca keeps
//! its YAML tests, and run by `policy test` and by `cargo test`.

use super::{
    diagnostic::{CaseProblem, Diagnostic, DiagnosticKind, Location},
    schema::{read_file, to_json, Problems, Scalar, Table},
    PackFiles,
};
use crate::engine::{evaluate, next_question, Date, Facts, Pack, Status};

/// The result of one test case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseOutcome {
    /// `tests/x.toml:12:1`: the case's `[[case]]` line.
    pub location: Location,
    pub name: String,
    /// Empty when the case passed; otherwise what differed.
    pub failures: Vec<String>,
}

impl CaseOutcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// One case as written.
struct Case {
    name: String,
    date: Option<Date>,
    facts: serde_json::Value,
    expect: Vec<(String, Expect)>,
    next_question: Option<String>,
}

/// What one policy must come out as.
struct Expect {
    status: String,
    max_amount: Option<i64>,
    missing: Option<Vec<String>>,
    failed: Option<i64>,
    /// The year of the old report the result must name, or `None` inside
    /// for "no source-age note" (`source_age = false`).
    source_age: Option<Option<i64>>,
}

fn read_case(t: &Table, p: &mut Problems) -> Case {
    t.only(&["name", "date", "facts", "expect", "next_question"], p);
    let name = t.string("name", p).map(|s| s.into_inner()).unwrap_or_default();
    let date = t.scalar("date").and_then(|s| s.get_ref().as_date());
    let facts = t
        .table("facts", p)
        .map_or(serde_json::json!({}), |f| serde_json::Value::Object(f.entries().map(|(k, v)| (k.get_ref().to_string(), to_json(v.get_ref()))).collect()));
    let mut expect = Vec::new();
    if let Some(e) = t.table("expect", p) {
        for (id, _) in e.entries() {
            let Some(x) = e.table_by_key(id.get_ref(), p) else { continue };
            x.only(&["status", "max_amount", "missing", "failed", "source_age"], p);
            let source_age = x.scalar("source_age").and_then(|s| match s.get_ref() {
                Scalar::Integer(year) => Some(Some(*year)),
                Scalar::Bool(false) => Some(None),
                _ => {
                    p.push((s.span(), DiagnosticKind::BadSourceAge));
                    None
                }
            });
            expect.push((
                id.get_ref().to_string(),
                Expect {
                    status: x.string("status", p).map(|s| s.into_inner()).unwrap_or_default(),
                    max_amount: x.integer("max_amount", p).map(|n| n.into_inner()),
                    missing: x.strings("missing", p).map(|l| l.into_inner().into_iter().map(|s| s.into_inner()).collect()),
                    failed: x.integer("failed", p).map(|n| n.into_inner()),
                    source_age,
                },
            ));
        }
    }
    Case { name, date, facts, expect, next_question: t.string("next_question", p).map(|s| s.into_inner()) }
}

/// Runs every case in the pack's `tests/` folder against `pack`. A case file
/// that cannot be read is an error naming its line.
pub fn run_cases(pack: &Pack, files: &PackFiles) -> Result<Vec<CaseOutcome>, Vec<Diagnostic>> {
    let mut outcomes = Vec::new();
    let mut errors = Vec::new();
    for (path, text) in files.under("tests") {
        let (cases, problems) = read_file(text, |t, p| {
            t.only(&["case"], p);
            t.tables("case", p).iter().map(|c| (c.span.clone(), read_case(c, p))).collect::<Vec<_>>()
        });
        errors.extend(problems.into_iter().map(|(span, kind)| Diagnostic::at_span(path, text, &span, kind)));
        for (span, case) in cases.unwrap_or_default() {
            let at = Location::at(path, text, span.start);
            match run_case(pack, &case) {
                Ok(failures) => outcomes.push(CaseOutcome { location: at, name: case.name, failures }),
                Err(problem) => errors.push(Diagnostic::located(at, DiagnosticKind::Case { name: case.name, problem })),
            }
        }
    }
    errors.sort();
    if errors.is_empty() {
        Ok(outcomes)
    } else {
        Err(errors)
    }
}

/// The answers of every case in the pack's `tests/` folder, by fact id, for
/// comparing two packs on them (`policy diff`). Files or cases that do not
/// read are left out: `policy test` reports them.
pub fn case_facts(files: &PackFiles) -> Vec<std::collections::BTreeMap<String, serde_json::Value>> {
    case_answers(files).into_iter().map(|(_, facts)| facts).collect()
}

/// Every case's name and answers, in file and case order (the pack studio
/// previews the questionnaire with a case's answers). As [`case_facts`],
/// what does not read is left out.
pub fn case_answers(files: &PackFiles) -> Vec<(String, std::collections::BTreeMap<String, serde_json::Value>)> {
    let mut sets = Vec::new();
    for (_, text) in files.under("tests") {
        let (cases, _) = read_file(text, |t, p| {
            t.only(&["case"], p);
            t.tables("case", p).iter().map(|c| read_case(c, p)).collect::<Vec<_>>()
        });
        for case in cases.unwrap_or_default() {
            if let serde_json::Value::Object(map) = case.facts {
                sets.push((case.name, map.into_iter().collect()));
            }
        }
    }
    sets
}

/// The differences between a case's expectations and the engine's results;
/// `Err` when the case itself is malformed.
fn run_case(pack: &Pack, case: &Case) -> Result<Vec<String>, CaseProblem> {
    let date = case.date.ok_or(CaseProblem::NoDate)?;
    let facts = Facts::from_json(&pack.facts, &case.facts).map_err(CaseProblem::Facts)?;
    let verdicts = evaluate(pack, &facts, date);
    let mut failures = Vec::new();
    if case.expect.is_empty() && case.next_question.is_none() {
        return Err(CaseProblem::ExpectsNothing);
    }
    for (id, expect) in &case.expect {
        let Some(ix) = pack.policies.iter().position(|p| &p.id == id) else {
            return Err(CaseProblem::UnknownPolicy { id: id.clone() });
        };
        let verdict = &verdicts[ix];
        let status = Status::parse(&expect.status).ok_or_else(|| CaseProblem::UnknownStatus { written: expect.status.clone(), policy: id.clone() })?;
        if verdict.status != status {
            failures.push(format!("{id}: expected {}, got {}", status.as_str(), verdict.status.as_str()));
        }
        if let Some(amount) = expect.max_amount {
            if verdict.max_amount != Some(amount) {
                failures.push(format!("{id}: expected max_amount {amount}, got {}", verdict.max_amount.map_or("null".into(), |n| n.to_string())));
            }
        }
        if let Some(missing) = &expect.missing {
            let got: Vec<&str> = verdict.missing.iter().map(|f| pack.facts[*f].id.as_str()).collect();
            if got != *missing {
                failures.push(format!("{id}: expected missing {missing:?}, got {got:?}"));
            }
        }
        if let Some(year) = expect.source_age {
            let got = verdict.source_age.map(i64::from);
            if got != year {
                let say = |y: Option<i64>| y.map_or("none".to_string(), |y| y.to_string());
                failures.push(format!("{id}: expected source age {}, got {}", say(year), say(got)));
            }
        }
        if let Some(n) = expect.failed {
            let got = verdict.failed().count() as i64;
            if got != n {
                failures.push(format!("{id}: expected {n} failed criteria, got {got}"));
            }
        }
    }
    if let Some(expected) = &case.next_question {
        let got = next_question(pack, &facts, &verdicts).map_or("none", |f| pack.facts[f].id.as_str());
        if got != expected {
            failures.push(format!("next question: expected {expected}, got {got}"));
        }
    }
    Ok(failures)
}
