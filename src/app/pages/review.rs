//! Check your answers: every answer with a Change link that returns here.

use crate::app::{
    i18n::ui,
    state::{AppState, Return, Step},
};
use leptos::prelude::*;
use policy_explainer::engine::value_label;
use policy_explainer::journey::Answer;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let facts = state.progress.with(|p| p.facts.clone());
        let rows = state.journey.with(|j| {
            j.answered()
                .iter()
                .map(|&(fact, answer)| {
                    let def = &state.pack.facts[fact];
                    let question = def.worded(&facts).0.get(lang).to_string();
                    let text = match answer {
                        Answer::Known(v) => value_label(def, v, lang),
                        Answer::DontKnow => t.not_answered.to_string(),
                    };
                    let class = if answer == Answer::DontKnow { "answer-value is-unanswered" } else { "answer-value" };
                    view! {
                        <div class="answer-row" data-fact=def.id.clone()>
                            <dt>{question.clone()}</dt>
                            <dd class=class>{text}</dd>
                            <dd class="answer-change">
                                <button type="button" class="link-button" data-testid="change" on:click=move |_| state.go(Step::Question { fact, then: Return::Review })>
                                    {t.change}<span class="visually-hidden">": "{question}</span>
                                </button>
                            </dd>
                        </div>
                    }
                })
                .collect_view()
        });
        view! {
            <div class="page review-page">
                <h1 id="page-heading" tabindex="-1">{t.review_heading}</h1>
                <p>{t.review_intro}</p>
                <dl class="answers" data-testid="answers">{rows}</dl>
                <button type="button" class="button primary" data-testid="see-results" on:click=move |_| state.go(Step::Results)>{t.see_results}</button>
            </div>
        }
    }
}
