//! The live summary beside each question: how many policies fall in each
//! group of results so far, and each policy's status in the words of its
//! card's headline (never "pending review" where nobody reviews), all from
//! [`wording`]. Policies not for this applicant are left out: they are
//! neither a result nor a near miss. Collapsible, so that on a phone it does
//! not push the question down.

use crate::app::{i18n::ui, state::AppState};
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
    move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let counts = counts(&state, lang);
        // The rows are built only while the list is open: with a large pack,
        // rebuilding a thousand hidden rows on every answer would cost more
        // than a frame. HTML text, as the results are.
        let rows = move || if open.get() { state.progress.with(|progress| rows_html(&state, &progress.verdicts, lang)) } else { String::new() };
        view! {
            <aside class="live-summary" aria-labelledby="summary-title" data-testid="live-summary">
                <details prop:open=open.get_untracked() on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                    <summary>
                        <span id="summary-title">{t.summary_title}</span>": "
                        <span aria-live="polite" data-testid="summary-counts">{counts}</span>
                    </summary>
                    <ul class="summary-list" inner_html=rows></ul>
                </details>
            </aside>
        }
    }
}
