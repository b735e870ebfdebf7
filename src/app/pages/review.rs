//! Check your answers: every answer with a Change link that returns here.

use crate::app::{
    i18n::ui,
    state::{AppState, Return, Step},
};
use policy_explainer::engine::value_label;
use policy_explainer::journey::Answer;
use leptos::prelude::*;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let t = move || ui(lang());
    let rows = move || {
        let lang = lang();
        let t = ui(lang);
        state.journey.with(|j| {
            j.answered()
                .iter()
                .map(|&(fact, answer)| {
                    let def = &state.pack.facts[fact];
                    let question = def.question.get(lang).to_string();
                    let text = match answer {
                        Answer::Known(v) => value_label(def, v, lang),
                        Answer::DontKnow => t.not_answered.to_string(),
                    };
                    view! {
                        <div class="answer-row" data-fact=def.id.clone()>
                            <dt>{question.clone()}</dt>
                            <dd class="answer-value" class:is-unanswered=answer == Answer::DontKnow>{text}</dd>
                            <dd class="answer-change">
                                <button type="button" class="link-button" data-testid="change" on:click=move |_| state.go(Step::Question { fact, then: Return::Review })>
                                    {t.change}<span class="visually-hidden">": "{question}</span>
                                </button>
                            </dd>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="page review-page">
            <h1 id="page-heading" tabindex="-1">{move || t().review_heading}</h1>
            <p>{move || t().review_intro}</p>
            <dl class="answers" data-testid="answers">{rows}</dl>
            <button type="button" class="button primary" data-testid="see-results" on:click=move |_| state.go(Step::Results)>
                {move || t().see_results}
            </button>
        </div>
    }
}
