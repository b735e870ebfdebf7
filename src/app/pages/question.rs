//! One question per page: the question as the heading, its hint, the answer
//! controls, Continue, "I don't know" and Back, with the live summary beside.

use crate::app::{
    browser,
    components::LiveSummary,
    i18n::{ui, Ui},
    state::{AppState, Return, Step},
};
use leptos::prelude::*;
use policy_explainer::engine::{Date, FactIx, FactKind, Facts, Value};
use policy_explainer::journey::Answer;

/// What the applicant has entered so far, before Continue.
#[derive(Clone, Debug, PartialEq)]
enum Draft {
    /// A choice: for bool, 0 is yes and 1 is no.
    Choice(Option<u8>),
    Set(u64),
    Text(String),
}

/// Why an entry was refused, to show at the field and in the summary.
#[derive(Clone, Copy, Debug, PartialEq)]
enum EntryError {
    ChooseOne,
    NotANumber,
    OutOfRange(i64, i64),
}

impl EntryError {
    fn message(self, t: &Ui) -> String {
        match self {
            EntryError::ChooseOne => t.error_choose_one.to_string(),
            EntryError::NotANumber => t.error_not_a_number.to_string(),
            EntryError::OutOfRange(a, b) => (t.error_out_of_range)(a, b),
        }
    }
}

/// The draft for an existing answer, or an empty one.
fn initial_draft(kind: &FactKind, answer: Option<Answer>) -> Draft {
    let known = match answer {
        Some(Answer::Known(v)) => Some(v),
        _ => None,
    };
    match (kind, known) {
        (FactKind::Bool, Some(Value::Bool(b))) => Draft::Choice(Some(if b { 0 } else { 1 })),
        (FactKind::Enum(_), Some(Value::Enum(i))) => Draft::Choice(Some(i)),
        (FactKind::Bool | FactKind::Enum(_), _) => Draft::Choice(None),
        (FactKind::Set(_), Some(Value::Set(m))) => Draft::Set(m),
        (FactKind::Set(_), _) => Draft::Set(0),
        (_, Some(Value::Int(n))) => Draft::Text(n.to_string()),
        (_, Some(Value::Date(d))) => Draft::Text(d.to_string()),
        _ => Draft::Text(String::new()),
    }
}

