//! Validation of policy packs: the default pack is complete and bilingual,
//! its quotes are verbatim in the seed articles, and every kind of mistake in
//! a pack is reported at its file, line and column — never as a panic.

use policy_explainer::default_pack;
use policy_explainer::engine::{FactKind, Lang, Pack, Text};
use policy_explainer::pack::{load, load_checking_quotes, Diagnostic, PackFiles};
use proptest::prelude::*;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

const GX: &str = "rules/gx-assisted-service.toml";
const ZZ_CARD: &str = "rules/zz-huicai-card.toml";
const SEEDS: &str = "../shared/seeds";

// ---------------------------------------------------------------- helpers

fn default_files() -> PackFiles {
    default_pack::files()
}

fn file_text(path: &str) -> String {
    default_files().get(path).unwrap_or_else(|| panic!("the default pack has no {path}")).to_string()
}

/// `text` with `from` replaced by `to`, insisting that `from` occurs exactly once.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "expected exactly one {from:?} in the file");
    text.replacen(from, to, 1)
}

/// The default pack with some files replaced (or added).
fn pack_with(edits: &[(&str, &str)]) -> PackFiles {
    let mut files = default_files();
    for (path, text) in edits {
        files.insert(path, text);
    }
    files
}

/// The diagnostics of a pack that must not load.
fn errors_of(files: &PackFiles) -> Vec<Diagnostic> {
    match load(files) {
        Ok(_) => panic!("the broken pack loaded without an error"),
        Err(d) => d,
    }
}

/// The 1-based line and character column of the `n`th (0-based) occurrence of `needle`.
fn position_of_nth(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let offset = text.match_indices(needle).nth(n).unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", n + 1)).0;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The position of the only occurrence of `needle` in `text`.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    assert_eq!(text.matches(needle).count(), 1, "expected exactly one {needle:?}");
    position_of_nth(text, needle, 0)
}

fn diag(file: &str, (line, col): (usize, usize), message: &str) -> Diagnostic {
    Diagnostic { file: file.into(), line, col, message: message.into() }
}

fn show(d: &[Diagnostic]) -> String {
    d.iter().map(|d| format!("  {d}\n")).collect()
}

/// The seed articles by file name.
fn seed_texts() -> HashMap<String, String> {
    let mut texts = HashMap::new();
    for entry in std::fs::read_dir(SEEDS).expect("the seed articles are at ../shared/seeds") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") {
            texts.insert(path.file_name().unwrap().to_string_lossy().to_string(), std::fs::read_to_string(&path).unwrap());
        }
    }
    texts
}

fn load_default() -> Pack {
    load(&default_files()).unwrap_or_else(|d| panic!("the default pack does not load:\n{}", show(&d)))
}

// ---------------------------------------------------------------- the default pack

/// The 18 policies of shared/policy-catalogue.md. Policy staff may add more;
/// these must stay.
const CATALOGUE: [&str; 18] = [
    "qd-apprenticeship-subsidy", "qd-innovation-award", "qd-silver-volunteer", "qd-silver-lecturer", "qd-purple-collar-training",
    "sn-high-level-talent-support", "sn-talent-team-support", "ls-talent-housing", "ls-talent-services", "ls-talent-finance",
    "ls-craftsman-recognition", "gx-assisted-service", "pd-worker-legal-aid", "sd-huicai-card", "zz-huicai-card",
    "zz-specialized-title-review", "zz-lithium-title-review", "zz-new-business-training",
];

#[test]
fn default_pack_has_every_catalogue_policy_each_with_criteria() {
    let pack = load_default();
    for id in CATALOGUE {
        assert!(pack.policy(id).is_some(), "the catalogue's {id} is missing from the pack");
    }
    assert_eq!(pack.languages, vec![Lang::Zh, Lang::En]);
    for p in &pack.policies {
        assert!(!p.criteria.is_empty(), "{} has no criteria", p.id);
        for c in &p.criteria {
            assert!(!c.facts.is_empty(), "{}: criterion {:?} reads no fact", p.id, c.label.en);
        }
    }
    // Policy ids are unique and sorted (the loader orders them by id).
    let ids: Vec<&str> = pack.policies.iter().map(|p| p.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted);
}

