//! The results: a summary in one screen, the results a person can act on as
//! compact cards with their next step, every other policy in one line
//! (collapsed), then how to keep or share them. The summary and the lists
//! are `html::results_html`'s text, the same the printout and the kiosk
//! receipt show, with one click listener for the cards' buttons; a kiosk
//! puts its take-home code and print button right beside the summary, so
//! both are in view without scrolling.

use crate::app::{
    browser,
    components::{qr_svg, send_results},
    i18n::ui,
    state::{AppState, Return, Step},
};
use leptos::prelude::*;
use policy_explainer::engine::{labels, wording};
use policy_explainer::html::{esc, places_html, results_html};
use policy_explainer::journey::compares_places;
use policy_explainer::launch::LaunchOptions;
use std::fmt::Write as _;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let copied = RwSignal::new(false);
    // Every button of the page: the cards' "answer these" (the questions
    // that policy still needs), copy, print, and the page's own actions.
    let act = move |ev: leptos::ev::MouseEvent| match browser::clicked_data(&ev, "data-action").as_deref() {
        None => send_results::clicked(&ev),
        Some("answer") => {
            let Some(p) = browser::clicked_data(&ev, "data-policy").and_then(|id| state.pack.policy_ix(&id)) else { return };
            if let Some(fact) = state.next_for_policy(p, None) {
                state.go(Step::Question { fact, then: Return::Policy(p) });
            }
        }
        Some("copy") => {
            browser::copy_to_clipboard(&share_link(&state));
            copied.set(true);
        }
        Some("print") => browser::print(),
        // Worked out only when opened: the summary toggles it, and the page
        // draws it again (focus back on the summary).
        Some("compare") => {
            ev.prevent_default();
            browser::mark("pe:places");
            browser::after_next_frame(|| browser::measure("pe:places-open", "pe:places"));
            state.places_open.update(|open| *open = !*open);
            browser::focus_soon("compare-summary");
        }
        Some("place-questions") => {
            let Some(ix) = browser::clicked_data(&ev, "data-place-ix").and_then(|ix| ix.parse::<usize>().ok()) else { return };
            if let Some(&fact) = state.places().get(ix).and_then(|place| place.questions.first()) {
                state.go(Step::Question { fact, then: Return::Place(ix) });
            }
        }
        Some(action @ ("send" | "confirm")) => send_results::act(&state, action, &ev),
        // A helper changes answers on the sheet they were given on.
        Some("review") => state.go(if state.options.assist { Step::Helper } else { Step::Review }),
        Some("start-over") => state.clear(),
        Some("library") => {
            ev.prevent_default();
            state.go(Step::Library);
        }
        _ => {}
    };
    // The page re-renders as a whole when the answers or the language change.
    move || {
        let lang = state.lang.get();
        let (t, l) = (ui(lang), labels(lang));
        let results = state.progress.with(|p| results_html(state.pack, &p.verdicts, &p.facts, lang));
        let link = share_link(&state);
        // The heading and the rules' date, then the summary at once; the
        // general caveat follows the results (each card says how sure it is).
        let mut top = format!(
            r#"<h1 id="page-heading" tabindex="-1">{}</h1><p class="rules-as-of" data-testid="results-rules-as-of">{} {}</p>"#,
            esc(t.results_heading),
            esc(l.rules_as_of),
            state.pack.rules_as_of
        );
        // Outside the pack's coverage, say first what the tool covers.
        let coverage_note =
            state.progress.with(|p| p.verdicts.first().filter(|v| v.outside_coverage).and(state.pack.coverage.as_ref()).map(|c| c.note.get(lang).to_string()));
        if let Some(n) = coverage_note {
            let _ = write!(top, r#"<p class="note coverage-note" role="note" data-testid="coverage-note">{}</p>"#, esc(&n));
        }
        // A kiosk's take-home code and print button sit beside the summary,
        // in view without scrolling; elsewhere the link comes after the results.
        let _ = write!(top, r#"<div class="results-top">{}"#, results.summary);
        let mut keep = String::new();
        if state.shared_device() {
            let qr = qr_svg(&link, t.qr_alt).unwrap_or_default();
            let base = share_base(&state);
            let _ = write!(
                top,
                r#"<section class="take-home" aria-labelledby="qr-heading" data-testid="take-home"><h2 id="qr-heading">{}</h2>{qr}<p class="qr-address">{} <span class="address" data-testid="qr-address">{}</span></p><p class="qr-explain">{}</p><button type="button" class="button primary no-print" data-action="print" data-testid="print">{}</button></section>"#,
                esc(t.qr_heading),
                esc(t.qr_opens),
                esc(&base),
                esc(t.qr_explain),
                esc(t.print_receipt)
            );
        } else {
            let _ = write!(
                keep,
                r#"<section class="share no-print" aria-labelledby="share-heading"><h2 id="share-heading">{}</h2><p id="share-explain">{}</p><label for="share-link" class="field-label">{}</label><input id="share-link" class="share-link" type="text" readonly aria-describedby="share-explain" data-testid="share-link" value="{}"><div class="button-row"><button type="button" class="button secondary" data-action="copy" data-testid="copy-link">{}</button><button type="button" class="button secondary" data-action="print" data-testid="print">{}</button></div></section>"#,
                esc(t.share_heading),
                esc(t.share_explain),
                esc(t.share_link_label),
                esc(&link),
                esc(t.copy_link),
                esc(t.print)
            );
        }
        top.push_str("</div>");
        top.push_str(&results.list);
        // After the lists, "compare places" (drawn on its own, below), then
        // the general caveat and how to keep the results.
        let rest = format!(r#"<p class="results-caveat">{}</p>{keep}"#, esc(t.results_intro));
        let actions = format!(
            r##"<nav class="result-actions no-print" aria-label="{0}"><button type="button" class="button secondary" data-action="review" data-testid="review">{0}</button><button type="button" class="button secondary" data-action="start-over" data-testid="start-over">{1}</button><a href="#policies" class="button secondary" data-action="library" data-testid="open-library">{2}</a></nav>"##,
            esc(t.review_answers),
            esc(t.start_over),
            esc(l.all_policies)
        );
        // Offered only when the host asked for the results.
        if state.options.embedded && state.options.send_results && state.options.host_origin.is_some() {
            top.push_str(send_results::PLACE);
            send_results::start(state);
        }
        view! {
            <div class="page results-page" on:click=act>
                <div inner_html=top></div>
                <div inner_html=move || compare_places_html(&state)></div>
                <div inner_html=rest></div>
                <p role="status" class="copied">{move || copied.get().then_some(t.link_copied)}</p>
                <div inner_html=actions></div>
            </div>
        }
    }
}

/// "Compare places", drawn on its own so that opening it leaves every
/// other section as the person left it (opened or not); worked out only
/// when open.
fn compare_places_html(state: &AppState) -> String {
    if !compares_places(state.pack) {
        return String::new();
    }
    let lang = state.lang.get();
    let open = state.places_open.get();
    format!(
        r#"<details class="compare-places{}" data-testid="compare-places"{}><summary id="compare-summary" data-action="compare"><h2>{}</h2></summary>{}</details>"#,
        if open { "" } else { " no-print" },
        if open { " open" } else { "" },
        esc(wording::places_heading(lang)),
        if open { places_html(state.pack, &state.places(), lang) } else { String::new() }
    )
}

/// The address a share link and a kiosk's code open (the app's own, or a
/// kiosk's public one).
fn share_base(state: &AppState) -> String {
    state.options.share_base.clone().unwrap_or_else(browser::page_address)
}

/// The share link: the answers and the language only, never the embedding
/// or kiosk settings of the page it was made on.
fn share_link(state: &AppState) -> String {
    share_base(state) + &LaunchOptions::default().fragment_with(state.lang.get_untracked(), None, Some((&state.share_code(), &state.pack.label())))
}
