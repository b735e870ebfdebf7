//! The helper's (帮办) desk: every question that can still change a result
//! on one page ([`helper_questions`]), answered by keyboard alone (Tab from
//! question to question, arrow keys within one, numbers typed), with the
//! verdicts beside updating at each answer. "I don't know" is a choice of
//! every question, as easy as any other.
//!
//! The rows are HTML text. An answer redraws them only when the questions
//! open (or their wording) change, after the browser has moved the focus,
//! and gives the focus back to the control that had it.

use super::text_page::text_page;
use crate::app::{
    browser,
    components::LiveSummary,
    i18n::ui,
    pages::question::error_message,
    state::{AppState, Step},
};
use leptos::prelude::*;
use policy_explainer::engine::{FactDef, FactIx, FactKind, Lang, Value};
use policy_explainer::html::esc;
use policy_explainer::journey::{helper_questions, Answer, Draft, EntryError};
use std::fmt::Write as _;
use wasm_bindgen::JsCast;

#[component]
pub fn HelperPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pack = state.pack;
    // What the rows drawn show, and the entries refused, kept across redraws.
    let sheet = StoredValue::new(Sheet::default());
    // Each answer counts when it is given: a choice ticked, a number
    // committed (Tab, Enter, leaving the field).
    let change = move |ev: web_sys::Event| {
        if ev.type_() != "change" {
            return;
        }
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(fact) = input.name().strip_prefix('f').and_then(|n| n.parse::<FactIx>().ok()).filter(|&f| f < pack.facts.len()) else { return };
        // A refused entry leaves the question unanswered: an earlier answer
        // must not stay behind it, unseen, in the verdicts and the receipt.
        let (answer, error) = match read_answer(fact, &pack.facts[fact], &input) {
            Ok(answer) => (answer, None),
            Err(error) => (None, Some(error)),
        };
        sheet.update_value(|s| {
            s.refused.retain(|x| x.fact != fact);
            s.refused.extend(error.map(|error| Refused { fact, typed: input.value(), error }));
        });
        show_error(fact, error.map(|e| error_message(e, ui(state.lang.get_untracked()))).as_deref());
        state.journey.update(|j| {
            match answer {
                Some(a) => j.answer(fact, a),
                None => j.forget(fact),
            }
            j.prune_unaskable(pack);
        });
        // After the browser has moved the focus (Tab from a number), so
        // that a redraw can give it back to the same field.
        browser::after_next_frame(move || draw_rows(&state, sheet));
    };
    let act = move |ev: leptos::ev::MouseEvent| {
        if browser::clicked_data(&ev, "data-action").as_deref() == Some("results") {
            state.go(Step::Results);
        }
    };
    let markup = move || {
        let t = ui(state.lang.get());
        // A new sheet: its rows are drawn once it is on the page.
        sheet.update_value(|s| s.key.clear());
        browser::after_next_frame(move || draw_rows(&state, sheet));
        format!(
            r#"<h1 id="page-heading" tabindex="-1">{}</h1><p class="lead">{}</p><div class="helper-sheet" data-testid="helper-sheet"><div id="helper-rows"></div></div><div class="button-row"><button type="button" class="button primary" data-action="results" data-testid="helper-results">{}</button></div>"#,
            esc(t.assist_heading),
            esc(t.assist_intro),
            esc(t.assist_results)
        )
    };
    view! {
        <div class="page helper-page">
            {text_page("helper-main", Box::new(act), Some(std::rc::Rc::new(change)), Box::new(markup))}
            <div class="helper-verdicts">
                <LiveSummary />
            </div>
        </div>
    }
}

/// The sheet as drawn: its rows' questions and wording (redrawn only when
/// they change), and the entries refused (a number mistyped), kept with
/// what was typed until the question is answered.
#[derive(Default)]
struct Sheet {
    key: String,
    questions: Vec<FactIx>,
    refused: Vec<Refused>,
}

/// An entry that is not an answer, as typed, and why.
struct Refused {
    fact: FactIx,
    typed: String,
    error: EntryError,
}

/// The question a control of the sheet belongs to (`f3-0`, `f3-input`: 3).
fn fact_of(id: &str) -> Option<FactIx> {
    id.strip_prefix('f')?.split('-').next()?.parse().ok()
}

