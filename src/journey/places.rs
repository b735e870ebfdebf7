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
    /// The verdicts there that differ from the person's own, in pack order.
    pub differences: Vec<Verdict>,
    /// The questions that could still change a differing result there,
    /// unanswered and askable with the person's own answers, in pack order.
    pub questions: Vec<FactIx>,
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
            let evaluated: Vec<Verdict> = touched.iter().map(|&p| evaluate_policy(pack, p, &there, date)).collect();
            // No policy the place confines could apply here (outside Shandong).
            if touched.iter().all(|&p| truth(&pack.policies[p].scope.place, &there) == Truth::False) {
                continue;
            }
            let is_current = answers.iter().all(|&(f, v)| facts.get(f) == Some(Value::Enum(v)));
            let differences: Vec<Verdict> = if is_current {
                Vec::new()
            } else {
                evaluated.into_iter().filter(|v| verdicts.get(v.policy).is_none_or(|mine| mine.status != v.status || mine.max_amount != v.max_amount)).collect()
            };
            let mut questions: Vec<FactIx> = differences
                .iter()
                .filter(|v| v.status == Status::Undetermined || v.status.conditions_hold())
                .flat_map(|v| v.missing.iter().copied())
                .filter(|&f| !place_facts.contains(&f) && !declined.contains(&f) && !facts.is_known(f) && is_askable(pack, facts, f))
                .collect();
            crate::engine::sort_small::sort_dedup(&mut questions);
            places.push(Place { answers, is_current, differences, questions });
        }
    }
    places
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
    fn a_pack_without_place_scopes_has_nothing_to_compare() {
        let mut pack = pack();
        for p in &mut pack.policies {
            p.scope.place = crate::engine::Expr::Bool(true);
        }
        assert!(compared(&pack, serde_json::json!({"applicant": "individual"}), &[]).is_empty());
    }
}
