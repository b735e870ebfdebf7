//! The frame around every page: skip link, header with the language switch
//! and "clear my answers", the notice line, and the footer.

use crate::app::{i18n::ui, state::AppState};
use policy_explainer::engine::Lang;
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = move || ui(state.lang.get());
    let switch_lang = move |_| state.lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh });
    let other_lang = move || if state.lang.get() == Lang::Zh { "en" } else { "zh-Hans" };
    view! {
        <a class="skip-link" href="#main">{move || t().skip_to_content}</a>
        <header class="site-header">
            <p class="site-name">{move || t().app_name}</p>
            <div class="header-actions">
                <button type="button" class="link-button" data-testid="lang-switch" lang=other_lang on:click=switch_lang>
                    {move || t().language_switch}
                </button>
                <Show when=move || !state.journey.with(|j| j.is_empty())>
                    <button type="button" class="link-button" data-testid="clear-answers" on:click=move |_| state.clear()>
                        {move || t().clear_answers}
                    </button>
                </Show>
            </div>
        </header>
        <main id="main" tabindex="-1">
            {move || state.notice.get().map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
            {children()}
        </main>
        <footer class="site-footer">
            <p>{move || format!("{} {} · {}", t().rules_as_of, state.pack.rules_as_of, state.pack.region.get(state.lang.get()))}</p>
            <p class="print-only">{move || format!("{} {}", t().printed_on, state.date)}</p>
        </footer>
    }
}
