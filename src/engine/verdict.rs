//! Verdicts: one per policy, for the facts known so far and a date.

use super::{eval::int_value, eval::truth, Basis, Date, FactIx, Facts, Pack, Policy, Truth};

/// A policy's outcome for an applicant on a date (catalogue revision 3).
/// The variants are in the order results are shown, most certain first;
/// [`verdict_of`] decides them in the catalogue's order of precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// In scope, every criterion holds and is stated, and the benefit is an
    /// entitlement or a service: "you qualify".
    Eligible,
    /// In scope, every criterion holds and is stated, and an office reviews
    /// or selects: "you meet the published conditions", never "you qualify".
    MeetsConditions,
    /// In scope and every criterion holds, but some criterion is our reading
    /// or the article's example: "by our reading you may qualify", never
    /// "you meet the published conditions".
    Likely,
    /// Scope not false, nothing ruled out yet; some facts that matter are not given.
    Undetermined,
    /// Everything that matters is known and holds, except that the applicant
    /// is not among the article's examples, and the article publishes no
    /// conditions: "the article does not settle this: ask the office".
    Unclear,
    /// No stated criterion is false, but one we inferred is: "by our reading
    /// this is probably not for you", never "you do not qualify".
    Unlikely,
    /// A stated criterion is false whatever the unknown facts are.
    Ineligible,
    /// The date is after the policy's last day.
    Expired,
    /// The date is before the policy's first day.
    NotYetEffective,
    /// The scope is false: not for this kind of applicant, or this place.
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Eligible,
        Status::MeetsConditions,
        Status::Likely,
        Status::Undetermined,
        Status::Unclear,
        Status::Unlikely,
        Status::Ineligible,
        Status::Expired,
        Status::NotYetEffective,
        Status::NotApplicable,
    ];

    /// The catalogue's status id, as `policy eval`, the pack's test cases and
    /// the results sent to a host name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Eligible => "eligible",
            Status::MeetsConditions => "meets_conditions",
            Status::Likely => "likely",
            Status::Undetermined => "undetermined",
            Status::Unclear => "unclear",
            Status::Unlikely => "unlikely",
            Status::Ineligible => "ineligible",
            Status::Expired => "expired",
            Status::NotYetEffective => "not_yet_effective",
            Status::NotApplicable => "not_applicable",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether the facts decided this status: more answers cannot make it
    /// better (a settled result may only turn out not to be for the
    /// applicant at all, or an unlikely one to be ruled out).
    pub fn is_settled(self) -> bool {
        self != Status::Undetermined
    }

    /// Whether every condition holds (the result carries an amount, if any).
    pub fn conditions_hold(self) -> bool {
        matches!(self, Status::Eligible | Status::MeetsConditions | Status::Likely)
    }
}

/// Why a policy is not for the applicant: the first part of its scope that is false.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutOfScope {
    /// For another kind of applicant (only enterprises, only individuals).
    Applicant,
    /// For another place inside the pack's coverage.
    Place,
    /// The applicant is outside what the pack covers at all.
    Coverage,
}

/// How one criterion stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CriterionStatus {
    Met,
    NotMet,
    Unknown,
}

impl CriterionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CriterionStatus::Met => "met",
            CriterionStatus::NotMet => "not_met",
            CriterionStatus::Unknown => "unknown",
        }
    }
}

impl From<Truth> for CriterionStatus {
    fn from(t: Truth) -> Self {
        match t {
            Truth::True => CriterionStatus::Met,
            Truth::False => CriterionStatus::NotMet,
            Truth::Unknown => CriterionStatus::Unknown,
        }
    }
}

/// The outcome for one policy, with what it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Verdict {
    /// Index into [`Pack::policies`].
    pub policy: usize,
    pub status: Status,
    /// Whether the policy is for this applicant (its scope).
    pub scope: CriterionStatus,
    /// For a policy that is not applicable, why.
    pub out_of_scope: Option<OutOfScope>,
    /// The applicant is outside the pack's coverage (the policy may still be
    /// in scope, as a provincial card is for all of Shandong).
    pub outside_coverage: bool,
    /// One per criterion, in the policy's order.
    pub criteria: Vec<CriterionStatus>,
    /// Unknown facts that could still change this result or its amount, in
    /// question order. Empty once the status is settled and the amount known.
    pub missing: Vec<FactIx>,
    /// The maximum amount in yuan, once every condition holds and the amount is known.
    pub max_amount: Option<i64>,
    /// The year of the report the policy's information comes from, when it
    /// is more than two years old on the evaluation date (the status itself
    /// does not change).
    pub source_age: Option<i32>,
}

impl Verdict {
    /// The criteria that are not met, by index.
    pub fn failed(&self) -> impl Iterator<Item = usize> + '_ {
        self.criteria.iter().enumerate().filter(|(_, s)| **s == CriterionStatus::NotMet).map(|(i, _)| i)
    }
}

/// Every policy's verdict, in pack order. Deterministic: the same pack, facts
/// and date always give the same verdicts.
pub fn evaluate(pack: &Pack, facts: &Facts, date: Date) -> Vec<Verdict> {
    let outside = outside_coverage(pack, facts);
    (0..pack.policies.len()).map(|i| verdict_of(pack, i, facts, date, outside)).collect()
}

