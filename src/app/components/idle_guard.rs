//! Kiosk idle reset: after the idle time, a warning with a countdown of at
//! least 30 seconds and a button to continue (any number of times); then
//! everything is wiped and the start page returns, ready for the next person.
//! The counting is [`use_idle`]'s; this component draws the warning.

use crate::app::{
    browser,
    i18n::ui,
    idle::{use_idle, IdleClock, IdleOptions},
    state::{AppState, Step},
};
use leptos::prelude::*;
use policy_explainer::launch::WARNING_SECONDS;

#[component]
pub fn IdleGuard() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Nobody to protect on an untouched start page: the clock only runs once
    // someone has begun.
    let clock = use_idle(IdleOptions {
        warn_after: state.options.idle_seconds,
        grace: WARNING_SECONDS,
        counting: move || state.step.get_untracked() != Step::Start || untrack(|| state.has_own_answers()),
        on_expire: move || state.clear(),
    });
    let IdleClock { warning, remaining, .. } = clock;
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
                        clock.reset();
                        browser::focus_soon("page-heading");
                    }>{move || t().idle_continue}</button>
                </div>
            </div>
        </Show>
    }
}
