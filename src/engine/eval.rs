//! Three-valued (Kleene) evaluation: an unknown fact makes a comparison
//! unknown, and `and`/`or` stay decided whenever the known parts decide them.
//! `false and unknown` is false; `true or unknown` is true. This is what lets
//! one false criterion rule a policy out while other facts are unanswered.

use super::{
    expr::{ArithOp, CmpOp},
    Date, Expr, Facts, Value,
};

/// The value of a condition when some facts may be unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl Truth {
    pub fn from_bool(b: bool) -> Truth {
        if b {
            Truth::True
        } else {
            Truth::False
        }
    }

    /// Kleene conjunction: false wins, then unknown.
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, Truth::True) => Truth::True,
            _ => Truth::Unknown,
        }
    }

    pub fn known(self) -> Option<bool> {
        match self {
            Truth::True => Some(true),
            Truth::False => Some(false),
            Truth::Unknown => None,
        }
    }
}

/// A known value during evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Val {
    Bool(bool),
    Int(i64),
    Date(Date),
}

/// The truth of a condition (an expression checked as a condition).
pub fn truth(expr: &Expr, facts: &Facts) -> Truth {
    match eval(expr, facts) {
        Some(Val::Bool(b)) => Truth::from_bool(b),
        _ => Truth::Unknown,
    }
}

/// The value of a number expression; `None` when a fact it needs is unknown or
/// the arithmetic overflows (the pack checker rules the latter out for
/// amounts by bounding them).
pub fn int_value(expr: &Expr, facts: &Facts) -> Option<i64> {
    match eval(expr, facts) {
        Some(Val::Int(n)) => Some(n),
        _ => None,
    }
}

fn eval(expr: &Expr, facts: &Facts) -> Option<Val> {
    Some(match expr {
        Expr::Bool(b) => Val::Bool(*b),
        Expr::Int(n) => Val::Int(*n),
        Expr::Date(d) => Val::Date(*d),
        Expr::BoolFact(f) => match facts.get(*f)? {
            Value::Bool(b) => Val::Bool(b),
            _ => return None,
        },
        Expr::IntFact(f) => match facts.get(*f)? {
            Value::Int(n) => Val::Int(n),
            _ => return None,
        },
        Expr::DateFact(f) => match facts.get(*f)? {
            Value::Date(d) => Val::Date(d),
            _ => return None,
        },
        Expr::EnumIn(f, mask) => match facts.get(*f)? {
            Value::Enum(i) => Val::Bool(mask & (1u64 << i) != 0),
            _ => return None,
        },
        Expr::SetHasAny(f, mask) => match facts.get(*f)? {
            Value::Set(s) => Val::Bool(s & mask != 0),
            _ => return None,
        },
        Expr::SetIsEmpty(f) => match facts.get(*f)? {
            Value::Set(s) => Val::Bool(s == 0),
            _ => return None,
        },
        Expr::Not(e) => Val::Bool(!as_bool(eval(e, facts))?),
        Expr::And(items) => {
            let mut unknown = false;
            for item in items {
                match as_bool(eval(item, facts)) {
                    Some(false) => return Some(Val::Bool(false)),
                    Some(true) => {}
                    None => unknown = true,
                }
            }
            if unknown {
                return None;
            }
            Val::Bool(true)
        }
        Expr::Or(items) => {
            let mut unknown = false;
            for item in items {
                match as_bool(eval(item, facts)) {
                    Some(true) => return Some(Val::Bool(true)),
                    Some(false) => {}
                    None => unknown = true,
                }
            }
            if unknown {
                return None;
            }
            Val::Bool(false)
        }
        Expr::BoolEq(a, b) => Val::Bool(as_bool(eval(a, facts))? == as_bool(eval(b, facts))?),
        Expr::Cmp(op, a, b) => {
            let ordering = match (eval(a, facts)?, eval(b, facts)?) {
                (Val::Int(x), Val::Int(y)) => x.cmp(&y),
                (Val::Date(x), Val::Date(y)) => x.cmp(&y),
                _ => return None,
            };
            Val::Bool(match op {
                CmpOp::Eq => ordering.is_eq(),
                CmpOp::Ne => ordering.is_ne(),
                CmpOp::Lt => ordering.is_lt(),
                CmpOp::Le => ordering.is_le(),
                CmpOp::Gt => ordering.is_gt(),
                CmpOp::Ge => ordering.is_ge(),
            })
        }
        Expr::Arith(op, a, b) => {
            let (x, y) = (as_int(eval(a, facts))?, as_int(eval(b, facts))?);
            Val::Int(match op {
                ArithOp::Add => x.checked_add(y)?,
                ArithOp::Sub => x.checked_sub(y)?,
                ArithOp::Mul => x.checked_mul(y)?,
            })
        }
        Expr::Min(items) => Val::Int(items.iter().map(|e| as_int(eval(e, facts))).collect::<Option<Vec<_>>>()?.into_iter().min()?),
        Expr::Max(items) => Val::Int(items.iter().map(|e| as_int(eval(e, facts))).collect::<Option<Vec<_>>>()?.into_iter().max()?),
        Expr::If(c, a, b) => match as_bool(eval(c, facts)) {
            Some(true) => eval(a, facts)?,
            Some(false) => eval(b, facts)?,
            // Unknown condition: still known if both branches agree.
            None => {
                let (x, y) = (eval(a, facts)?, eval(b, facts)?);
                if x != y {
                    return None;
                }
                x
            }
        },
    })
}

