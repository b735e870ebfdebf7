//! The results: a summary in one screen, the results a person can act on as
//! compact cards with their next step, every other policy in one line
//! (collapsed), then how to keep or share them. The summary and the lists
//! are `html::results_html`'s text, the same the printout and the kiosk
//! receipt show, with one click listener for the cards' buttons; a kiosk
//! puts its take-home code and print button right beside the summary, so
//! both are in view without scrolling.

use crate::app::{
    browser,
    components::QrCodeImage,
    embed,
    i18n::ui,
    state::{AppState, Return, Step},
};
use leptos::either::Either;
use leptos::prelude::*;
use policy_explainer::engine::labels;
use policy_explainer::html::results_html;
use policy_explainer::launch::LaunchOptions;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let copied = RwSignal::new(false);
    // The cards' buttons: "answer these" asks the questions that policy still needs.
    let act = move |ev: leptos::ev::MouseEvent| {
        if browser::clicked_data(&ev, "data-action").as_deref() != Some("answer") {
            return;
        }
        let Some(p) = browser::clicked_data(&ev, "data-policy").and_then(|id| state.pack.policy_ix(&id)) else { return };
        if let Some(fact) = state.next_for_policy(p, None) {
            state.go(Step::Question { fact, then: Return::Policy(p) });
        }
    };
    // The page re-renders as a whole when the answers or the language change.
    move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let l = labels(lang);
        let results = state.progress.with(|p| results_html(state.pack, &p.verdicts, &p.facts, lang));
        // A shared link carries only the answers and the language, never the
        // embedding or kiosk settings of the page it was made on.
        let base = state.options.share_base.clone().unwrap_or_else(browser::page_address);
        let link = base.clone() + &LaunchOptions::default().fragment_with(lang, None, Some((&state.share_code(), &state.pack.label())));
        // Outside the pack's coverage, say first what the tool covers.
        let coverage_note =
            state.progress.with(|p| p.verdicts.first().filter(|v| v.outside_coverage).and(state.pack.coverage.as_ref()).map(|c| c.note.get(lang).to_string()));
        let keep = if state.kiosk() {
            Either::Left(view! {
                <section class="take-home" aria-labelledby="qr-heading" data-testid="take-home">
                    <h2 id="qr-heading">{t.qr_heading}</h2>
                    <QrCodeImage text=link.clone() label=t.qr_alt.to_string() />
                    <p class="qr-address">{t.qr_opens}" "<span class="address" data-testid="qr-address">{base}</span></p>
                    <p class="qr-explain">{t.qr_explain}</p>
                    <button type="button" class="button primary no-print" data-testid="print" on:click=move |_| browser::print()>{t.print_receipt}</button>
                </section>
            })
        } else {
            let copy = link.clone();
            Either::Right(view! {
                <section class="share no-print" aria-labelledby="share-heading">
                    <h2 id="share-heading">{t.share_heading}</h2>
                    <p id="share-explain">{t.share_explain}</p>
                    <label for="share-link" class="field-label">{t.share_link_label}</label>
                    <input id="share-link" class="share-link" type="text" readonly aria-describedby="share-explain" data-testid="share-link" prop:value=link />
                    <div class="button-row">
                        <button type="button" class="button secondary" data-testid="copy-link" on:click=move |_| {
                            browser::copy_to_clipboard(&copy);
                            copied.set(true);
                        }>{t.copy_link}</button>
                        <button type="button" class="button secondary" data-testid="print" on:click=move |_| browser::print()>{t.print}</button>
                    </div>
                    <p role="status" class="copied">{move || copied.get().then_some(t.link_copied)}</p>
                </section>
            })
        };
        let (kiosk_keep, page_keep) = if state.kiosk() { (Some(keep), None) } else { (None, Some(keep)) };
        let send = (state.options.embedded && state.options.send_results && state.options.host_origin.is_some()).then(|| view! { <SendResults /> });
        view! {
            <div class="page results-page" on:click=act>
                <h1 id="page-heading" tabindex="-1">{t.results_heading}</h1>
                <p class="lead">{t.results_intro}</p>
                <p class="rules-as-of" data-testid="results-rules-as-of">{format!("{} {}", l.rules_as_of, state.pack.rules_as_of)}</p>
                {coverage_note.map(|n| view! { <p class="note coverage-note" role="note" data-testid="coverage-note">{n}</p> })}
                <div class="results-top">
                    <div inner_html=results.summary></div>
                    {kiosk_keep}
                </div>
                <div inner_html=results.list></div>
                {page_keep}
                {send}
                <nav class="result-actions no-print" aria-label=t.review_answers>
                    <button type="button" class="button secondary" data-testid="review" on:click=move |_| state.go(Step::Review)>{t.review_answers}</button>
                    <button type="button" class="button secondary" data-testid="start-over" on:click=move |_| state.clear()>{t.start_over}</button>
                    <a href="#policies" class="button secondary" data-testid="open-library" on:click=move |ev| {
                        ev.prevent_default();
                        state.go(Step::Library);
                    }>{l.all_policies}</a>
                </nav>
            </div>
        }
    }
}
/// Sends the results to the embedding host page: offered only when the host
/// asked for them, and done only after the applicant ticks the consent box
/// and presses the button.
#[component]
fn SendResults() -> impl IntoView {
    let state = expect_context::<AppState>();
    let t = ui(state.lang.get_untracked());
    let consent = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let send = move |_| {
        if consent.get_untracked() {
            state.progress.with_untracked(|p| embed::send_results(state.options, state.pack, &state.date.to_string(), &p.verdicts));
            sent.set(true);
        }
    };
    view! {
        <section class="send-results no-print" aria-labelledby="send-heading" data-testid="send-results">
            <h2 id="send-heading">{t.send_heading}</h2>
            <p>{t.send_explain}</p>
            <div class="choice">
                <input type="checkbox" id="send-consent" data-testid="send-consent" prop:checked=move || consent.get() on:change=move |e| consent.set(event_target_checked(&e)) />
                <label for="send-consent">{t.send_consent}</label>
            </div>
            <button type="button" class="button secondary" data-testid="send-button" disabled=move || !consent.get() on:click=send>{t.send_button}</button>
            <p role="status">{move || sent.get().then_some(t.send_done)}</p>
        </section>
    }
}
