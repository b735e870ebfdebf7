//! A policy, rules/<id>.toml: its texts, scope, decision, dates, amount and
//! criteria, each rule with the source sentence it comes from.

use super::{FileCx, Loader};
use crate::engine::{
    wording::join_in_sentence, Amount, Basis, Criterion, Decision, Document, Expr, ExprType, FactDef, Lang, LocalBenefit, Policy, Rule, Scope, Source, Text,
    Validity,
};
use crate::pack::{
    diagnostic::{Cited, DiagnosticKind as K},
    satisfiable::{amount_bounds, can_be_true, CHECK_LIMIT},
    schema::{PolicyToml, ScopeToml, SourceToml},
};
use std::ops::Range;
use toml::Spanned;

impl Loader<'_> {
    pub(super) fn policy(&mut self, file: &FileCx, p: PolicyToml, facts: &[FactDef], documents: &[Document]) -> Option<Policy> {
        let top = 0..0;
        // Every policy names its article, even one with no criterion and no
        // amount: how old its information is depends on it.
        if p.source.is_none() && p.criterion.is_empty() && p.amount.is_none() {
            self.error(file, &top, K::CitesNoDocument);
        }
        let id = self.required_string(file, "id", p.id.clone(), &top);
        if let (Some(id), Some(span)) = (&id, p.id.as_ref().map(|s| s.span())) {
            if let Some(problem) = crate::engine::policy_id_problem(id) {
                self.error(file, &span, K::BadPolicyId { id: id.clone(), problem });
            }
            if file.name != format!("rules/{id}.toml") {
                self.error(file, &span, K::PolicyIdNotFileName { id: id.clone() });
            }
        }
        let name = self.text(file, "name", p.name, &top);
        let issuer = self.text(file, "issuer", p.issuer, &top);
        let benefit = self.text(file, "benefit", p.benefit, &top);
        let summary = self.optional_text(file, "summary", p.summary);
        let keywords = self.optional_text(file, "keywords", p.keywords);
        let benefit_source = p.source.map(|s| {
            let span = s.span();
            self.source(file, Some(s), &span, documents, Cited::Benefit)
        });
        let benefit_source = benefit_source.flatten();
        let local = p
            .local
            .into_iter()
            .filter_map(|l| {
                let span = l.span();
                let l = l.into_inner();
                let place_label = self.text(file, "local.place_label", l.place_label, &span);
                let benefit = self.text(file, "local.benefit", l.benefit, &span);
                let apply = self.optional_text(file, "local.apply", l.apply);
                let Some(when) = l.when else {
                    self.error(file, &span, K::LocalNoWhen);
                    return None;
                };
                let when = self.expression(file, &when, facts, ExprType::Bool)?;
                Some(LocalBenefit { when, place_label, benefit, apply })
            })
            .collect();
        let apply = self.text(file, "apply", p.apply, &top);
        let jurisdiction = self.required_string(file, "jurisdiction", p.jurisdiction, &top).unwrap_or_default();
        let scope = self.scope(file, p.scope, facts);
        let decision = self.one_of(file, &top, &p.decision, Decision::parse, (K::NoDecision, |written| K::UnknownDecision { written }));
        // Who examines or selects, only as the article names them: where it
        // names nobody, the verdict says so and names the issuer.
        let decided_by = self.optional_text(file, "decided_by", p.decided_by);
        let from = p.valid_from.as_ref().and_then(|v| self.date(file, "valid_from", v));
        let until = p.valid_until.as_ref().and_then(|v| self.date(file, "valid_until", v));
        if let (Some(a), Some(b), Some(span)) = (from, until, p.valid_until.as_ref().map(|v| v.span())) {
            if a > b {
                self.error(file, &span, K::UntilBeforeFrom { from: a, until: b });
            }
        }
        let amount = p.amount.and_then(|a| {
            let span = a.span();
            let a = a.into_inner();
            let label = self.text(file, "amount.label", a.label, &span);
            let unit = self.optional_text(file, "amount.unit", a.unit);
            let source = self.source(file, a.source, &span, documents, Cited::Amount);
            let Some(formula_text) = a.formula else {
                self.error(file, &span, K::AmountNoFormula);
                return None;
            };
            let formula = self.expression(file, &formula_text, facts, ExprType::Int)?;
            match amount_bounds(&formula, facts) {
                Some((lo, _)) if lo < 0 => self.error(file, &formula_text.span(), K::AmountCanBeNegative { lowest: lo }),
                None => self.error(file, &formula_text.span(), K::AmountTooLarge),
                _ => {}
            }
            Some(Amount { rule: Rule::new(formula, label, source?), unit })
        });
        let mut criteria = Vec::new();
        let mut some_never_true = false;
        for c in p.criterion {
            let span = c.span();
            let c = c.into_inner();
            let label = self.text(file, "label", c.label, &span);
            let source = self.source(file, c.source, &span, documents, Cited::Criterion);
            let basis = self.one_of(file, &span, &c.basis, Basis::parse, (K::NoBasis, |written| K::UnknownBasis { written }));
            let reading_missing = c.reading.is_none();
            let reading = self.optional_text(file, "reading", c.reading);
            let not_met = self.optional_text(file, "not_met", c.not_met);
            match basis {
                Some(Basis::Inferred) if reading_missing => self.error(file, &span, K::InferredNeedsReading),
                Some(Basis::Example) if reading_missing => self.error(file, &span, K::ExampleNeedsReading),
                _ => {}
            }
            let Some(when) = c.when else {
                self.error(file, &span, K::CriterionNoWhen);
                continue;
            };
            let Some(expr) = self.expression(file, &when, facts, ExprType::Bool) else { continue };
            if expr.facts().is_empty() {
                self.error(file, &when.span(), K::CriterionReadsNoFact);
            } else if can_be_true(&expr, facts, CHECK_LIMIT) == Some(false) {
                some_never_true = true;
                self.error(file, &when.span(), K::CriterionNeverTrue);
            }
            if let (Some(source), Some(basis)) = (source, basis) {
                criteria.push(Criterion { rule: Rule::new(expr, label, source), basis, reading, not_met });
            }
        }
        // A condition that is never true already explains why the set is unsatisfiable.
        let place_never_true = scope.as_ref().is_some_and(|s| can_be_true(&s.place, facts, CHECK_LIMIT) == Some(false));
        if let (Some(scope), false) = (&scope, some_never_true || place_never_true) {
            let mut all = vec![scope.applicant.clone(), scope.place.clone()];
            all.extend(criteria.iter().map(|c| c.rule.expr.clone()));
            if can_be_true(&Expr::And(all), facts, CHECK_LIMIT) == Some(false) {
                self.error(file, &top, if criteria.is_empty() { K::ScopeContradictsItself } else { K::ConditionsContradict });
            }
        }
        Some(Policy {
            id: id?,
            name,
            issuer,
            jurisdiction,
            benefit,
            summary,
            keywords,
            benefit_source,
            local,
            apply,
            scope: scope?,
            decision: decision?,
            decided_by,
            validity: Validity { from, until },
            amount,
            criteria,
            reported: None,
        })
    }

    /// `[scope]`: the kinds of applicant (values of the `applicant` fact) and
    /// the place, each a condition the verdict checks before any criterion.
    fn scope(&mut self, file: &FileCx, scope: Option<Spanned<ScopeToml>>, facts: &[FactDef]) -> Option<Scope> {
        let Some(scope) = scope else {
            self.error(file, &(0..0), K::NoScope);
            return None;
        };
        let span = scope.span();
        let scope = scope.into_inner();
        let place_label = self.text(file, "scope.place_label", scope.place_label, &span);
        let applicant = match scope.applicant {
            None => {
                self.error(file, &span, K::ScopeNoApplicant);
                None
            }
            Some(kinds) => self.applicant_condition(file, &kinds, facts),
        };
        let place = match scope.place {
            None => {
                self.error(file, &span, K::ScopeNoPlace);
                None
            }
            Some(place) => {
                let expr = self.expression(file, &place, facts, ExprType::Bool);
                if let Some(e) = &expr {
                    if e.facts().is_empty() {
                        self.error(file, &place.span(), K::PlaceReadsNoFact);
                    } else if can_be_true(e, facts, CHECK_LIMIT) == Some(false) {
                        self.error(file, &place.span(), K::PlaceNeverTrue);
                    }
                }
                expr
            }
        };
        let elsewhere = self.optional_text(file, "scope.elsewhere", scope.elsewhere);
        let ((applicant, applicant_label), place) = (applicant?, place?);
        // A place that every answer meets holds while it is still unknown.
        let place = if can_be_true(&Expr::Not(Box::new(place.clone())), facts, CHECK_LIMIT) == Some(false) { Expr::Bool(true) } else { place };
        Some(Scope::new(applicant, applicant_label, place, place_label, elsewhere))
    }

    /// `applicant = ["individual"]` as the condition `applicant in [...]` and the kinds in words.
    fn applicant_condition(&mut self, file: &FileCx, kinds: &Spanned<Vec<Spanned<String>>>, facts: &[FactDef]) -> Option<(Expr, Text)> {
        let Some(ix) = facts.iter().position(|f| f.id == "applicant") else {
            self.error(file, &kinds.span(), K::NoApplicantFact);
            return None;
        };
        let choices = facts[ix].kind.choices();
        let mut mask = 0u64;
        let (mut zh, mut en): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
        for k in kinds.get_ref() {
            match choices.iter().position(|c| c.id == *k.get_ref()) {
                Some(i) => {
                    mask |= 1 << i;
                    zh.push(&choices[i].label.zh);
                    en.push(&choices[i].label.en);
                }
                None => {
                    let known = choices.iter().map(|c| c.id.clone()).collect();
                    self.error(file, &k.span(), K::UnknownApplicantKind { written: k.get_ref().clone(), known });
                }
            }
        }
        if mask == 0 {
            if kinds.get_ref().is_empty() {
                self.error(file, &kinds.span(), K::NoApplicantKind);
            }
            return None;
        }
        // Every kind listed: the policy is for anyone, so no answer is needed.
        let all = if choices.len() >= 64 { u64::MAX } else { (1u64 << choices.len()) - 1 };
        let condition = if mask == all { Expr::Bool(true) } else { Expr::EnumIn(ix, mask) };
        Some((condition, Text::new(join_in_sentence(&zh, Lang::Zh), join_in_sentence(&en, Lang::En))))
    }

    fn source(&mut self, file: &FileCx, value: Option<Spanned<SourceToml>>, at: &Range<usize>, documents: &[Document], of: Cited) -> Option<Source> {
        let Some(value) = value else {
            self.error(file, at, K::NoSource { of });
            return None;
        };
        let span = value.span();
        let s = value.into_inner();
        let document = match s.document {
            None => {
                self.error(file, &span, K::SourceNoDocument);
                None
            }
            Some(d) => match documents.iter().position(|x| x.id == *d.get_ref()) {
                Some(i) => Some(i),
                None => {
                    let known = documents.iter().map(|x| x.id.clone()).collect();
                    self.error(file, &d.span(), K::UnknownDocument { written: d.get_ref().clone(), known });
                    None
                }
            },
        };
        let quote = match s.quote {
            Some(q) if !q.get_ref().trim().is_empty() => {
                if let (Some(texts), Some(doc)) = (self.document_texts, document.map(|i| &documents[i])) {
                    match texts.get(&doc.file) {
                        None => self.error(file, &q.span(), K::DocumentFileMissing { file: doc.file.clone() }),
                        Some(text) if !text.contains(q.get_ref().as_str()) => {
                            self.error(file, &q.span(), K::QuoteNotInDocument { document: doc.id.clone(), file: doc.file.clone() })
                        }
                        Some(_) => {}
                    }
                }
                Some(q.into_inner())
            }
            Some(q) => {
                self.error(file, &q.span(), K::EmptyQuote);
                None
            }
            None => {
                self.error(file, &span, K::NoQuote);
                None
            }
        };
        let translation = s.translation.and_then(|t| match t.get_ref().trim() {
            "" => {
                self.error(file, &t.span(), K::EmptyQuoteTranslation);
                None
            }
            _ => Some(t.into_inner()),
        });
        Some(Source { document: document?, quote: quote?, translation })
    }
}
