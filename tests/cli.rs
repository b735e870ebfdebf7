//! The `policy` command as policy staff and embedding sites use it: exit
//! codes, output shapes, languages, error messages and determinism.

mod common;

use common::cli::{code, is_located_diagnostic, policy, stderr, stdout, TempPack};
use policy_explainer::pack::{load, PackFiles};
use serde_json::{json, Value};

/// How many policies the default pack has (policy staff may add some).
fn policy_count() -> usize {
    policy_explainer::default_pack::files().under("rules").count()
}

const DATE: &str = "2026-06-01";

/// `policy eval --facts - --date 2026-06-01 [extra…]` with `facts` on stdin, parsed.
fn eval(facts: &Value, extra: &[&str]) -> Value {
    let mut args = vec!["eval", "--facts", "-", "--date", DATE];
    args.extend_from_slice(extra);
    let o = policy(&args, &facts.to_string());
    assert_eq!(code(&o), Some(0), "stderr: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("eval prints JSON")
}

fn result<'a>(output: &'a Value, id: &str) -> &'a Value {
    output["results"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no result for {id}"))
}

/// Senior level, 3 years (2 subsidised), 10 apprentices, class A, 500 hours, in Qingdao.
fn apprenticeship_enterprise() -> Value {
    json!({
        "applicant": "enterprise", "city": "qingdao", "apprentice_occupation_class": "A",
        "apprentice_hours_per_year": 500, "apprentice_level": "senior", "apprentice_years": 3, "apprentice_count": 10,
        "apprentice_dual_system": true
    })
}

// ---------------------------------------------------------------- check

#[test]
fn check_of_the_default_pack_prints_one_ok_line() {
    let o = policy(&["check"], "");
    assert_eq!(code(&o), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("ok:"), "{out}");
    assert!(out.contains(&format!("{} policies", policy_count())), "{out}");
    assert!(stderr(&o).is_empty());
}

#[test]
fn check_with_sources_verifies_every_quote() {
    let seeds = common::seeds_dir();
    let o = policy(&["check", "--sources", seeds.to_str().unwrap()], "");
    assert_eq!(code(&o), Some(0), "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("ok:") && out.trim_end().ends_with("every quote found in its document"), "{out}");
}

#[test]
fn check_with_sources_fails_on_a_tampered_quote() {
    let pack = TempPack::new("tampered-quote");
    let seeds = common::seeds_dir();
    let seeds = seeds.to_str().unwrap();
    assert_eq!(code(&policy(&["check", "--pack", pack.path(), "--sources", seeds], "")), Some(0), "the fixture's quotes are verbatim");
    pack.edit("rules/card.toml", "最高可给予300万元", "最高可给予三百万元");
    let o = policy(&["check", "--pack", pack.path(), "--sources", seeds], "");
    assert_eq!(code(&o), Some(1));
    let err = stderr(&o);
    assert!(err.contains("rules/card.toml:") && err.contains("the quote is not in seed-002"), "{err}");
    // Without --sources the same pack is fine.
    assert_eq!(code(&policy(&["check", "--pack", pack.path()], "")), Some(0));
}

#[test]
fn check_of_a_broken_pack_lists_every_problem_located() {
    let pack = TempPack::new("broken");
    pack.edit("rules/grant.toml", "when = 'age >= 60'", "when = 'agee >= 60'");
    pack.edit("rules/card.toml", "decision = \"review\"", "decision = \"maybe\"");
    pack.edit("facts.toml", "id = \"retired\"", "id = \"age\"");
    let o = policy(&["check", "--pack", pack.path()], "");
    assert_eq!(code(&o), Some(1));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    let (summary, problems) = lines.split_last().unwrap();
    assert_eq!(*summary, "3 problems found", "{err}");
    assert_eq!(problems.len(), 3, "{err}");
    for line in problems {
        assert!(is_located_diagnostic(line), "not file:line:col: message: {line}");
        assert!(line.starts_with(pack.path()), "paths include the pack folder: {line}");
    }
    assert!(problems[0].contains("facts.toml:") && problems[0].ends_with("duplicate fact id `age`"), "{err}");
    assert!(problems[1].contains("rules/card.toml:") && problems[1].contains("`decision` is \"maybe\""), "{err}");
    assert!(problems[2].contains("rules/grant.toml:") && problems[2].contains("unknown fact `agee` (did you mean `age`?)"), "{err}");
}

#[test]
fn check_of_a_folder_that_does_not_exist_is_a_usage_error() {
    let o = policy(&["check", "--pack", "no-such-pack-folder"], "");
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains("no-such-pack-folder"), "{}", stderr(&o));
}

