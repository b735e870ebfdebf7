//! One policy's verdict as a card: what it is, who it is for, whether you
//! qualify or only meet the published conditions and who decides, why, each
//! condition with its basis and source, and where to apply.

use crate::app::{
    i18n::ui,
    state::{AppState, Return, Step},
};
use leptos::prelude::*;
use policy_explainer::engine::{chinese_script, explain, labels, wording, Basis, CriterionStatus, ResultGroup, Status};

#[component]
pub fn PolicyCard(
    /// Index of the policy in the pack.
    policy: usize,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let l = labels(lang);
        let e = state.progress.with(|p| explain(state.pack, &p.verdicts[policy], &p.facts, lang));
        let group = ResultGroup::of(e.status);
        let (icon, class) = (group.symbol(), format!("is-{}", group.as_str()));
        let heading_id = format!("policy-{}", e.policy_id);
        let labelled_by = heading_id.clone();
        let answer_these = move |_| {
            let first = state.next_for_policy(policy, None);
            if let Some(fact) = first {
                state.go(Step::Question { fact, then: Return::Policy(policy) });
            }
        };
        let can_answer = e.status == Status::Undetermined && state.next_for_policy(policy, None).is_some();
        view! {
            <article class=format!("policy-card {class}") aria-labelledby=labelled_by data-testid="policy-card" data-policy=e.policy_id.clone() data-status=e.status.as_str()>
                <h3 id=heading_id>{e.name}</h3>
                <p class="card-status"><span class="status-icon" aria-hidden="true">{icon}</span>" "{e.headline}</p>
                {e.amount.map(|a| view! { <p class="amount" data-testid="amount">{a}</p> })}
                {e.coverage_note.map(|n| view! { <p class="note coverage-note" data-testid="card-coverage-note">{n}</p> })}
                <dl class="card-facts">
                    <dt>{l.benefit}</dt><dd>{e.benefit}</dd>
                    <dt>{l.scope}</dt><dd data-testid="scope">{e.scope}</dd>
                    <dt>{l.decision}</dt><dd data-testid="decision">{e.decision}</dd>
                    <dt>{l.issuer}</dt><dd>{e.issuer}</dd>
                </dl>
                {e.source_age_note.map(|n| view! { <p class="note source-age-note" data-testid="source-age-note">{n}</p> })}
                {(!e.needed.is_empty()).then(|| view! {
                    <div class="why-not" data-testid="why-not">
                        <p>{wording::not_met_heading(e.status, lang)}</p>
                        <ul>{e.needed.iter().map(|f| view! { <li data-testid="needed">{f.clone()}</li> }).collect_view()}</ul>
                        {e.only_failure.clone().map(|s| view! { <p class="only-failure" data-testid="only-failure">{s}</p> })}
                    </div>
                })}
                {e.unclear_note.map(|n| view! { <p class="note unclear-note" data-testid="unclear-note">{n}</p> })}
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
                {e.reading_note.map(|n| view! { <p class="note reading-note" data-testid="reading-note">{n}</p> })}
                <details class="card-details">
                    <summary>{t.details}</summary>
                    <h4>{l.criteria_heading}</h4>
                    {e.criteria.is_empty().then(|| view! { <p class="no-criteria">{l.no_criteria}</p> })}
                    <ul class="criteria">
                        {e.criteria.into_iter().map(|c| {
                            let (icon, class) = match c.status {
                                CriterionStatus::Met => ("✓", "is-met"),
                                CriterionStatus::NotMet => ("✗", "is-not-met"),
                                CriterionStatus::Unknown => ("?", "is-unknown"),
                            };
                            let quote_lang = c.quote_lang;
                            view! {
                                <li class=format!("criterion {class}") data-status=c.status.as_str() data-basis=c.basis.as_str()>
                                    <p class="criterion-line">
                                        <span class="status-icon" aria-hidden="true">{icon}</span>" "
                                        <strong class="criterion-status">{c.status_text}</strong>": "{c.label}
                                        {(c.basis != Basis::Stated).then(|| view! { " "<span class="basis-tag" data-testid="basis-tag">{c.basis_label}</span> })}
                                    </p>
                                    {c.needed.map(|n| view! { <p class="needed">{n}</p> })}
                                    {c.reading.map(|r| view! { <p class="reading">{r}</p> })}
                                    <p class="source">
                                        {l.source}{c.document_title}" "
                                        <q lang=quote_lang>{c.quote}</q>
                                    </p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {e.amount_source.map(|(label, title, quote)| view! {
                        <h4>{label}</h4>
                        <p class="source">{l.source}{title}" "<q lang=chinese_script(&quote)>{quote.clone()}</q></p>
                    })}
                    <h4>{l.where_to_apply}</h4>
                    <p class="apply">{e.apply}</p>
                </details>
            </article>
        }
    }
}
