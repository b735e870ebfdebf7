//! From pack files to a checked [`Pack`], collecting every problem.

use super::{
    diagnostic::{Cited, Diagnostic, DiagnosticKind as K},
    satisfiable::{amount_bounds, can_be_true, CHECK_LIMIT},
    schema::{read_file, CoverageToml, FactsToml, KindToml, ManifestToml, PolicyToml, Problems, Scalar, ScopeToml, SourceToml, Table, TextToml},
    PackFiles,
};
use crate::engine::fact::{FactType, MAX_CHOICES};
use crate::engine::{
    is_identifier, parse_expr, wording::join_in_sentence, Amount, Basis, Choice, Coverage, Criterion, Date, Decision, Document, Expr, ExprType, FactDef,
    FactKind, Lang, LocalBenefit, Manifest, Pack, Policy, Rule, Scope, Source, Text, Validity, Wording,
};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;

/// Reads and checks a pack. On success, a pack every policy of which can be
/// evaluated; otherwise every problem found, sorted by file and line.
pub fn load(files: &PackFiles) -> Result<Pack, Vec<Diagnostic>> {
    load_with(files, None)
}

/// Like [`load`], and also checks that every quoted source sentence appears,
/// verbatim, in its document. `documents` maps a document's `file` name to its
/// text; a document missing from it is an error.
pub fn load_checking_quotes(files: &PackFiles, documents: &HashMap<String, String>) -> Result<Pack, Vec<Diagnostic>> {
    load_with(files, Some(documents))
}

fn load_with(files: &PackFiles, document_texts: Option<&HashMap<String, String>>) -> Result<Pack, Vec<Diagnostic>> {
    let mut loader = Loader { diagnostics: Vec::new(), document_texts };
    let pack = loader.load(files);
    let mut diagnostics = loader.diagnostics;
    if diagnostics.is_empty() {
        if let Some(pack) = pack {
            return Ok(pack);
        }
        diagnostics.push(Diagnostic::at("pack.toml", "", 0, K::Unreadable));
    }
    diagnostics.sort();
    diagnostics.dedup();
    Err(diagnostics)
}

/// One file being read: its name, its text, and where to record problems.
struct FileCx<'a> {
    name: &'a str,
    text: &'a str,
}

struct Loader<'d> {
    diagnostics: Vec<Diagnostic>,
    /// When set, quotes are checked against these document texts.
    document_texts: Option<&'d HashMap<String, String>>,
}

