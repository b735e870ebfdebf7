//! A pack written back as the files the loader reads: how the pack studio
//! opens a bundle (a compiled pack, which keeps no text files) for editing.
//!
//! Fields come in the order and form of the files in `policies/`, so that a
//! policy officer recognises them. Only what the pack holds is written: an
//! optional field the pack does not have is left out, never filled in.

use crate::engine::{expr_text, Expr, FactDef, FactKind, Pack, Policy, Source, Text};

/// A pack's files as the loader reads them, written from the pack itself:
/// `pack.toml`, `facts.toml` and `rules/<policy id>.toml`, one per policy, as
/// (path inside the pack, text) pairs.
///
/// Loading the files gives the same pack again. What a compiled pack does
/// not keep cannot be written: the files' comments (each file starts with a
/// comment saying so instead) and their test cases (no `tests/` file is
/// written). Conditions are written as [`expr_text`] prints them, which may
/// differ in form from the original text but not in meaning (`retired` for
/// `retired == true`, `not x is_empty` for `x is_not_empty`). Every text
/// stays on its line (a newline is written `\n`), so no line of a written
/// file is mistaken for a comment.
///
/// ```
/// use policy_explainer::{default_pack, pack::{load, pack_files, PackFiles}};
///
/// let files = pack_files(&default_pack::pack());
/// assert!(files.iter().any(|(path, _)| path == "rules/qd-apprenticeship-subsidy.toml"));
/// assert!(load(&PackFiles::from_pairs(files)).is_ok());
/// ```
pub fn pack_files(pack: &Pack) -> Vec<(String, String)> {
    let mut files = vec![("pack.toml".to_string(), manifest_file(pack)), ("facts.toml".to_string(), facts_file(pack))];
    files.extend(pack.policies.iter().map(|p| (format!("rules/{}.toml", p.id), policy_file(pack, p))));
    files
}

/// The first lines of every written file.
fn header(pack: &Pack, what: &str) -> String {
    format!(
        "# {what} of {}, written from its compiled pack (a bundle).\n# A bundle keeps no comments: those of the original file are not here.\n",
        comment(&pack.label())
    )
}

fn manifest_file(pack: &Pack) -> String {
    let mut out = header(pack, "The manifest");
    out.push('\n');
    field(&mut out, "id", &basic(&pack.id));
    field(&mut out, "version", &basic(&pack.version));
    field(&mut out, "rules_as_of", &pack.rules_as_of.to_string());
    let languages: Vec<String> = pack.languages.iter().map(|l| basic(l.code())).collect();
    field(&mut out, "languages", &format!("[{}]", languages.join(", ")));
    out.push('\n');
    field(&mut out, "name", &text(&pack.name));
    field(&mut out, "region", &text(&pack.region));
    if let Some(coverage) = &pack.coverage {
        out.push_str("\n[coverage]\n");
        field(&mut out, "when", &expression(&coverage.when, &pack.facts));
        field(&mut out, "note", &text(&coverage.note));
    }
    for document in &pack.documents {
        out.push_str("\n[[document]]\n");
        field(&mut out, "id", &basic(&document.id));
        field(&mut out, "file", &basic(&document.file));
        field(&mut out, "reported", &document.reported.to_string());
        field(&mut out, "title", &text(&document.title));
    }
    out
}

fn facts_file(pack: &Pack) -> String {
    let mut out = header(pack, "The facts");
    if !pack.opening.is_empty() {
        let ids: Vec<String> = pack.opening.iter().map(|&f| basic(&pack.facts[f].id)).collect();
        out.push('\n');
        field(&mut out, "opening", &format!("[{}]", ids.join(", ")));
    }
    for fact in &pack.facts {
        out.push_str("\n[[fact]]\n");
        fact_fields(&mut out, fact, &pack.facts);
        for wording in &fact.wordings {
            out.push_str("\n[[fact.wording]]\n");
            field(&mut out, "when", &expression(&wording.when, &pack.facts));
            field(&mut out, "question", &text(&wording.question));
            if let Some(hint) = &wording.hint {
                field(&mut out, "hint", &text(hint));
            }
        }
    }
    out
}

