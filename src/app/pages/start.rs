//! The start page: what the tool does, what it covers, as of when, and the
//! privacy promise. HTML text with one click listener, as the library's
//! pages are: the same markup as Leptos views costs wasm the first-load
//! budget does not have.

use super::text_page::text_page;
use crate::app::{
    browser,
    i18n::ui,
    state::{AppState, Step},
};
use leptos::prelude::*;
use policy_explainer::engine::labels;
use policy_explainer::html::esc;

#[component]
pub fn StartPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let act = move |ev: leptos::ev::MouseEvent| match browser::clicked_data(&ev, "data-action").as_deref() {
        Some("start") => {
            // At a helper's desk this button is the helper's confirmation.
            state.consented.set(true);
            state.begin();
        }
        Some("library") => {
            ev.prevent_default();
            state.go(Step::Library);
        }
        _ => {}
    };
    // Drawn again only when the language (or whether there are answers) changes.
    let markup = move || {
        let lang = state.lang.get();
        let (t, l) = (ui(lang), labels(lang));
        let start = if state.has_own_answers() { t.resume_button } else { t.start_button };
        // At a helper's desk the citizen reads first that a helper will enter
        // their answers, and the helper confirms they agreed.
        let (consent, start) = if state.options.assist {
            (format!(r#"<p class="assist-consent" data-testid="assist-consent">{}</p>"#, esc(t.assist_consent)), t.assist_agreed)
        } else {
            (String::new(), start)
        };
        format!(
            r##"<h1 id="page-heading" tabindex="-1">{}</h1><p class="lead">{}</p><dl class="pack-facts"><div><dt>{}</dt><dd data-testid="region">{}</dd></div><div><dt>{}</dt><dd data-testid="rules-as-of">{}</dd></div></dl><section class="privacy" aria-labelledby="privacy-heading"><h2 id="privacy-heading">{}</h2><p>{}</p></section>{consent}<div class="button-row"><button type="button" class="button primary" data-action="start" data-testid="start">{}</button><a href="#policies" class="button secondary" data-action="library" data-testid="open-library">{}</a></div>"##,
            esc(t.start_heading),
            esc(t.start_intro),
            esc(t.covers),
            esc(state.pack.region.get(lang)),
            esc(l.rules_as_of),
            state.pack.rules_as_of,
            esc(t.privacy_heading),
            esc(t.privacy_promise),
            esc(start),
            esc(l.all_policies),
        )
    };
    text_page("page start-page", Box::new(act), None, Box::new(markup))
}