#[test]
fn every_text_of_the_default_pack_exists_in_both_languages() {
    let pack = load_default();
    let mut empty: Vec<String> = Vec::new();
    let mut check = |what: String, t: &Text| {
        for lang in Lang::ALL {
            if t.get(lang).trim().is_empty() {
                empty.push(format!("{what} ({lang})"));
            }
        }
    };
    check("pack name".into(), &pack.name);
    check("pack region".into(), &pack.region);
    for d in &pack.documents {
        check(format!("document {} title", d.id), &d.title);
    }
    for p in &pack.policies {
        check(format!("{} name", p.id), &p.name);
        check(format!("{} issuer", p.id), &p.issuer);
        check(format!("{} benefit", p.id), &p.benefit);
        check(format!("{} apply", p.id), &p.apply);
        for (i, c) in p.criteria.iter().enumerate() {
            check(format!("{} criterion {i} label", p.id), &c.label);
            assert!(!c.source.quote.trim().is_empty(), "{} criterion {i} has an empty quote", p.id);
        }
        if let Some(a) = &p.amount {
            check(format!("{} amount label", p.id), &a.label);
        }
    }
    for f in &pack.facts {
        check(format!("fact {} question", f.id), &f.question);
        if let Some(h) = &f.hint {
            check(format!("fact {} hint", f.id), h);
        }
        if let Some(u) = &f.unit {
            check(format!("fact {} unit", f.id), u);
        }
        for c in f.kind.choices() {
            check(format!("fact {} choice {}", f.id, c.id), &c.label);
        }
        if matches!(f.kind, FactKind::Enum(_) | FactKind::Set(_)) {
            assert!(!f.kind.choices().is_empty(), "fact {} has no choices", f.id);
        }
    }
    assert!(empty.is_empty(), "texts missing a language: {empty:#?}");
}

#[test]
fn every_quote_of_the_default_pack_is_verbatim_in_its_seed_article() {
    let texts = seed_texts();
    assert_eq!(texts.len(), 5, "expected the five seed articles in {SEEDS}");
    let pack = load_checking_quotes(&default_files(), &texts).unwrap_or_else(|d| panic!("quotes not found:\n{}", show(&d)));
    // The checker really compared: each quote is in its document's text.
    for p in &pack.policies {
        for c in &p.criteria {
            let doc = &pack.documents[c.source.document];
            assert!(texts[&doc.file].contains(&c.source.quote), "{}: {:?} not in {}", p.id, c.source.quote, doc.file);
        }
    }
}

#[test]
fn a_tampered_quote_is_reported_at_its_file_and_line() {
    // A full-width comma where the article has an ASCII one.
    let quote = "组建专业帮办队伍,为企业和群众提供“一站式、无障碍”的全流程帮办服务";
    let tampered_quote = quote.replace(',', "，");
    let text = replace_once(&file_text(GX), quote, &tampered_quote);
    let errors = load_checking_quotes(&pack_with(&[(GX, &text)]), &seed_texts()).unwrap_err();
    let at = position_of(&text, &format!("\"{tampered_quote}\""));
    assert_eq!(
        errors,
        vec![diag(GX, at, "the quote is not in seed-000 (000_eba07afb2bb4cb30.txt): copy the sentence verbatim, with its punctuation")],
        "{}",
        show(&errors)
    );
    // Without the documents, the same pack is valid: only the quote check catches it.
    assert!(load(&pack_with(&[(GX, &text)])).is_ok());
}