/// Draws the sheet's rows for the questions open now, unless they are the
/// ones drawn already. The focused control keeps the focus; where its
/// question has gone, the question now in its place takes it.
fn draw_rows(state: &AppState, sheet: StoredValue<Sheet>) {
    // The page may have gone since this frame was asked for (an answer, then
    // Results in the same frame): then its store has gone too, and touching
    // it would panic.
    let Some(container) = browser::element_by_id("helper-rows") else { return };
    let (pack, lang) = (state.pack, state.lang.get_untracked());
    let Some(keep) = sheet.try_with_value(|s| s.refused.iter().map(|x| x.fact).collect::<Vec<FactIx>>()) else { return };
    let (questions, key) = state.progress.with_untracked(|p| {
        let questions = state.journey.with_untracked(|j| helper_questions(pack, j, p, &keep));
        let key = questions.iter().map(|&f| format!("{f}:{}\n", pack.facts[f].worded(&p.facts).0.get(lang))).collect::<String>();
        (questions, key)
    });
    if sheet.with_value(|s| s.key == key) {
        return;
    }
    let mut html = String::new();
    for &fact in &questions {
        let def = &pack.facts[fact];
        let (question, hint) = state.progress.with_untracked(|p| def.worded(&p.facts));
        let answer = state.journey.with_untracked(|j| j.get(fact));
        let entry = sheet.with_value(|s| s.refused.iter().find(|x| x.fact == fact).map(|x| (x.typed.clone(), error_message(x.error, ui(lang)))));
        row_html(&mut html, fact, def, question.get(lang), hint.map(|h| h.get(lang)), answer, entry, lang);
    }
    let focused = document().active_element().map(|e| e.id()).filter(|id| fact_of(id).is_some());
    // Where the focused question stood among the rows drawn before.
    let place = focused.as_deref().and_then(fact_of).and_then(|f| sheet.with_value(|s| s.questions.iter().position(|&x| x == f)));
    container.set_inner_html(&html);
    let focus = |id: &str| browser::element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()).map(|e| e.focus()).is_some();
    if let (Some(id), Some(place)) = (focused, place) {
        let instead = questions.get(place.min(questions.len().saturating_sub(1))).copied();
        if !focus(&id) && !instead.is_some_and(|f| focus(&format!("f{f}-0")) || focus(&format!("f{f}-input"))) {
            focus("page-heading");
        }
    }
    sheet.update_value(|s| (s.key, s.questions) = (key, questions));
}

/// One of question `fact`'s boxes: `f3-0`…, `f3-dk`, `f3-input`.
fn control(fact: FactIx, which: &str) -> Option<web_sys::HtmlInputElement> {
    browser::element_by_id(&format!("f{fact}-{which}")).and_then(|e| e.dyn_into().ok())
}

/// The answer the changed `input` gives to question `fact` (`None`: no
/// answer, the question open again), bringing the row's other controls in
/// line: "I don't know" and "None of these" each clear the rest.
fn read_answer(fact: FactIx, def: &FactDef, input: &web_sys::HtmlInputElement) -> Result<Option<Answer>, EntryError> {
    let (value, on) = (input.value(), input.checked());
    let choices = def.kind.choices().len();
    let set_box = |which: &str, checked: bool| {
        if let Some(b) = control(fact, which) {
            b.set_checked(checked);
        }
    };
    if input.id().ends_with("-input") {
        if value.trim().is_empty() {
            return Ok(None);
        }
        set_box("dk", false);
        return Draft::Text(value).to_value(&def.kind).map(|v| Some(Answer::Known(v)));
    }
    let is_set = matches!(def.kind, FactKind::Set(_));
    // "None of these" is the value after the last choice.
    let clear_choices = |upto: usize| (0..upto).for_each(|i| set_box(&i.to_string(), false));
    if value == "dk" {
        if on {
            clear_choices(choices + 1);
            if let Some(field) = control(fact, "input") {
                field.set_value("");
            }
        }
        return Ok(on.then_some(Answer::DontKnow));
    }
    let Ok(i) = value.parse::<usize>() else { return Ok(None) };
    Ok(Some(Answer::Known(match def.kind {
        // Checked as the question page checks it: a crafted value is refused.
        _ if !is_set => Draft::Choice(u8::try_from(i).ok()).to_value(&def.kind)?,
        _ if i == choices => {
            if !on {
                return Ok(None);
            }
            clear_choices(choices);
            set_box("dk", false);
            Value::Set(0)
        }
        _ => {
            set_box("dk", false);
            set_box(&choices.to_string(), false);
            let chosen = (0..choices).filter(|&n| control(fact, &n.to_string()).is_some_and(|b| b.checked())).fold(0u64, |m, n| m | 1 << n);
            if chosen == 0 {
                return Ok(None);
            }
            Value::Set(chosen)
        }
    })))
}