/// Reads a number as typed, accepting full-width digits from a Chinese keyboard.
fn parse_number(text: &str) -> Option<i64> {
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

/// The answer a draft makes, or why it is not one.
fn draft_to_value(kind: &FactKind, draft: &Draft) -> Result<Value, EntryError> {
    match (kind, draft.clone()) {
        (FactKind::Bool, Draft::Choice(Some(i))) => Ok(Value::Bool(i == 0)),
        (FactKind::Enum(_), Draft::Choice(Some(i))) => Ok(Value::Enum(i)),
        (_, Draft::Choice(None)) => Err(EntryError::ChooseOne),
        (FactKind::Set(_), Draft::Set(m)) => Ok(Value::Set(m)),
        (FactKind::Int { min, max }, Draft::Text(s)) => {
            let n = parse_number(&s).ok_or(EntryError::NotANumber)?;
            if n < *min || n > *max {
                return Err(EntryError::OutOfRange(*min, *max));
            }
            Ok(Value::Int(n))
        }
        (FactKind::Date { .. }, Draft::Text(s)) => Date::parse(s.trim()).map(Value::Date).ok_or(EntryError::NotANumber),
        _ => Err(EntryError::ChooseOne),
    }
}

#[component]
pub fn QuestionPage(fact: FactIx, then: Return) -> impl IntoView {
    let state = expect_context::<AppState>();
    let def = &state.pack.facts[fact];
    let draft = RwSignal::new(initial_draft(&def.kind, state.journey.with_untracked(|j| j.get(fact))));
    let error = RwSignal::new(None::<EntryError>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.with_untracked(|d| draft_to_value(&def.kind, d)) {
            Ok(value) if Facts::check_value(def, value).is_ok() => {
                error.set(None);
                state.answer(fact, Answer::Known(value), then);
            }
            Ok(_) => error.set(Some(EntryError::ChooseOne)),
            Err(e) => {
                error.set(Some(e));
                browser::focus_soon("error-summary");
            }
        }
    };
    let dont_know = move |_| state.answer(fact, Answer::DontKnow, then);
    let back = move |_| match then {
        Return::Flow => state.back_from(fact),
        Return::Review => state.go(Step::Review),
        Return::Policy(_) => state.go(Step::Results),
    };
    let field_id = match def.kind {
        FactKind::Int { .. } | FactKind::Date { .. } => "q-input",
        _ => "q-choice-0",
    };
    // Worded for the answers so far (a person works in a city; an enterprise
    // is registered there). Answering leaves this page, so this holds while it shows.
    let (question, question_hint) = state.progress.with_untracked(|p| def.worded(&p.facts));
    let has_hint = question_hint.is_some() || matches!(def.kind, FactKind::Set(_));
    let described_by = move || {
        let ids = match (has_hint, error.get().is_some()) {
            (true, true) => "q-hint q-error",
            (true, false) => "q-hint",
            (false, true) => "q-error",
            (false, false) => return None,
        };
        Some(ids)
    };
    let invalid = move || error.get().is_some().then_some("true");

    // The page re-renders as a whole when the language changes; the draft
    // answer and the error live outside, so they survive it.
    move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let heading = question.get(lang).to_string();
        let mut hint = question_hint.map(|h| h.get(lang).to_string()).unwrap_or_default();
        if matches!(def.kind, FactKind::Set(_)) {
            if !hint.is_empty() {
                hint.push(' ');
            }
            hint.push_str(t.choose_all_hint);
        }
        let hint = (!hint.is_empty()).then(|| view! { <p id="q-hint" class="hint">{hint}</p> });
        let field_error =
            move || error.get().map(|e| view! { <p id="q-error" class="field-error"><span class="visually-hidden">"! "</span>{e.message(t)}</p> });
        let controls = match &def.kind {
            FactKind::Bool | FactKind::Enum(_) | FactKind::Set(_) => {
                let is_set = matches!(def.kind, FactKind::Set(_));
                let labels: Vec<String> = match &def.kind {
                    FactKind::Bool => vec![t.yes.to_string(), t.no.to_string()],
                    kind => kind.choices().iter().map(|c| c.label.get(lang).to_string()).collect(),
                };
                let options = labels
                    .into_iter()
                    .enumerate()
                    .map(|(i, label)| {
                        let id = format!("q-choice-{i}");
                        let bit = 1u64 << i;
                        let i = i as u8;
                        let checked = move || match draft.get() {
                            Draft::Set(m) => m & bit != 0,
                            d => d == Draft::Choice(Some(i)),
                        };
                        let change = move |ev: leptos::ev::Event| {
                            let on = event_target_checked(&ev);
                            draft.update(|d| match d {
                                Draft::Set(m) => *m = if on { *m | bit } else { *m & !bit },
                                d => *d = Draft::Choice(Some(i)),
                            });
                        };
                        view! {
                            <div class="choice">
                                <input type=if is_set { "checkbox" } else { "radio" } name="answer" id=id.clone() value=i.to_string() prop:checked=checked on:change=change />
                                <label for=id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset class="choices" aria-describedby=described_by aria-invalid=invalid>
                        <legend><h1 id="page-heading" tabindex="-1">{heading}</h1></legend>
                        {hint}
                        {field_error}
                        {options}
                    </fieldset>
                }
                .into_any()
            }
            FactKind::Int { .. } | FactKind::Date { .. } => {
                let unit = def.unit.as_ref().map(|u| u.get(lang).to_string());
                let is_int = matches!(def.kind, FactKind::Int { .. });
                // A kiosk has no keyboard: numbers come from the pad below, and
                // the field is read-only so no on-screen keyboard pops up.
                let keypad = state.kiosk() && is_int;
                view! {
                    <h1 id="page-heading" tabindex="-1"><label for="q-input">{heading}</label></h1>
                    {hint}
                    {field_error}
                    <div class="number-field">
                        <input id="q-input" class="text-input" class:has-error=move || error.get().is_some() type="text"
                            inputmode=if keypad { "none" } else if is_int { "numeric" } else { "text" } readonly=keypad autocomplete="off" spellcheck="false"
                            aria-describedby=described_by aria-invalid=invalid
                            prop:value=move || match draft.get() { Draft::Text(s) => s, _ => String::new() }
                            on:input=move |ev| draft.set(Draft::Text(event_target_value(&ev))) />
                        {unit.map(|u| view! { <span class="unit">{u}</span> })}
                    </div>
                    {keypad.then(|| view! { <NumberPad draft=draft /> })}
                }
                .into_any()
            }
        };
        let error_summary = move || {
            error.get().map(|e| {
                view! {
                    <div id="error-summary" class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" data-testid="error-summary">
                        <h2 id="error-summary-title">{t.error_summary_title}</h2>
                        <ul>
                            <li>
                                <a href=format!("#{field_id}") on:click=move |ev| {
                                    // Follow the link without touching the URL fragment (it holds the answers).
                                    ev.prevent_default();
                                    browser::focus_soon(field_id);
                                }>{e.message(t)}</a>
                            </li>
                        </ul>
                    </div>
                }
            })
        };
        let left = move || {
            let n = state.progress.with(|p| p.questions_left);
            if n == 0 {
                t.no_more_questions.to_string()
            } else {
                (t.about_left)(n)
            }
        };
        view! {
            <div class="page question-page" data-fact=def.id.clone()>
                <div class="question-main">
                    <button type="button" class="back-link" data-testid="back" on:click=back>{t.back}</button>
                    <p class="progress-note" data-testid="questions-left">{left}</p>
                    {error_summary}
                    <form novalidate on:submit=submit>
                        {controls}
                        <div class="button-row">
                            <button type="submit" class="button primary" data-testid="continue">{t.continue_button}</button>
                            <button type="button" class="button secondary" data-testid="dont-know" on:click=dont_know>{t.dont_know}</button>
                        </div>
                    </form>
                </div>
                <LiveSummary />
            </div>
        }
    }
}

/// Digits, delete and clear, for a kiosk's number questions.
#[component]
fn NumberPad(draft: RwSignal<Draft>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = ui(state.lang.get_untracked());
    let edit = move |f: &dyn Fn(&mut String)| {
        draft.update(|d| {
            if let Draft::Text(s) = d {
                f(s);
            }
        })
    };
    let digit = move |n: u8| {
        view! {
            <button type="button" class="key" data-testid=format!("key-{n}") aria-controls="q-input"
                on:click=move |_| edit(&|s: &mut String| if s.len() < 9 { s.push(char::from(b'0' + n)) })>{n}</button>
        }
    };
    view! {
        <div class="number-pad" role="group" aria-label=t.keypad_label>
            {(1..=9).map(digit).collect_view()}
            <button type="button" class="key" data-testid="key-clear" aria-controls="q-input" on:click=move |_| edit(&|s: &mut String| s.clear())>{t.keypad_clear}</button>
            {digit(0)}
            <button type="button" class="key" data-testid="key-delete" aria-controls="q-input" on:click=move |_| edit(&|s: &mut String| { s.pop(); })>{t.keypad_delete}</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn numbers_accept_full_width_digits_and_refuse_fractions() {
        assert_eq!(parse_number(" ６５ "), Some(65));
        assert_eq!(parse_number("65.5"), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number(""), None);
    }

    #[wasm_bindgen_test]
    fn an_age_of_200_is_out_of_range_and_abc_is_not_a_number() {
        let age = FactKind::Int { min: 0, max: 130 };
        assert_eq!(draft_to_value(&age, &Draft::Text("200".into())), Err(EntryError::OutOfRange(0, 130)));
        assert_eq!(draft_to_value(&age, &Draft::Text("abc".into())), Err(EntryError::NotANumber));
        assert_eq!(draft_to_value(&age, &Draft::Text("65".into())), Ok(Value::Int(65)));
        assert_eq!(draft_to_value(&FactKind::Bool, &Draft::Choice(None)), Err(EntryError::ChooseOne));
    }
}
