//! The pack checked and tested as `policy check` and `policy test` do, with
//! the same loader and the same messages.

use std::collections::HashMap;

use policy_explainer::engine::Pack;
use policy_explainer::pack::{self, PackFiles};

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
pub fn check(files: &PackFiles, sources: Option<&Sources>) -> (Check, Option<Pack>) {
    let loaded = match sources {
        Some(sources) => pack::load_checking_quotes(files, sources),
        None => pack::load(files),
    };
    match loaded {
        Ok(pack) => (Check::Passes(pack.policies.len()), Some(pack)),
        Err(diagnostics) => {
            let problems = diagnostics
                .iter()
                .map(|d| {
                    let text = files.get(&d.file).unwrap_or("");
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

pub fn run_tests(files: &PackFiles) -> TestRun {
    let pack = match pack::load(files) {
        Ok(pack) => pack,
        Err(diagnostics) => return TestRun::CannotRun(diagnostics.len()),
    };
    match pack::run_cases(&pack, files) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn source_pack() -> PackFiles {
        PackFiles::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies")).unwrap()
    }

    #[test]
    fn the_default_pack_checks_and_its_cases_pass() {
        let files = source_pack();
        let (check, pack) = check(&files, None);
        let n = pack.unwrap().policies.len();
        assert_eq!(check, Check::Passes(n));
        match run_tests(&files) {
            TestRun::Ran { passed, failures } => assert!(passed > 0 && failures.is_empty(), "{failures:?}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_problem_points_at_its_place_in_selection_units() {
        let mut files = source_pack();
        // Chinese text before the break: offsets count UTF-16 units, as a textarea does.
        files.insert("rules/qd-x.toml", "# 青岛\nid = \"qd-x\"\nname = [\n");
        let (Check::Problems(problems), None) = check(&files, None) else { panic!("the broken file must not check") };
        let p = problems.iter().find(|p| p.file == "rules/qd-x.toml").unwrap();
        assert!(p.text.starts_with("rules/qd-x.toml:"), "{}", p.text);
        assert!(p.offset as usize >= "# 青岛\nid = \"qd-x\"\n".encode_utf16().count(), "{p:?}");
        assert_eq!(run_tests(&files), TestRun::CannotRun(problems.len()));
    }
}