#[test]
fn check_of_a_deeply_nested_criterion_reports_an_error_instead_of_crashing() {
    let pack = TempPack::new("deep");
    let deep = format!("when = '{}age >= 60{}'", "(".repeat(5000), ")".repeat(5000));
    pack.edit("rules/grant.toml", "when = 'age >= 60'", &deep);
    let o = policy(&["check", "--pack", pack.path()], "");
    // Either accepted (exit 0) or refused with a located error (exit 1); never a crash.
    assert!(matches!(code(&o), Some(0 | 1)), "exit status {:?}, stderr: {}", o.status, stderr(&o));
}

// ---------------------------------------------------------------- eval

#[test]
fn eval_prints_exactly_the_documented_json_shape() {
    let out = eval(&json!({"city": "qingdao", "district": "laoshan", "age": 45}), &[]);
    let top: Vec<&str> = out.as_object().unwrap().keys().map(String::as_str).collect();
    let mut top_sorted = top.clone();
    top_sorted.sort();
    assert_eq!(top_sorted, ["date", "next_question", "questions_left", "results"]);
    assert_eq!(out["date"], DATE);
    assert!(out["next_question"].is_string() || out["next_question"].is_null());
    assert!(out["questions_left"].is_u64());
    let results = out["results"].as_array().unwrap();
    assert_eq!(results.len(), policy_count());
    // The catalogue's status ids (revision 3).
    let statuses =
        ["eligible", "meets_conditions", "likely", "undetermined", "unclear", "unlikely", "ineligible", "expired", "not_yet_effective", "not_applicable"];
    for r in results {
        let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(keys, ["failed", "headline", "id", "max_amount", "missing", "source_age", "status"], "{r}");
        assert!(r["id"].is_string());
        assert!(statuses.contains(&r["status"].as_str().unwrap()), "{r}");
        assert!(!r["headline"].as_str().unwrap().is_empty(), "{r}");
        assert!(r["source_age"].is_null() || r["source_age"].is_i64(), "{r}");
        assert!(r["max_amount"].is_null() || r["max_amount"].is_i64(), "{r}");
        assert!(r["missing"].as_array().unwrap().iter().all(Value::is_string), "{r}");
        assert!(r["failed"].as_array().unwrap().iter().all(Value::is_string), "{r}");
    }
    // Results come in pack order (by id).
    let ids: Vec<&str> = results.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    // Consistency with the facts: Laoshan policies are still open, Shinan's are
    // not for someone in Laoshan, and 45 is below the silver-age threshold.
    assert_eq!(result(&out, "sn-talent-team-support")["status"], "not_applicable");
    assert_eq!(result(&out, "sn-talent-team-support")["failed"], json!([]), "not for you is never a near miss");
    assert_eq!(result(&out, "ls-talent-services")["status"], "undetermined");
    // 60 and over is our reading of 老年人: probably not for a 45-year-old,
    // never "you do not qualify".
    assert_eq!(result(&out, "qd-silver-volunteer")["status"], "unlikely");
    assert!(result(&out, "qd-silver-volunteer")["headline"].as_str().unwrap().starts_with("按我们对文章的理解"));
}

#[test]
fn eval_gives_each_result_the_page_s_headline_and_the_age_of_its_source() {
    // A Shinan team leader on the day of revision 3: the measure comes from
    // a 2019 report, so it says so; the apprenticeship subsidy (2025) does not.
    let facts = json!({"applicant": "individual", "city": "qingdao", "district": "shinan", "team_lead": true, "talent_titles": []});
    let zh = eval(&facts, &["--date", "2026-12-03"]);
    let en = eval(&facts, &["--date", "2026-12-03", "--lang", "en"]);
    let team = result(&zh, "sn-talent-team-support");
    assert_eq!(team["status"], "likely");
    assert_eq!(team["source_age"], 2019);
    assert_eq!(team["headline"], "按我们对文章的理解，您可能符合；最终由市南区审核决定");
    assert_eq!(result(&en, "sn-talent-team-support")["headline"], "As we read the article, you may qualify; Shinan District decides after review");
    assert_eq!(result(&zh, "qd-apprenticeship-subsidy")["source_age"], Value::Null);
    let support = result(&zh, "sn-high-level-talent-support");
    assert_eq!((support["status"].as_str(), support["source_age"].as_i64()), (Some("unclear"), Some(2019)));
    assert_eq!(support["max_amount"], Value::Null, "no amount where the article cannot settle it");
    // The card names no reviewing office the article does not name.
    let card = result(&en, "sd-huicai-card");
    assert_eq!(card["status"], "unclear");
    assert!(card["headline"].as_str().unwrap().contains("ask Shandong Province"), "{card}");
}

