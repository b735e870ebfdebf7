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

use super::{fact::closest, Date, FactDef, FactIx, FactKind};
use std::fmt;
use std::ops::Range;

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

/// A problem in an expression, located by byte range within its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    pub span: Range<usize>,
    pub message: String,
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Parses and type-checks `text` against `facts`, expecting a result of type
/// `expected`. Reports every type error it can find, not only the first.
pub fn parse_expr(text: &str, facts: &[FactDef], expected: ExprType) -> Result<Expr, Vec<ExprError>> {
    let tokens = tokenize(text).map_err(|e| vec![e])?;
    if tokens.len() > MAX_TOKENS {
        return Err(vec![ExprError {
            span: 0..text.len(),
            message: format!("this expression has {} parts; at most {MAX_TOKENS} are allowed: split it into several criteria", tokens.len()),
        }]);
    }
    let mut parser = Parser { tokens, pos: 0, end: text.len(), depth: 0 };
    let ast = parser.expr().map_err(|e| vec![e])?;
    if let Some(tok) = parser.tokens.get(parser.pos) {
        return Err(vec![ExprError {
            span: tok.span.clone(),
            message: format!("unexpected {} after a complete expression; join conditions with `and` or `or`", tok.kind),
        }]);
    }
    let mut checker = Checker { facts, errors: Vec::new() };
    let typed = checker.check(&ast);
    if let Some((expr, ty)) = typed {
        if ty.expr_type() != Some(expected) {
            checker.error(&ast.span, format!("this is {}, but {} is needed here", ty.describe(facts), expected));
        } else if checker.errors.is_empty() {
            return Ok(expr);
        }
    }
    if checker.errors.is_empty() {
        checker.error(&ast.span, "this expression has an error".into());
    }
    Err(checker.errors)
}

// ---------------------------------------------------------------- tokens

#[derive(Clone, Debug, PartialEq)]
enum TokenKind {
    Ident(String),
    Int(i64),
    Str(String),
    Op(&'static str),
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenKind::Ident(s) => write!(f, "`{s}`"),
            TokenKind::Int(n) => write!(f, "number {n}"),
            TokenKind::Str(s) => write!(f, "\"{s}\""),
            TokenKind::Op(s) => write!(f, "`{s}`"),
        }
    }
}

#[derive(Clone, Debug)]
struct Token {
    kind: TokenKind,
    span: Range<usize>,
}

const OPERATORS: [&str; 14] = ["==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "(", ")", "[", "]", ","];

fn tokenize(text: &str) -> Result<Vec<Token>, ExprError> {
    let mut tokens = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let start = i;
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if c.is_ascii_alphabetic() || c == '_' {
            while i < text.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            tokens.push(Token { kind: TokenKind::Ident(text[start..i].to_string()), span: start..i });
        } else if c.is_ascii_digit() {
            while i < text.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                i += 1;
            }
            let digits: String = text[start..i].chars().filter(|c| *c != '_').collect();
            let n = digits.parse::<i64>().map_err(|_| ExprError { span: start..i, message: format!("the number {} is too large", &text[start..i]) })?;
            tokens.push(Token { kind: TokenKind::Int(n), span: start..i });
        } else if c == '"' || c == '“' || c == '”' {
            // Curly quotes are accepted: they are what a Chinese keyboard types.
            i += c.len_utf8();
            let body_start = i;
            loop {
                let Some(ch) = text[i..].chars().next() else {
                    return Err(ExprError { span: start..text.len(), message: "this quoted value is never closed; add a closing \"".into() });
                };
                if ch == '"' || ch == '”' || ch == '“' {
                    tokens.push(Token { kind: TokenKind::Str(text[body_start..i].to_string()), span: start..i + ch.len_utf8() });
                    i += ch.len_utf8();
                    break;
                }
                i += ch.len_utf8();
            }
        } else if let Some(op) = OPERATORS.iter().find(|op| text[i..].starts_with(**op)) {
            i += op.len();
            tokens.push(Token { kind: TokenKind::Op(op), span: start..i });
        } else {
            let hint = match c {
                '&' => "; write `and`",
                '|' => "; write `or`",
                '!' => "; write `not`",
                '=' => "; compare with `==`",
                '\'' => "; quote values with double quotes \"…\"",
                _ => "",
            };
            return Err(ExprError { span: start..start + c.len_utf8(), message: format!("unexpected character `{c}`{hint}") });
        }
    }
    Ok(tokens)
}

