//! Check your answers: every answer with a Change button that returns here.
//! HTML text with one click listener (see the start page).

use super::text_page::text_page;
use crate::app::{
    browser,
    i18n::ui,
    state::{AppState, Return, Step},
};
use leptos::prelude::*;
use policy_explainer::engine::value_label;
use policy_explainer::html::esc;
use policy_explainer::journey::Answer;
use std::fmt::Write as _;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let act = move |ev: leptos::ev::MouseEvent| match browser::clicked_data(&ev, "data-action").as_deref() {
        Some("results") => state.go(Step::Results),
        Some("change") => {
            if let Some(fact) = browser::clicked_data(&ev, "data-fact").and_then(|id| state.pack.fact_ix(&id)) {
                state.go(Step::Question { fact, then: Return::Review });
            }
        }
        _ => {}
    };
    let markup = move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let facts = state.progress.with(|p| p.facts.clone());
        let mut html = format!(
            r#"<h1 id="page-heading" tabindex="-1">{}</h1><p>{}</p><dl class="answers" data-testid="answers">"#,
            esc(t.review_heading),
            esc(t.review_intro)
        );
        state.journey.with(|j| {
            for &(fact, answer) in j.answered() {
                let def = &state.pack.facts[fact];
                let question = esc(def.worded(&facts).0.get(lang));
                let (class, text) = match answer {
                    Answer::Known(v) => ("answer-value", value_label(def, v, lang)),
                    Answer::DontKnow => ("answer-value is-unanswered", t.not_answered.to_string()),
                };
                let id = esc(&def.id);
                let _ = write!(
                    html,
                    r#"<div class="answer-row" data-fact="{id}"><dt>{question}</dt><dd class="{class}">{}</dd><dd class="answer-change"><button type="button" class="link-button" data-action="change" data-fact="{id}" data-testid="change">{}<span class="visually-hidden">: {question}</span></button></dd></div>"#,
                    esc(&text),
                    esc(t.change)
                );
            }
        });
        let _ = write!(
            html,
            r#"</dl><button type="button" class="button primary" data-action="results" data-testid="see-results">{}</button>"#,
            esc(t.see_results)
        );
        html
    };
    text_page("page review-page", Box::new(act), None, Box::new(markup))
}
