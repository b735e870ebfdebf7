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
//! The report of both ([`report`]) is one list of lines, which `policy diff`
//! prints ([`report_text`]) and the pack studio shows.

use crate::engine::{evaluate_policy, expr_text, value_from_json, value_to_json, Basis, Date, Expr, FactIx, Facts, Pack, Policy, Status, Value, Verdict};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// Answers by fact id, as JSON values (choice ids for enums); a fact that is
/// not listed is unknown.
pub type FactSet = BTreeMap<String, serde_json::Value>;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PackChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<PolicyChange>,
}

impl PackChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// One policy in both packs, with what differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyChange {
    pub id: String,
    pub fields: Vec<FieldChange>,
    pub criteria: Vec<CriterionChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// A criterion as staff read it: its wording, its condition, its basis and
/// the source sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionText {
    pub label: String,
    pub condition: String,
    /// As the pack writes it ("stated").
    #[serde(serialize_with = "basis_word")]
    pub basis: Basis,
    pub quote: String,
}

fn basis_word<S: Serializer>(basis: &Basis, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(basis.as_str())
}

/// A criterion added (`before` is none), removed (`after` is none) or changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionChange {
    pub before: Option<CriterionText>,
    pub after: Option<CriterionText>,
}

/// What changed between `old` and `new`, policy by policy (matched by id).
pub fn changes(old: &Pack, new: &Pack) -> PackChanges {
    let mut out = PackChanges::default();
    for p in &new.policies {
        match old.policy(&p.id) {
            None => out.added.push(p.id.clone()),
            Some(before) => {
                let mut fields = field_changes(old, before, new, p);
                let mut criteria = criterion_changes(&criteria_text(old, before), &criteria_text(new, p));
                // Compared whole, shown shortened.
                for f in &mut fields {
                    shorten(&mut f.before);
                    shorten(&mut f.after);
                }
                for c in criteria.iter_mut().flat_map(|c| c.before.iter_mut().chain(c.after.iter_mut())) {
                    for text in [&mut c.label, &mut c.condition, &mut c.quote] {
                        shorten(text);
                    }
                }
                if !fields.is_empty() || !criteria.is_empty() {
                    out.changed.push(PolicyChange { id: p.id.clone(), fields, criteria });
                }
            }
        }
    }
    out.removed = old.policies.iter().filter(|p| new.policy(&p.id).is_none()).map(|p| p.id.clone()).collect();
    out
}

/// The most characters of one field or criterion a report shows: a real
/// condition is a few hundred; a crafted one can be megabytes.
pub const MAX_SHOWN: usize = 2_000;

/// `text` cut to [`MAX_SHOWN`] characters, saying how long it was.
fn shorten(text: &mut String) {
    if let Some((cut, _)) = text.char_indices().nth(MAX_SHOWN) {
        let all = text.chars().count();
        text.truncate(cut);
        text.push_str(&format!("… ({all} characters in all)"));
    }
}