// ---------------------------------------------------------------- syntax tree

#[derive(Clone, Debug)]
struct Ast {
    node: Node,
    span: Range<usize>,
}

#[derive(Clone, Debug)]
enum Node {
    Int(i64),
    Str(String),
    Bool(bool),
    Ident(String),
    List(Vec<(String, Range<usize>)>),
    Not(Box<Ast>),
    Binary(&'static str, Box<Ast>, Box<Ast>),
    IsEmpty(Box<Ast>, bool),
    Call(String, Vec<Ast>),
    If(Box<Ast>, Box<Ast>, Box<Ast>),
}

const KEYWORDS: [&str; 15] = ["and", "or", "not", "in", "has", "has_any", "is_empty", "is_not_empty", "if", "then", "else", "true", "false", "min", "max"];

/// Limits that keep parsing, checking and evaluating within a small stack
/// (the browser's is about 1 MB) whatever a pack contains. Real criteria use
/// a few dozen parts and a handful of levels.
const MAX_TOKENS: usize = 400;
const MAX_DEPTH: usize = 32;

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    end: usize,
    /// Current nesting of parentheses, `not`, `if` and calls.
    depth: usize,
}

type ParseResult = Result<Ast, ExprError>;

impl Parser {
    fn peek(&self) -> Option<&TokenKind> {
        self.tokens.get(self.pos).map(|t| &t.kind)
    }

    fn peek_word(&self) -> Option<&str> {
        match self.peek() {
            Some(TokenKind::Ident(s)) => Some(s),
            _ => None,
        }
    }

    fn next_span(&self) -> Range<usize> {
        self.tokens.get(self.pos).map_or(self.end..self.end, |t| t.span.clone())
    }

