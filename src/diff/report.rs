//! Two packs' differences as the lines of one report, which `policy diff`
//! prints ([`report_text`]) and the pack studio shows.

use super::{Outcome, PackChanges, VerdictChanges, MAX_WORK};

/// An outcome in words for the report: "eligible", "eligible, up to 120000".
pub fn outcome_text(o: &Outcome) -> String {
    match o.max_amount {
        Some(n) => format!("{}, up to {n}", o.status.as_str()),
        None => o.status.as_str().to_string(),
    }
}

/// What a line of the report is. One place decides how each kind is shown:
/// its CSS class ([`LineKind::as_str`]), and its indent and sign in the
/// text form ([`LineKind::prefix`]); a line's text has neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// "added: ID": a policy only the new pack has.
    Added,
    /// "removed: ID": a policy only the old pack has.
    Removed,
    /// "changed: ID": a policy in both packs that differs; its field and
    /// criterion lines follow.
    Changed,
    /// "benefit:": a field that differs; its before and after lines follow.
    Field,
    /// "criterion added:", "criterion removed:" or "criterion changed:";
    /// its before line, after line or both follow.
    Criterion,
    /// The old pack's side: a field's value, or a criterion as
    /// "wording [condition, basis] “source sentence”".
    Before,
    /// The new pack's side, as [`LineKind::Before`].
    After,
    /// "Verdicts: N evaluations with each pack (…)": how the results were
    /// compared.
    Verdicts,
    /// "ID: N answer sets give a different verdict, for example:"; its
    /// examples follow.
    Differs,
    /// "{fact=value, …}: before -> after": answers under which the verdict
    /// differs, and the verdict with each pack.
    Example,
    /// "No policy changed." or "No verdict differs.".
    Note,
}

impl LineKind {
    /// The line's CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Added => "added",
            LineKind::Removed => "removed",
            LineKind::Changed => "changed",
            LineKind::Field => "field",
            LineKind::Criterion => "criterion",
            LineKind::Before => "before",
            LineKind::After => "after",
            LineKind::Verdicts => "verdicts",
            LineKind::Differs => "differs",
            LineKind::Example => "example",
            LineKind::Note => "note",
        }
    }

    /// What goes before the line's text in the text form: its indent, and
    /// the sign of a before ("-") or after ("+") line.
    pub fn prefix(self) -> &'static str {
        match self {
            LineKind::Added | LineKind::Removed | LineKind::Changed | LineKind::Verdicts | LineKind::Differs | LineKind::Note => "",
            LineKind::Field | LineKind::Criterion | LineKind::Example => "  ",
            LineKind::Before => "    - ",
            LineKind::After => "    + ",
        }
    }

    /// Whether the line starts a block of the report (in the text form, a
    /// blank line before it). A note belongs to the block it follows.
    pub fn opens_block(self) -> bool {
        matches!(self, LineKind::Added | LineKind::Removed | LineKind::Changed | LineKind::Verdicts | LineKind::Differs)
    }
}

/// One line of the report: what it is, and its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportLine {
    pub kind: LineKind,
    pub text: String,
}

