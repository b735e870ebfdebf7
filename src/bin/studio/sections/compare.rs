//! The comparison with the pack as opened, which is what a publisher checks
//! before publishing: the report of `policy diff`, line for line and from
//! the same code, on today's date.

use leptos::prelude::*;
use policy_explainer::html::esc;
use policy_explainer::{diff, pack};

use crate::checks::Check;
use crate::reports::diff_html;
use crate::state::{click, shown, tr, Studio};
use crate::web;
use crate::words::cannot_compare;

/// How many generated answer sets per changed policy, as `policy diff`'s default.
const COMPARE_BOUND: usize = 20_000;

/// Why there is no comparison: the edited pack's problems, or (`None`) the
/// pack as opened does not check itself.
type CannotCompare = Option<usize>;

/// A comparison and the edit it was made at.
type Comparison = (u32, Result<Vec<diff::ReportLine>, CannotCompare>);

fn compare(s: Studio) -> Result<Vec<diff::ReportLine>, CannotCompare> {
    let problems = s.result.with_untracked(|r| match r {
        Check::Problems(p) => p.len(),
        Check::Passes(_) => 0,
    });
    let new = s.good.get_untracked().filter(|_| problems == 0).ok_or(Some(problems))?;
    let old = s.origin_pack.get_untracked().ok_or(None)?;
    let cases = s.ws.with_untracked(|w| diff::answer_sets(pack::case_facts(&w.origin().files), pack::case_facts(w.files())));
    let changes = diff::changes(&old, &new);
    let verdicts = diff::verdict_changes(&old, &new, &cases, web::today_in_china(), COMPARE_BOUND);
    Ok(diff::report(&changes, &verdicts))
}

pub fn comparison(s: Studio) -> impl IntoView {
    let report: RwSignal<Option<Comparison>> = RwSignal::new(None);
    let lines = Memo::new(move |_| {
        report.with(|r| match r {
            Some((_, Ok(lines))) => diff_html(lines),
            Some((_, Err(why))) => format!("<li>{}</li>", esc(&cannot_compare(s.lang.get(), *why))),
            None => String::new(),
        })
    });
    let stale = move || if report.with(|r| r.as_ref().is_some_and(|(at, _)| *at != s.edits.get())) { s.words().stale } else { "" };
    view! {
        <section class="compare" aria-labelledby="compare-heading">
            <h2 id="compare-heading">{tr(s, |w| w.compare)}</h2>
            <p>{tr(s, |w| w.compare_intro)}</p>
            <button type="button" data-testid="compare" on:click=click(move |_| {
                s.flush();
                report.set(Some((s.edits.get_untracked(), compare(s))));
            })>{tr(s, |w| w.compare_run)}</button>
            <p class="note" role="status">{shown(stale)}</p>
            <ul class="diff-report" data-testid="diff-report" inner_html=lines></ul>
        </section>
    }
}