/// Every field but the criteria, as text.
fn fields(pack: &Pack, p: &Policy) -> Vec<(&'static str, String)> {
    let text = |t: &crate::engine::Text| format!("{} | {}", t.zh, t.en);
    let expr = |e: &Expr| expr_text(e, &pack.facts);
    let date = |d: Option<Date>| d.map_or("-".into(), |d| d.to_string());
    vec![
        ("name", text(&p.name)),
        ("issuer", text(&p.issuer)),
        ("jurisdiction", p.jurisdiction.clone()),
        ("benefit", text(&p.benefit)),
        ("summary", p.summary.as_ref().map_or("-".into(), text)),
        (
            "local",
            p.local
                .iter()
                .map(|l| format!("{}: {} ({})", expr(&l.when), text(&l.benefit), l.apply.as_ref().map_or("-".into(), text)))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("apply", text(&p.apply)),
        ("scope.applicant", format!("{} ({})", expr(&p.scope.applicant), text(&p.scope.applicant_label))),
        ("scope.place", format!("{} ({})", expr(&p.scope.place), text(&p.scope.place_label))),
        ("scope.elsewhere", p.scope.elsewhere.as_ref().map_or("-".into(), text)),
        ("decision", p.decision.as_str().to_string()),
        ("decided_by", p.decided_by.as_ref().map_or("-".into(), text)),
        ("validity", format!("{} – {}", date(p.validity.from), date(p.validity.until))),
        ("amount", p.amount.as_ref().map_or("-".into(), |a| format!("{} ({}) “{}”", expr(&a.rule.expr), text(&a.rule.label), a.rule.source.quote))),
    ]
}

fn field_changes(old: &Pack, before: &Policy, new: &Pack, after: &Policy) -> Vec<FieldChange> {
    fields(old, before)
        .into_iter()
        .zip(fields(new, after))
        .filter(|((_, b), (_, a))| a != b)
        .map(|((field, before), (_, after))| FieldChange { field, before, after })
        .collect()
}

fn criteria_text(pack: &Pack, p: &Policy) -> Vec<CriterionText> {
    p.criteria
        .iter()
        .map(|c| CriterionText {
            label: c.rule.label.zh.clone(),
            condition: expr_text(&c.rule.expr, &pack.facts),
            basis: c.basis,
            quote: c.rule.source.quote.clone(),
        })
        .collect()
}

/// Criteria that are not the same on both sides, paired where they are
/// plainly one criterion edited: the same wording, else the same condition,
/// else the same source sentence, else what is left in order.
fn criterion_changes(before: &[CriterionText], after: &[CriterionText]) -> Vec<CriterionChange> {
    let mut old: Vec<Option<&CriterionText>> = before.iter().map(Some).collect();
    let mut new: Vec<Option<&CriterionText>> = after.iter().map(Some).collect();
    let mut out = Vec::new();
    let keys: [fn(&CriterionText) -> &str; 3] = [|c| &c.label, |c| &c.condition, |c| &c.quote];
    // Unchanged criteria first, then pairs by each key in turn.
    for same in [None, Some(0), Some(1), Some(2)] {
        for slot in new.iter_mut() {
            let Some(n) = *slot else { continue };
            let found = old.iter_mut().find(|o| o.is_some_and(|o| if let Some(k) = same { keys[k](o) == keys[k](n) } else { o == n }));
            if let Some(o) = found {
                if same.is_some() {
                    out.push(CriterionChange { before: o.cloned(), after: Some(n.clone()) });
                }
                *o = None;
                *slot = None;
            }
        }
    }
    let (old, new): (Vec<_>, Vec<_>) = (old.into_iter().flatten().collect(), new.into_iter().flatten().collect());
    for i in 0..old.len().max(new.len()) {
        out.push(CriterionChange { before: old.get(i).map(|c| (*c).clone()), after: new.get(i).map(|c| (*c).clone()) });
    }
    out
}

/// A verdict as compared: its status and maximum amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// As the catalogue names it ("eligible").
    #[serde(serialize_with = "status_id")]
    pub status: Status,
    pub max_amount: Option<i64>,
}

fn status_id<S: Serializer>(status: &Status, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(status.as_str())
}

impl From<&Verdict> for Outcome {
    fn from(v: &Verdict) -> Outcome {
        Outcome { status: v.status, max_amount: v.max_amount }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub facts: FactSet,
    pub before: Outcome,
    pub after: Outcome,
}

/// The answers under which one policy's verdict differs, with a few examples.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PolicyDifferences {
    pub policy: String,
    pub count: usize,
    pub examples: Vec<Difference>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VerdictChanges {
    /// (policy, answers) pairs evaluated with both packs.
    pub evaluated: usize,
    /// Whether some policy had more combinations than the bound, so that
    /// only a sample of them was tried.
    pub sampled: bool,
    /// Policies whose conditions are so large that fewer answer sets were
    /// tried than the bound allows, to keep within [`MAX_WORK`].
    pub shortened: Vec<Shortened>,
    /// Policies whose verdicts differ, most differences first.
    pub policies: Vec<PolicyDifferences>,
}

/// A policy compared on fewer answer sets than it would have been, for lack
/// of work left ([`MAX_WORK`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Shortened {
    pub policy: String,
    /// The parts of its conditions, in both packs: the work of evaluating it once.
    pub parts: usize,
    /// Answer sets (test cases and combinations) it would have been tried on.
    pub wanted: usize,
    pub tried: usize,
}

/// Examples kept per policy.
const EXAMPLES: usize = 3;

