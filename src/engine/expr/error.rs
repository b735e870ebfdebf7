//! What can be wrong with an expression, as typed values: one variant per
//! kind of mistake, carrying what it names, and its words made in one place
//! (the [`fmt::Display`] of [`ExprErrorKind`]).

use super::parse::{MAX_DEPTH, MAX_TOKENS};
use super::ExprType;
use std::fmt;
use std::ops::Range;

/// A problem in an expression, located by byte range within its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    pub span: Range<usize>,
    pub kind: ExprErrorKind,
}

impl ExprError {
    pub fn new(span: Range<usize>, kind: ExprErrorKind) -> ExprError {
        ExprError { span, kind }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl std::error::Error for ExprError {}

/// What an operand turned out to be, as a type error names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operand {
    Condition,
    Number,
    Date,
    /// An enum fact, by id.
    EnumFact(String),
    /// A set fact, by id.
    SetFact(String),
    /// A quoted value, as written.
    Quoted(String),
    List,
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Condition => f.write_str("a condition (true or false)"),
            Operand::Number => f.write_str("a number"),
            Operand::Date => f.write_str("a date"),
            Operand::EnumFact(id) => write!(f, "the enum fact `{id}`"),
            Operand::SetFact(id) => write!(f, "the set fact `{id}`"),
            Operand::Quoted(s) => write!(f, "the quoted value \"{s}\""),
            Operand::List => f.write_str("a list"),
        }
    }
}

/// Where an operand of the wrong type stands: what that slot takes. (Not
/// named `Place`: a place in this crate is where a policy applies, as in
/// `scope.place` and `journey::Place`.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OperandSlot {
    /// After `not`.
    Not,
    /// Between `if` and `then`.
    IfCondition,
    /// An argument of `min(…)` or `max(…)`, by the function's name.
    Argument(String),
    /// Beside `and` or `or`.
    Joined(&'static str),
    /// Beside `+`, `-` or `*`.
    Arithmetic(&'static str),
}

impl fmt::Display for OperandSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OperandSlot::Not => f.write_str("`not` applies to a condition"),
            OperandSlot::IfCondition => f.write_str("the condition after `if`"),
            OperandSlot::Argument(name) => write!(f, "`{name}` takes numbers"),
            OperandSlot::Joined(word) => write!(f, "`{word}` joins conditions"),
            OperandSlot::Arithmetic(word) => write!(f, "`{word}` works on numbers"),
        }
    }
}

/// How to turn a fact used as a condition into one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConditionHint {
    /// An enum fact: compare it with a value (its first one, as an example).
    CompareEnum { fact: String, value: String },
    /// A set fact: test what it holds.
    TestSet { fact: String },
}

impl fmt::Display for ConditionHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConditionHint::CompareEnum { fact, value } => write!(f, "; compare it with a value, e.g. {fact} == \"{value}\""),
            ConditionHint::TestSet { fact } => write!(f, "; use e.g. {fact} has_any [\"…\"] or {fact} is_not_empty"),
        }
    }
}

/// One kind of mistake in an expression, with what it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprErrorKind {
    // ---- reading the words
    /// A number beyond 64 bits, as written.
    NumberTooLarge {
        written: String,
    },
    UnclosedQuote,
    /// A character the language has no use for (`&`, `'`, …).
    UnexpectedCharacter(char),
    /// The grammar wanted `expected` here; `found` is the word there, or
    /// `None` at the end of the text.
    Expected {
        expected: String,
        found: Option<String>,
    },
    /// A word after what is already a whole expression.
    AfterTheEnd {
        found: String,
    },
    /// More than [`MAX_TOKENS`] words.
    TooManyParts {
        count: usize,
    },
    /// More than [`MAX_DEPTH`] levels of nesting.
    TooDeep,

    // ---- names and values
    UnknownFact {
        name: String,
        suggestion: Option<String>,
    },
    /// A quoted value that is not a choice of `fact`.
    UnknownValue {
        value: String,
        fact: String,
        suggestion: Option<String>,
        allowed: Vec<String>,
    },
    /// A quoted value compared with a date that is not one.
    NotADate {
        written: String,
    },

    // ---- types
    /// An operand of the wrong type where `slot` takes another.
    WrongOperand {
        slot: OperandSlot,
        found: Operand,
        hint: Option<ConditionHint>,
    },
    /// The whole expression is of the wrong type for its field.
    WrongResult {
        found: Operand,
        expected: ExprType,
    },
    /// `is_empty` or `is_not_empty` on what is not a set fact.
    EmptinessOfNonSet {
        word: &'static str,
        found: Operand,
    },
    /// The two branches of an `if` of different types.
    IfBranches {
        then: Operand,
        otherwise: Operand,
    },
    /// `has` followed by something other than one quoted value.
    HasTakesOneValue {
        found: Operand,
    },
    /// `in` or `has_any` followed by something other than a list.
    TakesList {
        word: &'static str,
        found: Operand,
    },
    /// `in` on a set fact.
    InOnSet {
        fact: String,
    },
    /// `has` or `has_any` on an enum fact.
    SetTestOnEnum {
        fact: String,
        word: &'static str,
    },
    /// `in` (which needs an enum fact) or `has`/`has_any` (a set fact) on
    /// something else.
    NeedsChoiceFact {
        word: &'static str,
        found: Operand,
    },
    /// `<`, `>`, … on an enum fact's values.
    Unordered {
        fact: String,
    },
    /// A set fact compared with `==`, `<`, ….
    ComparedSet {
        fact: String,
    },
    CannotCompare {
        left: Operand,
        right: Operand,
    },
    /// No error was recorded, yet the expression did not check.
    Unexplained,
}

