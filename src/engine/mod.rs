//! The rules engine: plain Rust with no web dependency.
//!
//! A [`Pack`] holds fact definitions and policies. [`evaluate`] turns the
//! answers given so far ([`Facts`]) and a date into one [`Verdict`] per policy,
//! using three-valued logic: an unanswered fact is *unknown*, never zero or
//! false. [`next_question`] picks the fact worth asking next, and
//! [`explain`] turns a verdict into sentences in the applicant's language,
//! all of whose words come from [`wording`].

mod amount;
mod date;
mod describe;
mod eval;
mod explain;
mod expr;
pub(crate) mod fact;
mod next_question;
mod policy;
mod policy_id;
pub(crate) mod postfix;
mod result_group;
pub(crate) mod sort_small;
mod text;
mod verdict;
pub mod wording;

pub use amount::{worked_sum, Factor, WorkedSum};
pub use date::Date;
pub use describe::{applicant_fact, by_level, chinese_script, describe, labels, search, validity_text, ConditionText, IssuerLevel, Labels, Quoted, Sheet};
pub use eval::{int_value, truth, Truth};
pub use explain::{explain, CriterionLine, Explanation};
pub use expr::{expr_text, is_identifier, parse_expr, ArithOp, CmpOp, ConditionHint, Expr, ExprError, ExprErrorKind, ExprType, Operand, OperandSlot};
pub use fact::{value_from_json, value_to_json, Choice, FactDef, FactError, FactIx, FactKind, FactType, Facts, Value, Wording, MAX_CHOICES};
pub use next_question::{is_askable, next_question, next_question_skipping, past_opening, questions_left, questions_left_skipping};
pub use policy::{
    probe_values_for, Amount, Basis, Coverage, Criterion, Decision, Document, LocalBenefit, Manifest, Pack, Policy, Rule, Scope, Source, Validity,
};
pub use policy_id::{is_policy_id, policy_id_problem, PolicyIdProblem, MAX_POLICY_ID};
pub use result_group::ResultGroup;
pub use text::{without_glosses, Lang, Text};
pub use verdict::{evaluate, evaluate_policy, CriterionStatus, OutOfScope, Status, Verdict};
pub use wording::{format_amount, headline, scope_text, value_label};
