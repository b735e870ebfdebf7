//! The frame around every page: skip link, header with the language switch,
//! the elder-friendly mode and "clear my answers", the notice line, and the
//! footer. A kiosk's "end and clear" (a helper's desk's "next person") sits
//! alone in a bar at the bottom of the screen, within reach and well apart
//! from every other button, and gives a few seconds to undo a mis-tap before
//! it wipes.

use crate::app::{browser, i18n::ui, state::AppState};
use leptos::ev;
use leptos::prelude::*;
use policy_explainer::engine::{labels, Lang};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let state = expect_context::<AppState>();
    if state.kiosk() {
        // No long-press menus on a shared touch screen.
        let handle = window_event_listener(ev::contextmenu, |e| e.prevent_default());
        on_cleanup(move || handle.remove());
    }
    // The header and footer re-render when the language (or whether there
    // are answers to clear) changes; the page between them keeps its state.
    let header = move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
        // "Clear my answers" once there are some (a kiosk has its own bar).
        let clear = (!state.shared_device() && state.has_own_answers()).then(
            || view! { <button type="button" class="link-button" data-testid="clear-answers" on:click=move |_| state.clear()>{t.clear_answers}</button> },
        );
        view! {
            <a class="skip-link" href="#main" on:click=|e| {
                // Jump without writing "#main" over the fragment, which holds the answers.
                e.prevent_default();
                browser::focus_soon("main");
            }>{t.skip_to_content}</a>
            <header class="site-header">
                <p class="site-name">{t.app_name}</p>
                <div class="header-actions">
                    <button type="button" class="link-button" data-testid="lang-switch" lang=other.html_tag() on:click=move |_| state.lang.set(other)>{t.language_switch}</button>
                    <Toggle on=state.elder class="toggle" testid="elder-toggle" label=t.elder_mode />
                    // Hidden by CSS until read-aloud.js finds a local voice.
                    <Toggle on=state.read_aloud class="toggle read-toggle" testid="read-toggle" label=labels(lang).read_aloud />
                    {clear}
                </div>
            </header>
        }
    };
    let footer = move || {
        let lang = state.lang.get();
        let t = ui(lang);
        let l = labels(lang);
        view! {
            <footer class="site-footer">
                <p>{format!("{} {} · {}", l.rules_as_of, state.pack.rules_as_of, state.pack.region.get(lang))}</p>
                <p class="print-only">{format!("{} {}", t.printed_on, state.date)}</p>
            </footer>
        }
    };
    view! {
        {header}
        <main id="main" tabindex="-1">
            {move || state.notice.get().map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
            {children()}
        </main>
        {footer}
        {state.shared_device().then(|| view! { <EndSessionBar /> })}
    }
}

/// A header switch that shows its state, not only to screen readers.
#[component]
fn Toggle(on: RwSignal<bool>, class: &'static str, testid: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <button type="button" class=format!("link-button {class}") class:is-on=move || on.get() data-testid=testid aria-pressed=move || on.get().to_string()
            on:click=move |_| on.update(|e| *e = !*e)>
            <span class="toggle-mark" aria-hidden="true">{move || if on.get() { "✓" } else { "" }}</span>{label}</button>
    }
}

/// How long a kiosk's "end and clear" waits for an undo before it wipes.
const UNDO_SECONDS: u64 = 5;

/// A kiosk's "end and clear", alone at the bottom of the screen: pressed,
/// it says the answers will be wiped and offers Undo for a few seconds,
/// then wipes as the idle timeout does.
#[component]
fn EndSessionBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Which press is pending: an undo, or a second press, retires the timer
    // of an earlier one.
    let pending = RwSignal::new(None::<u32>);
    let presses = StoredValue::new(0u32);
    let end = move |_| {
        let press = presses.get_value() + 1;
        presses.set_value(press);
        pending.set(Some(press));
        set_timeout(
            move || {
                if pending.get_untracked() == Some(press) {
                    pending.set(None);
                    state.clear();
                }
            },
            std::time::Duration::from_secs(UNDO_SECONDS),
        );
    };
    let undo = move |_| pending.set(None);
    // For the person who meant it and is leaving now: no need to wait.
    let clear_now = move |_| {
        pending.set(None);
        state.clear();
    };
    move || {
        let t = ui(state.lang.get());
        // At a helper's desk the same wipe is "next person".
        let label = if state.options.assist { t.next_person } else { t.end_session };
        match pending.get() {
            None => leptos::either::Either::Left(view! {
                <div class="kiosk-bar no-print">
                    <button type="button" class="button secondary end-session" data-testid="end-session" on:click=end>{label}</button>
                </div>
            }),
            Some(_) => leptos::either::Either::Right(view! {
                <div class="kiosk-bar is-ending no-print" role="alert">
                    <p class="ending-note" data-testid="ending-note">{(t.ending_soon)(UNDO_SECONDS)}</p>
                    <button type="button" class="button primary" data-testid="undo-end" on:click=undo>{t.undo}</button>
                    <button type="button" class="button secondary" data-testid="clear-now" on:click=clear_now>{t.clear_now}</button>
                </div>
            }),
        }
    }
}
