//! One policy's verdict as a card: what it is, whether you qualify, why, each
//! condition with its source, and where to apply.

use crate::app::{
    components::summary::status_marker,
    i18n::ui,
    state::{AppState, Return, Step},
};
use policy_explainer::engine::{explain, CriterionStatus, Status};
use leptos::prelude::*;

#[component]
pub fn PolicyCard(
    /// Index of the policy in the pack.
    policy: usize,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let verdict = state.progress.with(|p| p.verdicts[policy].clone());
        let e = explain(state.pack, &verdict, lang);
        let (icon, class) = status_marker(e.status);
        let heading_id = format!("policy-{}", e.policy_id);
        let labelled_by = heading_id.clone();
        let answer_these = move |_| {
            let first = state.next_for_policy(policy, usize::MAX);
            if let Some(fact) = first {
                state.go(Step::Question { fact, then: Return::Policy(policy) });
            }
        };
        let can_answer = e.status == Status::Undetermined && state.next_for_policy(policy, usize::MAX).is_some();
        view! {
            <article class=format!("policy-card {class}") aria-labelledby=labelled_by data-testid="policy-card" data-policy=e.policy_id.clone() data-status=e.status.as_str()>
                <h3 id=heading_id>{e.name}</h3>
                <p class="card-status"><span class="status-icon" aria-hidden="true">{icon}</span>" "{e.headline}</p>
                {e.amount.map(|a| view! { <p class="amount" data-testid="amount">{a}</p> })}
                <dl class="card-facts">
                    <dt>{t.benefit}</dt><dd>{e.benefit}</dd>
                    <dt>{t.issuer}</dt><dd>{e.issuer}</dd>
                </dl>
                {(!e.failed.is_empty()).then(|| view! {
                    <div class="why-not" data-testid="why-not">
                        <p>{t.why_not}</p>
                        <ul>{e.failed.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}</ul>
                        {e.only_failure.clone().map(|s| view! { <p class="only-failure" data-testid="only-failure">{s}</p> })}
                    </div>
                })}
                {(!e.still_needed.is_empty()).then(|| view! {
                    <div class="still-needed">
                        <p>{t.still_needed}</p>
                        <ul>{e.still_needed.iter().map(|q| view! { <li>{q.clone()}</li> }).collect_view()}</ul>
                        {can_answer.then(|| view! {
                            <button type="button" class="button secondary" data-testid="answer-these" on:click=answer_these>{t.answer_these}</button>
                        })}
                    </div>
                })}
                {e.validity_note.map(|n| view! { <p class="validity-note">{n}</p> })}
                {e.indicative_note.map(|n| view! { <p class="note indicative" data-testid="indicative-note">{n}</p> })}
                <details class="card-details">
                    <summary>{t.details}</summary>
                    <h4>{t.criteria_heading}</h4>
                    <ul class="criteria">
                        {e.criteria.into_iter().map(|c| {
                            let (icon, class) = match c.status {
                                CriterionStatus::Met => ("✓", "is-met"),
                                CriterionStatus::NotMet => ("✗", "is-not-met"),
                                CriterionStatus::Unknown => ("?", "is-unknown"),
                            };
                            view! {
                                <li class=format!("criterion {class}") data-status=c.status.as_str()>
                                    <p class="criterion-line">
                                        <span class="status-icon" aria-hidden="true">{icon}</span>" "
                                        <strong class="criterion-status">{c.status_text}</strong>": "{c.label}
                                    </p>
                                    <p class="source">
                                        {t.source}": "{c.document_title}" "
                                        <q lang="zh">{c.quote}</q>
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {e.amount_source.map(|(label, title, quote)| view! {
                        <h4>{label}</h4>
                        <p class="source">{t.source}": "{title}" "<q lang="zh">{quote}</q></p>
                    })}
                    <h4>{t.where_to_apply}</h4>
                    <p class="apply">{e.apply}</p>
                </details>
            </article>
        }
    }
}
