//! An answer as the applicant is entering it (a draft), and the answer it
//! makes or why it is not one yet. Plain logic, tested natively; the question
//! page only renders it and words the errors.

use super::Answer;
use crate::engine::{Date, FactKind, Value};

/// What the applicant has chosen or typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Draft {
    /// A choice: for bool, 0 is yes and 1 is no.
    Choice(Option<u8>),
    /// Some of a set's choices, or "none of these" (which is a choice of its
    /// own: ticking nothing is not an answer, and "I don't know" is another).
    Set {
        chosen: u64,
        none: bool,
    },
    Text(String),
}

/// Why an entry is not an answer, each with what the applicant can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryError {
    /// Nothing (or nothing valid) chosen.
    ChooseOne,
    /// A question of "all that apply" with nothing ticked, not even "none of these".
    ChooseSome,
    /// A number question, answered with something that is not a whole number.
    NotANumber,
    /// A whole number outside what the question allows.
    OutOfRange(i64, i64),
    /// A date question, answered with something that is not a date.
    NotADate,
    /// A date outside what the question allows (either bound may be open).
    DateOutOfRange(Option<Date>, Option<Date>),
}

impl Draft {
    /// The draft for an existing answer to a question of `kind`, or an empty one.
    pub fn for_answer(kind: &FactKind, answer: Option<Answer>) -> Draft {
        let known = match answer {
            Some(Answer::Known(v)) => Some(v),
            _ => None,
        };
        match (kind, known) {
            (FactKind::Bool, Some(Value::Bool(b))) => Draft::Choice(Some(if b { 0 } else { 1 })),
            (FactKind::Enum(_), Some(Value::Enum(i))) => Draft::Choice(Some(i)),
            (FactKind::Bool | FactKind::Enum(_), _) => Draft::Choice(None),
            (FactKind::Set(_), Some(Value::Set(m))) => Draft::Set { chosen: m, none: m == 0 },
            (FactKind::Set(_), _) => Draft::Set { chosen: 0, none: false },
            (_, Some(Value::Int(n))) => Draft::Text(n.to_string()),
            (_, Some(Value::Date(d))) => Draft::Text(d.to_string()),
            _ => Draft::Text(String::new()),
        }
    }

    /// The answer this draft makes to a question of `kind`, or why it is not one.
    pub fn to_value(&self, kind: &FactKind) -> Result<Value, EntryError> {
        match (kind, self) {
            (FactKind::Bool, Draft::Choice(Some(i @ (0 | 1)))) => Ok(Value::Bool(*i == 0)),
            (FactKind::Enum(c), Draft::Choice(Some(i))) if usize::from(*i) < c.len() => Ok(Value::Enum(*i)),
            (FactKind::Set(_), Draft::Set { chosen: 0, none: true }) => Ok(Value::Set(0)),
            (FactKind::Set(_), Draft::Set { chosen: 0, none: false }) => Err(EntryError::ChooseSome),
            (FactKind::Set(c), Draft::Set { chosen, .. }) if c.len() >= 64 || chosen >> c.len() == 0 => Ok(Value::Set(*chosen)),
            (FactKind::Int { min, max }, Draft::Text(s)) => {
                let n = parse_number(s).ok_or(EntryError::NotANumber)?;
                if n < *min || n > *max {
                    return Err(EntryError::OutOfRange(*min, *max));
                }
                Ok(Value::Int(n))
            }
            (FactKind::Date { min, max }, Draft::Text(s)) => {
                let d = Date::parse(s.trim()).ok_or(EntryError::NotADate)?;
                if min.is_some_and(|m| d < m) || max.is_some_and(|m| d > m) {
                    return Err(EntryError::DateOutOfRange(*min, *max));
                }
                Ok(Value::Date(d))
            }
            _ => Err(EntryError::ChooseOne),
        }
    }
}

