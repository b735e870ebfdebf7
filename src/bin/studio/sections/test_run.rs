//! The pack's test cases, run on demand as `policy test` runs them: the
//! summary, and each failure with its place, its name and what differed.

use leptos::prelude::*;

use crate::checks::{run_tests, TestRun};
use crate::reports::test_run_html;
use crate::state::{click, shown, tr, Studio};
use crate::words::test_summary;

pub fn test_cases(s: Studio) -> impl IntoView {
    // The run, and the edit it was made at.
    let run: RwSignal<Option<(u32, TestRun)>> = RwSignal::new(None);
    let on_run = move |_| {
        s.flush();
        let outcome = s.ws.with_untracked(|w| run_tests(w.files()));
        run.set(Some((s.edits.get_untracked(), outcome)));
    };
    let state = move || {
        run.with(|r| match r {
            None => "none",
            Some((_, TestRun::Ran { failures, .. })) if failures.is_empty() => "passed",
            Some((_, TestRun::Ran { .. })) => "failed",
            Some(_) => "cannot-run",
        })
    };
    let said = move || run.with(|r| r.as_ref().map(|(_, outcome)| test_summary(s.lang.get(), outcome)).unwrap_or_default());
    let stale = move || if run.with(|r| r.as_ref().is_some_and(|(at, _)| *at != s.edits.get())) { s.words().stale } else { "" };
    let details = Memo::new(move |_| run.with(|r| r.as_ref().map(|(_, outcome)| test_run_html(outcome)).unwrap_or_default()));
    view! {
        <section aria-labelledby="tests-heading">
            <h2 id="tests-heading">{tr(s, |w| w.tests)}</h2>
            <button type="button" data-testid="run-tests" on:click=click(on_run)>{tr(s, |w| w.run_tests)}</button>
            <div role="status">
                <p data-testid="test-status" data-state=shown(state)>{shown(said)}</p>
                <p class="note">{shown(stale)}</p>
            </div>
            <ul class="test-failures" data-testid="test-failures" inner_html=details></ul>
        </section>
    }
}
