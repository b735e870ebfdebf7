//! Properties of the engine over the default pack, for generated answers:
//! reading answers never panics and reports exactly the bad ones; more
//! answers never undo a settled result (three-valued logic is monotone);
//! evaluation is deterministic.

use policy_explainer::default_pack;
use policy_explainer::engine::{
    evaluate, explain, next_question, questions_left, value_to_json, Basis, CriterionStatus, Date, FactError, FactIx, FactKind, Facts, Lang, Pack, Status,
    Value,
};
use policy_explainer::pack::load;
use proptest::prelude::*;
use serde_json::{json, Map, Value as Json};
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn pack() -> &'static Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(|| load(&default_pack::files()).expect("the default pack loads"))
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

// ---------------------------------------------------------------- strategies

fn any_date() -> impl Strategy<Value = Date> {
    (2000i32..2040, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

/// A valid answer for fact `ix`: its domain's bounds and the pack's
/// thresholds (±1) are as likely as any other number.
fn valid_value(ix: FactIx) -> BoxedStrategy<Value> {
    let p = pack();
    match &p.facts[ix].kind {
        FactKind::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        FactKind::Int { min, max } => {
            let probes = p.probes(ix).to_vec();
            prop_oneof![prop::sample::select(probes), (*min..=*max).prop_map(Value::Int)].boxed()
        }
        FactKind::Enum(c) => (0..c.len() as u8).prop_map(Value::Enum).boxed(),
        FactKind::Set(c) => {
            let all = if c.len() >= 64 { u64::MAX } else { (1u64 << c.len()) - 1 };
            (0..=all).prop_map(Value::Set).boxed()
        }
        FactKind::Date { min, max } => {
            let (min, max) = (*min, *max);
            (-20_000i64..40_000)
                .prop_map(Date::from_days_since_epoch)
                .prop_filter("inside the fact's dates", move |d| min.is_none_or(|m| *d >= m) && max.is_none_or(|m| *d <= m))
                .prop_map(Value::Date)
                .boxed()
        }
    }
}

/// Valid answers to some of the facts (each known with probability `p_known`).
fn partial_facts(p_known: f64) -> impl Strategy<Value = Vec<Option<Value>>> {
    (0..pack().facts.len()).map(|ix| prop::option::weighted(p_known, valid_value(ix))).collect::<Vec<_>>()
}

fn facts_from(values: &[Option<Value>]) -> Facts {
    let mut facts = Facts::unknown(&pack().facts);
    for (ix, v) in values.iter().enumerate() {
        facts.set(ix, *v);
    }
    facts
}

/// How a generated JSON answer should be received.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Absent,
    Null,
    Valid,
    /// Outside the domain or of the wrong type: must be refused.
    Bad,
}

/// Invalid JSON answers for fact `ix`: out of the domain or of the wrong type.
fn bad_answer(ix: FactIx) -> BoxedStrategy<Json> {
    let wrong_type = prop_oneof![Just(json!({"a": 1})), Just(json!([[1]]))];
    match &pack().facts[ix].kind {
        FactKind::Bool => prop_oneof![Just(json!(1)), Just(json!("true")), Just(json!([true])), wrong_type].boxed(),
        FactKind::Int { min, max } => {
            let (min, max) = (*min, *max);
            prop_oneof![
                (1i64..1_000_000).prop_map(move |d| json!(min.saturating_sub(d))),
                (1i64..1_000_000).prop_map(move |d| json!(max.saturating_add(d))),
                Just(json!(u64::MAX)),
                Just(json!(60.5)),
                Just(json!("45")),
                Just(json!(true)),
                wrong_type,
            ]
            .boxed()
        }
        FactKind::Enum(c) => {
            let ids: Vec<String> = c.iter().map(|c| c.id.clone()).collect();
            prop_oneof![
                prop::sample::select(ids.clone()).prop_map(|id| json!(id.to_uppercase() + "!")),
                prop::sample::select(ids).prop_map(|id| json!([id])),
                Just(json!(3)),
                Just(json!(false)),
                Just(json!("")),
                wrong_type,
            ]
            .boxed()
        }
        FactKind::Set(c) => {
            let ids: Vec<String> = c.iter().map(|c| c.id.clone()).collect();
            prop_oneof![
                prop::sample::select(ids.clone()).prop_map(|id| json!([id, "no-such-choice"])),
                prop::sample::select(ids.clone()).prop_map(|id| json!(id)),
                prop::sample::select(ids).prop_map(|id| json!([id, 1])),
                Just(json!([null])),
                Just(json!(7)),
                wrong_type,
            ]
            .boxed()
        }
        FactKind::Date { .. } => prop_oneof![Just(json!("2026-02-30")), Just(json!("2026-1-1")), Just(json!(20260101)), wrong_type].boxed(),
    }
}

/// An answer for fact `ix`; bad ones only if `allow_bad`.
fn json_answer(ix: FactIx, allow_bad: bool) -> BoxedStrategy<(Kind, Json)> {
    let def = &pack().facts[ix];
    let good = prop_oneof![
        4 => Just((Kind::Absent, Json::Null)),
        1 => Just((Kind::Null, Json::Null)),
        4 => valid_value(ix).prop_map(move |v| (Kind::Valid, value_to_json(def, v))),
    ];
    if allow_bad {
        prop_oneof![20 => good, 1 => bad_answer(ix).prop_map(|j| (Kind::Bad, j))].boxed()
    } else {
        good.boxed()
    }
}

/// Keys that are not facts of the pack, some of them near misses.
fn unknown_keys() -> impl Strategy<Value = Vec<String>> {
    let ids: Vec<String> = pack().facts.iter().map(|f| f.id.clone()).collect();
    let key = prop_oneof![
        prop::sample::select(ids.clone()).prop_map(|id| format!("{id}x")),
        prop::sample::select(ids).prop_map(|id| id[1..].to_string()),
        "[A-Z][a-z]{0,6}",
    ]
    .prop_filter("not a fact", |k| pack().fact_ix(k).is_none());
    prop::collection::vec(key, 0..3)
}

/// A facts object of valid, null, out-of-domain and wrongly typed answers and
/// unknown keys, with the keys that must be refused. Half of them are clean
/// (valid and null answers only), so that evaluation gets exercised too.
fn arbitrary_facts_json() -> impl Strategy<Value = (Json, BTreeSet<String>)> {
    any::<bool>().prop_flat_map(facts_json)
}

fn facts_json(allow_bad: bool) -> impl Strategy<Value = (Json, BTreeSet<String>)> {
    let answers = (0..pack().facts.len()).map(|ix| json_answer(ix, allow_bad)).collect::<Vec<_>>();
    let unknown = if allow_bad { unknown_keys().boxed() } else { Just(Vec::new()).boxed() };
    (answers, unknown, any::<u8>()).prop_map(|(answers, unknown, junk)| {
        let mut map = Map::new();
        let mut bad = BTreeSet::new();
        for (def, (kind, j)) in pack().facts.iter().zip(answers) {
            if kind == Kind::Bad {
                bad.insert(def.id.clone());
            }
            if kind != Kind::Absent {
                map.insert(def.id.clone(), j);
            }
        }
        for k in unknown {
            map.insert(k.clone(), json!(junk));
            bad.insert(k);
        }
        (Json::Object(map), bad)
    })
}

fn error_key(e: &FactError) -> Option<&str> {
    match e {
        FactError::UnknownFact { id, .. } | FactError::WrongType { id, .. } | FactError::OutOfDomain { id, .. } => Some(id),
        FactError::NotAnObject { .. } => None,
    }
}

// ---------------------------------------------------------------- (a) no panics, exact errors

proptest! {
    #![proptest_config(config())]

    #[test]
    fn reading_arbitrary_facts_refuses_exactly_the_bad_answers_and_evaluation_never_panics(
        (json, bad) in arbitrary_facts_json(),
        date in any_date(),
    ) {
        let p = pack();
        match Facts::from_json(&p.facts, &json) {
            Err(errors) => {
                let named: BTreeSet<String> = errors.iter().filter_map(|e| error_key(e).map(str::to_string)).collect();
                prop_assert_eq!(errors.len(), bad.len(), "one error per bad key: {:?}", errors);
                prop_assert_eq!(named, bad.clone());
                for e in &errors {
                    let key = error_key(e).unwrap();
                    prop_assert!(e.to_string().contains(&format!("`{key}`")), "{} does not name {}", e, key);
                }
            }
            Ok(facts) => {
                prop_assert!(bad.is_empty(), "accepted bad answers for {:?}", bad);
                // What was read is what was written, minus the nulls.
                let mut expected = json.as_object().unwrap().clone();
                expected.retain(|_, v| !v.is_null());
                prop_assert_eq!(facts.to_json(&p.facts), Json::Object(expected));
                let verdicts = evaluate(p, &facts, date);
                prop_assert_eq!(verdicts.len(), p.policies.len());
                let next = next_question(p, &facts, &verdicts);
                let left = questions_left(p, &facts, &verdicts);
                if next.is_some() {
                    prop_assert!(left >= 1);
                }
                for v in &verdicts {
                    prop_assert_eq!(v.criteria.len(), p.policies[v.policy].criteria.len());
                    for lang in Lang::ALL {
                        let e = explain(p, v, &facts, lang);
                        prop_assert_eq!(e.status, v.status);
                        // Not for you is one line saying why, never a near miss.
                        prop_assert_eq!(e.not_for_you.is_some(), v.status == Status::NotApplicable);
                        // "You qualify" only where the article states every
                        // condition and nobody else decides.
                        let policy = &p.policies[v.policy];
                        if v.status == Status::Eligible {
                            prop_assert!(policy.all_stated() && !policy.decision.is_discretionary(), "{} eligible", policy.id);
                        }
                        // Failed criteria explain a result that rules the
                        // policy out: stated ones "ineligible", inferred
                        // ones "unlikely", and only those.
                        let basis_of = |i: usize| policy.criteria[i].basis;
                        let failed = match v.status {
                            Status::Ineligible => v.failed().filter(|&i| basis_of(i) == Basis::Stated).count(),
                            Status::Unlikely => v.failed().filter(|&i| basis_of(i) == Basis::Inferred).count(),
                            _ => 0,
                        };
                        prop_assert_eq!(e.failed.len(), failed);
                        prop_assert_eq!(e.needed.len(), failed);
                        prop_assert_eq!(e.amount.is_some(), v.max_amount.is_some());
                        // Every condition not met says what was needed and
                        // what was answered (or, for an example, that it is
                        // only the article's example).
                        for c in &e.criteria {
                            prop_assert_eq!(c.needed.is_some(), c.status == CriterionStatus::NotMet);
                        }
                        // A verdict is as strong as its grounds (revision 3).
                        prop_assert_eq!(v.status == Status::Likely, v.status.conditions_hold() && !policy.all_stated());
                        if v.status == Status::Unclear {
                            prop_assert!(e.unclear_note.is_some());
                            prop_assert!(v.failed().all(|i| basis_of(i) == Basis::Example), "{} unclear on a stated or inferred failure", policy.id);
                        }
                        if v.status == Status::Unlikely {
                            prop_assert!(v.failed().all(|i| basis_of(i) != Basis::Stated), "{} unlikely on a stated failure", policy.id);
                        }
                        let refuses = ["不符合条件", "You do not qualify"];
                        let qualifies = ["You qualify"];
                        let published = ["符合公开条件", "published conditions"];
                        let says = |words: &[&str]| words.iter().any(|w| e.headline.contains(w));
                        prop_assert_eq!(says(&refuses), v.status == Status::Ineligible, "{}: {}", policy.id, e.headline);
                        prop_assert_eq!(says(&published), v.status == Status::MeetsConditions, "{}: {}", policy.id, e.headline);
                        if says(&qualifies) {
                            prop_assert_eq!(v.status, Status::Eligible, "{}: {}", policy.id, e.headline);
                        }
                        // Where an office decides or a condition is our
                        // reading, an amount is only "if approved".
                        if let Some(a) = &e.amount {
                            prop_assert_eq!(a.contains("如获批准") || a.contains("if approved"), v.status != Status::Eligible, "{}", a);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn facts_that_are_not_an_object_are_refused_once(
        json in prop_oneof![Just(json!(null)), Just(json!([1, 2])), Just(json!("city")), any::<i64>().prop_map(|n| json!(n)), any::<bool>().prop_map(|b| json!(b))]
    ) {
        let errors = Facts::from_json(&pack().facts, &json).unwrap_err();
        prop_assert_eq!(errors.len(), 1);
        prop_assert!(matches!(errors[0], FactError::NotAnObject { .. }), "{:?}", errors);
    }
}

// ---------------------------------------------------------------- (b) monotonicity

proptest! {
    #![proptest_config(config())]

    #[test]
    fn more_answers_never_change_a_settled_result(
        known in partial_facts(0.35),
        extra in partial_facts(0.5),
        date in any_date(),
    ) {
        let p = pack();
        let f = facts_from(&known);
        // G answers everything F does, the same way, and some facts F leaves unknown.
        let extended: Vec<Option<Value>> = known.iter().zip(&extra).map(|(k, e)| k.or(*e)).collect();
        let g = facts_from(&extended);
        let (vf, vg) = (evaluate(p, &f, date), evaluate(p, &g, date));
        for (a, b) in vf.iter().zip(&vg) {
            let id = &p.policies[a.policy].id;
            // The two moves a settled result may make, both in the
            // catalogue's order of precedence: a policy settled while its
            // scope was unknown turns out not to be for this applicant at
            // all; one unlikely by our reading turns out to fail a stated
            // condition too.
            let scope_now_known = b.status == Status::NotApplicable && a.scope == CriterionStatus::Unknown;
            let stated_now_known = a.status == Status::Unlikely && b.status == Status::Ineligible;
            if a.status.is_settled() && !scope_now_known && !stated_now_known {
                prop_assert_eq!(a.status, b.status, "{} was {:?} and became {:?}", id, a.status, b.status);
            }
            if a.max_amount.is_some() {
                prop_assert_eq!(a.max_amount, b.max_amount, "{}: a known amount changed", id);
            }
            for (i, (ca, cb)) in a.criteria.iter().zip(&b.criteria).enumerate() {
                if *ca != CriterionStatus::Unknown {
                    prop_assert_eq!(ca, cb, "{} criterion {}", id, i);
                }
            }
            let missing_f: BTreeSet<_> = a.missing.iter().collect();
            prop_assert!(b.missing.iter().all(|m| missing_f.contains(m)), "{}: missing grew from {:?} to {:?}", id, a.missing, b.missing);
        }
        prop_assert!(questions_left(p, &g, &vg) <= questions_left(p, &f, &vf));
    }

    #[test]
    fn the_dates_alone_decide_whether_a_policy_is_in_force(a in partial_facts(0.5), b in partial_facts(0.5), date in any_date()) {
        // Two different applicants on the same day: a policy that is not in
        // force for one is not in force, the same way, for the other, with
        // nothing missing and no amount; one in force for one is for both.
        let p = pack();
        let (va, vb) = (evaluate(p, &facts_from(&a), date), evaluate(p, &facts_from(&b), date));
        // Scope is judged first: a policy that is not for one of them is
        // "not for you" to that one, whatever the date.
        let out = |s: Status| matches!(s, Status::Expired | Status::NotYetEffective);
        for (x, y) in va.iter().zip(&vb) {
            if x.status == Status::NotApplicable || y.status == Status::NotApplicable {
                continue;
            }
            prop_assert_eq!(out(x.status), out(y.status), "{}", p.policies[x.policy].id);
            if out(x.status) {
                prop_assert_eq!(x.status, y.status);
                prop_assert!(x.missing.is_empty() && x.max_amount.is_none());
            }
        }
    }

}

// ---------------------------------------------------------------- (c) determinism

proptest! {
    #![proptest_config(config())]

    #[test]
    fn evaluation_is_deterministic(known in partial_facts(0.4), date in any_date()) {
        let p = pack();
        let facts = facts_from(&known);
        let first = evaluate(p, &facts, date);
        let again = evaluate(p, &facts, date);
        prop_assert_eq!(&first, &again);
        // A freshly loaded pack gives the same answers.
        let fresh = load(&default_pack::files()).unwrap();
        let from_fresh = evaluate(&fresh, &facts, date);
        prop_assert_eq!(&first, &from_fresh);
        prop_assert_eq!(next_question(p, &facts, &first), next_question(&fresh, &facts, &from_fresh));
        prop_assert_eq!(questions_left(p, &facts, &first), questions_left(&fresh, &facts, &from_fresh));
        for v in &first {
            for lang in Lang::ALL {
                prop_assert_eq!(explain(p, v, &facts, lang), explain(&fresh, v, &facts, lang));
            }
        }
    }
}
