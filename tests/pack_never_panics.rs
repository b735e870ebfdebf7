//! The pack loader never panics: on every truncation of the default pack's
//! files, and on garbage written into them or spliced into them, it returns
//! diagnostics (each located and worded) or a pack.

use policy_explainer::default_pack;
use policy_explainer::pack::{load, PackFiles};
use proptest::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

fn default_files() -> PackFiles {
    default_pack::files()
}

fn file_text(path: &str) -> String {
    default_files().get(path).unwrap_or_else(|| panic!("the default pack has no {path}")).to_string()
}

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
                assert!(d.line >= 1 && d.col >= 1 && !d.message().is_empty(), "malformed diagnostic {d} for {}", what());
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
    "[[criterion]]",
    "[amount]",
    "[[fact]]",
    "[[document]]",
    "when = '",
    "'",
    "\"",
    "'''",
    "\"\"\"",
    "=",
    "\n",
    " ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "#",
    "zh = ",
    "en = ",
    "id = ",
    "type = \"int\"",
    "type = \"enum\"",
    "min = ",
    "max = ",
    "values = [",
    "source = { document = \"seed-000\", quote = \"x\" }",
    "city",
    "age",
    "district",
    "talent_titles",
    "==",
    "!=",
    ">=",
    "<",
    "and",
    "or",
    "not",
    "in",
    "has",
    "has_any",
    "is_empty",
    "if",
    "then",
    "else",
    "min(",
    "max(",
    "(",
    ")",
    "-",
    "*",
    "+",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999",
    "0",
    "130",
    "2025-02-29",
    "“",
    "”",
    "青岛",
    "\\u00e9",
    "\\\"",
    "\t",
    "\r\n",
    "é",
    "\u{0}",
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

}
