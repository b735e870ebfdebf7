//! Two packs compared (`policy diff OLD NEW`): what changed in the rules, and
//! whose results change.
//!
//! Rules are compared as text, with fact and choice ids (two packs may number
//! their facts differently). Results are compared by evaluating both packs on
//! the same answers: every pack test case, and, for each policy the two packs
//! share, the combinations of the values that decide its conditions (each
//! fact's probe values in either pack, and "unknown"), all of them up to a
//! bound and a fixed sample beyond it.
//!
//! The report of both ([`report()`]) is one list of lines, which `policy
//! diff` prints ([`report_text`]) and the pack studio shows.
//!
//! - `rules`: what changed in the rules, policy by policy;
//! - `verdicts`: whose verdicts change, on the test cases and on the
//!   `combinations` of the answers that decide each policy;
//! - `report`: both as the lines of one report.

mod combinations;
mod report;
mod rules;
mod verdicts;

pub use report::{outcome_text, report, report_text, LineKind, ReportLine};
pub use rules::{changes, CriterionChange, CriterionText, FieldChange, PackChanges, PolicyChange, MAX_SHOWN};
pub use verdicts::{answer_sets, verdict_changes, Difference, Outcome, PolicyDifferences, Shortened, VerdictChanges, MAX_WORK};

use std::collections::BTreeMap;

/// Answers by fact id, as JSON values (choice ids for enums); a fact that is
/// not listed is unknown.
pub type FactSet = BTreeMap<String, serde_json::Value>;

/// The comparison as a whole: the rules and the verdicts of the same edit.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::default_pack;
    use crate::engine::{Date, Expr, Pack};
    use crate::fixtures::default_pack_edited;
    use crate::pack::case_facts;

    /// The date the comparisons are made on.
    pub(super) fn date() -> Date {
        Date::parse("2026-06-01").unwrap()
    }

    /// The default pack with the apprenticeship subsidy's threshold of
    /// training hours lowered from 500 to 400.
    pub(super) fn lowered_threshold() -> Pack {
        default_pack_edited(
            "rules/qd-apprenticeship-subsidy.toml",
            &[("apprentice_hours_per_year >= 500", "apprentice_hours_per_year >= 400"), ("每年培训不少于500课时", "每年培训不少于400课时")],
        )
    }

    #[test]
    fn the_same_pack_has_no_changes_and_no_verdict_differences() {
        let pack = default_pack::pack();
        assert!(changes(&pack, &pack).is_empty());
        let cases = case_facts(&default_pack::files());
        let v = verdict_changes(&pack, &pack, &cases, date(), 2_000);
        assert!(v.policies.is_empty());
        assert!(v.evaluated > cases.len() * pack.policies.len(), "the generated combinations are tried too ({})", v.evaluated);
    }

    #[test]
    fn a_lowered_threshold_is_one_changed_criterion_and_changes_verdicts_between_the_two_thresholds() {
        let old = default_pack::pack();
        let new = lowered_threshold();
        let c = changes(&old, &new);
        assert!(c.added.is_empty() && c.removed.is_empty());
        assert_eq!(c.changed.len(), 1);
        let change = &c.changed[0];
        assert_eq!(change.id, "qd-apprenticeship-subsidy");
        assert!(change.fields.is_empty(), "{:?}", change.fields);
        assert_eq!(change.criteria.len(), 1, "{:?}", change.criteria);
        let before = change.criteria[0].before.as_ref().unwrap();
        let after = change.criteria[0].after.as_ref().unwrap();
        assert_eq!(before.condition, "apprentice_hours_per_year >= 500");
        assert_eq!(after.condition, "apprentice_hours_per_year >= 400");
        assert_eq!(before.quote, after.quote, "the source sentence is shown on both sides");

        let v = verdict_changes(&old, &new, &[], date(), 5_000);
        assert_eq!(v.policies.len(), 1, "only the apprenticeship subsidy changes: {:?}", v.policies.iter().map(|p| &p.policy).collect::<Vec<_>>());
        let diff = &v.policies[0];
        assert!(diff.count > 0);
        for ex in &diff.examples {
            let hours = ex.facts["apprentice_hours_per_year"].as_i64().expect("the hours decide it");
            assert!((400..500).contains(&hours), "{hours} hours: {:?} -> {:?}", ex.before, ex.after);
        }
    }

    /// A crafted pack's condition of a million parts: the comparison ends
    /// within its bound, says which policy was tried on fewer answer sets,
    /// and shows the condition shortened.
    #[test]
    fn a_condition_of_a_million_parts_is_compared_within_the_bound_and_shown_shortened() {
        let old = default_pack::pack();
        let mut new = old.clone();
        let bool_fact = new.facts.iter().position(|f| matches!(f.kind, crate::engine::FactKind::Bool)).unwrap();
        let ix = new.policies.iter().position(|p| !p.criteria.is_empty()).unwrap();
        new.policies[ix].criteria[0].rule.expr = Expr::And(vec![Expr::BoolFact(bool_fact); 1_000_000]);
        let start = std::time::Instant::now();
        let v = verdict_changes(&old, &new, &[], date(), 20_000);
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "{:?}", start.elapsed());
        let shortened = v.shortened.iter().find(|s| s.policy == new.policies[ix].id).expect("the large policy was tried on fewer sets");
        assert!(shortened.parts > 1_000_000 && shortened.tried < shortened.wanted, "{shortened:?}");
        assert!(v.shortened.iter().map(|s| s.tried * s.parts).sum::<usize>() <= MAX_WORK);
        let lines = report(&changes(&old, &new), &v);
        let note = format!(
            "{}: tried on {} of {} answer sets only: its conditions have {} parts, and a comparison evaluates at most {MAX_WORK} parts in all.",
            shortened.policy, shortened.tried, shortened.wanted, shortened.parts
        );
        assert!(lines.iter().any(|l| l.kind == LineKind::Note && l.text == note), "{note}");
        let after = lines.iter().find(|l| l.kind == LineKind::After).unwrap();
        assert!(after.text.chars().count() < MAX_SHOWN + 100 && after.text.contains("characters in all)"), "{}", &after.text[..200]);
    }
}
