//! Whose verdicts change between two packs: every policy they share,
//! evaluated with both on the same answers (the test cases, and the
//! [`Combinations`] of the answers that decide it), within a bound of work.

use super::combinations::Combinations;
use super::FactSet;
use crate::engine::{evaluate_policy, value_from_json, Date, Expr, Facts, Pack, Policy, Status, Verdict};
use serde::{Serialize, Serializer};

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
pub(super) fn facts_in(pack: &Pack, set: &FactSet) -> Facts {
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
