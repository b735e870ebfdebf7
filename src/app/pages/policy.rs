//! One policy's page in the library: who it is for, what it gives, each
//! condition with its basis and source, how it is decided, its dates and
//! where to apply: the static page's own HTML (`html::sheet_html`), so the
//! two never differ; then "does this apply to me", which asks only what
//! this policy needs, and the verdict once there are answers.
//!
//! Like the library list, the page is HTML text with one click listener
//! reading `data-action`: the same markup as Leptos views costs about 8 KB
//! of gzipped wasm, which the first-load budget does not have.

use super::text_page::text_page;
use crate::app::{
    browser,
    i18n::ui,
    state::{AppState, Return, Step},
};
use leptos::prelude::*;
use policy_explainer::engine::{describe, labels, Status};
use policy_explainer::html::{card_html, esc, sheet_html};

#[component]
pub fn PolicyPage(
    /// Index of the policy in the pack.
    policy: usize,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let act = move |ev: leptos::ev::MouseEvent| {
        let Some(action) = browser::clicked_data(&ev, "data-action") else { return };
        ev.prevent_default();
        match action.as_str() {
            "library" => state.go(Step::Library),
            "check" => {
                if let Some(fact) = state.next_for_sheet(policy) {
                    state.go(Step::Question { fact, then: Return::Sheet(policy) });
                }
            }
            "full" => state.begin(),
            "print" => browser::print(),
            // The verdict card's "answer these": the same as checking this policy.
            "answer" => {
                if let Some(fact) = state.next_for_sheet(policy) {
                    state.go(Step::Question { fact, then: Return::Sheet(policy) });
                }
            }
            _ => {}
        }
    };
    let markup = move || {
        let lang = state.lang.get();
        let (t, l) = (ui(lang), labels(lang));
        let sheet = describe(state.pack, &state.pack.policies[policy], lang, state.date);
        let status = state.progress.with(|p| p.verdicts[policy].status);
        let first = state.next_for_sheet(policy);
        let page = format!(
            r##"<p class="no-print"><a href="#policies" class="back-link" data-action="library" data-testid="to-library">{}</a></p>{}"##,
            esc(l.all_policies),
            sheet_html(state.pack, &sheet, lang)
        );
        let check = match first {
            Some(_) => format!(r#"<button type="button" class="button primary" data-action="check" data-testid="check-policy">{}</button>"#, esc(l.check_this)),
            None => String::new(),
        };
        let actions = format!(
            r#"<div class="button-row no-print">{check}<button type="button" class="button secondary" data-action="full" data-testid="full-check">{}</button><button type="button" class="button secondary" data-action="print" data-testid="print">{}</button></div>"#,
            esc(t.full_check),
            esc(t.print_page)
        );
        // The verdict once the person has answered something that settles
        // it, or when nothing more could be asked.
        let verdict = (state.has_own_answers() && status != Status::Undetermined || first.is_none())
            .then(|| state.progress.with(|p| card_html(state.pack, &p.verdicts[policy], &p.facts, lang, "h3")));
        // On paper, the check is worth a line only once there is a verdict.
        let check_class = if verdict.is_some() { "policy-check" } else { "policy-check no-print" };
        format!(
            r#"{page}<section class="{check_class}" aria-labelledby="your-result-heading"><h2 id="your-result-heading">{}</h2>{}{actions}</section>"#,
            esc(t.your_result),
            verdict.map(|v| format!("<div>{v}</div>")).unwrap_or_default()
        )
    };
    text_page("page policy-page", Box::new(act), None, Box::new(markup))
}
