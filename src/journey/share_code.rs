//! The answers as a short text for the URL fragment (`#a=…`), so a bookmark
//! or a shared link restores the same results. The fragment never reaches a
//! server, and the text is untrusted when read back: decoding never panics,
//! and never yields an answer outside its fact's domain.
//!
//! Format: entries separated by `;`, each `fact:value`, where value is a
//! number, `1`/`0` for yes/no, a choice id, set choice ids joined by `+`
//! (nothing for none), a date `YYYY-MM-DD`, or `?` for "I don't know".
//! Example: `city:qingdao;district:laoshan;talent_titles:;overseas_talent:1;age:?`

use super::{Answer, Journey};
use crate::engine::{Date, FactIx, FactKind, Facts, Pack, Value};

/// The longest share code read; anything beyond is ignored as not ours.
const MAX_LEN: usize = 4096;

/// Encodes the journey's answers, in the order given.
pub fn encode(journey: &Journey, pack: &Pack) -> String {
    let mut parts = Vec::new();
    for (f, answer) in journey.answered() {
        let Some(def) = pack.facts.get(*f) else { continue };
        let value = match answer {
            Answer::DontKnow => "?".to_string(),
            Answer::Known(v) => match (v, &def.kind) {
                (Value::Bool(b), _) => if *b { "1" } else { "0" }.to_string(),
                (Value::Int(n), _) => n.to_string(),
                (Value::Date(d), _) => d.to_string(),
                (Value::Enum(i), kind) => match kind.choices().get(usize::from(*i)) {
                    Some(c) => c.id.clone(),
                    None => continue,
                },
                (Value::Set(mask), kind) => {
                    kind.choices().iter().enumerate().filter(|(i, _)| mask & (1u64 << i) != 0).map(|(_, c)| c.id.as_str()).collect::<Vec<_>>().join("+")
                }
            },
        };
        parts.push(format!("{}:{}", def.id, value));
    }
    parts.join(";")
}

/// A share-code entry that was not used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeProblem {
    /// The entry as found (shortened).
    pub entry: String,
    pub reason: DecodeReason,
}

/// Why an entry was not used. The app words it in the applicant's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeReason {
    /// Not of the form `fact:value`.
    Malformed,
    /// No question has this id.
    UnknownQuestion,
    /// The answer is not valid for this question (by index).
    InvalidAnswer(FactIx),
    /// The question appears twice; the first answer was kept.
    Repeated,
    /// The link is too long; the rest was ignored.
    TooLong,
    /// A preset region that names no single region of the pack.
    UnknownRegion,
}

impl std::fmt::Display for DecodeReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeReason::Malformed => f.write_str("not of the form fact:value"),
            DecodeReason::UnknownQuestion => f.write_str("unknown question"),
            DecodeReason::InvalidAnswer(_) => f.write_str("not a valid answer to this question"),
            DecodeReason::Repeated => f.write_str("this question appears twice; the first answer was kept"),
            DecodeReason::TooLong => f.write_str("the link is too long; the rest was ignored"),
            DecodeReason::UnknownRegion => f.write_str("not a region of this pack"),
        }
    }
}

/// What a share code gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub journey: Journey,
    /// Entries that were skipped; the app tells the applicant about them.
    pub problems: Vec<DecodeProblem>,
}

/// Decodes a share code, keeping every valid entry and reporting the rest.
pub fn decode(code: &str, pack: &Pack) -> Decoded {
    let mut journey = Journey::new();
    let mut problems = Vec::new();
    let mut code = code;
    if code.len() > MAX_LEN {
        let mut cut = MAX_LEN;
        while !code.is_char_boundary(cut) {
            cut -= 1;
        }
        problems.push(DecodeProblem { entry: shorten(&code[cut..]), reason: DecodeReason::TooLong });
        code = &code[..cut];
    }
    for entry in code.split(';').filter(|e| !e.is_empty()) {
        let problem = |reason: DecodeReason| DecodeProblem { entry: shorten(entry), reason };
        let Some((id, raw)) = entry.split_once(':') else {
            problems.push(problem(DecodeReason::Malformed));
            continue;
        };
        let Some(ix) = pack.fact_ix(id) else {
            problems.push(problem(DecodeReason::UnknownQuestion));
            continue;
        };
        if journey.get(ix).is_some() {
            problems.push(problem(DecodeReason::Repeated));
            continue;
        }
        let def = &pack.facts[ix];
        if raw == "?" {
            journey.answer(ix, Answer::DontKnow);
            continue;
        }
        let value = match &def.kind {
            FactKind::Bool => match raw {
                "1" => Some(Value::Bool(true)),
                "0" => Some(Value::Bool(false)),
                _ => None,
            },
            FactKind::Int { .. } => raw.parse::<i64>().ok().map(Value::Int),
            FactKind::Date { .. } => Date::parse(raw).map(Value::Date),
            FactKind::Enum(_) => def.kind.choice_ix(raw).map(|i| Value::Enum(i as u8)),
            FactKind::Set(_) => {
                let mut mask = 0u64;
                let mut ok = true;
                for item in raw.split('+').filter(|s| !s.is_empty()) {
                    match def.kind.choice_ix(item) {
                        Some(i) => mask |= 1u64 << i,
                        None => ok = false,
                    }
                }
                ok.then_some(Value::Set(mask))
            }
        };
        match value.filter(|v| Facts::check_value(def, *v).is_ok()) {
            Some(v) => journey.answer(ix, Answer::Known(v)),
            None => problems.push(problem(DecodeReason::InvalidAnswer(ix))),
        }
    }
    Decoded { journey, problems }
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        s.chars().take(37).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_pack;

    #[test]
    fn round_trips_every_kind_of_answer() {
        let pack = default_pack::pack();
        let code = "city:qingdao;district:laoshan;talent_titles:;craftsman_titles:laoshan+qingdao;overseas_talent:1;age:?;apprentice_count:12";
        let d = decode(code, &pack);
        assert_eq!(d.problems, vec![]);
        // Set members come back in the fact's choice order.
        assert_eq!(encode(&d.journey, &pack), code.replace("laoshan+qingdao", "qingdao+laoshan"));
    }

    #[test]
    fn keeps_valid_entries_and_names_each_bad_one() {
        let pack = default_pack::pack();
        let d = decode("age:200;city:paris;nope:1;retired:yes;age:61;x;five_olds:cadre+ghost;district:laoshan", &pack);
        let ix = |id: &str| pack.fact_ix(id).unwrap();
        let found: Vec<(&str, &DecodeReason)> = d.problems.iter().map(|p| (p.entry.as_str(), &p.reason)).collect();
        assert_eq!(
            found,
            [
                ("age:200", &DecodeReason::InvalidAnswer(ix("age"))),
                ("city:paris", &DecodeReason::InvalidAnswer(ix("city"))),
                ("nope:1", &DecodeReason::UnknownQuestion),
                ("retired:yes", &DecodeReason::InvalidAnswer(ix("retired"))),
                ("x", &DecodeReason::Malformed),
                ("five_olds:cadre+ghost", &DecodeReason::InvalidAnswer(ix("five_olds"))),
            ]
        );
        assert_eq!(encode(&d.journey, &pack), "age:61;district:laoshan");
    }
}