impl Loader<'_> {
    fn error(&mut self, file: &FileCx, span: &Range<usize>, kind: K) {
        self.diagnostics.push(Diagnostic::at_span(file.name, file.text, span, kind));
    }

    /// Reads one TOML file with `read`, recording every problem found.
    fn parse<T>(&mut self, file: &FileCx, read: impl FnOnce(&Table, &mut Problems) -> T) -> Option<T> {
        let (value, problems) = read_file(file.text, read);
        for (span, kind) in problems {
            self.error(file, &span, kind);
        }
        value
    }

    fn load(&mut self, files: &PackFiles) -> Option<Pack> {
        let manifest_file = FileCx { name: "pack.toml", text: files.get("pack.toml").unwrap_or("") };
        let facts_file = FileCx { name: "facts.toml", text: files.get("facts.toml").unwrap_or("") };
        if files.get("pack.toml").is_none() {
            self.error(&manifest_file, &(0..0), K::NoManifest);
        }
        if files.get("facts.toml").is_none() {
            self.error(&facts_file, &(0..0), K::NoFactsFile);
        }
        let manifest = files.get("pack.toml").and_then(|_| self.parse(&manifest_file, ManifestToml::read));
        let mut facts_toml = files.get("facts.toml").and_then(|_| self.parse(&facts_file, FactsToml::read));
        let opening = facts_toml.as_mut().and_then(|f| f.opening.take());

        let (meta, coverage, documents) = match manifest {
            Some(m) => self.manifest(&manifest_file, m),
            None => (None, None, Vec::new()),
        };
        let facts = facts_toml.map(|f| self.facts(&facts_file, f)).unwrap_or_default();
        let opening = opening.map(|list| self.opening(&facts_file, list, &facts)).unwrap_or_default();
        // The coverage condition names facts, so it is read once they are known.
        let coverage = coverage.and_then(|c| self.coverage(&manifest_file, c, &facts));

        let mut policies: Vec<Policy> = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut any_rule = false;
        for (path, text) in files.under("rules") {
            any_rule = true;
            let file = FileCx { name: path, text };
            let Some(toml) = self.parse(&file, PolicyToml::read) else { continue };
            if let Some(policy) = self.policy(&file, toml, &facts, &documents) {
                if let Some(first) = seen.get(&policy.id) {
                    self.error(&file, &(0..0), K::DuplicatePolicyId { id: policy.id.clone(), first: first.clone() });
                    continue;
                }
                seen.insert(policy.id.clone(), path.to_string());
                policies.push(policy);
            }
        }
        if !any_rule {
            self.error(&manifest_file, &(0..0), K::NoPolicies);
        }
        let mut manifest = meta?;
        manifest.coverage = coverage;
        manifest.opening = opening;
        policies.sort_by(|a, b| a.id.cmp(&b.id));
        Some(Pack::new(manifest, documents, facts, policies))
    }

    fn text(&mut self, file: &FileCx, field: &str, value: Option<Spanned<TextToml>>, at: &Range<usize>) -> Text {
        let Some(value) = value else {
            self.error(file, at, K::MissingText { field: field.to_string() });
            return Text::default();
        };
        let span = value.span();
        let value = value.into_inner();
        let mut get = |lang: Lang, v: Option<Spanned<String>>| -> String {
            match v {
                Some(s) if !s.get_ref().trim().is_empty() => s.into_inner(),
                Some(s) => {
                    self.error(file, &s.span(), K::EmptyTranslation { field: field.to_string(), lang });
                    String::new()
                }
                None => {
                    self.error(file, &span, K::MissingTranslation { field: field.to_string(), lang });
                    String::new()
                }
            }
        };
        let zh = get(Lang::Zh, value.zh);
        let en = get(Lang::En, value.en);
        Text { zh, en }
    }

    fn optional_text(&mut self, file: &FileCx, field: &str, value: Option<Spanned<TextToml>>) -> Option<Text> {
        value.map(|v| {
            let span = v.span();
            self.text(file, field, Some(v), &span)
        })
    }

    fn date(&mut self, file: &FileCx, field: &str, value: &Spanned<Scalar>) -> Option<Date> {
        let date = value.get_ref().as_date();
        if date.is_none() {
            self.error(file, &value.span(), K::NotADate { field: field.to_string() });
        }
        date
    }

    /// The manifest (its coverage still unread) and the documents it lists.
    fn manifest(&mut self, file: &FileCx, m: ManifestToml) -> (Option<Manifest>, Option<Spanned<CoverageToml>>, Vec<Document>) {
        let top = 0..0;
        let id = self.required_string(file, "id", m.id, &top);
        let version = self.required_string(file, "version", m.version, &top);
        let rules_as_of = match &m.rules_as_of {
            Some(v) => self.date(file, "rules_as_of", v),
            None => {
                self.error(file, &top, K::NoRulesAsOf);
                None
            }
        };
        let name = self.text(file, "name", m.name, &top);
        let region = self.text(file, "region", m.region, &top);
        let mut languages = Vec::new();
        match m.languages {
            None => self.error(file, &top, K::NoLanguages),
            Some(list) => {
                for l in list.get_ref() {
                    match Lang::from_code(l.get_ref()) {
                        Some(lang) => languages.push(lang),
                        None => self.error(file, &l.span(), K::UnsupportedLanguage { code: l.get_ref().clone() }),
                    }
                }
                for lang in Lang::ALL {
                    if !languages.contains(&lang) {
                        self.error(file, &list.span(), K::LanguageLeftOut { lang });
                    }
                }
            }
        }
        let mut documents: Vec<Document> = Vec::new();
        for d in m.document {
            let span = d.span();
            let d = d.into_inner();
            if documents.iter().any(|x| x.id == *d.id.get_ref()) {
                self.error(file, &d.id.span(), K::DuplicateDocumentId { id: d.id.get_ref().clone() });
                continue;
            }
            let file_name = self.required_string(file, "file", d.file, &span).unwrap_or_default();
            let title = self.text(file, "title", d.title, &span);
            let reported = match d.reported {
                None => {
                    self.error(file, &span, K::NoReportedYear { document: d.id.get_ref().clone() });
                    0
                }
                Some(year) if !(1900..=2200).contains(year.get_ref()) => {
                    self.error(file, &year.span(), K::ReportedYearOutOfRange { year: *year.get_ref() });
                    0
                }
                Some(year) => *year.get_ref() as i32,
            };
            documents.push(Document { id: d.id.into_inner(), file: file_name, title, reported });
        }
        let meta = match (id, version, rules_as_of) {
            (Some(id), Some(version), Some(rules_as_of)) => {
                Some(Manifest { id, version, rules_as_of, name, region, languages, coverage: None, opening: Vec::new() })
            }
            _ => None,
        };
        (meta, m.coverage, documents)
    }

    /// `opening = ["applicant", "city"]`: facts asked first, each once.
    fn opening(&mut self, file: &FileCx, list: Spanned<Vec<Spanned<String>>>, facts: &[FactDef]) -> Vec<crate::engine::FactIx> {
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

    fn coverage(&mut self, file: &FileCx, c: Spanned<CoverageToml>, facts: &[FactDef]) -> Option<Coverage> {
        let span = c.span();
        let c = c.into_inner();
        let note = self.text(file, "coverage.note", c.note, &span);
        let Some(when) = c.when else {
            self.error(file, &span, K::CoverageNoWhen);
            return None;
        };
        let when = self.expression(file, &when, facts, ExprType::Bool)?;
        Some(Coverage { when, note })
    }

    /// A field whose value is one of a closed set of words (`decision`,
    /// `basis`): `missing` when it is absent, `unknown` of what is written
    /// when it is none of them.
    fn one_of<T>(
        &mut self,
        file: &FileCx,
        at: &Range<usize>,
        value: &Option<Spanned<String>>,
        parse: fn(&str) -> Option<T>,
        (missing, unknown): (K, fn(String) -> K),
    ) -> Option<T> {
        let Some(v) = value else {
            self.error(file, at, missing);
            return None;
        };
        let found = parse(v.get_ref());
        if found.is_none() {
            self.error(file, &v.span(), unknown(v.get_ref().clone()));
        }
        found
    }

    fn required_string(&mut self, file: &FileCx, field: &str, value: Option<Spanned<String>>, at: &Range<usize>) -> Option<String> {
        match value {
            Some(v) if !v.get_ref().trim().is_empty() => Some(v.into_inner()),
            Some(v) => {
                self.error(file, &v.span(), K::EmptyField { field: field.to_string() });
                None
            }
            None => {
                self.error(file, at, K::MissingField { field: field.to_string() });
                None
            }
        }
    }

    fn facts(&mut self, file: &FileCx, f: FactsToml) -> Vec<FactDef> {
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

    /// Parses an expression written in a TOML string, mapping error positions
    /// inside the expression to positions in the file.
    fn expression(&mut self, file: &FileCx, value: &Spanned<String>, facts: &[FactDef], expected: ExprType) -> Option<crate::engine::Expr> {
        let span = value.span();
        match parse_expr(value.get_ref(), facts, expected) {
            Ok(e) => Some(e),
            Err(errors) => {
                let raw = &file.text[span.clone()];
                for e in errors {
                    let at = span.start + raw_offset(raw, e.span.start);
                    self.error(file, &(at..at), K::Expr(e.kind));
                }
                None
            }
        }
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

    fn policy(&mut self, file: &FileCx, p: PolicyToml, facts: &[FactDef], documents: &[Document]) -> Option<Policy> {
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
}

/// Where byte `decoded` of a TOML string's value lies in its source token
/// `raw` (quotes included): skips the opening delimiter, the newline TOML
/// trims after `'''` or `"""`, and in basic strings walks the escapes.
fn raw_offset(raw: &str, decoded: usize) -> usize {
    let (delimiter, basic) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else {
        (1, raw.starts_with('"'))
    };
    let mut i = delimiter.min(raw.len());
    if delimiter == 3 {
        if raw[i..].starts_with("\r\n") {
            i += 2;
        } else if raw[i..].starts_with('\n') {
            i += 1;
        }
    }
    let mut seen = 0;
    while seen < decoded && i < raw.len() {
        let rest = &raw[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if basic && c == '\\' {
            let next = rest[1..].chars().next().unwrap_or(' ');
            let (raw_len, decoded_len) = match next {
                'u' => (6, char::from_u32(u32::from_str_radix(rest.get(2..6).unwrap_or("0"), 16).unwrap_or(0)).map_or(1, char::len_utf8)),
                'U' => (10, char::from_u32(u32::from_str_radix(rest.get(2..10).unwrap_or("0"), 16).unwrap_or(0)).map_or(1, char::len_utf8)),
                // A line-ending backslash swallows the newline and the indentation after it.
                '\n' | '\r' | ' ' | '\t' => (rest[1..].len() - rest[1..].trim_start().len() + 1, 0),
                _ => (2, 1),
            };
            i += raw_len.min(rest.len());
            seen += decoded_len;
        } else {
            i += c.len_utf8();
            seen += c.len_utf8();
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::raw_offset;

    #[test]
    fn maps_decoded_offsets_to_the_source() {
        assert_eq!(raw_offset("'abc'", 2), 3);
        assert_eq!(raw_offset("\"a\\\"b\"", 2), 4, "an escaped quote is two source bytes");
        assert_eq!(raw_offset("'''\nabc'''", 0), 4, "the newline after ''' is not part of the value");
        assert_eq!(raw_offset("\"\\u00e9x\"", 2), 7);
    }
}
