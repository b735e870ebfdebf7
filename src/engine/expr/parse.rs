//! Tokens to a syntax tree, by recursive descent: `or` binds loosest, then
//! `and`, `not`, comparisons, `+ -`, `*`, and atoms. Nesting is capped so that
//! no pack can exhaust the stack.

use super::lex::{Punct, Token, TokenKind};
use super::{ArithOp, CmpOp, ExprError, ExprErrorKind};
use std::ops::Range;

#[derive(Clone, Debug)]
pub(super) struct Ast {
    pub(super) node: Node,
    pub(super) span: Range<usize>,
}

/// The two-operand operations of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BinOp {
    And,
    Or,
    Cmp(CmpOp),
    Arith(ArithOp),
    /// `fact in ["a", "b"]`: an enum fact's value is one of these.
    In,
    /// `fact has_any ["a", "b"]`: a set fact holds one of these.
    HasAny,
    /// `fact has "a"`.
    Has,
}

impl BinOp {
    /// The word or symbol as written, for messages.
    pub(super) fn as_str(self) -> &'static str {
        match self {
            BinOp::And => "and",
            BinOp::Or => "or",
            BinOp::Cmp(CmpOp::Eq) => "==",
            BinOp::Cmp(CmpOp::Ne) => "!=",
            BinOp::Cmp(CmpOp::Lt) => "<",
            BinOp::Cmp(CmpOp::Le) => "<=",
            BinOp::Cmp(CmpOp::Gt) => ">",
            BinOp::Cmp(CmpOp::Ge) => ">=",
            BinOp::Arith(ArithOp::Add) => "+",
            BinOp::Arith(ArithOp::Sub) => "-",
            BinOp::Arith(ArithOp::Mul) => "*",
            BinOp::In => "in",
            BinOp::HasAny => "has_any",
            BinOp::Has => "has",
        }
    }
}

#[derive(Clone, Debug)]
pub(super) enum Node {
    Int(i64),
    Str(String),
    Bool(bool),
    Ident(String),
    List(Vec<(String, Range<usize>)>),
    Not(Box<Ast>),
    Binary(BinOp, Box<Ast>, Box<Ast>),
    IsEmpty(Box<Ast>, bool),
    Call(String, Vec<Ast>),
    If(Box<Ast>, Box<Ast>, Box<Ast>),
}

const KEYWORDS: [&str; 15] = ["and", "or", "not", "in", "has", "has_any", "is_empty", "is_not_empty", "if", "then", "else", "true", "false", "min", "max"];

/// Limits that keep parsing, checking and evaluating within a small stack
/// (the browser's is about 1 MB) whatever a pack contains. Real criteria use
/// a few dozen parts and a handful of levels.
pub(super) const MAX_TOKENS: usize = 400;
pub(super) const MAX_DEPTH: usize = 32;

pub(super) struct Parser {
    pub(super) tokens: Vec<Token>,
    pub(super) pos: usize,
    pub(super) end: usize,
    /// Current nesting of parentheses, `not`, `if` and calls.
    pub(super) depth: usize,
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