    fn bump(&mut self) -> Token {
        let t = self.tokens[self.pos].clone();
        self.pos += 1;
        t
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.peek() == Some(&TokenKind::Op(leak(op))) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if self.peek_word() == Some(word) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect_op(&mut self, op: &str, context: &str) -> Result<Range<usize>, ExprError> {
        let span = self.next_span();
        if self.eat_op(op) {
            Ok(span)
        } else {
            Err(self.unexpected(&format!("`{op}` {context}")))
        }
    }

    fn unexpected(&self, expected: &str) -> ExprError {
        match self.tokens.get(self.pos) {
            Some(t) => ExprError { span: t.span.clone(), message: format!("expected {expected}, found {}", t.kind) },
            None => ExprError { span: self.end..self.end, message: format!("expected {expected}, but the expression ends here") },
        }
    }

    fn expr(&mut self) -> ParseResult {
        self.or()
    }

    fn or(&mut self) -> ParseResult {
        let mut left = self.and()?;
        while self.eat_word("or") {
            let right = self.and()?;
            left = binary("or", left, right);
        }
        Ok(left)
    }

    fn and(&mut self) -> ParseResult {
        let mut left = self.not()?;
        while self.eat_word("and") {
            let right = self.not()?;
            left = binary("and", left, right);
        }
        Ok(left)
    }

    /// Enters one nesting level, refusing to go deeper than [`MAX_DEPTH`].
    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError { span: self.next_span(), message: format!("this expression is nested more than {MAX_DEPTH} levels deep: simplify it") });
        }
        Ok(())
    }

    fn not(&mut self) -> ParseResult {
        let start = self.next_span().start;
        if self.eat_word("not") {
            self.enter()?;
            let inner = self.not()?;
            self.depth -= 1;
            let span = start..inner.span.end;
            return Ok(Ast { node: Node::Not(Box::new(inner)), span });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> ParseResult {
        let left = self.sum()?;
        for op in ["==", "!=", "<=", ">=", "<", ">"] {
            if self.eat_op(op) {
                let right = self.sum()?;
                return Ok(binary(leak(op), left, right));
            }
        }
        let start = left.span.start;
        if self.eat_word("in") {
            let list = self.list("after `in`")?;
            return Ok(binary("in", left, list));
        }
        if self.eat_word("has_any") {
            let list = self.list("after `has_any`")?;
            return Ok(binary("has_any", left, list));
        }
        if self.eat_word("has") {
            let right = if self.peek() == Some(&TokenKind::Op("[")) { self.list("after `has`")? } else { self.atom()? };
            return Ok(binary("has", left, right));
        }
        for (word, empty) in [("is_empty", true), ("is_not_empty", false)] {
            if self.peek_word() == Some(word) {
                let end = self.bump().span.end;
                return Ok(Ast { node: Node::IsEmpty(Box::new(left), empty), span: start..end });
            }
        }
        Ok(left)
    }

    fn list(&mut self, context: &str) -> ParseResult {
        let start = self.expect_op("[", &format!("to open a list of quoted values {context}"))?.start;
        let mut items = Vec::new();
        loop {
            if self.eat_op("]") {
                break;
            }
            match self.peek() {
                Some(TokenKind::Str(s)) => {
                    let s = s.clone();
                    let span = self.bump().span;
                    items.push((s, span));
                }
                _ => return Err(self.unexpected("a quoted value such as \"qingdao\"")),
            }
            if !self.eat_op(",") {
                self.expect_op("]", "to close the list")?;
                break;
            }
        }
        let end = self.tokens[self.pos - 1].span.end;
        Ok(Ast { node: Node::List(items), span: start..end })
    }

    fn sum(&mut self) -> ParseResult {
        let mut left = self.product()?;
        loop {
            if self.eat_op("+") {
                left = binary("+", left, self.product()?);
            } else if self.eat_op("-") {
                left = binary("-", left, self.product()?);
            } else {
                return Ok(left);
            }
        }
    }

    fn product(&mut self) -> ParseResult {
        let mut left = self.atom()?;
        while self.eat_op("*") {
            left = binary("*", left, self.atom()?);
        }
        Ok(left)
    }

    fn atom(&mut self) -> ParseResult {
        let span = self.next_span();
        let Some(kind) = self.peek().cloned() else {
            return Err(self.unexpected("a fact, a number or a quoted value"));
        };
        match kind {
            TokenKind::Int(n) => {
                self.pos += 1;
                Ok(Ast { node: Node::Int(n), span })
            }
            TokenKind::Str(s) => {
                self.pos += 1;
                Ok(Ast { node: Node::Str(s), span })
            }
            TokenKind::Op("(") => {
                self.pos += 1;
                self.enter()?;
                let inner = self.expr()?;
                self.depth -= 1;
                let end = self.expect_op(")", "to close the parenthesis")?.end;
                Ok(Ast { node: inner.node, span: span.start..end })
            }
            TokenKind::Op("-") => {
                self.pos += 1;
                match self.peek() {
                    Some(TokenKind::Int(n)) => {
                        let n = -*n;
                        let end = self.bump().span.end;
                        Ok(Ast { node: Node::Int(n), span: span.start..end })
                    }
                    _ => Err(self.unexpected("a number after `-`")),
                }
            }
            TokenKind::Ident(word) => match word.as_str() {
                "true" | "false" => {
                    self.pos += 1;
                    Ok(Ast { node: Node::Bool(word == "true"), span })
                }
                "if" => {
                    self.pos += 1;
                    self.enter()?;
                    let cond = self.expr()?;
                    if !self.eat_word("then") {
                        return Err(self.unexpected("`then`"));
                    }
                    let yes = self.expr()?;
                    if !self.eat_word("else") {
                        return Err(self.unexpected("`else` (every `if` needs one)"));
                    }
                    let no = self.expr()?;
                    self.depth -= 1;
                    let end = no.span.end;
                    Ok(Ast { node: Node::If(Box::new(cond), Box::new(yes), Box::new(no)), span: span.start..end })
                }
                "min" | "max" => {
                    self.pos += 1;
                    self.enter()?;
                    self.expect_op("(", &format!("after `{word}`"))?;
                    let mut args = vec![self.expr()?];
                    while self.eat_op(",") {
                        args.push(self.expr()?);
                    }
                    let end = self.expect_op(")", &format!("to close `{word}(`"))?.end;
                    self.depth -= 1;
                    Ok(Ast { node: Node::Call(word, args), span: span.start..end })
                }
                w if KEYWORDS.contains(&w) => Err(self.unexpected("a fact, a number or a quoted value")),
                _ => {
                    self.pos += 1;
                    Ok(Ast { node: Node::Ident(word), span })
                }
            },
            TokenKind::Op(_) => Err(self.unexpected("a fact, a number or a quoted value")),
        }
    }
}

/// The operator strings are all static; this maps a borrowed one back.
fn leak(op: &str) -> &'static str {
    OPERATORS.iter().find(|o| **o == op).copied().unwrap_or("")
}

