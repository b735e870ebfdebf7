//! "What if I worked elsewhere" (比一比): the same answers with only the place
//! changed, and for each place the policies whose result would differ.
//!
//! The places come from the pack itself: the facts that policies' scopes
//! confine by place (city, district), the first of them that is always asked
//! as the place's root, and a fact asked only for one of its values (the
//! district, for Qingdao) as that value's parts. A place where no policy of
//! the pack could apply (outside Shandong) is left out. Nothing is assumed:
//! every answer but the place stays as given, and an unknown one stays
//! unknown; what a place would still need to know is offered as questions.

use crate::engine::{evaluate_policy, is_askable, truth, Date, FactIx, FactKind, Facts, Pack, Status, Truth, Value, Verdict};

/// One place to compare with the person's own answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The place's answers: the root (city) and, where it has parts, the part
    /// (district): (fact, choice).
    pub answers: Vec<(FactIx, u8)>,
    /// Whether these are the person's own answers (nothing to compare).
    pub is_current: bool,
    /// The verdicts there that differ from the person's own: what the place
    /// would offer first, then what is still open, then what it would not;
    /// in pack order within each.
    pub differences: Vec<Difference>,
    /// The questions that could still change a differing result there,
    /// unanswered and askable with the person's own answers, in pack order.
    pub questions: Vec<FactIx>,
}

/// A policy whose result would differ in a place: what it would be there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Difference {
    /// Index into [`Pack::policies`].
    pub policy: usize,
    pub status: Status,
    /// The maximum amount there, once every condition holds.
    pub max_amount: Option<i64>,
}

/// The facts a policy's scope confines by place, in pack order, with the
/// root first: those read by some policy's `scope.place`.
fn place_facts(pack: &Pack) -> Vec<FactIx> {
    let mut facts: Vec<FactIx> =
        pack.policies.iter().flat_map(|p| p.scope.place.facts()).filter(|&f| matches!(pack.facts[f].kind, FactKind::Enum(_))).collect();
    crate::engine::sort_small::sort_dedup(&mut facts);
    facts
}

/// Whether the pack has places to compare (some policy is confined by place).
pub fn compares_places(pack: &Pack) -> bool {
    place_facts(pack).iter().any(|&f| pack.facts[f].asked_when.is_none())
}

/// The places the pack covers, each compared with `facts` (the person's
/// answers, "I don't know" as unknown) and `verdicts` (evaluated from them).
/// `declined` are the questions answered "I don't know": never offered again.
pub fn compare_places(pack: &Pack, facts: &Facts, verdicts: &[Verdict], declined: &[FactIx], date: Date) -> Vec<Place> {
    let place_facts = place_facts(pack);
    let Some(&root) = place_facts.iter().find(|&&f| pack.facts[f].asked_when.is_none()) else { return Vec::new() };
    // Only a policy that reads a place fact can change with the place.
    let touched: Vec<usize> =
        pack.policies.iter().enumerate().filter(|(_, p)| p.facts_read().iter().any(|f| place_facts.contains(f))).map(|(i, _)| i).collect();
    // Most of them read the place in their scope alone: their result changes
    // only where the scope's place reads differently, so only those are
    // evaluated again.
    let beyond_scope: Vec<bool> = touched.iter().map(|&p| reads_place_beyond_scope(&pack.policies[p], &place_facts)).collect();
    let at_home: Vec<Truth> = touched.iter().map(|&p| truth(&pack.policies[p].scope.place, facts)).collect();
    let mut places = Vec::new();
    for value in 0..pack.facts[root].kind.choices().len() as u8 {
        let at_root = with_place(facts, &place_facts, &[(root, value)]);
        // A part of this place: a place fact asked only here (the district).
        let part =
            place_facts.iter().copied().find(|&f| f != root && pack.facts[f].asked_when.as_ref().is_some_and(|gate| truth(gate, &at_root) == Truth::True));
        let answers: Vec<Vec<(FactIx, u8)>> = match part {
            Some(part) => (0..pack.facts[part].kind.choices().len() as u8).map(|v| vec![(root, value), (part, v)]).collect(),
            None => vec![vec![(root, value)]],
        };
        for answers in answers {
            let there = with_place(facts, &place_facts, &answers);
            let is_current = answers.iter().all(|&(f, v)| facts.get(f) == Some(Value::Enum(v)));
            let mut reachable = false;
            let mut differences = Vec::new();
            let mut questions = Vec::new();
            for (k, &p) in touched.iter().enumerate() {
                let place_there = truth(&pack.policies[p].scope.place, &there);
                reachable |= place_there != Truth::False;
                let mine = verdicts.get(p);
                let unchanged =
                    !beyond_scope[k] && (place_there == at_home[k] || (place_there == Truth::False && mine.is_some_and(|m| m.status == Status::NotApplicable)));
                if is_current || unchanged {
                    continue;
                }
                // A scope the place rules out is "not for you" whatever else
                // holds: no need to evaluate the rest (most of a province's
                // policies, in any one place).
                let (there, missing) = if place_there == Truth::False {
                    (Difference { policy: p, status: Status::NotApplicable, max_amount: None }, Vec::new())
                } else {
                    let v = evaluate_policy(pack, p, &there, date);
                    (Difference { policy: p, status: v.status, max_amount: v.max_amount }, v.missing)
                };
                if mine.is_none_or(|mine| mine.status != there.status || mine.max_amount != there.max_amount) {
                    if there.status == Status::Undetermined || there.status.conditions_hold() {
                        questions.extend(missing);
                    }
                    differences.push(there);
                }
            }
            // No policy the place confines could apply here (outside Shandong).
            if !reachable {
                continue;
            }
            // What the place would offer first, then what is still open, then what it would not.
            differences.sort_by_key(|d| offer_rank(d.status));
            questions.retain(|&f| !place_facts.contains(&f) && !declined.contains(&f) && !facts.is_known(f) && is_askable(pack, facts, f));
            crate::engine::sort_small::sort_dedup(&mut questions);
            places.push(Place { answers, is_current, differences, questions });
        }
    }
    places
}

