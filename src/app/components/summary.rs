//! The live summary beside each question: how many policies are eligible,
//! still possible, or ruled out, and each policy's status. Collapsible, so
//! that on a phone it does not push the question down.

use crate::app::{i18n::ui, state::AppState};
use policy_explainer::engine::{status_text, Status};
use leptos::prelude::*;

/// Counts (eligible, possible, ruled out) of the current verdicts.
pub fn counts(state: &AppState) -> (usize, usize, usize) {
    state.progress.with(|p| {
        let n = |f: fn(Status) -> bool| p.verdicts.iter().filter(|v| f(v.status)).count();
        (n(|s| s == Status::Eligible), n(|s| s == Status::Undetermined), n(|s| matches!(s, Status::Ineligible | Status::Expired | Status::NotYetEffective)))
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
        let (e, p, r) = counts(&state);
        let rows = state.progress.with(|progress| {
            progress
                .verdicts
                .iter()
                .map(|v| {
                    let policy = &state.pack.policies[v.policy];
                    let (icon, class) = status_marker(v.status);
                    view! {
                        <li class=format!("summary-row {class}") data-policy=policy.id.clone() data-status=v.status.as_str()>
                            <span class="status-icon" aria-hidden="true">{icon}</span>
                            <span class="summary-name">{policy.name.get(lang).to_string()}</span>
                            <span class="summary-status">{status_text(v.status, lang)}</span>
                        </li>
                    }
                })
                .collect_view()
        });
        view! {
            <aside class="live-summary" aria-labelledby="summary-title" data-testid="live-summary">
                <details prop:open=open.get_untracked() on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                    <summary>
                        <span id="summary-title">{t.summary_title}</span>": "
                        <span aria-live="polite" data-testid="summary-counts">{(t.summary_counts)(e, p, r)}</span>
                    </summary>
                    <ul class="summary-list">{rows}</ul>
                </details>
            </aside>
        }
    }
}

/// A symbol and a class for a status; the status is always also written out,
/// so nothing depends on colour or the symbol alone.
pub fn status_marker(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Eligible => ("✓", "is-eligible"),
        Status::Ineligible => ("✗", "is-ineligible"),
        Status::Undetermined => ("?", "is-possible"),
        Status::Expired | Status::NotYetEffective => ("–", "is-not-in-force"),
    }
}
