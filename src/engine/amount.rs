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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::Value;
    use crate::fixtures::mini_pack_with;

    /// An apprentice's level, the years and the number of apprentices.
    const APPRENTICE_FACTS: &str = r#"
[[fact]]
id = "apprentice_level"
type = "enum"
question = { zh = "学徒的等级？", en = "The apprentices' level?" }
values = [
  { id = "intermediate", zh = "中级工", en = "Intermediate worker" },
  { id = "senior", zh = "高级工及以上", en = "Senior worker and above" },
]

[[fact]]
id = "apprentice_years"
type = "int"
min = 0
max = 10
question = { zh = "培训几年？", en = "For how many years?" }
unit = { zh = "年", en = "years" }

[[fact]]
id = "apprentice_count"
type = "int"
min = 0
max = 10000
question = { zh = "学徒有多少人？", en = "How many apprentices?" }
unit = { zh = "人", en = "apprentices" }
"#;

    /// A rate by level, for at most two years, per apprentice.
    const SUBSIDY: &str = r#"
id = "apprenticeship"
name = { zh = "学徒制培训补贴", en = "Apprenticeship subsidy" }
issuer = { zh = "青岛市", en = "Qingdao" }
jurisdiction = "qingdao"
benefit = { zh = "按学徒人数给予补贴。", en = "A subsidy per apprentice." }
apply = { zh = "文章未给出受理部门。", en = "The article names no office." }
decision = "entitlement"

[scope]
applicant = "enterprise"
place = 'city == "qingdao"'
place_label = { zh = "青岛市", en = "Qingdao" }

[amount]
formula = '(if apprentice_level == "intermediate" then 5000 else 6000) * min(apprentice_years, 2) * apprentice_count'
label = { zh = "最高补贴总额", en = "Maximum total subsidy" }
unit = { zh = "元/人·年", en = "yuan per apprentice a year" }
source = { document = "seed-000", quote = "组建专业帮办队伍" }
"#;

    /// One sum, whatever the answers.
    const PRIZE: &str = r#"
id = "prize"
name = { zh = "奖励", en = "Prize" }
issuer = { zh = "青岛市", en = "Qingdao" }
jurisdiction = "qingdao"
benefit = { zh = "一次性奖励。", en = "A one-off prize." }
apply = { zh = "文章未给出受理部门。", en = "The article names no office." }
decision = "selection"

[scope]
applicant = "enterprise"
place = 'city == "qingdao"'
place_label = { zh = "青岛市", en = "Qingdao" }

[amount]
formula = '3000000'
label = { zh = "奖励", en = "Prize" }
source = { document = "seed-000", quote = "组建专业帮办队伍" }
"#;

    #[test]
    fn a_subsidy_is_worked_out_with_the_cap_on_its_years() {
        let pack = mini_pack_with(&[("facts.toml", APPRENTICE_FACTS), ("rules/apprenticeship.toml", SUBSIDY), ("rules/prize.toml", PRIZE)]);
        let policy = pack.policy("apprenticeship").unwrap();
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
        assert_eq!(sum.factors[1].unit.as_ref().map(|u| u.zh.as_str()), Some("年"));
        assert_eq!(sum.factors[2].unit.as_ref().map(|u| u.zh.as_str()), Some("人"));
        // A single sum is only its total.
        assert_eq!(worked_sum(pack.policy("prize").unwrap(), &facts, &pack.facts), None);
    }
}
