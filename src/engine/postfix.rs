//! Expressions in postfix form: how a compiled pack stores them.
//!
//! A tree would be decoded by recursion, one stack frame per level, so a
//! crafted pack nested a million levels deep would overflow the browser's
//! stack before any check could run. In postfix form every node comes after
//! its operands, and the tree is rebuilt with an explicit stack that refuses
//! anything deeper than [`MAX_DEPTH`] or malformed, with a message.

use super::{ArithOp, CmpOp, Date, Expr, FactIx};
use serde::Serialize;

/// Deeper than the expression parser allows, so every checked pack fits.
pub const MAX_DEPTH: usize = 64;

/// One node; composite nodes take their operands from the stack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Op {
    Bool(bool),
    Int(i64),
    Date(Date),
    BoolFact(u32),
    IntFact(u32),
    DateFact(u32),
    EnumIn(u32, u64),
    SetHasAny(u32, u64),
    SetIsEmpty(u32),
    Not,
    /// The number of operands.
    And(u32),
    Or(u32),
    BoolEq,
    Cmp(CmpOp),
    Arith(ArithOp),
    Min(u32),
    Max(u32),
    If,
}

/// An expression as its nodes in postfix order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Postfix(pub Vec<Op>);

impl From<Expr> for Postfix {
    fn from(e: Expr) -> Postfix {
        let mut ops = Vec::new();
        push(&e, &mut ops);
        Postfix(ops)
    }
}

fn fact(f: FactIx) -> u32 {
    u32::try_from(f).unwrap_or(u32::MAX)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn push(e: &Expr, ops: &mut Vec<Op>) {
    let all = |items: &[Expr], ops: &mut Vec<Op>| items.iter().for_each(|i| push(i, ops));
    let op = match e {
        Expr::Bool(b) => Op::Bool(*b),
        Expr::Int(n) => Op::Int(*n),
        Expr::Date(d) => Op::Date(*d),
        Expr::BoolFact(f) => Op::BoolFact(fact(*f)),
        Expr::IntFact(f) => Op::IntFact(fact(*f)),
        Expr::DateFact(f) => Op::DateFact(fact(*f)),
        Expr::EnumIn(f, m) => Op::EnumIn(fact(*f), *m),
        Expr::SetHasAny(f, m) => Op::SetHasAny(fact(*f), *m),
        Expr::SetIsEmpty(f) => Op::SetIsEmpty(fact(*f)),
        Expr::Not(a) => {
            push(a, ops);
            Op::Not
        }
        Expr::And(items) => {
            all(items, ops);
            Op::And(count(items.len()))
        }
        Expr::Or(items) => {
            all(items, ops);
            Op::Or(count(items.len()))
        }
        Expr::Min(items) => {
            all(items, ops);
            Op::Min(count(items.len()))
        }
        Expr::Max(items) => {
            all(items, ops);
            Op::Max(count(items.len()))
        }
        Expr::BoolEq(a, b) | Expr::Cmp(_, a, b) | Expr::Arith(_, a, b) => {
            push(a, ops);
            push(b, ops);
            match e {
                Expr::Cmp(op, ..) => Op::Cmp(*op),
                Expr::Arith(op, ..) => Op::Arith(*op),
                _ => Op::BoolEq,
            }
        }
        Expr::If(c, a, b) => {
            push(c, ops);
            push(a, ops);
            push(b, ops);
            Op::If
        }
    };
    ops.push(op);
}

impl TryFrom<Postfix> for Expr {
    type Error = String;

    /// Rebuilds the tree; never recurses, never panics.
    fn try_from(Postfix(ops): Postfix) -> Result<Expr, String> {
        // Each entry: a subtree and its depth.
        let mut stack: Vec<(Expr, usize)> = Vec::new();
        for op in ops {
            let arity = match &op {
                Op::Not => 1,
                Op::BoolEq | Op::Cmp(_) | Op::Arith(_) => 2,
                Op::If => 3,
                Op::And(n) | Op::Or(n) | Op::Min(n) | Op::Max(n) => *n as usize,
                _ => 0,
            };
            if arity > stack.len() {
                return Err("an expression is malformed (an operator lacks operands)".into());
            }
            let operands: Vec<(Expr, usize)> = stack.split_off(stack.len() - arity);
            let depth = 1 + operands.iter().map(|(_, d)| *d).max().unwrap_or(0);
            if depth > MAX_DEPTH {
                return Err(format!("an expression is nested more than {MAX_DEPTH} levels deep"));
            }
            let mut items = operands.into_iter().map(|(e, _)| e);
            let mut next = || Box::new(items.next().unwrap_or(Expr::Bool(false)));
            let leaf = |f: u32| f as FactIx;
            let node = match op {
                Op::Bool(b) => Expr::Bool(b),
                Op::Int(n) => Expr::Int(n),
                Op::Date(d) => Expr::Date(d),
                Op::BoolFact(f) => Expr::BoolFact(leaf(f)),
                Op::IntFact(f) => Expr::IntFact(leaf(f)),
                Op::DateFact(f) => Expr::DateFact(leaf(f)),
                Op::EnumIn(f, m) => Expr::EnumIn(leaf(f), m),
                Op::SetHasAny(f, m) => Expr::SetHasAny(leaf(f), m),
                Op::SetIsEmpty(f) => Expr::SetIsEmpty(leaf(f)),
                Op::Not => Expr::Not(next()),
                Op::BoolEq => Expr::BoolEq(next(), next()),
                Op::Cmp(op) => Expr::Cmp(op, next(), next()),
                Op::Arith(op) => Expr::Arith(op, next(), next()),
                Op::If => Expr::If(next(), next(), next()),
                Op::And(_) => Expr::And(items.collect()),
                Op::Or(_) => Expr::Or(items.collect()),
                Op::Min(_) => Expr::Min(items.collect()),
                Op::Max(_) => Expr::Max(items.collect()),
            };
            stack.push((node, depth));
        }
        match (stack.pop(), stack.is_empty()) {
            (Some((e, _)), true) => Ok(e),
            _ => Err("an expression is malformed (not exactly one value)".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tree_survives_the_round_trip() {
        let e = Expr::If(
            Box::new(Expr::And(vec![Expr::EnumIn(0, 0b101), Expr::Not(Box::new(Expr::BoolFact(1)))])),
            Box::new(Expr::Arith(ArithOp::Mul, Box::new(Expr::IntFact(2)), Box::new(Expr::Min(vec![Expr::Int(2), Expr::IntFact(3)])))),
            Box::new(Expr::Int(6000)),
        );
        assert_eq!(Expr::try_from(Postfix::from(e.clone())), Ok(e));
    }

    #[test]
    fn malformed_or_too_deep_input_is_refused_without_recursion() {
        assert!(Expr::try_from(Postfix(vec![Op::Not])).is_err());
        assert!(Expr::try_from(Postfix(vec![Op::Bool(true), Op::Bool(true)])).is_err());
        assert!(Expr::try_from(Postfix(vec![])).is_err());
        assert!(Expr::try_from(Postfix(vec![Op::Bool(true), Op::And(u32::MAX)])).is_err());
        let mut deep = vec![Op::Bool(true)];
        deep.extend(std::iter::repeat_n(Op::Not, 1_000_000));
        assert!(Expr::try_from(Postfix(deep)).unwrap_err().contains("nested more than"));
        let mut ok = vec![Op::Bool(true)];
        ok.extend(std::iter::repeat_n(Op::Not, MAX_DEPTH - 1));
        assert!(Expr::try_from(Postfix(ok)).is_ok());
    }
}
