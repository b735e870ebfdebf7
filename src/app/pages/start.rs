//! The start page: what the tool does, what it covers, as of when, and the
//! privacy promise.

use crate::app::{i18n::ui, state::AppState};
use leptos::prelude::*;

#[component]
pub fn StartPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let t = move || ui(lang());
    let has_answers = move || !state.journey.with(|j| j.is_empty());
    view! {
        <div class="page start-page">
            <h1 id="page-heading" tabindex="-1">{move || t().start_heading}</h1>
            <p class="lead">{move || t().start_intro}</p>
            <dl class="pack-facts">
                <div><dt>{move || t().covers}</dt><dd data-testid="region">{move || state.pack.region.get(lang()).to_string()}</dd></div>
                <div><dt>{move || t().rules_as_of}</dt><dd data-testid="rules-as-of">{state.pack.rules_as_of.to_string()}</dd></div>
            </dl>
            <section class="privacy" aria-labelledby="privacy-heading">
                <h2 id="privacy-heading">{move || t().privacy_heading}</h2>
                <p>{move || t().privacy_promise}</p>
            </section>
            <button type="button" class="button primary" data-testid="start" on:click=move |_| state.begin()>
                {move || if has_answers() { t().resume_button } else { t().start_button }}
            </button>
        </div>
    }
}