/// The most work one comparison does, counted in parts of conditions
/// evaluated (every evaluation of a policy costs the parts of its scope,
/// criteria and amount, in both packs). About a second; the default pack's
/// comparison is a few million. A crafted pack (one condition of a million
/// parts) is then compared on fewer answer sets, and the report says so,
/// instead of taking minutes.
pub const MAX_WORK: usize = 100_000_000;

/// The test cases of both packs as one list of answer sets for
/// [`verdict_changes`]: a case both packs have is one set.
pub fn answer_sets(old: Vec<FactSet>, new: Vec<FactSet>) -> Vec<FactSet> {
    let mut sets = old;
    for set in new {
        if !sets.contains(&set) {
            sets.push(set);
        }
    }
    sets
}

/// Evaluates every policy the two packs share on `cases` (test cases' facts)
/// and on the combinations of the values that decide its conditions, at
/// most `bound` per policy, on `date`; lists where the verdicts differ.
/// The work is shared out between the policies so that the whole stays
/// within [`MAX_WORK`]; what a policy's share leaves unused goes to the rest.
pub fn verdict_changes(old: &Pack, new: &Pack, cases: &[FactSet], date: Date, bound: usize) -> VerdictChanges {
    let mut out = VerdictChanges { evaluated: 0, sampled: false, shortened: Vec::new(), policies: Vec::new() };
    let shared: Vec<(usize, usize)> = new.policies.iter().enumerate().filter_map(|(n, p)| Some((old.policy_ix(&p.id)?, n))).collect();
    // The cases in each pack's terms, once for every policy.
    let old_cases: Vec<Facts> = cases.iter().map(|set| facts_in(old, set)).collect();
    let new_cases: Vec<Facts> = cases.iter().map(|set| facts_in(new, set)).collect();
    let mut work_left = MAX_WORK;
    for (k, &(old_ix, new_ix)) in shared.iter().enumerate() {
        let policy = &new.policies[new_ix];
        let parts = verdict_parts(old, &old.policies[old_ix]) + verdict_parts(new, policy);
        let affordable = work_left / (shared.len() - k) / parts;
        let mut sets = Combinations::new(old, &old.policies[old_ix], new, policy, bound);
        let wanted = cases.len().saturating_add(sets.len());
        let tried = wanted.min(affordable);
        if tried < wanted {
            out.shortened.push(Shortened { policy: policy.id.clone(), parts, wanted, tried });
            sets = sets.sample(tried.saturating_sub(cases.len()));
        }
        out.sampled |= sets.is_sample();
        work_left -= tried * parts;
        let mut found = PolicyDifferences { policy: policy.id.clone(), count: 0, examples: Vec::new() };
        // The answers as JSON only for the few examples kept.
        let mut compare = |old_facts: &Facts, new_facts: &Facts, answers: &dyn Fn() -> FactSet| {
            out.evaluated += 1;
            let before = Outcome::from(&evaluate_policy(old, old_ix, old_facts, date));
            let after = Outcome::from(&evaluate_policy(new, new_ix, new_facts, date));
            if before != after {
                found.count += 1;
                if found.examples.len() < EXAMPLES {
                    found.examples.push(Difference { facts: answers(), before, after });
                }
            }
        };
        for (i, set) in cases.iter().enumerate().take(tried) {
            compare(&old_cases[i], &new_cases[i], &|| set.clone());
        }
        // Only the facts of this policy's axes are ever answered.
        let (mut old_facts, mut new_facts) = (Facts::unknown(&old.facts), Facts::unknown(&new.facts));
        while sets.advance() {
            sets.answer(&mut old_facts, &mut new_facts);
            compare(&old_facts, &new_facts, &|| sets.fact_set());
        }
        if found.count > 0 {
            out.policies.push(found);
        }
    }
    out.policies.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.policy.cmp(&b.policy)));
    out
}

/// The work of evaluating `p` once: the parts of every condition its
/// verdict reads (at least 1).
fn verdict_parts(pack: &Pack, p: &Policy) -> usize {
    let conditions =
        [&p.scope.applicant, &p.scope.place].into_iter().chain(p.criteria.iter().map(|c| &c.rule.expr)).chain(p.amount.iter().map(|a| &a.rule.expr));
    conditions.chain(pack.coverage.iter().map(|c| &c.when)).map(parts).sum::<usize>().max(1)
}