/// The report of two packs' differences, line by line, as `policy diff`
/// prints it and the pack studio shows it: the policies added, removed and
/// changed (fields and criteria before and after, with their sources), then
/// the verdicts that differ, policy by policy, with examples. Naming the two
/// packs is the caller's: the report starts after that.
pub fn report(changes: &PackChanges, verdicts: &VerdictChanges) -> Vec<ReportLine> {
    let mut lines = Vec::new();
    let mut line = |kind, text: String| lines.push(ReportLine { kind, text });
    if changes.is_empty() {
        line(LineKind::Note, "No policy changed.".into());
    }
    for id in &changes.added {
        line(LineKind::Added, format!("added: {id}"));
    }
    for id in &changes.removed {
        line(LineKind::Removed, format!("removed: {id}"));
    }
    for p in &changes.changed {
        line(LineKind::Changed, format!("changed: {}", p.id));
        for f in &p.fields {
            line(LineKind::Field, format!("{}:", f.field));
            line(LineKind::Before, f.before.clone());
            line(LineKind::After, f.after.clone());
        }
        for c in &p.criteria {
            let what = match (&c.before, &c.after) {
                (None, _) => "criterion added:",
                (_, None) => "criterion removed:",
                _ => "criterion changed:",
            };
            line(LineKind::Criterion, what.into());
            for (kind, side) in [(LineKind::Before, &c.before), (LineKind::After, &c.after)] {
                if let Some(c) = side {
                    line(kind, format!("{} [{}, {}] “{}”", c.label, c.condition, c.basis.as_str(), c.quote));
                }
            }
        }
    }
    let how = if verdicts.sampled {
        "every test case and the combinations of deciding values, sampled beyond the bound"
    } else {
        "every test case and every combination of deciding values"
    };
    line(LineKind::Verdicts, format!("Verdicts: {} evaluations with each pack ({how}).", verdicts.evaluated));
    for s in &verdicts.shortened {
        line(
            LineKind::Note,
            format!(
                "{}: tried on {} of {} answer sets only: its conditions have {} parts, and a comparison evaluates at most {MAX_WORK} parts in all.",
                s.policy, s.tried, s.wanted, s.parts
            ),
        );
    }
    if verdicts.policies.is_empty() {
        line(LineKind::Note, "No verdict differs.".into());
    }
    for p in &verdicts.policies {
        let sets = if p.count == 1 { "set gives" } else { "sets give" };
        line(LineKind::Differs, format!("{}: {} answer {sets} a different verdict, for example:", p.policy, p.count));
        for ex in &p.examples {
            let facts = ex.facts.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", ");
            line(LineKind::Example, format!("{{{facts}}}: {} -> {}", outcome_text(&ex.before), outcome_text(&ex.after)));
        }
    }
    lines
}

