//! The helper's (帮办) sheet: every question a hall helper can answer for a
//! citizen on one page. Not one question at a time in the engine's choice,
//! but all of those that can still change a result, in the pack's order
//! (who is asking and where first), with the ones already answered kept in
//! place so that a mistyped answer can be corrected where it was given.

use super::{Journey, Progress};
use crate::engine::{is_askable, FactIx, Pack, Status};

/// The questions of the helper's sheet, in order: the pack's opening facts,
/// then the rest in the pack's question order. A question is on the sheet
/// while it may be asked (its `asked_when` holds) and either has an answer
/// (including "I don't know") or some result still depends on it: an
/// undetermined verdict, or a met one whose amount it completes, or it is
/// in `keep` (an entry the helper is still correcting). A question no result
/// depends on is left off, as the questionnaire never asks it.
pub fn helper_questions(pack: &Pack, journey: &Journey, progress: &Progress, keep: &[FactIx]) -> Vec<FactIx> {
    let mut needed = vec![false; pack.facts.len()];
    for v in &progress.verdicts {
        if v.status == Status::Undetermined || v.status.conditions_hold() {
            for &f in &v.missing {
                needed[f] = true;
            }
        }
    }
    let rest = (0..pack.facts.len()).filter(|f| !pack.opening.contains(f));
    pack.opening
        .iter()
        .copied()
        .chain(rest)
        .filter(|&f| (needed[f] || journey.get(f).is_some() || keep.contains(&f)) && is_askable(pack, &progress.facts, f))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Date, Value};
    use crate::journey::Answer;

    fn pack() -> Pack {
        let files = crate::pack::PackFiles::from_dir(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini"))).unwrap();
        crate::pack::load(&files).unwrap()
    }

    fn sheet(pack: &Pack, journey: &Journey) -> Vec<String> {
        kept(pack, journey, &[])
    }

    fn kept(pack: &Pack, journey: &Journey, keep: &[&str]) -> Vec<String> {
        let progress = journey.progress(pack, Date::new(2026, 12, 3).unwrap());
        let keep: Vec<FactIx> = keep.iter().map(|id| pack.fact_ix(id).unwrap()).collect();
        helper_questions(pack, journey, &progress, &keep).into_iter().map(|f| pack.facts[f].id.clone()).collect()
    }

    fn choice(pack: &Pack, fact: &str, value: &str) -> (FactIx, Answer) {
        let f = pack.fact_ix(fact).unwrap();
        let v = pack.facts[f].kind.choices().iter().position(|c| c.id == value).unwrap();
        (f, Answer::Known(Value::Enum(v as u8)))
    }

    #[test]
    fn an_empty_sheet_starts_with_who_is_asking_and_where_and_holds_no_gated_question() {
        let pack = pack();
        let ids = sheet(&pack, &Journey::new());
        assert_eq!(&ids[..2], ["applicant", "city"], "{ids:?}");
        assert!(!ids.contains(&"district".to_string()), "the district is asked only for Qingdao: {ids:?}");
        assert!(ids.contains(&"age".to_string()), "{ids:?}");
    }

    #[test]
    fn an_answer_opens_the_questions_it_gates_in_place_and_keeps_itself_on_the_sheet() {
        let pack = pack();
        let mut journey = Journey::new();
        let (f, a) = choice(&pack, "city", "qingdao");
        journey.answer(f, a);
        let ids = sheet(&pack, &journey);
        let city = ids.iter().position(|id| id == "city").expect("an answered question stays, to be corrected");
        let district = ids.iter().position(|id| id == "district").expect("Qingdao opens the district");
        assert!(city < district, "{ids:?}");
    }

    #[test]
    fn a_question_no_result_depends_on_any_more_leaves_the_sheet_unless_answered() {
        let pack = pack();
        let mut journey = Journey::new();
        let (f, a) = choice(&pack, "city", "other");
        journey.answer(f, a);
        let (f, a) = choice(&pack, "applicant", "individual");
        journey.answer(f, a);
        let ids = sheet(&pack, &journey);
        // Outside Shandong no policy of the fixture applies: only the answers given remain.
        assert_eq!(ids, ["applicant", "city"]);
        // An entry being corrected stays, in its place; a gated question never shows.
        assert_eq!(kept(&pack, &journey, &["age", "district"]), ["applicant", "city", "age"]);
        // "I don't know" is an answer: it stays on the sheet, to be changed.
        let age = pack.fact_ix("age").unwrap();
        journey.answer(age, Answer::DontKnow);
        assert!(sheet(&pack, &journey).contains(&"age".to_string()));
    }
}