/// Shows (or clears) the entry error under question `fact`.
fn show_error(fact: FactIx, message: Option<&str>) {
    if let Some(error) = browser::element_by_id(&format!("h-err-{fact}")) {
        error.set_text_content(message);
        let _ = if message.is_some() { error.remove_attribute("hidden") } else { error.set_attribute("hidden", "") };
    }
    if let Some(field) = control(fact, "input") {
        let _ = if message.is_some() { field.set_attribute("aria-invalid", "true") } else { field.remove_attribute("aria-invalid") };
    }
}

/// One question's row: its words, its choices (or a field for a number or
/// a date), "None of these" for "all that apply", and "I don't know".
#[allow(clippy::too_many_arguments)]
fn row_html(
    out: &mut String,
    fact: FactIx,
    def: &FactDef,
    question: &str,
    hint: Option<&str>,
    answer: Option<Answer>,
    entry: Option<(String, String)>,
    lang: Lang,
) {
    let t = ui(lang);
    let dont_know = answer == Some(Answer::DontKnow);
    let hint = hint.map(|h| format!(r#"<p class="hint" id="h-hint-{fact}">{}</p>"#, esc(h))).unwrap_or_default();
    let described = if hint.is_empty() { format!("h-err-{fact}") } else { format!("h-hint-{fact} h-err-{fact}") };
    let error = match &entry {
        Some((_, message)) => format!(r#"<p id="h-err-{fact}" class="field-error" role="alert">{}</p>"#, esc(message)),
        None => format!(r#"<p id="h-err-{fact}" class="field-error" role="alert" hidden></p>"#),
    };
    let choice = |out: &mut String, kind: &str, value: &str, label: &str, checked: bool| {
        let _ = write!(
            out,
            r#"<div class="choice"><input type="{kind}" name="f{fact}" id="f{fact}-{value}" value="{value}"{}><label for="f{fact}-{value}">{}</label></div>"#,
            if checked { " checked" } else { "" },
            esc(label)
        );
    };
    let _ = write!(out, r#"<div class="helper-row" data-fact="{}">"#, esc(&def.id));
    match &def.kind {
        FactKind::Int { .. } | FactKind::Date { .. } => {
            // What was typed and refused stays, with why, until corrected.
            let (value, invalid) = match (&entry, Draft::for_answer(&def.kind, answer)) {
                (Some((typed, _)), _) => (esc(typed), r#" aria-invalid="true""#),
                (None, Draft::Text(s)) => (esc(&s), ""),
                _ => (String::new(), ""),
            };
            let numeric = if matches!(def.kind, FactKind::Int { .. }) { "numeric" } else { "text" };
            let _ = write!(
                out,
                r#"<div class="helper-q" role="group" aria-labelledby="h-q-{fact}"><label class="helper-label" id="h-q-{fact}" for="f{fact}-input">{}</label>{hint}<div class="helper-field"><input id="f{fact}-input" name="f{fact}" class="text-input" type="text" inputmode="{numeric}" autocomplete="off" spellcheck="false" aria-describedby="{described}"{invalid} value="{value}">"#,
                esc(question)
            );
            if let Some(u) = &def.unit {
                let _ = write!(out, r#"<span class="unit">{}</span>"#, esc(u.get(lang)));
            }
            choice(out, "checkbox", "dk", t.dont_know, dont_know);
            let _ = write!(out, "</div>{error}</div>");
        }
        kind => {
            let is_set = matches!(kind, FactKind::Set(_));
            let _ = write!(
                out,
                r#"<fieldset class="helper-q" aria-describedby="{described}"><legend class="helper-label">{}</legend>{hint}<div class="helper-choices">"#,
                esc(question)
            );
            let labels: Vec<&str> = match kind {
                FactKind::Bool => vec![t.yes, t.no],
                kind => kind.choices().iter().map(|c| c.label.get(lang)).collect(),
            };
            let draft = Draft::for_answer(kind, answer);
            let input = if is_set { "checkbox" } else { "radio" };
            for (i, label) in labels.iter().enumerate() {
                let checked = match draft {
                    Draft::Set { chosen, .. } => chosen & 1 << i != 0,
                    Draft::Choice(c) => c == Some(i as u8),
                    Draft::Text(_) => false,
                };
                choice(out, input, &i.to_string(), label, checked);
            }
            if is_set {
                choice(out, "checkbox", &labels.len().to_string(), t.none_of_these, matches!(draft, Draft::Set { none: true, .. }));
            }
            choice(out, input, "dk", t.dont_know, dont_know);
            let _ = write!(out, "</div></fieldset>{error}");
        }
    }
    out.push_str("</div>");
}