#[test]
fn eval_computes_the_apprenticeship_subsidy_for_an_enterprise() {
    let out = eval(&apprenticeship_enterprise(), &[]);
    let r = result(&out, "qd-apprenticeship-subsidy");
    assert_eq!(r["status"], "eligible");
    assert_eq!(r["max_amount"], 120000);
    assert_eq!(r["missing"], json!([]));
    assert_eq!(r["failed"], json!([]));
}

#[test]
fn eval_names_failed_criteria_in_the_chosen_language() {
    let facts = json!({"applicant": "individual", "city": "qingdao", "age": 45});
    let en = eval(&facts, &["--lang", "en"]);
    let zh = eval(&facts, &["--lang", "zh"]);
    let default = eval(&facts, &[]);
    let (en_failed, zh_failed) = (&result(&en, "qd-silver-volunteer")["failed"], &result(&zh, "qd-silver-volunteer")["failed"]);
    assert_eq!(result(&en, "qd-silver-volunteer")["status"], "unlikely");
    assert_eq!(en_failed.as_array().unwrap().len(), 1, "{en_failed}");
    assert!(en_failed[0].as_str().unwrap().is_ascii() && en_failed[0].as_str().unwrap().contains("60"), "{en_failed}");
    assert!(zh_failed[0].as_str().unwrap().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh_failed}");
    assert_eq!(default, zh, "Chinese is the default");
    // Only the labels differ between languages.
    for (e, z) in en["results"].as_array().unwrap().iter().zip(zh["results"].as_array().unwrap()) {
        assert_eq!((&e["id"], &e["status"], &e["missing"], &e["source_age"]), (&z["id"], &z["status"], &z["missing"], &z["source_age"]));
        assert_eq!(e["failed"].as_array().unwrap().len(), z["failed"].as_array().unwrap().len());
    }
}