    fn eat_op(&mut self, op: Punct) -> bool {
        if self.peek() == Some(&TokenKind::Punct(op)) {
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

    fn expect_op(&mut self, op: Punct, context: &str) -> Result<Range<usize>, ExprError> {
        let span = self.next_span();
        if self.eat_op(op) {
            Ok(span)
        } else {
            Err(self.unexpected(&format!("`{}` {context}", op.as_str())))
        }
    }

    fn unexpected(&self, expected: &str) -> ExprError {
        match self.tokens.get(self.pos) {
            Some(t) => ExprError::new(t.span.clone(), ExprErrorKind::Expected { expected: expected.to_string(), found: Some(t.kind.to_string()) }),
            None => ExprError::new(self.end..self.end, ExprErrorKind::Expected { expected: expected.to_string(), found: None }),
        }
    }

    pub(super) fn expr(&mut self) -> ParseResult {
        self.or()
    }

    fn or(&mut self) -> ParseResult {
        let mut left = self.and()?;
        while self.eat_word("or") {
            let right = self.and()?;
            left = binary(BinOp::Or, left, right);
        }
        Ok(left)
    }

    fn and(&mut self) -> ParseResult {
        let mut left = self.not()?;
        while self.eat_word("and") {
            let right = self.not()?;
            left = binary(BinOp::And, left, right);
        }
        Ok(left)
    }

    /// Enters one nesting level, refusing to go deeper than [`MAX_DEPTH`].
    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(self.next_span(), ExprErrorKind::TooDeep));
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
        for (punct, cmp) in [
            (Punct::EqEq, CmpOp::Eq),
            (Punct::NotEq, CmpOp::Ne),
            (Punct::LessEq, CmpOp::Le),
            (Punct::GreaterEq, CmpOp::Ge),
            (Punct::Less, CmpOp::Lt),
            (Punct::Greater, CmpOp::Gt),
        ] {
            if self.eat_op(punct) {
                let right = self.sum()?;
                return Ok(binary(BinOp::Cmp(cmp), left, right));
            }
        }
        let start = left.span.start;
        if self.eat_word("in") {
            let list = self.list("after `in`")?;
            return Ok(binary(BinOp::In, left, list));
        }
        if self.eat_word("has_any") {
            let list = self.list("after `has_any`")?;
            return Ok(binary(BinOp::HasAny, left, list));
        }
        if self.eat_word("has") {
            let right = if self.peek() == Some(&TokenKind::Punct(Punct::LBracket)) { self.list("after `has`")? } else { self.atom()? };
            return Ok(binary(BinOp::Has, left, right));
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
        let start = self.expect_op(Punct::LBracket, &format!("to open a list of quoted values {context}"))?.start;
        let mut items = Vec::new();
        loop {
            if self.eat_op(Punct::RBracket) {
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
            if !self.eat_op(Punct::Comma) {
                self.expect_op(Punct::RBracket, "to close the list")?;
                break;
            }
        }
        let end = self.tokens[self.pos - 1].span.end;
        Ok(Ast { node: Node::List(items), span: start..end })
    }

    fn sum(&mut self) -> ParseResult {
        let mut left = self.product()?;
        loop {
            if self.eat_op(Punct::Plus) {
                left = binary(BinOp::Arith(ArithOp::Add), left, self.product()?);
            } else if self.eat_op(Punct::Minus) {
                left = binary(BinOp::Arith(ArithOp::Sub), left, self.product()?);
            } else {
                return Ok(left);
            }
        }
    }

    fn product(&mut self) -> ParseResult {
        let mut left = self.atom()?;
        while self.eat_op(Punct::Star) {
            left = binary(BinOp::Arith(ArithOp::Mul), left, self.atom()?);
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
            TokenKind::Punct(Punct::LParen) => {
                self.pos += 1;
                self.enter()?;
                let inner = self.expr()?;
                self.depth -= 1;
                let end = self.expect_op(Punct::RParen, "to close the parenthesis")?.end;
                Ok(Ast { node: inner.node, span: span.start..end })
            }
            TokenKind::Punct(Punct::Minus) => {
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
                    self.expect_op(Punct::LParen, &format!("after `{word}`"))?;
                    let mut args = vec![self.expr()?];
                    while self.eat_op(Punct::Comma) {
                        args.push(self.expr()?);
                    }
                    let end = self.expect_op(Punct::RParen, &format!("to close `{word}(`"))?.end;
                    self.depth -= 1;
                    Ok(Ast { node: Node::Call(word, args), span: span.start..end })
                }
                w if KEYWORDS.contains(&w) => Err(self.unexpected("a fact, a number or a quoted value")),
                _ => {
                    self.pos += 1;
                    Ok(Ast { node: Node::Ident(word), span })
                }
            },
            TokenKind::Punct(_) => Err(self.unexpected("a fact, a number or a quoted value")),
        }
    }
}

fn binary(op: BinOp, left: Ast, right: Ast) -> Ast {
    let span = left.span.start..right.span.end;
    Ast { node: Node::Binary(op, Box::new(left), Box::new(right)), span }
}
