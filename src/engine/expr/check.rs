//! Syntax tree to a type-checked [`Expr`]: facts become indices, enum values
//! bit masks, and every type error is reported with its location, all of
//! them, not only the first.

use super::parse::{Ast, BinOp, Node};
use super::{CmpOp, ConditionHint, Expr, ExprError, ExprErrorKind, ExprType, Operand, OperandSlot};
use crate::engine::{fact::closest, Date, FactDef, FactIx, FactKind};
use std::ops::Range;

/// The type of a checked sub-expression. Enum and set facts, quoted values and
/// lists only exist inside comparisons.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Ty {
    Bool,
    Int,
    Date,
    Enum(FactIx),
    Set(FactIx),
    Str(String),
    List(Vec<(String, Range<usize>)>),
}

impl Ty {
    pub(super) fn expr_type(&self) -> Option<ExprType> {
        match self {
            Ty::Bool => Some(ExprType::Bool),
            Ty::Int => Some(ExprType::Int),
            Ty::Date => Some(ExprType::Date),
            _ => None,
        }
    }

    /// What an error calls an operand of this type.
    pub(super) fn describe(&self, facts: &[FactDef]) -> Operand {
        match self {
            Ty::Bool => Operand::Condition,
            Ty::Int => Operand::Number,
            Ty::Date => Operand::Date,
            Ty::Enum(f) => Operand::EnumFact(facts[*f].id.clone()),
            Ty::Set(f) => Operand::SetFact(facts[*f].id.clone()),
            Ty::Str(s) => Operand::Quoted(s.clone()),
            Ty::List(_) => Operand::List,
        }
    }
}

pub(super) struct Checker<'a> {
    pub(super) facts: &'a [FactDef],
    pub(super) errors: Vec<ExprError>,
}