#[test]
fn eval_refuses_an_age_out_of_range_naming_the_fact() {
    let o = policy(&["eval", "--facts", "-", "--date", DATE], r#"{"age": 200}"#);
    assert_eq!(code(&o), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("fact `age`: 200 is not allowed"), "{}", stderr(&o));
}

#[test]
fn eval_refuses_an_unknown_fact_suggesting_the_right_one() {
    let o = policy(&["eval", "--facts", "-", "--date", DATE], r#"{"cty": "qingdao"}"#);
    assert_eq!(code(&o), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("unknown fact `cty` (did you mean `city`?)"), "{}", stderr(&o));
}

#[test]
fn eval_refuses_a_wrong_type_naming_the_fact() {
    let o = policy(&["eval", "--facts", "-", "--date", DATE], r#"{"city": 3}"#);
    assert_eq!(code(&o), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("fact `city`: expected one of"), "{}", stderr(&o));
}

#[test]
fn eval_reports_every_bad_fact_at_once() {
    let o = policy(&["eval", "--facts", "-", "--date", DATE], r#"{"age": 200, "city": 3, "team_lead": "yes"}"#);
    assert_eq!(code(&o), Some(2));
    let err = stderr(&o);
    for fact in ["`age`", "`city`", "`team_lead`"] {
        assert!(err.contains(fact), "{err}");
    }
}

#[test]
fn eval_refuses_malformed_json() {
    let o = policy(&["eval", "--facts", "-", "--date", DATE], r#"{"city": "qingdao""#);
    assert_eq!(code(&o), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("not valid JSON"), "{}", stderr(&o));
}

#[test]
fn eval_refuses_facts_that_are_not_an_object() {
    let o = policy(&["eval", "--facts", "-", "--date", DATE], "[1, 2]");
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains("facts must be a JSON object"), "{}", stderr(&o));
}

#[test]
fn eval_refuses_a_bad_date() {
    for bad in ["2026-02-30", "2026-6-1", "tomorrow"] {
        let o = policy(&["eval", "--facts", "-", "--date", bad], "{}");
        assert_eq!(code(&o), Some(2), "--date {bad}");
        assert!(stdout(&o).is_empty());
        assert!(stderr(&o).contains("--date"), "{}", stderr(&o));
    }
}

#[test]
fn eval_reads_facts_from_a_file() {
    let pack = TempPack::new("facts-file");
    let path = pack.0.join("facts.json");
    std::fs::write(&path, apprenticeship_enterprise().to_string()).unwrap();
    let o = policy(&["eval", "--facts", path.to_str().unwrap(), "--date", DATE], "");
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let from_file: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(from_file, eval(&apprenticeship_enterprise(), &[]));
}

#[test]
fn eval_output_is_byte_identical_across_runs() {
    let fact_sets = [
        json!({}),
        json!({"city": "qingdao", "district": "laoshan", "age": 45}),
        apprenticeship_enterprise(),
        json!({"city": "zaozhuang", "talent_titles": ["academician"], "role": "professional_technical", "employer_kinds": []}),
        json!({"innovation_track": "studio", "innovation_final_rank": 20, "city": "other"}),
    ];
    for facts in &fact_sets {
        for lang in ["zh", "en"] {
            let runs: Vec<Vec<u8>> = (0..3)
                .map(|_| {
                    let o = policy(&["eval", "--facts", "-", "--date", DATE, "--lang", lang], &facts.to_string());
                    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
                    o.stdout
                })
                .collect();
            assert!(runs.iter().all(|r| *r == runs[0]), "output differs between runs for {facts} ({lang})");
        }
    }
}

#[test]
fn eval_with_no_facts_asks_a_first_question() {
    let out = eval(&json!({}), &[]);
    assert!(out["next_question"].is_string(), "{}", out["next_question"]);
    assert!(out["questions_left"].as_u64().unwrap() > 0);
}

// ---------------------------------------------------------------- test

#[test]
fn test_runs_every_case_of_the_pack_and_passes() {
    let cases: usize = std::fs::read_dir("policies/tests")
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .map(|t| t.lines().filter(|l| l.trim() == "[[case]]").count())
        .sum();
    let o = policy(&["test"], "");
    assert_eq!(code(&o), Some(0), "stderr: {}", stderr(&o));
    assert_eq!(stdout(&o).trim_end(), format!("{cases} passed, 0 failed"));
}

#[test]
fn test_with_a_wrong_expectation_fails_and_names_the_case() {
    let pack = TempPack::new("wrong-expectation");
    assert_eq!(stdout(&policy(&["test", "--pack", pack.path()], "")).trim_end(), "2 passed, 0 failed");
    pack.edit("tests/cases.toml", "max_amount = 65000", "max_amount = 99999");
    let o = policy(&["test", "--pack", pack.path()], "");
    assert_eq!(code(&o), Some(1));
    let out = stdout(&o);
    assert_eq!(out.trim_end(), "1 passed, 1 failed", "{out}");
    let err = stderr(&o);
    assert!(err.contains("FAIL ") && err.contains("cases.toml:"), "{err}");
    assert!(err.contains("a 65-year-old in Qingdao gets the grant for their age"), "{err}");
    assert!(err.contains("expected max_amount 99999, got 65000"), "{err}");
}

// ---------------------------------------------------------------- bundle

#[test]
fn bundle_writes_the_compiled_pack_the_app_embeds() {
    let dir = TempPack::new("bundle-out");
    let out = dir.0.join("pack.bin");
    let o = policy(&["bundle", "--out", out.to_str().unwrap()], "");
    assert_eq!(code(&o), Some(0), "stderr: {}", stderr(&o));
    assert!(stdout(&o).starts_with(&format!("wrote {}: pack shandong-talent-seed ", out.display())), "{}", stdout(&o));
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(bytes, policy_explainer::default_pack::BYTES, "the bundle is exactly what the app embeds");
    let pack = policy_explainer::compiled::decode(&bytes).unwrap();
    assert_eq!(pack.policies.len(), policy_count());
    // Without --out, and not to a terminal, the bytes go to standard output.
    let piped = policy(&["bundle"], "");
    assert_eq!(code(&piped), Some(0));
    assert_eq!(piped.stdout, bytes);
}

#[test]
fn bundle_of_a_broken_pack_fails_like_check() {
    let pack = TempPack::new("broken-bundle");
    pack.edit("rules/grant.toml", "decision = \"entitlement\"", "decision = \"sure\"");
    let out = pack.0.join("pack.bin");
    let o = policy(&["bundle", "--pack", pack.path(), "--out", out.to_str().unwrap()], "");
    assert_eq!(code(&o), Some(1));
    assert!(stdout(&o).is_empty());
    assert!(!out.exists(), "nothing is written for a broken pack");
    assert!(stderr(&o).lines().next().is_some_and(is_located_diagnostic), "{}", stderr(&o));
}

#[test]
fn generate_writes_a_pack_of_that_many_policies_that_checks_and_bundles() {
    let dir = TempPack::new("generated");
    let target = dir.0.join("gen");
    let o = policy(&["generate", "40", "--out", target.to_str().unwrap()], "");
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let files = PackFiles::from_dir(&target).unwrap();
    assert_eq!(load(&files).unwrap().policies.len(), 40);
    assert_eq!(code(&policy(&["check", "--pack", target.to_str().unwrap()], "")), Some(0));
    for bad in [&["generate", "0", "--out", "x"][..], &["generate", "many", "--out", "x"], &["generate", "5"]] {
        assert_eq!(code(&policy(bad, "")), Some(2), "{bad:?}");
    }
}

#[test]
fn generate_with_regions_writes_a_province_whose_policies_follow_their_city_and_which_checks() {
    let dir = TempPack::new("province");
    let target = dir.0.join("prov");
    let o = policy(&["generate", "200", "--regions", "8", "--out", target.to_str().unwrap()], "");
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert_eq!(code(&policy(&["check", "--pack", target.to_str().unwrap()], "")), Some(0), "the province passes every check");
    let pack = load(&PackFiles::from_dir(&target).unwrap()).unwrap();
    assert_eq!(pack.policies.len(), 200);
    let city = pack.fact_ix("city").unwrap();
    let values: Vec<&str> = pack.facts[city].kind.choices().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(values, ["c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "other"]);
    // Each city's share, and the provincial ones open in every city of the province.
    let policy_text = |p: &policy_explainer::engine::Policy| policy_explainer::engine::expr_text(&p.scope.place, &pack.facts);
    let places: Vec<String> = pack.policies.iter().map(policy_text).collect();
    let provincial = places.iter().filter(|p| p.as_str() == "not city == \"other\"").count();
    assert_eq!(provincial, 10, "about n/20 for the whole province");
    for c in &values[..8] {
        let own = places.iter().filter(|p| p.starts_with(&format!("city == \"{c}\""))).count();
        assert!((20..=25).contains(&own), "{c}: {own} policies, about n/K");
    }
    for bad in
        [&["generate", "10", "--regions", "0", "--out", "x"][..], &["generate", "10", "--regions", "many", "--out", "x"], &["generate", "10", "--regions", "4"]]
    {
        assert_eq!(code(&policy(bad, "")), Some(2), "{bad:?}");
    }
}

#[test]
fn bundle_split_by_a_fact_writes_an_index_and_a_shard_per_value() {
    let dir = TempPack::new("split");
    let pack = dir.0.join("prov");
    assert_eq!(code(&policy(&["generate", "120", "--regions", "4", "--out", pack.to_str().unwrap()], "")), Some(0));
    let out = dir.0.join("bundle");
    let o = policy(&["bundle", "--pack", pack.to_str().unwrap(), "--split-by", "city", "--out", out.to_str().unwrap()], "");
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["city-c01.bin", "city-c02.bin", "city-c03.bin", "city-c04.bin", "city-other.bin", "index.bin"]);
    let index = policy_explainer::compiled::SplitPack::decode_index(&std::fs::read(out.join("index.bin")).unwrap()).unwrap();
    assert_eq!(index.listings.len(), 120);
    for bad in ["age", "nope"] {
        let o = policy(&["bundle", "--pack", pack.to_str().unwrap(), "--split-by", bad, "--out", out.to_str().unwrap()], "");
        assert_eq!(code(&o), Some(2), "{bad}");
        assert!(stderr(&o).contains(bad), "the message names the fact: {}", stderr(&o));
    }
}

// ---------------------------------------------------------------- usage

#[test]
fn unknown_commands_and_options_are_usage_errors() {
    for args in [&["frobnicate"][..], &["check", "--verbose"], &["eval", "--facts", "-", "--lang", "fr"], &["eval"], &[]] {
        let o = policy(args, "{}");
        assert_eq!(code(&o), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).starts_with("policy: "), "{args:?}: {}", stderr(&o));
    }
}

// ---------------------------------------------------------------- diff

#[test]
fn diff_of_a_pack_with_itself_finds_nothing_and_exits_0() {
    let a = TempPack::new("diff-same-a");
    let b = TempPack::new("diff-same-b");
    let o = policy(&["diff", a.path(), b.path(), "--date", DATE], "");
    assert_eq!(code(&o), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("No policy changed.") && stdout(&o).contains("No verdict differs."), "{}", stdout(&o));
}

#[test]
fn diff_lists_a_changed_threshold_with_its_source_and_the_answers_it_changes_and_exits_1() {
    let old = TempPack::new("diff-old");
    let new = TempPack::new("diff-new");
    new.edit("rules/grant.toml", "when = 'age >= 60'", "when = 'age >= 55'");
    let o = policy(&["diff", old.path(), new.path(), "--date", DATE], "");
    assert_eq!(code(&o), Some(1), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("changed: grant") && out.contains("age >= 60") && out.contains("age >= 55"), "{out}");
    assert!(out.contains("grant: ") && out.contains("a different verdict, for example:"), "{out}");

    // The same as JSON, for tools: the ages between the two thresholds differ.
    let o = policy(&["diff", old.path(), new.path(), "--date", DATE, "--json"], "");
    assert_eq!(code(&o), Some(1));
    let report: Value = serde_json::from_str(&stdout(&o)).expect("--json prints JSON");
    let changed = &report["changes"]["changed"][0];
    assert_eq!(changed["id"], "grant");
    assert_eq!(changed["criteria"][0]["before"]["condition"], "age >= 60");
    assert_eq!(changed["criteria"][0]["after"]["condition"], "age >= 55");
    let grant = &report["verdicts"]["policies"][0];
    assert_eq!(grant["policy"], "grant");
    for example in grant["examples"].as_array().unwrap() {
        let age = example["facts"]["age"].as_i64().expect("the age decides it");
        assert!((55..60).contains(&age), "{example}");
    }
}

#[test]
fn diff_reads_a_bundle_as_well_as_a_folder() {
    let dir = TempPack::new("diff-bundle");
    let bin = dir.0.join("pack.bin");
    assert_eq!(code(&policy(&["bundle", "--pack", dir.path(), "--out", bin.to_str().unwrap()], "")), Some(0));
    let o = policy(&["diff", bin.to_str().unwrap(), dir.path(), "--date", DATE], "");
    assert_eq!(code(&o), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn diff_reads_a_split_bundle_folder_as_one_pack_and_names_a_missing_shard() {
    let old = TempPack::new("diff-split-old");
    let new = TempPack::new("diff-split-new");
    new.edit("rules/grant.toml", "when = 'age >= 60'", "when = 'age >= 55'");
    let split = old.0.join("split");
    let o = policy(&["bundle", "--pack", old.path(), "--split-by", "city", "--out", split.to_str().unwrap()], "");
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    // The split bundle is the same pack as its folder ...
    let o = policy(&["diff", split.to_str().unwrap(), old.path(), "--date", DATE], "");
    assert_eq!(code(&o), Some(0), "{}{}", stdout(&o), stderr(&o));
    // ... and a change against it is found as against the folder.
    let o = policy(&["diff", split.to_str().unwrap(), new.path(), "--date", DATE], "");
    assert_eq!(code(&o), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("changed: grant"), "{}", stdout(&o));
    std::fs::remove_file(split.join("city-qingdao.bin")).unwrap();
    let o = policy(&["diff", split.to_str().unwrap(), old.path(), "--date", DATE], "");
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains("city-qingdao.bin"), "names the missing shard: {}", stderr(&o));
}

#[test]
fn diff_of_bad_input_exits_2_naming_the_problem() {
    let good = TempPack::new("diff-good");
    let broken = TempPack::new("diff-broken");
    broken.edit("rules/grant.toml", "when = 'age >= 60'", "when = 'age >= '");
    let o = policy(&["diff", good.path(), broken.path()], "");
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains("does not check") && stderr(&o).lines().any(is_located_diagnostic), "{}", stderr(&o));
    let o = policy(&["diff", good.path(), "/no/such/pack.bin"], "");
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains("/no/such/pack.bin"), "{}", stderr(&o));
    assert_eq!(code(&policy(&["diff", good.path()], "")), Some(2), "two packs are needed");
}
