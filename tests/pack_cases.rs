//! The default pack's own test cases (`policies/tests/*.toml`) all pass, there
//! are enough of them, and every policy is tested both ways.

use policy_explainer::engine::Basis;
use policy_explainer::pack::{load, run_cases, CaseOutcome, PackFiles};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use toml::de::DeTable;

fn pack_files() -> PackFiles {
    PackFiles::from_dir(Path::new("policies")).expect("policies/ is readable")
}

fn outcomes() -> Vec<CaseOutcome> {
    let files = pack_files();
    let pack = load(&files).unwrap_or_else(|d| panic!("the pack does not load: {d:?}"));
    run_cases(&pack, &files).unwrap_or_else(|d| panic!("the case files are malformed:\n{}", d.iter().map(|d| format!("  {d}\n")).collect::<String>()))
}

#[test]
fn every_case_of_the_default_pack_passes() {
    let outcomes = outcomes();
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.passed())
        .map(|o| format!("{}:{}: {}\n    {}", o.location.file, o.location.line, o.name, o.failures.join("\n    ")))
        .collect();
    assert!(failed.is_empty(), "{} of {} cases failed:\n{}", failed.len(), outcomes.len(), failed.join("\n"));
}

#[test]
fn the_default_pack_has_at_least_100_cases_all_located_in_tests() {
    let outcomes = outcomes();
    assert!(outcomes.len() >= 100, "only {} cases", outcomes.len());
    let files = pack_files();
    let declared: usize = files.under("tests").map(|(_, t)| t.lines().filter(|l| l.trim() == "[[case]]").count()).sum();
    assert_eq!(outcomes.len(), declared, "every [[case]] in tests/ is run");
    // Each outcome points at its own case: the `[[case]]` header line, with
    // the case's name among the lines that follow.
    for o in &outcomes {
        let text = files.get(&o.location.file).unwrap_or_else(|| panic!("{:?} names no file of the pack", o.location));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.get(o.location.line - 1).map(|l| l.trim()), Some("[[case]]"), "{:?}", o.location);
        let body = lines[o.location.line..].iter().take_while(|l| l.trim() != "[[case]]");
        assert!(body.clone().any(|l| l.contains(&format!("{:?}", o.name))), "{:?} is not the case named {:?}", o.location, o.name);
    }
}

/// (policy id → statuses expected of it by some case), read from the case files.
fn expected_statuses() -> BTreeMap<String, BTreeSet<String>> {
    let mut statuses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in pack_files().under("tests") {
        let doc = DeTable::parse(text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let cases = doc.get_ref().iter().find(|(k, _)| k.get_ref() == "case").and_then(|(_, v)| v.get_ref().as_array());
        for case in cases.unwrap_or_else(|| panic!("{path} has no [[case]]")) {
            let Some(expect) = case.get_ref().get("expect").and_then(|e| e.get_ref().as_table()) else { continue };
            for (id, e) in expect.iter() {
                let status = e.get_ref().get("status").and_then(|s| s.get_ref().as_str()).unwrap_or_else(|| panic!("{path}: {} has no status", id.get_ref()));
                statuses.entry(id.get_ref().to_string()).or_default().insert(status.to_string());
            }
        }
    }
    statuses
}

#[test]
fn every_policy_is_tested_with_every_status_it_can_reach() {
    let pack = load(&pack_files()).unwrap();
    let statuses = expected_statuses();
    let mut untested = Vec::new();
    for p in &pack.policies {
        let s = statuses.get(&p.id).cloned().unwrap_or_default();
        // Met is "eligible" only for a stated entitlement or service; with
        // every condition stated and an office deciding, "meets_conditions";
        // with any condition our reading or an example, "likely".
        let met = match (p.all_stated(), p.decision.is_discretionary()) {
            (false, _) => "likely",
            (true, true) => "meets_conditions",
            (true, false) => "eligible",
        };
        let mut needed = vec![met, "not_applicable", "undetermined"];
        // Each basis fails its own way.
        let has = |b: Basis| p.criteria.iter().any(|c| c.basis == b);
        for (basis, status) in [(Basis::Stated, "ineligible"), (Basis::Inferred, "unlikely"), (Basis::Example, "unclear")] {
            if has(basis) {
                needed.push(status);
            }
        }
        if p.validity.until.is_some() {
            needed.push("expired");
        }
        if p.validity.from.is_some() {
            needed.push("not_yet_effective");
        }
        for needed in needed {
            if !s.contains(needed) {
                untested.push(format!("{} has no case expecting {needed}", p.id));
            }
        }
    }
    assert!(untested.is_empty(), "{untested:#?}");
    // And the cases name no policy the pack lacks.
    for id in statuses.keys() {
        assert!(pack.policy(id).is_some(), "a case expects unknown policy {id}");
    }
}

#[test]
fn a_wrong_expectation_is_reported_as_a_failure_at_its_case() {
    let mut files = pack_files();
    let path = "tests/apprenticeship.toml";
    let text = files.get(path).unwrap().to_string();
    let wrong = text.replacen("status = \"eligible\", max_amount = 100000", "status = \"eligible\", max_amount = 100001", 1);
    assert_ne!(wrong, text);
    files.insert(path, &wrong);
    let pack = load(&files).unwrap();
    let outcomes = run_cases(&pack, &files).unwrap();
    let failed: Vec<&CaseOutcome> = outcomes.iter().filter(|o| !o.passed()).collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].location.file, path);
    let expect_line = wrong.lines().position(|l| l.contains("100001")).unwrap();
    let case_line = wrong.lines().take(expect_line).collect::<Vec<_>>().iter().rposition(|l| l.trim() == "[[case]]").unwrap() + 1;
    assert_eq!(failed[0].location.line, case_line, "located at the case's [[case]] line");
    assert_eq!(failed[0].failures, vec!["qd-apprenticeship-subsidy: expected max_amount 100001, got 100000".to_string()]);
}

#[test]
fn a_case_naming_an_unknown_policy_is_a_located_error() {
    let mut files = pack_files();
    let path = "tests/zz-extra.toml";
    files.insert(path, "[[case]]\nname = \"typo\"\ndate = 2026-06-01\nfacts = {}\nexpect.\"qd-apprenticeship\" = { status = \"eligible\" }\n");
    let pack = load(&files).unwrap();
    let errors = run_cases(&pack, &files).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].file.as_str(), errors[0].line), (path, 1));
    assert_eq!(errors[0].message(), "case \"typo\": no policy has the id `qd-apprenticeship`");
}