fn binary(op: &'static str, left: Ast, right: Ast) -> Ast {
    let span = left.span.start..right.span.end;
    Ast { node: Node::Binary(op, Box::new(left), Box::new(right)), span }
}

// ---------------------------------------------------------------- type check

/// The type of a checked sub-expression. Enum and set facts, quoted values and
/// lists only exist inside comparisons.
#[derive(Clone, Debug, PartialEq)]
enum Ty {
    Bool,
    Int,
    Date,
    Enum(FactIx),
    Set(FactIx),
    Str(String),
    List(Vec<(String, Range<usize>)>),
}

impl Ty {
    fn expr_type(&self) -> Option<ExprType> {
        match self {
            Ty::Bool => Some(ExprType::Bool),
            Ty::Int => Some(ExprType::Int),
            Ty::Date => Some(ExprType::Date),
            _ => None,
        }
    }

    fn describe(&self, facts: &[FactDef]) -> String {
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

struct Checker<'a> {
    facts: &'a [FactDef],
    errors: Vec<ExprError>,
}

impl Checker<'_> {
    fn error(&mut self, span: &Range<usize>, message: String) {
        self.errors.push(ExprError { span: span.clone(), message });
    }

    /// Checks `ast`; `None` when an error was recorded. A placeholder `Expr`
    /// accompanies types that have no expression of their own.
    fn check(&mut self, ast: &Ast) -> Option<(Expr, Ty)> {
        match &ast.node {
            Node::Int(n) => Some((Expr::Int(*n), Ty::Int)),
            Node::Bool(b) => Some((Expr::Bool(*b), Ty::Bool)),
            Node::Str(s) => Some((Expr::Bool(false), Ty::Str(s.clone()))),
            Node::List(items) => Some((Expr::Bool(false), Ty::List(items.clone()))),
            Node::Ident(name) => {
                let Some(ix) = self.facts.iter().position(|f| &f.id == name) else {
                    let hint = closest(name, self.facts.iter().map(|f| f.id.as_str()))
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_else(|| "; facts are defined in facts.toml, and values need double quotes".into());
                    self.error(&ast.span, format!("unknown fact `{name}`{hint}"));
                    return None;
                };
                Some(match self.facts[ix].kind {
                    FactKind::Bool => (Expr::BoolFact(ix), Ty::Bool),
                    FactKind::Int { .. } => (Expr::IntFact(ix), Ty::Int),
                    FactKind::Date { .. } => (Expr::DateFact(ix), Ty::Date),
                    FactKind::Enum(_) => (Expr::Bool(false), Ty::Enum(ix)),
                    FactKind::Set(_) => (Expr::Bool(false), Ty::Set(ix)),
                })
            }
            Node::Not(inner) => {
                let e = self.expect(inner, Ty::Bool, "`not` applies to a condition")?;
                Some((Expr::Not(Box::new(e)), Ty::Bool))
            }
            Node::IsEmpty(inner, empty) => {
                let (_, ty) = self.check(inner)?;
                let Ty::Set(f) = ty else {
                    let word = if *empty { "is_empty" } else { "is_not_empty" };
                    self.error(&inner.span, format!("`{word}` applies to a set fact, but this is {}", ty.describe(self.facts)));
                    return None;
                };
                let e = Expr::SetIsEmpty(f);
                Some((if *empty { e } else { Expr::Not(Box::new(e)) }, Ty::Bool))
            }
            Node::If(c, a, b) => {
                let cond = self.expect(c, Ty::Bool, "the condition after `if`");
                let yes = self.check(a);
                let no = self.check(b);
                let ((yes, ty_a), (no, ty_b)) = (yes?, no?);
                if ty_a != ty_b || ty_a.expr_type().is_none() {
                    self.error(
                        &ast.span,
                        format!(
                            "both branches of `if` must be numbers, or both conditions; found {} and {}",
                            ty_a.describe(self.facts),
                            ty_b.describe(self.facts)
                        ),
                    );
                    return None;
                }
                Some((Expr::If(Box::new(cond?), Box::new(yes), Box::new(no)), ty_a))
            }
            Node::Call(name, args) => {
                let mut exprs = Vec::new();
                for arg in args {
                    exprs.push(self.expect(arg, Ty::Int, &format!("`{name}` takes numbers")));
                }
                let exprs: Option<Vec<Expr>> = exprs.into_iter().collect();
                let exprs = exprs?;
                Some((if name == "min" { Expr::Min(exprs) } else { Expr::Max(exprs) }, Ty::Int))
            }
            Node::Binary(op, l, r) => self.binary(op, l, r, &ast.span),
        }
    }

