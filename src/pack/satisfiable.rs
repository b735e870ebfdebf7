//! Static checks on expressions: can a criterion ever be true, and how large
//! can an amount get.

use crate::engine::{fact::MAX_CHOICES, probe_values_for, truth, ArithOp, Expr, FactDef, FactKind, Facts, Truth};

/// How many combinations of answers the checker tries before giving up.
pub const CHECK_LIMIT: usize = 200_000;

/// Whether some answers make `expr` true: `Some(false)` means never, `None`
/// that the check did not run (too many combinations, or a date fact).
///
/// Tries every combination of the probe answers of the facts it reads (every
/// enum value, the empty set, each single value and all values of a set, the
/// bounds of a number and each side of every threshold it is compared with),
/// which reaches every outcome a comparison with a constant can have.
pub fn can_be_true(expr: &Expr, defs: &[FactDef], limit: usize) -> Option<bool> {
    let read = expr.facts();
    if read.iter().any(|f| matches!(defs[*f].kind, FactKind::Date { .. })) {
        return None;
    }
    let mut thresholds = Vec::new();
    expr.int_thresholds(&mut thresholds);
    let probes: Vec<Vec<crate::engine::Value>> = read.iter().map(|f| probe_values_for(*f, &defs[*f].kind, &thresholds)).collect();
    let mut combos: usize = 1;
    for p in &probes {
        combos = combos.checked_mul(p.len().max(1))?;
        if combos > limit {
            return None;
        }
    }
    let mut facts = Facts::unknown(defs);
    let mut index = vec![0usize; read.len()];
    loop {
        for (k, f) in read.iter().enumerate() {
            facts.set(*f, probes[k].get(index[k]).copied());
        }
        if truth(expr, &facts) == Truth::True {
            return Some(true);
        }
        // Next combination, like an odometer.
        let mut k = 0;
        loop {
            if k == read.len() {
                return Some(false);
            }
            index[k] += 1;
            if index[k] < probes[k].len() {
                break;
            }
            index[k] = 0;
            k += 1;
        }
    }
}

/// The smallest and largest value a number expression can take over the
/// facts' domains, or `None` if it could overflow 64-bit integers.
pub fn amount_bounds(expr: &Expr, defs: &[FactDef]) -> Option<(i64, i64)> {
    let (lo, hi) = bounds(expr, defs)?;
    (lo >= i128::from(i64::MIN) && hi <= i128::from(i64::MAX)).then_some((lo as i64, hi as i64))
}

fn bounds(expr: &Expr, defs: &[FactDef]) -> Option<(i128, i128)> {
    let fits = |(lo, hi): (i128, i128)| (lo >= i128::from(i64::MIN) && hi <= i128::from(i64::MAX)).then_some((lo, hi));
    match expr {
        Expr::Int(n) => Some((i128::from(*n), i128::from(*n))),
        Expr::IntFact(f) => match defs[*f].kind {
            FactKind::Int { min, max } => Some((i128::from(min), i128::from(max))),
            _ => None,
        },
        Expr::Arith(op, a, b) => {
            let (a, b) = (bounds(a, defs)?, bounds(b, defs)?);
            fits(match op {
                ArithOp::Add => (a.0 + b.0, a.1 + b.1),
                ArithOp::Sub => (a.0 - b.1, a.1 - b.0),
                ArithOp::Mul => {
                    let c = [a.0 * b.0, a.0 * b.1, a.1 * b.0, a.1 * b.1];
                    (*c.iter().min()?, *c.iter().max()?)
                }
            })
        }
        Expr::Min(items) | Expr::Max(items) => {
            let b: Option<Vec<(i128, i128)>> = items.iter().map(|e| bounds(e, defs)).collect();
            let b = b?;
            let (los, his) = (b.iter().map(|x| x.0), b.iter().map(|x| x.1));
            Some(if matches!(expr, Expr::Min(_)) { (los.min()?, his.min()?) } else { (los.max()?, his.max()?) })
        }
        Expr::If(_, a, b) => {
            let (a, b) = (bounds(a, defs)?, bounds(b, defs)?);
            Some((a.0.min(b.0), a.1.max(b.1)))
        }
        _ => None,
    }
}

// Keep the choice limit visible here: set masks above depend on it.
const _: () = assert!(MAX_CHOICES <= 64);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{parse_expr, ExprType};

    fn defs() -> Vec<FactDef> {
        vec![
            FactDef::for_test("age", FactKind::Int { min: 0, max: 130 }),
            FactDef::for_test("city", FactKind::enum_of(&["a", "b"])),
            FactDef::for_test("titles", FactKind::set_of(&["x", "y"])),
            FactDef::for_test("years", FactKind::Int { min: 1, max: 3 }),
        ]
    }

    fn sat(text: &str) -> Option<bool> {
        let d = defs();
        can_be_true(&parse_expr(text, &d, ExprType::Bool).unwrap(), &d, CHECK_LIMIT)
    }

    #[test]
    fn finds_criteria_that_can_never_hold() {
        assert_eq!(sat("age > 130"), Some(false));
        assert_eq!(sat("age >= 60 and age < 60"), Some(false));
        assert_eq!(sat(r#"city == "a" and city == "b""#), Some(false));
        assert_eq!(sat(r#"titles is_empty and titles has "x""#), Some(false));
        assert_eq!(sat("years > 3 or years < 1"), Some(false));
    }

    #[test]
    fn accepts_criteria_that_can_hold() {
        assert_eq!(sat("age >= 130"), Some(true));
        assert_eq!(sat(r#"titles has "x" and titles has "y""#), Some(true));
        assert_eq!(sat("age == 61 and years == 2"), Some(true));
        assert_eq!(sat("age <= (if years == 1 then 10 else 20) and age > 10"), Some(true));
    }

    #[test]
    fn bounds_amounts() {
        let d = defs();
        let e = parse_expr("(if years == 1 then 5000 else 6000) * min(years, 2) * 100000", &d, ExprType::Int).unwrap();
        assert_eq!(amount_bounds(&e, &d), Some((500_000_000, 1_200_000_000)));
        let e = parse_expr("9000000000000000000 * 2", &d, ExprType::Int).unwrap();
        assert_eq!(amount_bounds(&e, &d), None);
        let e = parse_expr("years - 5", &d, ExprType::Int).unwrap();
        assert_eq!(amount_bounds(&e, &d), Some((-4, -2)));
    }
}
