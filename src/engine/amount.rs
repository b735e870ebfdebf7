//! An amount worked out with the applicant's own numbers: the factors of
//! the policy's formula as they stand for these answers, so that a page can
//! show "6,000 元/人·年 × 2 年 × 10 人 = 120,000 元" rather than only its
//! total. Read from the formula itself, never written by hand, so the sum
//! shown is always the sum computed.

use super::{eval::int_value, ArithOp, Expr, FactDef, Facts, Policy, Text};

/// One factor of a worked sum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Factor {
    pub value: i64,
    /// What it counts ("年", "人"), or the formula's rate unit ("元/人·年").
    pub unit: Option<Text>,
    /// Where the formula caps an answer (`min(apprentice_years, 2)`): the
    /// number answered, when the cap lowered it.
    pub capped_from: Option<i64>,
}

/// A product of factors and its total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkedSum {
    pub factors: Vec<Factor>,
    pub total: i64,
}

/// The policy's amount as a product of at least two factors, each known
/// for these answers; `None` for a single sum (3,000,000), a formula that
/// is not a product, or one whose facts are not all answered.
pub fn worked_sum(policy: &Policy, facts: &Facts, defs: &[FactDef]) -> Option<WorkedSum> {
    let amount = policy.amount.as_ref()?;
    let mut parts = Vec::new();
    multiplicands(&amount.rule.expr, &mut parts);
    if parts.len() < 2 {
        return None;
    }
    let mut rate_unit = amount.unit.as_ref();
    let factors = parts
        .into_iter()
        .map(|part| {
            let value = int_value(part, facts)?;
            let (unit, capped_from) = match part {
                Expr::IntFact(f) => (defs.get(*f)?.unit.clone(), None),
                // A cap on an answer: min(fact, limit).
                Expr::Min(items) => match items.iter().find_map(|i| if let Expr::IntFact(f) = i { Some(*f) } else { None }) {
                    Some(f) => {
                        let answered = int_value(&Expr::IntFact(f), facts)?;
                        (defs.get(f)?.unit.clone(), (answered > value).then_some(answered))
                    }
                    None => (None, None),
                },
                // A rate (a number, or a choice of numbers): the formula's unit, once.
                _ => (rate_unit.take().cloned(), None),
            };
            Some(Factor { value, unit, capped_from })
        })
        .collect::<Option<Vec<Factor>>>()?;
    Some(WorkedSum { factors, total: int_value(&amount.rule.expr, facts)? })
}

/// The factors of a product, left to right.
fn multiplicands<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::Arith(ArithOp::Mul, a, b) => {
            multiplicands(a, out);
            multiplicands(b, out);
        }
        other => out.push(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_pack;
    use crate::engine::Value;

    #[test]
    fn the_apprenticeship_subsidy_is_worked_out_with_the_cap_on_its_years() {
        let pack = default_pack::pack();
        let policy = pack.policy("qd-apprenticeship-subsidy").unwrap();
        let mut facts = Facts::unknown(&pack.facts);
        let set = |facts: &mut Facts, id: &str, v: Value| facts.set(pack.fact_ix(id).unwrap(), Some(v));
        let level = pack.facts[pack.fact_ix("apprentice_level").unwrap()].kind.choice_ix("senior").unwrap() as u8;
        set(&mut facts, "apprentice_level", Value::Enum(level));
        set(&mut facts, "apprentice_years", Value::Int(3));
        assert_eq!(worked_sum(policy, &facts, &pack.facts), None, "the count is not known yet");
        set(&mut facts, "apprentice_count", Value::Int(10));
        let sum = worked_sum(policy, &facts, &pack.facts).unwrap();
        assert_eq!(sum.total, 120_000);
        let values: Vec<(i64, Option<i64>)> = sum.factors.iter().map(|f| (f.value, f.capped_from)).collect();
        assert_eq!(values, [(6000, None), (2, Some(3)), (10, None)]);
        assert_eq!(sum.factors[0].unit.as_ref().map(|u| u.zh.as_str()), Some("元/人·年"));
        assert_eq!(sum.factors[2].unit.as_ref().map(|u| u.zh.as_str()), Some("人"));
        // A single sum is only its total.
        assert_eq!(worked_sum(pack.policy("sn-talent-team-support").unwrap(), &facts, &pack.facts), None);
    }
}