/// A fact's own fields, in the order of `policies/facts.toml`: id, type,
/// bounds, unit, asked_when, question, hint, values.
fn fact_fields(out: &mut String, fact: &FactDef, facts: &[FactDef]) {
    field(out, "id", &basic(&fact.id));
    field(out, "type", &basic(fact.kind.type_name()));
    match &fact.kind {
        FactKind::Int { min, max } => {
            field(out, "min", &min.to_string());
            field(out, "max", &max.to_string());
        }
        FactKind::Date { min, max } => {
            if let Some(min) = min {
                field(out, "min", &min.to_string());
            }
            if let Some(max) = max {
                field(out, "max", &max.to_string());
            }
        }
        FactKind::Bool | FactKind::Enum(_) | FactKind::Set(_) => {}
    }
    if let Some(unit) = &fact.unit {
        field(out, "unit", &text(unit));
    }
    if let Some(gate) = &fact.asked_when {
        field(out, "asked_when", &expression(gate, facts));
    }
    field(out, "question", &text(&fact.question));
    if let Some(hint) = &fact.hint {
        field(out, "hint", &text(hint));
    }
    let choices = fact.kind.choices();
    if !choices.is_empty() {
        out.push_str("values = [\n");
        for c in choices {
            out.push_str(&format!("  {{ id = {}, zh = {}, en = {} }},\n", basic(&c.id), basic(&c.label.zh), basic(&c.label.en)));
        }
        out.push_str("]\n");
    }
}

/// A policy file: its own fields first, then `[scope]`, `[amount]` and each
/// `[[criterion]]`, as in `policies/rules/`.
fn policy_file(pack: &Pack, policy: &Policy) -> String {
    let facts = &pack.facts;
    let mut out = header(pack, &format!("Policy {}", policy.id));
    out.push('\n');
    field(&mut out, "id", &basic(&policy.id));
    field(&mut out, "name", &text(&policy.name));
    field(&mut out, "issuer", &text(&policy.issuer));
    field(&mut out, "jurisdiction", &basic(&policy.jurisdiction));
    field(&mut out, "benefit", &text(&policy.benefit));
    if let Some(summary) = &policy.summary {
        field(&mut out, "summary", &text(summary));
    }
    if let Some(keywords) = &policy.keywords {
        field(&mut out, "keywords", &text(keywords));
    }
    field(&mut out, "apply", &text(&policy.apply));
    if let Some(s) = &policy.benefit_source {
        field(&mut out, "source", &source(s, pack));
    }
    out.push('\n');
    field(&mut out, "decision", &basic(policy.decision.as_str()));
    if let Some(decided_by) = &policy.decided_by {
        field(&mut out, "decided_by", &text(decided_by));
    }
    if policy.validity.from.is_some() || policy.validity.until.is_some() {
        out.push('\n');
        if let Some(from) = policy.validity.from {
            field(&mut out, "valid_from", &from.to_string());
        }
        if let Some(until) = policy.validity.until {
            field(&mut out, "valid_until", &until.to_string());
        }
    }

    out.push_str("\n[scope]\n");
    match applicant_kinds(&policy.scope.applicant, facts) {
        Some(kinds) if kinds.len() == 1 => field(&mut out, "applicant", &kinds[0]),
        Some(kinds) => field(&mut out, "applicant", &format!("[{}]", kinds.join(", "))),
        // The loader only makes a list of kinds; anything else is said, not
        // guessed, and the loader then reports the missing `applicant`.
        None => out.push_str(&format!(
            "# The compiled scope's applicant condition, {}, is not a list of kinds of applicant, so it is not written here.\n",
            comment(&expr_text(&policy.scope.applicant, facts))
        )),
    }
    field(&mut out, "place", &expression(&policy.scope.place, facts));
    field(&mut out, "place_label", &text(&policy.scope.place_label));
    if let Some(elsewhere) = &policy.scope.elsewhere {
        field(&mut out, "elsewhere", &text(elsewhere));
    }
    for local in &policy.local {
        out.push_str("\n[[local]]\n");
        field(&mut out, "when", &expression(&local.when, facts));
        field(&mut out, "place_label", &text(&local.place_label));
        field(&mut out, "benefit", &text(&local.benefit));
        if let Some(apply) = &local.apply {
            field(&mut out, "apply", &text(apply));
        }
    }

    if let Some(amount) = &policy.amount {
        out.push_str("\n[amount]\n");
        field(&mut out, "formula", &expression(&amount.rule.expr, facts));
        field(&mut out, "label", &text(&amount.rule.label));
        if let Some(unit) = &amount.unit {
            field(&mut out, "unit", &text(unit));
        }
        field(&mut out, "source", &source(&amount.rule.source, pack));
    }
    for criterion in &policy.criteria {
        out.push_str("\n[[criterion]]\n");
        field(&mut out, "when", &expression(&criterion.rule.expr, facts));
        field(&mut out, "basis", &basic(criterion.basis.as_str()));
        field(&mut out, "label", &text(&criterion.rule.label));
        if let Some(reading) = &criterion.reading {
            field(&mut out, "reading", &text(reading));
        }
        if let Some(not_met) = &criterion.not_met {
            field(&mut out, "not_met", &text(not_met));
        }
        field(&mut out, "source", &source(&criterion.rule.source, pack));
    }
    out
}

