//! Validation of policy packs: the default pack is complete and bilingual,
//! its quotes are verbatim in the seed articles, and every kind of mistake in
//! a pack is reported at its file, line and column (and never as a panic:
//! see pack_never_panics.rs).
//!
//! The mistakes are made in a small fixture pack (`tests/fixtures/mini`), one
//! row of a table each, so that editing the default pack's wording never
//! breaks these tests.

mod common;

use common::{diag, lines, mini_files, position_of, position_of_nth, replace_once, seed_texts, seeds_dir, show};
use policy_explainer::default_pack;
use policy_explainer::engine::{FactKind, Lang, Pack, Text};
use policy_explainer::pack::{load, load_checking_quotes, PackFiles};

// ---------------------------------------------------------------- helpers

fn default_files() -> PackFiles {
    default_pack::files()
}

fn mini_text(path: &str) -> String {
    mini_files().get(path).unwrap_or_else(|| panic!("the fixture pack has no {path}")).to_string()
}

/// The diagnostics of a pack that must not load, as `policy check` prints them.
fn errors_of(files: &PackFiles) -> Vec<String> {
    match load(files) {
        Ok(_) => panic!("the broken pack loaded without an error"),
        Err(d) => lines(&d),
    }
}

fn load_default() -> Pack {
    load(&default_files()).unwrap_or_else(|d| panic!("the default pack does not load:\n{}", show(&d)))
}

// ---------------------------------------------------------------- the default pack

/// The 18 policies of shared/policy-catalogue.md. Policy staff may add more;
/// these must stay.
const CATALOGUE: [&str; 18] = [
    "qd-apprenticeship-subsidy",
    "qd-innovation-award",
    "qd-silver-volunteer",
    "qd-silver-lecturer",
    "qd-purple-collar-training",
    "sn-high-level-talent-support",
    "sn-talent-team-support",
    "ls-talent-housing",
    "ls-talent-services",
    "ls-talent-finance",
    "ls-craftsman-recognition",
    "gx-assisted-service",
    "pd-worker-legal-aid",
    "sd-huicai-card",
    "zz-huicai-card",
    "zz-specialized-title-review",
    "zz-lithium-title-review",
    "zz-new-business-training",
];

