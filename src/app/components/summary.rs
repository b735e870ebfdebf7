//! The live summary beside each question: how many policies fall in each
//! group of results so far, and each policy's status in the words of its
//! card's headline (never "pending review" where nobody reviews), all from
//! [`wording`]. Policies not for this applicant are left out: they are
//! neither a result nor a near miss. Collapsible, so that on a phone it does
//! not push the question down.

use crate::app::{browser, i18n::ui, pages::text_page, state::AppState};
use leptos::prelude::*;
use policy_explainer::engine::{headline, wording, ResultGroup};
use policy_explainer::html::esc;

/// The counts of the current verdicts in words, group by group ("2 项符合条件
/// · 3 项还需更多信息"), leaving out empty groups and what is not for you.
pub fn counts(state: &AppState, lang: policy_explainer::engine::Lang) -> String {
    state.progress.with(|p| {
        ResultGroup::ALL
            .iter()
            .filter(|g| **g != ResultGroup::NotForYou)
            .filter_map(|&g| {
                let n = p.verdicts.iter().filter(|v| ResultGroup::of(v.status) == g).count();
                (n > 0).then(|| wording::group_count(g, n, lang))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    })
}

/// One row per verdict (but what is not for you): its mark, name and headline.
fn rows_html(state: &AppState, verdicts: &[policy_explainer::engine::Verdict], lang: policy_explainer::engine::Lang) -> String {
    let mut out = String::new();
    for v in verdicts.iter().filter(|v| ResultGroup::of(v.status) != ResultGroup::NotForYou) {
        let policy = &state.pack.policies[v.policy];
        let group = ResultGroup::of(v.status);
        out.push_str(&format!(
            r#"<li class="summary-row is-{}" data-policy="{}" data-status="{}"><span class="status-icon" aria-hidden="true">{}</span> <span class="summary-name">{}</span> <span class="summary-status">{}</span></li>"#,
            group.as_str(),
            esc(&policy.id),
            v.status.as_str(),
            group.symbol(),
            esc(policy.name.get(lang)),
            esc(&headline(policy, v.status, lang))
        ));
    }
    out
}

#[component]
pub fn LiveSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Whether the list is open survives the re-render after each answer.
    // Open from the start at a helper's desk, where it is the verdicts
    // beside the questions.
    let open = RwSignal::new(state.options.assist);
    // The summary opens and closes the list itself (and the page draws it
    // again), so that the rows are built only while it is open.
    let click = move |ev: leptos::ev::MouseEvent| {
        if browser::clicked_data(&ev, "data-action").as_deref() == Some("summary") {
            ev.prevent_default();
            open.update(|o| *o = !*o);
            browser::focus_soon("summary-toggle");
        }
    };
    let markup = move || {
        let lang = state.lang.get();
        let is_open = open.get();
        // The rows are built only while the list is open: with a large pack,
        // rebuilding a thousand hidden rows on every answer would cost more
        // than a frame. HTML text, as the results are.
        let rows = if is_open { state.progress.with(|progress| rows_html(&state, &progress.verdicts, lang)) } else { String::new() };
        format!(
            r#"<aside class="live-summary" aria-labelledby="summary-title" data-testid="live-summary"><details{}><summary id="summary-toggle" data-action="summary"><span id="summary-title">{}</span>: <span data-testid="summary-counts">{}</span></summary><ul class="summary-list">{rows}</ul></details></aside>"#,
            if is_open { " open" } else { "" },
            esc(ui(lang).summary_title),
            esc(&counts(&state, lang))
        )
    };
    // The markup is drawn anew on each answer, and a screen reader does not
    // announce a live region that arrives with its text: the counts are
    // announced from one that stays, as the helper's desk answers in place.
    view! {
        {text_page("live-summary-box", Box::new(click), None, Box::new(markup))}
        <p class="visually-hidden" aria-live="polite">{move || counts(&state, state.lang.get())}</p>
    }
}