/// How many parts (values, facts and operations) an expression has. The
/// recursion is bounded: a pack's expressions are at most 64 levels deep.
fn parts(e: &Expr) -> usize {
    1 + match e {
        Expr::Bool(_) | Expr::Int(_) | Expr::Date(_) => 0,
        Expr::BoolFact(_) | Expr::IntFact(_) | Expr::DateFact(_) | Expr::EnumIn(..) | Expr::SetHasAny(..) | Expr::SetIsEmpty(_) => 0,
        Expr::Not(a) => parts(a),
        Expr::And(items) | Expr::Or(items) | Expr::Min(items) | Expr::Max(items) => items.iter().map(parts).sum(),
        Expr::BoolEq(a, b) | Expr::Cmp(_, a, b) | Expr::Arith(_, a, b) => parts(a) + parts(b),
        Expr::If(c, a, b) => parts(c) + parts(a) + parts(b),
    }
}

/// `set` in `pack`'s terms: a fact or value the pack does not have stays unknown.
fn facts_in(pack: &Pack, set: &FactSet) -> Facts {
    let mut facts = Facts::unknown(&pack.facts);
    for (id, json) in set {
        if let Some(ix) = pack.fact_ix(id) {
            if let Ok(Some(value)) = value_from_json(&pack.facts[ix], json) {
                facts.set(ix, Some(value));
            }
        }
    }
    facts
}

/// The facts a policy's verdict reads in `pack`: its scope, criteria and
/// amount, and the pack's coverage condition.
fn reads(pack: &Pack, p: &Policy) -> Vec<FactIx> {
    let mut facts = p.facts_read();
    facts.extend(pack.coverage.iter().flat_map(|c| c.when.facts()));
    facts
}

/// The answers worth trying for one policy in both packs: for each fact it
/// reads in either, "unknown" and every probe value of either pack; all
/// combinations up to a bound, else that many of them picked by a fixed
/// pseudo-random sequence (the same every run). Made one at a time, so that
/// a bound of millions does not hold millions of answer sets in memory, and
/// as the engine's values in each pack's terms, so that trying one is
/// setting a few answers.
struct Combinations {
    /// One per fact, in the order of their ids.
    axes: Vec<Axis>,
    order: Order,
    /// How many are still to come.
    left: usize,
    /// The current combination: for each axis, which of its values.
    picks: Vec<usize>,
}

/// One fact a policy reads in either pack, and the answers to try for it.
struct Axis {
    id: String,
    /// Where the fact is in the old and in the new pack, if it is there.
    at: [Option<FactIx>; 2],
    /// Unknown first, then each probe value of either pack.
    values: Vec<Probe>,
}

/// One answer to try.
struct Probe {
    /// The answer in the old and in the new pack's terms; unknown in a pack
    /// that lacks the fact or the value.
    value: [Option<Value>; 2],
    /// The answer as an example shows it, the same for both packs (`null`:
    /// unknown).
    json: serde_json::Value,
}

enum Order {
    /// Every combination, numbered from 0.
    Every { next: usize },
    /// A 64-bit linear congruential generator's picks: deterministic, no crate.
    Sample { state: u64 },
}

impl Combinations {
    fn new(old: &Pack, old_policy: &Policy, new: &Pack, new_policy: &Policy, bound: usize) -> Combinations {
        // The values, by fact id, told apart as JSON: a choice is the same
        // answer in both packs by its id, whatever its position.
        let mut values: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
        for (pack, policy) in [(old, old_policy), (new, new_policy)] {
            for f in reads(pack, policy) {
                let def = &pack.facts[f];
                let list = values.entry(def.id.clone()).or_insert_with(|| vec![serde_json::Value::Null]);
                for v in pack.probes(f) {
                    let json = value_to_json(def, *v);
                    if !list.contains(&json) {
                        list.push(json);
                    }
                }
            }
        }
        let packs = [old, new];
        let axes: Vec<Axis> = values
            .into_iter()
            .map(|(id, list)| {
                let at = packs.map(|pack| pack.fact_ix(&id));
                let in_terms_of = |k: usize, json: &serde_json::Value| at[k].and_then(|ix| value_from_json(&packs[k].facts[ix], json).ok().flatten());
                let values = list.into_iter().map(|json| Probe { value: [in_terms_of(0, &json), in_terms_of(1, &json)], json }).collect();
                Axis { id, at, values }
            })
            .collect();
        let total = axes.iter().try_fold(1usize, |n, a| n.checked_mul(a.values.len()));
        let picks = vec![0; axes.len()];
        match total {
            Some(total) if total <= bound => Combinations { axes, order: Order::Every { next: 0 }, left: total, picks },
            _ => Combinations { axes, order: Order::Sample { state: SEED }, left: bound, picks },
        }
    }

