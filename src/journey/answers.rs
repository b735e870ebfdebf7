//! Answers and the questionnaire's progress.

use crate::engine::{evaluate, next_question_skipping, past_opening, questions_left_skipping, Date, FactIx, Facts, Pack, Value, Verdict};

/// What the applicant said to one question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Answer {
    Known(Value),
    /// "不确定 / I don't know": the fact stays unknown and is not asked again.
    DontKnow,
}

/// The answers so far, in the order given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Journey {
    /// (fact, answer) in the order answered; each fact at most once.
    answered: Vec<(FactIx, Answer)>,
}

impl Journey {
    pub fn new() -> Journey {
        Journey::default()
    }

    /// Every known fact of `facts` as an answer, in the pack's question order
    /// (the pack studio previews the questionnaire with a test case's
    /// answers). Unknown facts stay unanswered: asked, never assumed.
    pub fn from_facts(pack: &Pack, facts: &Facts) -> Journey {
        let mut journey = Journey::new();
        for ix in 0..pack.facts.len() {
            if let Some(value) = facts.get(ix) {
                journey.answer(ix, Answer::Known(value));
            }
        }
        journey
    }

    /// Records an answer, replacing an earlier one to the same question (which
    /// keeps its place in the order, so Back still walks the same path).
    pub fn answer(&mut self, fact: FactIx, answer: Answer) {
        match self.answered.iter_mut().find(|(f, _)| *f == fact) {
            Some(slot) => slot.1 = answer,
            None => self.answered.push((fact, answer)),
        }
    }

    /// Takes every answer of `later` (a shared link's over a host's presets,
    /// a saved tab's over a link's), in its order; later answers win.
    pub fn merge(&mut self, later: &Journey) {
        for (f, a) in later.answered() {
            self.answer(*f, *a);
        }
    }

    /// Forgets the answer to one question.
    pub fn forget(&mut self, fact: FactIx) {
        self.answered.retain(|(f, _)| *f != fact);
    }

    pub fn get(&self, fact: FactIx) -> Option<Answer> {
        self.answered.iter().find(|(f, _)| *f == fact).map(|(_, a)| *a)
    }

    /// The answers in the order given.
    pub fn answered(&self) -> &[(FactIx, Answer)] {
        &self.answered
    }

    pub fn is_empty(&self) -> bool {
        self.answered.is_empty()
    }

    /// The question answered just before `fact` (or the last one, for `None`),
    /// for the Back link.
    pub fn previous(&self, fact: Option<FactIx>) -> Option<FactIx> {
        let end = match fact {
            Some(f) => self.answered.iter().position(|(x, _)| *x == f).unwrap_or(self.answered.len()),
            None => self.answered.len(),
        };
        end.checked_sub(1).map(|i| self.answered[i].0)
    }

    /// The known answers as engine facts. An answer the pack no longer
    /// accepts (its domain changed) is left unknown rather than trusted.
    pub fn facts(&self, pack: &Pack) -> Facts {
        let mut facts = Facts::unknown(&pack.facts);
        for (f, a) in &self.answered {
            if let (Answer::Known(v), Some(def)) = (a, pack.facts.get(*f)) {
                if Facts::check_value(def, *v).is_ok() {
                    facts.set(*f, Some(*v));
                }
            }
        }
        facts
    }

    /// The facts the applicant said they do not know: never asked again.
    pub fn declined(&self) -> Vec<FactIx> {
        self.answered.iter().filter(|(_, a)| *a == Answer::DontKnow).map(|(f, _)| *f).collect()
    }

    /// Everything a page needs about the journey's state on `date`.
    pub fn progress(&self, pack: &Pack, date: Date) -> Progress {
        let facts = self.facts(pack);
        let verdicts = evaluate(pack, &facts, date);
        let declined = self.declined();
        let next = next_question_skipping(pack, &facts, &verdicts, &declined);
        let left = questions_left_skipping(pack, &facts, &verdicts, &declined);
        let past_opening = past_opening(pack, &facts, &declined);
        Progress { verdicts, next, questions_left: left, past_opening, facts }
    }

    /// The next question that could change policy `policy`'s verdict: the
    /// engine's choice with that one verdict in view (the library's "does
    /// this apply to me"), never a question declined before.
    pub fn next_for_policy(&self, pack: &Pack, progress: &Progress, policy: usize) -> Option<FactIx> {
        let verdict = progress.verdicts.get(policy)?;
        next_question_skipping(pack, &progress.facts, std::slice::from_ref(verdict), &self.declined())
    }

    /// Drops answers to questions that may no longer be asked (district after
    /// the city changed from Qingdao), so they cannot linger unseen.
    pub fn prune_unaskable(&mut self, pack: &Pack) {
        loop {
            let facts = self.facts(pack);
            let before = self.answered.len();
            self.answered.retain(|(f, _)| {
                pack.facts.get(*f).and_then(|d| d.asked_when.as_ref()).is_none_or(|gate| crate::engine::truth(gate, &facts) != crate::engine::Truth::False)
            });
            if self.answered.len() == before {
                break;
            }
        }
    }
}

