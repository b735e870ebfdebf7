//! The start page: what the tool does, what it covers, as of when, and the
//! privacy promise.

use crate::app::{
    i18n::ui,
    state::{AppState, Step},
};
use leptos::prelude::*;
use policy_explainer::engine::labels;

#[component]
pub fn StartPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // One closure for the whole page: it re-renders only when the language
    // changes, which keeps the generated code (and the download) small.
    move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let l = labels(lang);
        let resume = state.has_own_answers();
        view! {
            <div class="page start-page">
                <h1 id="page-heading" tabindex="-1">{t.start_heading}</h1>
                <p class="lead">{t.start_intro}</p>
                <dl class="pack-facts">
                    <div><dt>{t.covers}</dt><dd data-testid="region">{state.pack.region.get(lang).to_string()}</dd></div>
                    <div><dt>{l.rules_as_of}</dt><dd data-testid="rules-as-of">{state.pack.rules_as_of.to_string()}</dd></div>
                </dl>
                <section class="privacy" aria-labelledby="privacy-heading">
                    <h2 id="privacy-heading">{t.privacy_heading}</h2>
                    <p>{t.privacy_promise}</p>
                </section>
                <div class="button-row">
                    <button type="button" class="button primary" data-testid="start" on:click=move |_| state.begin()>
                        {if resume { t.resume_button } else { t.start_button }}
                    </button>
                    <a href="#policies" class="button secondary" data-testid="open-library" on:click=move |ev| {
                        ev.prevent_default();
                        state.go(Step::Library);
                    }>{l.all_policies}</a>
                </div>
            </div>
        }
    }
}
