//! Publishing: the new version and "rules as of" date written into
//! pack.toml when the user confirms, then the pack downloaded as its files
//! (a zip) and as a bundle for `data-pack`. Also the comparison with the pack
//! as opened, which is what a publisher checks before publishing.

use leptos::prelude::*;
use policy_explainer::engine::Date;
use policy_explainer::{compiled, diff, pack};

use crate::checks::Check;
use crate::page::{checks, focus_soon, origin_label, Workspace};
use crate::words::Say;
use crate::{opening, web};

#[component]
pub fn Publish() -> impl IntoView {
    let ws: Workspace = expect_context();
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<(Say, String)>);
    let version_ref: NodeRef<leptos::html::Input> = NodeRef::new();
    let date_ref: NodeRef<leptos::html::Input> = NodeRef::new();
    let release_ref: NodeRef<leptos::html::Button> = NodeRef::new();
    let current = move || ws.good.with(|p| p.as_ref().map(|p| (p.id.clone(), p.version.clone(), p.rules_as_of)));
    let same_as_opened = move || {
        let now = current().map(|(_, v, d)| (v, d.to_string()));
        ws.has_drafts() && now.is_some() && now == origin_label(ws)
    };
    Effect::new(move |_| {
        if confirming.get() {
            request_animation_frame(move || {
                if let Some(input) = version_ref.get_untracked() {
                    let _ = input.focus();
                }
            });
        }
    });
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let version = version_ref.get_untracked().map(|i| i.value()).unwrap_or_default();
        let Some(date) = date_ref.get_untracked().and_then(|i| Date::parse(&i.value())) else {
            problem.set(Some(ws.words().release_bad_date.into()));
            return;
        };
        let manifest = ws.files.with_untracked(|f| f.iter().find(|(p, _)| p == "pack.toml").map(|(_, t)| t.clone()));
        match manifest.ok_or_else(|| ws.words().release_no_manifest.to_string()).and_then(|m| pack::set_release(&m, version.trim(), date)) {
            Ok(text) => {
                ws.replace("pack.toml", text);
                problem.set(None);
                confirming.set(false);
                done.set(Some((|w| w.released, format!(" {} {date}", version.trim()))));
                focus_soon(release_ref);
            }
            Err(e) => problem.set(Some(e)),
        }
    };
    let download = move |zip: bool| {
        ws.flush();
        let Some(pack) = ws.good.get_untracked().filter(|_| untrack(|| checks(ws))) else { return };
        // A version may hold characters a file name cannot.
        let version: String = pack.version.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '-' }).collect();
        let stem = format!("{}-{version}", pack.id);
        let (name, bytes) = if zip {
            match ws.files.with_untracked(|f| opening::zip_files(&stem, f, pack.rules_as_of)) {
                Ok(bytes) => (format!("{stem}.zip"), bytes),
                Err(e) => return problem.set(Some(e)),
            }
        } else {
            (format!("{stem}.bin"), compiled::encode(&pack))
        };
        if web::download(&name, &bytes, if zip { "application/zip" } else { "application/octet-stream" }) {
            done.set(Some((|w| w.downloaded, name)));
        }
    };
    view! {
        <section class="publish" aria-labelledby="publish-heading">
            <h2 id="publish-heading">{move || ws.words().publish}</h2>
            <p data-testid="release-now">
                {move || current().map(|(id, version, date)| {
                    let (a, b) = ws.words().current_release;
                    format!("{id}: {a} {version}{b} {date}")
                })}
            </p>
            <p class="note" data-testid="same-release">{move || same_as_opened().then(|| ws.words().same_release)}</p>
            {move || if confirming.get() {
                // Read once: a check finishing while the form is open must
                // not rebuild it under the user's typing.
                let version = ws.good.with_untracked(|p| p.as_ref().map(|p| pack::next_version(&p.version))).unwrap_or_default();
                let date = web::today_in_china().to_string();
                view! {
                    <form class="release" data-testid="release-form" on:submit=confirm>
                        <label for="release-version">{move || ws.words().new_version}</label>
                        <input id="release-version" type="text" required node_ref=version_ref value=version />
                        <label for="release-date">{move || ws.words().new_date}</label>
                        <input id="release-date" type="date" required node_ref=date_ref value=date />
                        <div>
                            <button type="submit" data-testid="release-confirm">{move || ws.words().release_yes}</button>
                            " "
                            <button type="button" on:click=move |_| {
                                confirming.set(false);
                                focus_soon(release_ref);
                            }>{move || ws.words().release_no}</button>
                        </div>
                    </form>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" data-testid="release" node_ref=release_ref disabled=move || current().is_none() on:click=move |_| confirming.set(true)>
                        {move || ws.words().release}
                    </button>
                }
                .into_any()
            }}
            <div class="actions">
                <button type="button" data-testid="download-zip" disabled=move || !checks(ws) on:click=move |_| download(true)>{move || ws.words().download_zip}</button>
                <button type="button" data-testid="download-bundle" disabled=move || !checks(ws) on:click=move |_| download(false)>{move || ws.words().download_bundle}</button>
            </div>
            <p class="note">{move || if checks(ws) { ws.words().tests_not_run } else { ws.words().cannot_publish }}</p>
            <div role="status" data-testid="publish-status">
                <p class="problem">{move || problem.get()}</p>
                <p>{move || done.get().map(|(say, what)| format!("{}{what}", say(ws.words())))}</p>
            </div>
            <p class="note">{move || ws.words().bundle_howto}</p>
        </section>
    }
}