    /// `n` of the same combinations, picked as beyond the bound.
    fn sample(self, n: usize) -> Combinations {
        Combinations { order: Order::Sample { state: SEED }, left: n.min(self.left), ..self }
    }

    fn len(&self) -> usize {
        self.left
    }

    fn is_sample(&self) -> bool {
        matches!(self.order, Order::Sample { .. })
    }

    /// Moves to the next combination; `false` when there is none left.
    fn advance(&mut self) -> bool {
        let Some(left) = self.left.checked_sub(1) else { return false };
        self.left = left;
        match &mut self.order {
            Order::Every { next } => {
                let mut n = *next;
                *next += 1;
                for (pick, axis) in self.picks.iter_mut().zip(&self.axes) {
                    *pick = n % axis.values.len();
                    n /= axis.values.len();
                }
            }
            Order::Sample { state } => {
                for (pick, axis) in self.picks.iter_mut().zip(&self.axes) {
                    *state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    *pick = ((*state >> 33) as usize) % axis.values.len();
                }
            }
        }
        true
    }

    /// Sets the current combination's answers in `old` and `new`, the
    /// answers of the old and the new pack. Every fact of an axis is set,
    /// so that the answers of the previous combination do not linger.
    fn answer(&self, old: &mut Facts, new: &mut Facts) {
        for (&pick, axis) in self.picks.iter().zip(&self.axes) {
            let [in_old, in_new] = axis.values[pick].value;
            if let Some(ix) = axis.at[0] {
                old.set(ix, in_old);
            }
            if let Some(ix) = axis.at[1] {
                new.set(ix, in_new);
            }
        }
    }

    /// The current combination as answers by fact id (unknown ones left out).
    fn fact_set(&self) -> FactSet {
        let mut set = FactSet::new();
        for (&pick, axis) in self.picks.iter().zip(&self.axes) {
            let json = &axis.values[pick].json;
            if !json.is_null() {
                set.insert(axis.id.clone(), json.clone());
            }
        }
        set
    }
}