    /// Checks `ast` and requires type `want`.
    fn expect(&mut self, ast: &Ast, want: Ty, context: &str) -> Option<Expr> {
        let (expr, ty) = self.check(ast)?;
        if ty == want {
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

    fn binary(&mut self, op: &'static str, l: &Ast, r: &Ast, span: &Range<usize>) -> Option<(Expr, Ty)> {
        match op {
            "and" | "or" => {
                let a = self.expect(l, Ty::Bool, &format!("`{op}` joins conditions"));
                let b = self.expect(r, Ty::Bool, &format!("`{op}` joins conditions"));
                let (a, b) = (a?, b?);
                // Flatten chains so that evaluation walks one list.
                let mut items = Vec::new();
                for e in [a, b] {
                    match (op, e) {
                        ("and", Expr::And(inner)) | ("or", Expr::Or(inner)) => items.extend(inner),
                        (_, e) => items.push(e),
                    }
                }
                Some((if op == "and" { Expr::And(items) } else { Expr::Or(items) }, Ty::Bool))
            }
            "+" | "-" | "*" => {
                let a = self.expect(l, Ty::Int, &format!("`{op}` works on numbers"));
                let b = self.expect(r, Ty::Int, &format!("`{op}` works on numbers"));
                let arith = match op {
                    "+" => ArithOp::Add,
                    "-" => ArithOp::Sub,
                    _ => ArithOp::Mul,
                };
                Some((Expr::Arith(arith, Box::new(a?), Box::new(b?)), Ty::Int))
            }
            "in" | "has_any" | "has" => self.membership(op, l, r),
            _ => self.comparison(op, l, r, span),
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

    fn membership(&mut self, op: &str, l: &Ast, r: &Ast) -> Option<(Expr, Ty)> {
        let (_, lt) = self.check(l)?;
        let (_, rt) = self.check(r)?;
        let values = match (op, rt) {
            ("has", Ty::Str(s)) => vec![(s, r.span.clone())],
            ("has", other) => {
                self.error(&r.span, format!("`has` takes one quoted value, but this is {}; for several use `has_any [...]`", other.describe(self.facts)));
                return None;
            }
            (_, Ty::List(items)) => items,
            (_, other) => {
                self.error(&r.span, format!("`{op}` takes a list of quoted values, but this is {}", other.describe(self.facts)));
                return None;
            }
        };
        match (op, lt) {
            ("in", Ty::Enum(f)) => Some((Expr::EnumIn(f, self.mask(f, &values)?), Ty::Bool)),
            ("has" | "has_any", Ty::Set(f)) => Some((Expr::SetHasAny(f, self.mask(f, &values)?), Ty::Bool)),
            ("in", Ty::Set(f)) => {
                self.error(&l.span, format!("`{}` is a set fact: use `has_any` instead of `in`", self.facts[f].id));
                None
            }
            (_, Ty::Enum(f)) => {
                self.error(&l.span, format!("`{}` is an enum fact (one value): use `in` or `==` instead of `{op}`", self.facts[f].id));
                None
            }
            (_, other) => {
                self.error(
                    &l.span,
                    format!("`{op}` needs {} on its left, but this is {}", if op == "in" { "an enum fact" } else { "a set fact" }, other.describe(self.facts)),
                );
                None
            }
        }
    }

    fn comparison(&mut self, op: &'static str, l: &Ast, r: &Ast, span: &Range<usize>) -> Option<(Expr, Ty)> {
        let left = self.check(l);
        let right = self.check(r);
        let ((le, lt), (re, rt)) = (left?, right?);
        let cmp = match op {
            "==" => CmpOp::Eq,
            "!=" => CmpOp::Ne,
            "<" => CmpOp::Lt,
            "<=" => CmpOp::Le,
            ">" => CmpOp::Gt,
            _ => CmpOp::Ge,
        };
        let equality = matches!(cmp, CmpOp::Eq | CmpOp::Ne);
        let negate = |e: Expr| if cmp == CmpOp::Ne { Expr::Not(Box::new(e)) } else { e };
        let result = match (&lt, &rt) {
            (Ty::Int, Ty::Int) => Expr::Cmp(cmp, Box::new(le), Box::new(re)),
            (Ty::Date, Ty::Date) => Expr::Cmp(cmp, Box::new(le), Box::new(re)),
            (Ty::Date, Ty::Str(s)) | (Ty::Str(s), Ty::Date) => {
                let Some(d) = Date::parse(s) else {
                    let at = if lt == Ty::Date { &r.span } else { &l.span };
                    self.error(at, format!("\"{s}\" is not a date; write dates as \"YYYY-MM-DD\""));
                    return None;
                };
                let (a, b) = if lt == Ty::Date { (le, Expr::Date(d)) } else { (Expr::Date(d), re) };
                Expr::Cmp(cmp, Box::new(a), Box::new(b))
            }
            (Ty::Bool, Ty::Bool) if equality => negate(match (le, re) {
                (e, Expr::Bool(true)) | (Expr::Bool(true), e) => e,
                (e, Expr::Bool(false)) | (Expr::Bool(false), e) => Expr::Not(Box::new(e)),
                (a, b) => Expr::BoolEq(Box::new(a), Box::new(b)),
            }),
            (Ty::Enum(f), Ty::Str(s)) | (Ty::Str(s), Ty::Enum(f)) if equality => {
                let at = if matches!(lt, Ty::Enum(_)) { &r.span } else { &l.span };
                negate(Expr::EnumIn(*f, self.mask(*f, &[(s.clone(), at.clone())])?))
            }
            (Ty::Enum(f), Ty::Str(_)) | (Ty::Str(_), Ty::Enum(f)) => {
                self.error(span, format!("the values of `{}` have no order; compare with `==`, `!=` or `in [...]`", self.facts[*f].id));
                return None;
            }
            (Ty::Set(f), _) | (_, Ty::Set(f)) => {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        parse_expr(text, &facts(), expected).unwrap_err().into_iter().map(|e| format!("{}..{}: {}", e.span.start, e.span.end, e.message)).collect()
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