/// Reads a whole number as typed, accepting full-width digits and minus from
/// a Chinese keyboard.
pub fn parse_number(text: &str) -> Option<i64> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '－' => '-',
            c => c,
        })
        .collect();
    if ascii.is_empty() || !ascii.trim_start_matches('-').chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    ascii.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_accept_full_width_digits_and_refuse_fractions() {
        assert_eq!(parse_number(" ６５ "), Some(65));
        assert_eq!(parse_number("－３"), Some(-3));
        assert_eq!(parse_number("65.5"), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("99999999999999999999"), None, "too large for a number is not a number");
    }

    #[test]
    fn a_number_entry_says_whether_it_is_not_a_number_or_out_of_range() {
        let age = FactKind::Int { min: 0, max: 130 };
        assert_eq!(Draft::Text("200".into()).to_value(&age), Err(EntryError::OutOfRange(0, 130)));
        assert_eq!(Draft::Text("abc".into()).to_value(&age), Err(EntryError::NotANumber));
        assert_eq!(Draft::Text("６５".into()).to_value(&age), Ok(Value::Int(65)));
    }

    #[test]
    fn a_date_entry_says_it_is_not_a_date_rather_than_not_a_number() {
        let day = FactKind::Date { min: Date::parse("2020-01-01"), max: Date::parse("2025-12-31") };
        assert_eq!(Draft::Text("2025-13-01".into()).to_value(&day), Err(EntryError::NotADate));
        assert_eq!(Draft::Text("yesterday".into()).to_value(&day), Err(EntryError::NotADate));
        assert_eq!(Draft::Text("2019-06-30".into()).to_value(&day), Err(EntryError::DateOutOfRange(Date::parse("2020-01-01"), Date::parse("2025-12-31"))));
        assert_eq!(Draft::Text(" 2024-02-29 ".into()).to_value(&day), Ok(Value::Date(Date::parse("2024-02-29").unwrap())));
    }

    #[test]
    fn only_a_choice_the_question_has_is_an_answer() {
        let two = FactKind::Enum(vec![]);
        assert_eq!(Draft::Choice(None).to_value(&FactKind::Bool), Err(EntryError::ChooseOne));
        assert_eq!(Draft::Choice(Some(2)).to_value(&FactKind::Bool), Err(EntryError::ChooseOne));
        assert_eq!(Draft::Choice(Some(0)).to_value(&two), Err(EntryError::ChooseOne));
        assert_eq!(Draft::Choice(Some(1)).to_value(&FactKind::Bool), Ok(Value::Bool(false)));
    }

    #[test]
    fn none_of_these_is_an_answer_of_its_own_and_ticking_nothing_is_not() {
        let titles = FactKind::Set(vec![]);
        assert_eq!(Draft::Set { chosen: 0, none: false }.to_value(&titles), Err(EntryError::ChooseSome));
        assert_eq!(Draft::Set { chosen: 0, none: true }.to_value(&titles), Ok(Value::Set(0)));
        assert_eq!(Draft::for_answer(&titles, Some(Answer::Known(Value::Set(0)))), Draft::Set { chosen: 0, none: true });
        assert_eq!(Draft::for_answer(&titles, Some(Answer::DontKnow)), Draft::Set { chosen: 0, none: false }, "I don't know is not none");
    }

    #[test]
    fn an_existing_answer_comes_back_as_its_draft() {
        let age = FactKind::Int { min: 0, max: 130 };
        assert_eq!(Draft::for_answer(&age, Some(Answer::Known(Value::Int(45)))), Draft::Text("45".into()));
        assert_eq!(Draft::for_answer(&age, Some(Answer::DontKnow)), Draft::Text(String::new()));
        assert_eq!(Draft::for_answer(&FactKind::Bool, Some(Answer::Known(Value::Bool(false)))), Draft::Choice(Some(1)));
        for draft in [Draft::Text("0".into()), Draft::Text("45".into()), Draft::Text("130".into())] {
            assert_eq!(Draft::for_answer(&age, draft.to_value(&age).ok().map(Answer::Known)), draft, "round trip");
        }
    }
}