const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

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
    use crate::pack::{case_facts, load, PackFiles};

    const RULE: &str = "rules/qd-apprenticeship-subsidy.toml";

    /// The default pack with `from` replaced by `to` in one file.
    fn edited(path: &str, edits: &[(&str, &str)]) -> (Pack, PackFiles) {
        let files = default_pack::files();
        let mut pairs: Vec<(String, String)> = files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        for (p, text) in pairs.iter_mut() {
            if p == path {
                for (from, to) in edits {
                    assert!(text.contains(from), "{path} has no {from:?}");
                    *text = text.replace(from, to);
                }
            }
        }
        let files = PackFiles::from_pairs(pairs);
        (load(&files).unwrap_or_else(|e| panic!("{e:?}")), files)
    }

    fn date() -> Date {
        Date::parse("2026-06-01").unwrap()
    }

    /// Every answer set still to come, by fact id.
    fn fact_sets(mut sets: Combinations) -> Vec<FactSet> {
        let mut all = Vec::new();
        while sets.advance() {
            all.push(sets.fact_set());
        }
        all
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
        let (new, _) =
            edited(RULE, &[("apprentice_hours_per_year >= 500", "apprentice_hours_per_year >= 400"), ("每年培训不少于500课时", "每年培训不少于400课时")]);
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

    #[test]
    fn added_removed_and_reworded_criteria_are_told_apart() {
        let a = |label: &str, condition: &str| CriterionText { label: label.into(), condition: condition.into(), basis: Basis::Stated, quote: "q".into() };
        let before = [a("one", "x >= 1"), a("two", "y == true"), a("three", "z >= 3")];
        let after = [a("one", "x >= 1"), a("two, reworded", "y == true"), a("four", "w >= 4")];
        let c = criterion_changes(&before, &after);
        // "two" is the same condition reworded; "three" went and "four" came
        // (nothing ties them, so they pair as a change in place).
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].before.as_ref().unwrap().label, "two");
        assert_eq!(c[0].after.as_ref().unwrap().label, "two, reworded");
        assert_eq!(c[1].before.as_ref().unwrap().label, "three");
        assert_eq!(c[1].after.as_ref().unwrap().label, "four");
        let only_added = criterion_changes(&before[..1], &before[..2]);
        assert_eq!(only_added, vec![CriterionChange { before: None, after: Some(before[1].clone()) }]);
        let only_removed = criterion_changes(&before[..2], &before[..1]);
        assert_eq!(only_removed, vec![CriterionChange { before: Some(before[1].clone()), after: None }]);
    }

    #[test]
    fn a_removed_policy_and_a_changed_field_are_listed() {
        let old = default_pack::pack();
        let mut new = old.clone();
        let gone = new.policies.remove(0).id;
        new.policies[0].benefit.en = "Something else".into();
        let c = changes(&old, &new);
        assert_eq!(c.removed, vec![gone.clone()]);
        assert_eq!(c.changed.len(), 1);
        assert_eq!(c.changed[0].fields.iter().map(|f| f.field).collect::<Vec<_>>(), ["benefit"]);
        let back = changes(&new, &old);
        assert_eq!(back.added, vec![gone]);
    }

    #[test]
    fn the_report_of_a_lowered_threshold_shows_the_criterion_before_and_after_and_the_verdicts_it_changes() {
        let old = default_pack::pack();
        let (new, _) =
            edited(RULE, &[("apprentice_hours_per_year >= 500", "apprentice_hours_per_year >= 400"), ("每年培训不少于500课时", "每年培训不少于400课时")]);
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

    /// Two packs that number an enum's and a set's choices differently
    /// (the test pack, `tests/fixtures/mini`, and the same with its choices
    /// reordered): each combination answers each pack as its answers by id do.
    #[test]
    fn a_combination_answers_each_pack_in_its_own_terms() {
        let files = PackFiles::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")).unwrap();
        let old = load(&files).unwrap();
        let mut facts = files.get("facts.toml").unwrap().to_string();
        for (a, b) in [
            (
                "  { id = \"academician\", zh = \"两院院士\", en = \"Academician\" },\n",
                "  { id = \"national_high_level\", zh = \"国家级高层次人才\", en = \"National high-level talent\" },\n",
            ),
            ("  { id = \"qingdao\", zh = \"青岛市\", en = \"Qingdao\" },\n", "  { id = \"zaozhuang\", zh = \"枣庄市\", en = \"Zaozhuang\" },\n"),
        ] {
            assert!(facts.contains(&format!("{a}{b}")), "{a}");
            facts = facts.replace(&format!("{a}{b}"), &format!("{b}{a}"));
        }
        let mut reordered = files.clone();
        reordered.insert("facts.toml", &facts);
        let new = load(&reordered).unwrap();
        for p in &old.policies {
            let mut sets = Combinations::new(&old, p, &new, new.policy(&p.id).unwrap(), usize::MAX);
            let (mut old_facts, mut new_facts) = (Facts::unknown(&old.facts), Facts::unknown(&new.facts));
            while sets.advance() {
                sets.answer(&mut old_facts, &mut new_facts);
                let set = sets.fact_set();
                assert_eq!((&old_facts, &new_facts), (&facts_in(&old, &set), &facts_in(&new, &set)), "{}: {set:?}", p.id);
            }
        }
        // And so the two packs give the same verdicts.
        assert!(verdict_changes(&old, &new, &case_facts(&files), date(), 20_000).policies.is_empty());
    }

    #[test]
    fn beyond_the_bound_a_fixed_sample_is_tried() {
        let pack = default_pack::pack();
        let p = &pack.policies[pack.policy_ix("qd-apprenticeship-subsidy").unwrap()];
        let all = Combinations::new(&pack, p, &pack, p, usize::MAX);
        assert!(!all.is_sample());
        let some = Combinations::new(&pack, p, &pack, p, 10);
        assert!(some.is_sample() && some.len() == 10 && all.len() > 10);
        let (all, some) = (fact_sets(all), fact_sets(some));
        assert_eq!(some.len(), 10);
        assert_eq!(some, fact_sets(Combinations::new(&pack, p, &pack, p, 10)), "the same sample every run");
        assert!(some.iter().all(|s| all.contains(s)), "a sample of the same combinations");
    }
}
