//! One question per page: the question as the heading, its hint, the answer
//! controls, Continue, "I don't know" and Back, with the live summary beside.

use crate::app::{
    browser,
    components::LiveSummary,
    i18n::{ui, Ui},
    state::{AppState, Return, Step},
};
use leptos::either::Either;
use leptos::prelude::*;
use policy_explainer::engine::{labels, FactIx, FactKind};
use policy_explainer::journey::{Answer, Draft, EntryError};

/// The words for an entry error, in the page's language.
fn error_message(e: EntryError, t: &Ui) -> String {
    match e {
        EntryError::ChooseOne => t.error_choose_one.to_string(),
        EntryError::ChooseSome => t.error_choose_some.to_string(),
        EntryError::NotANumber => t.error_not_a_number.to_string(),
        EntryError::OutOfRange(a, b) => (t.error_out_of_range)(a, b),
        EntryError::NotADate => t.error_not_a_date.to_string(),
        EntryError::DateOutOfRange(a, b) => (t.error_date_out_of_range)(a.map(|d| d.to_string()), b.map(|d| d.to_string())),
    }
}

#[component]
pub fn QuestionPage(fact: FactIx, then: Return) -> impl IntoView {
    let state = expect_context::<AppState>();
    let def = &state.pack.facts[fact];
    let draft = RwSignal::new(Draft::for_answer(&def.kind, state.journey.with_untracked(|j| j.get(fact))));
    let error = RwSignal::new(None::<EntryError>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match draft.with_untracked(|d| d.to_value(&def.kind)) {
            Ok(value) => {
                error.set(None);
                state.answer(fact, Answer::Known(value), then);
            }
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
        Return::Policy(_) | Return::Place(_) => state.go(Step::Results),
        Return::Sheet(p) => state.go(Step::Policy(p)),
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
        // For "all that apply", how to answer comes first, on its own line,
        // before what the terms mean.
        let how = matches!(def.kind, FactKind::Set(_)).then(|| view! { <p class="hint how-to-answer">{t.choose_all_hint}</p> });
        let hint = question_hint.map(|h| h.get(lang).to_string());
        let hint = (hint.is_some() || how.is_some()).then(|| view! { <div id="q-hint">{how}{hint.map(|h| view! { <p class="hint">{h}</p> })}</div> });
        let field_error =
            move || error.get().map(|e| view! { <p id="q-error" class="field-error"><span class="visually-hidden">"! "</span>{error_message(e, t)}</p> });
        let controls = match &def.kind {
            FactKind::Bool | FactKind::Enum(_) | FactKind::Set(_) => {
                let is_set = matches!(def.kind, FactKind::Set(_));
                let mut labels: Vec<String> = match &def.kind {
                    FactKind::Bool => vec![t.yes.to_string(), t.no.to_string()],
                    kind => kind.choices().iter().map(|c| c.label.get(lang).to_string()).collect(),
                };
                // "None of these", a choice of its own, last; distinct from "I don't know".
                let none_ix = is_set.then_some(labels.len());
                if is_set {
                    labels.push(t.none_of_these.to_string());
                }
                let options = labels
                    .into_iter()
                    .enumerate()
                    .map(|(i, label)| {
                        let id = format!("q-choice-{i}");
                        let is_none = Some(i) == none_ix;
                        let bit = if is_none { 0 } else { 1u64 << i };
                        let i = i as u8;
                        let checked = move || match draft.get() {
                            Draft::Set { none, .. } if is_none => none,
                            Draft::Set { chosen, .. } => chosen & bit != 0,
                            d => d == Draft::Choice(Some(i)),
                        };
                        let change = move |ev: leptos::ev::Event| {
                            let on = event_target_checked(&ev);
                            draft.update(|d| match d {
                                // "None of these" clears the others, and any other clears it.
                                Draft::Set { chosen, none } if is_none => (*chosen, *none) = (0, on),
                                Draft::Set { chosen, none } => (*chosen, *none) = (if on { *chosen | bit } else { *chosen & !bit }, false),
                                d => *d = Draft::Choice(Some(i)),
                            });
                        };
                        view! {
                            <div class=if is_none { "choice none-of-these" } else { "choice" }>
                                <input type=if is_set { "checkbox" } else { "radio" } name="answer" id=id.clone() value=i.to_string() prop:checked=checked on:change=change />
                                <label for=id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view();
                Either::Left(view! {
                    <fieldset class="choices" aria-describedby=described_by aria-invalid=invalid>
                        <legend><h1 id="page-heading" tabindex="-1">{heading}</h1></legend>
                        {hint}
                        {field_error}
                        {options}
                    </fieldset>
                })
            }
            FactKind::Int { .. } | FactKind::Date { .. } => {
                let unit = def.unit.as_ref().map(|u| u.get(lang).to_string());
                let is_int = matches!(def.kind, FactKind::Int { .. });
                // A kiosk has no keyboard: numbers come from the pad below, and
                // the field is read-only so no on-screen keyboard pops up.
                let keypad = state.kiosk() && is_int;
                Either::Right(view! {
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
                })
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
                                }>{error_message(e, t)}</a>
                            </li>
                        </ul>
                    </div>
                }
            })
        };
        // A count only once who is asking and where are known: before, it
        // counts questions most people will never be asked.
        let left = move || {
            let (n, past_opening) = state.progress.with(|p| (p.questions_left, p.past_opening));
            match (n, past_opening) {
                (_, false) => String::new(),
                (0, true) => t.no_more_questions.to_string(),
                (n, true) => (t.about_left)(n),
            }
        };
        view! {
            <div class="page question-page" data-fact=def.id.clone()>
                <div class="question-main" data-readable>
                    <button type="button" class="back-link" data-testid="back" on:click=back>{t.back}</button>
                    // Read-aloud (shown only where the browser has a local
                    // voice): the question, its hint and its choices.
                    <button type="button" class="link-button read-aloud" data-read="h1,.hint,.choice label,.unit" aria-pressed="false" data-testid="read-question">{labels(lang).read_aloud}</button>
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