/// The scope's applicant condition as the kinds it lists, each quoted: the
/// loader reads `applicant = ["individual", "enterprise"]` as `true` (every
/// kind: nothing to ask) and any other list as `applicant in [...]`.
fn applicant_kinds(condition: &Expr, facts: &[FactDef]) -> Option<Vec<String>> {
    let ix = facts.iter().position(|f| f.id == "applicant")?;
    let choices = facts[ix].kind.choices();
    let listed = |mask: u64| choices.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, c)| basic(&c.id)).collect::<Vec<_>>();
    let kinds = match condition {
        Expr::Bool(true) => listed(u64::MAX),
        Expr::EnumIn(f, mask) if *f == ix => listed(*mask),
        _ => return None,
    };
    (!kinds.is_empty()).then_some(kinds)
}

/// `{ document = "…", quote = "…" }`, naming the document by its id.
fn source(s: &Source, pack: &Pack) -> String {
    let document = pack.documents.get(s.document).map_or("", |d| d.id.as_str());
    match &s.translation {
        Some(t) => format!("{{ document = {}, quote = {}, translation = {} }}", basic(document), basic(&s.quote), basic(t)),
        None => format!("{{ document = {}, quote = {} }}", basic(document), basic(&s.quote)),
    }
}

/// One `key = value` line.
fn field(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    out.push_str(value);
    out.push('\n');
}

/// `{ zh = "…", en = "…" }`.
fn text(t: &Text) -> String {
    format!("{{ zh = {}, en = {} }}", basic(&t.zh), basic(&t.en))
}

/// An expression in single quotes, as policy staff write it (its values are
/// in double quotes), or as a basic string when its text holds a character a
/// literal string cannot (a `'` or a control character in a value id).
fn expression(e: &Expr, facts: &[FactDef]) -> String {
    let t = expr_text(e, facts);
    if t.chars().any(|c| c == '\'' || c.is_control()) {
        basic(&t)
    } else {
        format!("'{t}'")
    }
}

