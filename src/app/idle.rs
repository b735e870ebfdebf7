//! An idle clock as a hook: named options in, named signals out. It only
//! counts and listens; what to draw when someone is idle is the caller's
//! business (the kiosk's [`crate::app::components::IdleGuard`]).

use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

/// What counts as idle and what happens when the time is up.
pub struct IdleOptions<Counting, Expire> {
    /// Seconds without a touch, key or pointer movement before the warning.
    pub warn_after: u32,
    /// Seconds the warning stays up before [`IdleOptions::on_expire`] runs.
    pub grace: u32,
    /// Whether there is anything to protect yet; while false the clock
    /// stays at zero.
    pub counting: Counting,
    /// Runs once when the warning's grace time is over; the clock restarts.
    pub on_expire: Expire,
}

/// The clock's state, for drawing the warning.
#[derive(Clone, Copy)]
pub struct IdleClock {
    /// The warning is due: `warn_after` seconds have passed untouched.
    pub warning: Memo<bool>,
    /// Seconds left before `on_expire` runs.
    pub remaining: Memo<u32>,
    idle: RwSignal<u32>,
}

impl IdleClock {
    /// The person is still here (the warning's own button): start again.
    pub fn reset(&self) {
        self.idle.set(0);
    }
}

/// Starts the clock for as long as the calling component lives: its
/// listeners and interval go with it.
pub fn use_idle(options: IdleOptions<impl Fn() -> bool + 'static, impl Fn() + 'static>) -> IdleClock {
    let IdleOptions { warn_after, grace, counting, on_expire } = options;
    let idle = RwSignal::new(0u32);
    let warning = Memo::new(move |_| idle.get() >= warn_after);
    let remaining = Memo::new(move |_| (warn_after + grace).saturating_sub(idle.get()));

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

    if let Ok(ticker) = set_interval_with_handle(
        move || {
            if !counting() {
                idle.set(0);
                return;
            }
            idle.update(|s| *s += 1);
            if idle.get_untracked() >= warn_after + grace {
                idle.set(0);
                on_expire();
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || ticker.clear());
    }
    IdleClock { warning, remaining, idle }
}