fn as_bool(v: Option<Val>) -> Option<bool> {
    match v? {
        Val::Bool(b) => Some(b),
        _ => None,
    }
}

fn as_int(v: Option<Val>) -> Option<i64> {
    match v? {
        Val::Int(n) => Some(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{parse_expr, ExprType, FactDef, FactKind};

    fn defs() -> Vec<FactDef> {
        vec![
            FactDef::for_test("city", FactKind::enum_of(&["qingdao", "other"])),
            FactDef::for_test("age", FactKind::Int { min: 0, max: 130 }),
            FactDef::for_test("titles", FactKind::set_of(&["a", "b"])),
        ]
    }

    fn t(text: &str, answers: serde_json::Value) -> Truth {
        let d = defs();
        truth(&parse_expr(text, &d, ExprType::Bool).unwrap(), &Facts::from_json(&d, &answers).unwrap())
    }

    #[test]
    fn unknown_is_never_false() {
        assert_eq!(t("age >= 60", serde_json::json!({})), Truth::Unknown);
        assert_eq!(t("not (age >= 60)", serde_json::json!({})), Truth::Unknown);
        assert_eq!(t("titles is_empty", serde_json::json!({})), Truth::Unknown);
        assert_eq!(t("titles is_empty", serde_json::json!({"titles": []})), Truth::True);
    }

    #[test]
    fn one_false_decides_a_conjunction_one_true_a_disjunction() {
        assert_eq!(t(r#"city == "qingdao" and age >= 60"#, serde_json::json!({"city": "other"})), Truth::False);
        assert_eq!(t(r#"city == "qingdao" and age >= 60"#, serde_json::json!({"city": "qingdao"})), Truth::Unknown);
        assert_eq!(t(r#"titles has "a" or age >= 60"#, serde_json::json!({"age": 70})), Truth::True);
        assert_eq!(t(r#"titles has "a" or age >= 60"#, serde_json::json!({"age": 50})), Truth::Unknown);
    }

    #[test]
    fn if_with_unknown_condition_is_known_when_branches_agree() {
        let d = defs();
        let e = parse_expr(r#"if city == "qingdao" then 5 else 5"#, &d, ExprType::Int).unwrap();
        assert_eq!(int_value(&e, &Facts::unknown(&d)), Some(5));
        let e = parse_expr(r#"age * (if city == "qingdao" then 2 else 3)"#, &d, ExprType::Int).unwrap();
        assert_eq!(int_value(&e, &Facts::from_json(&d, &serde_json::json!({"age": 10})).unwrap()), None);
        assert_eq!(int_value(&e, &Facts::from_json(&d, &serde_json::json!({"age": 10, "city": "other"})).unwrap()), Some(30));
    }

    #[test]
    fn boundaries_are_inclusive_where_written_so() {
        assert_eq!(t("age >= 60", serde_json::json!({"age": 60})), Truth::True);
        assert_eq!(t("age >= 60", serde_json::json!({"age": 59})), Truth::False);
        assert_eq!(t("age < 60", serde_json::json!({"age": 60})), Truth::False);
    }
}
