//! The next question on the default pack: always askable, never already
//! answered, never pointless, respecting `asked_when`; a whole journey of
//! answers ends with every result settled; skipped questions stay skipped.

use policy_explainer::default_pack;
use policy_explainer::engine::{
    evaluate, evaluate_policy, is_askable, next_question, next_question_skipping, questions_left, questions_left_skipping, Date, FactIx, FactKind, Facts, Pack,
    Status, Value, Verdict,
};
use policy_explainer::pack::load;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(|| load(&default_pack::files()).expect("the default pack loads"))
}

fn date() -> Date {
    Date::parse("2026-06-01").unwrap()
}

fn ix(id: &str) -> FactIx {
    pack().fact_ix(id).unwrap_or_else(|| panic!("no fact {id}"))
}

fn id(f: FactIx) -> &'static str {
    &pack().facts[f].id
}

fn enum_is(facts: &Facts, fact: &str, choices: &[&str]) -> bool {
    let kind = &pack().facts[ix(fact)].kind;
    matches!(facts.get(ix(fact)), Some(Value::Enum(i)) if choices.iter().any(|c| kind.choice_ix(c) == Some(usize::from(i))))
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

/// A valid answer for fact `ix`, thresholds and bounds as likely as others.
fn valid_value(ix: FactIx) -> BoxedStrategy<Value> {
    let p = pack();
    match &p.facts[ix].kind {
        FactKind::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        FactKind::Int { min, max } => prop_oneof![prop::sample::select(p.probes(ix).to_vec()), (*min..=*max).prop_map(Value::Int)].boxed(),
        FactKind::Enum(c) => (0..c.len() as u8).prop_map(Value::Enum).boxed(),
        FactKind::Set(c) => (0..(1u64 << c.len())).prop_map(Value::Set).boxed(),
        FactKind::Date { .. } => (0i64..30_000).prop_map(|d| Value::Date(Date::from_days_since_epoch(d))).boxed(),
    }
}

/// Valid answers to some facts, each known with probability `p_known`.
fn partial_facts(p_known: f64) -> impl Strategy<Value = Facts> {
    (0..pack().facts.len()).map(|ix| prop::option::weighted(p_known, valid_value(ix))).collect::<Vec<_>>().prop_map(|values| {
        let mut facts = Facts::unknown(&pack().facts);
        for (ix, v) in values.into_iter().enumerate() {
            facts.set(ix, v);
        }
        facts
    })
}

/// One valid answer for every fact: the applicant's true situation.
fn answer_sheet() -> impl Strategy<Value = Vec<Value>> {
    (0..pack().facts.len()).map(valid_value).collect::<Vec<_>>()
}

/// Answers to try for a fact: every choice; the empty set, each single choice
/// and all choices; a number's bounds and the pack's thresholds ±1, and more
/// numbers spread over its range.
fn probe_answers(f: FactIx) -> Vec<Value> {
    let p = pack();
    match &p.facts[f].kind {
        FactKind::Bool => vec![Value::Bool(true), Value::Bool(false)],
        FactKind::Enum(c) => (0..c.len()).map(|i| Value::Enum(i as u8)).collect(),
        FactKind::Set(c) => {
            let mut v = vec![Value::Set(0), Value::Set((1u64 << c.len()) - 1)];
            v.extend((0..c.len()).map(|i| Value::Set(1 << i)));
            v
        }
        FactKind::Int { min, max } => {
            let mut v = p.probes(f).to_vec();
            v.extend((0..=20).map(|k| Value::Int(min + (max - min) * k / 20)));
            v
        }
        FactKind::Date { .. } => Vec::new(),
    }
}

fn with(facts: &Facts, f: FactIx, value: Value) -> Facts {
    let mut more = facts.clone();
    more.set(f, Some(value));
    more
}

/// How many undetermined policies some answer to `f` would settle.
fn settles(facts: &Facts, verdicts: &[Verdict], f: FactIx) -> usize {
    verdicts
        .iter()
        .filter(|v| v.status == Status::Undetermined)
        .filter(|v| probe_answers(f).into_iter().any(|a| evaluate_policy(pack(), v.policy, &with(facts, f, a), date()).status != Status::Undetermined))
        .count()
}

/// Whether some answer to `f` changes a policy's status or amount.
fn some_answer_changes_a_result(facts: &Facts, verdicts: &[Verdict], f: FactIx) -> bool {
    probe_answers(f).into_iter().any(|a| {
        let after = evaluate(pack(), &with(facts, f, a), date());
        after.iter().zip(verdicts).any(|(x, y)| (x.status, x.max_amount) != (y.status, y.max_amount))
    })
}

fn askable_missing<'a>(facts: &'a Facts, v: &'a Verdict) -> impl Iterator<Item = FactIx> + 'a {
    v.missing.iter().copied().filter(move |f| is_askable(pack(), facts, *f))
}

// ---------------------------------------------------------------- (a) the first question

#[test]
fn with_no_facts_the_first_question_is_askable_and_rules_out_the_most() {
    let p = pack();
    let facts = Facts::unknown(&p.facts);
    let verdicts = evaluate(p, &facts, date());
    let first = next_question(p, &facts, &verdicts).expect("a first question");
    assert!(is_askable(p, &facts, first));
    assert!(p.facts[first].asked_when.is_none(), "{} is gated", id(first));
    // The pack opens with who is asking (facts.toml's `opening`), then where.
    assert_eq!(id(first), "applicant");
    let person = Facts::from_json(&p.facts, &serde_json::json!({"applicant": "individual"})).unwrap();
    assert_eq!(next_question(p, &person, &evaluate(p, &person, date())).map(id), Some("city"));
    // Every fact that a policy in force reads is still to be asked.
    let read: BTreeSet<FactIx> = verdicts
        .iter()
        .filter(|v| v.status == Status::Undetermined)
        .flat_map(|v| {
            let policy = &p.policies[v.policy];
            policy
                .criteria
                .iter()
                .flat_map(|c| c.rule.facts.clone())
                .chain(policy.amount.iter().flat_map(|a| a.rule.facts.clone()))
                .chain(policy.scope.facts.clone())
        })
        .collect();
    assert!(!read.contains(&ix("new_business_form_worker")), "only the expired policy reads it");
    assert_eq!(questions_left(p, &facts, &verdicts), read.len());
}

#[test]
fn gated_questions_wait_for_their_gate() {
    let p = pack();
    let ask = |json: serde_json::Value| {
        let facts = Facts::from_json(&p.facts, &json).unwrap();
        next_question(p, &facts, &evaluate(p, &facts, date())).map(id)
    };
    // Qingdao known: the district becomes worth asking; Zaozhuang: never.
    assert_eq!(ask(serde_json::json!({"city": "qingdao", "applicant": "individual"})), Some("district"));
    assert_ne!(ask(serde_json::json!({"city": "zaozhuang", "applicant": "individual"})), Some("district"));
    assert_ne!(ask(serde_json::json!({"city": "zaozhuang"})), Some("district"));
    // An enterprise in Qingdao with the district known is asked about its apprentices or its innovation award.
    let next = ask(serde_json::json!({"city": "qingdao", "district": "other", "applicant": "enterprise"})).unwrap();
    assert!(next.starts_with("apprentice_") || next == "innovation_track", "{next}");
    // The rank waits for a track that has ranks.
    let with_track = |track: &str| Facts::from_json(&p.facts, &serde_json::json!({"innovation_track": track})).unwrap();
    assert!(is_askable(p, &with_track("studio"), ix("innovation_final_rank")));
    assert!(!is_askable(p, &with_track("none"), ix("innovation_final_rank")));
    assert!(!is_askable(p, &Facts::unknown(&p.facts), ix("innovation_final_rank")));
}

/// The facts that only policies closed to `other_kind` ("individual",
/// "enterprise") read: questions that must never be put to that kind.
fn facts_closed_to(other_kind: &str) -> Vec<FactIx> {
    let p = pack();
    let applicant = ix("applicant");
    let kind_ix = p.facts[applicant].kind.choice_ix(other_kind).unwrap() as u8;
    let mut facts = Facts::unknown(&p.facts);
    facts.set(applicant, Some(Value::Enum(kind_ix)));
    (0..p.facts.len())
        .filter(|&f| f != applicant)
        .filter(|&f| {
            let readers: Vec<_> = p
                .policies
                .iter()
                .filter(|policy| {
                    policy.scope.facts.contains(&f)
                        || policy.criteria.iter().any(|c| c.rule.facts.contains(&f))
                        || policy.amount.as_ref().is_some_and(|a| a.rule.facts.contains(&f))
                })
                .collect();
            !readers.is_empty()
                && readers.iter().all(|policy| policy_explainer::engine::truth(&policy.scope.applicant, &facts) == policy_explainer::engine::Truth::False)
        })
        .collect()
}

#[test]
fn an_enterprise_is_never_asked_a_personal_question_nor_a_person_an_enterprises() {
    let personal = facts_closed_to("enterprise");
    let corporate = facts_closed_to("individual");
    for name in ["age", "talent_titles", "role", "craftsman_titles", "labor_dispute"] {
        assert!(personal.contains(&ix(name)), "{name} should be read only by policies for individuals");
    }
    assert!(
        corporate.contains(&ix("apprentice_count")) && corporate.contains(&ix("innovation_track")),
        "{:?}",
        corporate.iter().map(|f| id(*f)).collect::<Vec<_>>()
    );
    let p = pack();
    for (kind, never) in [("enterprise", &personal), ("individual", &corporate)] {
        for place in [
            serde_json::json!({}),
            serde_json::json!({"city": "qingdao"}),
            serde_json::json!({"city": "qingdao", "district": "shinan"}),
            serde_json::json!({"city": "zaozhuang"}),
        ] {
            let mut json = place.clone();
            json["applicant"] = kind.into();
            let mut facts = Facts::from_json(&p.facts, &json).unwrap();
            // Walk the journey, answering each question with its first probe.
            while let Some(f) = next_question(p, &facts, &evaluate(p, &facts, date())) {
                assert!(!never.contains(&f), "{kind} at {place} is asked {}", id(f));
                facts.set(f, probe_answers(f).first().copied());
            }
        }
    }
}

#[test]
fn outside_the_packs_coverage_nothing_more_is_asked() {
    let p = pack();
    for json in [serde_json::json!({"city": "other"}), serde_json::json!({"city": "other", "applicant": "enterprise"})] {
        let facts = Facts::from_json(&p.facts, &json).unwrap();
        let verdicts = evaluate(p, &facts, date());
        // Not for them, or not in force whatever the answers.
        assert!(verdicts.iter().all(|v| matches!(v.status, Status::NotApplicable | Status::Expired | Status::NotYetEffective)), "{json}: {verdicts:?}");
        assert_eq!(next_question(p, &facts, &verdicts), None, "{json}");
        assert_eq!(questions_left(p, &facts, &verdicts), 0, "{json}");
    }
    // Elsewhere in Shandong only the provincial card is left to ask about.
    let facts = Facts::from_json(&p.facts, &serde_json::json!({"city": "shandong_other", "applicant": "individual"})).unwrap();
    let verdicts = evaluate(p, &facts, date());
    let open: Vec<&str> = verdicts.iter().filter(|v| v.status == Status::Undetermined).map(|v| p.policies[v.policy].id.as_str()).collect();
    assert_eq!(open, ["sd-huicai-card"]);
    assert_eq!(next_question(p, &facts, &verdicts).map(id), Some("talent_titles"));
}

#[test]
fn when_every_result_is_settled_there_is_no_question_and_none_left() {
    let p = pack();
    let facts = Facts::from_json(&p.facts, &serde_json::json!({"city": "zaozhuang", "applicant": "enterprise"})).unwrap();
    let verdicts = evaluate(p, &facts, date());
    assert!(verdicts.iter().all(|v| v.status.is_settled()), "{verdicts:?}");
    assert_eq!(next_question(p, &facts, &verdicts), None);
    assert_eq!(questions_left(p, &facts, &verdicts), 0);
}

// ---------------------------------------------------------------- (b)–(d) for any answers

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_next_question_is_unknown_askable_and_can_change_a_result(facts in partial_facts(0.35)) {
        let p = pack();
        let verdicts = evaluate(p, &facts, date());
        match next_question(p, &facts, &verdicts) {
            Some(f) => {
                prop_assert!(!facts.is_known(f), "asks {} again", id(f));
                prop_assert!(is_askable(p, &facts, f), "asks {} before its gate holds", id(f));
                let in_missing = verdicts.iter().any(|v| v.status == Status::Undetermined && v.missing.contains(&f));
                prop_assert!(
                    in_missing || some_answer_changes_a_result(&facts, &verdicts, f),
                    "{} can change no result", id(f)
                );
                prop_assert!(questions_left(p, &facts, &verdicts) >= 1);
            }
            None => {
                for v in &verdicts {
                    if matches!(v.status, Status::Undetermined | Status::Eligible | Status::MeetsConditions) {
                        let askable: Vec<_> = askable_missing(&facts, v).map(id).collect();
                        prop_assert!(askable.is_empty(), "no question, yet {} still needs {:?}", p.policies[v.policy].id, askable);
                    }
                }
                prop_assert_eq!(questions_left(p, &facts, &verdicts), 0);
            }
        }
    }

    #[test]
    fn the_next_question_settles_as_many_policies_as_any_askable_question(facts in partial_facts(0.35)) {
        let p = pack();
        let verdicts = evaluate(p, &facts, date());
        let best = (0..p.facts.len())
            .filter(|f| !facts.is_known(*f) && is_askable(p, &facts, *f))
            .map(|f| settles(&facts, &verdicts, f))
            .max()
            .unwrap_or(0);
        // While an opening fact (who is asking, where) is unknown and some
        // result needs it, it comes first, in the pack's order.
        let needed = |f: FactIx| verdicts.iter().any(|v| (v.status == Status::Undetermined || v.status.conditions_hold()) && v.missing.contains(&f));
        let opening = p.opening.iter().copied().find(|&f| !facts.is_known(f) && is_askable(p, &facts, f) && needed(f));
        match (next_question(p, &facts, &verdicts), opening) {
            (Some(f), Some(o)) => prop_assert_eq!(f, o, "{} asked before the opening {}", id(f), id(o)),
            (Some(f), None) => prop_assert_eq!(settles(&facts, &verdicts, f), best, "{} is not among the most settling questions", id(f)),
            (None, _) => prop_assert_eq!(best, 0, "no question, yet one would settle a policy"),
        }
    }

    #[test]
    fn gated_facts_are_asked_only_once_their_gate_is_known_to_hold(facts in partial_facts(0.35)) {
        let p = pack();
        let verdicts = evaluate(p, &facts, date());
        if let Some(f) = next_question(p, &facts, &verdicts) {
            let name = id(f);
            if name == "district" {
                prop_assert!(enum_is(&facts, "city", &["qingdao"]), "district asked without city = qingdao");
            }
            if name.starts_with("apprentice_") {
                prop_assert!(enum_is(&facts, "applicant", &["enterprise"]), "{} asked without applicant = enterprise", name);
            }
            if name == "innovation_final_rank" {
                prop_assert!(enum_is(&facts, "innovation_track", &["enterprise", "studio"]), "rank asked without a ranked track");
            }
        }
    }
}

