//! The policy library: every policy of the pack, grouped by issuer, with a
//! search over names and benefits and a filter by kind of applicant. The
//! search is the engine's (`engine::search`); the list is the static
//! index's HTML (`html::list_html`), opened by one click listener: as Leptos
//! views the same list would cost wasm the first-load budget does not have.

use crate::app::{
    browser,
    i18n::ui,
    state::{AppState, Step},
};
use leptos::prelude::*;
use policy_explainer::engine::{applicant_fact, labels, search, FactKind, Value};
use policy_explainer::html::{esc, list_html};
use policy_explainer::launch::encode_component;

#[component]
pub fn LibraryPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let pack = state.pack;
    let query = RwSignal::new(String::new());
    // The applicant question's choice to filter by; `None` is everyone.
    let applicant = RwSignal::new(None::<u8>);
    let applicant_fact = applicant_fact(pack);
    let found = Memo::new(move |_| query.with(|q| search(pack, q, applicant_fact.zip(applicant.get().map(Value::Enum)))));
    let act = move |ev: leptos::ev::MouseEvent| {
        if let Some(id) = browser::clicked_data(&ev, "data-policy") {
            if let Some(p) = pack.policy_ix(&id) {
                ev.prevent_default();
                browser::mark("pe:open-policy");
                browser::after_next_frame(|| browser::measure("pe:open-policy-to-update", "pe:open-policy"));
                state.go(Step::Policy(p));
            }
        } else {
            match browser::clicked_data(&ev, "data-action").as_deref() {
                Some("full") => state.begin(),
                Some("all") => {
                    query.set(String::new());
                    applicant.set(None);
                    browser::focus_soon("library-search");
                }
                _ => {}
            }
        }
    };
    // From a keystroke to the new list on screen, for scripts/measure.mjs.
    let search_input = move |e: leptos::ev::Event| {
        browser::mark("pe:search");
        browser::after_next_frame(|| browser::measure("pe:search-to-update", "pe:search"));
        query.set(event_target_value(&e));
    };
    // A radio of the filter: its value is the choice's index, or "" for all.
    let pick = move |ev: leptos::ev::Event| applicant.set(event_target_value(&ev).parse().ok());
    // One closure for the frame (it changes with the language); the list
    // and the count follow the search, leaving the search box alone.
    move || {
        let lang = state.lang.get();
        let (t, l) = (ui(lang), labels(lang));
        let filter = applicant_fact.and_then(|fact| match &pack.facts[fact].kind {
            FactKind::Enum(choices) => {
                let radio = |i: usize, value: &str, label: &str| {
                    let checked = if applicant.get_untracked().map_or(String::new(), |c| c.to_string()) == value { " checked" } else { "" };
                    format!(r#"<div class="choice"><input type="radio" name="library-for" id="library-for-{i}" value="{value}"{checked}><label for="library-for-{i}">{}</label></div>"#, esc(label))
                };
                let mut html = format!(r#"<legend class="field-label">{}</legend>"#, esc(t.filter_legend)) + &radio(0, "", t.filter_all);
                for (i, c) in choices.iter().enumerate() {
                    html += &radio(i + 1, &i.to_string(), c.label.get(lang));
                }
                Some(view! { <fieldset class="library-filter" data-testid="library-filter" on:change=pick inner_html=html></fieldset> })
            }
            _ => None,
        });
        let list = move || found.with(|found| list_html(pack, found, lang, state.date, |id| format!("#policy={}", encode_component(id))));
        let start = format!(
            r#"<div class="button-row no-print"><button type="button" class="button primary" data-action="full" data-testid="library-start">{}</button></div>"#,
            esc(t.full_check)
        );
        view! {
            <div class="page library-page" on:click=act>
                <h1 id="page-heading" tabindex="-1">{l.all_policies}</h1>
                <p class="lead">{t.library_intro}</p>
                <div class="library-controls no-print" role="search">
                    <label for="library-search" class="field-label">{t.search_label}</label>
                    <p id="library-search-hint" class="hint">{t.search_hint}</p>
                    <input id="library-search" type="search" class="text-input" aria-describedby="library-search-hint" data-testid="library-search"
                        prop:value=move || query.get() on:input=search_input />
                    {filter}
                </div>
                <p role="status" class="library-count" data-testid="library-count">{move || {
                    let n = found.with(Vec::len);
                    if n == 0 { t.no_results.to_string() } else { (t.library_count)(n) }
                }}</p>
                {move || found.with(Vec::is_empty).then(|| view! {
                    <div class="button-row"><button type="button" class="button secondary" data-action="all" data-testid="show-all">{t.show_all}</button></div>
                })}
                <div class="library-results" data-testid="library-results" inner_html=list></div>
                <div inner_html=start></div>
            </div>
        }
    }
}
