//! The frame around every page: skip link, header with the language switch,
//! the elder-friendly mode and "clear my answers" (a kiosk's "end and clear"),
//! the notice line, and the footer.

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
        // A kiosk's "end and clear" is always there; "clear my answers" once there are some.
        let clear = if state.kiosk() {
            Some(("button secondary end-session", "end-session", t.end_session))
        } else if state.has_own_answers() {
            Some(("link-button", "clear-answers", t.clear_answers))
        } else {
            None
        };
        let clear = clear.map(|(class, testid, label)| {
            view! { <button type="button" class=class data-testid=testid on:click=move |_| state.clear()>{label}</button> }
        });
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
                    <button type="button" class="link-button" data-testid="elder-toggle" aria-pressed=move || state.elder.get().to_string()
                        on:click=move |_| state.elder.update(|e| *e = !*e)>{t.elder_mode}</button>
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
    }
}