// ---------------------------------------------------------------- (e)–(f) a whole journey

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_journey_of_answers_ends_with_every_result_settled(
        sheet in answer_sheet(),
        prefilled in prop::collection::vec(prop::bool::weighted(0.15), pack().facts.len()),
        on in prop::sample::select(vec!["2026-06-01", "2024-06-01"]),
    ) {
        let p = pack();
        let on = Date::parse(on).unwrap();
        // Some answers come prefilled by the embedding site; the rest are asked.
        let mut facts = Facts::unknown(&p.facts);
        for (f, pre) in prefilled.iter().enumerate() {
            if *pre {
                facts.set(f, Some(sheet[f]));
            }
        }
        let mut asked: Vec<FactIx> = Vec::new();
        let mut left_at_each_step: Vec<usize> = Vec::new();
        loop {
            let verdicts = evaluate(p, &facts, on);
            left_at_each_step.push(questions_left(p, &facts, &verdicts));
            let Some(f) = next_question(p, &facts, &verdicts) else { break };
            prop_assert!(!asked.contains(&f), "{} asked twice", id(f));
            prop_assert!(!facts.is_known(f) && is_askable(p, &facts, f));
            prop_assert!(asked.len() < p.facts.len(), "the journey does not end");
            asked.push(f);
            facts.set(f, Some(sheet[f]));
        }
        let verdicts = evaluate(p, &facts, on);
        // (f) questions_left never undercounts what is still to come, and is 0 at the end.
        for (step, left) in left_at_each_step.iter().enumerate() {
            let to_come = asked.len() - step;
            prop_assert!(*left >= to_come, "step {}: {} questions left, but {} more were asked", step, left, to_come);
        }
        prop_assert_eq!(*left_at_each_step.last().unwrap(), 0);
        // (e) Nothing is left undetermined that could still be asked.
        for v in &verdicts {
            if v.status == Status::Undetermined {
                let askable: Vec<_> = askable_missing(&facts, v).map(id).collect();
                prop_assert!(askable.is_empty(), "{} undetermined, still needing {:?}", p.policies[v.policy].id, askable);
            }
        }
        // In the default pack every gate mirrors a criterion of the policies that
        // need the gated fact, so a journey settles everything and knows every amount.
        for v in &verdicts {
            let policy = &p.policies[v.policy];
            prop_assert!(v.status.is_settled(), "{} left undetermined after asking {:?}", policy.id, asked.iter().map(|f| id(*f)).collect::<Vec<_>>());
            if v.status.conditions_hold() && policy.amount.is_some() {
                prop_assert!(v.max_amount.is_some(), "{} met without an amount", policy.id);
            }
        }
        // And the journey's results are those of the whole answer sheet.
        let mut everything = Facts::unknown(&p.facts);
        for (f, value) in sheet.iter().enumerate() {
            everything.set(f, Some(*value));
        }
        let complete = evaluate(p, &everything, on);
        for (v, c) in verdicts.iter().zip(&complete) {
            // A policy already ruled out by a criterion need not have its
            // scope asked: it may be "not for you" on the full sheet.
            let same = (v.status, v.max_amount) == (c.status, c.max_amount) || (v.status == Status::Ineligible && c.status == Status::NotApplicable);
            prop_assert!(same, "{}: {:?} after the journey, {:?} on the whole sheet", p.policies[v.policy].id, (v.status, v.max_amount), (c.status, c.max_amount));
        }
        // Facts no policy reads are never asked.
        let asked_ids: BTreeSet<&str> = asked.iter().map(|f| id(*f)).collect();
        prop_assert!(!asked_ids.contains("education"));
    }
}