impl Checker<'_> {
    pub(super) fn error(&mut self, span: &Range<usize>, kind: ExprErrorKind) {
        self.errors.push(ExprError::new(span.clone(), kind));
    }

    /// Checks `ast`; `None` when an error was recorded. The expression is
    /// `None` for what has no value of its own: enum and set facts, quoted
    /// values and lists, which only exist inside comparisons.
    pub(super) fn check(&mut self, ast: &Ast) -> Option<(Option<Expr>, Ty)> {
        match &ast.node {
            Node::Int(n) => Some((Some(Expr::Int(*n)), Ty::Int)),
            Node::Bool(b) => Some((Some(Expr::Bool(*b)), Ty::Bool)),
            Node::Str(s) => Some((None, Ty::Str(s.clone()))),
            Node::List(items) => Some((None, Ty::List(items.clone()))),
            Node::Ident(name) => {
                let Some(ix) = self.facts.iter().position(|f| &f.id == name) else {
                    let suggestion = closest(name, self.facts.iter().map(|f| f.id.as_str()));
                    self.error(&ast.span, ExprErrorKind::UnknownFact { name: name.clone(), suggestion });
                    return None;
                };
                Some(match self.facts[ix].kind {
                    FactKind::Bool => (Some(Expr::BoolFact(ix)), Ty::Bool),
                    FactKind::Int { .. } => (Some(Expr::IntFact(ix)), Ty::Int),
                    FactKind::Date { .. } => (Some(Expr::DateFact(ix)), Ty::Date),
                    FactKind::Enum(_) => (None, Ty::Enum(ix)),
                    FactKind::Set(_) => (None, Ty::Set(ix)),
                })
            }
            Node::Not(inner) => {
                let e = self.expect(inner, Ty::Bool, OperandSlot::Not)?;
                Some((Some(Expr::Not(Box::new(e))), Ty::Bool))
            }
            Node::IsEmpty(inner, empty) => {
                let (_, ty) = self.check(inner)?;
                let Ty::Set(f) = ty else {
                    let word = if *empty { "is_empty" } else { "is_not_empty" };
                    self.error(&inner.span, ExprErrorKind::EmptinessOfNonSet { word, found: ty.describe(self.facts) });
                    return None;
                };
                let e = Expr::SetIsEmpty(f);
                Some((Some(if *empty { e } else { Expr::Not(Box::new(e)) }), Ty::Bool))
            }
            Node::If(c, a, b) => {
                let cond = self.expect(c, Ty::Bool, OperandSlot::IfCondition);
                let yes = self.check(a);
                let no = self.check(b);
                let ((yes, ty_a), (no, ty_b)) = (yes?, no?);
                let (Some(yes), Some(no), true) = (yes, no, ty_a == ty_b) else {
                    self.error(&ast.span, ExprErrorKind::IfBranches { then: ty_a.describe(self.facts), otherwise: ty_b.describe(self.facts) });
                    return None;
                };
                Some((Some(Expr::If(Box::new(cond?), Box::new(yes), Box::new(no))), ty_a))
            }
            Node::Call(name, args) => {
                let mut exprs = Vec::new();
                for arg in args {
                    exprs.push(self.expect(arg, Ty::Int, OperandSlot::Argument(name.clone())));
                }
                let exprs: Option<Vec<Expr>> = exprs.into_iter().collect();
                let exprs = exprs?;
                Some((Some(if name == "min" { Expr::Min(exprs) } else { Expr::Max(exprs) }), Ty::Int))
            }
            Node::Binary(op, l, r) => self.binary(*op, l, r, &ast.span).map(|(e, t)| (Some(e), t)),
        }
    }

    /// Checks `ast` and requires type `want`.
    fn expect(&mut self, ast: &Ast, want: Ty, slot: OperandSlot) -> Option<Expr> {
        let (expr, ty) = self.check(ast)?;
        if let (Some(expr), true) = (expr, ty == want) {
            return Some(expr);
        }
        let hint = match (&ty, &want) {
            (Ty::Enum(f), Ty::Bool) => Some(ConditionHint::CompareEnum {
                fact: self.facts[*f].id.clone(),
                value: self.facts[*f].kind.choices().first().map_or(String::new(), |c| c.id.clone()),
            }),
            (Ty::Set(f), Ty::Bool) => Some(ConditionHint::TestSet { fact: self.facts[*f].id.clone() }),
            _ => None,
        };
        self.error(&ast.span, ExprErrorKind::WrongOperand { slot, found: ty.describe(self.facts), hint });
        None
    }

    fn binary(&mut self, op: BinOp, l: &Ast, r: &Ast, span: &Range<usize>) -> Option<(Expr, Ty)> {
        let word = op.as_str();
        match op {
            BinOp::And | BinOp::Or => {
                let a = self.expect(l, Ty::Bool, OperandSlot::Joined(word));
                let b = self.expect(r, Ty::Bool, OperandSlot::Joined(word));
                let (a, b) = (a?, b?);
                // Flatten chains so that evaluation walks one list.
                let mut items = Vec::new();
                for e in [a, b] {
                    match (op, e) {
                        (BinOp::And, Expr::And(inner)) | (BinOp::Or, Expr::Or(inner)) => items.extend(inner),
                        (_, e) => items.push(e),
                    }
                }
                Some((if op == BinOp::And { Expr::And(items) } else { Expr::Or(items) }, Ty::Bool))
            }
            BinOp::Arith(arith) => {
                let a = self.expect(l, Ty::Int, OperandSlot::Arithmetic(word));
                let b = self.expect(r, Ty::Int, OperandSlot::Arithmetic(word));
                Some((Expr::Arith(arith, Box::new(a?), Box::new(b?)), Ty::Int))
            }
            BinOp::In | BinOp::HasAny | BinOp::Has => self.membership(op, l, r),
            BinOp::Cmp(cmp) => self.comparison(cmp, l, r, span),
        }
    }

    /// The mask of `values` in the choices of fact `f`, reporting each unknown value.
    fn mask(&mut self, f: FactIx, values: &[(String, Range<usize>)]) -> Option<u64> {
        let kind = &self.facts[f].kind;
        let mut mask = 0u64;
        let mut ok = true;
        for (value, span) in values {
            match kind.choice_ix(value) {
                Some(i) => mask |= 1 << i,
                None => {
                    let allowed = kind.choices().iter().map(|c| c.id.clone()).collect();
                    let suggestion = closest(value, kind.choices().iter().map(|c| c.id.as_str()));
                    self.error(span, ExprErrorKind::UnknownValue { value: value.clone(), fact: self.facts[f].id.clone(), suggestion, allowed });
                    ok = false;
                }
            }
        }
        ok.then_some(mask)
    }

    fn membership(&mut self, op: BinOp, l: &Ast, r: &Ast) -> Option<(Expr, Ty)> {
        let (_, lt) = self.check(l)?;
        let (_, rt) = self.check(r)?;
        let word = op.as_str();
        let values = match (op, rt) {
            (BinOp::Has, Ty::Str(s)) => vec![(s, r.span.clone())],
            (BinOp::Has, other) => {
                self.error(&r.span, ExprErrorKind::HasTakesOneValue { found: other.describe(self.facts) });
                return None;
            }
            (_, Ty::List(items)) => items,
            (_, other) => {
                self.error(&r.span, ExprErrorKind::TakesList { word, found: other.describe(self.facts) });
                return None;
            }
        };
        match (op, lt) {
            (BinOp::In, Ty::Enum(f)) => Some((Expr::EnumIn(f, self.mask(f, &values)?), Ty::Bool)),
            (BinOp::Has | BinOp::HasAny, Ty::Set(f)) => Some((Expr::SetHasAny(f, self.mask(f, &values)?), Ty::Bool)),
            (BinOp::In, Ty::Set(f)) => {
                self.error(&l.span, ExprErrorKind::InOnSet { fact: self.facts[f].id.clone() });
                None
            }
            (_, Ty::Enum(f)) => {
                self.error(&l.span, ExprErrorKind::SetTestOnEnum { fact: self.facts[f].id.clone(), word });
                None
            }
            (_, other) => {
                self.error(&l.span, ExprErrorKind::NeedsChoiceFact { word, found: other.describe(self.facts) });
                None
            }
        }
    }

    fn comparison(&mut self, cmp: CmpOp, l: &Ast, r: &Ast, span: &Range<usize>) -> Option<(Expr, Ty)> {
        let left = self.check(l);
        let right = self.check(r);
        let ((le, lt), (re, rt)) = (left?, right?);
        let equality = matches!(cmp, CmpOp::Eq | CmpOp::Ne);
        let negate = |e: Expr| if cmp == CmpOp::Ne { Expr::Not(Box::new(e)) } else { e };
        let result = match (&lt, &rt, le, re) {
            (Ty::Int, Ty::Int, Some(le), Some(re)) | (Ty::Date, Ty::Date, Some(le), Some(re)) => Expr::Cmp(cmp, Box::new(le), Box::new(re)),
            (Ty::Date, Ty::Str(s), e, _) | (Ty::Str(s), Ty::Date, _, e) => {
                let Some(d) = Date::parse(s) else {
                    let at = if lt == Ty::Date { &r.span } else { &l.span };
                    self.error(at, ExprErrorKind::NotADate { written: s.clone() });
                    return None;
                };
                let e = Box::new(e?);
                let d = Box::new(Expr::Date(d));
                if lt == Ty::Date {
                    Expr::Cmp(cmp, e, d)
                } else {
                    Expr::Cmp(cmp, d, e)
                }
            }
            (Ty::Bool, Ty::Bool, Some(le), Some(re)) if equality => negate(match (le, re) {
                (e, Expr::Bool(true)) | (Expr::Bool(true), e) => e,
                (e, Expr::Bool(false)) | (Expr::Bool(false), e) => Expr::Not(Box::new(e)),
                (a, b) => Expr::BoolEq(Box::new(a), Box::new(b)),
            }),
            (Ty::Enum(f), Ty::Str(s), ..) | (Ty::Str(s), Ty::Enum(f), ..) if equality => {
                let at = if matches!(lt, Ty::Enum(_)) { &r.span } else { &l.span };
                negate(Expr::EnumIn(*f, self.mask(*f, &[(s.clone(), at.clone())])?))
            }
            (Ty::Enum(f), Ty::Str(_), ..) | (Ty::Str(_), Ty::Enum(f), ..) => {
                self.error(span, ExprErrorKind::Unordered { fact: self.facts[*f].id.clone() });
                return None;
            }
            (Ty::Set(f), ..) | (_, Ty::Set(f), ..) => {
                self.error(span, ExprErrorKind::ComparedSet { fact: self.facts[*f].id.clone() });
                return None;
            }
            _ => {
                self.error(span, ExprErrorKind::CannotCompare { left: lt.describe(self.facts), right: rt.describe(self.facts) });
                return None;
            }
        };
        Some((result, Ty::Bool))
    }
}
