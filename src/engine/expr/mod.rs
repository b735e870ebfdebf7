//! The expression language of criteria, amounts and `asked_when` conditions.
//!
//! Written by policy staff, so it reads like a sentence and errors point at
//! the exact word:
//!
//! ```text
//! city == "qingdao" and age >= 60
//! apprentice_occupation_class in ["A", "B", "C"]
//! talent_titles has_any ["academician", "national_high_level"] or overseas_talent
//! five_olds is_not_empty
//! (if apprentice_level == "intermediate" then 5000 else 6000) * min(apprentice_years, 2)
//! ```
//!
//! Text is parsed into a syntax tree, then type-checked against the pack's
//! facts into [`Expr`], whose facts are indices and whose enum values are bit
//! masks, so evaluation never compares strings.

mod check;
mod error;
mod lex;
mod parse;
mod print;

pub use error::{ConditionHint, ExprError, ExprErrorKind, Operand, OperandSlot};
pub use print::expr_text;

use super::{Date, FactDef, FactIx};
use check::Checker;
use lex::tokenize;
use parse::{Parser, MAX_TOKENS};
use std::fmt;

/// Whether `s` is a name an expression can use for a fact: a letter, then
/// letters, digits and `_`. The one rule for fact ids, and for the region a
/// host names, which is such a value id.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A type-checked expression.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(into = "super::postfix::Postfix")]
pub enum Expr {
    Bool(bool),
    Int(i64),
    Date(Date),
    /// The answer of a `bool` fact.
    BoolFact(FactIx),
    /// The answer of an `int` fact.
    IntFact(FactIx),
    /// The answer of a `date` fact.
    DateFact(FactIx),
    /// An `enum` fact's answer is one of the choices in the mask.
    EnumIn(FactIx, u64),
    /// A `set` fact's answer shares a choice with the mask.
    SetHasAny(FactIx, u64),
    /// A `set` fact's answer is the empty set.
    SetIsEmpty(FactIx),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    /// Two booleans are equal.
    BoolEq(Box<Expr>, Box<Expr>),
    /// Compares two ints or two dates.
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    Min(Vec<Expr>),
    Max(Vec<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
}

/// What an expression evaluates to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExprType {
    Bool,
    Int,
    Date,
}

impl fmt::Display for ExprType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ExprType::Bool => "a condition (true or false)",
            ExprType::Int => "a number",
            ExprType::Date => "a date",
        })
    }
}

impl Expr {
    /// Every fact the expression reads, each once, in ascending order.
    pub fn facts(&self) -> Vec<FactIx> {
        let mut out = Vec::new();
        self.collect_facts(&mut out);
        super::sort_small::sort_dedup(&mut out);
        out
    }

    fn collect_facts(&self, out: &mut Vec<FactIx>) {
        match self {
            Expr::Bool(_) | Expr::Int(_) | Expr::Date(_) => {}
            Expr::BoolFact(f) | Expr::IntFact(f) | Expr::DateFact(f) | Expr::EnumIn(f, _) | Expr::SetHasAny(f, _) | Expr::SetIsEmpty(f) => out.push(*f),
            Expr::Not(e) => e.collect_facts(out),
            Expr::And(es) | Expr::Or(es) | Expr::Min(es) | Expr::Max(es) => es.iter().for_each(|e| e.collect_facts(out)),
            Expr::BoolEq(a, b) | Expr::Cmp(_, a, b) | Expr::Arith(_, a, b) => {
                a.collect_facts(out);
                b.collect_facts(out);
            }
            Expr::If(c, a, b) => {
                c.collect_facts(out);
                a.collect_facts(out);
                b.collect_facts(out);
            }
        }
    }

