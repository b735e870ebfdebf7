//! Kiosk idle reset: after the idle time, a warning with a countdown of at
//! least 30 seconds and a button to continue (any number of times); then
//! everything is wiped and the start page returns, ready for the next person.

use crate::app::{
    browser,
    i18n::ui,
    state::{AppState, Step},
};
use leptos::ev;
use leptos::prelude::*;
use policy_explainer::launch::WARNING_SECONDS;
use std::time::Duration;

#[component]
pub fn IdleGuard() -> impl IntoView {
    let state = expect_context::<AppState>();
    let limit = state.options.idle_seconds;
    // Seconds since the last touch, key or pointer movement.
    let idle = RwSignal::new(0u32);
    let warning = Memo::new(move |_| idle.get() >= limit);
    let remaining = Memo::new(move |_| (limit + WARNING_SECONDS).saturating_sub(idle.get()));

    // Someone is here: start counting again, unless the warning is up, which
    // asks for its own button so that a stray touch cannot hide it unseen.
    let still_here = move || {
        if !warning.get_untracked() {
            idle.set(0);
        }
    };
    // Each event is its own type, hence one listener per line.
    let handles = [
        window_event_listener(ev::pointerdown, move |_| still_here()),
        window_event_listener(ev::keydown, move |_| still_here()),
        window_event_listener(ev::touchstart, move |_| still_here()),
        window_event_listener(ev::wheel, move |_| still_here()),
        window_event_listener(ev::input, move |_| still_here()),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));

    // Nobody to protect on an untouched start page: the clock only runs once
    // someone has begun.
    let started = move || state.step.get_untracked() != Step::Start || untrack(|| state.has_own_answers());
    if let Ok(ticker) = set_interval_with_handle(
        move || {
            if !started() {
                idle.set(0);
                return;
            }
            idle.update(|s| *s += 1);
            if idle.get_untracked() >= limit + WARNING_SECONDS {
                idle.set(0);
                state.clear();
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || ticker.clear());
    }
    Effect::new(move |_| {
        if warning.get() {
            browser::focus_soon("idle-continue");
        }
    });

    let t = move || ui(state.lang.get());
    // Announced when the warning appears and at a few milestones, not every
    // second, so that a screen reader can still be heard.
    let announcement = move || {
        let n = remaining.get();
        (warning.get() && (n == WARNING_SECONDS || n == 20 || n == 10 || n == 5)).then(|| (t().idle_message)(n))
    };
    view! {
        <p class="visually-hidden" aria-live="assertive" data-testid="idle-announcement">{announcement}</p>
        <Show when=move || warning.get()>
            <div class="idle-backdrop">
                <div class="idle-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-message" data-testid="idle-warning">
                    <h2 id="idle-title">{move || t().idle_title}</h2>
                    <p id="idle-message">{move || (t().idle_message)(remaining.get())}</p>
                    <p class="idle-countdown" aria-hidden="true" data-testid="idle-countdown">{move || remaining.get()}</p>
                    <button type="button" id="idle-continue" class="button primary" data-testid="idle-continue" on:click=move |_| {
                        idle.set(0);
                        browser::focus_soon("page-heading");
                    }>{move || t().idle_continue}</button>
                </div>
            </div>
        </Show>
    }
}
