//! The results, grouped: eligible, possible, not eligible, not in force; then
//! how to keep or share them.

use crate::app::{
    browser,
    components::PolicyCard,
    i18n::ui,
    state::{AppState, Step},
};
use policy_explainer::engine::Status;
use leptos::prelude::*;

/// The result groups, in the order shown.
const GROUPS: [(&str, fn(Status) -> bool); 4] = [
    ("eligible", |s| s == Status::Eligible),
    ("possible", |s| s == Status::Undetermined),
    ("ineligible", |s| s == Status::Ineligible),
    ("not-in-force", |s| matches!(s, Status::Expired | Status::NotYetEffective)),
];

#[component]
pub fn ResultsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let t = move || ui(lang());
    let copied = RwSignal::new(false);
    let link = move || browser::share_link(&state.share_code(), lang());
    let groups = move || {
        let t = t();
        GROUPS
            .iter()
            .map(|(key, belongs)| {
                let title = match *key {
                    "eligible" => t.group_eligible,
                    "possible" => t.group_possible,
                    "ineligible" => t.group_ineligible,
                    _ => t.group_not_in_force,
                };
                let members: Vec<usize> = state.progress.with(|p| p.verdicts.iter().filter(|v| belongs(v.status)).map(|v| v.policy).collect());
                let heading_id = format!("group-{key}");
                let labelled_by = heading_id.clone();
                view! {
                    <section class=format!("result-group group-{key}") aria-labelledby=labelled_by data-testid=format!("group-{key}")>
                        <h2 id=heading_id>{title}" ("{members.len()}")"</h2>
                        {if members.is_empty() {
                            view! { <p class="empty">{t.group_empty}</p> }.into_any()
                        } else {
                            members.into_iter().map(|p| view! { <PolicyCard policy=p /> }).collect_view().into_any()
                        }}
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <div class="page results-page">
            <h1 id="page-heading" tabindex="-1">{move || t().results_heading}</h1>
            <p class="lead">{move || t().results_intro}</p>
            <p class="rules-as-of" data-testid="results-rules-as-of">{move || format!("{} {}", t().rules_as_of, state.pack.rules_as_of)}</p>
            {groups}
            <section class="share no-print" aria-labelledby="share-heading">
                <h2 id="share-heading">{move || t().share_heading}</h2>
                <p id="share-explain">{move || t().share_explain}</p>
                <label for="share-link" class="field-label">{move || t().share_link_label}</label>
                <input id="share-link" class="share-link" type="text" readonly aria-describedby="share-explain" data-testid="share-link" prop:value=link />
                <div class="button-row">
                    <button type="button" class="button secondary" data-testid="copy-link" on:click=move |_| {
                        browser::copy_to_clipboard(&link());
                        copied.set(true);
                    }>{move || t().copy_link}</button>
                    <button type="button" class="button secondary" data-testid="print" on:click=move |_| browser::print()>{move || t().print}</button>
                </div>
                <p role="status" class="copied">{move || copied.get().then(|| t().link_copied)}</p>
            </section>
            <nav class="result-actions no-print" aria-label=move || t().review_answers>
                <button type="button" class="button secondary" data-testid="review" on:click=move |_| state.go(Step::Review)>{move || t().review_answers}</button>
                <button type="button" class="button secondary" data-testid="start-over" on:click=move |_| state.clear()>{move || t().start_over}</button>
            </nav>
        </div>
    }
}