    /// Every integer constant the expression compares a fact with, paired with
    /// that fact. The checker and the next-question search probe around them.
    pub fn int_thresholds(&self, out: &mut Vec<(FactIx, i64)>) {
        match self {
            Expr::Cmp(_, a, b) => {
                if let (Expr::IntFact(f), Expr::Int(n)) | (Expr::Int(n), Expr::IntFact(f)) = (&**a, &**b) {
                    out.push((*f, *n));
                }
                a.int_thresholds(out);
                b.int_thresholds(out);
            }
            Expr::Not(e) => e.int_thresholds(out),
            Expr::And(es) | Expr::Or(es) | Expr::Min(es) | Expr::Max(es) => es.iter().for_each(|e| e.int_thresholds(out)),
            Expr::BoolEq(a, b) | Expr::Arith(_, a, b) => {
                a.int_thresholds(out);
                b.int_thresholds(out);
            }
            Expr::If(c, a, b) => {
                c.int_thresholds(out);
                a.int_thresholds(out);
                b.int_thresholds(out);
                // `rank <= (if … then 10 else 20)`: the branches are thresholds too.
                for branch in [a, b] {
                    if let Expr::Int(n) = **branch {
                        for f in self.facts() {
                            out.push((f, n));
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Parses and type-checks `text` against `facts`, expecting a result of type
/// `expected`. Reports every type error it can find, not only the first.
pub fn parse_expr(text: &str, facts: &[FactDef], expected: ExprType) -> Result<Expr, Vec<ExprError>> {
    let tokens = tokenize(text).map_err(|e| vec![e])?;
    if tokens.len() > MAX_TOKENS {
        return Err(vec![ExprError::new(0..text.len(), ExprErrorKind::TooManyParts { count: tokens.len() })]);
    }
    let mut parser = Parser { tokens, pos: 0, end: text.len(), depth: 0 };
    let ast = parser.expr().map_err(|e| vec![e])?;
    if let Some(tok) = parser.tokens.get(parser.pos) {
        return Err(vec![ExprError::new(tok.span.clone(), ExprErrorKind::AfterTheEnd { found: tok.kind.to_string() })]);
    }
    let mut checker = Checker { facts, errors: Vec::new() };
    let typed = checker.check(&ast);
    if let Some((expr, ty)) = typed {
        match expr {
            Some(expr) if ty.expr_type() == Some(expected) && checker.errors.is_empty() => return Ok(expr),
            _ if ty.expr_type() != Some(expected) => checker.error(&ast.span, ExprErrorKind::WrongResult { found: ty.describe(facts), expected }),
            _ => {}
        }
    }
    if checker.errors.is_empty() {
        checker.error(&ast.span, ExprErrorKind::Unexplained);
    }
    Err(checker.errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::FactKind;

    pub(crate) fn facts() -> Vec<FactDef> {
        vec![
            FactDef::for_test("city", FactKind::enum_of(&["qingdao", "zaozhuang", "other"])),
            FactDef::for_test("age", FactKind::Int { min: 0, max: 130 }),
            FactDef::for_test("titles", FactKind::set_of(&["a", "b"])),
            FactDef::for_test("overseas", FactKind::Bool),
            FactDef::for_test("founded", FactKind::Date { min: None, max: None }),
        ]
    }

    fn ok(text: &str) -> Expr {
        parse_expr(text, &facts(), ExprType::Bool).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    fn err(text: &str, expected: ExprType) -> Vec<String> {
        parse_expr(text, &facts(), expected).unwrap_err().into_iter().map(|e| format!("{}..{}: {}", e.span.start, e.span.end, e)).collect()
    }

    #[test]
    fn compiles_comparisons_to_masks_and_indices() {
        assert_eq!(ok(r#"city == "zaozhuang""#), Expr::EnumIn(0, 0b010));
        assert_eq!(ok(r#"city != "zaozhuang""#), Expr::Not(Box::new(Expr::EnumIn(0, 0b010))));
        assert_eq!(ok(r#"city in ["qingdao", "other"]"#), Expr::EnumIn(0, 0b101));
        assert_eq!(ok(r#"titles has "b""#), Expr::SetHasAny(2, 0b10));
        assert_eq!(ok("titles is_not_empty"), Expr::Not(Box::new(Expr::SetIsEmpty(2))));
        assert_eq!(ok("overseas == false"), Expr::Not(Box::new(Expr::BoolFact(3))));
        assert_eq!(ok("age >= 60"), Expr::Cmp(CmpOp::Ge, Box::new(Expr::IntFact(1)), Box::new(Expr::Int(60))));
        assert_eq!(
            ok(r#"founded < "2024-01-01""#),
            Expr::Cmp(CmpOp::Lt, Box::new(Expr::DateFact(4)), Box::new(Expr::Date(Date::parse("2024-01-01").unwrap())))
        );
    }

    #[test]
    fn and_binds_tighter_than_or_and_chains_flatten() {
        let e = ok(r#"overseas or age >= 60 and city == "qingdao" and titles is_empty"#);
        let Expr::Or(items) = e else { panic!("{e:?}") };
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[1], Expr::And(inner) if inner.len() == 3));
    }

    #[test]
    fn parses_amount_formulas() {
        let e = parse_expr(r#"(if city == "qingdao" then 5000 else 6000) * min(age, 2) * 3"#, &facts(), ExprType::Int).unwrap();
        assert_eq!(e.facts(), vec![0, 1]);
    }

    #[test]
    fn names_the_unknown_fact_and_suggests() {
        assert_eq!(err(r#"cty == "qingdao""#, ExprType::Bool), ["0..3: unknown fact `cty` (did you mean `city`?)"]);
    }

    #[test]
    fn names_a_value_outside_the_domain() {
        assert_eq!(
            err(r#"city in ["qingdoa", "x"]"#, ExprType::Bool),
            [
                "9..18: \"qingdoa\" is not a value of `city` (did you mean \"qingdao\"?); allowed: \"qingdao\", \"zaozhuang\", \"other\"",
                "20..23: \"x\" is not a value of `city`; allowed: \"qingdao\", \"zaozhuang\", \"other\"",
            ]
        );
    }

    #[test]
    fn refuses_type_mismatches() {
        assert_eq!(err("city == 3", ExprType::Bool), ["0..9: cannot compare the enum fact `city` with a number"]);
        assert_eq!(err(r#"age == "old""#, ExprType::Bool), ["0..12: cannot compare a number with the quoted value \"old\""]);
        assert_eq!(
            err(r#"titles == "a""#, ExprType::Bool)[0],
            "0..13: `titles` is a set fact (any number of values): use `titles has \"…\"`, `has_any [...]`, `is_empty` or `is_not_empty`"
        );
        assert_eq!(err("age", ExprType::Bool), ["0..3: this is a number, but a condition (true or false) is needed here"]);
        assert_eq!(err("city", ExprType::Bool), ["0..4: this is the enum fact `city`, but a condition (true or false) is needed here"]);
    }

    #[test]
    fn points_a_list_after_has_to_has_any() {
        assert_eq!(
            err(r#"titles has ["a", "b"]"#, ExprType::Bool),
            ["11..21: `has` takes one quoted value, but this is a list; for several use `has_any [...]`"]
        );
    }

    #[test]
    fn reports_several_errors_at_once() {
        assert_eq!(err(r#"cty == "x" and agee > 1"#, ExprType::Bool).len(), 2);
    }

    #[test]
    fn explains_syntax_errors() {
        assert_eq!(err("age >= 60 && overseas", ExprType::Bool), ["10..11: unexpected character `&`; write `and`"]);
        assert_eq!(err("age >=", ExprType::Bool), ["6..6: expected a fact, a number or a quoted value, but the expression ends here"]);
        assert_eq!(err(r#"city == "qingdao"#, ExprType::Bool), ["8..16: this quoted value is never closed; add a closing \""]);
        assert_eq!(
            err("age >= 60 overseas", ExprType::Bool),
            ["10..18: unexpected `overseas` after a complete expression; join conditions with `and` or `or`"]
        );
        assert_eq!(err("if overseas then 1", ExprType::Int), ["18..18: expected `else` (every `if` needs one), but the expression ends here"]);
    }

    #[test]
    fn refuses_nesting_and_length_that_could_exhaust_the_stack() {
        let deep = format!("{}age >= 60{}", "(".repeat(100), ")".repeat(100));
        assert!(err(&deep, ExprType::Bool)[0].contains("nested more than 32 levels"));
        let nots = format!("{}overseas", "not ".repeat(100));
        assert!(err(&nots, ExprType::Bool)[0].contains("nested more than 32 levels"));
        let long = vec!["age"; 300].join(" + ");
        assert!(err(&format!("{long} > 1"), ExprType::Bool)[0].contains("at most 400"));
        assert!(parse_expr(&format!("{}age >= 60{}", "(".repeat(20), ")".repeat(20)), &facts(), ExprType::Bool).is_ok());
    }

    #[test]
    fn accepts_chinese_curly_quotes() {
        assert_eq!(ok("city == “qingdao”"), Expr::EnumIn(0, 0b001));
    }
}