#[test]
fn a_missing_seed_article_is_reported_for_every_quote_citing_it() {
    let mut texts = seed_texts();
    texts.remove("000_eba07afb2bb4cb30.txt");
    let errors = load_checking_quotes(&default_files(), &texts).unwrap_err();
    let citing_seed_000: usize = default_files()
        .under("rules")
        .map(|(_, t)| t.matches("document = \"seed-000\"").count())
        .sum();
    assert_eq!(errors.len(), citing_seed_000, "{}", show(&errors));
    for e in &errors {
        assert_eq!(e.message, "cannot check the quote: the document file 000_eba07afb2bb4cb30.txt was not found");
    }
}

// ---------------------------------------------------------------- one mistake at a time

#[test]
fn unknown_fact_in_a_criterion_is_located_with_a_suggestion() {
    let text = replace_once(&file_text(GX), "when = 'city == \"qingdao\"'", "when = 'cty == \"qingdao\"'");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(errors, vec![diag(GX, position_of(&text, "cty =="), "unknown fact `cty` (did you mean `city`?)")], "{}", show(&errors));
    assert_eq!(errors[0].to_string(), format!("{GX}:{}:{}: unknown fact `cty` (did you mean `city`?)", errors[0].line, errors[0].col));
}

#[test]
fn unknown_fact_without_a_near_match_says_where_facts_are_defined() {
    let text = replace_once(&file_text(GX), "when = 'city == \"qingdao\"'", "when = 'salary >= 10000'");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(
        errors,
        vec![diag(GX, position_of(&text, "salary"), "unknown fact `salary`; facts are defined in facts.toml, and values need double quotes")],
        "{}",
        show(&errors)
    );
}

#[test]
fn comparing_an_enum_fact_with_a_number_is_a_type_error() {
    let text = replace_once(&file_text(GX), "when = 'city == \"qingdao\"'", "when = 'city == 3'");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(errors, vec![diag(GX, position_of(&text, "city == 3"), "cannot compare the enum fact `city` with a number")], "{}", show(&errors));
}

