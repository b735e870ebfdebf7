//! An expression as text again, with fact and choice ids: how the diff shows
//! a condition to policy staff, and how it compares two packs' conditions,
//! whose fact numbers may differ. Parsing the text gives the same expression.

use super::{ArithOp, CmpOp, Expr};
use crate::engine::FactDef;

/// `expr` in the pack language, over `facts` (the pack's fact definitions).
pub fn expr_text(expr: &Expr, facts: &[FactDef]) -> String {
    let mut out = String::new();
    write(expr, facts, 0, &mut out);
    out
}

/// How tightly each form binds; a child that binds less than its place
/// needs is put in parentheses.
fn precedence(expr: &Expr) -> u8 {
    match expr {
        Expr::If(..) => 0,
        Expr::Or(_) => 1,
        Expr::And(_) => 2,
        Expr::Not(_) => 3,
        Expr::EnumIn(..) | Expr::SetHasAny(..) | Expr::SetIsEmpty(_) | Expr::BoolEq(..) | Expr::Cmp(..) => 4,
        Expr::Arith(ArithOp::Add | ArithOp::Sub, ..) => 5,
        Expr::Arith(ArithOp::Mul, ..) => 6,
        _ => 7,
    }
}

fn write(expr: &Expr, facts: &[FactDef], needs: u8, out: &mut String) {
    let own = precedence(expr);
    if own < needs {
        out.push('(');
    }
    let id = |f: usize| facts.get(f).map_or("?", |d| d.id.as_str());
    let chosen = |f: usize, mask: u64| -> Vec<String> {
        let choices = facts.get(f).map_or(&[][..], |d| d.kind.choices());
        choices.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, c)| format!("\"{}\"", c.id)).collect()
    };
    match expr {
        Expr::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Expr::Int(n) => out.push_str(&n.to_string()),
        Expr::Date(d) => out.push_str(&d.to_string()),
        Expr::BoolFact(f) | Expr::IntFact(f) | Expr::DateFact(f) => out.push_str(id(*f)),
        Expr::EnumIn(f, mask) => match chosen(*f, *mask).as_slice() {
            [one] => out.push_str(&format!("{} == {one}", id(*f))),
            many => out.push_str(&format!("{} in [{}]", id(*f), many.join(", "))),
        },
        Expr::SetHasAny(f, mask) => match chosen(*f, *mask).as_slice() {
            [one] => out.push_str(&format!("{} has {one}", id(*f))),
            many => out.push_str(&format!("{} has_any [{}]", id(*f), many.join(", "))),
        },
        Expr::SetIsEmpty(f) => out.push_str(&format!("{} is_empty", id(*f))),
        Expr::Not(e) => {
            out.push_str("not ");
            write(e, facts, 4, out);
        }
        Expr::And(items) | Expr::Or(items) => {
            let joint = if matches!(expr, Expr::And(_)) { " and " } else { " or " };
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(joint);
                }
                write(item, facts, own + 1, out);
            }
        }
        Expr::BoolEq(a, b) | Expr::Cmp(_, a, b) => {
            let op = match expr {
                Expr::Cmp(op, ..) => match op {
                    CmpOp::Eq => "==",
                    CmpOp::Ne => "!=",
                    CmpOp::Lt => "<",
                    CmpOp::Le => "<=",
                    CmpOp::Gt => ">",
                    CmpOp::Ge => ">=",
                },
                _ => "==",
            };
            write(a, facts, 5, out);
            out.push_str(&format!(" {op} "));
            write(b, facts, 5, out);
        }
        Expr::Arith(op, a, b) => {
            let sign = match op {
                ArithOp::Add => "+",
                ArithOp::Sub => "-",
                ArithOp::Mul => "*",
            };
            write(a, facts, own, out);
            out.push_str(&format!(" {sign} "));
            // `a - (b - c)` keeps its parentheses.
            write(b, facts, own + 1, out);
        }
        Expr::Min(items) | Expr::Max(items) => {
            out.push_str(if matches!(expr, Expr::Min(_)) { "min(" } else { "max(" });
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(item, facts, 0, out);
            }
            out.push(')');
        }
        Expr::If(c, a, b) => {
            out.push_str("if ");
            write(c, facts, 1, out);
            out.push_str(" then ");
            write(a, facts, 1, out);
            out.push_str(" else ");
            write(b, facts, 1, out);
        }
    }
    if own < needs {
        out.push(')');
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::default_pack;
    use crate::engine::{parse_expr, ExprType};
    use crate::fixtures::mini_pack_with;

    /// Every condition and amount of the seed pack, and of the test pack,
    /// prints as text that parses back to the same expression.
    #[test]
    fn every_expression_of_a_pack_round_trips_through_its_text() {
        for pack in [default_pack::pack(), mini_pack_with(&[])] {
            for policy in &pack.policies {
                let rules = policy.criteria.iter().map(|c| (&c.rule.expr, ExprType::Bool)).chain(policy.amount.iter().map(|a| (&a.rule.expr, ExprType::Int)));
                for (expr, ty) in rules.chain([(&policy.scope.applicant, ExprType::Bool), (&policy.scope.place, ExprType::Bool)]) {
                    let text = expr_text(expr, &pack.facts);
                    let again = parse_expr(&text, &pack.facts, ty).unwrap_or_else(|e| panic!("{}: `{text}` does not parse: {e:?}", policy.id));
                    assert_eq!(&again, expr, "{}: `{text}`", policy.id);
                }
            }
        }
    }

    #[test]
    fn parentheses_only_where_needed() {
        let pack = mini_pack_with(&[]);
        for text in ["age >= 60 and (retired or age >= 65)", "not (age >= 60 and retired)", "age - (age - 1) >= 1", "if retired then 100 else 2 * (age + 1)"] {
            let ty = if text.starts_with("if") { ExprType::Int } else { ExprType::Bool };
            let expr = parse_expr(text, &pack.facts, ty).unwrap();
            assert_eq!(expr_text(&expr, &pack.facts), text);
        }
    }
}
