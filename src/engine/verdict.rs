//! Verdicts: one per policy, for the facts known so far and a date.

use super::{eval::int_value, eval::truth, Date, FactIx, Facts, Pack, Policy, Truth};

/// A policy's outcome for an applicant on a date. The order is the order of
/// precedence in which results are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// In scope, every criterion holds and is stated, and the benefit is an
    /// entitlement or a service: "you qualify".
    Eligible,
    /// In scope and every criterion holds, but someone decides (review,
    /// selection) or some criterion is our reading: "you meet the published
    /// conditions", never "you qualify".
    MeetsConditions,
    /// Scope not false, no criterion false; some depend on facts not given.
    Undetermined,
    /// Scope not false; some criterion is false whatever the unknown facts are.
    Ineligible,
    /// The scope is false: not for this kind of applicant, or this place.
    NotApplicable,
    /// The date is after the policy's last day.
    Expired,
    /// The date is before the policy's first day.
    NotYetEffective,
}

impl Status {
    pub const ALL: [Status; 7] =
        [Status::Eligible, Status::MeetsConditions, Status::Undetermined, Status::Ineligible, Status::NotApplicable, Status::Expired, Status::NotYetEffective];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Eligible => "eligible",
            Status::MeetsConditions => "meets_conditions",
            Status::Undetermined => "undetermined",
            Status::Ineligible => "ineligible",
            Status::NotApplicable => "not_applicable",
            Status::Expired => "expired",
            Status::NotYetEffective => "not_yet_effective",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether the facts decided this status: it cannot change with more answers.
    pub fn is_settled(self) -> bool {
        self != Status::Undetermined
    }

    /// Whether every condition holds (the result carries an amount, if any).
    pub fn conditions_hold(self) -> bool {
        matches!(self, Status::Eligible | Status::MeetsConditions)
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
    let in_force = if policy.validity.from.is_some_and(|d| date < d) {
        Some(Status::NotYetEffective)
    } else if policy.validity.until.is_some_and(|d| date > d) {
        Some(Status::Expired)
    } else {
        None
    };
    let status = in_force.unwrap_or_else(|| status_of(policy, scope, &criteria));
    let missing = match status {
        Status::Undetermined => missing_facts(policy, scope, &criteria, facts, true),
        Status::Eligible | Status::MeetsConditions => missing_facts(policy, scope, &criteria, facts, false),
        _ => Vec::new(),
    };
    let max_amount = match &policy.amount {
        Some(a) if status.conditions_hold() => int_value(&a.expr, facts),
        _ => None,
    };
    let out_of_scope = if status == Status::NotApplicable { out_of_scope } else { None };
    Verdict { policy: policy_ix, status, scope: scope.into(), out_of_scope, outside_coverage, criteria, missing, max_amount }
}

/// The status the scope and criteria give, ignoring dates: a false scope
/// decides first, then one false criterion; only then do unknowns count.
fn status_of(policy: &Policy, scope: Truth, criteria: &[CriterionStatus]) -> Status {
    if scope == Truth::False {
        Status::NotApplicable
    } else if criteria.contains(&CriterionStatus::NotMet) {
        Status::Ineligible
    } else if scope == Truth::Unknown || criteria.contains(&CriterionStatus::Unknown) {
        Status::Undetermined
    } else if policy.decision.is_discretionary() || !policy.all_stated() {
        Status::MeetsConditions
    } else {
        Status::Eligible
    }
}

/// Unknown facts of the scope and the still-unknown criteria (when
/// `conditions_too`) and of the amount.
fn missing_facts(policy: &Policy, scope: Truth, criteria: &[CriterionStatus], facts: &Facts, conditions_too: bool) -> Vec<FactIx> {
    let mut out: Vec<FactIx> = Vec::new();
    if conditions_too {
        if scope == Truth::Unknown {
            out.extend(policy.scope.facts.iter().copied().filter(|f| !facts.is_known(*f)));
        }
        for (c, s) in policy.criteria.iter().zip(criteria) {
            if *s == CriterionStatus::Unknown {
                out.extend(c.rule.facts.iter().copied().filter(|f| !facts.is_known(*f)));
            }
        }
    }
    if let Some(a) = &policy.amount {
        if int_value(&a.expr, facts).is_none() {
            out.extend(a.facts.iter().copied().filter(|f| !facts.is_known(*f)));
        }
    }
    super::sort_small::sort_dedup(&mut out);
    out
}
