//! The results, grouped: eligible, meets the published conditions, possible,
//! not eligible, not in force, and (collapsed, one line each) not for you;
//! then how to keep or share them.

use crate::app::{
    browser,
    components::{PolicyCard, QrCodeImage},
    embed,
    i18n::ui,
    state::{AppState, Step},
};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use policy_explainer::engine::{explain, labels, wording, ResultGroup};
use policy_explainer::launch::LaunchOptions;

/// Policies that are not for this applicant, or not in force: one line each
/// saying why ("仅面向企业", the dates), never a card with a near miss or
/// with conditions nobody needs to answer. Not-for-you lines are collapsed.
fn one_line_each(state: AppState, members: Vec<usize>, group: ResultGroup) -> impl IntoView {
    let lang = state.lang.get();
    let t = ui(lang);
    let count = members.len();
    let (testid, class) = match group {
        ResultGroup::NotForYou => ("not-for-you-line", "not-for-you-why"),
        _ => ("not-in-force-line", "validity-note"),
    };
    let lines = state.progress.with(|p| {
        members
            .into_iter()
            .map(|i| {
                let e = explain(state.pack, &p.verdicts[i], &p.facts, lang);
                let why = e.not_for_you.or(e.validity_note).unwrap_or_default();
                view! {
                    <li data-testid=testid data-policy=e.policy_id data-status=e.status.as_str()>
                        <span class="summary-name">{e.name}</span>" — "<span class=class>{why}</span>
                    </li>
                }
            })
            .collect_view()
    });
    if group == ResultGroup::NotForYou {
        Either::Left(view! {
            <details class="one-line-list not-for-you-list">
                <summary>{(t.show_not_for_you)(count)}</summary>
                <ul>{lines}</ul>
            </details>
        })
    } else {
        Either::Right(view! { <ul class="one-line-list">{lines}</ul> })
    }
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let copied = RwSignal::new(false);
    // The page re-renders as a whole when the answers or the language change.
    move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let l = labels(lang);
        // A shared link carries only the answers and the language, never the
        // embedding or kiosk settings of the page it was made on.
        let link = state.options.share_base.clone().unwrap_or_else(browser::page_address)
            + &LaunchOptions::default().fragment_with(lang, None, Some((&state.share_code(), &state.pack.label())));
        let groups = ResultGroup::ALL
            .iter()
            .map(|&group| {
                let key = group.as_str();
                let members: Vec<usize> = state.progress.with(|p| p.verdicts.iter().filter(|v| ResultGroup::of(v.status) == group).map(|v| v.policy).collect());
                let heading_id = format!("group-{key}");
                let labelled_by = heading_id.clone();
                let count = members.len();
                let cards = if members.is_empty() {
                    EitherOf3::A(view! { <p class="empty">{t.group_empty}</p> })
                } else if matches!(group, ResultGroup::NotForYou | ResultGroup::NotInForce) {
                    EitherOf3::B(one_line_each(state, members, group))
                } else {
                    EitherOf3::C(members.into_iter().map(|p| view! { <PolicyCard policy=p /> }).collect_view())
                };
                view! {
                    <section class=format!("result-group group-{key}") aria-labelledby=labelled_by data-testid=format!("group-{key}")>
                        <h2 id=heading_id>{wording::group_title(group, lang)}" ("{count}")"</h2>
                        {cards}
                    </section>
                }
            })
            .collect_view();
        // Outside the pack's coverage, say first what the tool covers.
        let coverage_note =
            state.progress.with(|p| p.verdicts.first().filter(|v| v.outside_coverage).and(state.pack.coverage.as_ref()).map(|c| c.note.get(lang).to_string()));
        let keep = if state.kiosk() {
            Either::Left(view! {
                <section class="take-home" aria-labelledby="qr-heading">
                    <h2 id="qr-heading">{t.qr_heading}</h2>
                    <p>{t.qr_explain}</p>
                    <QrCodeImage text=link.clone() label=t.qr_alt.to_string() />
                    <div class="button-row no-print">
                        <button type="button" class="button secondary" data-testid="print" on:click=move |_| browser::print()>{t.print_receipt}</button>
                    </div>
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
        let send = (state.options.embedded && state.options.send_results && state.options.host_origin.is_some()).then(|| view! { <SendResults /> });
        view! {
            <div class="page results-page">
                <h1 id="page-heading" tabindex="-1">{t.results_heading}</h1>
                <p class="lead">{t.results_intro}</p>
                <p class="rules-as-of" data-testid="results-rules-as-of">{format!("{} {}", l.rules_as_of, state.pack.rules_as_of)}</p>
                {coverage_note.map(|n| view! { <p class="note coverage-note" role="note" data-testid="coverage-note">{n}</p> })}
                {groups}
                {keep}
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
