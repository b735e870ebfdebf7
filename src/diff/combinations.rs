//! The answers worth trying for one policy in two packs: the combinations
//! of the values that decide its conditions.

use super::FactSet;
use crate::engine::{value_from_json, value_to_json, FactIx, Facts, Pack, Policy, Value};
use std::collections::BTreeMap;

/// The facts a policy's verdict reads in `pack`: its scope, criteria and
/// amount, and the pack's coverage condition.
fn reads(pack: &Pack, p: &Policy) -> Vec<FactIx> {
    let mut facts = p.facts_read();
    facts.extend(pack.coverage.iter().flat_map(|c| c.when.facts()));
    facts
}

/// The answers worth trying for one policy in both packs: for each fact it
/// reads in either, "unknown" and every probe value of either pack; all
/// combinations up to a bound, else that many of them picked by a fixed
/// pseudo-random sequence (the same every run). Made one at a time, so that
/// a bound of millions does not hold millions of answer sets in memory, and
/// as the engine's values in each pack's terms, so that trying one is
/// setting a few answers.
pub(super) struct Combinations {
    /// One per fact, in the order of their ids.
    axes: Vec<Axis>,
    order: Order,
    /// How many are still to come.
    left: usize,
    /// The current combination: for each axis, which of its values.
    picks: Vec<usize>,
}

/// One fact a policy reads in either pack, and the answers to try for it.
struct Axis {
    id: String,
    /// Where the fact is in the old and in the new pack, if it is there.
    at: [Option<FactIx>; 2],
    /// Unknown first, then each probe value of either pack.
    values: Vec<Probe>,
}

/// One answer to try.
struct Probe {
    /// The answer in the old and in the new pack's terms; unknown in a pack
    /// that lacks the fact or the value.
    value: [Option<Value>; 2],
    /// The answer as an example shows it, the same for both packs (`null`:
    /// unknown).
    json: serde_json::Value,
}

enum Order {
    /// Every combination, numbered from 0.
    Every { next: usize },
    /// A 64-bit linear congruential generator's picks: deterministic, no crate.
    Sample { state: u64 },
}

impl Combinations {
    pub(super) fn new(old: &Pack, old_policy: &Policy, new: &Pack, new_policy: &Policy, bound: usize) -> Combinations {
        // The values, by fact id, told apart as JSON: a choice is the same
        // answer in both packs by its id, whatever its position.
        let mut values: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
        for (pack, policy) in [(old, old_policy), (new, new_policy)] {
            for f in reads(pack, policy) {
                let def = &pack.facts[f];
                let list = values.entry(def.id.clone()).or_insert_with(|| vec![serde_json::Value::Null]);
                for v in pack.probes(f) {
                    let json = value_to_json(def, *v);
                    if !list.contains(&json) {
                        list.push(json);
                    }
                }
            }
        }
        let packs = [old, new];
        let axes: Vec<Axis> = values
            .into_iter()
            .map(|(id, list)| {
                let at = packs.map(|pack| pack.fact_ix(&id));
                let in_terms_of = |k: usize, json: &serde_json::Value| at[k].and_then(|ix| value_from_json(&packs[k].facts[ix], json).ok().flatten());
                let values = list.into_iter().map(|json| Probe { value: [in_terms_of(0, &json), in_terms_of(1, &json)], json }).collect();
                Axis { id, at, values }
            })
            .collect();
        let total = axes.iter().try_fold(1usize, |n, a| n.checked_mul(a.values.len()));
        let picks = vec![0; axes.len()];
        match total {
            Some(total) if total <= bound => Combinations { axes, order: Order::Every { next: 0 }, left: total, picks },
            _ => Combinations { axes, order: Order::Sample { state: SEED }, left: bound, picks },
        }
    }

    /// `n` of the same combinations, picked as beyond the bound.
    pub(super) fn sample(self, n: usize) -> Combinations {
        Combinations { order: Order::Sample { state: SEED }, left: n.min(self.left), ..self }
    }

    pub(super) fn len(&self) -> usize {
        self.left
    }

    pub(super) fn is_sample(&self) -> bool {
        matches!(self.order, Order::Sample { .. })
    }

    /// Moves to the next combination; `false` when there is none left.
    pub(super) fn advance(&mut self) -> bool {
        let Some(left) = self.left.checked_sub(1) else { return false };
        self.left = left;
        match &mut self.order {
            Order::Every { next } => {
                let mut n = *next;
                *next += 1;
                for (pick, axis) in self.picks.iter_mut().zip(&self.axes) {
                    *pick = n % axis.values.len();
                    n /= axis.values.len();
                }
            }
            Order::Sample { state } => {
                for (pick, axis) in self.picks.iter_mut().zip(&self.axes) {
                    *state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    *pick = ((*state >> 33) as usize) % axis.values.len();
                }
            }
        }
        true
    }