/// How much a differing result offers: what the place would give (0), what
/// is still open there (1), what it would not (2).
fn offer_rank(status: Status) -> u8 {
    if status.conditions_hold() {
        0
    } else if status == Status::Undetermined {
        1
    } else {
        2
    }
}

/// Whether `policy` reads a place fact other than in its `scope.place` (in
/// who it is for, a criterion or its amount).
fn reads_place_beyond_scope(policy: &crate::engine::Policy, place_facts: &[FactIx]) -> bool {
    let amount = policy.amount.iter().flat_map(|a| a.rule.facts.iter());
    let criteria = policy.criteria.iter().flat_map(|c| c.rule.facts.iter());
    policy.scope.applicant.facts().iter().chain(criteria).chain(amount).any(|f| place_facts.contains(f))
}

/// `facts` with the place set to `answers`, every other place fact unknown
/// (a district belongs to its city).
fn with_place(facts: &Facts, place_facts: &[FactIx], answers: &[(FactIx, u8)]) -> Facts {
    let mut there = facts.clone();
    for &f in place_facts {
        there.set(f, None);
    }
    for &(f, v) in answers {
        there.set(f, Some(Value::Enum(v)));
    }
    there
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;

    fn pack() -> Pack {
        let files = crate::pack::PackFiles::from_dir(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini"))).unwrap();
        crate::pack::load(&files).unwrap()
    }

    /// One place compared: ("city/district", whether hers, [(policy, status, amount)], [question]).
    type Compared = (String, bool, Vec<(String, &'static str, Option<i64>)>, Vec<String>);

    /// The places compared for `answers`.
    fn compared(pack: &Pack, answers: serde_json::Value, declined: &[&str]) -> Vec<Compared> {
        let facts = Facts::from_json(&pack.facts, &answers).unwrap();
        let date = Date::new(2026, 12, 3).unwrap();
        let verdicts = evaluate(pack, &facts, date);
        let declined: Vec<FactIx> = declined.iter().map(|id| pack.fact_ix(id).unwrap()).collect();
        compare_places(pack, &facts, &verdicts, &declined, date)
            .into_iter()
            .map(|place| {
                let name = place.answers.iter().map(|&(f, v)| pack.facts[f].kind.choices()[v as usize].id.clone()).collect::<Vec<_>>().join("/");
                let differences = place.differences.iter().map(|v| (pack.policies[v.policy].id.clone(), v.status.as_str(), v.max_amount)).collect();
                let questions = place.questions.iter().map(|&f| pack.facts[f].id.clone()).collect();
                (name, place.is_current, differences, questions)
            })
            .collect()
    }

    #[test]
    fn the_places_are_the_districts_of_the_city_with_parts_and_never_a_place_no_policy_could_reach() {
        let pack = pack();
        let places = compared(&pack, serde_json::json!({"applicant": "individual", "city": "qingdao", "district": "shinan", "age": 65}), &[]);
        let names: Vec<&str> = places.iter().map(|p| p.0.as_str()).collect();
        // Every policy of the fixture is Qingdao's: Zaozhuang and outside Shandong are left out.
        assert_eq!(names, ["qingdao/shinan", "qingdao/gaoxin", "qingdao/other"]);
        assert!(places[0].1 && places[0].2.is_empty(), "her own place: nothing to compare");
        // In the Hi-tech Zone, the Shinan card is not for her; the city's grant and service are the same.
        assert_eq!(places[1].2, [("card".to_string(), "not_applicable", None)]);
        assert!(!places[1].1);
    }

    #[test]
    fn moving_to_a_place_shows_what_it_would_offer_on_the_same_answers() {
        let pack = pack();
        let places = compared(&pack, serde_json::json!({"applicant": "individual", "city": "zaozhuang", "age": 65, "talent_titles": []}), &[]);
        let shinan = places.iter().find(|p| p.0 == "qingdao/shinan").unwrap();
        let grant = shinan.2.iter().find(|d| d.0 == "grant").unwrap();
        assert_eq!((grant.1, grant.2), ("eligible", Some(65_000)), "{shinan:?}");
        assert!(places.iter().all(|p| !p.1), "a place she did not choose is never marked as hers");
    }

    #[test]
    fn an_unknown_answer_stays_unknown_and_is_offered_as_a_question_not_assumed() {
        let pack = pack();
        let places = compared(&pack, serde_json::json!({"applicant": "individual", "city": "zaozhuang"}), &[]);
        let shinan = places.iter().find(|p| p.0 == "qingdao/shinan").unwrap();
        let grant = shinan.2.iter().find(|d| d.0 == "grant").unwrap();
        assert_eq!(grant.1, "undetermined", "no age: never eligible nor ineligible by default");
        assert_eq!(grant.2, None, "no amount without an age");
        assert!(shinan.3.contains(&"age".to_string()) && shinan.3.contains(&"talent_titles".to_string()), "{:?}", shinan.3);
        // Never the place itself, and never a question declined.
        assert!(!shinan.3.iter().any(|q| q == "city" || q == "district"));
        let declined = compared(&pack, serde_json::json!({"applicant": "individual", "city": "zaozhuang"}), &["age"]);
        assert!(!declined.iter().any(|p| p.3.contains(&"age".to_string())));
    }

    #[test]
    fn evaluating_only_what_the_place_can_change_finds_every_difference_a_full_evaluation_finds() {
        let generated = crate::pack::load(&crate::pack::generated_pack_files(&crate::default_pack::files(), 200)).unwrap();
        let packs = [pack(), crate::default_pack::pack(), generated];
        let date = Date::new(2026, 12, 3).unwrap();
        let cases = [
            serde_json::json!({"applicant": "individual", "city": "qingdao", "district": "shinan", "age": 65}),
            serde_json::json!({"applicant": "individual", "city": "zaozhuang", "age": 35, "talent_titles": ["national_high_level"]}),
            serde_json::json!({"applicant": "enterprise", "city": "qingdao"}),
            serde_json::json!({"applicant": "individual"}),
            serde_json::json!({}),
        ];
        let mut compared_any = 0;
        for pack in &packs {
            let all_place_facts = place_facts(pack);
            for case in &cases {
                let facts = Facts::from_json(&pack.facts, case).unwrap();
                let verdicts = evaluate(pack, &facts, date);
                for place in compare_places(pack, &facts, &verdicts, &[], date) {
                    let there = with_place(&facts, &all_place_facts, &place.answers);
                    let mut full: Vec<(usize, Status, Option<i64>)> = evaluate(pack, &there, date)
                        .into_iter()
                        .filter(|v| !place.is_current && (verdicts[v.policy].status != v.status || verdicts[v.policy].max_amount != v.max_amount))
                        .map(|v| (v.policy, v.status, v.max_amount))
                        .collect();
                    let mut found: Vec<(usize, Status, Option<i64>)> = place.differences.iter().map(|d| (d.policy, d.status, d.max_amount)).collect();
                    full.sort_unstable();
                    found.sort_unstable();
                    assert_eq!(found, full, "{case} at {:?}", place.answers);
                    compared_any += found.len();
                }
            }
        }
        assert!(compared_any > 10, "the cases must find differences to compare ({compared_any})");
    }

    #[test]
    fn what_a_place_would_offer_comes_before_what_it_would_not() {
        let pack = crate::default_pack::pack();
        let facts = Facts::from_json(&pack.facts, &serde_json::json!({"applicant": "individual", "city": "zaozhuang", "age": 35})).unwrap();
        let date = Date::new(2026, 12, 3).unwrap();
        let verdicts = evaluate(&pack, &facts, date);
        let mut mixed = 0;
        for place in compare_places(&pack, &facts, &verdicts, &[], date) {
            let ranks: Vec<u8> = place
                .differences
                .iter()
                .map(|v| match v.status {
                    s if s.conditions_hold() => 0,
                    Status::Undetermined => 1,
                    _ => 2,
                })
                .collect();
            assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?} at {:?}", place.answers);
            mixed += usize::from(ranks.first() != ranks.last());
        }
        assert!(mixed > 0, "some place must both offer and withhold, or the order is untested");
    }

    #[test]
    fn a_pack_without_place_scopes_has_nothing_to_compare() {
        let mut pack = pack();
        for p in &mut pack.policies {
            p.scope.place = crate::engine::Expr::Bool(true);
        }
        assert!(compared(&pack, serde_json::json!({"applicant": "individual"}), &[]).is_empty());
    }
}