/// How many generated answer sets per changed policy, as `policy diff`'s default.
const COMPARE_BOUND: usize = 20_000;

/// Why there is no comparison.
#[derive(Clone, Copy)]
enum CannotCompare {
    /// The edited pack has this many problems.
    Edited(usize),
    /// The pack as opened does not check itself.
    Opened,
}

/// The report of `policy diff`, the pack as opened against the edited pack,
/// on today's date: the same lines from the same code.
fn compare(ws: Workspace) -> Result<Vec<diff::ReportLine>, CannotCompare> {
    let problems = ws.result.with_untracked(|r| match r {
        Check::Problems(p) => p.len(),
        Check::Passes(_) => 0,
    });
    let new = ws.good.get_untracked().filter(|_| problems == 0).ok_or(CannotCompare::Edited(problems))?;
    let old = ws.origin_pack.get_untracked().ok_or(CannotCompare::Opened)?;
    let cases_of = |files: &Vec<(String, String)>| pack::case_facts(&pack::PackFiles::from_pairs(files.iter().cloned()));
    let cases = diff::answer_sets(ws.origin.with_untracked(|o| cases_of(&o.files)), ws.files.with_untracked(cases_of));
    let changes = diff::changes(&old, &new);
    let verdicts = diff::verdict_changes(&old, &new, &cases, web::today_in_china(), COMPARE_BOUND);
    Ok(diff::report(&changes, &verdicts))
}

/// A comparison and the edit it was made at: the report, or the number of
/// problems that kept it from running.
type Comparison = (u32, Result<Vec<diff::ReportLine>, CannotCompare>);

#[component]
pub fn Compare() -> impl IntoView {
    let ws: Workspace = expect_context();
    let report: RwSignal<Option<Comparison>> = RwSignal::new(None);
    let lines = move || {
        report.with(|r| match r {
            Some((_, Ok(lines))) => lines
                .iter()
                .map(|l| {
                    let class = format!("diff-{}{}", l.kind.as_str(), if l.kind.opens_block() { " block" } else { "" });
                    view! { <li class=class data-kind=l.kind.as_str()><code>{format!("{}{}", l.kind.prefix(), l.text)}</code></li> }
                })
                .collect_view()
                .into_any(),
            Some((_, Err(why))) => {
                let why = *why;
                view! { <li>{move || crate::words::cannot_compare(ws.en.get(), match why { CannotCompare::Edited(n) => Some(n), CannotCompare::Opened => None })}</li> }.into_any()
            }
            _ => ().into_any(),
        })
    };
    view! {
        <section class="compare" aria-labelledby="compare-heading">
            <h2 id="compare-heading">{move || ws.words().compare}</h2>
            <p>{move || ws.words().compare_intro}</p>
            <button type="button" data-testid="compare" on:click=move |_| {
                ws.flush();
                report.set(Some((ws.edits.get_untracked(), compare(ws))));
            }>{move || ws.words().compare_run}</button>
            <p class="note" role="status">{move || report.with(|r| r.as_ref().is_some_and(|(at, _)| *at != ws.edits.get())).then(|| ws.words().stale)}</p>
            <ul class="diff-report" data-testid="diff-report">{lines}</ul>
        </section>
    }
}