    /// Sets the current combination's answers in `old` and `new`, the
    /// answers of the old and the new pack. Every fact of an axis is set,
    /// so that the answers of the previous combination do not linger.
    pub(super) fn answer(&self, old: &mut Facts, new: &mut Facts) {
        for (&pick, axis) in self.picks.iter().zip(&self.axes) {
            let [in_old, in_new] = axis.values[pick].value;
            if let Some(ix) = axis.at[0] {
                old.set(ix, in_old);
            }
            if let Some(ix) = axis.at[1] {
                new.set(ix, in_new);
            }
        }
    }

    /// The current combination as answers by fact id (unknown ones left out).
    pub(super) fn fact_set(&self) -> FactSet {
        let mut set = FactSet::new();
        for (&pick, axis) in self.picks.iter().zip(&self.axes) {
            let json = &axis.values[pick].json;
            if !json.is_null() {
                set.insert(axis.id.clone(), json.clone());
            }
        }
        set
    }
}

const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::default_pack;
    use crate::diff::tests::date;
    use crate::diff::verdict_changes;
    use crate::diff::verdicts::facts_in;
    use crate::fixtures::mini_files;
    use crate::pack::{case_facts, load};

    /// Every answer set still to come, by fact id.
    fn fact_sets(mut sets: Combinations) -> Vec<FactSet> {
        let mut all = Vec::new();
        while sets.advance() {
            all.push(sets.fact_set());
        }
        all
    }

    /// Two packs that number an enum's and a set's choices differently
    /// (the test pack, `tests/fixtures/mini`, and the same with its choices
    /// reordered): each combination answers each pack as its answers by id do.
    #[test]
    fn a_combination_answers_each_pack_in_its_own_terms() {
        let files = mini_files();
        let old = load(&files).unwrap();
        let mut facts = files.get("facts.toml").unwrap().to_string();
        for (a, b) in [
            (
                "  { id = \"academician\", zh = \"两院院士\", en = \"Academician\" },\n",
                "  { id = \"national_high_level\", zh = \"国家级高层次人才\", en = \"National high-level talent\" },\n",
            ),
            ("  { id = \"qingdao\", zh = \"青岛市\", en = \"Qingdao\" },\n", "  { id = \"zaozhuang\", zh = \"枣庄市\", en = \"Zaozhuang\" },\n"),
        ] {
            assert!(facts.contains(&format!("{a}{b}")), "{a}");
            facts = facts.replace(&format!("{a}{b}"), &format!("{b}{a}"));
        }
        let mut reordered = files.clone();
        reordered.insert("facts.toml", &facts);
        let new = load(&reordered).unwrap();
        for p in &old.policies {
            let mut sets = Combinations::new(&old, p, &new, new.policy(&p.id).unwrap(), usize::MAX);
            let (mut old_facts, mut new_facts) = (Facts::unknown(&old.facts), Facts::unknown(&new.facts));
            while sets.advance() {
                sets.answer(&mut old_facts, &mut new_facts);
                let set = sets.fact_set();
                assert_eq!((&old_facts, &new_facts), (&facts_in(&old, &set), &facts_in(&new, &set)), "{}: {set:?}", p.id);
            }
        }
        // And so the two packs give the same verdicts.
        assert!(verdict_changes(&old, &new, &case_facts(&files), date(), 20_000).policies.is_empty());
    }

    #[test]
    fn beyond_the_bound_a_fixed_sample_is_tried() {
        let pack = default_pack::pack();
        let p = &pack.policies[pack.policy_ix("qd-apprenticeship-subsidy").unwrap()];
        let all = Combinations::new(&pack, p, &pack, p, usize::MAX);
        assert!(!all.is_sample());
        let some = Combinations::new(&pack, p, &pack, p, 10);
        assert!(some.is_sample() && some.len() == 10 && all.len() > 10);
        let (all, some) = (fact_sets(all), fact_sets(some));
        assert_eq!(some.len(), 10);
        assert_eq!(some, fact_sets(Combinations::new(&pack, p, &pack, p, 10)), "the same sample every run");
        assert!(some.iter().all(|s| all.contains(s)), "a sample of the same combinations");
    }
}
