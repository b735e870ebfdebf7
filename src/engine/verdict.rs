//! Verdicts: one per policy, for the facts known so far and a date.

use super::{eval::int_value, eval::truth, Date, FactIx, Facts, Pack, Policy, Truth};

/// A policy's outcome for an applicant on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Every criterion holds on the facts given.
    Eligible,
    /// Some criterion is false whatever the unknown facts turn out to be.
    Ineligible,
    /// No criterion is false yet; some depend on facts not given.
    Undetermined,
    /// The date is after the policy's last day.
    Expired,
    /// The date is before the policy's first day.
    NotYetEffective,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Eligible => "eligible",
            Status::Ineligible => "ineligible",
            Status::Undetermined => "undetermined",
            Status::Expired => "expired",
            Status::NotYetEffective => "not_yet_effective",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        [Status::Eligible, Status::Ineligible, Status::Undetermined, Status::Expired, Status::NotYetEffective].into_iter().find(|s| s.as_str() == text)
    }

    /// Whether the facts decided this status: it cannot change with more answers.
    pub fn is_settled(self) -> bool {
        self != Status::Undetermined
    }
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
    /// One per criterion, in the policy's order.
    pub criteria: Vec<CriterionStatus>,
    /// Unknown facts that could still change this result or its amount, in
    /// question order. Empty once the status is settled and the amount known.
    pub missing: Vec<FactIx>,
    /// The maximum amount in yuan, for an eligible policy whose amount is known.
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
    (0..pack.policies.len()).map(|i| evaluate_policy(pack, i, facts, date)).collect()
}

/// One policy's verdict.
pub fn evaluate_policy(pack: &Pack, policy_ix: usize, facts: &Facts, date: Date) -> Verdict {
    let policy = &pack.policies[policy_ix];
    let criteria: Vec<CriterionStatus> = policy.criteria.iter().map(|c| truth(&c.when, facts).into()).collect();
    let in_force = if policy.validity.from.is_some_and(|d| date < d) {
        Some(Status::NotYetEffective)
    } else if policy.validity.until.is_some_and(|d| date > d) {
        Some(Status::Expired)
    } else {
        None
    };
    let status = in_force.unwrap_or_else(|| status_of(&criteria));
    let missing = match status {
        Status::Undetermined => missing_facts(policy, &criteria, facts, true),
        Status::Eligible => missing_facts(policy, &criteria, facts, false),
        _ => Vec::new(),
    };
    let max_amount = match (status, &policy.amount) {
        (Status::Eligible, Some(a)) => int_value(&a.formula, facts),
        _ => None,
    };
    Verdict { policy: policy_ix, status, criteria, missing, max_amount }
}

/// The status the criteria give, ignoring dates: one false criterion decides.
fn status_of(criteria: &[CriterionStatus]) -> Status {
    if criteria.contains(&CriterionStatus::NotMet) {
        Status::Ineligible
    } else if criteria.contains(&CriterionStatus::Unknown) {
        Status::Undetermined
    } else {
        Status::Eligible
    }
}

/// Unknown facts of the still-unknown criteria (when `criteria_too`) and of the amount.
fn missing_facts(policy: &Policy, criteria: &[CriterionStatus], facts: &Facts, criteria_too: bool) -> Vec<FactIx> {
    let mut out: Vec<FactIx> = Vec::new();
    if criteria_too {
        for (c, s) in policy.criteria.iter().zip(criteria) {
            if *s == CriterionStatus::Unknown {
                out.extend(c.facts.iter().copied().filter(|f| !facts.is_known(*f)));
            }
        }
    }
    if let Some(a) = &policy.amount {
        if int_value(&a.formula, facts).is_none() {
            out.extend(a.facts.iter().copied().filter(|f| !facts.is_known(*f)));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