/// One policy's verdict.
pub fn evaluate_policy(pack: &Pack, policy_ix: usize, facts: &Facts, date: Date) -> Verdict {
    verdict_of(pack, policy_ix, facts, date, outside_coverage(pack, facts))
}

/// Whether the facts place the applicant outside what the pack covers.
fn outside_coverage(pack: &Pack, facts: &Facts) -> bool {
    pack.coverage.as_ref().is_some_and(|c| truth(&c.when, facts) == Truth::False)
}

fn verdict_of(pack: &Pack, policy_ix: usize, facts: &Facts, date: Date, outside_coverage: bool) -> Verdict {
    let policy = &pack.policies[policy_ix];
    let criteria: Vec<CriterionStatus> = policy.criteria.iter().map(|c| truth(&c.rule.expr, facts).into()).collect();
    let applicant = truth(&policy.scope.applicant, facts);
    let place = truth(&policy.scope.place, facts);
    let scope = applicant.and(place);
    let out_of_scope = match (applicant, place) {
        (Truth::False, _) => Some(OutOfScope::Applicant),
        (_, Truth::False) if outside_coverage => Some(OutOfScope::Coverage),
        (_, Truth::False) => Some(OutOfScope::Place),
        _ => None,
    };
    // Scope before dates: a policy that is not for you is "not for you",
    // even when it has also ended.
    let in_force = if scope == Truth::False { None } else { policy.validity.out_of_force(date) };
    let ground = Grounds::of(policy, &criteria);
    let status = in_force.unwrap_or_else(|| status_of(policy, scope, ground));
    let missing = match status {
        Status::Undetermined => missing_facts(policy, scope, &criteria, ground, facts, true),
        s if s.conditions_hold() => missing_facts(policy, scope, &criteria, ground, facts, false),
        _ => Vec::new(),
    };
    let max_amount = match &policy.amount {
        Some(a) if status.conditions_hold() => int_value(&a.rule.expr, facts),
        _ => None,
    };
    let out_of_scope = if status == Status::NotApplicable { out_of_scope } else { None };
    let source_age = policy.source_age(date);
    Verdict { policy: policy_ix, status, scope: scope.into(), out_of_scope, outside_coverage, criteria, missing, max_amount, source_age }
}

/// What the criteria's statuses add up to, by basis.
#[derive(Clone, Copy)]
struct Grounds {
    stated_false: bool,
    inferred_false: bool,
    example_false: bool,
    /// Some criterion is unknown whose answer still matters: once an
    /// example is false the result can only be "unclear" or worse, so an
    /// unknown example no longer matters.
    unknown: bool,
}

impl Grounds {
    fn of(policy: &Policy, criteria: &[CriterionStatus]) -> Grounds {
        let with = |basis: Basis, status: CriterionStatus| policy.criteria.iter().zip(criteria).any(|(c, s)| c.basis == basis && *s == status);
        let example_false = with(Basis::Example, CriterionStatus::NotMet);
        let unknown = with(Basis::Stated, CriterionStatus::Unknown)
            || with(Basis::Inferred, CriterionStatus::Unknown)
            || (!example_false && with(Basis::Example, CriterionStatus::Unknown));
        Grounds {
            stated_false: with(Basis::Stated, CriterionStatus::NotMet),
            inferred_false: with(Basis::Inferred, CriterionStatus::NotMet),
            example_false,
            unknown,
        }
    }

    /// Whether an unknown criterion of this basis still matters.
    fn matters(self, basis: Basis) -> bool {
        basis != Basis::Example || !self.example_false
    }
}

/// The status the scope and criteria give, ignoring dates, in the
/// catalogue's order of precedence: a false scope, a false stated
/// criterion, a false inferred one; only then do unknowns count; then a
/// false example, and last how strongly the rest may speak.
fn status_of(policy: &Policy, scope: Truth, ground: Grounds) -> Status {
    if scope == Truth::False {
        Status::NotApplicable
    } else if ground.stated_false {
        Status::Ineligible
    } else if ground.inferred_false {
        Status::Unlikely
    } else if scope == Truth::Unknown || ground.unknown {
        Status::Undetermined
    } else if ground.example_false {
        Status::Unclear
    } else if !policy.all_stated() {
        Status::Likely
    } else if policy.decision.is_discretionary() {
        Status::MeetsConditions
    } else {
        Status::Eligible
    }
}

/// Unknown facts of the scope and of the criteria still unknown that matter
/// (when `conditions_too`), and of the amount.
fn missing_facts(policy: &Policy, scope: Truth, criteria: &[CriterionStatus], ground: Grounds, facts: &Facts, conditions_too: bool) -> Vec<FactIx> {
    let mut out: Vec<FactIx> = Vec::new();
    if conditions_too {
        if scope == Truth::Unknown {
            out.extend(policy.scope.facts.iter().copied().filter(|f| !facts.is_known(*f)));
        }
        for (c, s) in policy.criteria.iter().zip(criteria) {
            if *s == CriterionStatus::Unknown && ground.matters(c.basis) {
                out.extend(c.rule.facts.iter().copied().filter(|f| !facts.is_known(*f)));
            }
        }
    }
    if let Some(a) = &policy.amount {
        if int_value(&a.rule.expr, facts).is_none() {
            out.extend(a.rule.facts.iter().copied().filter(|f| !facts.is_known(*f)));
        }
    }
    super::sort_small::sort_dedup(&mut out);
    out
}
