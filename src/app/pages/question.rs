//! One question per page: the question as the heading, its hint, the answer
//! controls, Continue, "I don't know" and Back, with the live summary beside.
//! The page is HTML text with one listener per kind of event.

use super::text_page::text_page;
use crate::app::{
    browser,
    components::LiveSummary,
    i18n::{ui, Ui},
    state::{AppState, Return, Step},
};
use leptos::prelude::*;
use policy_explainer::engine::{labels, FactDef, FactIx, FactKind, Lang};
use policy_explainer::html::esc;
use policy_explainer::journey::{Answer, Draft, EntryError};
use std::fmt::Write as _;
use wasm_bindgen::JsCast;

/// The words for an entry error, in the page's language.
pub(crate) fn error_message(e: EntryError, t: &Ui) -> String {
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
    // The answer being entered and its error live outside the page's text,
    // so a redraw (another language, an error shown) keeps them.
    let draft = StoredValue::new(Draft::for_answer(&def.kind, state.journey.with_untracked(|j| j.get(fact))));
    let error = RwSignal::new(None::<EntryError>);
    let submit = move |ev: web_sys::Event| {
        ev.prevent_default();
        match draft.with_value(|d| d.to_value(&def.kind)) {
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
    // A choice ticked or unticked: "None of these" clears the others, and
    // any other clears it; the boxes then show the draft.
    let change = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).filter(|i| i.name() == "answer") else { return };
        let Ok(i) = input.value().parse::<u8>() else { return };
        let on = input.checked();
        let choices = draft.with_value(|d| match d {
            Draft::Set { .. } => def.kind.choices().len() + 1,
            _ => 0,
        });
        draft.update_value(|d| match d {
            Draft::Set { chosen, none } if usize::from(i) + 1 == choices => (*chosen, *none) = (0, on),
            Draft::Set { chosen, none } => (*chosen, *none) = (if on { *chosen | 1u64 << i } else { *chosen & !(1u64 << i) }, false),
            d => *d = Draft::Choice(Some(i)),
        });
        if let Draft::Set { chosen, none } = draft.get_value() {
            for n in 0..choices {
                let checked = if n + 1 == choices { none } else { chosen & 1 << n != 0 };
                if let Some(b) = browser::element_by_id(&format!("q-choice-{n}")).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    b.set_checked(checked);
                }
            }
        }
    };
    let input = move |ev: web_sys::Event| {
        if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).filter(|i| i.id() == "q-input") {
            draft.set_value(Draft::Text(i.value()));
        }
    };
    let click = move |ev: leptos::ev::MouseEvent| match browser::clicked_data(&ev, "data-action").as_deref() {
        Some("back") => match then {
            Return::Flow => state.back_from(fact),
            Return::Review => state.go(Step::Review),
            Return::Policy(_) | Return::Place(_) => state.go(Step::Results),
            Return::Sheet(p) => state.go(Step::Policy(p)),
        },
        Some("dont-know") => state.answer(fact, Answer::DontKnow, then),
        // Follow the error's link without touching the URL fragment (it holds the answers).
        Some("to-field") => {
            ev.prevent_default();
            browser::focus_soon(field_id(&def.kind));
        }
        // The kiosk's number pad.
        Some(key) if key.starts_with("key-") => {
            draft.update_value(|d| {
                if let Draft::Text(s) = d {
                    match &key[4..] {
                        "clear" => s.clear(),
                        "delete" => {
                            s.pop();
                        }
                        digit if s.len() < 9 => s.push_str(digit),
                        _ => {}
                    }
                }
            });
            if let (Some(field), Draft::Text(s)) =
                (browser::element_by_id("q-input").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()), draft.get_value())
            {
                field.set_value(&s);
            }
        }
        _ => {}
    };
    // Worded for the answers so far (a person works in a city; an enterprise
    // is registered there). Answering leaves this page, so this holds while it shows.
    let (question, hint) = state.progress.with_untracked(|p| def.worded(&p.facts));
    let page = move || {
        let lang = state.lang.get();
        let left = state.progress.with(|p| match (p.questions_left, p.past_opening) {
            // A count only once who is asking and where are known: before,
            // it counts questions most people will never be asked.
            (_, false) => String::new(),
            (0, true) => ui(lang).no_more_questions.to_string(),
            (n, true) => (ui(lang).about_left)(n),
        });
        let text = QuestionText { def, question: question.get(lang), hint: hint.map(|h| h.get(lang)), lang, keypad: state.kiosk() };
        text.html(&draft.get_value(), error.get(), &left)
    };
    // The form's events, one listener told apart by their type.
    let form = move |ev: web_sys::Event| match ev.type_().as_str() {
        "submit" => submit(ev),
        "change" => change(ev),
        _ => input(ev),
    };
    let markup = move || format!("<div data-readable>{}</div>", page());
    view! {
        <div class="page question-page" data-fact=def.id.clone()>
            {text_page("question-main", Box::new(click), Some(std::rc::Rc::new(form)), Box::new(markup))}
            <LiveSummary />
        </div>
    }
}