/// The report as text, as `policy diff` prints it after the line naming the
/// two packs: each line with its indent and sign, a blank line between
/// blocks, every line ending with a newline.
pub fn report_text(lines: &[ReportLine]) -> String {
    let mut text = String::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 && l.kind.opens_block() {
            text.push('\n');
        }
        text.push_str(l.kind.prefix());
        text.push_str(&l.text);
        text.push('\n');
    }
    text
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::default_pack;
    use crate::diff::rules::criteria_text;
    use crate::diff::tests::{date, lowered_threshold};
    use crate::diff::{changes, verdict_changes, CriterionChange, CriterionText, Difference, FactSet, FieldChange, PolicyChange, PolicyDifferences};
    use crate::engine::{Basis, Status};

    #[test]
    fn the_report_of_a_lowered_threshold_shows_the_criterion_before_and_after_and_the_verdicts_it_changes() {
        let old = default_pack::pack();
        let new = lowered_threshold();
        let v = verdict_changes(&old, &new, &[], date(), 5_000);
        let lines = report(&changes(&old, &new), &v);
        let at = |kind: LineKind, start: &str| {
            lines.iter().position(|l| l.kind == kind && l.text.starts_with(start)).unwrap_or_else(|| panic!("no {kind:?} line {start:?} in {lines:#?}"))
        };
        let changed = at(LineKind::Changed, "changed: qd-apprenticeship-subsidy");
        assert_eq!(lines[changed + 1], ReportLine { kind: LineKind::Criterion, text: "criterion changed:".into() });
        let quote = "“新一轮培训的时长由原来每年不少于600课时调整为不少于500课时”";
        assert_eq!(lines[changed + 2].kind, LineKind::Before);
        assert_eq!(lines[changed + 2].text, format!("每年培训不少于500课时 [apprentice_hours_per_year >= 500, stated] {quote}"));
        assert_eq!(lines[changed + 3].kind, LineKind::After);
        assert_eq!(lines[changed + 3].text, format!("每年培训不少于400课时 [apprentice_hours_per_year >= 400, stated] {quote}"));

        let count = v.policies[0].count;
        let differs = at(LineKind::Differs, "qd-apprenticeship-subsidy: ");
        assert_eq!(lines[differs].text, format!("qd-apprenticeship-subsidy: {count} answer sets give a different verdict, for example:"));
        let examples = lines[differs + 1..].iter().take_while(|l| l.kind == LineKind::Example).count();
        assert_eq!(examples, v.policies[0].examples.len());
        assert!(at(LineKind::Verdicts, "Verdicts: ") < differs);

        let text = report_text(&lines);
        assert!(text.starts_with("changed: qd-apprenticeship-subsidy\n  criterion changed:\n    - 每年培训不少于500课时 ["), "{text}");
        assert!(text.contains(&format!("\n\nqd-apprenticeship-subsidy: {count} answer sets give a different verdict, for example:\n  {{")), "{text}");
    }

    #[test]
    fn the_report_text_indents_and_signs_each_kind_of_line_and_separates_blocks() {
        let criterion = CriterionText { label: "年满60周岁".into(), condition: "age >= 60".into(), basis: Basis::Inferred, quote: "老年人".into() };
        let changes = PackChanges {
            added: vec!["new-grant".into()],
            removed: vec!["old-grant".into()],
            changed: vec![PolicyChange {
                id: "grant".into(),
                fields: vec![FieldChange { field: "decision", before: "automatic".into(), after: "discretionary".into() }],
                criteria: vec![CriterionChange { before: Some(criterion), after: None }],
            }],
        };
        let outcome = |status, max_amount| Outcome { status, max_amount };
        let verdicts = VerdictChanges {
            evaluated: 12,
            sampled: true,
            shortened: Vec::new(),
            policies: vec![PolicyDifferences {
                policy: "grant".into(),
                count: 1,
                examples: vec![Difference {
                    facts: FactSet::from([("age".into(), 59.into()), ("city".into(), "qingdao".into())]),
                    before: outcome(Status::Ineligible, None),
                    after: outcome(Status::Eligible, Some(3000)),
                }],
            }],
        };
        assert_eq!(
            report_text(&report(&changes, &verdicts)),
            "added: new-grant

removed: old-grant

changed: grant
  decision:
    - automatic
    + discretionary
  criterion removed:
    - 年满60周岁 [age >= 60, inferred] “老年人”

Verdicts: 12 evaluations with each pack (every test case and the combinations of deciding values, sampled beyond the bound).

grant: 1 answer set gives a different verdict, for example:
  {age=59, city=\"qingdao\"}: ineligible -> eligible, up to 3000
"
        );
        let same = VerdictChanges { evaluated: 3, sampled: false, shortened: Vec::new(), policies: Vec::new() };
        assert_eq!(
            report_text(&report(&PackChanges::default(), &same)),
            "No policy changed.\n\nVerdicts: 3 evaluations with each pack (every test case and every combination of deciding values).\nNo verdict differs.\n"
        );
    }

    /// The basis is the pack's word for it, an example's too (it was once
    /// shown as "inferred").
    #[test]
    fn a_criterion_shows_its_basis_as_the_pack_writes_it() {
        let pack = default_pack::pack();
        let p = pack.policies.iter().find(|p| p.criteria.iter().any(|c| c.basis == Basis::Example)).expect("the seed pack has an example criterion");
        let example = criteria_text(&pack, p).into_iter().find(|c| c.basis == Basis::Example).unwrap();
        let changes = PackChanges {
            changed: vec![PolicyChange {
                id: p.id.clone(),
                fields: Vec::new(),
                criteria: vec![CriterionChange { before: None, after: Some(example.clone()) }],
            }],
            ..PackChanges::default()
        };
        let same = VerdictChanges { evaluated: 0, sampled: false, shortened: Vec::new(), policies: Vec::new() };
        let lines = report(&changes, &same);
        assert!(
            lines.iter().any(|l| l.kind == LineKind::After && l.text == format!("{} [{}, example] “{}”", example.label, example.condition, example.quote)),
            "{lines:#?}"
        );
    }
}
