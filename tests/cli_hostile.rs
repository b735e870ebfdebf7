//! The `policy` command against hostile input: a facts file, a pack or a
//! bundle made by someone who wants to mislead the person at the terminal,
//! to slip a wrong answer past it, or to make it run for minutes or run out
//! of memory. Each is refused by name, quickly, or shown harmlessly.

mod common;

use common::cli::{code, is_located_diagnostic, policy, stderr, stdout, TempPack};
use policy_explainer::compiled::encode;
use policy_explainer::default_pack;
use policy_explainer::engine::{Expr, FactKind};
use serde_json::Value;
use std::time::{Duration, Instant};

const DATE: &str = "2026-06-01";

/// What a terminal would act on or draw misleadingly: escape sequences
/// (C0, DEL, C1 such as the one-byte CSI U+009B) and bidirectional overrides.
const TERMINAL_CONTROLS: [char; 6] = ['\u{1b}', '\u{7}', '\u{7f}', '\u{9b}', '\u{202e}', '\u{2066}'];

fn assert_no_terminal_controls(what: &str, text: &str) {
    for c in TERMINAL_CONTROLS {
        assert!(!text.contains(c), "{what} prints {c:?} raw:\n{text:?}");
    }
}

fn eval_stdin(facts: &str) -> std::process::Output {
    policy(&["eval", "--facts", "-", "--date", DATE], facts)
}

// ------------------------------------------------------- terminal escapes

#[test]
fn check_escapes_terminal_controls_in_the_pack_s_id_and_version() {
    let pack = TempPack::new("escape-id");
    pack.edit("pack.toml", "id = \"mini\"", "id = \"mini\\u001b]0;pwned\\u0007\\u001b[2J\"");
    pack.edit("pack.toml", "version = \"1.0.0\"", "version = \"1.0\\u202e0\\u009b31m\"");
    let o = policy(&["check", "--pack", pack.path()], "");
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_no_terminal_controls("check", &out);
    assert!(out.starts_with("ok: pack mini\\u{1b}]0;pwned\\u{7}\\u{1b}[2J 1.0\\u{202e}0\\u{9b}31m "), "{out}");
}

#[test]
fn diagnostics_escape_terminal_controls_and_line_breaks_from_the_pack() {
    let pack = TempPack::new("escape-diagnostic");
    pack.edit("rules/grant.toml", "decision = \"entitlement\"", "decision = \"\\u001b[31msure\\nrules/card.toml:1:1: forged\"");
    let o = policy(&["check", "--pack", pack.path()], "");
    assert_eq!(code(&o), Some(1));
    let err = stderr(&o);
    assert_no_terminal_controls("check", &err);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "one diagnostic and the summary, no forged line:\n{err}");
    assert!(is_located_diagnostic(lines[0]), "{err}");
    assert!(lines[0].contains("`decision` is \"\\u{1b}[31msure\\u{a}rules/card.toml:1:1: forged\""), "{err}");
}