/// The verdicts for the answers so far and what to ask next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub verdicts: Vec<Verdict>,
    pub next: Option<FactIx>,
    /// At most this many more questions.
    pub questions_left: usize,
    /// Whether who is asking and where are known (or cannot be asked): only
    /// then is the count of questions left one a person can trust.
    pub past_opening: bool,
    /// The answers the verdicts were made from ("I don't know" as unknown),
    /// for wording questions and explanations.
    pub facts: Facts,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_pack;

    #[test]
    fn every_test_case_becomes_a_share_code_that_gives_its_verdicts() {
        let files = crate::default_pack::files();
        let sources = crate::pack::PackFiles::from_pairs(
            [("tests/apprenticeship.toml", include_str!("../../policies/tests/apprenticeship.toml"))].map(|(p, t)| (p.to_string(), t.to_string())),
        );
        let pack = crate::pack::load(&files).unwrap();
        let date = Date::parse("2026-06-01").unwrap();
        let cases = crate::pack::case_answers(&sources);
        assert!(cases.len() > 5 && cases.iter().any(|(name, _)| name.starts_with("499 hours")));
        for (name, set) in cases {
            let facts = Facts::from_json(&pack.facts, &serde_json::Value::Object(set.into_iter().collect())).unwrap();
            let journey = Journey::from_facts(&pack, &facts);
            assert_eq!(journey.facts(&pack), facts, "{name}: every known fact is an answer, and only those");
            let code = crate::journey::encode(&journey, &pack);
            let back = crate::journey::decode(&code, &pack);
            assert!(back.problems.is_empty(), "{name}: {code}");
            assert_eq!(evaluate(&pack, &back.journey.facts(&pack), date), evaluate(&pack, &facts, date), "{name}: the same verdicts through the share code");
        }
    }

    #[test]
    fn dont_know_leaves_the_fact_unknown_and_is_not_asked_again() {
        let pack = default_pack::pack();
        let date = Date::parse("2026-06-01").unwrap();
        let mut j = Journey::new();
        let first = j.progress(&pack, date).next.unwrap();
        j.answer(first, Answer::DontKnow);
        assert!(!j.facts(&pack).is_known(first));
        let p = j.progress(&pack, date);
        assert_ne!(p.next, Some(first));
    }

    /// Answering only what one policy needs settles it, and asks nothing
    /// that policy does not read (its scope's, conditions', amount's facts,
    /// or a question that opens one of those).
    #[test]
    fn a_policy_check_asks_only_what_that_policy_reads_and_settles_it() {
        let pack = default_pack::pack();
        let date = Date::parse("2026-06-01").unwrap();
        for (p, policy) in pack.policies.iter().enumerate() {
            let mut reads = policy.facts_read();
            let gates: Vec<FactIx> = reads.iter().filter_map(|&f| pack.facts[f].asked_when.as_ref()).flat_map(|g| g.facts()).collect();
            reads.extend(gates);
            // Answer each question with the first, then the last, value
            // worth trying: two definite paths through the policy's conditions.
            for pick in [|v: &[Value]| v[0], |v: &[Value]| v[v.len() - 1]] {
                let mut j = Journey::new();
                let mut asked = Vec::new();
                while let Some(f) = j.next_for_policy(&pack, &j.progress(&pack, date), p) {
                    assert!(reads.contains(&f), "{}: asked {} which it does not read", policy.id, pack.facts[f].id);
                    assert!(!asked.contains(&f), "{}: asked {} twice", policy.id, pack.facts[f].id);
                    asked.push(f);
                    j.answer(f, Answer::Known(pick(pack.probes(f))));
                }
                let status = j.progress(&pack, date).verdicts[p].status;
                assert_ne!(status, crate::engine::Status::Undetermined, "{}: still undetermined after {asked:?}", policy.id);
            }
        }
    }

    #[test]
    fn a_policy_check_never_asks_a_declined_question_again() {
        let pack = default_pack::pack();
        let date = Date::parse("2026-06-01").unwrap();
        let p = pack.policy_ix("qd-apprenticeship-subsidy").unwrap();
        let mut j = Journey::new();
        let mut asked = Vec::new();
        while let Some(f) = j.next_for_policy(&pack, &j.progress(&pack, date), p) {
            assert!(!asked.contains(&f), "asked {} again after “I don't know”", pack.facts[f].id);
            asked.push(f);
            j.answer(f, Answer::DontKnow);
        }
        assert!(!asked.is_empty());
        assert_eq!(j.progress(&pack, date).verdicts[p].status, crate::engine::Status::Undetermined);
    }

    #[test]
    fn back_walks_the_answer_order_and_changes_keep_their_place() {
        let mut j = Journey::new();
        j.answer(3, Answer::DontKnow);
        j.answer(1, Answer::Known(Value::Bool(true)));
        j.answer(3, Answer::Known(Value::Int(5)));
        assert_eq!(j.previous(None), Some(1));
        assert_eq!(j.previous(Some(1)), Some(3));
        assert_eq!(j.previous(Some(3)), None);
    }

    #[test]
    fn leaving_qingdao_drops_the_district_answer() {
        let pack = default_pack::pack();
        let city = pack.fact_ix("city").unwrap();
        let district = pack.fact_ix("district").unwrap();
        let mut j = Journey::new();
        j.answer(city, Answer::Known(Value::Enum(0)));
        j.answer(district, Answer::Known(Value::Enum(1)));
        j.prune_unaskable(&pack);
        assert!(j.get(district).is_some());
        j.answer(city, Answer::Known(Value::Enum(1)));
        j.prune_unaskable(&pack);
        assert_eq!(j.get(district), None);
    }
}
