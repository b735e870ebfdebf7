//! The share code in a URL fragment is untrusted input. Decoding any text
//! never panics, never yields an answer outside its fact's domain, and what
//! it yields survives a round trip. A fixed budget of cases runs in `make test`.

use policy_explainer::default_pack;
use policy_explainer::engine::{evaluate, next_question, Date, FactKind, Facts, Pack};
use policy_explainer::journey::{decode, encode, Answer};
use policy_explainer::launch::LaunchOptions;
use policy_explainer::pack::load;
use proptest::prelude::*;
use std::sync::OnceLock;

fn pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(|| load(&default_pack::files()).expect("the default pack loads"))
}

/// Text that looks like a share code: real fact ids and value ids mixed with
/// out-of-range numbers, unknown ids, stray separators and arbitrary junk.
fn near_code() -> impl Strategy<Value = String> {
    let ids: Vec<String> = pack().facts.iter().map(|f| f.id.clone()).chain(["nope".to_string(), String::new()]).collect();
    let values: Vec<String> = pack()
        .facts
        .iter()
        .flat_map(|f| f.kind.choices().iter().map(|c| c.id.clone()).collect::<Vec<_>>())
        .chain(["?", "1", "0", "-1", "130", "131", "99999999999999999999", "2025-02-30", "+", "a+b+", "%E0%A4", "<script>", "１２"].map(String::from))
        .collect();
    let entry = (prop::sample::select(ids), prop::collection::vec(prop::sample::select(values), 0..3), prop::sample::select(vec![":", "", "::", "="]))
        .prop_map(|(id, vals, sep)| format!("{id}{sep}{}", vals.join("+")));
    prop::collection::vec(prop_oneof![4 => entry, 1 => ".{0,12}"], 0..30).prop_map(|entries| entries.join(";"))
}

fn check_decoded(code: &str) -> Result<(), TestCaseError> {
    let p = pack();
    let decoded = decode(code, p);
    for (fact, answer) in decoded.journey.answered() {
        prop_assert!(*fact < p.facts.len());
        if let Answer::Known(v) = answer {
            prop_assert!(Facts::check_value(&p.facts[*fact], *v).is_ok(), "out of domain: {} = {v:?} from {code:?}", p.facts[*fact].id);
        }
    }
    // What was accepted encodes to a code that decodes to the same answers.
    let again = decode(&encode(&decoded.journey, p), p);
    prop_assert_eq!(&again.journey, &decoded.journey);
    prop_assert!(again.problems.is_empty());
    // And the engine takes it without complaint.
    let facts = decoded.journey.facts(p);
    let verdicts = evaluate(p, &facts, Date::parse("2026-06-01").unwrap());
    let _ = next_question(p, &facts, &verdicts);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decoding_arbitrary_text_never_panics_nor_leaves_the_domain(code in ".{0,300}") {
        check_decoded(&code)?;
    }

    #[test]
    fn decoding_near_valid_codes_keeps_only_valid_answers(code in near_code()) {
        check_decoded(&code)?;
    }

    #[test]
    fn reading_arbitrary_launch_options_never_panics(fragment in "#?([a-z]{1,8}=.{0,40}&?){0,10}") {
        let options = LaunchOptions::parse(&fragment, |s| s.to_string());
        let (journey, _) = options.initial_journey(pack());
        check_decoded(&encode(&journey, pack()))?;
        prop_assert!(options.idle_seconds >= 15 && options.idle_seconds <= 3600);
        prop_assert!(options.pack_url.as_deref().is_none_or(|u| !u.contains(':')));
    }
}

#[test]
fn every_valid_answer_of_every_fact_round_trips() {
    let p = pack();
    for (ix, def) in p.facts.iter().enumerate() {
        for value in p.probes(ix) {
            let mut j = policy_explainer::journey::Journey::new();
            j.answer(ix, Answer::Known(*value));
            let decoded = decode(&encode(&j, p), p);
            assert_eq!(decoded.journey, j, "{}", def.id);
            assert!(decoded.problems.is_empty());
        }
        if let FactKind::Set(_) = def.kind {
            let mut j = policy_explainer::journey::Journey::new();
            j.answer(ix, Answer::DontKnow);
            assert_eq!(decode(&encode(&j, p), p).journey, j);
        }
    }
}

#[test]
fn a_very_long_code_is_cut_and_reported_not_read_whole() {
    let long = "age:61;".repeat(2000);
    let decoded = decode(&long, pack());
    assert!(decoded.problems.iter().any(|p| p.reason == policy_explainer::journey::DecodeReason::TooLong));
    assert_eq!(encode(&decoded.journey, pack()), "age:61");
}
