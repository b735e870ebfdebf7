//! A pack's own test cases (`tests/*.toml`): facts, a date, and what each
//! named policy must come out as. Kept beside the rules, as OpenFisca keeps
//! its YAML tests, and run by `policy test` and by `cargo test`.

use super::{diagnostic::Diagnostic, schema::*, PackFiles};
use crate::engine::{evaluate, next_question, Date, Facts, Pack, Status};

/// The result of one test case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseOutcome {
    /// `tests/x.toml:12:1` and the case's name.
    pub location: Diagnostic,
    pub name: String,
    /// Empty when the case passed; otherwise what differed.
    pub failures: Vec<String>,
}

impl CaseOutcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs every case in the pack's `tests/` folder against `pack`. A case file
/// that cannot be read is an error naming its line.
pub fn run_cases(pack: &Pack, files: &PackFiles) -> Result<Vec<CaseOutcome>, Vec<Diagnostic>> {
    let mut outcomes = Vec::new();
    let mut errors = Vec::new();
    for (path, text) in files.under("tests") {
        let cases: CasesToml = match toml::from_str(text) {
            Ok(c) => c,
            Err(e) => {
                errors.push(Diagnostic::at(path, text, e.span().map_or(0, |s| s.start), e.message().trim().replace('\n', " ")));
                continue;
            }
        };
        for case in cases.case {
            let at = Diagnostic::at_span(path, text, &case.span(), "");
            let case = case.into_inner();
            match run_case(pack, &case) {
                Ok(failures) => outcomes.push(CaseOutcome { location: at, name: case.name, failures }),
                Err(message) => errors.push(Diagnostic { message: format!("case \"{}\": {message}", case.name), ..at }),
            }
        }
    }
    if errors.is_empty() {
        Ok(outcomes)
    } else {
        Err(errors)
    }
}

/// The differences between a case's expectations and the engine's results;
/// `Err` when the case itself is malformed.
fn run_case(pack: &Pack, case: &CaseToml) -> Result<Vec<String>, String> {
    let date = match case.date.get_ref() {
        toml::Value::Datetime(dt) => dt.date.and_then(|d| Date::new(i32::from(d.year), d.month, d.day)),
        toml::Value::String(s) => Date::parse(s),
        _ => None,
    }
    .ok_or("`date` must be a date YYYY-MM-DD")?;
    let json = serde_json::to_value(&case.facts).map_err(|e| e.to_string())?;
    let facts = Facts::from_json(&pack.facts, &json).map_err(|errors| errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))?;
    let verdicts = evaluate(pack, &facts, date);
    let mut failures = Vec::new();
    if case.expect.is_empty() && case.next_question.is_none() {
        return Err("the case expects nothing: add expect.\"policy-id\" = { status = \"…\" }".into());
    }
    for (id, expect) in &case.expect {
        let Some(ix) = pack.policies.iter().position(|p| &p.id == id) else {
            return Err(format!("no policy has the id `{id}`"));
        };
        let expect = expect.get_ref();
        let verdict = &verdicts[ix];
        let status = Status::parse(expect.status.get_ref()).ok_or_else(|| format!("unknown status \"{}\"", expect.status.get_ref()))?;
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
        if let Some(n) = expect.failed {
            let got = verdict.failed().count();
            if got != n {
                failures.push(format!("{id}: expected {n} failed criteria, got {got}"));
            }
        }
    }
    if let Some(expected) = &case.next_question {
        let got = next_question(pack, &facts, &verdicts).map_or("none", |f| pack.facts[f].id.as_str());
        if got != expected.get_ref() {
            failures.push(format!("next question: expected {}, got {got}", expected.get_ref()));
        }
    }
    Ok(failures)
}