/// `s` as a TOML basic string: quotes, backslashes and control characters
/// escaped, everything else (Chinese included) as it is. A newline is
/// written `\n`, so a text stays on its line and inline tables stay valid.
fn basic(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `s` fit for a `#` comment: on one line.
fn comment(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::compiled::encode;
    use crate::default_pack;
    use crate::pack::{generated_pack_files, load, PackFiles};

    /// The pack its written files load into; panics with every diagnostic.
    fn reloaded(pack: &Pack) -> Pack {
        load(&PackFiles::from_pairs(pack_files(pack))).unwrap_or_else(|d| panic!("the written files do not load: {d:#?}"))
    }

    /// `Pack` has no `PartialEq`; its compiled bytes hold everything it
    /// stores. What the loader derives (the facts each rule reads, the probe
    /// answers) is not stored, and is derived again on loading. The scope's
    /// `applicant_label` is stored: the loader derives it from the
    /// `applicant` fact's labels, so it comes back the same.
    fn assert_round_trips(pack: &Pack) {
        let again = reloaded(pack);
        assert!(encode(&again) == encode(pack), "{} does not come back the same from its written files", pack.label());
    }

    #[test]
    fn the_default_pack_round_trips() {
        assert_round_trips(&default_pack::pack());
    }

    #[test]
    fn a_generated_pack_of_200_policies_round_trips() {
        let pack = load(&generated_pack_files(&default_pack::files(), 200)).expect("the generated pack loads");
        assert_eq!(pack.policies.len(), 200);
        assert_round_trips(&pack);
    }

    #[test]
    fn every_file_is_where_the_loader_looks_and_says_where_it_comes_from() {
        let pack = default_pack::pack();
        let files = pack_files(&pack);
        let mut expected = vec!["pack.toml".to_string(), "facts.toml".to_string()];
        expected.extend(pack.policies.iter().map(|p| format!("rules/{}.toml", p.id)));
        assert_eq!(files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>(), expected, "no tests/ file: a bundle has no test cases");
        for (path, text) in &files {
            assert!(text.starts_with("# ") && text.contains("compiled pack"), "{path} does not say it was written from a compiled pack");
        }
        // `load` fails on any diagnostic. Each policy file is also loaded
        // with only the manifest and the facts, so that a problem names its file.
        assert!(load(&PackFiles::from_pairs(files.clone())).is_ok());
        for (path, text) in &files[2..] {
            let alone = PackFiles::from_pairs(files[..2].iter().cloned().chain([(path.clone(), text.clone())]));
            if let Err(diagnostics) = load(&alone) {
                panic!("{path}: {diagnostics:#?}");
            }
        }
    }

    #[test]
    fn absent_optional_fields_are_left_out() {
        let pack = default_pack::pack();
        let files = pack_files(&pack);
        for policy in &pack.policies {
            let text = &files.iter().find(|(p, _)| *p == format!("rules/{}.toml", policy.id)).unwrap().1;
            let has = |key: &str| text.lines().any(|l| l.starts_with(key));
            assert_eq!(has("[amount]"), policy.amount.is_some(), "{}", policy.id);
            assert_eq!(has("decided_by = "), policy.decided_by.is_some(), "{}", policy.id);
            assert_eq!(has("valid_from = "), policy.validity.from.is_some(), "{}", policy.id);
            assert_eq!(has("valid_until = "), policy.validity.until.is_some(), "{}", policy.id);
            assert_eq!(text.lines().filter(|l| l.starts_with("reading = ")).count(), policy.criteria.iter().filter(|c| c.reading.is_some()).count());
        }
        let hints = pack.facts.iter().map(|f| &f.hint).chain(pack.facts.iter().flat_map(|f| f.wordings.iter().map(|w| &w.hint)));
        assert_eq!(files[1].1.lines().filter(|l| l.starts_with("hint = ")).count(), hints.flatten().count());
        let units = pack.facts.iter().filter(|f| f.unit.is_some()).count();
        assert_eq!(files[1].1.lines().filter(|l| l.starts_with("unit = ")).count(), units);
        assert_eq!(pack.coverage.is_some(), files[0].1.contains("\n[coverage]\n"));
    }

    #[test]
    fn tricky_strings_survive_the_round_trip() {
        let tricky = [
            "a \"quoted\" word",
            r"a back\slash and \n written out",
            "two\nlines",
            "中文：“弯引号”与「括号」",
            "a\ttab",
            "a carriage\r\nreturn",
            "control \u{1} and \u{7f} and \u{8}\u{c}",
            "'single' quotes and # not a comment",
            "ends with a backslash \\",
        ];
        let mut pack = default_pack::pack();
        // Policies with a criterion, so that a quote can be tricky too.
        let edited: Vec<usize> = (0..pack.policies.len()).filter(|&i| !pack.policies[i].criteria.is_empty()).take(tricky.len()).collect();
        assert_eq!(edited.len(), tricky.len());
        for (&i, s) in edited.iter().zip(tricky) {
            let policy = &mut pack.policies[i];
            policy.benefit.zh = s.to_string();
            policy.apply.en = s.to_string();
            policy.criteria[0].rule.source.quote = s.to_string();
            policy.scope.place_label.zh = s.to_string();
        }
        for (fact, s) in pack.facts.iter_mut().zip(tricky) {
            fact.question.en = s.to_string();
        }
        pack.name.zh = tricky.concat();
        pack.documents[0].file = tricky[1].to_string();
        pack.documents[0].title.en = tricky[2].to_string();
        let again = reloaded(&pack);
        for (&i, s) in edited.iter().zip(tricky) {
            let policy = &again.policies[i];
            assert_eq!([&policy.benefit.zh, &policy.apply.en, &policy.criteria[0].rule.source.quote, &policy.scope.place_label.zh], [s; 4]);
        }
        for (fact, s) in again.facts.iter().zip(tricky) {
            assert_eq!(fact.question.en, s);
        }
        assert_eq!(again.name.zh, tricky.concat());
        assert_eq!(again.documents[0].file, tricky[1]);
        assert_round_trips(&pack);
    }

    #[test]
    fn basic_strings_escape_what_toml_requires() {
        let rows = [
            ("plain", r#""plain""#),
            ("say \"hi\"", r#""say \"hi\"""#),
            (r"C:\dir", r#""C:\\dir""#),
            ("a\nb\r\tc", r#""a\nb\r\tc""#),
            ("\u{0}\u{1f}\u{7f}\u{8}\u{c}", r#""\u0000\u001F\u007F\b\f""#),
            ("青岛市“银龄行动”", "\"青岛市“银龄行动”\""),
        ];
        for (input, expected) in rows {
            assert_eq!(basic(input), expected, "{input:?}");
        }
    }

    #[test]
    fn an_expression_with_a_single_quote_is_written_as_a_basic_string() {
        let mut pack = default_pack::pack();
        let city = pack.fact_ix("city").unwrap();
        let FactKind::Enum(choices) = &mut pack.facts[city].kind else { panic!("city is an enum") };
        choices[0].id = "qing'dao".into();
        let coverage = pack.coverage.as_ref().unwrap();
        assert_eq!(expression(&coverage.when, &pack.facts), r#""city in [\"qing'dao\", \"zaozhuang\"]""#);
        assert_round_trips(&pack);
    }
}
