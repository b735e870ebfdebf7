//! The pack checked and tested as `policy check` and `policy test` do, with
//! the same loader and the same messages.

use std::collections::HashMap;

use policy_explainer::engine::Pack;
use policy_explainer::pack;

/// The outcome of checking the whole pack.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// It loads: the number of policies.
    Passes(usize),
    /// Every problem, as `policy check` prints it, with where it is.
    Problems(Vec<Problem>),
}

/// One problem: `policy check`'s line (`file:line:col: message`) and the
/// place it points at, for putting the cursor there.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub text: String,
    pub file: String,
    /// In the file's text as checked, in a textarea's selection units.
    pub offset: u32,
}

/// The source documents' texts by file name (`policy check --sources DIR`).
pub type Sources = HashMap<String, String>;

/// Checks the files, and with `sources` every quote against its document,
/// as `policy check [--sources DIR]` does; the pack too when they check.
pub fn check(files: &[(String, String)], sources: Option<&Sources>) -> (Check, Option<Pack>) {
    let files_read = pack::PackFiles::from_pairs(files.iter().cloned());
    let loaded = match sources {
        Some(sources) => pack::load_checking_quotes(&files_read, sources),
        None => pack::load(&files_read),
    };
    match loaded {
        Ok(pack) => (Check::Passes(pack.policies.len()), Some(pack)),
        Err(diagnostics) => {
            let problems = diagnostics
                .iter()
                .map(|d| {
                    let text = files.iter().find(|(p, _)| *p == d.file).map_or("", |(_, t)| t.as_str());
                    Problem { text: d.to_string(), file: d.file.clone(), offset: u32::try_from(d.utf16_offset_in(text)).unwrap_or(u32::MAX) }
                })
                .collect();
            (Check::Problems(problems), None)
        }
    }
}

/// One failing test case: where it is, its name, and what differed.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    /// `tests/x.toml:LINE:COL`.
    pub location: String,
    pub name: String,
    pub differences: Vec<String>,
}

/// The outcome of running the pack's test cases.
#[derive(Clone, Debug, PartialEq)]
pub enum TestRun {
    /// The pack does not check: the number of problems.
    CannotRun(usize),
    /// A case file does not read, or a case names what the pack lacks: every
    /// problem, as `policy test` prints it.
    CaseProblems(Vec<String>),
    /// The cases ran.
    Ran { passed: usize, failures: Vec<Failure> },
}

pub fn run_tests(files: &[(String, String)]) -> TestRun {
    let files = pack::PackFiles::from_pairs(files.iter().cloned());
    let pack = match pack::load(&files) {
        Ok(pack) => pack,
        Err(diagnostics) => return TestRun::CannotRun(diagnostics.len()),
    };
    match pack::run_cases(&pack, &files) {
        Ok(outcomes) => {
            let passed = outcomes.iter().filter(|o| o.passed()).count();
            let failures = outcomes
                .into_iter()
                .filter(|o| !o.passed())
                .map(|o| Failure { location: format!("{}:{}:{}", o.location.file, o.location.line, o.location.col), name: o.name, differences: o.failures })
                .collect();
            TestRun::Ran { passed, failures }
        }
        Err(diagnostics) => TestRun::CaseProblems(diagnostics.iter().map(ToString::to_string).collect()),
    }
}
