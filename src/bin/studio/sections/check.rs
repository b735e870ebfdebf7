//! The pack checked as you type, as `policy check` prints it: each problem a
//! button that opens its file at its place; and the source documents for
//! checking quotes word for word, as `policy check --sources DIR` does (a
//! folder the user chooses, read in this page only and kept only while it
//! is open).

use leptos::html;
use leptos::prelude::*;

use crate::checks::{Check, Sources};
use crate::reports::problems_html;
use crate::state::{aria, click, handle, shown, tr, Studio};
use crate::web::{self, Picking};
use crate::words::{sources_loaded, summary};

pub fn check_results(s: Studio) -> impl IntoView {
    let state = move || match (s.loaded.get(), s.pending.get()) {
        (Ok(false), _) => "loading",
        (Err(_), _) => "cannot-load",
        (_, true) => "checking",
        _ => s.result.with(|r| if matches!(r, Check::Passes(_)) { "ok" } else { "problems" }),
    };
    let said = move || match state() {
        "loading" => s.words().loading.to_string(),
        "cannot-load" => String::new(),
        "checking" => s.words().checking.to_string(),
        _ => s.result.with(|r| summary(s.lang.get(), r)),
    };
    let problems = Memo::new(move |_| {
        s.result.with(|r| match r {
            Check::Passes(_) => String::new(),
            Check::Problems(problems) => problems_html(problems),
        })
    });
    // One listener for every problem's button.
    let go_to = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = web::clicked(&ev, "button[data-file]") else { return };
        let file = button.get_attribute("data-file").unwrap_or_default();
        let offset = button.get_attribute("data-offset").and_then(|o| o.parse().ok()).unwrap_or(0);
        s.ws.update(|w| w.go_to(&file, offset));
    };
    view! {
        <section aria-labelledby="check-heading">
            <h2 id="check-heading">{tr(s, |w| w.results)}</h2>
            {quote_sources(s)}
            <div aria-live="polite" aria-busy=aria(move || s.pending.get())>
                <p data-testid="check-status" data-state=shown(state)>{shown(said)}</p>
            </div>
            <ul class="diagnostics" data-testid="diagnostics" on:click=click(go_to) inner_html=problems></ul>
        </section>
    }
}

fn quote_sources(s: Studio) -> impl IntoView {
    let input: NodeRef<html::Input> = NodeRef::new();
    let problem = RwSignal::new(None::<String>);
    web::folder_input(input);
    let take = move |picked: Picking| match picked {
        Ok(None) => {}
        Ok(Some(picked)) => {
            let folder = web::top_folder(&picked);
            let docs: Sources = picked
                .into_iter()
                .filter(|(p, _)| p.ends_with(".txt"))
                .filter_map(|(p, bytes)| Some((p.rsplit('/').next()?.to_string(), String::from_utf8(bytes).ok()?)))
                .collect();
            if docs.is_empty() {
                problem.set(Some(format!("{folder}: no .txt source documents here")));
                return;
            }
            problem.set(None);
            s.sources.set(Some((folder, docs)));
            s.recheck();
        }
        Err(e) => problem.set(Some(e)),
    };
    let state = move || {
        s.sources.with(|found| match found {
            Some((folder, docs)) => sources_loaded(s.lang.get(), folder, docs.len()),
            None => s.words().sources_none.to_string(),
        })
    };
    view! {
        <div class="sources">
            <p data-testid="sources-state">{shown(state)}</p>
            <button type="button" data-testid="choose-sources" on:click=click(move |_| web::choose_folder(input, take))>{tr(s, |w| w.choose_sources)}</button>
            <input type="file" hidden multiple data-testid="sources-input" node_ref=input on:change=handle(move |ev: leptos::ev::Event| web::read_input(event_target(&ev), take)) />
            <p role="alert" class="problem">{shown(move || problem.get().unwrap_or_default())}</p>
        </div>
    }
}
