//! Syntax tree to a type-checked [`Expr`]: facts become indices, enum values
//! bit masks, and every type error is reported with its location, all of
//! them, not only the first.

use super::parse::{Ast, BinOp, Node};
use super::{CmpOp, Expr, ExprError, ExprType};
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

    pub(super) fn describe(&self, facts: &[FactDef]) -> String {
        match self {
            Ty::Bool => "a condition (true or false)".into(),
            Ty::Int => "a number".into(),
            Ty::Date => "a date".into(),
            Ty::Enum(f) => format!("the enum fact `{}`", facts[*f].id),
            Ty::Set(f) => format!("the set fact `{}`", facts[*f].id),
            Ty::Str(s) => format!("the quoted value \"{s}\""),
            Ty::List(_) => "a list".into(),
        }
    }
}

pub(super) struct Checker<'a> {
    pub(super) facts: &'a [FactDef],
    pub(super) errors: Vec<ExprError>,
}

impl Checker<'_> {
    pub(super) fn error(&mut self, span: &Range<usize>, message: String) {
        self.errors.push(ExprError { span: span.clone(), message });
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
                    let hint = closest(name, self.facts.iter().map(|f| f.id.as_str()))
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_else(|| "; facts are defined in facts.toml, and values need double quotes".into());
                    self.error(&ast.span, format!("unknown fact `{name}`{hint}"));
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
                let e = self.expect(inner, Ty::Bool, "`not` applies to a condition")?;
                Some((Some(Expr::Not(Box::new(e))), Ty::Bool))
            }
            Node::IsEmpty(inner, empty) => {
                let (_, ty) = self.check(inner)?;
                let Ty::Set(f) = ty else {
                    let word = if *empty { "is_empty" } else { "is_not_empty" };
                    self.error(&inner.span, format!("`{word}` applies to a set fact, but this is {}", ty.describe(self.facts)));
                    return None;
                };
                let e = Expr::SetIsEmpty(f);
                Some((Some(if *empty { e } else { Expr::Not(Box::new(e)) }), Ty::Bool))
            }
            Node::If(c, a, b) => {
                let cond = self.expect(c, Ty::Bool, "the condition after `if`");
                let yes = self.check(a);
                let no = self.check(b);
                let ((yes, ty_a), (no, ty_b)) = (yes?, no?);
                let (Some(yes), Some(no), true) = (yes, no, ty_a == ty_b) else {
                    self.error(
                        &ast.span,
                        format!(
                            "both branches of `if` must be numbers, or both conditions; found {} and {}",
                            ty_a.describe(self.facts),
                            ty_b.describe(self.facts)
                        ),
                    );
                    return None;
                };
                Some((Some(Expr::If(Box::new(cond?), Box::new(yes), Box::new(no))), ty_a))
            }
            Node::Call(name, args) => {
                let mut exprs = Vec::new();
                for arg in args {
                    exprs.push(self.expect(arg, Ty::Int, &format!("`{name}` takes numbers")));
                }
                let exprs: Option<Vec<Expr>> = exprs.into_iter().collect();
                let exprs = exprs?;
                Some((Some(if name == "min" { Expr::Min(exprs) } else { Expr::Max(exprs) }), Ty::Int))
            }
            Node::Binary(op, l, r) => self.binary(*op, l, r, &ast.span).map(|(e, t)| (Some(e), t)),
        }
    }

    /// Checks `ast` and requires type `want`.
    fn expect(&mut self, ast: &Ast, want: Ty, context: &str) -> Option<Expr> {
        let (expr, ty) = self.check(ast)?;
        if let (Some(expr), true) = (expr, ty == want) {
            return Some(expr);
        }
        let hint = match (&ty, &want) {
            (Ty::Enum(f), Ty::Bool) => {
                format!("; compare it with a value, e.g. {} == \"{}\"", self.facts[*f].id, self.facts[*f].kind.choices().first().map_or("", |c| c.id.as_str()))
            }
            (Ty::Set(f), Ty::Bool) => format!("; use e.g. {} has_any [\"…\"] or {} is_not_empty", self.facts[*f].id, self.facts[*f].id),
            _ => String::new(),
        };
        self.error(&ast.span, format!("{context}, but this is {}{hint}", ty.describe(self.facts)));
        None
    }

    fn binary(&mut self, op: BinOp, l: &Ast, r: &Ast, span: &Range<usize>) -> Option<(Expr, Ty)> {
        let word = op.as_str();
        match op {
            BinOp::And | BinOp::Or => {
                let a = self.expect(l, Ty::Bool, &format!("`{word}` joins conditions"));
                let b = self.expect(r, Ty::Bool, &format!("`{word}` joins conditions"));
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
                let a = self.expect(l, Ty::Int, &format!("`{word}` works on numbers"));
                let b = self.expect(r, Ty::Int, &format!("`{word}` works on numbers"));
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
                    let allowed = kind.choices().iter().map(|c| format!("\"{}\"", c.id)).collect::<Vec<_>>().join(", ");
                    let hint = closest(value, kind.choices().iter().map(|c| c.id.as_str())).map(|s| format!(" (did you mean \"{s}\"?)")).unwrap_or_default();
                    self.error(span, format!("\"{value}\" is not a value of `{}`{hint}; allowed: {allowed}", self.facts[f].id));
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
                self.error(&r.span, format!("`has` takes one quoted value, but this is {}; for several use `has_any [...]`", other.describe(self.facts)));
                return None;
            }
            (_, Ty::List(items)) => items,
            (_, other) => {
                self.error(&r.span, format!("`{word}` takes a list of quoted values, but this is {}", other.describe(self.facts)));
                return None;
            }
        };
        match (op, lt) {
            (BinOp::In, Ty::Enum(f)) => Some((Expr::EnumIn(f, self.mask(f, &values)?), Ty::Bool)),
            (BinOp::Has | BinOp::HasAny, Ty::Set(f)) => Some((Expr::SetHasAny(f, self.mask(f, &values)?), Ty::Bool)),
            (BinOp::In, Ty::Set(f)) => {
                self.error(&l.span, format!("`{}` is a set fact: use `has_any` instead of `in`", self.facts[f].id));
                None
            }
            (_, Ty::Enum(f)) => {
                self.error(&l.span, format!("`{}` is an enum fact (one value): use `in` or `==` instead of `{word}`", self.facts[f].id));
                None
            }
            (_, other) => {
                self.error(
                    &l.span,
                    format!(
                        "`{word}` needs {} on its left, but this is {}",
                        if op == BinOp::In { "an enum fact" } else { "a set fact" },
                        other.describe(self.facts)
                    ),
                );
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
                    self.error(at, format!("\"{s}\" is not a date; write dates as \"YYYY-MM-DD\""));
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
                self.error(span, format!("the values of `{}` have no order; compare with `==`, `!=` or `in [...]`", self.facts[*f].id));
                return None;
            }
            (Ty::Set(f), ..) | (_, Ty::Set(f), ..) => {
                let id = &self.facts[*f].id;
                self.error(span, format!("`{id}` is a set fact (any number of values): use `{id} has \"…\"`, `has_any [...]`, `is_empty` or `is_not_empty`"));
                return None;
            }
            _ => {
                self.error(span, format!("cannot compare {} with {}", lt.describe(self.facts), rt.describe(self.facts)));
                return None;
            }
        };
        Some((result, Ty::Bool))
    }
}
