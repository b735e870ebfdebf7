//! The page's heading, the language switch, what the studio is, and the
//! short writing guide (sections of policies/README.md as HTML, made by
//! build.rs and fetched from beside studio.html).

use leptos::prelude::*;
use policy_explainer::engine::Lang;

use crate::state::{click, tr, Studio};
use crate::web;

/// The guide's HTML, beside studio.html (scripts/build-studio.mjs).
const GUIDE: &str = "studio-guide.html";

pub fn head(s: Studio) -> impl IntoView {
    let guide = RwSignal::new(String::new());
    leptos::task::spawn_local(async move {
        if let Ok(bytes) = web::fetch_beside(GUIDE).await {
            guide.set(String::from_utf8(bytes).unwrap_or_default());
        }
    });
    let switch = move |_| s.lang.update(|l| *l = if *l == Lang::Zh { Lang::En } else { Lang::Zh });
    view! {
        <header class="studio-head">
            <h1>{tr(s, |w| w.title)}</h1>
            <button type="button" class="lang" lang=tr(s, |w| w.other_lang_code) on:click=click(switch)>{tr(s, |w| w.other_lang)}</button>
        </header>
        <p>{tr(s, |w| w.intro)}</p>
        <p class="note">{tr(s, |w| w.not_stored)}</p>
        <details class="guide" data-testid="guide">
            <summary>{tr(s, |w| w.guide)}</summary>
            <p class="note">{tr(s, |w| w.guide_note)}</p>
            <div lang="en" inner_html=Memo::new(move |_| guide.get())></div>
        </details>
    }
}
