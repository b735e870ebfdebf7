//! The facts, facts.toml: each fact's id, kind of answer, questions and
//! wordings, and the facts asked first.

use super::{FileCx, Loader};
use crate::engine::fact::{FactType, MAX_CHOICES};
use crate::engine::{is_identifier, Choice, ExprType, FactDef, FactKind, Wording};
use crate::pack::{
    diagnostic::DiagnosticKind as K,
    schema::{FactsToml, KindToml, Scalar, TextToml},
};
use std::ops::Range;
use toml::Spanned;

impl Loader<'_> {
    /// `opening = ["applicant", "city"]`: facts asked first, each once.
    pub(super) fn opening(&mut self, file: &FileCx, list: Spanned<Vec<Spanned<String>>>, facts: &[FactDef]) -> Vec<crate::engine::FactIx> {
        let mut out = Vec::new();
        for id in list.into_inner() {
            match facts.iter().position(|f| f.id == *id.get_ref()) {
                Some(ix) if out.contains(&ix) => self.error(file, &id.span(), K::OpeningTwice { fact: id.get_ref().clone() }),
                Some(ix) => out.push(ix),
                None => self.error(file, &id.span(), K::OpeningUnknownFact { fact: id.get_ref().clone() }),
            }
        }
        out
    }

    pub(super) fn facts(&mut self, file: &FileCx, f: FactsToml) -> Vec<FactDef> {
        let mut defs: Vec<FactDef> = Vec::new();
        let mut gates: Vec<(usize, Spanned<String>)> = Vec::new();
        let mut wordings = Vec::new();
        for fact in f.fact {
            let span = fact.span();
            let fact = fact.into_inner();
            let id = fact.id.get_ref().clone();
            if !is_identifier(&id) {
                self.error(file, &fact.id.span(), K::BadFactId { id: id.clone() });
            }
            if defs.iter().any(|d| d.id == id) {
                self.error(file, &fact.id.span(), K::DuplicateFactId { id });
                continue;
            }
            let question = self.text(file, "question", fact.question, &span);
            let hint = self.optional_text(file, "hint", fact.hint);
            let unit = self.optional_text(file, "unit", fact.unit);
            let kind = self.fact_kind(file, &id, fact.kind, &span);
            if let Some(gate) = fact.asked_when {
                gates.push((defs.len(), gate));
            }
            for w in fact.wording {
                wordings.push((defs.len(), w));
            }
            defs.push(FactDef { id, kind: kind.unwrap_or(FactKind::Bool), question, hint, unit, asked_when: None, wordings: Vec::new() });
        }
        for (ix, w) in wordings {
            let span = w.span();
            let w = w.into_inner();
            let question = self.text(file, "wording.question", w.question, &span);
            let hint = self.optional_text(file, "wording.hint", w.hint);
            let Some(when) = w.when else {
                self.error(file, &span, K::WordingNoWhen);
                continue;
            };
            if let Some(when) = self.expression(file, &when, &defs, ExprType::Bool) {
                defs[ix].wordings.push(Wording { when, question, hint });
            }
        }
        // Conditions may name any fact, so they are checked once all are known.
        for (ix, gate) in gates {
            let expr = self.expression(file, &gate, &defs, ExprType::Bool);
            if let Some(e) = &expr {
                if e.facts().contains(&ix) {
                    self.error(file, &gate.span(), K::AskedWhenOfItself { fact: defs[ix].id.clone() });
                }
            }
            defs[ix].asked_when = expr;
        }
        defs
    }

    fn fact_kind(&mut self, file: &FileCx, id: &str, kind: KindToml, span: &Range<usize>) -> Option<FactKind> {
        let KindToml { name: kind, min, max, values } = kind;
        let Some(kind) = kind else {
            self.error(file, span, K::NoFactType { fact: id.to_string() });
            return None;
        };
        let type_name = kind.get_ref().as_str();
        let Some(fact_type) = FactType::parse(type_name) else {
            self.error(file, &kind.span(), K::UnknownFactType { fact: id.to_string(), written: type_name.to_string() });
            return None;
        };
        if !fact_type.has_values() {
            if let Some(v) = &values {
                self.error(file, &v.span(), K::TakesNoValues { fact: id.to_string(), fact_type });
            }
        }
        if !fact_type.has_bounds() {
            for bound in [&min, &max].into_iter().flatten() {
                self.error(file, &bound.span(), K::TakesNoBounds { fact: id.to_string(), fact_type });
            }
        }
        match fact_type {
            FactType::Bool => Some(FactKind::Bool),
            FactType::Int => {
                let mut bound = |name: &'static str, v: Option<Spanned<Scalar>>| -> Option<i64> {
                    match v {
                        Some(v) => match v.get_ref() {
                            Scalar::Integer(n) => Some(*n),
                            _ => {
                                self.error(file, &v.span(), K::BoundNotWhole { fact: id.to_string(), bound: name });
                                None
                            }
                        },
                        None => {
                            self.error(file, span, K::MissingBound { fact: id.to_string(), bound: name });
                            None
                        }
                    }
                };
                let (lo, hi) = (bound("min", min), bound("max", max));
                let (lo, hi) = (lo?, hi?);
                if lo > hi {
                    self.error(file, span, K::MinAboveMax { fact: id.to_string(), min: lo, max: hi });
                    return None;
                }
                Some(FactKind::Int { min: lo, max: hi })
            }
            FactType::Date => {
                let min = min.and_then(|v| self.date(file, "min", &v));
                let max = max.and_then(|v| self.date(file, "max", &v));
                Some(FactKind::Date { min, max })
            }
            FactType::Enum | FactType::Set => {
                let Some(values) = values else {
                    self.error(file, span, K::NoValues { fact: id.to_string(), fact_type });
                    return None;
                };
                let list_span = values.span();
                let mut choices: Vec<Choice> = Vec::new();
                for choice in values.into_inner() {
                    let cspan = choice.span();
                    let c = choice.into_inner();
                    let cid = c.id.get_ref().clone();
                    if choices.iter().any(|x| x.id == cid) {
                        self.error(file, &c.id.span(), K::DuplicateValue { fact: id.to_string(), value: cid });
                        continue;
                    }
                    let label = self.text(file, &format!("value \"{cid}\""), Some(Spanned::new(cspan, TextToml { zh: c.zh, en: c.en })), &(0..0));
                    choices.push(Choice { id: cid, label });
                }
                if choices.is_empty() {
                    self.error(file, &list_span, K::EmptyValues { fact: id.to_string() });
                    return None;
                }
                if choices.len() > MAX_CHOICES {
                    self.error(file, &list_span, K::TooManyValues { fact: id.to_string(), count: choices.len() });
                    return None;
                }
                Some(if fact_type == FactType::Enum { FactKind::Enum(choices) } else { FactKind::Set(choices) })
            }
        }
    }
}