/// The element an entry error's link moves to.
fn field_id(kind: &FactKind) -> &'static str {
    match kind {
        FactKind::Int { .. } | FactKind::Date { .. } => "q-input",
        _ => "q-choice-0",
    }
}

/// One question's page as HTML text: Back, read-aloud, the count, the
/// error summary, the question as the heading with its hint and the answer
/// controls, Continue and "I don't know". Plain markup costs far less wasm
/// than the same tree as views; the page's listeners read it back.
struct QuestionText<'a> {
    def: &'a FactDef,
    question: &'a str,
    hint: Option<&'a str>,
    lang: Lang,
    /// A kiosk has no keyboard: numbers come from a pad, and the field is
    /// read-only so no on-screen keyboard pops up.
    keypad: bool,
}

impl QuestionText<'_> {
    fn html(&self, draft: &Draft, error: Option<EntryError>, left: &str) -> String {
        let (t, lang, def) = (ui(self.lang), self.lang, self.def);
        let is_set = matches!(def.kind, FactKind::Set(_));
        let described_by = match (self.hint.is_some() || is_set, error.is_some()) {
            (true, true) => " aria-describedby=\"q-hint q-error\"",
            (true, false) => " aria-describedby=\"q-hint\"",
            (false, true) => " aria-describedby=\"q-error\"",
            (false, false) => "",
        };
        let invalid = if error.is_some() { " aria-invalid=\"true\"" } else { "" };
        let mut out = format!(
            r#"<button type="button" class="back-link" data-action="back" data-testid="back">{}</button><button type="button" class="link-button read-aloud" data-read="h1,.hint,.choice label,.unit" aria-pressed="false" data-testid="read-question">{}</button><p class="progress-note" data-testid="questions-left">{}</p>"#,
            esc(t.back),
            esc(labels(lang).read_aloud),
            esc(left)
        );
        let message = error.map(|e| error_message(e, t));
        if let Some(m) = &message {
            let _ = write!(
                out,
                r##"<div id="error-summary" class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" data-testid="error-summary"><h2 id="error-summary-title">{}</h2><ul><li><a href="#{}" data-action="to-field">{}</a></li></ul></div>"##,
                esc(t.error_summary_title),
                field_id(&def.kind),
                esc(m)
            );
        }
        out.push_str("<form novalidate>");
        // For "all that apply", how to answer comes first, on its own line,
        // before what the terms mean.
        let mut hint = String::new();
        if is_set || self.hint.is_some() {
            hint.push_str("<div id=\"q-hint\">");
            if is_set {
                let _ = write!(hint, "<p class=\"hint how-to-answer\">{}</p>", esc(t.choose_all_hint));
            }
            if let Some(h) = self.hint {
                let _ = write!(hint, "<p class=\"hint\">{}</p>", esc(h));
            }
            hint.push_str("</div>");
        }
        if let Some(m) = &message {
            let _ = write!(hint, "<p id=\"q-error\" class=\"field-error\"><span class=\"visually-hidden\">! </span>{}</p>", esc(m));
        }
        let heading = esc(self.question);
        match &def.kind {
            FactKind::Int { .. } | FactKind::Date { .. } => {
                let is_int = matches!(def.kind, FactKind::Int { .. });
                let keypad = self.keypad && is_int;
                let value = match draft {
                    Draft::Text(s) => esc(s),
                    _ => String::new(),
                };
                let _ = write!(
                    out,
                    r#"<h1 id="page-heading" tabindex="-1"><label for="q-input">{heading}</label></h1>{hint}<div class="number-field"><input id="q-input" class="text-input{}" type="text" inputmode="{}"{} autocomplete="off" spellcheck="false"{described_by}{invalid} value="{value}">"#,
                    if error.is_some() { " has-error" } else { "" },
                    if keypad {
                        "none"
                    } else if is_int {
                        "numeric"
                    } else {
                        "text"
                    },
                    if keypad { " readonly" } else { "" },
                );
                if let Some(u) = &def.unit {
                    let _ = write!(out, "<span class=\"unit\">{}</span>", esc(u.get(lang)));
                }
                out.push_str("</div>");
                if keypad {
                    let _ = write!(out, "<div class=\"number-pad\" role=\"group\" aria-label=\"{}\">", esc(t.keypad_label));
                    let key = |out: &mut String, key: &str, label: &str| {
                        let _ = write!(out, "<button type=\"button\" class=\"key\" data-action=\"key-{key}\" data-testid=\"key-{key}\" aria-controls=\"q-input\">{label}</button>");
                    };
                    for n in ["1", "2", "3", "4", "5", "6", "7", "8", "9"] {
                        key(&mut out, n, n);
                    }
                    key(&mut out, "clear", &esc(t.keypad_clear));
                    key(&mut out, "0", "0");
                    key(&mut out, "delete", &esc(t.keypad_delete));
                    out.push_str("</div>");
                }
            }
            kind => {
                let _ = write!(
                    out,
                    r#"<fieldset class="choices"{described_by}{invalid}><legend><h1 id="page-heading" tabindex="-1">{heading}</h1></legend>{hint}"#
                );
                let mut labels: Vec<&str> = match kind {
                    FactKind::Bool => vec![t.yes, t.no],
                    kind => kind.choices().iter().map(|c| c.label.get(lang)).collect(),
                };
                // "None of these", a choice of its own, last; distinct from "I don't know".
                if is_set {
                    labels.push(t.none_of_these);
                }
                let none = labels.len() - 1;
                for (i, label) in labels.into_iter().enumerate() {
                    let checked = match *draft {
                        Draft::Set { none: n, .. } if is_set && i == none => n,
                        Draft::Set { chosen, .. } => chosen & 1 << i != 0,
                        Draft::Choice(c) => c == Some(i as u8),
                        Draft::Text(_) => false,
                    };
                    let _ = write!(
                        out,
                        r#"<div class="{}"><input type="{}" name="answer" id="q-choice-{i}" value="{i}"{}><label for="q-choice-{i}">{}</label></div>"#,
                        if is_set && i == none { "choice none-of-these" } else { "choice" },
                        if is_set { "checkbox" } else { "radio" },
                        if checked { " checked" } else { "" },
                        esc(label)
                    );
                }
                out.push_str("</fieldset>");
            }
        }
        let _ = write!(
            out,
            r#"<div class="button-row"><button type="submit" class="button primary" data-testid="continue">{}</button><button type="button" class="button secondary" data-action="dont-know" data-testid="dont-know">{}</button></div></form>"#,
            esc(t.continue_button),
            esc(t.dont_know)
        );
        out
    }
}
