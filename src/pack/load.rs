//! From pack files to a checked [`Pack`], collecting every problem.

use super::{
    diagnostic::Diagnostic,
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
        diagnostics.push(Diagnostic { file: "pack.toml".into(), line: 1, col: 1, message: "the pack could not be read".into() });
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
    fn error(&mut self, file: &FileCx, span: &Range<usize>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::at_span(file.name, file.text, span, message));
    }

    /// Reads one TOML file with `read`, recording every problem found.
    fn parse<T>(&mut self, file: &FileCx, read: impl FnOnce(&Table, &mut Problems) -> T) -> Option<T> {
        let (value, problems) = read_file(file.text, read);
        for (span, message) in problems {
            self.error(file, &span, message);
        }
        value
    }

    fn load(&mut self, files: &PackFiles) -> Option<Pack> {
        let manifest_file = FileCx { name: "pack.toml", text: files.get("pack.toml").unwrap_or("") };
        let facts_file = FileCx { name: "facts.toml", text: files.get("facts.toml").unwrap_or("") };
        if files.get("pack.toml").is_none() {
            self.error(&manifest_file, &(0..0), "the pack has no pack.toml (its manifest)");
        }
        if files.get("facts.toml").is_none() {
            self.error(&facts_file, &(0..0), "the pack has no facts.toml (its facts and questions)");
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
                    self.error(&file, &(0..0), format!("duplicate policy id `{}`: {first} has it already", policy.id));
                    continue;
                }
                seen.insert(policy.id.clone(), path.to_string());
                policies.push(policy);
            }
        }
        if !any_rule {
            self.error(&manifest_file, &(0..0), "the pack has no policies: add one file per policy in rules/");
        }
        let mut manifest = meta?;
        manifest.coverage = coverage;
        manifest.opening = opening;
        policies.sort_by(|a, b| a.id.cmp(&b.id));
        Some(Pack::new(manifest, documents, facts, policies))
    }

    fn text(&mut self, file: &FileCx, field: &str, value: Option<Spanned<TextToml>>, at: &Range<usize>) -> Text {
        let Some(value) = value else {
            self.error(file, at, format!("missing `{field}`: write it as {field} = {{ zh = \"…\", en = \"…\" }}"));
            return Text::default();
        };
        let span = value.span();
        let value = value.into_inner();
        let mut get = |lang: Lang, v: Option<Spanned<String>>| -> String {
            match v {
                Some(s) if !s.get_ref().trim().is_empty() => s.into_inner(),
                Some(s) => {
                    self.error(file, &s.span(), format!("`{field}.{lang}` is empty"));
                    String::new()
                }
                None => {
                    let language = if lang == Lang::Zh { "Simplified Chinese" } else { "English" };
                    self.error(file, &span, format!("`{field}` has no {language} translation: add {lang} = \"…\""));
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
            self.error(file, &value.span(), format!("`{field}` must be a date written YYYY-MM-DD, such as 2025-12-31"));
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
                self.error(file, &top, "missing `rules_as_of`: the date the rules were last checked, e.g. rules_as_of = 2026-11-01");
                None
            }
        };
        let name = self.text(file, "name", m.name, &top);
        let region = self.text(file, "region", m.region, &top);
        let mut languages = Vec::new();
        match m.languages {
            None => self.error(file, &top, "missing `languages`: write languages = [\"zh\", \"en\"]"),
            Some(list) => {
                for l in list.get_ref() {
                    match Lang::from_code(l.get_ref()) {
                        Some(lang) => languages.push(lang),
                        None => self.error(file, &l.span(), format!("unsupported language \"{}\": the app speaks \"zh\" and \"en\"", l.get_ref())),
                    }
                }
                for lang in Lang::ALL {
                    if !languages.contains(&lang) {
                        self.error(file, &list.span(), format!("`languages` must include \"{lang}\": every text exists in Simplified Chinese and English"));
                    }
                }
            }
        }
        let mut documents: Vec<Document> = Vec::new();
        for d in m.document {
            let span = d.span();
            let d = d.into_inner();
            if documents.iter().any(|x| x.id == *d.id.get_ref()) {
                self.error(file, &d.id.span(), format!("duplicate document id `{}`", d.id.get_ref()));
                continue;
            }
            let file_name = self.required_string(file, "file", d.file, &span).unwrap_or_default();
            let title = self.text(file, "title", d.title, &span);
            let reported = match d.reported {
                None => {
                    self.error(
                        file,
                        &span,
                        format!("document `{}` has no `reported`: the year of the latest events it reports, e.g. reported = 2025", d.id.get_ref()),
                    );
                    0
                }
                Some(year) if !(1900..=2200).contains(year.get_ref()) => {
                    self.error(file, &year.span(), format!("`reported` is {}: write the year the article reports on, e.g. 2025", year.get_ref()));
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
                Some(ix) if out.contains(&ix) => self.error(file, &id.span(), format!("`opening` names `{}` twice", id.get_ref())),
                Some(ix) => out.push(ix),
                None => self.error(file, &id.span(), format!("`opening` names `{}`, which is not a fact of this file", id.get_ref())),
            }
        }
        out
    }

    fn coverage(&mut self, file: &FileCx, c: Spanned<CoverageToml>, facts: &[FactDef]) -> Option<Coverage> {
        let span = c.span();
        let c = c.into_inner();
        let note = self.text(file, "coverage.note", c.note, &span);
        let Some(when) = c.when else {
            self.error(file, &span, "`[coverage]` has no `when`: where the pack's guidance reaches, e.g. when = 'city in [\"qingdao\", \"zaozhuang\"]'");
            return None;
        };
        let when = self.expression(file, &when, facts, ExprType::Bool)?;
        Some(Coverage { when, note })
    }

    /// A field whose value is one of a closed set of words (`decision`,
    /// `basis`): `missing` when it is absent, or names the allowed words.
    fn one_of<T>(
        &mut self,
        file: &FileCx,
        at: &Range<usize>,
        value: &Option<Spanned<String>>,
        parse: fn(&str) -> Option<T>,
        missing: &str,
        (field, allowed): (&str, &str),
    ) -> Option<T> {
        let Some(v) = value else {
            self.error(file, at, missing);
            return None;
        };
        let found = parse(v.get_ref());
        if found.is_none() {
            self.error(file, &v.span(), format!("`{field}` is \"{}\"; use {allowed}", v.get_ref()));
        }
        found
    }

    fn required_string(&mut self, file: &FileCx, field: &str, value: Option<Spanned<String>>, at: &Range<usize>) -> Option<String> {
        match value {
            Some(v) if !v.get_ref().trim().is_empty() => Some(v.into_inner()),
            Some(v) => {
                self.error(file, &v.span(), format!("`{field}` is empty"));
                None
            }
            None => {
                self.error(file, at, format!("missing `{field}`"));
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
                self.error(
                    file,
                    &fact.id.span(),
                    format!("fact id `{id}` must be letters, digits and _ (starting with a letter), so that expressions can name it"),
                );
            }
            if defs.iter().any(|d| d.id == id) {
                self.error(file, &fact.id.span(), format!("duplicate fact id `{id}`"));
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
                self.error(file, &span, "the wording has no `when`: the answers it is for, e.g. when = 'applicant == \"enterprise\"'");
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
                    self.error(file, &gate.span(), format!("`asked_when` of `{}` depends on the fact itself, so it could never be asked", defs[ix].id));
                }
            }
            defs[ix].asked_when = expr;
        }
        defs
    }

    fn fact_kind(&mut self, file: &FileCx, id: &str, kind: KindToml, span: &Range<usize>) -> Option<FactKind> {
        let KindToml { name: kind, min, max, values } = kind;
        let Some(kind) = kind else {
            self.error(file, span, format!("fact `{id}` has no `type`: one of bool, int, enum, set, date"));
            return None;
        };
        let type_name = kind.get_ref().as_str();
        let Some(fact_type) = FactType::parse(type_name) else {
            self.error(file, &kind.span(), format!("unknown type \"{type_name}\" for fact `{id}`: use bool, int, enum, set or date"));
            return None;
        };
        if !fact_type.has_values() {
            if let Some(v) = &values {
                self.error(file, &v.span(), format!("fact `{id}` is of type {type_name}, which takes no `values`"));
            }
        }
        if !fact_type.has_bounds() {
            for bound in [&min, &max].into_iter().flatten() {
                self.error(file, &bound.span(), format!("fact `{id}` is of type {type_name}, which takes no `min` or `max`"));
            }
        }
        match fact_type {
            FactType::Bool => Some(FactKind::Bool),
            FactType::Int => {
                let mut bound = |name: &str, v: Option<Spanned<Scalar>>| -> Option<i64> {
                    match v {
                        Some(v) => match v.get_ref() {
                            Scalar::Integer(n) => Some(*n),
                            _ => {
                                self.error(file, &v.span(), format!("`{name}` of fact `{id}` must be a whole number"));
                                None
                            }
                        },
                        None => {
                            self.error(
                                file,
                                span,
                                format!("int fact `{id}` needs `{name}`: the {} answer allowed", if name == "min" { "smallest" } else { "largest" }),
                            );
                            None
                        }
                    }
                };
                let (lo, hi) = (bound("min", min), bound("max", max));
                let (lo, hi) = (lo?, hi?);
                if lo > hi {
                    self.error(file, span, format!("fact `{id}`: `min` ({lo}) is larger than `max` ({hi})"));
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
                    self.error(file, span, format!("{type_name} fact `{id}` needs `values`: a list of {{ id = \"…\", zh = \"…\", en = \"…\" }}"));
                    return None;
                };
                let list_span = values.span();
                let mut choices: Vec<Choice> = Vec::new();
                for choice in values.into_inner() {
                    let cspan = choice.span();
                    let c = choice.into_inner();
                    let cid = c.id.get_ref().clone();
                    if choices.iter().any(|x| x.id == cid) {
                        self.error(file, &c.id.span(), format!("duplicate value \"{cid}\" in fact `{id}`"));
                        continue;
                    }
                    let label = self.text(file, &format!("value \"{cid}\""), Some(Spanned::new(cspan, TextToml { zh: c.zh, en: c.en })), &(0..0));
                    choices.push(Choice { id: cid, label });
                }
                if choices.is_empty() {
                    self.error(file, &list_span, format!("fact `{id}` has no values"));
                    return None;
                }
                if choices.len() > MAX_CHOICES {
                    self.error(file, &list_span, format!("fact `{id}` has {} values; at most {MAX_CHOICES} are supported", choices.len()));
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
                    self.error(file, &(at..at), e.to_string());
                }
                None
            }
        }
    }

    fn source(&mut self, file: &FileCx, value: Option<Spanned<SourceToml>>, at: &Range<usize>, documents: &[Document], what: &str) -> Option<Source> {
        let Some(value) = value else {
            self.error(
                file,
                at,
                format!("{what} has no `source`: every rule cites its document and sentence, as source = {{ document = \"…\", quote = \"…\" }}"),
            );
            return None;
        };
        let span = value.span();
        let s = value.into_inner();
        let document = match s.document {
            None => {
                self.error(file, &span, "the source names no `document`");
                None
            }
            Some(d) => match documents.iter().position(|x| x.id == *d.get_ref()) {
                Some(i) => Some(i),
                None => {
                    let known = documents.iter().map(|x| format!("\"{}\"", x.id)).collect::<Vec<_>>().join(", ");
                    self.error(file, &d.span(), format!("unknown document \"{}\"; pack.toml lists {known}", d.get_ref()));
                    None
                }
            },
        };
        let quote = match s.quote {
            Some(q) if !q.get_ref().trim().is_empty() => {
                if let (Some(texts), Some(doc)) = (self.document_texts, document.map(|i| &documents[i])) {
                    match texts.get(&doc.file) {
                        None => self.error(file, &q.span(), format!("cannot check the quote: the document file {} was not found", doc.file)),
                        Some(text) if !text.contains(q.get_ref().as_str()) => self.error(
                            file,
                            &q.span(),
                            format!("the quote is not in {} ({}): copy the sentence verbatim, with its punctuation", doc.id, doc.file),
                        ),
                        Some(_) => {}
                    }
                }
                Some(q.into_inner())
            }
            Some(q) => {
                self.error(file, &q.span(), "the source's `quote` is empty: copy the sentence from the document");
                None
            }
            None => {
                self.error(file, &span, "the source has no `quote`: copy the sentence the rule comes from");
                None
            }
        };
        let translation = s.translation.and_then(|t| match t.get_ref().trim() {
            "" => {
                self.error(file, &t.span(), "the source's `translation` is empty: write the quote in English, or leave the field out");
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
            self.error(
                file,
                &(0..0),
                "missing `[scope]`: who the policy is for, e.g. [scope] applicant = \"individual\", place = 'city == \"qingdao\"', place_label = { zh = \"青岛市\", en = \"Qingdao\" }",
            );
            return None;
        };
        let span = scope.span();
        let scope = scope.into_inner();
        let place_label = self.text(file, "scope.place_label", scope.place_label, &span);
        let applicant = match scope.applicant {
            None => {
                self.error(file, &span, "the scope has no `applicant`: \"individual\", \"enterprise\", or both as [\"individual\", \"enterprise\"]");
                None
            }
            Some(kinds) => self.applicant_condition(file, &kinds, facts),
        };
        let place = match scope.place {
            None => {
                self.error(file, &span, "the scope has no `place`: the condition on where the applicant is, e.g. place = 'city == \"qingdao\"'");
                None
            }
            Some(place) => {
                let expr = self.expression(file, &place, facts, ExprType::Bool);
                if let Some(e) = &expr {
                    if e.facts().is_empty() {
                        self.error(file, &place.span(), "the scope's `place` reads no fact: name the place, e.g. city == \"qingdao\"");
                    } else if can_be_true(e, facts, CHECK_LIMIT) == Some(false) {
                        self.error(file, &place.span(), "the scope's `place` can never be true, whatever the answers: check the values against facts.toml");
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
            self.error(file, &kinds.span(), "the scope names applicant kinds, but facts.toml has no `applicant` fact to ask for them");
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
                    let known = choices.iter().map(|c| format!("\"{}\"", c.id)).collect::<Vec<_>>().join(", ");
                    self.error(file, &k.span(), format!("\"{}\" is not a kind of applicant; `applicant` allows {known}", k.get_ref()));
                }
            }
        }
        if mask == 0 {
            if kinds.get_ref().is_empty() {
                self.error(file, &kinds.span(), "the scope's `applicant` lists no kind: name at least one");
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
            self.error(file, &top, "the policy cites no document: add source = { document = \"…\", quote = \"…\" }, the sentence its benefit comes from");
        }
        let id = self.required_string(file, "id", p.id.clone(), &top);
        if let (Some(id), Some(span)) = (&id, p.id.as_ref().map(|s| s.span())) {
            use crate::engine::{policy_id_problem, PolicyIdProblem, MAX_POLICY_ID};
            match policy_id_problem(id) {
                None => {}
                Some(PolicyIdProblem::NotPlain) => {
                    self.error(file, &span, format!("policy id `{id}` must be lower-case letters, digits and hyphens, like qd-apprenticeship-subsidy"))
                }
                Some(PolicyIdProblem::TooLong) => self.error(
                    file,
                    &span,
                    format!("policy id `{id}` is {} characters long: keep it to {MAX_POLICY_ID}, like qd-apprenticeship-subsidy", id.len()),
                ),
                // `policy docs` would write its page over the library's own.
                Some(PolicyIdProblem::Reserved) => self.error(
                    file,
                    &span,
                    format!("policy id `{id}` is the name of the policy library's own page ({id}.html): choose another id, and name the file after it"),
                ),
            }
            let expected_name = format!("rules/{id}.toml");
            if file.name != expected_name {
                self.error(file, &span, format!("policy id `{id}` does not match the file name: name the file {expected_name}"));
            }
        }
        let name = self.text(file, "name", p.name, &top);
        let issuer = self.text(file, "issuer", p.issuer, &top);
        let benefit = self.text(file, "benefit", p.benefit, &top);
        let summary = self.optional_text(file, "summary", p.summary);
        let keywords = self.optional_text(file, "keywords", p.keywords);
        let benefit_source = p.source.map(|s| {
            let span = s.span();
            self.source(file, Some(s), &span, documents, "the benefit")
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
                    self.error(file, &span, "`[[local]]` has no `when`: the place it is for, e.g. when = 'district == \"shinan\"'");
                    return None;
                };
                let when = self.expression(file, &when, facts, ExprType::Bool)?;
                Some(LocalBenefit { when, place_label, benefit, apply })
            })
            .collect();
        let apply = self.text(file, "apply", p.apply, &top);
        let jurisdiction = self.required_string(file, "jurisdiction", p.jurisdiction, &top).unwrap_or_default();
        let scope = self.scope(file, p.scope, facts);
        let decision = self.one_of(
            file,
            &top,
            &p.decision,
            Decision::parse,
            "missing `decision`: how the benefit is granted: \"entitlement\" (on published conditions), \"review\" (an office examines each application), \"selection\" (chosen among candidates) or \"service\" (open to everyone it is for)",
            ("decision", "\"entitlement\", \"review\", \"selection\" or \"service\""),
        );
        // Who examines or selects, only as the article names them: where it
        // names nobody, the verdict says so and names the issuer.
        let decided_by = self.optional_text(file, "decided_by", p.decided_by);
        let from = p.valid_from.as_ref().and_then(|v| self.date(file, "valid_from", v));
        let until = p.valid_until.as_ref().and_then(|v| self.date(file, "valid_until", v));
        if let (Some(a), Some(b), Some(span)) = (from, until, p.valid_until.as_ref().map(|v| v.span())) {
            if a > b {
                self.error(file, &span, format!("`valid_until` ({b}) is before `valid_from` ({a})"));
            }
        }
        let amount = p.amount.and_then(|a| {
            let span = a.span();
            let a = a.into_inner();
            let label = self.text(file, "amount.label", a.label, &span);
            let unit = self.optional_text(file, "amount.unit", a.unit);
            let source = self.source(file, a.source, &span, documents, "the amount");
            let Some(formula_text) = a.formula else {
                self.error(file, &span, "the amount has no `formula`: a whole number of yuan, or an expression over facts");
                return None;
            };
            let formula = self.expression(file, &formula_text, facts, ExprType::Int)?;
            match amount_bounds(&formula, facts) {
                Some((lo, _)) if lo < 0 => self.error(file, &formula_text.span(), format!("the amount can be negative (as low as {lo} yuan)")),
                None => self.error(file, &formula_text.span(), "the amount can be too large to compute: keep it within ±9.2×10^18 yuan"),
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
            let source = self.source(file, c.source, &span, documents, "this criterion");
            let basis = self.one_of(
                file,
                &span,
                &c.basis,
                Basis::parse,
                "the criterion has no `basis`: \"stated\" when the article states this condition, \"inferred\" when it is our reading of whom the article means, \"example\" when the article publishes no condition and this is the kind of person it shows benefiting",
                ("basis", "\"stated\", \"inferred\" or \"example\""),
            );
            let reading_missing = c.reading.is_none();
            let reading = self.optional_text(file, "reading", c.reading);
            let not_met = self.optional_text(file, "not_met", c.not_met);
            match basis {
                Some(Basis::Inferred) if reading_missing => self.error(file, &span, "an inferred criterion needs `reading`: why we read the article this way, in words a citizen reads"),
                Some(Basis::Example) if reading_missing => self.error(file, &span, "an example criterion needs `reading`: what the article does say (its examples and figures, such as how many people it has served), shown when the applicant is not among them"),
                _ => {}
            }
            let Some(when) = c.when else {
                self.error(file, &span, "the criterion has no `when`: the condition, e.g. when = 'city == \"qingdao\"'");
                continue;
            };
            let Some(expr) = self.expression(file, &when, facts, ExprType::Bool) else { continue };
            if expr.facts().is_empty() {
                self.error(file, &when.span(), "this criterion reads no fact, so no answer could change it: name the fact it is about");
            } else if can_be_true(&expr, facts, CHECK_LIMIT) == Some(false) {
                some_never_true = true;
                self.error(file, &when.span(), "this criterion can never be true, whatever the answers: check the values and the numbers against facts.toml");
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
                let what =
                    if criteria.is_empty() { "the scope's applicant and place contradict each other" } else { "the scope and criteria contradict each other" };
                self.error(file, &top, format!("{what}: no answers can meet them all"));
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
