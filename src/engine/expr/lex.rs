//! Text to tokens: names, numbers, quoted values and punctuation, each with
//! its byte range for error messages.

use super::{ExprError, ExprErrorKind};
use std::fmt;
use std::ops::Range;

/// The punctuation of the language: a closed set the compiler checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Punct {
    EqEq,
    NotEq,
    LessEq,
    GreaterEq,
    Less,
    Greater,
    Plus,
    Minus,
    Star,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
}

impl Punct {
    /// Longest first, so that `<=` is not read as `<` then `=`.
    const ALL: [Punct; 14] = [
        Punct::EqEq,
        Punct::NotEq,
        Punct::LessEq,
        Punct::GreaterEq,
        Punct::Less,
        Punct::Greater,
        Punct::Plus,
        Punct::Minus,
        Punct::Star,
        Punct::LParen,
        Punct::RParen,
        Punct::LBracket,
        Punct::RBracket,
        Punct::Comma,
    ];

    pub(super) fn as_str(self) -> &'static str {
        match self {
            Punct::EqEq => "==",
            Punct::NotEq => "!=",
            Punct::LessEq => "<=",
            Punct::GreaterEq => ">=",
            Punct::Less => "<",
            Punct::Greater => ">",
            Punct::Plus => "+",
            Punct::Minus => "-",
            Punct::Star => "*",
            Punct::LParen => "(",
            Punct::RParen => ")",
            Punct::LBracket => "[",
            Punct::RBracket => "]",
            Punct::Comma => ",",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum TokenKind {
    Ident(String),
    Int(i64),
    Str(String),
    Punct(Punct),
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenKind::Ident(s) => write!(f, "`{s}`"),
            TokenKind::Int(n) => write!(f, "number {n}"),
            TokenKind::Str(s) => write!(f, "\"{s}\""),
            TokenKind::Punct(p) => write!(f, "`{}`", p.as_str()),
        }
    }
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) kind: TokenKind,
    pub(super) span: Range<usize>,
}

pub(super) fn tokenize(text: &str) -> Result<Vec<Token>, ExprError> {
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
            let n = digits.parse::<i64>().map_err(|_| ExprError::new(start..i, ExprErrorKind::NumberTooLarge { written: text[start..i].to_string() }))?;
            tokens.push(Token { kind: TokenKind::Int(n), span: start..i });
        } else if c == '"' || c == '“' || c == '”' {
            // Curly quotes are accepted: they are what a Chinese keyboard types.
            i += c.len_utf8();
            let body_start = i;
            loop {
                let Some(ch) = text[i..].chars().next() else {
                    return Err(ExprError::new(start..text.len(), ExprErrorKind::UnclosedQuote));
                };
                if ch == '"' || ch == '”' || ch == '“' {
                    tokens.push(Token { kind: TokenKind::Str(text[body_start..i].to_string()), span: start..i + ch.len_utf8() });
                    i += ch.len_utf8();
                    break;
                }
                i += ch.len_utf8();
            }
        } else if let Some(p) = Punct::ALL.into_iter().find(|p| text[i..].starts_with(p.as_str())) {
            i += p.as_str().len();
            tokens.push(Token { kind: TokenKind::Punct(p), span: start..i });
        } else {
            return Err(ExprError::new(start..start + c.len_utf8(), ExprErrorKind::UnexpectedCharacter(c)));
        }
    }
    Ok(tokens)
}