impl fmt::Display for ExprErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ExprErrorKind as K;
        match self {
            K::NumberTooLarge { written } => write!(f, "the number {written} is too large"),
            K::UnclosedQuote => f.write_str("this quoted value is never closed; add a closing \""),
            K::UnexpectedCharacter(c) => {
                let hint = match c {
                    '&' => "; write `and`",
                    '|' => "; write `or`",
                    '!' => "; write `not`",
                    '=' => "; compare with `==`",
                    '\'' => "; quote values with double quotes \"…\"",
                    _ => "",
                };
                write!(f, "unexpected character `{c}`{hint}")
            }
            K::Expected { expected, found: Some(found) } => write!(f, "expected {expected}, found {found}"),
            K::Expected { expected, found: None } => write!(f, "expected {expected}, but the expression ends here"),
            K::AfterTheEnd { found } => write!(f, "unexpected {found} after a complete expression; join conditions with `and` or `or`"),
            K::TooManyParts { count } => write!(f, "this expression has {count} parts; at most {MAX_TOKENS} are allowed: split it into several criteria"),
            K::TooDeep => write!(f, "this expression is nested more than {MAX_DEPTH} levels deep: simplify it"),
            K::UnknownFact { name, suggestion: Some(s) } => write!(f, "unknown fact `{name}` (did you mean `{s}`?)"),
            K::UnknownFact { name, suggestion: None } => {
                write!(f, "unknown fact `{name}`; facts are defined in facts.toml, and values need double quotes")
            }
            K::UnknownValue { value, fact, suggestion, allowed } => {
                write!(f, "\"{value}\" is not a value of `{fact}`")?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean \"{s}\"?)")?;
                }
                let allowed = allowed.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
                write!(f, "; allowed: {allowed}")
            }
            K::NotADate { written } => write!(f, "\"{written}\" is not a date; write dates as \"YYYY-MM-DD\""),
            K::WrongOperand { slot, found, hint } => {
                write!(f, "{slot}, but this is {found}")?;
                match hint {
                    Some(hint) => hint.fmt(f),
                    None => Ok(()),
                }
            }
            K::WrongResult { found, expected } => write!(f, "this is {found}, but {expected} is needed here"),
            K::EmptinessOfNonSet { word, found } => write!(f, "`{word}` applies to a set fact, but this is {found}"),
            K::IfBranches { then, otherwise } => {
                write!(f, "both branches of `if` must be numbers, or both conditions; found {then} and {otherwise}")
            }
            K::HasTakesOneValue { found } => write!(f, "`has` takes one quoted value, but this is {found}; for several use `has_any [...]`"),
            K::TakesList { word, found } => write!(f, "`{word}` takes a list of quoted values, but this is {found}"),
            K::InOnSet { fact } => write!(f, "`{fact}` is a set fact: use `has_any` instead of `in`"),
            K::SetTestOnEnum { fact, word } => write!(f, "`{fact}` is an enum fact (one value): use `in` or `==` instead of `{word}`"),
            K::NeedsChoiceFact { word, found } => {
                let needed = if *word == "in" { "an enum fact" } else { "a set fact" };
                write!(f, "`{word}` needs {needed} on its left, but this is {found}")
            }
            K::Unordered { fact } => write!(f, "the values of `{fact}` have no order; compare with `==`, `!=` or `in [...]`"),
            K::ComparedSet { fact } => {
                write!(f, "`{fact}` is a set fact (any number of values): use `{fact} has \"…\"`, `has_any [...]`, `is_empty` or `is_not_empty`")
            }
            K::CannotCompare { left, right } => write!(f, "cannot compare {left} with {right}"),
            K::Unexplained => f.write_str("this expression has an error"),
        }
    }
}
