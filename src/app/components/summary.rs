//! The live summary beside each question: how many policies fall in each
//! group of results so far, and each policy's status in the words of its
//! card's headline (never "pending review" where nobody reviews), all from
//! [`wording`]. Policies not for this applicant are left out: they are
//! neither a result nor a near miss. Collapsible, so that on a phone it does
//! not push the question down.

use crate::app::{i18n::ui, state::AppState};
use leptos::prelude::*;
use policy_explainer::engine::{headline, wording, ResultGroup};

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

#[component]
pub fn LiveSummary() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Whether the list is open survives the re-render after each answer.
    let open = RwSignal::new(false);
    move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let counts = counts(&state, lang);
        // The rows are built only while the list is open: with a large pack,
        // rebuilding a thousand hidden rows on every answer would cost more
        // than a frame.
        let rows = move || {
            open.get().then(|| {
                state.progress.with(|progress| {
                    progress
                        .verdicts
                        .iter()
                        .filter(|v| ResultGroup::of(v.status) != ResultGroup::NotForYou)
                        .map(|v| {
                            let policy = &state.pack.policies[v.policy];
                            let group = ResultGroup::of(v.status);
                            view! {
                                <li class=format!("summary-row is-{}", group.as_str()) data-policy=policy.id.clone() data-status=v.status.as_str()>
                                    <span class="status-icon" aria-hidden="true">{group.symbol()}</span>
                                    <span class="summary-name">{policy.name.get(lang).to_string()}</span>
                                    <span class="summary-status">{headline(policy, v.status, lang)}</span>
                                </li>
                            }
                        })
                        .collect_view()
                })
            })
        };
        view! {
            <aside class="live-summary" aria-labelledby="summary-title" data-testid="live-summary">
                <details prop:open=open.get_untracked() on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                    <summary>
                        <span id="summary-title">{t.summary_title}</span>": "
                        <span aria-live="polite" data-testid="summary-counts">{counts}</span>
                    </summary>
                    <ul class="summary-list">{rows}</ul>
                </details>
            </aside>
        }
    }
}