// ---------------------------------------------------------------- skipped questions ("I don't know")

/// Answers next questions from `sheet` until none is left, skipping (never
/// answering) the facts in `skips`; returns the facts, the questions asked
/// and questions_left_skipping before each step.
fn journey_skipping(sheet: &[Value], skips: &[FactIx]) -> (Facts, Vec<FactIx>, Vec<usize>) {
    let p = pack();
    let mut facts = Facts::unknown(&p.facts);
    let mut skipped: Vec<FactIx> = Vec::new();
    let mut asked = Vec::new();
    let mut left = Vec::new();
    loop {
        let verdicts = evaluate(p, &facts, date());
        left.push(questions_left_skipping(p, &facts, &verdicts, &skipped));
        let Some(f) = next_question_skipping(p, &facts, &verdicts, &skipped) else { break };
        assert!(!skipped.contains(&f), "{} asked again after being skipped", id(f));
        assert!(asked.len() < p.facts.len(), "the journey does not end");
        asked.push(f);
        if skips.contains(&f) {
            skipped.push(f);
        } else {
            facts.set(f, Some(sheet[f]));
        }
    }
    (facts, asked, left)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_skipped_question_is_never_asked_again_and_the_count_still_bounds_the_rest(
        sheet in answer_sheet(),
        skip_mask in prop::collection::vec(prop::bool::weighted(0.2), pack().facts.len()),
    ) {
        let skips: Vec<FactIx> = (0..pack().facts.len()).filter(|f| skip_mask[*f]).collect();
        let (_, asked, left) = journey_skipping(&sheet, &skips);
        let distinct: BTreeSet<_> = asked.iter().collect();
        prop_assert_eq!(distinct.len(), asked.len(), "a question was asked twice");
        for (step, l) in left.iter().enumerate() {
            prop_assert!(*l >= asked.len() - step, "step {}: {} left, {} asked", step, l, asked.len() - step);
        }
    }
}

#[test]
fn when_no_question_is_left_after_skipping_the_count_is_zero() {
    // Skip the city; answer everything else with the first choice / lowest value.
    let sheet: Vec<Value> = (0..pack().facts.len()).map(|f| probe_answers(f).first().copied().unwrap_or(Value::Bool(false))).collect();
    let (_, asked, left) = journey_skipping(&sheet, &[ix("city")]);
    assert!(asked.contains(&ix("city")));
    assert!(!asked.contains(&ix("district")), "district is never asked without the city");
    assert_eq!(*left.last().unwrap(), 0, "no question comes, yet questions are reported left");
}