#[test]
fn eval_escapes_terminal_controls_in_a_facts_key() {
    let o = eval_stdin(r#"{"\u001b[2J\u001b]0;owned\u0007age\u009b31m\u202e": 1}"#);
    assert_eq!(code(&o), Some(2));
    let err = stderr(&o);
    assert_no_terminal_controls("eval", &err);
    assert!(err.contains("unknown fact `\\u{1b}[2J\\u{1b}]0;owned\\u{7}age\\u{9b}31m\\u{202e}`"), "{err}");
    // And in a value, which the message quotes.
    let o = eval_stdin(r#"{"city": "\u001b[2J\u202e"}"#);
    assert_eq!(code(&o), Some(2));
    assert_no_terminal_controls("eval", &stderr(&o));
    assert!(stderr(&o).contains("fact `city`: \"\\u{1b}[2J\\u{202e}\" is not allowed"), "{}", stderr(&o));
}

/// eval prints JSON: the pack's words keep their meaning for a program
/// (JSON escapes), and a terminal shows them harmlessly.
#[test]
fn eval_s_json_escapes_terminal_controls_from_the_pack_and_keeps_its_meaning() {
    let pack = TempPack::new("escape-json");
    let label = "年满60周岁\u{9b}31m\u{202e}\u{7f}";
    let escaped_in_toml = "年满60周岁\\u009b31m\\u202e\\u007f";
    pack.edit("rules/grant.toml", "label = { zh = \"年满60周岁\"", &format!("label = {{ zh = \"{escaped_in_toml}\""));
    let o = policy(&["eval", "--pack", pack.path(), "--facts", "-", "--date", DATE], r#"{"applicant": "individual", "city": "qingdao", "age": 30}"#);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_no_terminal_controls("eval", &out);
    let json: Value = serde_json::from_str(&out).expect("still JSON");
    let grant = json["results"].as_array().unwrap().iter().find(|r| r["id"] == "grant").unwrap();
    assert!(grant["failed"].as_array().unwrap().iter().any(|f| f.as_str().is_some_and(|f| f.contains(label))), "{grant}");
}

// ------------------------------------------------------- a facts file read strictly

#[test]
fn eval_refuses_a_fact_given_twice_naming_it() {
    for facts in [r#"{"age": 200, "age": 30}"#, r#"{"age": 30, "city": "qingdao", "age": 30}"#] {
        let o = eval_stdin(facts);
        assert_eq!(code(&o), Some(2), "{facts}: {}", stdout(&o));
        assert!(stdout(&o).is_empty());
        assert!(stderr(&o).contains("fact `age` is given more than once: keep one answer"), "{facts}: {}", stderr(&o));
    }
}

#[test]
fn eval_reads_minus_zero_and_whole_exponents_as_the_numbers_they_are() {
    let plain = |facts: &str| {
        let o = eval_stdin(facts);
        assert_eq!(code(&o), Some(0), "{facts}: {}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(plain(r#"{"age": 3e1}"#), plain(r#"{"age": 30}"#));
    assert_eq!(plain(r#"{"age": 6.5E1}"#), plain(r#"{"age": 65}"#));
    assert_eq!(plain(r#"{"age": -0}"#), plain(r#"{"age": 0}"#));
    for fraction in [r#"{"age": 60.5}"#, r#"{"age": 6.05e1}"#] {
        let o = eval_stdin(fraction);
        assert_eq!(code(&o), Some(2), "{fraction}");
        assert!(stderr(&o).contains("fact `age`"), "{}", stderr(&o));
    }
}

#[test]
fn eval_reads_a_facts_file_that_starts_with_a_byte_order_mark() {
    let with = eval_stdin("\u{feff}{\"age\": 30}");
    assert_eq!(code(&with), Some(0), "{}", stderr(&with));
    assert_eq!(stdout(&with), stdout(&eval_stdin("{\"age\": 30}")));
}

/// Two million unknown keys: a few named, the rest counted, in seconds.
#[test]
fn eval_names_a_few_unknown_facts_and_counts_the_rest_quickly() {
    let n = 2_000_000;
    let mut facts = String::with_capacity(n * 14);
    facts.push('{');
    for i in 0..n {
        if i > 0 {
            facts.push(',');
        }
        facts.push_str(&format!("\"k{i:07}\":0"));
    }
    facts.push('}');
    let start = Instant::now();
    let o = eval_stdin(&facts);
    let took = start.elapsed();
    assert_eq!(code(&o), Some(2));
    let err = stderr(&o);
    assert!(err.lines().count() <= 12, "{} lines", err.lines().count());
    assert!(err.contains("unknown fact `k0000000`"), "{err}");
    assert!(err.trim_end().ends_with("… and 1,999,990 more unknown facts"), "{err}");
    assert!(took < Duration::from_secs(30), "{took:?}");
}

#[test]
fn eval_shortens_a_huge_unknown_key_and_answers_quickly() {
    let key = "a".repeat(5_000_000);
    let start = Instant::now();
    let o = eval_stdin(&format!("{{\"{key}\": 1}}"));
    assert_eq!(code(&o), Some(2));
    assert!(start.elapsed() < Duration::from_secs(20), "{:?}", start.elapsed());
    let err = stderr(&o);
    assert!(err.len() < 1_000, "{} bytes", err.len());
    assert!(err.contains(&format!("unknown fact `{}…` (a name of 5000000 characters)", "a".repeat(64))), "{err}");
}

#[test]
fn eval_refuses_a_facts_file_larger_than_any_facts_can_be() {
    let dir = TempPack::new("huge-facts");
    let mut huge = vec![b' '; 64 << 20];
    huge.extend_from_slice(b"{}");
    let path = dir.write("facts.json", &huge);
    let o = policy(&["eval", "--facts", &path, "--date", DATE], "");
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains(&format!("the facts in {path} are larger than 64 MB: facts are one small JSON object")), "{}", stderr(&o));
}

// ------------------------------------------------------- ids that collide with the library's files

#[test]
fn check_refuses_a_policy_named_index_at_its_file_line_and_column() {
    let pack = TempPack::new("index-id");
    pack.edit("rules/grant.toml", "id = \"grant\"", "id = \"index\"");
    pack.rename("rules/grant.toml", "rules/index.toml");
    let o = policy(&["check", "--pack", pack.path()], "");
    assert_eq!(code(&o), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    let first = err.lines().next().unwrap();
    assert!(is_located_diagnostic(first), "{err}");
    assert!(first.starts_with(&format!("{}/rules/index.toml:1:6: policy id `index` is the name of the policy library's own page", pack.path())), "{err}");
    // `policy docs` checks first, and so writes nothing over the index.
    let out = pack.0.join("site");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), "the library's index").unwrap();
    let o = policy(&["docs", "--pack", pack.path(), "--out", out.to_str().unwrap()], "");
    assert_eq!(code(&o), Some(1));
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "the library's index");
}

// ------------------------------------------------------- crafted bundles in `policy diff`

/// The default pack without its policies, then `count` and `filler`, with a
/// valid header and checksum (FNV-1a 64 over the payload).
fn bundle_with_policies_count(count: u64, filler: usize) -> Vec<u8> {
    let mut pack = default_pack::pack();
    pack.policies.clear();
    let mut bytes = encode(&pack);
    assert_eq!(bytes.pop(), Some(0), "the policies' count ends the payload");
    let mut n = count;
    while n >= 0x80 {
        bytes.push((n as u8) | 0x80);
        n >>= 7;
    }
    bytes.push(n as u8);
    bytes.extend(std::iter::repeat_n(0u8, filler));
    let payload = &bytes[18..];
    let sum = payload.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3));
    let length = payload.len() as u32;
    bytes[6..10].copy_from_slice(&length.to_le_bytes());
    bytes[10..18].copy_from_slice(&sum.to_le_bytes());
    bytes
}

#[test]
fn diff_refuses_a_crafted_bundle_by_name_quickly() {
    let dir = TempPack::new("crafted-bundles");
    let n = 8_000_000;
    let crafted = dir.write("crafted.bin", &bundle_with_policies_count(n, n as usize));
    let mut appended = default_pack::BYTES.to_vec();
    appended.extend_from_slice(b"PK\x03\x04");
    let appended = dir.write("appended.bin", &appended);
    let cases = [
        (crafted.clone(), format!("{crafted}: the compiled pack is damaged: it says {n} policies follow, but the {n} bytes left cannot hold that many")),
        (appended.clone(), format!("{appended}: the compiled pack has 4 bytes after its end")),
    ];
    for (path, message) in cases {
        let start = Instant::now();
        let o = policy(&["diff", "policies", &path], "");
        assert!(start.elapsed() < Duration::from_secs(10), "{:?}", start.elapsed());
        assert_eq!(code(&o), Some(2), "{}", stdout(&o));
        assert!(stderr(&o).starts_with(&format!("policy: {message}")), "{}", stderr(&o));
    }
}

/// One criterion of a million operands (about 2 MB): compared on as many
/// answer sets as the bound of work allows, said so, and shown shortened.
#[test]
fn diff_of_a_condition_of_a_million_parts_ends_quickly_and_says_what_it_did_not_try() {
    let mut pack = default_pack::pack();
    let bool_fact = pack.facts.iter().position(|f| matches!(f.kind, FactKind::Bool)).unwrap();
    let policy_ix = pack.policies.iter().position(|p| !p.criteria.is_empty()).unwrap();
    pack.policies[policy_ix].criteria[0].rule.expr = Expr::And(vec![Expr::BoolFact(bool_fact); 1_000_000]);
    let id = pack.policies[policy_ix].id.clone();
    let dir = TempPack::new("large-condition");
    let path = dir.write("large.bin", &encode(&pack));
    let start = Instant::now();
    let o = policy(&["diff", "policies", &path, "--date", DATE], "");
    let took = start.elapsed();
    assert!(matches!(code(&o), Some(0 | 1)), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.len() < 100_000, "{} bytes of report", out.len());
    assert!(out.contains(&format!("\n{id}: tried on ")) && out.contains(" parts, and a comparison evaluates at most 100000000 parts in all."), "{out}");
    assert!(took < Duration::from_secs(60), "{took:?}");
}