#[test]
fn an_enum_value_outside_the_facts_domain_is_located_at_the_value() {
    let text = replace_once(&file_text(GX), "when = 'city == \"qingdao\"'", "when = 'city == \"qingdoa\"'");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(
        errors,
        vec![diag(
            GX,
            position_of(&text, "\"qingdoa\""),
            "\"qingdoa\" is not a value of `city` (did you mean \"qingdao\"?); allowed: \"qingdao\", \"zaozhuang\", \"other\""
        )],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_text_without_english_is_reported() {
    let text = replace_once(&file_text(GX), "issuer = { zh = \"青岛高新区\", en = \"Qingdao Hi-tech Zone\" }", "issuer = { zh = \"青岛高新区\" }");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(
        errors,
        vec![diag(GX, position_of(&text, "{ zh = \"青岛高新区\" }"), "`issuer` has no English translation: add en = \"…\"")],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_text_without_chinese_is_reported() {
    let text = replace_once(&file_text(GX), "issuer = { zh = \"青岛高新区\", en = \"Qingdao Hi-tech Zone\" }", "issuer = { en = \"Qingdao Hi-tech Zone\" }");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(
        errors,
        vec![diag(GX, position_of(&text, "{ en = \"Qingdao Hi-tech Zone\" }"), "`issuer` has no Simplified Chinese translation: add zh = \"…\"")],
        "{}",
        show(&errors)
    );
}

#[test]
fn an_empty_translation_is_reported_at_the_empty_string() {
    let text = replace_once(&file_text(GX), "issuer = { zh = \"青岛高新区\", en = \"Qingdao Hi-tech Zone\" }", "issuer = { zh = \"青岛高新区\", en = \"  \" }");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(errors, vec![diag(GX, position_of(&text, "\"  \""), "`issuer.en` is empty")], "{}", show(&errors));
}

#[test]
fn a_choice_label_without_chinese_in_facts_toml_is_reported() {
    let facts = replace_once(&file_text("facts.toml"), "{ id = \"qingdao\", zh = \"青岛市\", en = \"Qingdao\" }", "{ id = \"qingdao\", en = \"Qingdao\" }");
    let errors = errors_of(&pack_with(&[("facts.toml", &facts)]));
    assert_eq!(
        errors,
        vec![diag("facts.toml", position_of(&facts, "{ id = \"qingdao\", en"), "`value \"qingdao\"` has no Simplified Chinese translation: add zh = \"…\"")],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_fact_question_without_english_is_reported() {
    let from = "question = { zh = \"您的年龄\", en = \"How old are you?\" }";
    let facts = replace_once(&file_text("facts.toml"), from, "question = { zh = \"您的年龄\" }");
    let errors = errors_of(&pack_with(&[("facts.toml", &facts)]));
    assert_eq!(
        errors,
        vec![diag("facts.toml", position_of(&facts, "{ zh = \"您的年龄\" }"), "`question` has no English translation: add en = \"…\"")],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_criterion_without_a_source_is_reported_at_its_table() {
    let source = "source = { document = \"seed-000\", quote = \"组建专业帮办队伍,为企业和群众提供“一站式、无障碍”的全流程帮办服务\" }\n";
    let text = replace_once(&file_text(GX), source, "");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(
        errors,
        vec![diag(
            GX,
            position_of_nth(&text, "[[criterion]]", 0),
            "this criterion has no `source`: every rule cites its document and sentence, as source = { document = \"…\", quote = \"…\" }"
        )],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_source_citing_an_unknown_document_lists_the_known_ones() {
    let text = file_text(GX).replacen("document = \"seed-000\"", "document = \"seed-009\"", 1);
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(
        errors,
        vec![diag(
            GX,
            position_of(&text, "\"seed-009\""),
            "unknown document \"seed-009\"; pack.toml lists \"seed-000\", \"seed-001\", \"seed-002\", \"seed-003\", \"seed-004\""
        )],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_duplicate_policy_id_is_reported_in_the_second_file_and_so_is_its_file_name() {
    let copy = "rules/gx-copy.toml";
    let text = file_text(GX);
    let errors = errors_of(&pack_with(&[(copy, &text)]));
    assert_eq!(
        errors,
        vec![
            diag(copy, (1, 1), "duplicate policy id `gx-assisted-service`: rules/gx-assisted-service.toml has it already"),
            diag(
                copy,
                position_of(&text, "\"gx-assisted-service\""),
                "policy id `gx-assisted-service` does not match the file name: name the file rules/gx-assisted-service.toml"
            ),
        ],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_duplicate_fact_id_is_reported_at_the_second_id() {
    let facts = replace_once(&file_text("facts.toml"), "id = \"retired\"", "id = \"age\"");
    let errors = errors_of(&pack_with(&[("facts.toml", &facts)]));
    let second = position_of_nth(&facts, "\"age\"\n", 1);
    assert_eq!(errors, vec![diag("facts.toml", second, "duplicate fact id `age`")], "{}", show(&errors));
}

#[test]
fn a_criterion_that_can_never_be_true_is_reported_at_its_condition() {
    let text = replace_once(&file_text(GX), "when = 'city == \"qingdao\"'", "when = 'age > 130'");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    let never = diag(
        GX,
        position_of(&text, "'age > 130'"),
        "this criterion can never be true, whatever the answers: check the values and the numbers against facts.toml",
    );
    assert!(errors.contains(&never), "{}", show(&errors));
    assert!(errors.iter().all(|d| d.file == GX), "{}", show(&errors));
}

#[test]
fn a_set_criterion_that_can_never_be_true_is_reported() {
    let ls = "rules/ls-talent-finance.toml";
    let text = replace_once(&file_text(ls), "when = 'talent_titles is_not_empty'", "when = 'talent_titles is_empty and talent_titles has \"academician\"'");
    let errors = errors_of(&pack_with(&[(ls, &text)]));
    assert!(errors.iter().any(|d| d.file == ls && d.message.starts_with("this criterion can never be true")), "{}", show(&errors));
}

#[test]
fn criteria_that_contradict_each_other_are_reported_for_the_policy() {
    let text = replace_once(&file_text(GX), "when = 'district == \"gaoxin\"'", "when = 'city == \"zaozhuang\"'");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(errors, vec![diag(GX, (1, 1), "the criteria contradict each other: no answers can meet them all")], "{}", show(&errors));
}

#[test]
fn age_thresholds_that_contradict_each_other_are_reported() {
    let silver = "rules/qd-silver-volunteer.toml";
    let text = replace_once(&file_text(silver), "when = 'city == \"qingdao\"'", "when = 'age < 60'");
    let errors = errors_of(&pack_with(&[(silver, &text)]));
    assert_eq!(errors, vec![diag(silver, (1, 1), "the criteria contradict each other: no answers can meet them all")], "{}", show(&errors));
}

#[test]
fn a_policy_id_that_does_not_match_its_file_name_is_reported() {
    let text = replace_once(&file_text(GX), "id = \"gx-assisted-service\"", "id = \"gx-assisted\"");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(
        errors,
        vec![diag(GX, position_of(&text, "\"gx-assisted\""), "policy id `gx-assisted` does not match the file name: name the file rules/gx-assisted.toml")],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_bad_criteria_status_names_the_allowed_values() {
    let text = replace_once(&file_text(GX), "criteria_status = \"confirmed\"", "criteria_status = \"sure\"");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(errors, vec![diag(GX, position_of(&text, "\"sure\""), "`criteria_status` is \"sure\"; use \"confirmed\" or \"indicative\"")], "{}", show(&errors));
}

#[test]
fn a_missing_criteria_status_is_reported() {
    let text = replace_once(&file_text(GX), "criteria_status = \"confirmed\"\n", "");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(errors.len(), 1, "{}", show(&errors));
    assert_eq!((errors[0].file.as_str(), errors[0].line, errors[0].col), (GX, 1, 1));
    assert!(errors[0].message.starts_with("missing `criteria_status`"), "{}", show(&errors));
}

#[test]
fn a_bad_date_is_reported_at_the_value() {
    let text = replace_once(&file_text(GX), "criteria_status = \"confirmed\"\n", "criteria_status = \"confirmed\"\nvalid_from = \"2025-13-01\"\n");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(
        errors,
        vec![diag(GX, position_of(&text, "\"2025-13-01\""), "`valid_from` must be a date written YYYY-MM-DD, such as 2025-12-31")],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_date_that_is_not_a_day_of_the_calendar_is_reported() {
    let text = replace_once(&file_text(GX), "criteria_status = \"confirmed\"\n", "criteria_status = \"confirmed\"\nvalid_until = 2025-02-30\n");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(errors.len(), 1, "{}", show(&errors));
    assert_eq!((errors[0].file.as_str(), errors[0].line, errors[0].col), (GX, position_of(&text, "2025-02-30").0, position_of(&text, "2025-02-30").1));
    assert!(errors[0].message.contains("date"), "{}", show(&errors));
}

#[test]
fn a_validity_that_ends_before_it_starts_is_reported() {
    let text = replace_once(
        &file_text(GX),
        "criteria_status = \"confirmed\"\n",
        "criteria_status = \"confirmed\"\nvalid_from = 2025-06-01\nvalid_until = 2025-05-31\n",
    );
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(
        errors,
        vec![diag(GX, position_of(&text, "2025-05-31"), "`valid_until` (2025-05-31) is before `valid_from` (2025-06-01)")],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_toml_syntax_error_is_located() {
    let text = replace_once(&file_text(GX), "criteria_status = \"confirmed\"\n", "criteria_status = \"confirmed\n");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(errors.len(), 1, "{}", show(&errors));
    let line = position_of(&text, "criteria_status").0;
    assert_eq!((errors[0].file.as_str(), errors[0].line), (GX, line), "{}", show(&errors));
    assert!(errors[0].col > "criteria_status = ".len(), "{}", show(&errors));
    assert!(errors[0].message.contains("string"), "{}", show(&errors));
}

#[test]
fn a_misspelt_field_is_an_unknown_field_naming_the_right_one() {
    let text = replace_once(&file_text(GX), "criteria_status", "critera_status");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    let unknown = errors.iter().find(|d| d.message.contains("unknown field `critera_status`")).unwrap_or_else(|| panic!("{}", show(&errors)));
    assert_eq!((unknown.file.as_str(), unknown.line, unknown.col), (GX, position_of(&text, "critera_status").0, 1), "{}", show(&errors));
    assert!(unknown.message.contains("`criteria_status`"), "the message lists the right spelling: {unknown}");
    // Anything else reported follows from the same mistake, in the same file
    // (the loader may also say that `criteria_status` is missing).
    assert!(errors.iter().all(|d| d.file == GX && (d == unknown || d.message.contains("criteria_status"))), "{}", show(&errors));
}

#[test]
fn a_negative_amount_is_reported_at_its_formula() {
    let sn = "rules/sn-talent-team-support.toml";
    let text = replace_once(&file_text(sn), "formula = '50000000'", "formula = '50000000 - age * 1000000'");
    let errors = errors_of(&pack_with(&[(sn, &text)]));
    assert_eq!(
        errors,
        vec![diag(sn, position_of(&text, "'50000000 - age"), "the amount can be negative (as low as -80000000 yuan)")],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_pack_without_facts_toml_says_so() {
    let files = PackFiles::from_pairs(default_files().under("rules").map(|(p, t)| (p.to_string(), t.to_string())).chain([("pack.toml".to_string(), file_text("pack.toml"))]));
    let errors = errors_of(&files);
    assert!(errors.contains(&diag("facts.toml", (1, 1), "the pack has no facts.toml (its facts and questions)")), "{}", show(&errors));
}

// Expressions are parsed from the TOML string's *value*, and positions inside
// it are mapped back to the file by adding the opening quote's width. That is
// only right when the value is the raw text: escapes (\") and the newline TOML
// drops after ''' shift every later position.

#[test]
fn an_error_in_an_escaped_basic_string_points_at_the_value() {
    let text = replace_once(
        &file_text(GX),
        "when = 'district == \"gaoxin\"'",
        "when = \"city == \\\"qingdao\\\" and district == \\\"gaoxn\\\"\"",
    );
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(errors.len(), 1, "{}", show(&errors));
    // The error names the value "gaoxn"; it should point at its opening (escaped) quote.
    let (line, col) = position_of(&text, "\\\"gaoxn");
    assert_eq!((errors[0].line, errors[0].col), (line, col), "{}", show(&errors));
}

#[test]
fn an_error_in_a_multi_line_string_is_on_the_right_line() {
    let text = replace_once(&file_text(GX), "when = 'district == \"gaoxin\"'", "when = '''\ndistrct == \"gaoxin\"'''");
    let errors = errors_of(&pack_with(&[(GX, &text)]));
    assert_eq!(errors, vec![diag(GX, position_of(&text, "distrct"), "unknown fact `distrct` (did you mean `district`?)")], "{}", show(&errors));
}

// ---------------------------------------------------------------- many mistakes at once

#[test]
fn many_mistakes_in_several_files_are_all_reported_sorted_by_file_then_line() {
    let pack_toml = replace_once(&file_text("pack.toml"), "rules_as_of = 2026-11-01", "rules_as_of = \"soon\"");
    let facts = replace_once(&file_text("facts.toml"), "id = \"retired\"", "id = \"age\"");
    let gx = replace_once(&file_text(GX), "when = 'city == \"qingdao\"'", "when = 'cty == \"qingdao\"'");
    let gx = replace_once(&gx, "criteria_status = \"confirmed\"", "criteria_status = \"sure\"");
    let gx = replace_once(&gx, "when = 'district == \"gaoxin\"'", "when = 'district == \"gaoxn\"'");
    let card = replace_once(&file_text(ZZ_CARD), "when = 'city == \"zaozhuang\"'", "when = 'city == 3'");
    let card = replace_once(&card, "issuer = { zh = \"枣庄市\", en = \"Zaozhuang Municipality\" }", "issuer = { zh = \"枣庄市\" }");
    let errors = errors_of(&pack_with(&[("pack.toml", &pack_toml), ("facts.toml", &facts), (GX, &gx), (ZZ_CARD, &card)]));
    let expected = vec![
        diag("facts.toml", position_of_nth(&facts, "\"age\"\n", 1), "duplicate fact id `age`"),
        diag("pack.toml", position_of(&pack_toml, "\"soon\""), "`rules_as_of` must be a date written YYYY-MM-DD, such as 2025-12-31"),
        diag(GX, position_of(&gx, "\"sure\""), "`criteria_status` is \"sure\"; use \"confirmed\" or \"indicative\""),
        diag(GX, position_of(&gx, "cty =="), "unknown fact `cty` (did you mean `city`?)"),
        diag(
            GX,
            position_of(&gx, "\"gaoxn\""),
            "\"gaoxn\" is not a value of `district` (did you mean \"gaoxin\"?); allowed: \"shinan\", \"laoshan\", \"gaoxin\", \"pingdu\", \"licang\", \"other\"",
        ),
        diag(ZZ_CARD, position_of(&card, "{ zh = \"枣庄市\" }"), "`issuer` has no English translation: add en = \"…\""),
        diag(ZZ_CARD, position_of(&card, "city == 3"), "cannot compare the enum fact `city` with a number"),
    ];
    assert_eq!(errors, expected, "{}", show(&errors));
    // Sorted by file, then line, then column.
    let keys: Vec<_> = errors.iter().map(|d| (d.file.clone(), d.line, d.col)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

// ---------------------------------------------------------------- never a panic

/// Loads `files`, failing the test (rather than unwinding through it) with
/// `what` if the loader panics; checks that any diagnostics are well formed.
fn load_without_panic(files: &PackFiles, what: &dyn Fn() -> String) {
    let result = catch_unwind(AssertUnwindSafe(|| load(files)));
    match result {
        Err(_) => panic!("the loader panicked on {}", what()),
        Ok(Ok(_)) => {}
        Ok(Err(diagnostics)) => {
            assert!(!diagnostics.is_empty(), "an empty error list for {}", what());
            for d in &diagnostics {
                assert!(d.line >= 1 && d.col >= 1 && !d.message.is_empty(), "malformed diagnostic {d} for {}", what());
            }
        }
    }
}

/// Every prefix of `path`'s text at a stride of 7 bytes (moved back to a char
/// boundary), loaded in place of the file into `files`.
fn truncations_of(path: &str, mut files: PackFiles) {
    let full = file_text(path);
    let mut len = 0;
    loop {
        let mut cut = len.min(full.len());
        while !full.is_char_boundary(cut) {
            cut -= 1;
        }
        files.insert(path, &full[..cut]);
        load_without_panic(&files, &|| format!("{path} cut at byte {cut}"));
        if cut == full.len() {
            break;
        }
        len += 7;
    }
}

#[test]
fn truncated_manifest_never_panics() {
    truncations_of("pack.toml", default_files());
}

#[test]
fn truncated_facts_never_panic() {
    // Three rules that between them read enum, int, set and bool facts, a
    // gated fact, and amounts: enough for a broken facts.toml to reach the
    // expression checker, and far quicker than all eighteen.
    let rules = ["rules/qd-apprenticeship-subsidy.toml", "rules/qd-innovation-award.toml", "rules/ls-talent-housing.toml"];
    let files = PackFiles::from_pairs(["pack.toml", "facts.toml"].into_iter().chain(rules).map(|f| (f.to_string(), file_text(f))));
    assert!(load(&files).is_ok());
    truncations_of("facts.toml", files);
}

fn rule_paths() -> Vec<String> {
    default_files().under("rules").map(|(p, _)| p.to_string()).collect()
}

/// Truncates each rule file in a pack of the manifest, the facts and that
/// rule alone: the other rules cannot be affected, and loading stays quick.
fn truncated_rules_never_panic(paths: &[String]) {
    for p in paths {
        let alone = PackFiles::from_pairs(["pack.toml", "facts.toml", p.as_str()].map(|f| (f.to_string(), file_text(f))));
        assert!(load(&alone).is_ok(), "{p} does not load on its own");
        truncations_of(p, alone);
    }
}

#[test]
fn truncated_rule_files_never_panic_first_half() {
    let paths = rule_paths();
    truncated_rules_never_panic(&paths[..paths.len() / 2]);
}

#[test]
fn truncated_rule_files_never_panic_second_half() {
    let paths = rule_paths();
    truncated_rules_never_panic(&paths[paths.len() / 2..]);
}

/// Pieces that make TOML and expressions interesting to break.
const FRAGMENTS: &[&str] = &[
    "[[criterion]]", "[amount]", "[[fact]]", "[[document]]", "when = '", "'", "\"", "'''", "\"\"\"", "=", "\n", " ", "{", "}", "[", "]", ",", "#",
    "zh = ", "en = ", "id = ", "type = \"int\"", "type = \"enum\"", "min = ", "max = ", "values = [", "source = { document = \"seed-000\", quote = \"x\" }",
    "city", "age", "district", "talent_titles", "==", "!=", ">=", "<", "and", "or", "not", "in", "has", "has_any", "is_empty", "if", "then", "else",
    "min(", "max(", "(", ")", "-", "*", "+", "9223372036854775807", "-9223372036854775808", "99999999999999999999", "0", "130", "2025-02-29",
    "“", "”", "青岛", "\\u00e9", "\\\"", "\t", "\r\n", "é", "\u{0}",
];

fn garbage() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn garbage_in_any_file_never_panics(which in 0usize..20, text in garbage()) {
        let mut files = default_files();
        let paths: Vec<String> = ["pack.toml".to_string(), "facts.toml".to_string()].into_iter().chain(rule_paths()).collect();
        let path = paths[which % paths.len()].clone();
        files.insert(&path, &text);
        load_without_panic(&files, &|| format!("{path} = {text:?}"));
    }

    #[test]
    fn splicing_garbage_into_a_real_file_never_panics(which in 0usize..20, at in 0.0f64..1.0, cut in 0usize..40, text in garbage()) {
        let paths: Vec<String> = ["pack.toml".to_string(), "facts.toml".to_string()].into_iter().chain(rule_paths()).collect();
        let path = paths[which % paths.len()].clone();
        let full = file_text(&path);
        let mut start = ((full.len() as f64) * at) as usize;
        while !full.is_char_boundary(start) { start -= 1; }
        let mut end = (start + cut).min(full.len());
        while !full.is_char_boundary(end) { end -= 1; }
        let spliced = format!("{}{}{}", &full[..start], text, &full[end..]);
        let mut files = default_files();
        files.insert(&path, &spliced);
        load_without_panic(&files, &|| format!("{path} = {spliced:?}"));
    }

    #[test]
    fn garbage_bundles_never_panic(text in garbage()) {
        let json = format!("{{\"files\": {{\"pack.toml\": {:?}}}}}", text);
        let _ = PackFiles::from_bundle_json(&text);
        if let Ok(files) = PackFiles::from_bundle_json(&json) {
            load_without_panic(&files, &|| json.clone());
        }
    }
}