#[test]
fn default_pack_has_every_catalogue_policy_with_scope_and_located_criteria() {
    let pack = load_default();
    for id in CATALOGUE {
        assert!(pack.policy(id).is_some(), "the catalogue's {id} is missing from the pack");
    }
    assert_eq!(pack.languages, vec![Lang::Zh, Lang::En]);
    for p in &pack.policies {
        assert!(!p.scope.facts.is_empty(), "{} has a scope that reads no fact", p.id);
        for c in &p.criteria {
            assert!(!c.rule.facts.is_empty(), "{}: criterion {:?} reads no fact", p.id, c.rule.label.en);
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
    if let Some(c) = &pack.coverage {
        check("coverage note".into(), &c.note);
    }
    check("pack region".into(), &pack.region);
    for d in &pack.documents {
        check(format!("document {} title", d.id), &d.title);
    }
    for p in &pack.policies {
        check(format!("{} name", p.id), &p.name);
        check(format!("{} issuer", p.id), &p.issuer);
        check(format!("{} benefit", p.id), &p.benefit);
        check(format!("{} apply", p.id), &p.apply);
        check(format!("{} scope place", p.id), &p.scope.place_label);
        check(format!("{} scope applicant", p.id), &p.scope.applicant_label);
        if let Some(d) = &p.decided_by {
            check(format!("{} decided_by", p.id), d);
        }
        for (i, c) in p.criteria.iter().enumerate() {
            check(format!("{} criterion {i} label", p.id), &c.rule.label);
            if let Some(r) = &c.reading {
                check(format!("{} criterion {i} reading", p.id), r);
            }
            assert!(!c.rule.source.quote.trim().is_empty(), "{} criterion {i} has an empty quote", p.id);
        }
        if let Some(a) = &p.amount {
            check(format!("{} amount label", p.id), &a.rule.label);
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
        for (i, w) in f.wordings.iter().enumerate() {
            check(format!("fact {} wording {i}", f.id), &w.question);
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
    assert_eq!(texts.len(), 5, "expected the five seed articles in {}", seeds_dir().display());
    let pack = load_checking_quotes(&default_files(), &texts).unwrap_or_else(|d| panic!("quotes not found:\n{}", show(&d)));
    // The checker really compared: each quote is in its document's text.
    for p in &pack.policies {
        for c in &p.criteria {
            let doc = &pack.documents[c.rule.source.document];
            assert!(texts[&doc.file].contains(&c.rule.source.quote), "{}: {:?} not in {}", p.id, c.rule.source.quote, doc.file);
        }
    }
}

#[test]
fn a_tampered_quote_is_reported_at_its_file_and_line() {
    // A full-width digit where the article has an ASCII one.
    let card = "rules/card.toml";
    let text = replace_once(&mini_text(card), "最高可给予300万元", "最高可给予３00万元");
    let mut files = mini_files();
    files.insert(card, &text);
    let errors = lines(&load_checking_quotes(&files, &seed_texts()).unwrap_err());
    let at = position_of(&text, "\"对高层次人才最高可给予３00万元");
    assert_eq!(
        errors,
        vec![diag(card, at, "the quote is not in seed-002 (002_a1ea1cf5b3ad8aff.txt): copy the sentence verbatim, with its punctuation")],
        "{}",
        show(&errors)
    );
    // Without the documents, the same pack is valid: only the quote check catches it.
    assert!(load(&files).is_ok());
    assert!(load_checking_quotes(&mini_files(), &seed_texts()).is_ok(), "the untouched fixture's quotes are verbatim");
}

#[test]
fn a_missing_seed_article_is_reported_for_every_quote_citing_it() {
    let mut texts = seed_texts();
    texts.remove("000_eba07afb2bb4cb30.txt");
    let errors = load_checking_quotes(&default_files(), &texts).unwrap_err();
    let citing_seed_000: usize = default_files().under("rules").map(|(_, t)| t.matches("document = \"seed-000\"").count()).sum();
    assert!(citing_seed_000 > 0);
    assert_eq!(errors.len(), citing_seed_000, "{}", show(&errors));
    for e in &errors {
        assert_eq!(e.message(), "cannot check the quote: the document file 000_eba07afb2bb4cb30.txt was not found");
    }
}

// ---------------------------------------------------------------- one mistake at a time

/// Where a diagnostic must point, in the edited file.
#[derive(Clone, Copy)]
enum At {
    /// The only occurrence of this text.
    Text(&'static str),
    /// The `n`th (0-based) occurrence of this text.
    Nth(&'static str, usize),
    /// The start of the file (a policy-wide problem).
    Top,
}

/// One mistake: edits to one file of the fixture pack, and every diagnostic
/// that must result (a message ending in "…" is matched as a prefix).
struct Mistake {
    name: &'static str,
    file: &'static str,
    edits: &'static [(&'static str, &'static str)],
    expect: &'static [(At, &'static str)],
}

const GRANT: &str = "rules/grant.toml";
const CARD: &str = "rules/card.toml";
const SERVICE: &str = "rules/service.toml";
const FACTS: &str = "facts.toml";
const MANIFEST: &str = "pack.toml";

const MISTAKES: &[Mistake] = &[
    Mistake {
        name: "an unknown fact is located, with a suggestion",
        file: GRANT,
        edits: &[("when = 'age >= 60'", "when = 'agee >= 60'")],
        expect: &[(At::Text("agee"), "unknown fact `agee` (did you mean `age`?)")],
    },
    Mistake {
        name: "an unknown fact without a near match says where facts are defined",
        file: GRANT,
        edits: &[("when = 'age >= 60'", "when = 'salary >= 10000'")],
        expect: &[(At::Text("salary"), "unknown fact `salary`; facts are defined in facts.toml, and values need double quotes")],
    },
    Mistake {
        name: "comparing an enum fact with a number is a type error",
        file: GRANT,
        edits: &[("place = 'city == \"qingdao\"'", "place = 'city == 3'")],
        expect: &[(At::Text("city == 3"), "cannot compare the enum fact `city` with a number")],
    },
    Mistake {
        name: "a value outside the fact's domain is located at the value",
        file: GRANT,
        edits: &[("place = 'city == \"qingdao\"'", "place = 'city == \"qingdoa\"'")],
        expect: &[(At::Text("\"qingdoa\""), "\"qingdoa\" is not a value of `city` (did you mean \"qingdao\"?); allowed: \"qingdao\", \"zaozhuang\", \"other\"")],
    },
    Mistake {
        name: "a text without English",
        file: GRANT,
        edits: &[("issuer = { zh = \"青岛市\", en = \"Qingdao\" }", "issuer = { zh = \"青岛市\" }")],
        expect: &[(At::Text("{ zh = \"青岛市\" }"), "`issuer` has no English translation: add en = \"…\"")],
    },
    Mistake {
        name: "a text without Chinese",
        file: GRANT,
        edits: &[("issuer = { zh = \"青岛市\", en = \"Qingdao\" }", "issuer = { en = \"Qingdao\" }")],
        expect: &[(At::Text("{ en = \"Qingdao\" }"), "`issuer` has no Simplified Chinese translation: add zh = \"…\"")],
    },
    Mistake {
        name: "an empty translation is located at the empty string",
        file: GRANT,
        edits: &[("issuer = { zh = \"青岛市\", en = \"Qingdao\" }", "issuer = { zh = \"青岛市\", en = \"  \" }")],
        expect: &[(At::Text("\"  \""), "`issuer.en` is empty")],
    },
    Mistake {
        name: "a choice label without Chinese",
        file: FACTS,
        edits: &[("{ id = \"qingdao\", zh = \"青岛市\", en = \"Qingdao\" }", "{ id = \"qingdao\", en = \"Qingdao\" }")],
        expect: &[(At::Text("{ id = \"qingdao\", en"), "`value \"qingdao\"` has no Simplified Chinese translation: add zh = \"…\"")],
    },
    Mistake {
        name: "a question without English",
        file: FACTS,
        edits: &[("question = { zh = \"您的年龄是多少？\", en = \"How old are you?\" }", "question = { zh = \"您的年龄是多少？\" }")],
        expect: &[(At::Text("{ zh = \"您的年龄是多少？\" }"), "`question` has no English translation: add en = \"…\"")],
    },
    Mistake {
        name: "a criterion without a source is located at its table",
        file: GRANT,
        edits: &[("label = { zh = \"年满60周岁\", en = \"Aged 60 or over\" }\nsource = { document = \"seed-000\", quote = \"组建专业帮办队伍\" }", "label = { zh = \"年满60周岁\", en = \"Aged 60 or over\" }")],
        expect: &[(At::Text("[[criterion]]"), "this criterion has no `source`: every rule cites its document and sentence, as source = { document = \"…\", quote = \"…\" }")],
    },
    Mistake {
        name: "a source citing an unknown document lists the known ones",
        file: CARD,
        edits: &[("document = \"seed-002\"", "document = \"seed-009\"")],
        expect: &[(At::Text("\"seed-009\""), "unknown document \"seed-009\"; pack.toml lists \"seed-000\", \"seed-002\"")],
    },
    Mistake {
        name: "a duplicate fact id is located at the second id",
        file: FACTS,
        edits: &[("id = \"retired\"", "id = \"age\"")],
        expect: &[(At::Nth("\"age\"\n", 1), "duplicate fact id `age`")],
    },
    Mistake {
        name: "a criterion that can never be true is located at its condition",
        file: GRANT,
        edits: &[("when = 'age >= 60'", "when = 'age > 130'")],
        expect: &[(At::Text("'age > 130'"), "this criterion can never be true, whatever the answers: check the values and the numbers against facts.toml")],
    },
    Mistake {
        name: "a set criterion that can never be true",
        file: CARD,
        edits: &[("when = 'talent_titles has_any [\"academician\", \"national_high_level\"]'", "when = 'talent_titles is_empty and talent_titles has \"academician\"'")],
        expect: &[(At::Text("'talent_titles is_empty"), "this criterion can never be true, whatever the answers: check the values and the numbers against facts.toml")],
    },
    Mistake {
        name: "criteria that contradict the scope are reported for the policy",
        file: GRANT,
        edits: &[("when = 'age >= 60'", "when = 'city == \"zaozhuang\"'")],
        expect: &[(At::Top, "the scope and criteria contradict each other: no answers can meet them all")],
    },
    Mistake {
        name: "a policy id that does not match its file name",
        file: GRANT,
        edits: &[("id = \"grant\"", "id = \"grants\"")],
        expect: &[(At::Text("\"grants\""), "policy id `grants` does not match the file name: name the file rules/grants.toml")],
    },
    Mistake {
        name: "a policy without a decision is refused, naming the four kinds",
        file: GRANT,
        edits: &[("decision = \"entitlement\"\n", "")],
        expect: &[(At::Top, "missing `decision`: how the benefit is granted: \"entitlement\" (on published conditions), \"review\" (an office examines each application), \"selection\" (chosen among candidates) or \"service\" (open to everyone it is for)")],
    },
    Mistake {
        name: "an unknown decision names the allowed ones",
        file: GRANT,
        edits: &[("decision = \"entitlement\"", "decision = \"automatic\"")],
        expect: &[(At::Text("\"automatic\""), "`decision` is \"automatic\"; use \"entitlement\", \"review\", \"selection\" or \"service\"")],
    },
    Mistake {
        name: "an inferred criterion must say why we read the article so",
        file: CARD,
        edits: &[("reading = { zh = \"文章未列出条件。\", en = \"The article lists no conditions.\" }\n", "")],
        expect: &[(At::Text("[[criterion]]"), "an inferred criterion needs `reading`: why we read the article this way, in words a citizen reads")],
    },
    Mistake {
        name: "an example criterion must say what the article does say",
        file: CARD,
        edits: &[("basis = \"inferred\"", "basis = \"example\""), ("reading = { zh = \"文章未列出条件。\", en = \"The article lists no conditions.\" }\n", "")],
        expect: &[(
            At::Text("[[criterion]]"),
            "an example criterion needs `reading`: what the article does say (its examples and figures, such as how many people it has served), shown when the applicant is not among them",
        )],
    },
    Mistake {
        name: "a document must say the year it reports",
        file: MANIFEST,
        edits: &[("reported = 2019\n", "")],
        expect: &[(At::Text("[[document]]\nid = \"seed-002\""), "document `seed-002` has no `reported`: the year of the latest events it reports, e.g. reported = 2025")],
    },
    Mistake {
        name: "a reported year that is not a year",
        file: MANIFEST,
        edits: &[("reported = 2019", "reported = 19")],
        expect: &[(At::Text("19\n"), "`reported` is 19: write the year the article reports on, e.g. 2025")],
    },
    Mistake {
        name: "a policy must cite a document somewhere",
        file: SERVICE,
        edits: &[("source = { document = \"seed-000\", quote = \"组建专业帮办队伍\" }\n", "")],
        expect: &[(At::Top, "the policy cites no document: add source = { document = \"…\", quote = \"…\" }, the sentence its benefit comes from")],
    },
    Mistake {
        name: "a policy without a scope is refused",
        file: SERVICE,
        edits: &[("[scope]\napplicant = [\"individual\", \"enterprise\"]\nplace = 'city == \"qingdao\"'\nplace_label = { zh = \"青岛市\", en = \"Qingdao\" }\n", "")],
        expect: &[(At::Top, "missing `[scope]`: who the policy is for, e.g. [scope] applicant = \"individual\", place = 'city == \"qingdao\"', place_label = { zh = \"青岛市\", en = \"Qingdao\" }")],
    },
    Mistake {
        name: "a scope without a place",
        file: SERVICE,
        edits: &[("place = 'city == \"qingdao\"'\n", "")],
        expect: &[(At::Text("[scope]"), "the scope has no `place`: the condition on where the applicant is, e.g. place = 'city == \"qingdao\"'")],
    },
    Mistake {
        name: "a scope naming an unknown kind of applicant lists the kinds",
        file: SERVICE,
        edits: &[("applicant = [\"individual\", \"enterprise\"]", "applicant = [\"individual\", \"company\"]")],
        expect: &[(At::Text("\"company\""), "\"company\" is not a kind of applicant; `applicant` allows \"individual\", \"enterprise\"")],
    },
    Mistake {
        name: "a scope whose place can never be true",
        file: SERVICE,
        edits: &[("place = 'city == \"qingdao\"'", "place = 'city == \"qingdao\" and city == \"zaozhuang\"'")],
        expect: &[(At::Text("'city == \"qingdao\" and"), "the scope's `place` can never be true, whatever the answers: check the values against facts.toml")],
    },
    Mistake {
        name: "a top-level key written below [scope] is explained, not just refused",
        file: SERVICE,
        edits: &[("decision = \"service\"\n", ""), ("place_label = { zh = \"青岛市\", en = \"Qingdao\" }\n", "place_label = { zh = \"青岛市\", en = \"Qingdao\" }\ndecision = \"service\"\n")],
        expect: &[
            (At::Top, "missing `decision`: …"),
            (At::Text("decision = "), "`decision` is inside [scope]: in TOML every line after a [scope] header belongs to that table; move `decision` above [scope]"),
        ],
    },
    Mistake {
        name: "a criterion without a basis is refused",
        file: GRANT,
        edits: &[("basis = \"stated\"\n", "")],
        expect: &[(
            At::Text("[[criterion]]"),
            "the criterion has no `basis`: \"stated\" when the article states this condition, \"inferred\" when it is our reading of whom the article means, \"example\" when the article publishes no condition and this is the kind of person it shows benefiting",
        )],
    },
    Mistake {
        name: "an unknown basis names the allowed ones",
        file: CARD,
        edits: &[("basis = \"inferred\"", "basis = \"assumed\"")],
        expect: &[(At::Text("\"assumed\""), "`basis` is \"assumed\"; use \"stated\", \"inferred\" or \"example\"")],
    },
    Mistake {
        name: "a bad date is located at the value",
        file: GRANT,
        edits: &[("decision = \"entitlement\"\n", "decision = \"entitlement\"\nvalid_from = \"2025-13-01\"\n")],
        expect: &[(At::Text("\"2025-13-01\""), "`valid_from` must be a date written YYYY-MM-DD, such as 2025-12-31")],
    },
    Mistake {
        name: "a date that is not a day of the calendar",
        file: GRANT,
        edits: &[("decision = \"entitlement\"\n", "decision = \"entitlement\"\nvalid_until = 2025-02-30\n")],
        expect: &[(At::Text("2025-02-30"), "…")],
    },
    Mistake {
        name: "a validity that ends before it starts",
        file: GRANT,
        edits: &[("decision = \"entitlement\"\n", "decision = \"entitlement\"\nvalid_from = 2025-06-01\nvalid_until = 2025-05-31\n")],
        expect: &[(At::Text("2025-05-31"), "`valid_until` (2025-05-31) is before `valid_from` (2025-06-01)")],
    },
    Mistake {
        name: "a TOML syntax error is located",
        file: GRANT,
        edits: &[("decision = \"entitlement\"\n", "decision = \"entitlement\n")],
        expect: &[(At::Text("\n\n[scope]"), "TOML syntax: invalid basic string, expected `\"`")],
    },
    Mistake {
        name: "a misspelt field names the right one",
        file: GRANT,
        edits: &[("decision = \"entitlement\"", "decison = \"entitlement\"")],
        expect: &[
            (At::Top, "missing `decision`: …"),
            (At::Text("decison"), "unknown field `decison`, expected one of `id`, `name`, `issuer`, `jurisdiction`, `benefit`, `summary`, `keywords`, `source`, `local`, `apply`, `scope`, `decision`, `decided_by`, `valid_from`, `valid_until`, `amount`, `criterion`; check the spelling against policies/README.md"),
        ],
    },
    Mistake {
        name: "an amount that can be negative is located at its formula",
        file: GRANT,
        edits: &[("formula = '1000 * age'", "formula = '1000 - age * 1000'")],
        expect: &[(At::Text("'1000 - age"), "the amount can be negative (as low as -129000 yuan)")],
    },
    Mistake {
        name: "a coverage without a condition",
        file: MANIFEST,
        edits: &[("when = 'city in [\"qingdao\", \"zaozhuang\"]'\n", "")],
        expect: &[(At::Text("[coverage]"), "`[coverage]` has no `when`: where the pack's guidance reaches, e.g. when = 'city in [\"qingdao\", \"zaozhuang\"]'")],
    },
    Mistake {
        name: "a wording of a question without a condition",
        file: FACTS,
        edits: &[("when = 'applicant == \"enterprise\"'\n", "")],
        expect: &[(At::Text("[[fact.wording]]"), "the wording has no `when`: the answers it is for, e.g. when = 'applicant == \"enterprise\"'")],
    },
    // Expressions are parsed from the TOML string's *value*, and positions
    // inside it are mapped back to the file: escapes (\") and the newline
    // TOML drops after ''' shift every later position.
    Mistake {
        name: "an error in an escaped basic string points at the value",
        file: CARD,
        edits: &[("place = 'city == \"qingdao\" and district == \"shinan\"'", "place = \"city == \\\"qingdao\\\" and district == \\\"shinnan\\\"\"")],
        expect: &[(At::Text("\\\"shinnan"), "\"shinnan\" is not a value of `district` (did you mean \"shinan\"?); allowed: \"shinan\", \"gaoxin\", \"other\"")],
    },
    Mistake {
        name: "an error in a multi-line string is on the right line",
        file: CARD,
        edits: &[("place = 'city == \"qingdao\" and district == \"shinan\"'", "place = '''\ncity == \"qingdao\" and distrct == \"shinan\"'''")],
        expect: &[(At::Text("distrct"), "unknown fact `distrct` (did you mean `district`?)")],
    },
];

#[test]
fn every_kind_of_mistake_is_reported_at_its_file_line_and_column() {
    let mut wrong = Vec::new();
    for m in MISTAKES {
        let mut text = mini_text(m.file);
        for (from, to) in m.edits {
            text = replace_once(&text, from, to);
        }
        let mut files = mini_files();
        files.insert(m.file, &text);
        let got = match load(&files) {
            Ok(_) => {
                wrong.push(format!("{}: the broken pack loaded", m.name));
                continue;
            }
            Err(d) => d,
        };
        let expected: Vec<(String, bool)> = m
            .expect
            .iter()
            .map(|(at, message)| {
                let pos = match at {
                    At::Text(t) => position_of(&text, t),
                    At::Nth(t, n) => position_of_nth(&text, t, *n),
                    At::Top => (1, 1),
                };
                let prefix = message.strip_suffix('…');
                (diag(m.file, pos, prefix.unwrap_or(message)), prefix.is_some())
            })
            .collect();
        let matches =
            got.len() == expected.len() && lines(&got).iter().zip(&expected).all(|(g, (e, prefix))| if *prefix { g.starts_with(e.as_str()) } else { g == e });
        if !matches {
            let want: Vec<String> = expected.into_iter().map(|(d, _)| d).collect();
            wrong.push(format!("{}:\n expected\n{} got\n{}", m.name, show(&want), show(&got)));
        }
    }
    assert!(wrong.is_empty(), "{} of {} mistakes reported wrongly:\n{}", wrong.len(), MISTAKES.len(), wrong.join("\n"));
}

#[test]
fn a_diagnostic_prints_as_file_line_col_message() {
    let text = replace_once(&mini_text(GRANT), "when = 'age >= 60'", "when = 'agee >= 60'");
    let mut files = mini_files();
    files.insert(GRANT, &text);
    let errors = errors_of(&files);
    let (line, col) = position_of(&text, "agee");
    assert_eq!(errors[0].to_string(), format!("{GRANT}:{line}:{col}: unknown fact `agee` (did you mean `age`?)"));
}

#[test]
fn a_duplicate_policy_id_is_reported_in_the_second_file_and_so_is_its_file_name() {
    let copy = "rules/zgrant.toml";
    let text = mini_text(GRANT);
    let mut files = mini_files();
    files.insert(copy, &text);
    let errors = errors_of(&files);
    assert_eq!(
        errors,
        vec![
            diag(copy, (1, 1), "duplicate policy id `grant`: rules/grant.toml has it already"),
            diag(copy, position_of(&text, "\"grant\""), "policy id `grant` does not match the file name: name the file rules/grant.toml"),
        ],
        "{}",
        show(&errors)
    );
}

/// `policy docs` writes a policy's page as `<id>.html` beside the library's
/// `index.html`: a policy named `index` would replace it.
#[test]
fn a_policy_named_like_the_library_s_own_page_is_refused_at_its_id() {
    let text = replace_once(&mini_text(GRANT), "id = \"grant\"", "id = \"index\"");
    let mut files = mini_files();
    files.remove(GRANT);
    files.insert("rules/index.toml", &text);
    let errors = errors_of(&files);
    assert_eq!(
        errors,
        vec![diag(
            "rules/index.toml",
            position_of(&text, "\"index\""),
            "policy id `index` is the name of the policy library's own page (index.html): choose another id, and name the file after it"
        )],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_policy_id_longer_than_a_plain_name_is_refused_at_its_id() {
    let id = "a".repeat(65);
    let text = replace_once(&mini_text(GRANT), "id = \"grant\"", &format!("id = \"{id}\""));
    let mut files = mini_files();
    files.remove(GRANT);
    files.insert(&format!("rules/{id}.toml"), &text);
    let errors = errors_of(&files);
    assert_eq!(
        errors,
        vec![diag(
            &format!("rules/{id}.toml"),
            position_of(&text, &format!("\"{id}\"")),
            &format!("policy id `{id}` is 65 characters long: keep it to 64, like qd-apprenticeship-subsidy")
        )],
        "{}",
        show(&errors)
    );
}

#[test]
fn a_pack_without_facts_toml_says_so() {
    let mini = mini_files();
    let files =
        PackFiles::from_pairs(mini.under("rules").map(|(p, t)| (p.to_string(), t.to_string())).chain([("pack.toml".to_string(), mini_text("pack.toml"))]));
    let errors = errors_of(&files);
    assert!(errors.contains(&diag("facts.toml", (1, 1), "the pack has no facts.toml (its facts and questions)")), "{}", show(&errors));
}

// ---------------------------------------------------------------- many mistakes at once

#[test]
fn many_mistakes_in_several_files_are_all_reported_sorted_by_file_then_line() {
    let pack_toml = replace_once(&mini_text(MANIFEST), "rules_as_of = 2026-11-01", "rules_as_of = \"soon\"");
    let facts = replace_once(&mini_text(FACTS), "id = \"retired\"", "id = \"age\"");
    let grant = replace_once(&mini_text(GRANT), "when = 'age >= 60'", "when = 'agee >= 60'");
    let grant = replace_once(&grant, "decision = \"entitlement\"", "decision = \"sure\"");
    let card = replace_once(&mini_text(CARD), "district == \"shinan\"'", "district == \"shinnan\"'");
    let card = replace_once(&card, "issuer = { zh = \"市南区\", en = \"Shinan District\" }", "issuer = { zh = \"市南区\" }");
    let mut files = mini_files();
    for (path, text) in [(MANIFEST, &pack_toml), (FACTS, &facts), (GRANT, &grant), (CARD, &card)] {
        files.insert(path, text);
    }
    let errors = errors_of(&files);
    let expected = vec![
        diag("facts.toml", position_of_nth(&facts, "\"age\"\n", 1), "duplicate fact id `age`"),
        diag("pack.toml", position_of(&pack_toml, "\"soon\""), "`rules_as_of` must be a date written YYYY-MM-DD, such as 2025-12-31"),
        diag(CARD, position_of(&card, "{ zh = \"市南区\" }"), "`issuer` has no English translation: add en = \"…\""),
        diag(
            CARD,
            position_of(&card, "\"shinnan\""),
            "\"shinnan\" is not a value of `district` (did you mean \"shinan\"?); allowed: \"shinan\", \"gaoxin\", \"other\"",
        ),
        diag(GRANT, position_of(&grant, "\"sure\""), "`decision` is \"sure\"; use \"entitlement\", \"review\", \"selection\" or \"service\""),
        diag(GRANT, position_of(&grant, "agee"), "unknown fact `agee` (did you mean `age`?)"),
    ];
    assert_eq!(errors, expected, "{}", show(&errors));
}

#[test]
fn an_unknown_fact_type_is_located_at_the_type_and_names_the_ones_there_are() {
    let mut files = mini_files();
    let text = replace_once(&mini_text(FACTS), "id = \"applicant\"\ntype = \"enum\"", "id = \"applicant\"\ntype = \"choice\"");
    files.insert(FACTS, &text);
    let errors = errors_of(&files);
    assert_eq!(
        errors.first(),
        Some(&diag(FACTS, (3, 8), "unknown type \"choice\" for fact `applicant`: use bool, int, enum, set or date")),
        "{}",
        show(&errors)
    );
}
